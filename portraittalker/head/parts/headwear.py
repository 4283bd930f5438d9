"""Head coverings as geometry: a headscarf (hijab) framing the face, a turban over the crown, a
beanie, an ushanka (a fur hat with ear flaps), a beret, a baseball cap, a flat cap, a peaked
(service) cap, a brimmed hat,
a chef's toque, a helmet, a builder's hard hat, a bandana, a kippah, a fez, a kufi (a rounded
brimless cap over the crown) and a graduate's mortarboard over the hair, a hood worn up.

Each is a soft field over the head's skin (how much cloth lies there), cut along its level
curve (`contour.clip_to_level`: the face opening and the lower edge are smooth curves, not the
stair steps of triangles) and lifted off the skin by the cloth's thickness plus its bulk, with
a rim folding into the skin at the edge so no sliver shows under it. Every cloth vertex rides
on the skin vertex it was lifted from; a scarf also takes that skin's expressions (under the
chin it opens with the jaw), the others sit rigidly on the skull. The hair a scarf or turban
hides is not built (`dress_head` leaves it out); the others are built after the hair and laid over
it, the hair pressed under the cloth and flaring out from under its edge, so long hair hangs below it.
A peaked cap (a police officer's, a ship's captain's) is a straight band round the head under a
stiff flat top wider than it, with a short black patent peak tipped down over the brows and a
badge on the band's front.
A helmet is a hard shell: thick, smooth, open at the face
(bicycle, combat, fire and open-face knight's helmets; full-face visors would hide the speech).
A hood worn up is a loose scarf with a wider opening: from above the forehead to below the chin,
in front of the ears, open at the front of the neck (the garment's neckline shows there), full
over the back of the head, down the neck's back and sides onto the garment's shoulders; it rides
the skin under it like a scarf and hides the hair.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from ..bundled.meshing import icosphere
from .attach import Part, attach, merged
from .body import INNER_REGIONS, Anchors, BodySurface, outward_sign, region_mask, smoothstep, soft_max, vertex_normals
from .contour import boundary_edges, clip_to_level, neighbour_mean, outwards, strip, thickened
from .dental import box
from .earrings import past_the_ears
from .glasses import tube

HEADWEAR_REGION = "headwear"
STRAP_REGION = "strap"       # a helmet's chin strap, a fez's tassel
FUR_TRIM_REGION = "fur_trim"  # a hood's fur ruff
# a peaked cap's parts in fixed materials (appearance/parts.PART_COLOURS_SRGB): its band, its
# patent peak (black and shiny whatever the cap's colour) and its metal badge
PEAKED_REGIONS = ("cap_band", "cap_peak", "cap_badge")
COVERS = ("skin", "neck", "hair_cap", "brow", "beard")  # never the lips, eyes, teeth or clothes
GARMENT_REGIONS = ("cloth", "cloth_inner", "tie", "suspenders")   # (garments.py) a scarf's drape lies over them
# parts laid over the skin: a covering's field is the skin's, so it never looks them up
OVERLAYS = ("hair", "facial_hair", *GARMENT_REGIONS, "glasses", "lenses", HEADWEAR_REGION)
EDGE_LEVEL = 0.5
RIM_DEPTH_M = 0.002          # the rim folds this far into the skin
MIN_CLEARANCE_M = 0.0025     # draped cloth stays at least this far off the skin
PRESS_UNDER_M = 0.0015       # hair under a covering is pressed this far under its cloth ...
PRESS_FLARE = 0.8            # ... and flares out from under its edge at most this steeply (height per distance)
PRESS_REACH_M = 0.05         # ... up to this far past the edge
POKE_LEVEL = 0.5             # over the cloth from this far inside its edge, hair standing above it is cut
HIDDEN_MARGIN_M = 0.01       # skin this far inside the edge is hidden under the cloth (takes its region)
FACE_OPENING_TOP_M = 0.03    # a scarf's opening reaches this far above the brows ...
FACE_OPENING_CHIN_M = 0.006  # ... and this far below the chin
FACE_OPENING_WIDTH = 1.95    # half width of the opening, in eye half gaps (the cheeks' width)
DRAPE_M = (0.15, 0.085)      # a scarf falls over the shoulders and chest: half width, depth below the neck's base ...
# a scarf's side falls past the ears (earrings.past_the_ears): from this far below the lobes and above the brows
EAR_WALL_M = (0.03, 0.03)
DRAPE_SHOULDER_SHARE = 0.75  # ... its half width at most this share of the shoulders' (a child's are narrow)



@dataclass(frozen=True)
class Wrap:
    thickness_m: float       # cloth over the skin
    bulk_m: float            # extra volume: a scarf's over the back of the head, a turban's wraps


@dataclass(frozen=True)
class Opening:
    """Where a hood-like covering leaves the face and throat open, and how far it falls."""

    top_m: float             # the opening reaches this far above the brows ...
    chin_m: float            # ... and this far below the chin ...
    width: float             # ... its half width, in eye half gaps
    neck_open_deg: float     # below the chin it is open this far either side of the front (round the neck's axis)
    bib_m: tuple[float, float]   # it ends on the shoulders: half width, depth below the neck's base


# a hood's opening is as wide as the head (its sides end in front of the ears); a keffiyeh (ghutra,
# shemagh), a square cloth over the head held by an agal (headband.py), is open round the whole
# face (its band low on the forehead, its sides behind the cheeks) and down the front of the neck,
# and falls to the shoulders at the sides and back
OPENINGS: dict[str, Opening] = {"hood": Opening(0.045, 0.02, 2.6, 62.0, (0.12, 0.035)),
                                "keffiyeh": Opening(0.035, 0.05, 2.5, 80.0, (0.17, 0.05))}

WRAPS: dict[str, Wrap] = {"headscarf": Wrap(0.006, 0.014), "turban": Wrap(0.012, 0.045),
                          "beanie": Wrap(0.005, 0.012), "cap": Wrap(0.004, 0.004), "hat": Wrap(0.005, 0.035),
                          "chef_hat": Wrap(0.004, 0.10), "helmet": Wrap(0.010, 0.014), "hard_hat": Wrap(0.010, 0.016),
                          "flat_cap": Wrap(0.005, 0.0), "peaked_cap": Wrap(0.004, 0.0),
                          "bandana": Wrap(0.003, 0.004), "kippah": Wrap(0.0025, 0.0), "hood": Wrap(0.008, 0.04),
                          "fez": Wrap(0.004, 0.0), "kufi": Wrap(0.004, 0.006), "top_hat": Wrap(0.005, 0.0),
                          "sombrero": Wrap(0.005, 0.0), "cowboy_hat": Wrap(0.005, 0.035), "bowler": Wrap(0.005, 0.03),
                          "tricorn": Wrap(0.005, 0.035),
                          "pointed_hat": Wrap(0.005, 0.0), "keffiyeh": Wrap(0.006, 0.03), "beret": Wrap(0.004, 0.0),
                          "ushanka": Wrap(0.008, 0.022), "mortarboard": Wrap(0.004, 0.0)}
HIDES_HAIR = frozenset({"headscarf", "turban", "hood", "keffiyeh"})
FOLLOWS_SKIN = frozenset({"headscarf", "hood", "keffiyeh"})   # cloth that moves with the skin under it (the others sit on the skull)
# where a crown covering ends: its edge's height at the back of the skull .. over the brow
# (offsets from the eye line and the brows), between them rising with depth (over the ears)
BAND_LINES: dict[str, tuple[float, float]] = {"turban": (-0.012, 0.022), "beanie": (-0.02, 0.016),
                                              "cap": (0.0, 0.03), "hat": (0.004, 0.03), "chef_hat": (0.004, 0.03),
                                              "helmet": (-0.012, 0.024), "hard_hat": (0.004, 0.028),
                                              "flat_cap": (0.0, 0.03), "bandana": (-0.028, 0.03),
                                              "peaked_cap": (0.036, 0.03),   # level round the head, over the ears
                                              "fez": (0.03, 0.045), "kufi": (0.03, 0.045), "sombrero": (0.004, 0.03), "cowboy_hat": (0.004, 0.03), "bowler": (0.004, 0.03), "tricorn": (0.004, 0.03),
                                              "pointed_hat": (0.004, 0.03), "top_hat": (0.004, 0.03),
                                              "beret": (0.01, 0.04), "ushanka": (-0.012, 0.02),
                                              "mortarboard": (0.004, 0.03)}
KIPPAH_HALF_ANGLE_DEG = 40.0  # a skullcap's disc: this far round the skull from its centre ...
KIPPAH_TILT_DEG = 8.0         # ... which lies this far behind the top of the head
BRIM_M = (0.065, 0.012)      # a hat's brim: width all round, droop at its outer edge
TOP_HAT_M = (0.15, 0.09)     # a top hat: its flat top this high over its band's middle, at least this far over the crown ...
TOP_HAT_FLARE = 1.06         # ... a little wider at the top than at the band
TOP_HAT_BRIM_M = (0.042, -0.01)   # its narrow brim, curled up at the sides (a negative droop rises)
SOMBRERO_M = (0.13, 0.085, 0.65)    # a sombrero's crown: its top this high over its band, at least this far over
                                  # the crown, this much narrower there than at the band (a tall cone, flat-topped) ...
SOMBRERO_BRIM_M = (0.15, -0.035)  # ... and its broad brim, rising all round towards the rim
POINTED_HAT_M = (0.22, 0.17, 0.06)   # a wizard's or witch's hat: a tall cone all but closed at its tip
# the hats whose crown is a drum or cone on the covering's edge: (height, over the crown, taper)
HAT_CROWNS: dict[str, tuple[float, float, float]] = {
    "top_hat": (*TOP_HAT_M, TOP_HAT_FLARE), "sombrero": SOMBRERO_M, "pointed_hat": POINTED_HAT_M}
# each brimmed hat's brim: (width, droop at the rim (rising where negative), rising all round rather
# than at the sides only)
HAT_BRIMS: dict[str, tuple[float, float, bool]] = {
    "hat": (*BRIM_M, False), "top_hat": (*TOP_HAT_BRIM_M, False), "sombrero": (*SOMBRERO_BRIM_M, True),
    "cowboy_hat": (0.08, -0.045, False),   # a cowboy's brim turned up steeply at the sides
    "pointed_hat": (0.08, 0.015, False),   # a witch's wide, soft brim
    "bowler": (0.035, -0.012, False),       # a bowler's short brim, curled up at the sides under its round crown
    "tricorn": (0.075, -0.06, True),        # a tricorn's wide brim cocked up all round (its corners: TRICORN_CORNERS)
}
# a tricorn's brim pinned up on three sides into a triangle, one corner over the brow: at a corner it
# reaches this much further out and rises this share less than between them
TRICORN_CORNERS = (0.35, 0.75)
AFRO_RAISE_M = 0.025       # a covering on an afro sits this much higher (the hair showed nowhere below a beanie)
HAIR_UNDER_HAT_M = 0.01     # hair under a beanie or cap is pressed this thin (what stands higher is cut)
HELMET_OVER_HAIR_M = (0.01, 0.02)   # a rigid shell stands as high over the skin as most of the hair under it, within these
RIGID_SHELLS = frozenset({"helmet", "hard_hat"})   # smooth over the head, not draped over the locks of hair
CUFF_M = (0.03, 0.004)       # a beanie's folded cuff: this wide along the edge, this much prouder
# an ushanka (a fur hat with ear flaps): each flap hangs over an ear, this far either side of the
# ear's middle front to back, down to this far below the mouth's line; and all its edge, flaps and
# the turned-up front, is a thick fur band this wide and this much prouder
USHANKA_FLAP_M = (0.03, 0.022)
USHANKA_CUFF_M = (0.018, 0.014)
USHANKA_FRONT_M = 0.02        # ... the band turned up at the front this much taller
FUR_RUFF_M = (0.03, 0.02)     # a hood's fur ruff: this wide round the opening, standing this much prouder ...
RUFF_FORWARD = 0.7            # ... out from the face and this much forward
VISOR_M = (0.075, 0.07)      # a cap's visor: half width, reach forward
HARD_HAT_VISOR_M = (0.07, 0.035)   # a hard hat's short peak; its shell stands off the head on its harness
VISOR_TILT_DEG = 14.0        # tipped down from the horizontal
ROOT_REACH_M = 0.012         # a visor's root: on the highest point of the cloth's edge within this far of each column
FLAT_CAP_VISOR = (0.07, 0.03, 30.0)   # a flat cap: a short stiff brim tipped well down ...
# ... its crown's front pulled this far forward over the brim, reached this far above its edge; its top flat at the
# top of the head's height in the middle, sloping down to the front by this angle (degrees)
FLAT_CAP_CROWN = (0.035, 0.025, 10.0)
# a peaked (service) cap: a straight band round the head this high over its edge, flaring out this
# share; then its stiff flat top wider than the band (times its half width and depth), reaching this
# much further forward, this far over the scalp's top at its middle, rising to the front by this angle (degrees)
PEAKED_BAND_M = (0.035, 1.03)
PEAKED_TOP_M = (1.2, 1.25, 0.015, 0.013, 4.0)
# its band's foot stands this far out from the cloth's edge (the cloth, thicker just above its edge, showed
# through the band) and this far below it (over the cloth's edge and the hair cut under it: long hair's
# ragged cut and the cloth's edge showed under the band), turned in under it this far (no gap to see into)
PEAKED_FOOT_M = (0.005, 0.008, 0.01)
PEAKED_CLEAR_M = 0.002       # ... and at least this far out from the cloth beside it (over thick hair)
PEAK_PRESS_M = 0.005         # hair under its peak is pressed this far below it, fading out over this far
PEAK_PRESS_FADE_M = 0.015    # past its outline
PEAKED_UNDER_TOP_M = 0.004   # the cloth under its top (and the hair under that) pressed this far below it
PEAKED_VISOR = (0.085, 0.05, 26.0)   # its short stiff peak: half width, reach, tipped well down (degrees)
PEAKED_BADGE_M = (0.011, 0.003, 0.6)   # a badge on the band's front: radius, thickness, share of the band's height
# the visors: (half width, reach, tilt down in degrees)
VISORS = {"cap": (*VISOR_M, VISOR_TILT_DEG), "hard_hat": (*HARD_HAT_VISOR_M, VISOR_TILT_DEG), "flat_cap": FLAT_CAP_VISOR,
          "peaked_cap": PEAKED_VISOR}
STRAP_M = (0.012, 0.0025)    # a helmet's chin strap: width, height over the face
TOQUE_BAND_M = 0.045         # a chef's toque: a snug band this high above the brows, then its puffed crown
# a beret: a soft flat crown on its snug band, wider than the band (times its half width and depth), this
# thick, its widest this share of the way from the band's edge up to its top, slouched this far to the
# person's left and tipped down there by this angle (degrees)
BERET_M = (1.22, 1.1, 0.06, 0.62, 0.016, 12.0)
MORTARBOARD_M = (0.125, 0.005, 0.006)   # a mortarboard: its square board's half side, thickness, lift over the cap
MORTARBOARD_TASSEL_M = (0.0018, 0.1)  # its tassel: a cord from the board's button over the person's right edge,
                                      # hanging this long ...
MORTARBOARD_TASSEL_END_M = (0.004, 0.03)  # ... ending in a tassel: radius, length
FEZ_M = (0.095, 0.025)       # a fez: its flat top this high over its rim's middle, at least this far over the crown ...
FEZ_TAPER = 0.8              # ... and this much narrower than its rim
FEZ_CORD_M = (0.0016, 0.05)  # its tassel's cord: radius, length down the side from the top's edge ...
FEZ_CORD_ANGLE = np.radians(80.0)  # ... where it leaves the top: this far round from the back
FEZ_TASSEL_M = (0.0055, 0.017)  # ... and the tassel: radius, half length


def headwear_field(head: HeadModel, kind: str, raised_m: float = 0.0) -> Callable[[np.ndarray], np.ndarray]:
    """points [N,3] on the skin -> [N] in [0, 1]: how much cloth of `kind` lies there (a crown
    covering's edge `raised_m` higher all round: worn up on an afro)."""
    a = Anchors.from_head(head)
    v = np.asarray(head.v_template, np.float64)
    covers = _cover_mask(head, kind)
    skin = (np.arange(len(v)) < head.metadata.get("body_vertices", len(v))) & (~region_mask(head, *OVERLAYS) | covers)
    allowed = covers[skin].astype(np.float64)
    tree = cKDTree(v[skin])
    chin_y, brow_y = float(a.chin[1]), float(a.brow_y)
    back_z = float(a.skull_center[2] - a.skull_radii[2])

    def on_skin(p: np.ndarray) -> np.ndarray:
        dist, idx = tree.query(p, k=3)
        w = 1.0 / (dist + 1e-5)
        return (allowed[idx] * w).sum(axis=1) / w.sum(axis=1)

    if kind == "headscarf":
        top, bottom = brow_y + FACE_OPENING_TOP_M, chin_y - FACE_OPENING_CHIN_M
        cy, ry, rx = (top + bottom) / 2, (top - bottom) / 2, FACE_OPENING_WIDTH * a.eye_half_gap
        neck_base = float(a.neck_base[1])
        # (on a small child's narrow shoulders a full-size drape stood out past them in shards)
        drape_x = min(DRAPE_M[0], DRAPE_SHOULDER_SHARE * a.shoulder_half_width)
        drape_y = DRAPE_M[1] * drape_x / DRAPE_M[0]

        def field(p: np.ndarray) -> np.ndarray:
            front = smoothstep(a.ear_z, a.ear_z + 0.03, p[:, 2])
            e = np.sqrt((p[:, 0] / rx) ** 2 + ((p[:, 1] - cy) / ry) ** 2)
            face = front * smoothstep(1.06, 0.98, e)
            # below the neck's base the cloth falls over shoulders, chest and back in a rounded bib
            below = np.sqrt((p[:, 0] / drape_x) ** 2 + (np.minimum(p[:, 1] - neck_base, 0.0) / drape_y) ** 2)
            return (1 - face) * smoothstep(1.04, 0.96, below) * on_skin(p)
    elif kind in OPENINGS:
        o = OPENINGS[kind]
        top, bottom = brow_y + o.top_m, chin_y - o.chin_m
        cy, ry, rx = (top + bottom) / 2, (top - bottom) / 2, o.width * a.eye_half_gap
        neck_base, neck_z = float(a.neck_base[1]), float(a.neck_joint[2])
        open_cos = np.cos(np.radians(o.neck_open_deg))
        bib_x, bib_y = o.bib_m

        def field(p: np.ndarray) -> np.ndarray:
            front = smoothstep(a.ear_z, a.ear_z + 0.03, p[:, 2])
            e = np.sqrt((p[:, 0] / rx) ** 2 + ((p[:, 1] - cy) / ry) ** 2)
            face = front * smoothstep(1.06, 0.98, e)
            # under the chin the front of the neck stays open down to the neckline
            radial = np.stack([p[:, 0], p[:, 2] - neck_z], 1)
            cos = radial[:, 1] / np.maximum(np.linalg.norm(radial, axis=1), 1e-9)
            throat = smoothstep(open_cos - 0.12, open_cos + 0.04, cos) * smoothstep(chin_y + 0.03, chin_y + 0.01, p[:, 1])
            below = np.sqrt((p[:, 0] / bib_x) ** 2 + (np.minimum(p[:, 1] - neck_base, 0.0) / bib_y) ** 2)
            return (1 - np.maximum(face, throat)) * smoothstep(1.04, 0.96, below) * on_skin(p)
    elif kind in BAND_LINES:
        front_z = float(a.face_z) + 0.02
        low, high = float(a.eye_y) + BAND_LINES[kind][0] + raised_m, brow_y + BAND_LINES[kind][1] + raised_m

        flap_z, flap_bottom = float(a.ear_z) - 0.004, float(a.mouth_y) - USHANKA_FLAP_M[1]

        def field(p: np.ndarray) -> np.ndarray:
            t = np.clip((p[:, 2] - back_z) / (front_z - back_z), 0.0, 1.0)
            line = low + (high - low) * t ** 1.5            # over the brow, above the ears, low at the nape
            if kind == "ushanka":   # the ear flaps: the edge drops over each ear to below the mouth's line
                over_ear = smoothstep(USHANKA_FLAP_M[0], USHANKA_FLAP_M[0] - 0.006, np.abs(p[:, 2] - flap_z)) \
                    * smoothstep(0.03, 0.05, np.abs(p[:, 0]))
                line = line - (line - flap_bottom) * over_ear
            return smoothstep(line - 0.004, line + 0.004, p[:, 1]) * on_skin(p)
    elif kind == "kippah":
        tilt = np.radians(KIPPAH_TILT_DEG)
        centre = np.asarray(a.skull_center, np.float64)
        axis = np.array([0.0, np.cos(tilt), -np.sin(tilt)])
        limit = np.cos(np.radians(KIPPAH_HALF_ANGLE_DEG))

        def field(p: np.ndarray) -> np.ndarray:
            d = p - centre
            cos = d @ axis / np.maximum(np.linalg.norm(d, axis=1), 1e-9)
            return smoothstep(limit - 0.02, limit + 0.02, cos) * on_skin(p)
    else:
        raise PortraitTalkerError(f"head covering '{kind}' is unknown; use one of {', '.join(WRAPS)}")
    return field


def _draped(shell: np.ndarray, faces: np.ndarray, pinned: np.ndarray, body: BodySurface, clearance: np.ndarray,
            rounds: int = 3, iterations: int = 12) -> np.ndarray:
    """Cloth spans hollows and bumps instead of following every one (an ear under a scarf is
    a gentle swell, not an ear): Laplacian smoothing of the shell with its edge pinned, each
    round pushed back out to `clearance` [N] over the body."""
    n = len(shell)
    mean = neighbour_mean(faces, n)
    free = np.ones(n, bool)
    free[pinned] = False

    def smoothed(x: np.ndarray, times: int) -> np.ndarray:
        x = x.copy()
        for _ in range(times):
            x[free] = 0.5 * x[free] + 0.5 * (mean @ x)[free]
        return x

    out = shell
    for _ in range(rounds):
        out = body.pushed_out(smoothed(out, iterations), clearance, rounds=1)
    # the bumps the last push raised (an ear's shape) spread out, and nothing pokes through
    return body.pushed_out(smoothed(out, iterations // 2), MIN_CLEARANCE_M)


def headwear_part(head: HeadModel, kind: str, backwards: bool = False,
                  raised_m: float = 0.0, trim: str | None = None) -> tuple[Part, np.ndarray]:
    """The covering as a part, and [F] bool: the head's hair faces inside it (to be dropped).
    `backwards`: a cap's visor over the nape instead of the brow; `raised_m`: its edge that much higher;
    `trim` "fur": a hood's fur ruff round its opening."""
    if kind not in WRAPS:
        raise PortraitTalkerError(f"head covering '{kind}' is unknown; use one of {', '.join(WRAPS)}")
    if head.regions is None:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no region labels to lay a {kind} on")
    field = headwear_field(head, kind, raised_m)
    v = np.asarray(head.v_template, np.float64)
    all_faces = np.asarray(head.faces, np.int64)
    normals_v = vertex_normals(v, all_faces) * outward_sign(v, all_faces)
    covers = _cover_mask(head, kind)
    mask = field(v) * covers
    faces = all_faces[(mask[all_faces] > 0).any(axis=1) & covers[all_faces].all(axis=1)]
    base, patch, origin = clip_to_level(v, faces, mask, EDGE_LEVEL, field)
    used = np.unique(patch)
    if not len(used):
        raise PortraitTalkerError(f"head model '{head.model_id}' has no skin where a {kind} would lie")
    remap = np.full(len(base), -1, np.int64)
    remap[used] = np.arange(len(used))
    base, origin, patch = base[used], origin[used], remap[patch]
    a_id, b_id, t = origin[:, 0].astype(np.int64), origin[:, 1].astype(np.int64), origin[:, 2]
    normals = normals_v[a_id] * (1 - t)[:, None] + normals_v[b_id] * t[:, None]
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    m = np.where(a_id == b_id, mask[a_id], EDGE_LEVEL)
    fullness = smoothstep(EDGE_LEVEL, 1.0, m)
    anchors = Anchors.from_head(head)
    wrap = WRAPS[kind]
    rim_edges = boundary_edges(patch)
    edge_ids = np.unique(rim_edges)
    if kind == "headscarf":   # fuller over the back of the head and where it gathers at the neck
        bulk = smoothstep(anchors.ear_z, anchors.ear_z - 0.06, base[:, 2]) * smoothstep(anchors.eye_y - 0.03,
                                                                                    anchors.eye_y + 0.04, base[:, 1])
        bulk = bulk + 0.5 * smoothstep(float(anchors.chin[1]), float(anchors.neck_base[1]), base[:, 1])
    elif kind in OPENINGS:    # loose over the back of the head, slack over the crown and ears, gathered down the neck
        behind = smoothstep(anchors.ear_z + 0.02, anchors.ear_z - 0.07, base[:, 2])
        bulk = behind * smoothstep(anchors.mouth_y, anchors.eye_y + 0.02, base[:, 1]) \
            + 0.5 * smoothstep(anchors.brow_y - 0.01, float(anchors.crown[1]), base[:, 1]) \
            + 0.4 * smoothstep(float(anchors.chin[1]) - 0.01, anchors.eye_y, base[:, 1]) \
            + 0.2 * smoothstep(float(anchors.chin[1]), float(anchors.neck_base[1]), base[:, 1])
    elif kind == "chef_hat":  # a snug band, then the tall crown billowing out over it
        bulk = smoothstep(anchors.brow_y + TOQUE_BAND_M, float(anchors.crown[1]), base[:, 1]) ** 0.7
    else:                     # wraps, a beanie's slouch and a cap's crown rise towards the top
        bulk = smoothstep(anchors.brow_y, float(anchors.crown[1]), base[:, 1])
    lift = wrap.thickness_m * fullness + wrap.bulk_m * bulk * fullness + 0.0008
    if kind == "kippah":        # a skullcap rests on the hair (on its fuller part: the hair round it must not hide it)
        lift = lift + float(np.percentile(_hair_height(head, base, normals), 90))
    elif kind in RIGID_SHELLS:    # a rigid shell over the hair at an even height, the hair pressed under it (over
        # wavy hair, lifted by the hair under each point, its edge rose and fell with the locks); a hard hat rides on
        # its harness an even gap higher
        lift = lift + float(np.clip(np.percentile(_hair_height(head, base, normals), 75), *HELMET_OVER_HAIR_M)) \
            + (HAIR_UNDER_HAT_M if kind == "hard_hat" else 0.0)
    elif kind not in HIDES_HAIR:  # over the hair, pressed flat under it
        lift = lift + np.minimum(_hair_height(head, base, normals), HAIR_UNDER_HAT_M)
    if kind in ("headscarf", "hood", "keffiyeh"):  # over the clothes the drape reaches
        lift = lift + _eased(_height_above(head, base, normals, GARMENT_REGIONS), patch)
    if kind == "beanie":      # the folded cuff along the edge
        cuff = cKDTree(base[edge_ids]).query(base)[0] < CUFF_M[0]
        lift = lift + CUFF_M[1] * cuff
    shell = base + normals * lift[:, None]
    if kind in ("headscarf", "hood", "keffiyeh"):  # out sideways past the ears
        shell[:, 0] += past_the_ears(head, shell, anchors, wrap.thickness_m, *EAR_WALL_M)
    if kind not in ("turban", "kippah"):  # cloth drapes over ears and hair; a turban's wraps keep their shape; a
        # helmet's or hard hat's rigid shell spans the head alone, the hair pressed under it (over wavy locks it was lumpy)
        body = BodySurface(head, regions=tuple(r for r in head.region_names if r not in ("hair", *INNER_REGIONS))) \
            if kind in RIGID_SHELLS else BodySurface(head)
        shell = _draped(shell, patch, edge_ids, body, np.maximum(lift, 0.0025))
    if kind == "peaked_cap":  # the cloth (and the hair) under its stiff top pressed below it
        shell = _under_lid(shell, *_peaked_lid(_even_loop(shell, rim_edges, anchors)[0], float(base[:, 1].max())))
    if kind == "flat_cap":    # its flat top sloping down to the front, pulled forward over its brim
        shell = _flat_cap_crown(shell, anchors)
    if kind == "ushanka":     # its fur band round the edge (the turned-up front, round the flaps), proud of
        width, proud = USHANKA_CUFF_M            # the draped crown (added before draping, it was smoothed away)
        width = width + USHANKA_FRONT_M * smoothstep(anchors.ear_z + 0.02, anchors.face_z, base[:, 2])  # in front
        band = smoothstep(width, width - 0.004, cKDTree(base[edge_ids]).query(base)[0])
        shell = shell + normals * (proud * band)[:, None]
    ruff = np.zeros(len(base))
    if trim == "fur" and kind == "hood":   # a thick band of fur round the face's opening (not the hem) ...
        opening = edge_ids[(base[edge_ids, 2] > anchors.ear_z - 0.01) & (base[edge_ids, 1] > float(anchors.chin[1]) - 0.03)]
        if len(opening):
            width, proud = FUR_RUFF_M
            ruff = smoothstep(width, width - 0.006, cKDTree(base[opening]).query(base)[0])
            # ... standing out from the face and forward (along the cloth's normals it tore into
            # shards where the hood is draped over the ears)
            out = base - base[opening].mean(axis=0)
            out[:, 2] = 0.0
            out = out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9) + np.array([0.0, 0.0, RUFF_FORWARD])
            out /= np.linalg.norm(out, axis=1, keepdims=True)
            shell = shell + out * (proud * ruff)[:, None]
    n = len(shell)
    rim_index = np.full(n, -1, np.int64)
    rim_index[edge_ids] = n + np.arange(len(edge_ids))
    rim = base[edge_ids] - normals[edge_ids] * RIM_DEPTH_M
    ea, eb = rim_edges[:, 0], rim_edges[:, 1]
    rim_faces = np.concatenate([np.stack([ea, rim_index[eb], eb], 1), np.stack([ea, rim_index[ea], rim_index[eb]], 1)])
    source = np.where(t < 0.5, a_id, b_id)
    deep = cKDTree(base[edge_ids]).query(v)[0] > HIDDEN_MARGIN_M if len(edge_ids) else np.ones(len(v), bool)
    verts, faces = np.concatenate([shell, rim]), np.concatenate([patch, rim_faces])
    source = np.concatenate([source, source[edge_ids]])
    # a scarf moves with the skin under it (the jaw under the chin); a turban, beanie, cap or
    # hat sits on the skull and does not follow the brows (a visor stays on its crown's edge)
    follow = np.full(len(verts), kind in FOLLOWS_SKIN)
    visor, peak = 0, None
    peaked = _peaked_cap(shell, rim_edges, anchors, float(base[:, 1].max())) if kind == "peaked_cap" else None
    if kind in VISORS or kind in HAT_BRIMS:  # a visor or a brim, rigid on the skin under the crown's edge
        width, droop, all_round = HAT_BRIMS.get(kind, (0.0, 0.0, False))
        # a peaked cap's peak is fixed to the foot of its band (outside the cloth's edge)
        root = shell[edge_ids] if peaked is None else peaked[3]
        vv, vf = _visor(root, anchors, backwards, size=VISORS[kind]) if kind in VISORS else \
            _brim(shell, rim_edges, anchors, width, droop, all_round=all_round, corners=kind == "tricorn")
        nearest = cKDTree(base).query(vv)[1]
        verts, faces = np.concatenate([verts, vv]), np.concatenate([faces, vf + len(verts)])
        source = np.concatenate([source, source[nearest]])
        follow = np.concatenate([follow, np.zeros(len(vv), bool)])
        visor = len(vv)
        peak = (vv, vf)
    labels = np.zeros(len(verts), np.int64)
    if kind == "peaked_cap":    # its peak is black patent leather; the cloth's rim under the band is the band's
        labels[len(verts) - visor:] = 4     # (navy flecks of it showed under the band between locks of hair)
        labels[n:n + len(edge_ids)] = 3
    labels[:n][ruff > 0.5] = 2
    labels[n:n + len(edge_ids)][ruff[edge_ids] > 0.5] = 2   # the rim under it
    if kind in ("fez", "beret", "mortarboard", "peaked_cap") or kind in HAT_CROWNS:  # on the crown's edge, rigid on
        if kind == "fez":                   # the skull: a cone (and a fez's tassel), a beret's flat crown, a board
            fv, ff, fl = _fez(shell, rim_edges, anchors)
        elif peaked is not None:
            fv, ff, fl, _ = peaked
        elif kind == "mortarboard":
            fv, ff, fl = _mortarboard(shell)
        elif kind == "beret":
            fv, ff = _beret(shell, rim_edges, anchors)
            fl = np.zeros(len(fv), np.int64)
        else:
            sv, sf, lv, lf, _, _ = _drum(shell, rim_edges, anchors, *HAT_CROWNS[kind])
            fv, ff, fl = merged([(sv, sf, 0), (lv, lf, 0)])
        nearest = cKDTree(base).query(fv)[1]
        verts, faces = np.concatenate([verts, fv]), np.concatenate([faces, ff + len(verts)])
        source = np.concatenate([source, source[nearest]])
        follow = np.concatenate([follow, np.zeros(len(fv), bool)])
        labels = np.concatenate([labels, fl])
    if kind == "helmet":        # its chin strap lies on the face and opens with the jaw
        sv, sf, ss = _chin_strap(shell[edge_ids], BodySurface(head), anchors)
        verts, faces = np.concatenate([verts, sv]), np.concatenate([faces, sf + len(verts)])
        source = np.concatenate([source, ss])
        follow = np.concatenate([follow, np.ones(len(sv), bool)])
        labels = np.concatenate([labels, np.ones(len(sv), np.int64)])
    cloth = ((shell - base) * normals).sum(axis=1)
    over = _HairOverCloth.of(head, base, normals)
    tucked = _hair_inside(head, over, m, cloth)
    edge = np.zeros(len(base), bool)
    edge[edge_ids] = True
    pressed = _hair_pressed(head, over, normals, cloth, edge) if kind != "kippah" else None
    if kind in VISORS and pressed is not None and peak is not None:   # (locks at the temples stood up through
        pressed = _under_peak(pressed, over.ids, *peak)                  # a cap's or flat cap's visor too)
    names = (HEADWEAR_REGION, STRAP_REGION, FUR_TRIM_REGION, *(PEAKED_REGIONS if kind == "peaked_cap" else ()))
    return Part(kind, verts, faces, source, HEADWEAR_REGION, follow_expression=follow,
                labels=labels, label_names=names, relabel=np.flatnonzero((mask > 0.6) & deep),
                metadata={"headwear": {"kind": kind, "shell_vertices": int(n),   # then its rim, a visor
                                       "backwards": backwards}}), tucked, pressed


def _flat_cap_crown(shell: np.ndarray, a: Anchors) -> np.ndarray:
    """A flat cap's crown: its front pulled forward over the brim's root (more the higher, from its edge over
    the brows), and its top pressed down onto a plane that slopes down to the front (a domed crown, snug on
    the skull, read as a beanie)."""
    reach, rise, slope_deg = FLAT_CAP_CROWN
    edge_y = a.brow_y + BAND_LINES["flat_cap"][1]
    front = smoothstep(float(a.skull_center[2]) - 0.02, float(a.skull_center[2]) + 0.06, shell[:, 2])
    up = smoothstep(edge_y, edge_y + rise, shell[:, 1])
    out = shell.copy()
    out[:, 2] += reach * front * up
    plane = float(a.crown[1]) - np.tan(np.radians(slope_deg)) * (out[:, 2] - float(a.skull_center[2]))
    # a soft minimum: the dome eases onto the plane over about 6 mm (a hard one left a crease round the top)
    out[:, 1] = -soft_max(-out[:, 1], -plane, 0.006)
    return out


def _cover_mask(head: HeadModel, kind: str) -> np.ndarray:
    """[V] bool: the skin a covering lies on (`COVERS`); a scarf's drape also the body under the
    clothes (which a garment relabelled as its own). Never a part's vertices (hair, clothes)."""
    mask = region_mask(head, *COVERS)
    if kind in ("headscarf", "hood", "keffiyeh"):
        mask |= region_mask(head, "torso", *GARMENT_REGIONS)
    mask[head.metadata.get("body_vertices", head.num_vertices):] = False
    return mask


def _eased(height: np.ndarray, patch: np.ndarray) -> np.ndarray:
    """[N] a height over the skin (the clothes') measured along sparse normals, with its holes
    closed (a few rounds of neighbour max), then eased so cloth rises gently onto it."""
    mean = neighbour_mean(patch, len(height))
    for _ in range(4):
        height = np.maximum(height, mean @ height)
    for _ in range(6):
        height = 0.5 * height + 0.5 * (mean @ height)
    return height


def _hair_height(head: HeadModel, base: np.ndarray, normals: np.ndarray) -> np.ndarray:
    """[N] how far the hair's outer surface lies above each skin point along its normal."""
    return _height_above(head, base, normals, ("hair",))


def _height_above(head: HeadModel, base: np.ndarray, normals: np.ndarray, regions: tuple[str, ...],
                  reach: float = 0.08, radius: float = 0.006) -> np.ndarray:
    """[N] how far the outer surface of `regions` (hair, clothes) lies above each skin point along
    its normal (0 where there is none): the furthest such vertex within `radius` of the normal's line."""
    over = np.asarray(head.v_template, np.float64)[region_mask(head, *regions)]
    out = np.zeros(len(base))
    if not len(over):
        return out
    tree = cKDTree(over)
    for i, near in enumerate(tree.query_ball_point(base, reach)):
        if near:
            d = over[near] - base[i]
            t = d @ normals[i]
            across = np.linalg.norm(d - t[:, None] * normals[i], axis=1)
            on_line = (t > 0) & (across < radius)
            if on_line.any():
                out[i] = t[on_line].max()
    return out


@dataclass(frozen=True)
class _HairOverCloth:
    """The head's hair vertices `ids` [H], each over its nearest covering base point `k` [H]: `off` [H,3]
    from it, `height` [H] along its normal (found once for the faces cut and the vertices pressed)."""

    ids: np.ndarray
    k: np.ndarray
    off: np.ndarray
    height: np.ndarray

    @classmethod
    def of(cls, head: HeadModel, base: np.ndarray, normals: np.ndarray) -> "_HairOverCloth":
        ids = np.flatnonzero(region_mask(head, "hair"))
        v = np.asarray(head.v_template, np.float64)[ids]
        k = cKDTree(base).query(v)[1] if len(ids) else np.zeros(0, np.int64)
        off = v - base[k]
        return cls(ids, k, off, (off * normals[k]).sum(axis=1))


def _hair_inside(head: HeadModel, over: _HairOverCloth, cover: np.ndarray, cloth_height: np.ndarray) -> np.ndarray:
    """[F] bool: hair faces with a corner over well-covered skin (under the cloth), or over the
    cloth's fuller part and standing higher than the cloth there (a curl would poke through it:
    a wavy fringe showed as lumps on a beanie's front). `cloth_height`: [N] the cloth over the base."""
    faces = np.asarray(head.faces)
    hair = np.zeros(head.num_vertices, bool)
    hair[over.ids] = True
    if not len(over.ids):
        return np.zeros(len(faces), bool)
    k, height = over.k, over.height
    inside = np.zeros(len(hair), bool)
    inside[over.ids] = ((cover[k] > 0.75) & (height > -0.01)) | ((cover[k] > POKE_LEVEL) & (height > cloth_height[k]))
    return inside[faces].any(axis=1) & hair[faces].all(axis=1)


def _hair_pressed(head: HeadModel, over: _HairOverCloth, normals: np.ndarray, cloth_height: np.ndarray,
                  edge: np.ndarray) -> np.ndarray | None:
    """[V,3] the head's vertices with its hair pressed under a covering: no hair vertex stands higher
    than the cloth just under it, and beyond the cloth's edge the hair flares out from under it at most
    PRESS_FLARE metres of height per metre (standing higher, voluminous hair at the temples broke
    through the edge, cut off there in the triangles' steps); None without hair. `cloth_height`: [N]
    the cloth over the base points; `edge`: [N] bool, the base points on the cloth's edge."""
    if not len(over.ids):
        return None
    v = np.asarray(head.v_template, np.float64).copy()
    ids, k, off, height = over.ids, over.k, over.off, over.height
    # past the cloth's edge: how far aside of the edge point it is nearest to (under the cloth: 0)
    beyond = np.where(edge[k], np.linalg.norm(off - height[:, None] * normals[k], axis=1), 0.0)
    allowed = cloth_height[k] - PRESS_UNDER_M + PRESS_FLARE * beyond
    over = (height > allowed) & (beyond < PRESS_REACH_M)
    v[ids[over]] -= ((height - allowed)[over])[:, None] * normals[k[over]]
    return v


def _visor(edge: np.ndarray, anchors: Anchors, backwards: bool = False, columns: int = 17,
           rows: int = 6, size: tuple[float, float, float] = VISORS["cap"]) -> tuple[np.ndarray, np.ndarray]:
    """A cap's visor: a curved plate from the front of its edge (the back's, worn `backwards`),
    tipped down, rounded at its tip; `size`: its half width, reach and tilt (degrees)."""
    half, reach, tilt_deg = size
    out = -1.0 if backwards else 1.0      # along z, the way the visor points
    front = edge[out * (edge[:, 2] - anchors.skull_center[2]) > 0]
    u = np.linspace(-1.0, 1.0, columns)
    x = u * half
    # its root along the top of the edge's front (over wavy hair the cloth's edge rises and falls with the locks
    # under it, and a root along it cut the visor into a zigzag): the edge's highest point near each column,
    # smoothed; the dips lie behind the visor; its depth a parabola in x, least squares
    near = front[np.abs(front[:, 0]) < half + ROOT_REACH_M]
    near = near if len(near) >= 3 else front
    top = np.array([near[np.abs(near[:, 0] - xi) < ROOT_REACH_M, 1].max(initial=-np.inf) for xi in x])
    top = np.where(np.isfinite(top), top, np.interp(x, *near[np.argsort(near[:, 0])][:, :2].T))
    top = np.convolve(np.pad(top, 2, mode="edge"), np.ones(5) / 5, mode="valid")
    root = np.column_stack([x, top, np.polyval(np.polyfit(near[:, 0], near[:, 2], 2), x)])
    tilt = np.radians(tilt_deg)
    forward = np.array([0.0, -np.sin(tilt), out * np.cos(tilt)])
    length = reach * np.sqrt(np.clip(1.0 - u ** 2, 0.0, 1.0)) + 0.004    # a rounded tip
    t = np.linspace(0.0, 1.0, rows)[:, None, None]
    sag = -0.012 * (u ** 2)[None, :, None] * t * np.array([0.0, 1.0, 0.4 * out])  # curved down at the sides
    grid = root[None] + t * length[None, :, None] * forward + sag
    verts, faces = strip(list(grid))
    normals = np.tile(np.array([0.0, np.cos(tilt), out * np.sin(tilt)]), (len(verts), 1))
    return thickened(verts, faces, normals, 0.003)


def _even_loop(shell: np.ndarray, edges: np.ndarray, anchors: Anchors) -> tuple[np.ndarray, np.ndarray]:
    """The crown's edge loop evened out -> (loop [K,3] in order, the head's vertical axis point): the
    edge is lifted over hair in lumps, and a brim or a fez rises from an even band."""
    loop = _edge_loop(edges)
    axis = np.array([0.0, 0.0, float(anchors.skull_center[2])])
    # draped over lumpy hair (locks) the crown's edge zigzags back and forth; a brim along it
    # folded over itself in stacked rings: it runs round the head in order of angle
    angle = np.arctan2(shell[loop, 0], shell[loop, 2] - axis[2])
    order = np.argsort(angle)
    root = shell[loop[order if np.angle(np.exp(1j * np.diff(angle))).sum() > 0 else order[::-1]]]
    radial = root - axis
    radius = np.linalg.norm(radial[:, [0, 2]], axis=1)
    k = max(len(loop) // 12, 1)
    kernel = np.ones(2 * k + 1) / (2 * k + 1)
    wrap = lambda x: np.convolve(np.concatenate([x[-k:], x, x[:k]]), kernel, mode="valid")  # noqa: E731
    scale = wrap(np.maximum(wrap(radius), radius)) / np.maximum(radius, 1e-9)   # the envelope, smoothed
    root[:, 0] = axis[0] + radial[:, 0] * scale
    root[:, 2] = axis[2] + radial[:, 2] * scale
    # its height a tilted plane through the edge (the edge's lumps made a brim of stacked steps)
    design = np.column_stack([np.ones(len(root)), root[:, 0], root[:, 2]])
    root[:, 1] = design @ np.linalg.lstsq(design, root[:, 1], rcond=None)[0]
    return root, axis


def _brim(shell: np.ndarray, edges: np.ndarray, anchors: Anchors, width: float = BRIM_M[0],
          droop: float = BRIM_M[1], rows: int = 5, all_round: bool = False,
          corners: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A hat's brim: a ring from the crown's edge loop straight out from the head's axis, `width`
    wide, drooping by `droop` towards its rim (rising where negative: at the sides only, or
    `all_round` as a sombrero's does); with `corners`, cocked into a tricorn's three (TRICORN_CORNERS)."""
    root, axis = _even_loop(shell, edges, anchors)
    out = root - axis
    out[:, 1] = 0.0
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    if droop < 0 and not all_round:   # a curled brim rises over the ears and lies flat front and back
        droop = droop * np.abs(out[:, 0])[None, :, None] ** 2
    if corners:   # 1 at the corners (front, and behind either ear), 0 midway between them
        corner = (0.5 + 0.5 * np.cos(3.0 * np.arctan2(out[:, 0], out[:, 2]))) ** 3
        width = width * (1.0 + TRICORN_CORNERS[0] * corner)[None, :, None]
        droop = droop * (1.0 - TRICORN_CORNERS[1] * corner)[None, :, None]
    t = np.linspace(0.0, 1.0, rows)[:, None, None]
    ring = root[None] + t * width * out[None] - (t ** 2) * droop * np.array([0.0, 1.0, 0.0])
    verts, faces = strip(list(ring), closed=True)
    normals = np.tile(np.array([0.0, 1.0, 0.0]), (len(verts), 1))
    return thickened(verts, faces, normals, 0.003)


def _drum(shell: np.ndarray, edges: np.ndarray, anchors: Anchors, height: float, over_crown: float,
          taper: float, rows: int = 6) -> tuple[np.ndarray, ...]:
    """A truncated cone with a flat top on the crown's edge (a fez's, a top hat's crown): its top
    `height` over the edge's middle and at least `over_crown` over the head's crown, `taper` times
    as wide there -> (sides verts, faces, lid verts, faces, the loops round its foot and its top)."""
    root, _ = _even_loop(shell, edges, anchors)
    centre = root.mean(axis=0)
    top_y = max(centre[1] + height, float(anchors.crown[1]) + over_crown)
    top = centre + (root - centre) * np.array([taper, 0.0, taper])
    top[:, 1] = top_y
    t = np.linspace(0.0, 1.0, rows)[:, None, None]
    sides_v, sides_f = strip(list(root[None] * (1 - t) + top[None] * t), closed=True)
    lid_v = np.concatenate([top, np.array([[centre[0], top_y, centre[2]]])])
    k = len(top)
    lid_f = np.stack([np.full(k, k), np.arange(k), (np.arange(k) + 1) % k], 1)
    inner = np.array([centre[0], 0.5 * (centre[1] + top_y), centre[2]])
    return sides_v, outwards(sides_v, sides_f, inner), lid_v, outwards(lid_v, lid_f, inner), root, top


def _beret(shell: np.ndarray, edges: np.ndarray, anchors: Anchors) -> tuple[np.ndarray, np.ndarray]:
    """A beret's crown: a flattened spheroid over the band, wider than the head, widest above the
    band's edge, slouched to the person's left (+x) and tipped down there; its underside lies
    inside the head and the band, its overhang shows round them."""
    root, _ = _even_loop(shell, edges, anchors)
    centre = root.mean(axis=0)
    wide, deep, thick, over, slouch, tip = BERET_M
    half = np.array([wide * np.ptp(root[:, 0]) / 2, thick / 2, deep * np.ptp(root[:, 2]) / 2])
    sv, sf = icosphere(3)
    c, s_ = np.cos(np.radians(tip)), np.sin(np.radians(tip))
    turn = np.array([[c, -s_, 0.0], [s_, c, 0.0], [0.0, 0.0, 1.0]])    # about z: down on the +x side
    top = float(shell[:, 1].max())
    middle = np.array([centre[0] + slouch, centre[1] + over * (top - centre[1]), centre[2]])
    verts = (sv * half) @ turn.T + middle
    return verts, outwards(verts, sf, middle)


def _peaked_lid(root: np.ndarray, scalp_top: float) -> tuple[np.ndarray, float]:
    """A peaked cap's flat top over its band's edge loop `root`: (its middle [3], its rise per metre
    towards the front); its middle PEAKED_TOP_M's height over the scalp's top (the head fills the
    cap; over the hair's top, a long-haired woman's cap stood 3 cm taller), and clear of the band's
    top (on an afro the band sits high)."""
    _, _, forward, over, tilt = PEAKED_TOP_M
    centre = root.mean(axis=0)
    height = max(scalp_top + over, float(root[:, 1].max()) + PEAKED_BAND_M[0] + over)
    return np.array([centre[0], height, centre[2] + forward]), float(np.tan(np.radians(tilt)))


def _under_lid(shell: np.ndarray, middle: np.ndarray, slope: float) -> np.ndarray:
    """`shell` [N,3] pressed PEAKED_UNDER_TOP_M below a peaked cap's top (`_peaked_lid`): the cloth
    and the hair under it stay inside the cap (over a full head of hair they stood through its top)."""
    lid = middle[1] + slope * (shell[:, 2] - middle[2]) - PEAKED_UNDER_TOP_M
    out = shell.copy()
    out[:, 1] = np.minimum(out[:, 1], lid)
    return out


def _band_clearance(edge: np.ndarray, centre: np.ndarray, shell: np.ndarray, height: float, margin: float,
                    spread: int = 30) -> np.ndarray:
    """[K] how far out from the loop `edge` [K,3] (away from the axis through `centre`) a straight band
    rising `height` from it must stand to clear the `shell` points beside it by `margin`:
    over thick hair the cloth bulges out above its edge, and showed through the band in flecks; eased
    over 1/`spread` of the way round."""
    radius = lambda p: np.linalg.norm((p - centre)[:, [0, 2]], axis=1)   # noqa: E731
    angle = lambda p: np.arctan2(p[:, 0] - centre[0], p[:, 2] - centre[2])   # noqa: E731
    near = shell[(shell[:, 1] > edge[:, 1].min()) & (shell[:, 1] < edge[:, 1].max() + height)]
    order = np.argsort(angle(edge))
    k = len(edge)
    # each shell point to the edge point nearest in angle round the head
    slot = np.searchsorted(angle(edge)[order], angle(near)) % k
    widest = np.zeros(k)
    np.maximum.at(widest, order[slot], radius(near))
    need = np.maximum(widest + margin - radius(edge)[order], 0.0)
    # its envelope eased round the head (a step at each lock of hair ridged the band), never below what it needs
    m = max(k // spread, 1)
    kernel = np.ones(2 * m + 1) / (2 * m + 1)
    wrap = lambda x: np.concatenate([x[-m:], x, x[:m]])   # noqa: E731
    eased = np.max([np.roll(need, s) for s in range(-m, m + 1)], axis=0)
    for _ in range(2):
        eased = np.convolve(wrap(eased), kernel, mode="valid")
    return np.maximum(need, eased)[np.argsort(order)]


def _under_peak(v: np.ndarray, hair: np.ndarray, peak_v: np.ndarray, peak_f: np.ndarray,
                samples: int = 4) -> np.ndarray:
    """[V,3] the head's vertices with its `hair` vertices over a peak's footprint pressed under it, down to
    PEAK_PRESS_M below its underside: locks at the temples, flaring out from under the band, stood
    up through the peak's root."""
    w = np.stack(np.meshgrid(np.linspace(0, 1, samples), np.linspace(0, 1, samples)), -1).reshape(-1, 2)
    w = w[w.sum(axis=1) <= 1.0]
    tri = peak_v[peak_f]
    points = (tri[:, None, 0] * (1 - w.sum(axis=1))[None, :, None] + tri[:, None, 1] * w[None, :, :1]
              + tri[:, None, 2] * w[None, :, 1:]).reshape(-1, 3)
    dist, idx = cKDTree(points[:, [0, 2]]).query(v[hair][:, [0, 2]])
    under = points[idx, 1] - PEAK_PRESS_M
    # fading out past the peak's outline (pressed there alone, the locks beside it stood up in spikes)
    weight = smoothstep(PEAK_PRESS_M + PEAK_PRESS_FADE_M, PEAK_PRESS_M, dist)
    weight = weight * ((v[hair, 1] > under) & (v[hair, 1] < under + PEAKED_BAND_M[0]))
    out = v.copy()
    out[hair, 1] -= weight * (v[hair, 1] - under)
    return out


def _peaked_cap(shell: np.ndarray, edges: np.ndarray, anchors: Anchors, scalp_top: float,
                rows: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A peaked (service) cap over the crown's edge: a straight band, its crown flaring out from the
    band's top to a stiff flat top wider than the band, and a badge on the band's front -> (verts,
    faces, label: 0 crown, 3 band, 5 badge; the band's foot loop [K,3], where the peak is fixed);
    `scalp_top`: the height of the top of the head under the hair."""
    edge, _ = _even_loop(shell, edges, anchors)
    height, flare = PEAKED_BAND_M
    wide, deep, forward, _, _ = PEAKED_TOP_M
    middle, slope = _peaked_lid(edge, scalp_top)
    centre = edge.mean(axis=0)
    out = (edge - centre) * np.array([1.0, 0.0, 1.0])
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    drop = np.array([0.0, PEAKED_FOOT_M[1], 0.0])
    stand = np.maximum(PEAKED_FOOT_M[0], _band_clearance(edge, centre, shell, height, PEAKED_CLEAR_M))
    root, lip = edge + out * stand[:, None] - drop, edge - out * PEAKED_FOOT_M[2] - drop
    band_top = centre + (root - centre) * np.array([flare, 0.0, flare])
    band_top[:, 1] = edge[:, 1] + height
    rim = centre + (root - centre) * np.array([wide, 0.0, deep]) + np.array([0.0, 0.0, forward])
    rim[:, 1] = middle[1] + slope * (rim[:, 2] - middle[2])
    t = np.linspace(0.0, 1.0, rows)[:, None, None]
    band_v, band_f = strip([lip, *(root[None] * (1 - t) + band_top[None] * t)], closed=True)
    # the crown's sides: out from the band's top quickly, then up to the top's stiff edge
    s = np.linspace(0.0, 1.0, 2 * rows)[:, None, None]
    ease = 1 - (1 - s) ** 2
    side_v, side_f = strip(list(band_top[None] + (rim - band_top)[None] * np.concatenate([ease, s, ease], axis=2)),
                           closed=True)
    # the top in rings closing on its middle (a fan of slivers let the rays and nearest-point lookups
    # of what rests on it, headphones' band, fall through to the cloth under it)
    hub = np.array([centre[0], 0.0, rim[:, 2].mean()])
    ring_v, ring_f = strip([hub + (rim - hub) * f for f in np.linspace(1.0, 0.1, rows + 2)], closed=True)
    ring_v[:, 1] = middle[1] + slope * (ring_v[:, 2] - middle[2])
    k = len(rim)
    cap_f = np.stack([np.full(k, len(ring_v)), len(ring_v) - k + np.arange(k), len(ring_v) - k + (np.arange(k) + 1) % k], 1)
    lid_v = np.concatenate([ring_v, [[hub[0], middle[1] + slope * (hub[2] - middle[2]), hub[2]]]])
    lid_f = np.concatenate([ring_f, cap_f])
    inner = np.array([centre[0], 0.5 * (centre[1] + middle[1]), centre[2]])
    radius, thick, share = PEAKED_BADGE_M
    front = int(np.argmax(root[:, 2] - 10.0 * np.abs(root[:, 0] - centre[0])))   # the band's middle front
    spot = root[front] * (1 - share) + band_top[front] * share + np.array([0.0, 0.0, thick / 2 + 0.0005])
    ball_v, ball_f = icosphere(2)
    badge_v = spot + ball_v * np.array([radius, 1.15 * radius, thick / 2])   # a little taller than wide
    verts, faces, labels = merged([(band_v, outwards(band_v, band_f, inner), 3),
                                   (side_v, outwards(side_v, side_f, inner), 0),
                                   (lid_v, outwards(lid_v, lid_f, inner), 0), (badge_v, ball_f, 5)])
    return verts, faces, labels, root


def _mortarboard(shell: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A graduate's mortarboard on its skullcap (`shell`): a stiff square board laid level on the
    cap's top, its sides square to the face, with a button in the middle and a tassel on a cord
    from it over the person's right edge, hanging down -> (verts, faces, label: 0 board, 1 tassel)."""
    half, thick, lift = MORTARBOARD_M
    top = shell[np.argmax(shell[:, 1])]
    centre = np.array([float(np.median(shell[:, 0])), float(top[1]) + lift, float(top[2])])
    box_v, box_f = box(centre + np.array([0.0, thick / 2, 0.0]), np.eye(3), (half, thick / 2, half))
    cord_r, hang = MORTARBOARD_TASSEL_M
    up = np.array([0.0, thick + cord_r + 0.0005, 0.0])
    edge = centre + up + np.array([-half - cord_r - 0.001, 0.0, 0.0])   # the person's right: -x
    path = np.concatenate([np.linspace(centre + up, edge, 12),
                           np.linspace(edge, edge - np.array([0.0, hang, 0.0]), 14)[1:]])
    cord_v, cord_f = tube(path, (0.0, 0.0, 1.0), cord_r, cord_r, closed=False)
    radius, length = MORTARBOARD_TASSEL_END_M
    ball_v, ball_f = icosphere(2)
    tassel_v = path[-1] - np.array([0.0, length / 2, 0.0]) + ball_v * np.array([radius, length / 2, radius])
    button_v = centre + up * 0.6 + ball_v * np.array([0.006, 0.002, 0.006])
    return merged([(box_v, box_f, 0), (cord_v, cord_f, 1), (tassel_v, ball_f, 1), (button_v, ball_f, 1)])


def _fez(shell: np.ndarray, edges: np.ndarray, anchors: Anchors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A fez over the crown's edge: a truncated cone with a flat top, and a black tassel on a cord
    from the top's middle over its back edge -> (verts, faces, label: 0 felt, 1 tassel)."""
    sides_v, sides_f, lid_v, lid_f, root, top = _drum(shell, edges, anchors, *FEZ_M, FEZ_TAPER)
    middle = lid_v[-1]
    centre = top.mean(axis=0)
    # the cord runs from the top's middle to its edge over the back of one ear (seen from the front
    # beside the cone), then down the side
    back = np.argmax((top - centre) @ np.array([np.sin(FEZ_CORD_ANGLE), 0.0, -np.cos(FEZ_CORD_ANGLE)]))
    out = top[back] - middle
    out /= np.linalg.norm(out)
    cord_r, cord_len = FEZ_CORD_M
    lift = np.array([0.0, cord_r + 0.001, 0.0])
    side_dir = root[back] - top[back]
    side_dir /= np.linalg.norm(side_dir)
    end = top[back] + side_dir * cord_len + out * (cord_r + 0.002)
    path = np.concatenate([np.linspace(middle + lift, top[back] + lift + out * 0.002, 8),
                           np.linspace(top[back] + out * (cord_r + 0.002), end, 10)[1:]])
    cord_v, cord_f = tube(path, (1.0, 0.0, 0.0), cord_r, cord_r, closed=False)
    radius, half = FEZ_TASSEL_M
    ball_v, ball_f = icosphere(2)
    tassel_v = end + side_dir * half * 0.8 + out * radius * 0.6 + ball_v * np.array([radius, half, radius])
    return merged([(sides_v, sides_f, 0), (lid_v, lid_f, 0), (cord_v, cord_f, 1), (tassel_v, ball_f, 1)])


def _chin_strap(edge: np.ndarray, body: BodySurface, anchors: Anchors, samples: int = 28
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A helmet's chin strap: on each side a band from the shell's edge in front of the ear, down
    past the jaw's angle to under the chin, laid on the face (its hair and beard included) ->
    (verts, faces, the head vertex each rides on)."""
    chin, width, lift = np.asarray(anchors.chin, np.float64), STRAP_M[0], STRAP_M[1]
    parts, source, count = [], [], 0
    for side in (1.0, -1.0):
        start = np.array([side * anchors.skull_radii[0], anchors.eye_y + 0.01, anchors.ear_z + 0.022])
        start = edge[np.argmin(np.linalg.norm(edge - start, axis=1))]
        half = anchors.skull_radii[0]   # (a child's face is narrower)
        path = np.array([start, [side * 0.78 * half, anchors.mouth_y - 0.02, anchors.ear_z + 0.012],
                         [side * 0.4 * half, chin[1] - 0.004, chin[2] - 0.022], [0.0, chin[1] - 0.008, chin[2] - 0.024]])
        t = np.linspace(0.0, 1.0, samples)
        knots = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
        line = np.column_stack([np.interp(t * knots[-1], knots, path[:, k]) for k in range(3)])
        for _ in range(4):     # onto the face ...
            sd, n, _ = body.query(line)
            line = line - n * sd[:, None]
        for _ in range(3):     # ... with its kinks rounded off (strands of hair under it), then just clear of it
            for _ in range(4):
                line[1:-1] = 0.5 * line[1:-1] + 0.25 * (line[:-2] + line[2:])
            sd, n, nearest = body.query(line)
            line = line + n * np.maximum(lift - sd, 0.0)[:, None]
        tangent = np.gradient(line, axis=0)
        across = np.cross(tangent, n)
        across /= np.maximum(np.linalg.norm(across, axis=1, keepdims=True), 1e-12)
        v, f = strip([line - across * width / 2, line + across * width / 2])
        v, f = thickened(v, f, np.concatenate([n, n]), 0.0015)
        parts.append((v, f + count))
        count += len(v)
        source.append(np.resize(np.concatenate([nearest, nearest]), len(v)))
    return (np.concatenate([v for v, _ in parts]), np.concatenate([f for _, f in parts]),
            np.concatenate(source))


def _edge_loop(edges: np.ndarray) -> np.ndarray:
    """The longest closed loop of directed boundary edges, as vertex ids in order."""
    nxt = dict(zip(edges[:, 0].tolist(), edges[:, 1].tolist()))
    best: list[int] = []
    seen: set[int] = set()
    for start in nxt:
        if start in seen:
            continue
        loop, v = [], start
        while v in nxt and v not in seen:
            seen.add(v)
            loop.append(v)
            v = nxt[v]
        if len(loop) > len(best):
            best = loop
    return np.asarray(best, np.int64)


def add_headwear(head: HeadModel, kind: str | None, backwards: bool = False, on_afro: bool = False,
                 trim: str | None = None) -> HeadModel:
    """`head` with a headscarf, turban, beanie, beret, cap (`backwards`: its visor over the nape), brimmed hat, chef's
    toque, helmet, bandana, kippah, fez, kufi, peaked cap or hood (None or "none": unchanged; `trim` "fur": with a fur ruff).
    `on_afro`: a crown covering sits up on an afro, its edge AFRO_RAISE_M higher, so the hair shows all round below it."""
    if kind in (None, "none"):
        return head
    raised = AFRO_RAISE_M if on_afro and kind in BAND_LINES and kind not in HIDES_HAIR else 0.0
    part, tucked, pressed = headwear_part(head, kind, backwards, raised, trim)
    if pressed is not None:   # the hair pressed under the cloth and flaring out from under its edge
        head = dataclasses.replace(head, v_template=pressed.astype(np.asarray(head.v_template).dtype))
    if tucked.any():          # the hair inside the covering goes (it would poke through) ...
        faces = np.asarray(head.faces)
        changes = {"faces": faces[~tucked]}
        if getattr(head, "faces_uv", None) is not None:
            changes["faces_uv"] = np.asarray(head.faces_uv)[~tucked]
        # ... and its vertices, left without faces, take the covering's region: anything that
        # looks up the nearest vertex (the painter, layer labels) must not find hair there
        orphans = np.setdiff1d(np.unique(faces[tucked]), np.unique(changes["faces"]))
        head = dataclasses.replace(head, **changes)
        part = dataclasses.replace(part, relabel=np.union1d(part.relabel, orphans))
    return attach(head, part)
