"""Beards and moustaches as geometry: a shell lifted off the lower face's own skin.

Each style is a soft mask over the head's skin vertices (where the hair grows: upper lip,
chin, jaw, cheeks below the cheekbones, under the jaw), kept clear of the lips. The masked
skin triangles are copied and pushed out along the normals by the style's thickness times
the mask, so the shell tapers into the skin at its edge (no visible rim). Every shell vertex
rides on the skin vertex it was lifted from, expressions included: the beard opens with the
jaw and follows the lips. Stubble is painted, not built.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, region_mask

FACIAL_HAIR_REGION = "facial_hair"
GROWS_ON = ("skin", "beard", "neck")        # regions a beard may cover
LIP_CLEARANCE_M = (0.0015, 0.005)           # mask rises from 0 to 1 over this distance from the lips
EDGE_SOFTNESS_M = 0.006                     # width of the mask's soft border
HIDDEN_MARGIN_M = 0.008                     # skin this far inside the shell's edge takes its region
LIFT_M = 0.0004                             # minimum lift (no z-fighting at the border)


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
    "moustache": BeardStyle(0.005, "moustache"),
}


def _smooth(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def beard_mask(head: HeadModel, cover: str) -> np.ndarray:
    """[V] in [0, 1]: how much facial hair each skin vertex carries for a cover type."""
    a = Anchors.from_head(head)
    v = np.asarray(head.v_template, dtype=np.float64)
    x, y, z = np.abs(v[:, 0]), v[:, 1], v[:, 2]
    lm = {k: v[i] for k, i in head.landmarks.items()}
    nose_y = float(a.nose_tip[1])
    chin_y = float(a.chin[1])
    mouth_half = float(abs(lm["mouth_corner_left"][0] - lm["mouth_corner_right"][0]) / 2) \
        if "mouth_corner_left" in lm and "mouth_corner_right" in lm else 0.025
    lip_top = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else a.mouth_y
    lip_bottom = float(lm["lip_outer_bottom"][1]) if "lip_outer_bottom" in lm else lip_top - 0.02
    s = EDGE_SOFTNESS_M
    under_nose = _smooth(0.0, s, (nose_y - 0.011) - y)
    front = _smooth(0.0, s, z - (a.ear_z + 0.008))
    if cover == "moustache":
        width = _smooth(0.0, s, (mouth_half + 0.006) - x)
        droop = lip_top - 0.007 * _smooth(mouth_half - 0.012, mouth_half + 0.004, x)   # ends turn down
        mask = width * under_nose * _smooth(-0.001, 0.003, y - droop) * front
    elif cover == "goatee":
        width = _smooth(0.0, s, (mouth_half + 0.008) - x)
        mask = width * under_nose * _smooth(0.0, s, y - (chin_y - 0.022)) * front
    elif cover == "full":
        # upper edge: from the sideburn in front of the ear down to just beside the nostrils
        cheek_top = np.interp(x, [mouth_half + 0.01, a.skull_radii[0]], [nose_y - 0.008, a.eye_y - 0.012])
        upper = np.where(x < mouth_half + 0.01, under_nose, _smooth(0.0, s, cheek_top - y))
        # lower edge: under the jaw, reaching the throat in front and rising towards the ears
        jaw_low = np.interp(x, [0.02, a.skull_radii[0]], [chin_y - 0.035, a.eye_y - 0.07])
        lower = _smooth(0.0, s, y - jaw_low)
        mask = upper * lower * front
    else:
        raise PortraitTalkerError(f"facial hair cover '{cover}' is unknown")
    mask *= region_mask(head, *GROWS_ON)
    lips = v[region_mask(head, "lips", "mouth_cavity", "teeth")]
    if len(lips):
        d, _ = cKDTree(lips).query(v)
        mask *= _smooth(*LIP_CLEARANCE_M, d)
    mouth_gap = (np.abs(y - (lip_top + lip_bottom) / 2) < (lip_top - lip_bottom) / 2) & (x < mouth_half + 0.002)
    mask[mouth_gap] = 0.0
    return mask


def facial_hair_part(head: HeadModel, style: str) -> Part | None:
    """The shell for `style` (lexicon.FACIAL_HAIR); None for none and stubble (painted)."""
    if style in ("none", "stubble"):
        return None
    if style not in STYLES:
        raise PortraitTalkerError(f"facial hair '{style}' is unknown (one of none, stubble, {', '.join(STYLES)})")
    if head.regions is None:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no region labels to grow a beard on")
    spec = STYLES[style]
    mask = beard_mask(head, spec.cover)
    faces = np.asarray(head.faces, dtype=np.int64)
    keep = (mask[faces] > 0.02).all(axis=1)
    if not keep.any():
        return None
    used = np.unique(faces[keep])
    remap = np.full(head.num_vertices, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    body = BodySurface(head)
    v = np.asarray(head.v_template, dtype=np.float64)
    normals = body.query(v[used])[1]
    lift = LIFT_M + spec.thickness_m * mask[used]
    shell = v[used] + normals * lift[:, None]
    if spec.length_m > 0:  # a long beard hangs below the chin
        a = Anchors.from_head(head)
        hang = _smooth(float(a.chin[1]) + 0.03, float(a.chin[1]) - 0.01, v[used, 1]) * mask[used]
        hang *= _smooth(0.07, 0.02, np.abs(v[used, 0]))
        shell += hang[:, None] * spec.length_m * np.array([0.0, -1.0, 0.35])
    # skin well inside the shell takes its region; near its tapering edge the skin shows and
    # keeps its own (labelled there, it would paint the beard's colour in triangle steps)
    edge_ids = np.unique(_boundary(remap[faces[keep]]))
    deep = cKDTree(shell[edge_ids]).query(v)[0] > HIDDEN_MARGIN_M if len(edge_ids) else np.ones(len(v), bool)
    covered = np.flatnonzero((mask > 0.6) & deep)
    return Part(style, shell, remap[faces[keep]], used, FACIAL_HAIR_REGION,
                follow_expression=np.ones(len(used), dtype=bool), relabel=covered)


def _boundary(faces: np.ndarray) -> np.ndarray:
    """Vertex pairs of the edges used by one face only."""
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    uniq, counts = np.unique(edges, axis=0, return_counts=True)
    return uniq[counts == 1]


def add_facial_hair(head: HeadModel, style: str) -> HeadModel:
    part = facial_hair_part(head, style)
    return head if part is None else attach(head, part)
