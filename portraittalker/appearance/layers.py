"""Appearance layers: skin, hair and cloth each get their own tri-grid field.

A tri-grid sums three axis-aligned feature planes, so any two surfaces that project onto the
same texels share them: a fringe and the forehead behind it, hair hanging beside a cheek, a
collar under long hair. At the coarse levels these surfaces are a few texels apart at most,
and the decoder cannot tell them apart, so each one's colour leaks onto the other. A dressed
head therefore keeps one field per layer of geometry (the body's skin, the hair, the
clothes); a canonical point is decoded by the field of the layer it lies on, so the layers
share no texel and no decoder. A head without hair or cloth geometry (bundled, FLAME) has a
single layer and its field behaves exactly as before.

Which layer (and which vertex, for `parts.PartShader`) a point lies on is one nearest-sample
query (`SurfaceLabels`) over the vertices plus a fine lattice of points inside every face: a
point on a hair shell or a collar a few mm off the skin is then found on the shell, not on the
dense skin vertex that happens to be closer than the shell's own widely spaced vertices.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from scipy.spatial import cKDTree
from torch import Tensor, nn

from ..head.model import HeadModel
from .parts import MOUTH_PROP_REGIONS
from ..render.baked import lattice_barycentrics
from .trigrid import TriGridConfig, TriGridField

BASE_LAYER = "skin"           # the body mesh and everything else without a layer of its own
# Separate geometry laid over the body, by the head regions it carries. Garment layers lie a
# few mm apart (the shirt inside a jacket's V under its edge, the tie on the shirt and on under
# the jacket): in one field their colours fringed each other's edges, so each has its own.
LAYER_REGIONS: dict[str, tuple[str, ...]] = {
    "hair": ("hair", "facial_hair"),
    "cloth": ("cloth",),
    "cloth_inner": ("cloth_inner",),
    "tie": ("tie", "suspenders"),  # bands laid on the shirt
    "glasses": ("glasses", "lenses", "earrings", "necklace", "headphones", "crown", "crown_stones",
                "piercings", "strap", "eyepatch", "horns", "flowers", "flowers_2", "flowers_3", "flower_hearts",
                "leaves", "hearing_aid", "cap_peak", "cap_badge", *MOUTH_PROP_REGIONS),  # accessories
    "headwear": ("headwear", "scarf", "neckerchief", "headband", "veil", "fur_trim", "cap_band"),  # cloth worn over the head or round the neck
    "face_mask": ("face_mask",),  # on the face: in the skin's field its colour fringed the cheeks
}
# Texel size of a layer's field relative to the base field's: hair keeps the skin's detail
# (strands); cloth, the largest layer, has only folds and weave at coarser scales.
LAYER_TEXEL_SCALE: dict[str, float] = {"hair": 1.0, "cloth": 2.0, "cloth_inner": 2.0, "tie": 1.0, "glasses": 1.0, "headwear": 2.0,
                                     "face_mask": 1.0}
LAYER_BOX_MARGIN = 0.04       # a layer field's box: its vertices' box grown by this share of its size
MIN_LAYER_RESOLUTION = 8
# Lookup samples inside every face (besides its corners, the vertices): a barycentric lattice
# this fine (the dressed body's skin vertices lie ~3 mm apart; a hair or garment face spans 1-3 cm).
SAMPLE_SPACING_M = 0.003
MAX_FACE_SUBDIVISIONS = 16


def face_lattice(subdivisions: int) -> np.ndarray:
    """[S,3] barycentrics of the render bake's lattice with `subdivisions` steps per edge,
    corners left out (they are the vertices)."""
    b = lattice_barycentrics(subdivisions).double().numpy()
    return b[b.max(axis=1) < 1.0]


def vertex_layers(head: HeadModel, layer_regions: dict[str, tuple[str, ...]]) -> np.ndarray:
    """[V] int: 0 (the base layer) or 1 + the index of the layer in `layer_regions` whose
    regions hold the vertex."""
    out = np.zeros(head.num_vertices, np.int64)
    if head.regions is None:
        return out
    names = tuple(head.region_names)
    labels = np.asarray(head.regions, np.int64)
    for k, regions in enumerate(layer_regions.values()):
        ids = [names.index(r) for r in regions if r in names]
        out[np.isin(labels, ids)] = k + 1
    return out


class SurfaceLabels:
    """Canonical points [N,3] on the head's surface -> (nearest vertex [N], layer [N]).

    Samples are the vertices and a lattice inside each face no coarser than
    `SAMPLE_SPACING_M`; a face sample answers with the layer of its face's corners (their
    majority) and its nearest corner."""

    def __init__(self, head: HeadModel, layer_of_vertex: np.ndarray):
        v = np.asarray(head.v_template, np.float64)
        faces = np.asarray(head.faces, np.int64)
        corner_layers = layer_of_vertex[faces]                              # [F,3]
        # majority of the three corners (the first corner's when all differ)
        majority = np.where(corner_layers[:, 1] == corner_layers[:, 2], corner_layers[:, 1], corner_layers[:, 0])
        edge = np.linalg.norm(v[faces] - v[np.roll(faces, 1, axis=1)], axis=2).max(axis=1)
        steps = np.clip(np.ceil(edge / SAMPLE_SPACING_M), 2, MAX_FACE_SUBDIVISIONS).astype(np.int64)
        points, vertex, layer = [v], [np.arange(len(v))], [layer_of_vertex]
        for n in np.unique(steps):
            sel = np.flatnonzero(steps == n)
            bary = face_lattice(int(n))                                     # [S,3]
            points.append(np.einsum("sk,fkc->fsc", bary, v[faces[sel]]).reshape(-1, 3))
            vertex.append(faces[sel][:, np.argmax(bary, axis=1)].reshape(-1))
            layer.append(np.repeat(majority[sel], len(bary)))
        self.tree = cKDTree(np.concatenate(points))
        self.sample_vertex = np.concatenate(vertex)
        self.sample_layer = np.concatenate(layer)
        self.vertices, self.faces, self.face_layer = v, faces, majority

    def __call__(self, points: Tensor, face: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`face` [N] (optional): the face of the head each point lies on, where the caller knows
        it (a bake lattice, a texture texel): the point then takes that face's layer and its
        nearest corner, never those of a coincident surface (a garment's edge folding back onto
        the skin lies within a millimetre of it, and nearest samples alternate between the two)."""
        if face is not None:
            corners = self.faces[face]                                              # [N,3]
            p = points.detach().cpu().double().numpy()
            nearest = np.linalg.norm(self.vertices[corners] - p[:, None], axis=2).argmin(axis=1)
            return corners[np.arange(len(corners)), nearest], self.face_layer[face]
        _, idx = self.tree.query(points.detach().cpu().double().numpy(), k=1)
        return self.sample_vertex[idx], self.sample_layer[idx]


