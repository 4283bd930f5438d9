"""Beards and moustaches as geometry: a shell lifted off the lower face's own skin.

Each style is a soft mask over the head's skin vertices (where the hair grows: upper lip,
chin, jaw, cheeks below the cheekbones, under the jaw), kept clear of the lips. The masked
skin triangles are copied and pushed out along the normals by the style's thickness times
the mask, so the shell tapers into the skin at its edge (no visible rim). Every shell vertex
rides on the skin vertex it was lifted from, expressions included: the beard opens with the
jaw and follows the lips. Stubble is painted, not built. Sideburns (strips down from the temples
in front of the ears) join any style that leaves the cheeks bare; a full beard grows its own up into the hair
where the head has hair there.

A moustache takes one of the shapes in `MOUSTACHES` (walrus, handlebar, pencil, horseshoe, chevron,
Fu Manchu, toothbrush, or the plain one): an outline over the upper lip and beside the mouth, a
thickness and how far it hangs over the lip's edge. Its skin patch is cut from the skin subdivided
(`MOUSTACHE_REFINE`), so thin lines and a handlebar's tips keep their shape on the face's coarse
triangles. A goatee's moustache can take a shape too (the union of the two).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy import sparse
from scipy.interpolate import PchipInterpolator
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import SAMPLE_BARYCENTRIC, Anchors, BodySurface, region_mask, smoothstep
from .contour import boundary_edges, clip_to_level

FACIAL_HAIR_REGION = "facial_hair"
GROWS_ON = ("skin", "beard", "neck")        # regions a beard may cover
LIP_CLEARANCE_M = (0.0015, 0.005)           # mask rises from 0 to 1 over this distance from the lips ...
MOUSTACHE_LIP_CLEARANCE_M = (0.0, 0.002)    # ... a moustache grows right down to the upper lip
EDGE_LEVEL = 0.5                            # the shell ends where the mask crosses this (a smooth curve)
EDGE_LIFT_M = 0.0012                        # the shell's height over the skin at its edge ...
RIM_DEPTH_M = 0.0015                        # ... from where a rim folds into the skin (no gap under the edge)
OVERHANG_M = 0.0035                         # a moustache hangs this far over the upper lip
MOUSTACHE_ROOT_THIN = 0.4                   # its thickness at the roots under the nose, less this share ...
MOUSTACHE_END_THIN = 0.45                   # ... and at its ends
EDGE_SOFTNESS_M = 0.006                     # width of the mask's soft border
HIDDEN_MARGIN_M = 0.008                     # skin this far inside the shell's edge takes its region
LIFT_M = 0.0004                             # minimum lift (no z-fighting at the border)
MOUTH_GAP_SOFTNESS = 0.15                   # the mouth gap's soft border, a share of its radii
GOATEE_ROUNDNESS = 2.0                      # superellipse exponent of a goatee's U (2: half an ellipse)
GOATEE_BELOW_CHIN_M = 0.008                 # a goatee ends this far under the chin point (not down the throat)
# a full beard's neckline, a line in the side view from behind the jaw's angle (this far in front
# of the ears, above the chin) to the throat (this far behind the chin, below it)
NECKLINE_M = (0.01, 0.025, 0.035, 0.02)
SIDE_THIN = 0.5                             # a full beard's share of its thickness at the sideburns ...
SIDE_THIN_OVER_M = 0.05                     # ... growing to all of it this far in front of the ears
SIDEBURN_TOP_THIN = 0.6                     # ... and less this share of it at the top of its sideburns


@dataclass(frozen=True)
class BeardStyle:
    thickness_m: float
    cover: str                    # full | goatee | moustache
    length_m: float = 0.0         # extra hang below the chin (long beards)


STYLES: dict[str, BeardStyle] = {
    "short_beard": BeardStyle(0.0045, "full"),
    "full_beard": BeardStyle(0.009, "full"),
    "long_beard": BeardStyle(0.011, "full", length_m=0.05),
    "goatee": BeardStyle(0.006, "goatee"),
    "moustache": BeardStyle(0.0065, "moustache"),   # (as thick as its shape: MOUSTACHES)
}
SIDEBURNS = BeardStyle(0.003, "sideburns")   # alone, or with a moustache or goatee (in its thickness)
SIDEBURN_SPAN_M = (0.045, 0.045)             # from this far below the eyes to this far above them ...
SIDEBURN_WIDTH_M = 0.034                     # ... this wide at the top, in front of the ear ...
SIDEBURN_TAPER = 0.65                        # ... this share of it at the lower end
SIDEBURN_SOFTNESS_M = 0.008                  # the front and lower edges' soft border
EAR_CLEARANCE_M = 0.008                      # facial hair ends this far in front of the ears' plane


@dataclass(frozen=True)
class MoustacheShape:
    """A moustache's outline and volume. The outline is a band on the front of the face between a top and a bottom edge,
    given at knots across the face as (across, top, bottom): across, |x| as a share of the mouth's
    half width (1: over its corners); top and bottom as heights (`_lip_height`: 0 at the upper
    lip's top edge, 1 under the nostrils; below it, -1 at the chin's height). The band ends at the
    last knot. Its thickness thins towards its roots under the nose (`root_thin`) and its ends
    (`end_thin`); its lower edge hangs `overhang_m` over the lip, and ends below the mouth hang
    `hang_m` further, free of the jaw (a Fu Manchu's)."""
    knots: tuple[tuple[float, float, float], ...]
    thickness_m: float
    overhang_m: float = OVERHANG_M
    root_thin: float = MOUSTACHE_ROOT_THIN
    end_thin: float = MOUSTACHE_END_THIN
    hang_m: float = 0.0


# the shapes a moustache takes (lexicon.MOUSTACHE_STYLES, and the plain one). Every shape keeps
# off the lips (`beard_field`'s lip clearance and mouth gap), so the mouth still reads open and
# shut; what hangs over the lip is only its `overhang_m` (a walrus's, over the lip's edge, not
# down to the lips' parting)
MOUSTACHES: dict[str, MoustacheShape] = {
    # over the upper lip from under the nose, its top falling and its ends turning down a little
    # past the mouth's corners (ends that widened upwards made a bow tie)
    "plain": MoustacheShape(((0.0, 1.0, 0.0), (0.37, 1.0, 0.0), (0.82, 0.8, 0.0), (1.1, 0.72, -0.07),
                             (1.41, 0.68, -0.135)), 0.0065),
    # bushy, wide and thick, hanging over the lip's edge and down past the mouth's corners to
    # the lower lip's height
    "walrus": MoustacheShape(((0.0, 1.08, 0.0), (0.55, 1.05, 0.0), (0.95, 0.95, -0.12), (1.2, 0.75, -0.36),
                              (1.45, 0.45, -0.46), (1.72, 0.05, -0.42)), 0.011, overhang_m=0.0035,
                             root_thin=0.3, end_thin=0.3),
    # a moderate moustache over the lip whose long ends sweep out past the corners and turn up
    # the cheeks beside the nose, tapering to thin tips
    "handlebar": MoustacheShape(((0.0, 0.95, 0.05), (0.5, 0.9, 0.05), (0.9, 0.78, 0.15), (1.2, 0.9, 0.42),
                                 (1.5, 1.2, 0.78), (1.75, 1.65, 1.2), (1.88, 1.95, 1.5)), 0.006,
                                overhang_m=0.002, end_thin=0.65),
    # a thin line along the lip's edge, bare skin between it and the nose
    "pencil": MoustacheShape(((0.0, 0.42, 0.0), (0.6, 0.4, 0.0), (0.95, 0.27, -0.02), (1.12, 0.14, -0.06)),
                             0.002, overhang_m=0.0005, root_thin=0.0, end_thin=0.4),
    # over the lip, its ends running straight down beside the mouth's corners to the jaw line
    "horseshoe": MoustacheShape(((0.0, 1.0, 0.0), (0.6, 0.95, 0.0), (0.85, 0.85, -0.02), (1.0, 0.8, -0.5),
                                 (1.12, 0.75, -0.9), (1.3, 0.7, -0.95), (1.5, 0.65, -0.95)), 0.0065,
                                end_thin=0.3),
    # thick and wide over the whole upper lip, up to the nostrils, its sides slanting down to the
    # mouth's corners
    "chevron": MoustacheShape(((0.0, 1.2, -0.02), (0.55, 1.12, -0.02), (0.9, 0.8, -0.06), (1.1, 0.42, -0.1),
                               (1.22, 0.18, -0.12)), 0.009, overhang_m=0.003, root_thin=0.1, end_thin=0.15),
    # thin over the lip, its ends thin strands down beside the mouth, hanging below the jaw
    "fu_manchu": MoustacheShape(((0.0, 0.55, 0.05), (0.6, 0.5, 0.0), (0.9, 0.4, -0.1), (1.04, 0.3, -0.6),
                                 (1.14, 0.2, -1.05), (1.32, 0.1, -1.1)), 0.0035, overhang_m=0.001,
                                root_thin=0.1, end_thin=0.2, hang_m=0.03),
    # a small block under the nose, no wider than it
    "toothbrush": MoustacheShape(((0.0, 1.1, -0.02), (0.3, 1.1, -0.02), (0.42, 1.05, 0.0), (0.5, 0.95, 0.05)),
                                 0.006, overhang_m=0.0015, root_thin=0.1, end_thin=0.0),
}
MOUSTACHE_END_SOFTNESS_M = 0.004            # the soft border across a moustache's ends ...
MOUSTACHE_TOP_SOFTNESS_M = 0.003            # ... along its top edge ...
MOUSTACHE_BOTTOM_SOFTNESS_M = (-0.002, 0.001)   # ... and along its bottom edge (about its line)
MOUSTACHE_FACE_DEPTH_M = (0.018, 0.006)     # no further back than this behind the chin's front (softened over this)
MOUSTACHE_FULL_ACROSS = 0.37                # full thickness out to this share of the mouth's half width
MOUSTACHE_OVERHANG_SPAN_M = 0.008           # what lies this far above the lip's edge hangs over it
FREE_HANG_SPAN = (-0.5, -0.95)              # ends below the mouth hang free from this height to this one
MOUSTACHE_REFINE = 2                        # the skin under a moustache split in four this many times


def moustache_shape(name: str | None) -> MoustacheShape:
    """The shape called `name` (lexicon.MOUSTACHE_STYLES; None: the plain one)."""
    if (name or "plain") not in MOUSTACHES:
        raise PortraitTalkerError(f"moustache '{name}' is unknown (one of {', '.join(MOUSTACHES)})")
    return MOUSTACHES[name or "plain"]


@dataclass(frozen=True)
class _Mouth:
    """Where a moustache is measured from on a head: the mouth's half width, the upper lip's top
    edge and the lower lip's bottom edge, the height under the nostrils where the lip's skin
    begins, and the chin's height (metres)."""
    half_width: float
    lip_top: float
    lip_bottom: float
    skin_top: float
    chin_y: float
    chin_z: float

    @classmethod
    def of(cls, head: HeadModel, a: Anchors) -> "_Mouth":
        v = np.asarray(head.v_template, dtype=np.float64)
        lm = {k: v[i] for k, i in head.landmarks.items()}
        half = float(abs(lm["mouth_corner_left"][0] - lm["mouth_corner_right"][0]) / 2) \
            if "mouth_corner_left" in lm and "mouth_corner_right" in lm else 0.025
        lip_top = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else a.mouth_y
        lip_bottom = float(lm["lip_outer_bottom"][1]) if "lip_outer_bottom" in lm else lip_top - 0.02
        return cls(half, lip_top, lip_bottom, _upper_lip_top(float(a.nose_tip[1]), lip_top), float(a.chin[1]),
                   float(a.chin[2]))

    def height(self, y: np.ndarray) -> np.ndarray:
        """[N] heights (`MoustacheShape`) of points at y: 0 at the upper lip's top edge, 1 under the
        nostrils, -1 at the chin's height."""
        up = (y - self.lip_top) / max(self.skin_top - self.lip_top, 1e-3)
        down = (y - self.lip_top) / max(self.lip_top - self.chin_y, 1e-3)
        return np.where(y >= self.lip_top, up, down)

    def y(self, h: np.ndarray) -> np.ndarray:
        """The inverse of `height`: heights -> y (metres)."""
        return np.where(h >= 0, self.lip_top + h * (self.skin_top - self.lip_top),
                        self.lip_top + h * (self.lip_top - self.chin_y))


def _moustache_outline(shape: MoustacheShape, mouth: _Mouth) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """(|x| [N], y [N], z [N]) -> [N] in [0, 1]: the moustache's band on the front of the face,
    soft at its edges."""
    across, top, bottom = (np.asarray(k, dtype=np.float64) for k in zip(*shape.knots))
    top_at, bottom_at = PchipInterpolator(across, top), PchipInterpolator(across, bottom)
    end = across[-1] * mouth.half_width

    def outline(x: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
        u = np.clip(x / mouth.half_width, across[0], across[-1])
        width = smoothstep(0.0, MOUSTACHE_END_SOFTNESS_M, end - x)
        # on the face, not round under the jaw (ends run down to the jaw line and stop there)
        face = smoothstep(0.0, MOUSTACHE_FACE_DEPTH_M[1], z - (mouth.chin_z - MOUSTACHE_FACE_DEPTH_M[0]))
        return width * face * smoothstep(0.0, MOUSTACHE_TOP_SOFTNESS_M, mouth.y(top_at(u)) - y) \
            * smoothstep(*MOUSTACHE_BOTTOM_SOFTNESS_M, y - mouth.y(bottom_at(u)))
    return outline


def _upper_lip_top(nose_y: float, lip_top: float) -> float:
    """The height where the upper lip's skin begins, just under the nostrils: the nose tip's
    height less 40% of its drop to the lip."""
    return nose_y - 0.4 * max(nose_y - lip_top, 0.01)


def beard_field(head: HeadModel, cover: str, moustache: str | None = None) -> Callable[[np.ndarray], np.ndarray]:
    """points [N,3] on the skin -> [N] in [0, 1]: how much facial hair grows there for a cover
    type (a moustache of the shape `moustache`, `MOUSTACHES`). A function of position (not only of
    the vertices), so the shell's edge can be cut exactly where it crosses a level
    (`contour.clip_to_level`)."""
    if cover not in ("moustache", "goatee", "full", "sideburns"):
        raise PortraitTalkerError(f"facial hair cover '{cover}' is unknown")
    a = Anchors.from_head(head)
    mouth = _Mouth.of(head, a)
    outline = _moustache_outline(moustache_shape(moustache), mouth) if cover == "moustache" else None
    v = np.asarray(head.v_template, dtype=np.float64)
    chin_y, chin_z = float(a.chin[1]), float(a.chin[2])
    mouth_half, lip_top, lip_bottom, lip_skin_top = mouth.half_width, mouth.lip_top, mouth.lip_bottom, mouth.skin_top
    s = EDGE_SOFTNESS_M
    grows = region_mask(head, *GROWS_ON).astype(np.float64)
    vertex_tree = cKDTree(v)
    # the lips as a dense point set (vertices and points inside their triangles): distances
    # to it are smooth enough for an edge to follow
    lip_mask = region_mask(head, "lips", "mouth_cavity", "teeth")
    faces = np.asarray(head.faces, dtype=np.int64)
    lip_faces = faces[lip_mask[faces].all(axis=1)]
    bary = np.asarray(SAMPLE_BARYCENTRIC)
    lips = np.concatenate([v[lip_mask], np.einsum("sk,fkd->fsd", bary, v[lip_faces]).reshape(-1, 3)])
    lip_tree = cKDTree(lips) if len(lips) else None
    clearance = MOUSTACHE_LIP_CLEARANCE_M if cover == "moustache" else LIP_CLEARANCE_M

    def field(p: np.ndarray) -> np.ndarray:
        x, y, z = np.abs(p[:, 0]), p[:, 1], p[:, 2]
        front = smoothstep(0.0, s, z - (a.ear_z + EAR_CLEARANCE_M))
        if outline is not None:   # a moustache's band (`MOUSTACHES`)
            mask = outline(x, y, z) * front
        elif cover == "sideburns":
            # down from the temple in front of the ear to about the earlobe, on the sides only
            # narrowing towards its lower end, with soft front and lower edges: of even width with 4 mm
            # edges it was a slab, a rectangle stuck on beside the ear
            bottom, top = a.eye_y - SIDEBURN_SPAN_M[0], a.eye_y + SIDEBURN_SPAN_M[1]
            width = SIDEBURN_WIDTH_M * (SIDEBURN_TAPER + (1 - SIDEBURN_TAPER) * np.clip((y - bottom) / (top - bottom), 0, 1))
            side = smoothstep(0.0, 0.004, x - (a.skull_radii[0] - 0.03))
            ahead = smoothstep(0.0, SIDEBURN_SOFTNESS_M, (a.ear_z + EAR_CLEARANCE_M + width) - z)
            span = smoothstep(0.0, SIDEBURN_SOFTNESS_M, y - bottom) * smoothstep(0.0, 0.004, top - y)
            mask = side * ahead * span * front
        elif cover == "goatee":
            # a U round the chin: full width down to the lower lip, then narrowing to its lowest
            # point; the moustache's ends rounded the same way up to under the nose
            bottom = chin_y - GOATEE_BELOW_CHIN_M
            u = np.clip((lip_bottom - y) / max(lip_bottom - bottom, 1e-3), 0.0, 1.0)
            u = np.maximum(u, np.clip((y - lip_top) / max(lip_skin_top - lip_top, 1e-3), 0.0, 1.0))
            half_width = (mouth_half + 0.008) * (1.0 - u ** GOATEE_ROUNDNESS) ** (1.0 / GOATEE_ROUNDNESS)
            width = smoothstep(0.0, s, half_width - x)
            mask = width * smoothstep(0.0, 0.003, lip_skin_top - y) * smoothstep(0.0, s, y - bottom) * front
        else:
            # upper edge: from the sideburn in front of the ear down to just beside the nostrils
            cheek_top = np.interp(x, [mouth_half + 0.01, a.skull_radii[0]], [lip_skin_top, a.eye_y - 0.012])
            upper = smoothstep(0.0, np.where(x < mouth_half + 0.01, 0.003, s), cheek_top - y)
            # lower edge: under the jaw, reaching the throat in front and rising towards the ears
            jaw_low = np.interp(x, [0.02, a.skull_radii[0]], [chin_y - 0.035, a.eye_y - 0.07])
            # the neckline seen from the side: from behind the jaw's angle forward and down to the
            # throat (the edge in front of the ears alone left a vertical wall down the neck)
            neck_line = np.interp(z, [a.ear_z + NECKLINE_M[0], chin_z - NECKLINE_M[2]],
                                  [chin_y + NECKLINE_M[1], chin_y - NECKLINE_M[3]])
            mask = upper * smoothstep(0.0, s, y - jaw_low) * smoothstep(0.0, s, y - neck_line) * front
        dist, idx = vertex_tree.query(p, k=6)          # the region blended over nearby vertices: no steps
        w = 1.0 / (dist + 1e-4) ** 2
        mask = mask * (grows[idx] * w).sum(axis=1) / w.sum(axis=1)
        if lip_tree is not None:
            mask = mask * smoothstep(*clearance, lip_tree.query(p)[0])
        return mask * _mouth_gap(mouth, x, y)

    return field


def _mouth_gap(mouth: _Mouth, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """[N] 0 in the mouth's opening .. 1 outside it: an ellipse through the lips' outer top, bottom
    and corners (+2 mm), softened, so the cut edge is a smooth curve with round corners (a box left
    square corners of bare skin beside the lips, and a binary gap jagged edges)."""
    gap = np.hypot(x / (mouth.half_width + 0.002),
                   (y - (mouth.lip_top + mouth.lip_bottom) / 2) / max((mouth.lip_top - mouth.lip_bottom) / 2, 1e-3))
    return smoothstep(1.0, 1.0 + MOUTH_GAP_SOFTNESS, gap)


def moustache_cover(head: HeadModel, moustache: str | None = None) -> Callable[[np.ndarray], np.ndarray]:
    """points [N,3] -> [N] in [0, 1]: a moustache's outline (`MOUSTACHES`) on the face, clear of
    the mouth's opening, with no regard to the head's regions (a dressed head's skin under the
    shell is the shell's): where the painter colours the skin round its shell with its hair."""
    a = Anchors.from_head(head)
    mouth = _Mouth.of(head, a)
    outline = _moustache_outline(moustache_shape(moustache), mouth)

    def cover(p: np.ndarray) -> np.ndarray:
        x, y = np.abs(p[:, 0]), p[:, 1]
        front = smoothstep(0.0, EDGE_SOFTNESS_M, p[:, 2] - (a.ear_z + EAR_CLEARANCE_M))
        return outline(x, y, p[:, 2]) * front * _mouth_gap(mouth, x, y)
    return cover


def beard_mask(head: HeadModel, cover: str) -> np.ndarray:
    """[V] in [0, 1]: how much facial hair each skin vertex carries for a cover type."""
    return beard_field(head, cover)(np.asarray(head.v_template, dtype=np.float64))


def facial_hair_part(head: HeadModel, style: str, sideburns: bool = False, into_hair: bool = True,
                     moustache: str | None = None) -> Part | None:
    """The shell for `style` (lexicon.FACIAL_HAIR), with `sideburns` unless the style covers the
    cheeks; None for none and stubble (painted) without sideburns. A full beard grows up into the
    hair in front of the ears as its own sideburns, `into_hair` (not on a head bare there). A
    moustache, or a goatee's moustache, takes the shape `moustache` (`MOUSTACHES`; None: a
    moustache's plain one, a goatee's own)."""
    if style not in ("none", "stubble") and style not in STYLES:
        raise PortraitTalkerError(f"facial hair '{style}' is unknown (one of none, stubble, {', '.join(STYLES)})")
    # (without, a bare band of cheek lay between a full beard's top and the hair's sideburns)
    full = style in STYLES and STYLES[style].cover == "full"
    sideburns = (sideburns and not full) or (full and into_hair)
    if style in ("none", "stubble") and not sideburns:
        return None
    if head.regions is None:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no region labels to grow a beard on")
    spec = STYLES.get(style, SIDEBURNS)
    shaped = spec.cover == "moustache" or (spec.cover == "goatee" and moustache is not None)
    shape = moustache_shape(moustache) if shaped else None
    field = beard_field(head, spec.cover, moustache)
    tache = beard_field(head, "moustache", moustache) if shaped and spec.cover != "moustache" else None
    name = f"{moustache} {style}" if moustache is not None and shaped else style
    if tache is not None:   # a goatee and its shaped moustache: the two together
        goatee_field = field
        field = lambda p: np.maximum(goatee_field(p), tache(p))   # noqa: E731
    if sideburns and spec is not SIDEBURNS:
        style_field, side_field = field, beard_field(head, "sideburns")
        field = lambda p: np.maximum(style_field(p), side_field(p))   # noqa: E731
        name = name if spec.cover == "full" else f"{name}+sideburns"   # a full beard's own
    elif spec is SIDEBURNS:
        name = "sideburns"
    v = np.asarray(head.v_template, dtype=np.float64)
    mask = field(v)
    faces = np.asarray(head.faces, dtype=np.int64)
    near = faces[(mask[faces] > 0).any(axis=1)]
    blend = None
    if shaped:   # finer skin under a moustache: a thin line or a tip narrower than its triangles
        near = faces[np.isin(faces, np.unique(near)).any(axis=1)]
        skin, near, blend = _refined(v, near, MOUSTACHE_REFINE)
        value = field(skin)
    else:
        skin, value = v, mask
    # the patch of skin under the hair, cut along the mask's iso-line: its edge is a smooth
    # curve, not the stair steps of whole triangles
    base, patch, origin = clip_to_level(skin, near, value, EDGE_LEVEL, field)
    if not len(patch):
        return None
    used = np.unique(patch)
    remap = np.full(len(base), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    base, origin, patch = base[used], origin[used], remap[patch]
    a_id, b_id, t = origin[:, 0].astype(np.int64), origin[:, 1].astype(np.int64), origin[:, 2]
    m = np.where(a_id == b_id, value[a_id], EDGE_LEVEL)
    if blend is None:
        source = np.where(t < 0.5, a_id, b_id)              # the skin vertex each point rides on
    else:   # the head vertex with the most weight in each point
        weights = blend[a_id].multiply((1.0 - t)[:, None]) + blend[b_id].multiply(t[:, None])
        source = np.asarray(weights.argmax(axis=1)).ravel()
    body = BodySurface(head)
    normals = body.query(base)[1]
    fullness = smoothstep(EDGE_LEVEL, 1.0, m)
    a = Anchors.from_head(head)
    thickness = spec.thickness_m * fullness
    if spec.cover == "moustache":
        fullness = fullness * _moustache_profile(shape, _Mouth.of(head, a), base)
        thickness = shape.thickness_m * fullness
    elif tache is not None:   # a goatee's shaped moustache: whichever stands further off the skin
        fullness = smoothstep(EDGE_LEVEL, 1.0, tache(base)) * _moustache_profile(shape, _Mouth.of(head, a), base)
        thickness = np.maximum(thickness, shape.thickness_m * fullness)
    elif spec.cover == "full":   # shorter towards the ears and up the sideburns (of even thickness, its
        # back edge was a wall and the sideburns' tops a ledge)
        fullness = fullness * (SIDE_THIN + (1 - SIDE_THIN) * smoothstep(a.ear_z + EAR_CLEARANCE_M,
                                                                       a.ear_z + SIDE_THIN_OVER_M, base[:, 2]))
        fullness = fullness * (1.0 - SIDEBURN_TOP_THIN * smoothstep(a.eye_y - SIDEBURN_SPAN_M[0] / 2,
                                                                  a.eye_y + SIDEBURN_SPAN_M[1], base[:, 1]))
        thickness = spec.thickness_m * fullness
    shell = base + normals * (EDGE_LIFT_M + thickness)[:, None]
    if spec.length_m > 0:  # a long beard hangs below the chin
        hang = smoothstep(float(a.chin[1]) + 0.03, float(a.chin[1]) - 0.01, base[:, 1]) * fullness
        hang *= smoothstep(0.07, 0.02, np.abs(base[:, 0]))
        shell += hang[:, None] * spec.length_m * np.array([0.0, -1.0, 0.35])
    if shape is not None:  # the hair over the upper lip hangs down over its edge
        mouth = _Mouth.of(head, a)
        reach = smoothstep(0.0, 0.3, fullness) if tache is not None else 1.0   # (not a goatee's chin)
        low = smoothstep(mouth.lip_top + MOUSTACHE_OVERHANG_SPAN_M, mouth.lip_top, base[:, 1]) \
            * smoothstep(float(a.nose_tip[2]) - 0.04, float(a.nose_tip[2]) - 0.02, base[:, 2]) * reach
        shell += (low * shape.overhang_m)[:, None] * np.array([0.0, -1.0, 0.4])
        if shape.hang_m > 0:   # ends below the mouth hang free of the jaw
            free = smoothstep(*mouth.y(np.asarray(FREE_HANG_SPAN)), base[:, 1]) * np.sqrt(fullness)
            shell += (free * shape.hang_m)[:, None] * np.array([0.0, -1.0, 0.3])
    # a rim from the edge into the skin, so no sliver of skin shows under the edge
    rim_edges = boundary_edges(patch)
    edge_ids = np.unique(rim_edges)
    n = len(shell)
    rim_index = np.full(n, -1, dtype=np.int64)
    rim_index[edge_ids] = n + np.arange(len(edge_ids))
    rim = base[edge_ids] - normals[edge_ids] * RIM_DEPTH_M
    ea, eb = rim_edges[:, 0], rim_edges[:, 1]
    rim_faces = np.concatenate([np.stack([ea, rim_index[eb], eb], 1), np.stack([ea, rim_index[ea], rim_index[eb]], 1)])
    verts = np.concatenate([shell, rim])
    source = np.concatenate([source, source[edge_ids]])
    # skin well inside the shell takes its region; near the edge the skin shows and keeps its own
    deep = cKDTree(base[edge_ids]).query(v)[0] > HIDDEN_MARGIN_M if len(edge_ids) else np.ones(len(v), bool)
    covered = np.flatnonzero((mask > 0.6) & deep)
    return Part(name, verts, np.concatenate([patch, rim_faces]), source, FACIAL_HAIR_REGION,
                follow_expression=np.ones(len(verts), dtype=bool), relabel=covered)


def _moustache_profile(shape: MoustacheShape, mouth: _Mouth, base: np.ndarray) -> np.ndarray:
    """[N] in (0, 1]: a moustache's thickness over its patch. Its hairs grow down from under the
    nose and pile up over the lip: thin at their roots, thickest along the lower edge, and thinner
    towards the ends (of even thickness, with the mask's steep border, it was a brick)."""
    roots = smoothstep(mouth.lip_top, mouth.skin_top, base[:, 1])
    end = shape.knots[-1][0] * mouth.half_width
    ends = smoothstep(min(MOUSTACHE_FULL_ACROSS * mouth.half_width, 0.5 * end), end, np.abs(base[:, 0]))
    return (1.0 - shape.root_thin * roots) * (1.0 - shape.end_thin * ends)


def _refined(verts: np.ndarray, faces: np.ndarray, levels: int) -> tuple[np.ndarray, np.ndarray, sparse.csr_matrix]:
    """`faces` split in four `levels` times at their edges' midpoints -> (verts [V',3]: `verts`
    and the new points, faces, blend [V', V]: each point as weights of `verts`)."""
    blend = sparse.identity(len(verts), format="csr")
    for _ in range(levels):
        n = len(verts)
        edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
        uniq, inverse = np.unique(np.sort(edges, axis=1), axis=0, return_inverse=True)
        mid = n + inverse.ravel().reshape(3, -1)
        (ab, bc, ca), (a, b, c) = mid, faces.T
        faces = np.concatenate([np.stack(f, 1) for f in ((a, ab, ca), (ab, b, bc), (ca, bc, c), (ab, bc, ca))])
        halves = sparse.csr_matrix((np.full(2 * len(uniq), 0.5), (np.repeat(np.arange(len(uniq)), 2), uniq.ravel())),
                                   shape=(len(uniq), n))
        step = sparse.vstack([sparse.identity(n, format="csr"), halves]).tocsr()
        verts, blend = step @ verts, step @ blend
    return verts, faces, blend.tocsr()


def add_facial_hair(head: HeadModel, style: str, sideburns: bool = False, into_hair: bool = True,
                    moustache: str | None = None) -> HeadModel:
    part = facial_hair_part(head, style, sideburns, into_hair, moustache)
    return head if part is None else attach(head, part)
