"""Beards and moustaches as geometry: a shell lifted off the lower face's own skin.

Each style is a soft mask over the head's skin vertices (where the hair grows: upper lip,
chin, jaw, cheeks below the cheekbones, under the jaw), kept clear of the lips. The masked
skin triangles are copied and pushed out along the normals by the style's thickness times
the mask, so the shell tapers into the skin at its edge (no visible rim). Every shell vertex
rides on the skin vertex it was lifted from, expressions included: the beard opens with the
jaw and follows the lips. Stubble is painted, not built. Sideburns (strips down from the temples
in front of the ears) join any style that leaves the cheeks bare; a full beard grows its own up into the hair
where the head has hair there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
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
MOUSTACHE_END_FALL = 0.3                    # its top edge falls this share of the upper lip's height to its ends
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
    "moustache": BeardStyle(0.0065, "moustache"),
}
SIDEBURNS = BeardStyle(0.004, "sideburns")   # alone, or with a moustache or goatee (in its thickness)
SIDEBURN_SPAN_M = (0.045, 0.03)              # from this far below the eyes to this far above them ...
SIDEBURN_WIDTH_M = 0.028                     # ... this wide, in front of the ear
EAR_CLEARANCE_M = 0.008                      # facial hair ends this far in front of the ears' plane


def _upper_lip_top(nose_y: float, lip_top: float) -> float:
    """The height where the upper lip's skin begins, just under the nostrils: the nose tip's
    height less 40% of its drop to the lip."""
    return nose_y - 0.4 * max(nose_y - lip_top, 0.01)


def beard_field(head: HeadModel, cover: str) -> Callable[[np.ndarray], np.ndarray]:
    """points [N,3] on the skin -> [N] in [0, 1]: how much facial hair grows there for a cover
    type. A function of position (not only of the vertices), so the shell's edge can be cut
    exactly where it crosses a level (`contour.clip_to_level`)."""
    if cover not in ("moustache", "goatee", "full", "sideburns"):
        raise PortraitTalkerError(f"facial hair cover '{cover}' is unknown")
    a = Anchors.from_head(head)
    v = np.asarray(head.v_template, dtype=np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    nose_y = float(a.nose_tip[1])
    chin_y, chin_z = float(a.chin[1]), float(a.chin[2])
    mouth_half = float(abs(lm["mouth_corner_left"][0] - lm["mouth_corner_right"][0]) / 2) \
        if "mouth_corner_left" in lm and "mouth_corner_right" in lm else 0.025
    lip_top = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else a.mouth_y
    lip_bottom = float(lm["lip_outer_bottom"][1]) if "lip_outer_bottom" in lm else lip_top - 0.02
    s = EDGE_SOFTNESS_M
    lip_skin_top = _upper_lip_top(nose_y, lip_top)
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
        if cover == "moustache":
            width = smoothstep(0.0, 0.004, (mouth_half + 0.009) - x)
            droop = lip_top - 0.007 * smoothstep(mouth_half - 0.004, mouth_half + 0.007, x)   # ends turn down
            # narrowing towards the ends, whose top falls towards the mouth's corners (ends that
            # widened upwards made a bow tie)
            top = lip_skin_top - MOUSTACHE_END_FALL * (lip_skin_top - lip_top) * smoothstep(0.008, mouth_half + 0.009, x)
            mask = width * smoothstep(0.0, 0.003, top - y) * smoothstep(-0.002, 0.001, y - droop) * front
        elif cover == "sideburns":
            # down from the temple in front of the ear to about the earlobe, on the sides only
            side = smoothstep(0.0, 0.004, x - (a.skull_radii[0] - 0.03))
            ahead = smoothstep(0.0, 0.004, (a.ear_z + EAR_CLEARANCE_M + SIDEBURN_WIDTH_M) - z)
            span = smoothstep(0.0, 0.004, y - (a.eye_y - SIDEBURN_SPAN_M[0])) \
                * smoothstep(0.0, 0.004, (a.eye_y + SIDEBURN_SPAN_M[1]) - y)
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
        # the mouth's opening: an ellipse through the lips' outer top, bottom and corners (+2 mm),
        # softened, so the cut edge is a smooth curve with round corners (a box left square
        # corners of bare skin beside the lips, and a binary gap jagged edges)
        gap = np.hypot(x / (mouth_half + 0.002), (y - (lip_top + lip_bottom) / 2) / max((lip_top - lip_bottom) / 2, 1e-3))
        return mask * smoothstep(1.0, 1.0 + MOUTH_GAP_SOFTNESS, gap)

    return field


def beard_mask(head: HeadModel, cover: str) -> np.ndarray:
    """[V] in [0, 1]: how much facial hair each skin vertex carries for a cover type."""
    return beard_field(head, cover)(np.asarray(head.v_template, dtype=np.float64))


def facial_hair_part(head: HeadModel, style: str, sideburns: bool = False, into_hair: bool = True) -> Part | None:
    """The shell for `style` (lexicon.FACIAL_HAIR), with `sideburns` unless the style covers the
    cheeks; None for none and stubble (painted) without sideburns. A full beard grows up into the
    hair in front of the ears as its own sideburns, `into_hair` (not on a head bare there)."""
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
    field = beard_field(head, spec.cover)
    if sideburns and spec is not SIDEBURNS:
        style_field, side_field = field, beard_field(head, "sideburns")
        field = lambda p: np.maximum(style_field(p), side_field(p))   # noqa: E731
        style = style if spec.cover == "full" else f"{style}+sideburns"   # a full beard's own
    elif spec is SIDEBURNS:
        style = "sideburns"
    mask = field(np.asarray(head.v_template, dtype=np.float64))
    faces = np.asarray(head.faces, dtype=np.int64)
    near = faces[(mask[faces] > 0).any(axis=1)]
    v = np.asarray(head.v_template, dtype=np.float64)
    # the patch of skin under the hair, cut along the mask's iso-line: its edge is a smooth
    # curve, not the stair steps of whole triangles
    base, patch, origin = clip_to_level(v, near, mask, EDGE_LEVEL, field)
    if not len(patch):
        return None
    used = np.unique(patch)
    remap = np.full(len(base), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    base, origin, patch = base[used], origin[used], remap[patch]
    a_id, b_id, t = origin[:, 0].astype(np.int64), origin[:, 1].astype(np.int64), origin[:, 2]
    m = np.where(a_id == b_id, mask[a_id], EDGE_LEVEL)
    source = np.where(t < 0.5, a_id, b_id)              # the skin vertex each point rides on
    body = BodySurface(head)
    normals = body.query(base)[1]
    fullness = smoothstep(EDGE_LEVEL, 1.0, m)
    a = Anchors.from_head(head)
    if spec.cover == "moustache":
        fullness = fullness * _moustache_profile(head, a, base)
    elif spec.cover == "full":   # shorter towards the ears and up the sideburns (of even thickness, its
        # back edge was a wall and the sideburns' tops a ledge)
        fullness = fullness * (SIDE_THIN + (1 - SIDE_THIN) * smoothstep(a.ear_z + EAR_CLEARANCE_M,
                                                                       a.ear_z + SIDE_THIN_OVER_M, base[:, 2]))
        fullness = fullness * (1.0 - SIDEBURN_TOP_THIN * smoothstep(a.eye_y - SIDEBURN_SPAN_M[0] / 2,
                                                                  a.eye_y + SIDEBURN_SPAN_M[1], base[:, 1]))
    shell = base + normals * (EDGE_LIFT_M + spec.thickness_m * fullness)[:, None]
    if spec.length_m > 0:  # a long beard hangs below the chin
        hang = smoothstep(float(a.chin[1]) + 0.03, float(a.chin[1]) - 0.01, base[:, 1]) * fullness
        hang *= smoothstep(0.07, 0.02, np.abs(base[:, 0]))
        shell += hang[:, None] * spec.length_m * np.array([0.0, -1.0, 0.35])
    if spec.cover == "moustache":  # the hair over the upper lip hangs down over its edge
        lip_top = float(v[head.landmarks["lip_outer_top"], 1]) if "lip_outer_top" in head.landmarks else a.mouth_y
        low = smoothstep(lip_top + 0.008, lip_top, base[:, 1]) * smoothstep(float(a.nose_tip[2]) - 0.04,
                                                                      float(a.nose_tip[2]) - 0.02, base[:, 2])
        shell += (low * OVERHANG_M)[:, None] * np.array([0.0, -1.0, 0.4])
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
    return Part(style, verts, np.concatenate([patch, rim_faces]), source, FACIAL_HAIR_REGION,
                follow_expression=np.ones(len(verts), dtype=bool), relabel=covered)


def _moustache_profile(head: HeadModel, a: Anchors, base: np.ndarray) -> np.ndarray:
    """[N] in (0, 1]: a moustache's thickness over its patch. Its hairs grow down from under the
    nose and pile up over the lip: thin at their roots, thickest along the lower edge, and thinner
    towards the ends (of even thickness, with the mask's steep border, it was a brick)."""
    lm = {k: np.asarray(head.v_template[i], np.float64) for k, i in head.landmarks.items()}
    lip_top = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else a.mouth_y
    mouth_half = float(abs(lm["mouth_corner_left"][0] - lm["mouth_corner_right"][0]) / 2) \
        if "mouth_corner_left" in lm and "mouth_corner_right" in lm else 0.025
    roots = smoothstep(lip_top, _upper_lip_top(float(a.nose_tip[1]), lip_top), base[:, 1])
    ends = smoothstep(0.008, mouth_half + 0.009, np.abs(base[:, 0]))
    return (1.0 - MOUSTACHE_ROOT_THIN * roots) * (1.0 - MOUSTACHE_END_THIN * ends)


def add_facial_hair(head: HeadModel, style: str, sideburns: bool = False, into_hair: bool = True) -> HeadModel:
    part = facial_hair_part(head, style, sideburns, into_hair)
    return head if part is None else attach(head, part)
