"""Where a canonical point lies on the head: region weights, anchors, surface samples.

The appearance field is queried with canonical points; painting it by region (skin, lips,
hair cap, ...) needs each point's label. Labels live on vertices, so a point takes the
inverse-distance blend of its k nearest vertices' one-hot labels (soft borders, no seams).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from scipy.spatial import cKDTree
from torch import Tensor

from ..head.model import REGION_NAMES, HeadModel
from .layers import LAYER_REGIONS, SurfaceLabels, vertex_layers


def coarse_regions(v_template: np.ndarray) -> np.ndarray:
    """Geometric guess of region labels [V] for a head file without them (e.g. real FLAME):
    torso below the chin line, neck just above it, a hair cap on the upper back, skin elsewhere."""
    y, z = v_template[:, 1], v_template[:, 2]
    lo, hi = y.min(), y.max()
    h = hi - lo
    labels = np.full(len(v_template), REGION_NAMES.index("skin"), dtype=np.int64)
    labels[(y > lo + 0.72 * h) & (z < np.percentile(z, 70))] = REGION_NAMES.index("hair_cap")
    labels[y < lo + 0.18 * h] = REGION_NAMES.index("torso")
    labels[(y >= lo + 0.18 * h) & (y < lo + 0.3 * h)] = REGION_NAMES.index("neck")
    return labels


@dataclass(frozen=True)
class RegionLookup:
    """k-NN region weights for canonical points. `names` gives the columns of `weights`.

    On a head with separate layers of geometry (hair, clothes: `layers.LAYER_REGIONS`) a
    point blends only the vertices of the layer it lies on (`layers.SurfaceLabels`): the
    skin just below a hair shell's edge is nearer to the shell's vertices than to its own
    sparse ones, and must not take the hair's label from them."""

    tree: cKDTree
    vertex_labels: np.ndarray  # [V] int
    names: tuple[str, ...]
    k: int = 4
    surface: SurfaceLabels | None = None                        # the layer of a point (layered heads)
    layer_trees: tuple[tuple[cKDTree, np.ndarray], ...] = ()    # per layer: tree over its vertices, their ids

    @classmethod
    def from_head(cls, head: HeadModel, k: int = 4) -> "RegionLookup":
        v = np.asarray(head.v_template, dtype=np.float64)
        if head.regions is not None:
            labels, names = np.asarray(head.regions, dtype=np.int64), tuple(head.region_names)
        else:
            labels, names = coarse_regions(head.v_template), REGION_NAMES
        layer_of_vertex = vertex_layers(head, LAYER_REGIONS)
        if layer_of_vertex.max() == 0:
            return cls(cKDTree(v), labels, names, k)
        ids = [np.flatnonzero(layer_of_vertex == layer) for layer in range(int(layer_of_vertex.max()) + 1)]
        # a layer without vertices is never a point's layer; its tree is never queried
        trees = tuple((cKDTree(v[i] if len(i) else v[:1]), i) for i in ids)
        return cls(cKDTree(v), labels, names, k, SurfaceLabels(head, layer_of_vertex), trees)

    def _nearest(self, p: np.ndarray, points: Tensor, k: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """[N,k] distances and vertex ids of each point's k (default self.k) nearest vertices (of its layer)."""
        k = k or self.k
        if self.surface is None:
            d, i = self.tree.query(p, k=k)
            return d.reshape(-1, k), i.reshape(-1, k)
        _, layer = self.surface(points)
        dist, idx = np.empty((len(p), k)), np.empty((len(p), k), np.int64)
        for n, (tree, ids) in enumerate(self.layer_trees):
            mask = layer == n
            if not mask.any():
                continue
            kk = min(k, len(ids))  # a small layer (a stud, a toothpick) has fewer vertices than k
            d, i = tree.query(p[mask], k=kk)
            dist[mask], idx[mask] = np.inf, ids[0]
            dist[np.ix_(mask, np.arange(kk))], idx[np.ix_(mask, np.arange(kk))] = d.reshape(-1, kk), ids[i.reshape(-1, kk)]
        return dist, idx

    def smoothed_share(self, points: Tensor, names: tuple[str, ...], sigma_m: float, k: int = 16) -> Tensor:
        """[N] the Gaussian-weighted share (width `sigma_m`) of each point's k nearest vertices
        labelled one of `names`: a region's border smoothed over a few vertices, where `weights`'
        blend of the four nearest follows the mesh's vertex steps and scallops a curved border."""
        p = points.detach().cpu().double().numpy()
        dist, idx = self._nearest(p, points, k)
        g = np.exp(-0.5 * (dist / sigma_m) ** 2) + 1e-12 * np.isfinite(dist)
        inside = np.isin(self.vertex_labels[idx], [self.names.index(n) for n in names if n in self.names])
        return torch.from_numpy((g * inside).sum(axis=1) / g.sum(axis=1)).to(points.dtype)

    def weights(self, points: Tensor) -> Tensor:
        """points [N,3] -> soft region weights [N, len(names)], rows sum to 1."""
        p = points.detach().cpu().double().numpy()
        dist, idx = self._nearest(p, points)
        w = 1.0 / (dist + 1e-4) ** 2
        w /= w.sum(axis=1, keepdims=True)
        out = np.zeros((len(p), len(self.names)))
        np.add.at(out, (np.repeat(np.arange(len(p)), self.k), self.vertex_labels[idx].ravel()), w.ravel())
        return torch.from_numpy(out).to(points.dtype)

    def column(self, name: str) -> int | None:
        return self.names.index(name) if name in self.names else None


def sample_surface(head: HeadModel, count: int, generator: torch.Generator) -> Tensor:
    """Uniform-by-area random points on the template mesh [count,3] (head metres)."""
    v = torch.as_tensor(head.v_template, dtype=torch.float32)
    f = torch.as_tensor(head.faces, dtype=torch.long)
    a, b, c = v[f[:, 0]], v[f[:, 1]], v[f[:, 2]]
    area = torch.linalg.cross(b - a, c - a).norm(dim=1)
    tri = torch.multinomial(area / area.sum(), count, replacement=True, generator=generator)
    uv = torch.rand(count, 2, generator=generator)
    flip = uv.sum(dim=1) > 1
    uv[flip] = 1 - uv[flip]
    return a[tri] + uv[:, :1] * (b[tri] - a[tri]) + uv[:, 1:] * (c[tri] - a[tri])


def bounding_box(head: HeadModel, margin: float = 0.08) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Canonical box around the template, grown by `margin` of its size on every side
    (room for expressions and the open jaw)."""
    v = np.asarray(head.v_template, dtype=np.float64)
    lo, hi = v.min(axis=0), v.max(axis=0)
    pad = margin * (hi - lo).max()
    return tuple(float(x) for x in lo - pad), tuple(float(x) for x in hi + pad)