class LayeredField(nn.Module):
    """One `TriGridField` per appearance layer: (points [N,3], layer [N] or None) ->
    (albedo [N,3], specular [N,1]). Layer 0 is the base (skin) field; `layer=None` decodes
    every point with it. `layer_regions` names the head regions of layers 1.."""

    def __init__(self, base: TriGridField, layers: dict[str, TriGridField] | None = None,
                 layer_regions: dict[str, tuple[str, ...]] | None = None):
        super().__init__()
        layers = dict(layers or {})
        self.layer_regions = {name: tuple((layer_regions or LAYER_REGIONS)[name]) for name in layers}
        self.names = (BASE_LAYER, *layers)
        self.fields = nn.ModuleList([base, *layers.values()])

    @property
    def base(self) -> TriGridField:
        return self.fields[0]

    @property
    def layered(self) -> bool:
        return len(self.fields) > 1

    def logits(self, points: Tensor, layer: Tensor | np.ndarray | None = None) -> Tensor:
        """[N,4] albedo and specular before their sigmoid, each point by its layer's field."""
        if layer is None or not self.layered:
            return self.base.logits(points)
        layer = torch.as_tensor(layer, device=points.device)
        out = points.new_empty(len(points), 4)
        for k, field in enumerate(self.fields):
            mask = layer == k
            if bool(mask.any()):
                out[mask] = field.logits(points[mask])
        return out

    def forward(self, points: Tensor, layer: Tensor | np.ndarray | None = None) -> tuple[Tensor, Tensor]:
        out = torch.sigmoid(self.logits(points, layer))
        return out[:, :3], out[:, 3:4]


def layer_resolutions(base: TriGridConfig, extent_m: float, texel_scale: float = 1.0) -> tuple[int, ...]:
    """Plane sizes for a field over a box `extent_m` wide with texels `texel_scale` times the
    base field's (powers of two, at least `MIN_LAYER_RESOLUTION`, at most the base's own size
    per level)."""
    base_extent = max(hi - lo for lo, hi in zip(base.bbox_min, base.bbox_max))
    out = []
    for r in base.resolutions:
        want = r * extent_m / (base_extent * texel_scale)
        out.append(int(min(r, max(MIN_LAYER_RESOLUTION, 2 ** math.ceil(math.log2(max(want, 1.0)))))))
    return tuple(out)


def layered_field_for_head(head: HeadModel, base_config: TriGridConfig, generator: torch.Generator) -> LayeredField:
    """The base field over `base_config`'s box plus one field per layer the head has geometry
    for, each over its own vertices' box at the base's texel size."""
    base = TriGridField(base_config, generator)
    labels = vertex_layers(head, LAYER_REGIONS)
    v = np.asarray(head.v_template, np.float64)
    layers = {}
    for k, name in enumerate(LAYER_REGIONS):
        pts = v[labels == k + 1]
        if len(pts) < 3:
            continue
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = LAYER_BOX_MARGIN * (hi - lo).max()
        lo, hi = tuple(float(x) for x in lo - pad), tuple(float(x) for x in hi + pad)
        config = TriGridConfig(bbox_min=lo, bbox_max=hi,
                               resolutions=layer_resolutions(base_config, max(b - a for a, b in zip(lo, hi)),
                                                             LAYER_TEXEL_SCALE[name]),
                               channels=base_config.channels, hidden=base_config.hidden, init_std=base_config.init_std)
        layers[name] = TriGridField(config, generator)
    return LayeredField(base, layers, LAYER_REGIONS)
