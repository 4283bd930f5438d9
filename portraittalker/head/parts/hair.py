"""Hair as geometry: strands grown from the head's scalp, meshed as one volume.

A few hundred strand clumps start on the scalp (the head's `hair_cap` region), are combed
away from the parting, bend under gravity, slide over the skull, neck and shoulders (they
collide with the body's distance field) and keep out of the face. The union of the clumps
(tapered capsules along each strand) and a thin shell on the scalp is one solid; marching
cubes turns it into a mesh. Styles differ in strand length, stiffness, cut line, fringe and
where the strands are gathered (ponytail, pigtails, bun, one braid down the back); an afro is a rounded cloud of
coils round the skull whose edge runs along the hairline, a mohawk a spiked crest along the middle of a shaved
scalp, an undercut hair grown only on the top of the head and swept back over shaved sides, a mullet short in front and
long at the back, spiky hair stood up off the scalp in tapering spikes; a side shave clears one
side of any style and combs its hair over to the other. Short hair, and a bun's hair pulled back,
lies on the scalp: each step of its strands is put back at a set height over the skin, and short strands
end, thinning, at the hairline; its curls are small knots along the strands. Elsewhere loose waves and
curls wave or spiral the strands in clumps, each clump's strands in step (S-waves, ringlets). Locks
(dreadlocks, locs, box braids) are thick separate ropes, rooted a finger apart at random, barely blended,
each swaying a little.

The mesh rides on the nearest scalp/neck vertex (skinning copied), so hair turns with the
head and ignores facial expressions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.spatial import cKDTree

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach
from .body import Anchors, BodySurface, query_workers, region_mask, smoothstep, soft_max, unphantom
from .earrings import past_the_ears
from .volume import drop_hidden, mesh_field, value_noise

HAIR_REGION = "hair"
GRID_STEP_M = 0.005           # marching-cubes voxel
STEP_M = 0.005                # strand integration step
INSIDE_KEEP_M = 0.009         # the solid is cut this far under the skin (the cut is hidden; shallower left the
                              # scalp shell about two voxels thick, with holes on the crown of some heads)
FACE_MARGIN_M = 0.032         # hair keeps this far to the side of the eyes' outer edge
FOREHEAD_SHOWN_M = 0.03       # without a fringe, hair stays this far above the brows
FRINGE_LOW_M = 0.006          # a full fringe (1) reaches this far above the brows
FRINGE_SPLITS = ("curtain", "swept")   # a fringe parted in the middle | swept to one side from a side parting
CURTAIN_GAP_M = 0.042         # curtain bangs open over the forehead to this half width at the brows
PEAK_M = (0.02, 0.026)        # a widow's peak: how far below the hairline it points, its half width at the hairline
SWEPT_PART_X = 1.0            # side-swept bangs are parted on this side (+x) and cover the other side's brow
HAIRLINE_W = (0.3, 0.6)       # the scalp shell rises from nothing to full across this band of scalp weight
HUG_NORMAL_Y = 0.0            # combed hair lies on the skull where its normal points up (above the
                              # skull's widest point), then falls from there
DRAPE_INWARD_M = 0.01        # below the jaw a strand moves at most this much closer to the midline
FLYAWAY_M = 0.09              # anywhere, strands further than this from the body are cut
TUNNEL_M = 0.01              # a strand's step ending this deep in the body went through a thin layer
STRAY_M = 0.06                # below the shoulders, strands further than this from the body are cut
HANGING_RISE_M = 0.01          # below the chin, a strand risen this far above its lowest point is cut there
RIDGE_NZ = 0.05               # a strand resting on a shoulder this tilted forward or back has landed on that slope
DRAPE_AHEAD_M = 0.02          # below the jaw, strands start to turn along the body this far before meeting it ...
DRAPE_BEND = 0.5              # ... turning by this share of the way towards it each step


@dataclass(frozen=True)
class HairStyle:
    """How a style grows. Lengths in metres; `droop` is how fast a strand bends towards the
    floor (1/m); `comb` says which way strands leave the scalp."""

    length_m: float = 0.0
    radius_m: float = 0.009            # clump radius at the root ...
    tip_radius_m: float = 0.007        # ... and at the tip
    cap_m: float = 0.006               # shell thickness on the scalp
    droop: float = 25.0
    lift_m: float = 0.0                # extra distance strands keep from the scalp (volume)
    comb: str = "part"                 # part (from a middle parting) | back (combed back) | up (stood up off the scalp)
    fringe: float = 0.0                # front strands fall forward over the forehead: 0 none .. 1 down to the brows
    cut: str | None = None             # level the ends are cut at: mouth | chin (bob) | jaw | shoulder | chest
    layered_m: float = 0.0             # layered cut: each clump ends up to this much above or below the cut level
    gather: str | None = None          # ponytail | pigtails | bun
    tail_length_m: float = 0.0
    tail_radius_m: float = 0.0
    side_length: float = 1.0           # share of the length grown by roots on the sides and back
    front_length: float = 1.0          # share of the length grown by roots forward of the back of the head
                                       # (a mullet: short on top and at the sides, long down the back)
    root_spacing_m: float = 0.011      # roots are picked about this far apart on the scalp
    ropes: bool = False                # locks: separate ropes (roots at random, at least root_spacing_m apart,
                                       # barely blended, swaying instead of curling, laid in layers)
    max_faces: int = 10000             # triangle budget of the mesh
    top_from: float | None = None      # undercut: only the scalp above this height on the skull grows hair
                                       # (0 at its widest, 1 at the crown); the painter shaves the rest
    bald_above: float | None = None    # balding: only the scalp below this height at the back grows hair, the
                                       # line falling towards the temples (a horseshoe); the painter leaves skin
    lie_m: tuple[float, float] | None = None   # close-cropped or pulled back sleek: each strand lies on the
                                       # scalp, its centre line this high above the skin at the root and at the tip,
                                       # and ends at the hairline (left to fly off the skull, short strands hung off
                                       # the crown and nape in a ledge of drips)


STYLES: dict[str, HairStyle] = {
    "bald": HairStyle(cap_m=0.0),
    # male-pattern balding: close hair round the sides and back, a bare crown and temples
    "balding": HairStyle(cap_m=0.0055, bald_above=0.22),
    "buzz": HairStyle(cap_m=0.0055),
    "short": HairStyle(length_m=0.05, radius_m=0.007, tip_radius_m=0.005, droop=40.0, comb="back", cap_m=0.006,
                       side_length=0.3, fringe=0.6, root_spacing_m=0.009, lie_m=(0.003, 0.006)),
    # an older woman's short set: combed back and lifted off the scalp in soft curls (choose_hair gives it
    # the curl), the volume that lying flat as a man's crop lacked (a swim cap, on which women of 75 read
    # 24-33 years old to the face analyser)
    "set": HairStyle(length_m=0.07, radius_m=0.007, tip_radius_m=0.005, droop=40.0, comb="back", cap_m=0.006,
                     side_length=0.3, root_spacing_m=0.009, lie_m=(0.009, 0.015)),
    # short, stood up off the scalp in separate tapering spikes (gelled)
    "spiky": HairStyle(length_m=0.036, radius_m=0.0085, tip_radius_m=0.002, droop=4.0, comb="up", cap_m=0.006,
                       side_length=0.4, root_spacing_m=0.013),
    "medium": HairStyle(length_m=0.15, radius_m=0.008, tip_radius_m=0.006, droop=26.0, comb="part",
                        root_spacing_m=0.009, cut="mouth", layered_m=0.025),
    "shoulder": HairStyle(length_m=0.28, radius_m=0.009, tip_radius_m=0.008, droop=28.0, lift_m=0.002,
                          root_spacing_m=0.009, cut="shoulder"),
    "long_straight": HairStyle(length_m=0.44, radius_m=0.009, tip_radius_m=0.010, droop=30.0, lift_m=0.002,
                               cut="chest"),
    "long_wavy": HairStyle(length_m=0.42, radius_m=0.011, tip_radius_m=0.011, droop=24.0, lift_m=0.006, cut="chest"),
    # short on top and at the sides, hanging to the shoulders at the back
    "mullet": HairStyle(length_m=0.27, radius_m=0.008, tip_radius_m=0.007, droop=30.0, comb="back", cap_m=0.006,
                        root_spacing_m=0.009, front_length=0.2, cut="jaw", layered_m=0.02),
    "bob": HairStyle(length_m=0.17, radius_m=0.009, tip_radius_m=0.010, droop=30.0, lift_m=0.001, fringe=1.0,
                     cut="chin"),
    "ponytail": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="ponytail",
                          tail_length_m=0.24, tail_radius_m=0.022),
    "pigtails": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="pigtails",
                          tail_length_m=0.17, tail_radius_m=0.018),
    "bun": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="bun",
                     tail_radius_m=0.042, lie_m=(0.003, 0.003)),
    # two plaits: the hair drawn down behind the ears and braided, each plait hanging over a shoulder
    "braids": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="plaits",
                        tail_length_m=0.3, tail_radius_m=0.013),
    # one braid: the hair drawn back from the whole scalp, gathered at the nape (a French braid: along the
    # middle of the back of the head from the crown) and plaited down the back, or over the front of a shoulder
    "braid": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="braid",
                       tail_length_m=0.34, tail_radius_m=0.016),
    # space buns: two smaller buns high on either side of the crown
    "space_buns": HairStyle(length_m=0.16, radius_m=0.006, tip_radius_m=0.006, droop=0.0, gather="buns",
                            tail_radius_m=0.03),
    "afro": HairStyle(cap_m=0.01),
    "mohawk": HairStyle(cap_m=0.0),     # the sides are shaved (the painter draws their stubble)
    "shaved": HairStyle(cap_m=0.0),     # a shaved head: no strands, the painter draws the scalp's stubble
    # long on top, swept back with some lift, over sides and back the painter shaves
    "undercut": HairStyle(length_m=0.12, radius_m=0.008, tip_radius_m=0.004, droop=15.0, lift_m=0.003,
                          comb="back", cap_m=0.006, root_spacing_m=0.009, top_from=0.45),
    # dreadlocks, locs, box braids: ropes 1.5 cm thick (three voxels across) a finger apart on the whole scalp
    "short_locs": HairStyle(length_m=0.12, radius_m=0.0075, tip_radius_m=0.0065, droop=22.0, lift_m=0.002,
                            cap_m=0.006, root_spacing_m=0.028, cut="jaw", layered_m=0.02, ropes=True,
                            max_faces=24000),
    "locs": HairStyle(length_m=0.3, radius_m=0.0075, tip_radius_m=0.0065, droop=30.0, lift_m=0.002, cap_m=0.006,
                      root_spacing_m=0.028, cut="shoulder", layered_m=0.025, ropes=True, max_faces=24000),
    "long_locs": HairStyle(length_m=0.46, radius_m=0.0075, tip_radius_m=0.0065, droop=30.0, lift_m=0.002,
                           cap_m=0.006, root_spacing_m=0.028, cut="chest", layered_m=0.03, ropes=True,
                           max_faces=24000),
}
# where a ponytail or bun is gathered: elevation on the skull's mid-plane, degrees above the
# back of the head (90 is the crown)
GATHER_ELEVATION_DEG = {"ponytail": 38.0, "bun": 50.0}
# ... tied high (on the crown) or low (at the nape) when said
GATHER_AT_DEG = {("ponytail", "high"): 72.0, ("bun", "high"): 82.0, ("ponytail", "low"): -18.0, ("bun", "low"): -22.0}
# plaits: tied behind the jaw's corner, this far (m) in from the skull's side and behind the ear's plane;
# a plait's strands cross every PLAIT_PITCH_M, bulging it by PLAIT_BULGE of its radius
PLAITS_AT = (0.012, 0.012)
PLAIT_PITCH_M, PLAIT_BULGE = 0.026, 0.32
# one braid: tied at the nape, at this share of the way down from the eyes to the mouth, its plait hanging
# down the back; a French braid starts this high on the back of the head (degrees above the skull's
# centre, as GATHER_ELEVATION_DEG), thin there, taking in hair down to the nape
BRAID_NAPE = 0.5
BRAID_FRENCH_FROM_DEG = 62.0
SIDE_BRAIDS = ("side", "side_right")  # a braid or ponytail swept over the person's left or right shoulder (hair_gather)
BRAID_TIE_M, BRAID_TUFT_M = 0.01, 0.035   # its end: a tie this long, then a loose tuft this long
BRAID_ZIGZAG = 0.3            # the plait's three strands cross from side to side (share of its radius)
SPACE_BUNS_AT = (75.0, 0.045)   # space buns: elevation on the skull (as above), then this far (m) to either side
PUFF_SCALE = 1.45            # a bun of tightly curled hair (an afro puff) is this much wider than a sleek one
AFRO_PAD_M = np.array([0.055, 0.06, 0.055])   # afro volume beyond the skull (x, y, z half extents)
# an afro's lower edge (its hem) runs round the head along the hairline: from the hairline's middle it falls from the
# first to the second azimuth (degrees round the skull's axis from the front) to the top of the ears, there from the
# third to the fourth to the nape; it stands this far (m) below the back's hairline (covering its point)
AFRO_HEM_DEG = (0.0, 70.0, 92.0, 125.0)
AFRO_NAPE_M = 0.01
AFRO_EAR_M = 0.01             # at the sides it comes this far below the brows' height, over the ears' tops
AFRO_CORNERS = (32.0, 12.0, 0.006)   # the hem rises at the forehead's corners: azimuth, spread (degrees), height (m)
AFRO_RISE = (1.0, 1.6, 1.6)   # from its hem an afro thickens this many metres per metre of height up the head: over
                              # the forehead (rising off it at 45 degrees), at the sides and at the back (steeper)
AFRO_ROUND_M = 0.02           # ... its edge rounded over this much
AFRO_BUMPS = ((50.0, 0.008), (140.0, 0.004))   # an afro's surface noise: (frequency 1/m, amplitude m) of its tufts
                                                # and of the coils on them (finer is lost on the 5 mm grid)
AFRO_BALL_UP_M = 0.025        # its ellipsoid is centred this far above the skull's centre
AFRO_BACK_FALL = 1.2          # at the back its lower half reaches this many times its centre's height over the nape
                              # (cut there by the hem: a full round back, not one narrowing to the nape)
AFRO_MIN_SHARE = 0.4          # it stands at least this share of its reach off the skin (where the head bulges)
AFRO_ADULT_SKULL_M, AFRO_CHILD = 0.088, 0.75   # on a smaller head than an adult's (mean skull half extent, m) its
                                               # reach shrinks with the head, to this share at least
MOHAWK_M = (0.016, 0.085)     # a mohawk's crest: half width at its root, height above the scalp
MOHAWK_SPIKES = 7             # spikes along the crest, from the hairline to the crown's back
BALDING_FRONT = (0.02, 0.05, 0.5)    # the balding line: from the ear's plane forward over this far (m) it falls
                                    # by this much skull height, baring the temples
# a balding man's horseshoe (the balding style's shell alone) is short hair lying flat that thins out into the bare
# skin round it (at its full height to its edge it stood off the scalp in a ledge, the pad's rim ragged where its
# edge fell between the voxels): its height over the skin rises from nothing at the first distance (m) below the
# balding line (< 0: above it) to full at the second, ...
BALDING_TOP_M = (-0.008, 0.01)
# ... and, behind the ears, across this far (m) inside its lower edge (the scalp's, cut at the nape along a close
# crop's `Neckline`: the box the shell was meshed in had cut it off in a straight line above it); in front of the
# ears, its strips at the temples end as before
BALDING_LOW_M = 0.012
# both edges wander, by the first amplitude (m) at the second frequency (1/m), and the third at the fourth
BALDING_EDGE_NOISE = (0.008, 30.0, 0.003, 90.0)
# the shell ends where it would be thinner than this over the skin (m): the painter has thinned its colour into
# the skin's by then (a thinner film and the skin interleaved)
BALDING_LIFT_M = 0.001
BALDING_SUBDIVISIONS = 4      # the skin's height under the shell is read on a lattice this fine in each triangle
# a mullet's long hair grows from roots further back than the ears' plane (from the first to the second
# distance behind it, m) and lower than the third to the fourth height above the eyes
MULLET_BACK_M = (0.03, 0.055, 0.085, 0.055)
MULLET_SIDES = 0.35           # its sides above the ears grow this share of its top's length
# a side shave: the scalp on the person's right clipped from this far out from the midline (m, fading in over the
# second), up to this skull height (fading over the fourth), forward of this far behind the ears' plane (m)
SIDE_SHAVE = (0.03, 0.015, 0.5, 0.15, 0.05)
# a receding hairline: bare this far (degrees round the skull's centre, in the side view) behind the hairline
# at the middle and at the temples, the temples' recession growing in from the first |x| (m) to the second,
# full to the third and gone by the fourth (above the ears the hair stays); its edge fades over RECEDE_EDGE_DEG
RECEDE_DEG = (3.0, 24.0)
RECEDE_TEMPLE_X = (0.01, 0.035, 0.055, 0.075)
RECEDE_EDGE_DEG = 3.0
TUCKED_FRONT_M = -0.03        # under an ushanka, long hair grows only from roots this far behind the ears' plane
TUCKED_FROM_LENGTH_M = 0.1    # (hair longer than this)
UNDERCUT_EDGE = 0.12          # an undercut's line fades over this much skull height (a sharp step aliases);
UNDERCUT_TAPER = 0.3          # its hair thins over this much above the line,
UNDERCUT_QUIFF_M = 0.012      # stands this much higher off the forehead,
UNDERCUT_DROP = 0.2           # and, lying back over the crown, ends this far below the line
ROPE_BLEND_M = 0.0012         # soft-min blend between ropes (the default 3 mm fused neighbours into a mass)
ROPE_SWAY = (0.006, 0.22)     # each rope's slow sideways sway (amplitude m, wavelength m), in place of curls
ROPE_THICKNESS = (0.85, 1.15)  # each lock's radius, as a share of the style's
ROPE_BUMPS_M = 0.0015         # a lock's surface noise (a curl's 6 mm would break up a 15 mm rope)
ROPE_LAYER_M = 0.012          # ropes from the crown lie this much further out than those at the hairline
# close-cropped hair (HairStyle.lie_m): the surface's noise (the 2.5 mm, and a curl's 6.5 mm, of longer hair
# melted a 1.5 cm layer into lumps of clay)
CROPPED_BUMPS_M = 0.0008
# a buzz cut's (and a balding head's) shell of a few mm of hair: its surface noise, straight and added by the curl
# (the 2.5 mm and a curl's 4 mm of longer hair made a 5.5 mm shell a lumpy cap of folds)
SHELL_BUMPS_M = (0.001, 0.0015)
CROPPED_EDGE = (0.4, 0.6)     # its strands thin to this share of their radius at the hairline (a fringe's over the brow)
CROPPED_FRINGE_FROM_M = 0.04  # its fringe falls from roots this far in front of the ears' plane (the rest combed back)
# its fringe's edge (`_fringe_line`) is cut in the solid, not where each strand's steps end (each clump 9 mm apart
# ended a step above or below the line in a lump of its own: a torn edge of fingers and one spike): the strands grow
# this far (m) past it, the solid is cut along it, and thins towards it: at most the first height (m) over the skin
# the third distance (m) from it, falling to the second at the line (a feathered edge, not a slab's blunt end)
CROPPED_FRINGE_PAST_M = 0.008
CROPPED_FRINGE_TAPER_M = (0.014, 0.0015, 0.012)
CROPPED_FRINGE_SIDE_M = 0.015  # the scalp's shell reaches down to that line under the strands (they reached it in
                               # columns, a gap between two a notch), fading out over this much short of the
                               # keep-out's sides
# its nape: the head's hair cap ends at the back in a V (2-3 cm below where it ends a few cm to the sides); a close
# crop is cut along a neckline there instead: level with the cap's lowest a few cm (the first to the second, m) to
# either side of the middle, dipping this much (m) in the middle (gently curved), behind this far (m) behind the
# ears' plane, the cut fading over this height (m)
CROPPED_NAPE = (0.03, 0.045, 0.004, 0.02, 0.006)
CROPPED_FRINGE_TIPS = (0.016, 0.004, 2.0)   # the line dips in a tip every this far (m), this deep (m), this sharp
CROPPED_SWEPT_DROOP = 0.3     # a swept fringe's strands droop this share as much (at the style's, combed aside
                              # they fell straight down the forehead in a row of columns, no sweep)
CROPPED_SIDES = 0.7           # its sides and back are this much thinner than its top (as thick, they ended over the
                              # ears in a 1.4 cm step)
# its curls: along each strand, every few steps, a round knot of this radius (m) standing this far (m) out of it,
# for waves and for tight curls
CROPPED_CURLS = ((0.0035, 0.0015, 3), (0.005, 0.0035, 3))
WAVE = {  # curl -> (amplitude m, wavelength m)
    "wavy": (0.011, 0.075),
    "curly": (0.013, 0.035),
}
# loose waves and curls wave in clumps: roots about CLUMP_M apart each lead a clump, whose other strands wave in
# step with it (each strand at a phase of its own crossed its neighbours into a crumpled mass) and are drawn in
# towards it by CLUMP_PULL of the way at the tips (a groove between locks). Waves' phase drifts slowly over the
# scalp (value noise of this frequency, 1/m, over a whole turn), each clump off it by up to its CLUMP_JITTER
# (rad): waves run across the hair, ringlets are each their own. The wave turns out of the hair's sheet by
# WAVE_ROUND of its amplitude (a flat S-wave 0 .. a round ringlet 1)
CLUMP_M = 0.03
CLUMP_REACH_M = (0.02, 0.035)   # a strand further than this from its leading strand (gone the other way round a
                                # shoulder) is drawn in less, then not at all
CLUMP_PULL = {"wavy": 0.4, "curly": 0.7}
PHASE_DRIFT_PER_M = 8.0
CLUMP_JITTER = {"wavy": 0.3, "curly": np.pi}
WAVE_ROUND = {"wavy": 0.25, "curly": 1.0}
WAVED_BUMPS_M = 0.0025        # waved or curled loose hair's surface noise: a straight head's (its curl's 4 mm more
                              # crumpled the clumps' waves into lumps)
WAVE_FROM_M = 0.06            # a wave grows to its full amplitude over this much of a strand from the root
LAG_EVERY = 4                 # a strand's lag behind its clump's lead is matched at every this many of its steps


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12)


def _grid_subsample(points: np.ndarray, spacing: float) -> np.ndarray:
    """Indices of about one point per `spacing` cube (deterministic)."""
    cells = np.floor(points / spacing).astype(np.int64)
    _, first = np.unique(cells, axis=0, return_index=True)
    return np.sort(first)


def _spread(points: np.ndarray, spacing: float, rng: np.random.Generator) -> np.ndarray:
    """Indices of points picked in a random order, each at least `spacing` from those picked
    before (the roots of separate locks: a grid's picks can sit a voxel apart and fuse)."""
    tree = cKDTree(points)
    free = np.ones(len(points), dtype=bool)
    picked = []
    for i in rng.permutation(len(points)):
        if free[i]:
            picked.append(i)
            free[tree.query_ball_point(points[i], spacing)] = False
    return np.sort(np.asarray(picked, dtype=np.int64))


class _Keepout:
    """The face: an oval (seen from the front) that hair stays out of, in front of the ears;
    from the eyes' outer edge plus a margin at the sides, to the brows (fringe) or the
    forehead line at the top, and well below the chin."""

    def __init__(self, a: Anchors, fringe: float, lower_m: float = 0.0):
        self.half_width = a.eye_half_gap + FACE_MARGIN_M
        self.top = a.brow_y + FOREHEAD_SHOWN_M - float(np.clip(fringe, 0.0, 1.0)) * (FOREHEAD_SHOWN_M - FRINGE_LOW_M)
        self.top -= lower_m   # (a close crop's fringe strands grow past their line, cut back there in the solid)
        self.bottom = float(a.chin[1]) - 0.07
        self.center_y = (self.top + self.bottom) / 2
        self.half_height = (self.top - self.bottom) / 2
        self.front_z = a.ear_z + 0.012
        # the oval is flattened at the top so the forehead line stays level across the brows
        self.power = 4.0

    def _oval(self, p: np.ndarray) -> np.ndarray:
        u = np.abs(p[:, 0]) / self.half_width
        w = np.abs(p[:, 1] - self.center_y) / self.half_height
        return (u ** self.power + w ** self.power) ** (1.0 / self.power)

    def inside(self, p: np.ndarray) -> np.ndarray:
        return (self._oval(p) < 1.0) & (p[:, 2] > self.front_z)

    def distance(self, p: np.ndarray, top: np.ndarray | None = None) -> np.ndarray:
        """Signed distance bound to the keep-out prism (negative inside; open towards +z); `top` [N]: the
        oval's top at each point's x instead of `self.top` (its bottom where it was)."""
        if top is None:
            d_oval = (self._oval(p) - 1.0) * min(self.half_width, self.half_height)
        else:
            half_height = (top - self.bottom) / 2
            u = np.abs(p[:, 0]) / self.half_width
            w = np.abs(p[:, 1] - (top + self.bottom) / 2) / half_height
            d_oval = ((u ** self.power + w ** self.power) ** (1.0 / self.power) - 1.0) \
                * np.minimum(self.half_width, half_height)
        return np.maximum(d_oval, self.front_z - p[:, 2])

    def push(self, p: np.ndarray) -> np.ndarray:
        """Move points inside the oval sideways onto its rim (hair falls beside the face)."""
        inside = self.inside(p)
        if inside.any():
            p = p.copy()
            w = np.clip(np.abs(p[inside, 1] - self.center_y) / self.half_height, 0.0, 1.0)
            rim = self.half_width * (1.0 - w ** self.power) ** (1.0 / self.power)
            p[inside, 0] = np.where(p[inside, 0] >= 0, 1.0, -1.0) * (rim + 1e-4)
        return p


@dataclass(frozen=True)
class _Drape:
    """How strands fall past the jaw: hair in front of the ears goes over the front of the
    shoulders, hair behind them down the back; none slides out along the shoulders."""

    jaw_y: float          # below this height the strands are steered
    shoulder_y: float     # from here down a strand keeps its distance from the body's midline
    neck_radius: float
    ear_z: float
    split: bool = True    # a strand landing on top of a shoulder goes down whichever side of its ridge it
                          # landed on (else: the side of the ears' plane it grew from)
    middle: bool = False  # one braid down the back: steered only where it rests on something (a hood lying
                          # down), over it backwards, not aside (it slid off a hood's top over a shoulder)


def _grow(body: BodySurface, keep: _Keepout, start: np.ndarray, direction: np.ndarray, length_m: float,
          droop: float, gap: np.ndarray, target: np.ndarray | None = None,
          stop_radius_m: float = 0.0, drape: _Drape | None = None, hug: bool = False,
          lie_m: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Integrate strands -> (points [S,K,3], alive [S,K] bool); `lie_m`: each step is put back at this
    height above the skin (HairStyle.lie_m, root to tip): the strand lies on the scalp. `droop`: a number,
    or one per strand [S,1]."""
    steps = max(int(round(length_m / STEP_M)), 1)
    p = start.copy()
    d = _unit(direction)
    pts, alive = [p.copy()], [np.ones(len(p), dtype=bool)]
    live = np.ones(len(p), dtype=bool)
    down = np.array([0.0, -1.0, 0.0])
    in_front = start[:, 2] > (drape.ear_z if drape is not None else 0.0)
    x_limit = np.full(len(p), np.inf)
    x_floor = np.full(len(p), -np.inf)
    undecided = np.full(len(p), drape is not None and drape.split)
    for step in range(steps):
        if target is not None:
            to = target - p
            dist = np.linalg.norm(to, axis=-1)
            live &= dist > stop_radius_m
            d = _unit(d + 0.6 * _unit(to))
        d = _unit(d + droop * STEP_M * down)
        sd0, n0, _ = body.query(p)
        sd0 = unphantom(sd0)
        if drape is not None:
            low = (p[:, 1] < drape.jaw_y) & ((np.abs(p[:, 0]) > 0.8 * drape.neck_radius) | drape.middle)
            # a strand landing on top of a shoulder falls down the side of its ridge it landed on: the
            # front over the collarbone, the back over the shoulder blade (steered to the side it grew
            # on, a strand landing on the ridge's other slope was dragged up over it and cut there, or
            # crawled level across the shoulder's top, a shelf of hair)
            landing = undecided & low & (sd0 < gap * 1.5) & (n0[:, 1] > 0.5) & (np.abs(n0[:, 2]) > RIDGE_NZ)
            in_front = np.where(landing, n0[:, 2] > 0.0, in_front)
            undecided &= ~landing
            # forward until over the chest, back until over the back; then gravity and the body (a strand from
            # behind the ears that may yet land on a shoulder is steered back only once it has landed behind
            # its ridge, or fallen past it: steered back in the air, one landing in front turned sharply)
            want = np.where(in_front, p[:, 2] < drape.ear_z + 0.07, p[:, 2] > drape.ear_z - 0.1) \
                & (in_front | ~undecided | (p[:, 1] < drape.shoulder_y)) & (not drape.middle)
            steer = np.where(in_front, 0.15, -0.12)[:, None] * np.array([0.0, 0.0, 1.0])
            d = _unit(np.where((low & want)[:, None], d + steer, d))
            # hair bends over a shoulder in an arc, not at a corner: a strand about to meet the body
            # below the jaw already turns along it (a strand falling straight onto the shoulder's top
            # turned level in one step, a ledge)
            ahead_sd, ahead_n, _ = body.query(p + d * DRAPE_AHEAD_M)
            ahead_sd = unphantom(ahead_sd)
            near = (low & (ahead_sd < gap + STEP_M))[:, None]
            into = np.minimum((d * ahead_n).sum(-1, keepdims=True), 0.0)
            d = _unit(np.where(near, d - DRAPE_BEND * into * ahead_n, d))
        touching = (sd0 < gap * 1.5)[:, None]
        if drape is not None:   # resting on a shoulder's top: over it, down the side it landed on, along its slope
            side_z = np.where(in_front, 1.0, -1.0)[:, None] * np.array([0.0, 0.0, 1.0])
            along = side_z + 0.5 * down
            along = along - (along * n0).sum(-1, keepdims=True) * n0   # in the surface: on it, not off it
            d = np.where(touching & (low & (n0[:, 1] > 0.3))[:, None], along, d)
        into = np.minimum((d * n0).sum(-1, keepdims=True), 0.0)
        d = _unit(np.where(touching, d - into * n0, d))  # slide along the body, never into it
        if hug:  # combed hair keeps to the skull above its widest point instead of flying off it (a bell)
            over = ((sd0 < gap * 3.0) & (n0[:, 1] > HUG_NORMAL_Y))[:, None]
            out = np.maximum((d * n0).sum(-1, keepdims=True), 0.0)
            d = _unit(np.where(over, d - out * n0, d))
        q = p + d * STEP_M
        sd, n, _ = body.query(q)
        # a step that ends deep inside from on a layer went through it (a collar's edge): pushed out to
        # the nearest surface it came out on the far side, and the strand looped out over the shoulder;
        # it stays where it was (it rests on the layer) instead. From further off, no step can reach so
        # deep: the reading is a phantom beside an open edge (`unphantom`)
        through = (sd < -TUNNEL_M) & (sd0 > 0.0) & (sd0 < TUNNEL_M)
        sd = np.where(through, sd, unphantom(sd))
        q = q + n * np.clip(gap - sd, 0.0, None)[:, None]
        q = np.where(through[:, None], p, q)
        if drape is not None:   # below the jaw it steps over the layer's edge towards its side instead (held
            over_edge = through & (p[:, 1] < drape.jaw_y)   # where it was, it stayed there for good)
            q[over_edge] = p[over_edge] + side_z[over_edge] * STEP_M
        if lie_m is not None:   # on the skin's offset surface: gravity only pulls it along the skull
            height = lie_m[0] + (lie_m[1] - lie_m[0]) * (step + 1) / steps
            sd_lie, n_lie, _ = body.query(q)
            q = q + n_lie * (height - unphantom(sd_lie))[:, None]
        q = keep.push(q)
        if drape is not None:
            reached = (q[:, 1] < (drape.jaw_y if drape.middle else drape.shoulder_y + 0.03)) & ~np.isfinite(x_limit)
            x_limit[reached] = np.abs(q[reached, 0]) + 0.012
            q[:, 0] = np.sign(q[:, 0]) * np.minimum(np.abs(q[:, 0]), x_limit)
            # nor do strands gather towards the midline as they slide down the rounded chest or back
            below = (q[:, 1] < drape.jaw_y) & ~np.isfinite(x_floor)
            x_floor[below] = np.maximum(np.abs(q[below, 0]) - DRAPE_INWARD_M, 0.0)
            q[:, 0] = np.sign(q[:, 0]) * np.maximum(np.abs(q[:, 0]), x_floor)
        d = _unit(q - p)
        p = np.where(live[:, None], q, p)
        pts.append(p.copy())
        alive.append(live.copy())
    return np.stack(pts, axis=1), np.stack(alive, axis=1)


def _climbed(pts: np.ndarray, level_y: float) -> np.ndarray:
    """[S,K] bool: where strands [S,K,3] have climbed. Hanging hair never climbs: below `level_y`, a
    strand risen HANGING_RISE_M above the lowest point it reached is cut from there on (pushed up off
    a collar or a shoulder, long straight hair hooked up behind the neck)."""
    rise = pts[..., 1] - np.minimum.accumulate(pts[..., 1], axis=1)
    return np.maximum.accumulate((rise > HANGING_RISE_M) & (pts[..., 1] < level_y), axis=1)


def _wave(points: np.ndarray, axis_point: np.ndarray, amplitude: float, wavelength: float,
          rng: np.random.Generator) -> np.ndarray:
    """Sideways sinusoidal displacement growing from the root (waves), per strand phase."""
    s = np.arange(points.shape[1]) * STEP_M
    tangent = _unit(np.gradient(points, axis=1))
    radial = points - axis_point
    radial[..., 1] = 0.0
    side = _unit(np.cross(tangent, _unit(radial)))
    phase = rng.uniform(0, 2 * np.pi, (len(points), 1))
    ramp = np.clip(s / WAVE_FROM_M, 0.0, 1.0)[None, :]
    offset = amplitude * ramp * np.sin(2 * np.pi * s[None, :] / wavelength + phase)
    return points + side * offset[..., None]


def _clumps(roots: np.ndarray, spacing: float, group: np.ndarray) -> np.ndarray:
    """[S] each root's clump: the index of its leading root, the nearest of roots picked about `spacing` apart
    in its own `group` [S] (a fringe's strands, combed forward, are not drawn to those combed aside)."""
    apart = np.concatenate([roots, group[:, None] * 1.0], axis=1)   # groups a metre apart in a 4th axis
    leads = _grid_subsample(apart, spacing)
    _, near = cKDTree(apart[leads]).query(apart)
    return leads[near]


def _lag_steps(points: np.ndarray, lead: np.ndarray) -> np.ndarray:
    """[S] how many steps along its clump's leading strand each strand's points lie ahead of their own
    (median of the nearest-point matches): a strand rooted lower meets the same height sooner."""
    at = np.arange(0, points.shape[1], LAG_EVERY)   # (matching every point cost a third of a second)
    own, to = points[:, at], points[lead]
    d2 = (own ** 2).sum(-1)[:, :, None] + (to ** 2).sum(-1)[:, None, :] - 2 * np.einsum("skc,smc->skm", own, to)
    return np.round(np.median(d2.argmin(axis=2) - at[None, :], axis=1)).astype(np.int64)


def _helix(points: np.ndarray, axis_point: np.ndarray, amplitude: float, wavelength: float, roundness: float,
           phase: np.ndarray) -> np.ndarray:
    """[S,K,3] each strand's wave about its path, growing from the root: sideways in the hair's sheet, and
    `roundness` of it out of the sheet a quarter turn later (a flattened or round helix)."""
    s = np.arange(points.shape[1]) * STEP_M
    tangent = _unit(np.gradient(points, axis=1))
    radial = points - axis_point
    radial[..., 1] = 0.0
    side = _unit(np.cross(tangent, _unit(radial)))
    out = np.cross(side, tangent)     # away from the head's axis, across the strand
    ramp = np.clip(s / WAVE_FROM_M, 0.0, 1.0)[None, :, None]
    turn = 2 * np.pi * s[None, :] / wavelength + phase[:, None]
    return amplitude * ramp * (np.sin(turn)[..., None] * side + roundness * np.cos(turn)[..., None] * out)


def _clump_waves(points: np.ndarray, axis_point: np.ndarray, kind: str, group: np.ndarray,
                 rng: np.random.Generator) -> np.ndarray:
    """Strands [S,K,3] waved or curled (`kind`: WAVE) in clumps (CLUMP_M) of strands of one `group` [S]:
    every strand of a clump drawn in towards its leading strand and in step with it where the two pass (the
    same height), so the clump waves or spirals as one lock."""
    amplitude, wavelength = WAVE[kind]
    lead = _clumps(points[:, 0], CLUMP_M, group)
    leads = np.unique(lead)
    drift = 2 * np.pi * value_noise(points[leads, 0], PHASE_DRIFT_PER_M, int(rng.integers(1 << 30)))
    phase = np.zeros(len(points))
    phase[leads] = drift + rng.uniform(-CLUMP_JITTER[kind], CLUMP_JITTER[kind], len(leads))
    lag = _lag_steps(points, lead)
    phase = phase[lead] + 2 * np.pi * lag * STEP_M / wavelength
    k = points.shape[1]
    along = np.clip(np.arange(k)[None, :] + lag[:, None], 0, k - 1)
    pull = CLUMP_PULL[kind] * np.clip(np.arange(k) * STEP_M / WAVE_FROM_M, 0.0, 1.0)[None, :, None]
    to = points[lead[:, None], along] - points
    pull = pull * smoothstep(CLUMP_REACH_M[1], CLUMP_REACH_M[0], np.linalg.norm(to, axis=-1))[..., None]
    drawn = points + pull * to
    return drawn + _helix(drawn, axis_point, amplitude, wavelength, WAVE_ROUND[kind], phase)


def _kept_off(body: BodySurface, waved: np.ndarray, path: np.ndarray, gap: np.ndarray) -> np.ndarray:
    """Waved strands [S,K,3] put back out of the body where their wave took them closer to it than their
    `path` (before the wave) or `gap` [S] (a ringlet's inward turn sank into the shoulders)."""
    flat = waved.reshape(-1, 3)
    sd, n, _ = body.query(flat)
    sd = unphantom(sd)
    floor = np.repeat(gap, waved.shape[1])
    close = sd < floor     # (only these need the path's own distance)
    floor[close] = np.minimum(floor[close], unphantom(body.query(path.reshape(-1, 3)[close])[0]))
    return (flat + n * np.clip(floor - sd, 0.0, None)[:, None]).reshape(waved.shape)


# hair this long falls past the ears, moved out to their width (earrings.past_the_ears) from this far below
# the lobes and this far above the brows
PAST_EARS_FROM_LENGTH_M = 0.12
PAST_EARS_M = (0.05, 0.01)


def _on_skull(a: Anchors, elevation_deg: float) -> np.ndarray:
    """The point on the skull's ellipsoid in its mid-plane at `elevation_deg` above the back."""
    e = np.radians(elevation_deg)
    return a.skull_center + a.skull_radii * np.array([0.0, np.sin(e), -np.cos(e)])


def gather_points(a: Anchors, gather: str, at: str | None = None) -> np.ndarray:
    """[G,3] where hair gathered as `gather` (HairStyle.gather) is tied: a ponytail high at the back,
    a bun on the upper back of the crown (it shows above the head from the front), space buns either
    side of the crown, pigtails behind the ears and a little above them, plaits behind the jaw's corners; a
    ponytail or bun tied `at` "high" or "low" on the crown or at the nape."""
    if gather in GATHER_ELEVATION_DEG:
        return _on_skull(a, GATHER_AT_DEG.get((gather, at), GATHER_ELEVATION_DEG[gather]))[None]
    if gather == "buns":   # either side of the crown, back on the skull's ellipsoid
        top = _on_skull(a, SPACE_BUNS_AT[0])
        sides = top + np.array([[SPACE_BUNS_AT[1], 0.0, 0.0], [-SPACE_BUNS_AT[1], 0.0, 0.0]]) - a.skull_center
        return a.skull_center + sides / np.linalg.norm(sides / a.skull_radii, axis=1, keepdims=True)
    if gather == "plaits":
        gx, y, z = float(a.skull_radii[0]) - PLAITS_AT[0], a.mouth_y, a.ear_z - PLAITS_AT[1]
        return np.array([[gx, y, z], [-gx, y, z]])
    gx = float(a.skull_radii[0]) - 0.004
    return np.array([[gx, a.eye_y + 0.012, a.ear_z - 0.02], [-gx, a.eye_y + 0.012, a.ear_z - 0.02]])


def braid_path(a: Anchors, body: BodySurface, at: str | None, radius: float) -> np.ndarray:
    """[P,3] where one braid gathers the hair, its tie last: at the nape (its middle, `radius` off the skin);
    `at` "french": a line along the middle of the back of the head from BRAID_FRENCH_FROM_DEG above the
    skull's centre down to the nape; "side" ("side_right"): a line from the nape round the back of the neck to
    behind the jaw's corner on the person's left (right) (as a plait's), the hair swept over to that side."""
    y = a.eye_y + BRAID_NAPE * (a.mouth_y - a.eye_y)
    far = float(a.skull_center[2]) - 0.3
    nape = body.march(np.array([[0.0, y, far]]), np.array([[0.0, 0.0, 1.0]]), 0.4, max_step=0.01, steps=200)[0]
    nape = nape - np.array([0.0, 0.0, 0.6 * radius])
    if at not in ("french", *SIDE_BRAIDS):
        return nape[None]
    c = np.asarray(a.skull_center, dtype=np.float64)
    grown = np.linspace(0.5, 1.0, 48)[:, None]
    if at == "french":   # up the middle of the back of the head, seen from the side round the skull's centre
        top, low = np.radians(BRAID_FRENCH_FROM_DEG), np.arctan2(nape[1] - c[1], c[2] - nape[2])
        e = np.linspace(top, low, len(grown))
        out = np.stack([np.zeros_like(e), np.sin(e), -np.cos(e)], axis=1)
        hubs = c + out * 0.3
    else:                # round the back of the neck, seen from above round the skull's centre, and down
        tie = gather_points(a, "plaits")[SIDE_BRAIDS.index(at)]
        start, end = np.arctan2(nape[0], c[2] - nape[2]), np.arctan2(tie[0], c[2] - tie[2])
        e = np.linspace(start, end, len(grown))
        out = np.stack([np.sin(e), np.zeros_like(e), -np.cos(e)], axis=1)
        hubs = np.stack([np.full_like(e, c[0]), np.linspace(nape[1], tie[1], len(e)), np.full_like(e, c[2])], 1) \
            + out * 0.3
        grown = np.ones_like(grown)
    on = body.march(hubs, -out, 0.3, max_step=0.01, steps=200)
    line = on + out * 0.6 * radius * grown
    if at in SIDE_BRAIDS:
        return line
    # resampled a step apart along its length (for its bulges' spacing)
    s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(line, axis=0), axis=1))])
    at_s = np.arange(0.0, s[-1], STEP_M)
    path = np.stack([np.interp(at_s, s, line[:, k]) for k in range(3)], axis=1)
    return np.concatenate([path, nape[None]])


def _plait_bulges(s: np.ndarray) -> np.ndarray:
    """[K] a plait's radius along its length `s` (m), as a share: a bulge where its strands cross."""
    return 1.0 + PLAIT_BULGE * np.abs(np.sin(np.pi * s / PLAIT_PITCH_M))


def _braid_profile(s: np.ndarray, length: float) -> np.ndarray:
    """[K] one braid's radius along its length `s` (m), as a share of its own: the plait tapering a little in
    bulges, a narrow tie, then a tuft of loose hair flaring a little and thinning to its end."""
    plait_end = length - BRAID_TUFT_M - BRAID_TIE_M
    plait = (1.0 - 0.3 * np.clip(s / max(plait_end, 1e-6), 0.0, 1.0)) * _plait_bulges(s)
    tuft = np.clip((s - plait_end - BRAID_TIE_M) / BRAID_TUFT_M, 0.0, 1.0)
    loose = 0.7 * (1.0 - 0.55 * tuft) * (0.85 + 0.6 * np.sin(np.pi * np.minimum(tuft * 1.6, 1.0)) * 0.25)
    return np.where(s < plait_end, plait, np.where(s < plait_end + BRAID_TIE_M, 0.4, loose))


def _braid_zigzag(points: np.ndarray, s: np.ndarray, radius: float) -> np.ndarray:
    """[K,3] sideways offsets of a plait's centre line: its crossing strands' lobes alternate from side to side
    (none on the tie and tuft: only where it bulges)."""
    side = _unit(np.cross(np.gradient(points, axis=0), np.array([0.0, 0.0, 1.0])) + 1e-9)
    shift = BRAID_ZIGZAG * radius * np.sin(np.pi * s / PLAIT_PITCH_M) * (s < s[-1] - BRAID_TUFT_M - BRAID_TIE_M)
    return side * shift[:, None]


def _cut_height(a: Anchors, cut: str) -> float:
    """Height (m) of a level cut, from the head's anchors."""
    return {"mouth": a.mouth_y, "chin": float(a.chin[1]) - 0.005, "jaw": float(a.chin[1]) - 0.02,
            "shoulder": a.shoulder_y + 0.025,
            "chest": a.shoulder_y - 0.16}[cut]


def _strand_field(samples: np.ndarray, radii: np.ndarray, blend_m: float = 0.003):
    """Smooth union of spheres along the strands (soft minimum, blend radius `blend_m`)."""
    tree = cKDTree(samples)
    k = min(6, len(samples))

    def field(p: np.ndarray) -> np.ndarray:
        dist, idx = tree.query(p, k=k, workers=query_workers(len(p)))
        if k == 1:
            dist, idx = dist[:, None], idx[:, None]
        d = dist - radii[idx]
        m = d.min(axis=1)
        return m - blend_m * np.log(np.exp(-(d - m[:, None]) / blend_m).sum(axis=1))
    return field


def _skull_height(a: Anchors, p: np.ndarray) -> np.ndarray:
    """[N] height of points on the skull ellipsoid: 0 at its widest, 1 at the crown."""
    return (p[..., 1] - a.skull_center[1]) / a.skull_radii[1]


def balding_line(a: Anchors, p: np.ndarray, above: float) -> np.ndarray:
    """[N] the skull height above which a balding head is bare at `p`: `above` behind the ears,
    falling forward of them to bare the temples (male-pattern balding's horseshoe)."""
    start, reach, drop = BALDING_FRONT
    return above - drop * np.clip((p[..., 2] - a.ear_z - start) / reach, 0.0, 1.0)


def side_shaved(a: Anchors, p: np.ndarray) -> np.ndarray:
    """[N] in [0, 1]: how far into a side shave's clipped patch points [N,3] on the scalp lie: the
    side of the head on the person's right (-x), above and behind the ear, below the top."""
    out_m, fade_m, top, top_fade, behind_m = SIDE_SHAVE
    return (smoothstep(-out_m, -out_m - fade_m, p[..., 0])
            * smoothstep(top, top - top_fade, _skull_height(a, p))
            * smoothstep(a.ear_z - behind_m - 0.02, a.ear_z - behind_m, p[..., 2]))


class RecededHairline:
    """Where a receding hairline has left the scalp bare: the head's own hairline (the front edge of
    its hair cap, as an angle round the skull's centre in the side view, per |x|) moved back a little
    in the middle and further at the temples, the M of a man's hairline in its thirties and forties."""

    def __init__(self, head: HeadModel, a: Anchors):
        self.center = np.asarray(a.skull_center, dtype=np.float64)
        self.ear_z = float(a.ear_z)
        v = np.asarray(head.v_template, dtype=np.float64)
        front = region_mask(head, "hair_cap") & (v[:, 2] > a.ear_z)
        ax, angle = np.abs(v[front, 0]), self._angle(v[front])
        self.xs = np.arange(0.0, RECEDE_TEMPLE_X[3] + 0.0051, 0.005)
        line = np.array([angle[np.abs(ax - x) < 0.005].min(initial=np.inf) for x in self.xs])
        found = np.isfinite(line)   # none on a head without a hair cap in front of the ears: nothing recedes
        self.line = np.interp(self.xs, self.xs[found], line[found]) if found.any() else None

    def _angle(self, p: np.ndarray) -> np.ndarray:
        """Degrees above straight ahead, seen from the side, round the skull's centre."""
        return np.degrees(np.arctan2(p[..., 1] - self.center[1], p[..., 2] - self.center[2]))

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """[N] in [0, 1]: how bare the scalp is at points [N,3] (1 inside the recession)."""
        if self.line is None:
            return np.zeros(p.shape[:-1])
        ax = np.abs(p[..., 0])
        x0, x1, x2, x3 = RECEDE_TEMPLE_X
        temple = smoothstep(x0, x1, ax) * (1.0 - smoothstep(x2, x3, ax))
        cut = np.interp(ax, self.xs, self.line) + RECEDE_DEG[0] + (RECEDE_DEG[1] - RECEDE_DEG[0]) * temple
        inside = smoothstep(cut + 0.5 * RECEDE_EDGE_DEG, cut - 0.5 * RECEDE_EDGE_DEG, self._angle(p))
        return inside * (ax < x3) * smoothstep(self.ear_z, self.ear_z + 0.02, p[..., 2])


CROPPED_STYLES = ("short", "set")   # close crops (HairStyle.lie_m, not gathered): cut along a neckline


class Neckline:
    """A close crop's neckline (CROPPED_NAPE): level with the hair cap's lowest point a few cm to either
    side of the middle, dipping a little in a gentle curve towards the middle; the scalp below it is bare."""

    def __init__(self, head: HeadModel, a: Anchors):
        near, far, _, behind, _ = CROPPED_NAPE
        v = np.asarray(head.v_template, dtype=np.float64)
        side = region_mask(head, "hair_cap") & (v[:, 2] < a.ear_z - behind) \
            & (np.abs(v[:, 0]) > near) & (np.abs(v[:, 0]) < far)
        self.level = float(v[side, 1].min()) if side.any() else -np.inf
        self.ear_z = float(a.ear_z)

    def line(self, x: np.ndarray) -> np.ndarray:
        """[N] the neckline's height at `x`."""
        _, far, dip, _, _ = CROPPED_NAPE
        return self.level - dip * np.clip(1.0 - (x / far) ** 2, 0.0, 1.0)

    def __call__(self, p: np.ndarray) -> np.ndarray:
        """[N] in [0, 1]: how bare points [N,3] on the scalp are (1 below the neckline, behind the ears)."""
        behind = p[..., 2] < self.ear_z - CROPPED_NAPE[3]
        return behind * smoothstep(0.0, CROPPED_NAPE[4], self.line(p[..., 0]) - p[..., 1])


def _scalp_weight(head: HeadModel, a: Anchors, top_from: float | None = None,
                  bald_above: float | None = None, side_shave: bool = False, recede: bool = False,
                  neckline: bool = False) -> np.ndarray:
    """[V] 1 on the scalp (above `top_from` only, for an undercut; below the balding line only,
    for `bald_above`; off a side shave's patch; behind a receding hairline; above a close crop's
    `Neckline`), falling smoothly to 0 across the hairline (a few rings of vertices)."""
    w = region_mask(head, "hair_cap").astype(np.float64)
    verts = np.asarray(head.v_template)
    if neckline:
        w = w * (1.0 - Neckline(head, a)(verts))
    if side_shave:
        w = w * (1.0 - side_shaved(a, verts))
    if recede:
        w = w * (1.0 - RecededHairline(head, a)(verts))
    if top_from is not None:
        w = w * smoothstep(top_from - UNDERCUT_EDGE, top_from, _skull_height(a, verts))
    if bald_above is not None:
        w = w * (1.0 - smoothstep(0.0, UNDERCUT_EDGE, _skull_height(a, verts) - balding_line(a, verts, bald_above)))
    faces = np.asarray(head.faces)
    for _ in range(2):
        acc = np.zeros_like(w)
        cnt = np.zeros_like(w)
        for k in range(3):
            m = w[faces].mean(axis=1)
            np.add.at(acc, faces[:, k], m)
            np.add.at(cnt, faces[:, k], 1.0)
        w = np.where(cnt > 0, acc / np.maximum(cnt, 1), w)
    return w


class _RegionEdge:
    """How far points lie inside (> 0, m) or outside (< 0) the part of the body's surface where a per-vertex
    weight is at least 1/2 (the weight interpolated across each triangle, on a fine lattice)."""

    def __init__(self, head: HeadModel, weight: np.ndarray, subdivisions: int = BALDING_SUBDIVISIONS):
        verts = np.asarray(head.v_template, dtype=np.float64)
        faces = np.asarray(head.faces, dtype=np.int64)
        faces = faces[~region_mask(head, "eye", "teeth", "mouth_cavity", "tongue", "eyelashes",
                                   "eyelashes_lower")[faces].any(axis=1)]
        n = subdivisions
        bary = np.array([(i, j, n - i - j) for i in range(n + 1) for j in range(n + 1 - i)], np.float64) / n
        points = np.einsum("sk,fkd->fsd", bary, verts[faces]).reshape(-1, 3)
        inside = np.einsum("sk,fk->fs", bary, weight[faces]).reshape(-1) >= 0.5
        self.inside = cKDTree(points[inside]) if inside.any() else None
        self.outside = cKDTree(points[~inside]) if (~inside).any() else None

    def __call__(self, p: np.ndarray) -> np.ndarray:
        far = np.full(len(p), 1.0)
        to_in = self.inside.query(p, workers=query_workers(len(p)))[0] if self.inside is not None else far
        to_out = self.outside.query(p, workers=query_workers(len(p)))[0] if self.outside is not None else far
        return to_out - to_in


def _balding_edges(a: Anchors, edge: _RegionEdge, on: np.ndarray, above: float, seed: int) -> np.ndarray:
    """[N] in [0, 1]: a balding man's horseshoe's height over the skin at points [N,3] on it behind the ears, as a
    share of its full height: rising from the balding line (`BALDING_TOP_M`) and from its lower edge
    (`BALDING_LOW_M`), both wandering (`BALDING_EDGE_NOISE`)."""
    amp, freq, fine_amp, fine_freq = BALDING_EDGE_NOISE
    wander = amp * (value_noise(on, freq, seed + 21) - 0.5) + fine_amp * (value_noise(on, fine_freq, seed + 22) - 0.5)
    below = (balding_line(a, on, above) - _skull_height(a, on)) * a.skull_radii[1]
    top = smoothstep(BALDING_TOP_M[0], BALDING_TOP_M[1], below + wander)
    return top * smoothstep(0.0, BALDING_LOW_M, edge(on) + wander)


def _past_the_ears(head: HeadModel, a: Anchors, pts: np.ndarray, radius: float) -> np.ndarray:
    """Strand points [S, K, 3] moved out sideways to the ears' width (`earrings.past_the_ears`)."""
    out = pts.copy()
    out[..., 0] += past_the_ears(head, pts, a, radius, *PAST_EARS_M)
    return out


def hair_part(head: HeadModel, style: str, curl: float = 0.0, seed: int = 0,
              fringe: float | None = None, volume: float = 1.0, fringe_split: str | None = None,
              peak: bool = False, bald_top: bool = False, side_shave: bool = False,
              gather_at: str | None = None, recede: bool = False, tuck_front: bool = False) -> Part | None:
    """The hair mesh for `style` (lexicon.HAIR_STYLES) on `head`; None for bald or shaved. `fringe`
    (0 none .. 1 to the brows) overrides the style's own, `fringe_split` (FRINGE_SPLITS) parts it;
    `volume` scales an afro's reach beyond the skull and a close crop's curls (a hat presses them down);
    `peak`: a widow's peak; `bald_top`: the style grows from below the balding line only (a balding man's
    ponytail); `side_shave`:
    the side of the head on the person's right is clipped (`side_shaved`), all hair combed away from it;
    `gather_at`: a ponytail or bun tied "high" or "low" (`gather_points`); `recede`: the hairline
    recedes at the temples (`RecededHairline`), no fringe falling over it; `tuck_front`: worn under an ushanka,
    long hair grows from behind the ears only (from the temples it hung in front of the flaps)."""
    if style not in STYLES:
        raise PortraitTalkerError(f"hair style '{style}' is unknown (one of {', '.join(STYLES)})")
    if fringe_split not in (None, *FRINGE_SPLITS):
        raise PortraitTalkerError(f"fringe '{fringe_split}' is unknown (one of {', '.join(FRINGE_SPLITS)})")
    spec = STYLES[style]
    if fringe is not None:
        spec = replace(spec, fringe=float(fringe))
    if bald_top and spec.bald_above is None and spec.top_from is None:
        spec = replace(spec, bald_above=STYLES["balding"].bald_above, fringe=0.0)
    recede = recede and spec.bald_above is None and spec.top_from is None
    if recede:   # combed back off the bare temples
        spec = replace(spec, fringe=0.0)
    if style in ("bald", "shaved"):
        return None
    if head.regions is None or not region_mask(head, "hair_cap").any():
        raise PortraitTalkerError(f"head model '{head.model_id}' has no 'hair_cap' region to grow hair on")
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 11])
    a = Anchors.from_head(head)
    body = BodySurface(head)
    keep = _Keepout(a, spec.fringe)
    cropped = spec.lie_m is not None and spec.gather is None and spec.length_m > 0   # a close crop
    # a close crop's fringe is cut along its line in the solid: its strands grow past it
    cropped_fringe = cropped and spec.fringe > 0
    keep_grow = _Keepout(a, spec.fringe, CROPPED_FRINGE_PAST_M) if cropped_fringe else keep
    verts = np.asarray(head.v_template, dtype=np.float64)
    side_shave = side_shave and spec.length_m > 0
    # a balding man's horseshoe, a shell alone: its top thins out below the balding line (`_balding_edges`), its
    # scalp cut at the nape as a close crop's is
    bald_shell = spec.bald_above is not None and spec.length_m == 0
    scalp_w = _scalp_weight(head, a, spec.top_from, None if bald_shell else spec.bald_above, side_shave, recede,
                            neckline=cropped or bald_shell)
    if bald_shell:   # (in front of the ears, its strips at the temples cover the scalp they did)
        fine = BodySurface(head, subdivisions=BALDING_SUBDIVISIONS)
        scalp_edge = _RegionEdge(head, scalp_w)
        front_w = _scalp_weight(head, a, bald_above=spec.bald_above)
    if peak and spec.top_from is None and spec.bald_above is None:
        scalp_w = np.maximum(scalp_w, _widows_peak(head, a))

    scalp_tree = cKDTree(verts)
    fields = []
    cap = spec.cap_m

    samples, radii = [], []
    waved = curl >= 0.35 and spec.gather is None and spec.length_m > 0.1 and not spec.ropes   # loose, in clumps
    axis_point = np.array([0.0, 0.0, float(a.skull_center[2])])
    if spec.length_m > 0:
        scalp = np.flatnonzero(region_mask(head, "hair_cap") if spec.top_from is None and spec.bald_above is None
                               and not side_shave and not recede else scalp_w > 0.5)
        pick = _spread(verts[scalp], spec.root_spacing_m, rng) if spec.ropes \
            else _grid_subsample(verts[scalp], spec.root_spacing_m)
        roots_idx = scalp[pick]
        if tuck_front and spec.length_m > TUCKED_FROM_LENGTH_M:
            # under an ushanka hair that would hang down the cheeks in front of its flaps is tucked in: it
            # grows only from behind the ears' plane and falls from under the flaps (short hair stays, the
            # crown's fur sits on it)
            roots_idx = roots_idx[verts[roots_idx, 2] < a.ear_z + TUCKED_FRONT_M]
        roots = verts[roots_idx]
        normals = body.query(roots)[1]
        side = np.where((roots[:, 0] >= 0) | side_shave, 1.0, -1.0)   # a side shave's hair all goes over to the left
        front = roots[:, 2] > a.ear_z
        top = roots[:, 1] > a.eye_y + 0.06
        if spec.comb == "up":     # out along the scalp's normal and up, leaning back a little
            comb = np.tile([0.0, 0.5, -0.4], (len(roots), 1))
        elif spec.comb == "back":   # swept back from the forehead, down at the sides and back
            comb = np.stack([0.3 * side * top, np.full(len(roots), 0.1), np.full(len(roots), -1.0)], axis=1)
            comb[~top] = np.array([0.0, -1.0, -0.3])
        else:                     # away from a middle parting on top, straight down elsewhere
            comb = np.stack([side, np.full(len(roots), -0.6), np.full(len(roots), -0.3)], axis=1)
            comb[~top] = np.array([0.0, -1.0, -0.2]) + np.stack([0.3 * side[~top], 0 * side[~top], 0 * side[~top]], 1)
        fr = np.zeros(len(roots), dtype=bool)
        if spec.fringe > 0:  # front roots fall forward over the forehead ...
            fr = front & (roots[:, 1] > a.brow_y + 0.03)
            if spec.lie_m is not None:   # a close crop's temples are combed back with its sides (combed forward
                # they stood out over the temples in a flap), its crown back (parted from the fringe over the top
                # of the head, the two left a notch in its outline)
                fr &= (np.abs(roots[:, 0]) < keep.half_width) & (roots[:, 2] > a.ear_z + CROPPED_FRINGE_FROM_M)
            if fringe_split == "curtain":   # ... or out to either side from a middle parting
                out = side[fr]
            elif fringe_split == "swept":   # ... or all across, away from a side parting
                out = np.full(fr.sum(), -SWEPT_PART_X)
            else:
                out = 0.3 * side[fr]
            comb[fr] = np.array([0.0, -0.3, 1.0]) + np.stack([out, 0 * out, 0 * out], 1)
        # an undercut's hair thins towards its line and is combed up and in there, not out over the
        # shaved sides (a full mass to the edge stood out round the head as a mushroom's cap)
        inner = np.ones(len(roots)) if spec.top_from is None \
            else smoothstep(spec.top_from, spec.top_from + UNDERCUT_TAPER, _skull_height(a, roots))
        if spec.top_from is not None:
            comb[:, 0] = -0.3 * side * (1.0 - inner)
        direction = _unit(normals * {"back": 0.25, "up": 1.0}.get(spec.comb, 0.1) + comb)
        gap = (spec.radius_m * 0.5 + spec.lift_m) * (0.3 + 0.7 * inner)
        if spec.top_from is not None:  # swept up off the forehead before it lies back (a quiff)
            gap = gap + UNDERCUT_QUIFF_M * inner * smoothstep(a.ear_z + 0.03, a.ear_z + 0.09, roots[:, 2])
        if spec.ropes:  # locks from higher up lie over those below them, as they fall (not fused in one layer)
            gap = gap + ROPE_LAYER_M * np.clip((roots[:, 1] - a.eye_y) / (a.crown[1] - a.eye_y), 0.0, 1.0)
        targets, stop = None, 0.0
        tails: list[tuple[np.ndarray, np.ndarray]] = []
        # one braid or a ponytail swept round the back of the neck and tied over the front of a shoulder
        side_tied = spec.gather in ("braid", "ponytail") and gather_at in SIDE_BRAIDS
        if spec.gather is not None:
            g = braid_path(a, body, gather_at, spec.tail_radius_m) if spec.gather == "braid" or side_tied \
                else gather_points(a, spec.gather, gather_at)
            if side_tied:                   # over the front of the shoulder it was swept to
                tails = [(g[-1], _unit(np.array([0.25 if gather_at == "side" else -0.25, -1.0, 0.5])))]
            elif spec.gather == "ponytail":   # the tail leaves upwards and arcs down clear of the neck; tied low
                out = [0.0, -1.0, -0.5] if gather_at == "low" else [0.0, 0.4, -1.0]   # at the nape, it hangs down
                tails = [(g[0], _unit(np.array(out)))]
            elif spec.gather == "pigtails":
                tails = [(g[0], _unit(np.array([1.0, -0.2, -0.3]))), (g[1], _unit(np.array([-1.0, -0.2, -0.3])))]
            elif spec.gather == "plaits":   # down and forwards, to fall over the front of the shoulders
                tails = [(g[0], _unit(np.array([0.25, -1.0, 0.5]))), (g[1], _unit(np.array([-0.25, -1.0, 0.5])))]
            elif spec.gather == "braid":    # down the back from the nape
                tails = [(g[-1], _unit(np.array([0.0, -1.0, -0.35])))]
            which = np.argmin(np.linalg.norm(roots[:, None] - g[None], axis=-1), axis=1) if len(g) > 1 \
                else np.zeros(len(roots), dtype=np.int64)
            if side_tied:
                # swept over round the back of the head: each root to the point of the line from the nape
                # round to the tie that is as far round (seen from above), the far side's to the nape (the
                # nearest point of the line, from in front of the far ear, was the tie, through the face)
                def round_(p):
                    return np.arctan2(p[:, 0], float(a.skull_center[2]) - p[:, 2])
                which = np.argmin(np.abs(round_(roots)[:, None] - round_(g)[None]), axis=1)
            targets, stop = g[which], 0.012
            direction = _unit(normals * 0.3 + _unit(targets - roots))
            gap = np.full(len(roots), spec.radius_m * 0.5)
        rooted = spec.radius_m * 0.5 + spec.lift_m if spec.ropes else gap[:, None]   # ropes rise from the scalp
        droop = spec.droop
        if cropped_fringe and fringe_split == "swept":
            droop = np.where(fr, spec.droop * CROPPED_SWEPT_DROOP, spec.droop)[:, None]
        pts, alive = _grow(body, keep_grow, roots + normals * rooted, direction, spec.length_m, droop, gap,
                           targets, stop, drape=_Drape(float(a.chin[1]) + 0.01, a.shoulder_y, a.neck_radius, a.ear_z)
                           if spec.length_m > 0.2 else None,
                           hug=spec.gather is None and (spec.comb == "part" or spec.top_from is not None)
                           and (curl < 0.35 or spec.ropes), lie_m=spec.lie_m)
        # a strand's own path never climbs from below the mouth (at the jaw, strands that met the neck or
        # a shoulder slid forward and up into hooks); curls' waves are checked from the chin down only
        climbed = _climbed(pts, a.mouth_y)
        if spec.ropes:  # locks keep their round section and sway a little each, they do not curl
            pts = _wave(pts, axis_point, *ROPE_SWAY, rng)
        elif waved:
            waves = _clump_waves(pts, axis_point, "curly" if curl >= 0.8 else "wavy", fr, rng)
            pts = _kept_off(body, waves, pts, gap)
        if spec.side_length < 1.0:  # short at the sides and back, longer on top (a close-cropped fringe
            # all reaches its line: the sides' short strands ended over the forehead in a ragged edge of drips)
            steps_kept = np.where(top | (fr & (spec.lie_m is not None)), pts.shape[1],
                                  int(pts.shape[1] * spec.side_length))
            alive &= np.arange(pts.shape[1])[None, :] < steps_kept[:, None]
        thinned = np.ones(pts.shape[:2])
        if spec.lie_m is not None and spec.gather is None:   # lying on the scalp, a strand ends at the hairline
            # (a fringe's strands over the forehead end at the fringe's line) and thins towards it (a full clump
            # there stood out over the skin as a rim); gathered hair is drawn away from it
            _, near = scalp_tree.query(pts.reshape(-1, 3), workers=query_workers(pts.size // 3))
            on_scalp = scalp_w[near].reshape(pts.shape[:2])
            fringed = fr[:, None] & (pts[..., 1] > keep_grow.top) & (np.abs(pts[..., 0]) < keep.half_width)
            alive &= ~np.maximum.accumulate((on_scalp < 0.5) & ~fringed, axis=1)
            edge = np.where(fringed, CROPPED_EDGE[1], CROPPED_EDGE[0])   # a fringe thinner, not cut, over the brow
            thinned = (edge + (1.0 - edge) * smoothstep(0.5, 0.95, on_scalp)) \
                * np.where(top | fr, 1.0, CROPPED_SIDES)[:, None]          # the sides and back cut closer
        if spec.front_length < 1.0:   # long only from the back of the head below the crown, shading off
            back = smoothstep(a.ear_z - MULLET_BACK_M[0], a.ear_z - MULLET_BACK_M[1], roots[:, 2]) \
                * smoothstep(a.eye_y + MULLET_BACK_M[2], a.eye_y + MULLET_BACK_M[3], roots[:, 1])
            short = np.where(top, spec.front_length, spec.front_length * MULLET_SIDES)   # the sides shorter still
            share = short + (1.0 - short) * back
            alive &= np.arange(pts.shape[1])[None, :] < np.ceil(share * pts.shape[1])[:, None]
        alive &= ~(climbed | _climbed(pts, float(a.chin[1])))
        # strands that slid off the shoulders into the air are dropped from there on
        low = pts[..., 1] < a.shoulder_y + 0.02
        if low.any():
            off = np.zeros(pts.shape[:2], dtype=bool)
            off[low] = body.signed_distance(pts[low]) > STRAY_M
            alive &= ~np.maximum.accumulate(off, axis=1)
        # anywhere, a strand flown this far from the body is cut from there on (a wavy top strand,
        # not hugging the head, could leave it sideways and float beside the face as a loose lock)
        flown = body.signed_distance(pts.reshape(-1, 3)).reshape(pts.shape[:2]) > FLYAWAY_M
        alive &= ~np.maximum.accumulate(flown, axis=1)
        if side_shave:   # nor does any strand lie over a side shave's patch
            alive &= ~np.maximum.accumulate(side_shaved(a, pts) > 0.5, axis=1)
        if spec.top_from is not None:  # an undercut's strands end where they would cover its shaved sides
            below = _skull_height(a, pts) < spec.top_from - UNDERCUT_DROP
            alive &= ~np.maximum.accumulate(below, axis=1)
        if spec.cut is not None:  # a level cut: every strand ends at the same height ...
            level = np.full(len(pts), _cut_height(a, spec.cut))
            if spec.layered_m > 0:  # ... or, layered, clumps end at uneven heights (shorter towards the face)
                level = level + spec.layered_m * (rng.uniform(-0.6, 1.0, len(pts)) + 0.6 * front)
            alive &= pts[..., 1] > level[:, None]
        if spec.fringe > 0:
            over_face = (pts[..., 2] > keep.front_z) & (np.abs(pts[..., 0]) < keep.half_width)
            if cropped_fringe:   # a little past its line, cut there in the solid
                line = _fringe_line(a, keep, pts[..., 0], fringe_split) - CROPPED_FRINGE_PAST_M
                alive &= ~(over_face & (pts[..., 1] < line))
            else:
                alive &= ~(over_face & (pts[..., 1] < keep.top))
                if fringe_split is not None:  # the forehead a parted fringe leaves bare
                    alive &= ~(over_face & _parted(a, keep, pts, fringe_split))
        if spec.gather is None and not spec.ropes and spec.length_m >= PAST_EARS_FROM_LENGTH_M \
                and spec.top_from is None and spec.front_length >= 1.0:   # (not an undercut's or mullet's short sides)
            pts = _past_the_ears(head, a, pts, spec.radius_m)
        t = np.linspace(0.0, 1.0, pts.shape[1])[None, :].repeat(len(pts), 0)
        r = spec.radius_m + (spec.tip_radius_m - spec.radius_m) * t
        if spec.ropes:  # no two locks are quite as thick
            r = r * rng.uniform(*ROPE_THICKNESS, (len(pts), 1))
        r = r * (0.5 + 0.5 * inner)[:, None] * thinned
        samples.append(pts[alive])
        radii.append(r[alive])
        if spec.lie_m is not None and curl >= 0.35 and volume >= 1.0:
            # short curls: a small round knot standing out of each strand every few steps (a covering presses
            # them flat: they poked through a beanie's front)
            knot_m, stand_m, every = CROPPED_CURLS[curl >= 0.8]
            knots = alive & ((np.arange(pts.shape[1])[None, :] + rng.integers(0, every, (len(pts), 1))) % every == 0)
            on = body.query(pts[knots])[1]
            samples.append(pts[knots] + on * (r[knots] + stand_m - knot_m)[:, None])
            radii.append(np.full(int(knots.sum()), knot_m))
        plait = spec.gather in ("plaits", "braid")
        if spec.gather == "braid" and gather_at == "french":   # along the back of the head, thickening
            grown = np.linspace(0.5, 1.0, len(g))     # as it takes in hair
            samples.append(g)
            radii.append(spec.tail_radius_m * grown * _plait_bulges(np.arange(len(g)) * STEP_M))
        elif side_tied:   # swept round the back of the neck to the side braid's or ponytail's tie
            samples.append(g)
            radii.append(np.full(len(g), 0.6 * spec.tail_radius_m))
        for start, out in tails:
            # a plait drapes as hair in front of the ears does: over the chest, not down the back
            drape = _Drape(float(a.chin[1]) + 0.01, a.shoulder_y, a.neck_radius, float(start[2]) - 0.01,
                           split=False) if (plait or side_tied) and out[2] > 0 else None
            if spec.gather == "braid" and out[2] <= 0:   # one braid down the back: it lies on whatever is there
                drape = _Drape(float(start[1]), a.shoulder_y, a.neck_radius, float(start[2]) + 0.01, split=False,
                               middle=True)
            tail_pts, _ = _grow(body, keep, start[None] + out[None] * 0.02, out[None], spec.tail_length_m,
                                30.0, np.array([spec.tail_radius_m * 0.9]), drape=drape)
            if curl >= 0.35:
                amp, wl = WAVE["curly" if curl >= 0.8 else "wavy"]
                tail_pts = _wave(tail_pts, axis_point, amp * 0.6, wl, rng)
            tt = np.linspace(0.0, 1.0, tail_pts.shape[1])
            samples.append(np.concatenate([start[None], tail_pts[0]]))
            if spec.gather == "braid":   # crossing strands, then a tie and a tuft of loose hair
                tail = tail_pts[0]
                profile = _braid_profile(np.arange(len(tt)) * STEP_M, (len(tt) - 1) * STEP_M)
                tail = tail + _braid_zigzag(tail, np.arange(len(tt)) * STEP_M, spec.tail_radius_m)
                samples[-1] = np.concatenate([start[None], tail])
            elif plait:   # tapering a little, in a row of bulges where its three strands cross
                profile = (1.0 - 0.35 * tt) * _plait_bulges(np.arange(len(tt)) * STEP_M)
            else:
                profile = (1.0 - 0.55 * tt) * (1.0 + 0.25 * np.sin(np.pi * tt))
            radii.append(np.concatenate([[spec.tail_radius_m * 0.7], spec.tail_radius_m * profile]))
        if spec.gather in ("bun", "buns"):  # tightly curled hair gathered up stands out as a round puff
            radius = spec.tail_radius_m * (PUFF_SCALE if curl >= 0.8 else 1.0)
            for point in g:
                center = point + _unit(point - a.skull_center) * (radius * 0.55)   # sits snug on the head
                samples.append(center[None])
                radii.append(np.array([radius]))
    if samples:
        fields.append(_strand_field(np.concatenate(samples), np.concatenate(radii),
                                    ROPE_BLEND_M if spec.ropes else 0.003))
    afro, afro_bottom = _afro_field(head, a, volume) if style == "afro" else (None, None)
    if style == "mohawk":
        fields.append(_mohawk_field(a))

    bumpiness = ROPE_BUMPS_M if spec.ropes else CROPPED_BUMPS_M if spec.lie_m is not None \
        else SHELL_BUMPS_M[0] + SHELL_BUMPS_M[1] * curl if style in ("buzz", "balding") \
        else WAVED_BUMPS_M if waved else 0.0025 + 0.004 * curl


    def solid(p: np.ndarray) -> np.ndarray:
        if bald_shell:   # (the height over the skin, smooth to a fraction of a mm: the shell thins to 1 mm)
            height, normal = fine.height(p)
            sd = unphantom(height)
            ramp = _balding_edges(a, scalp_edge, p - height[:, None] * normal, spec.bald_above, seed)
        else:
            sd = unphantom(body.nearest(p)[0])
        # the scalp weight blended over nearby vertices: a smooth hairline, not the steps of
        # the nearest vertex's cells; the shell reaches its full thickness within a few mm of
        # the hairline (a long thin taper lies so close to the skin that the two interleave)
        dist, idx = scalp_tree.query(p, k=6, workers=query_workers(len(p)))
        w = 1.0 / (dist + 1e-4) ** 2
        onset = smoothstep(HAIRLINE_W[0], HAIRLINE_W[1], (scalp_w[idx] * w).sum(axis=1) / w.sum(axis=1))
        if bald_shell:   # behind the ears thinning out towards its edges; in front its strips at the temples as
            # they were (as narrow as the taper, they thinned into pale slivers lit from above)
            behind = smoothstep(a.ear_z, a.ear_z - 0.02, p[:, 2])
            front = smoothstep(HAIRLINE_W[0], HAIRLINE_W[1], (front_w[idx] * w).sum(axis=1) / w.sum(axis=1))
            grown = behind * onset * ramp + (1.0 - behind) * front
            onset = behind * onset + (1.0 - behind) * front
        if cropped_fringe:   # the shell reaches down the forehead to its fringe's line, under its strands
            line = _fringe_line(a, keep, p[:, 0], fringe_split)
            beyond = keep.distance(p, line)
            onset = np.maximum(onset, smoothstep(keep.half_width, keep.half_width - CROPPED_FRINGE_SIDE_M, np.abs(p[:, 0]))
                               * smoothstep(keep.front_z, keep.front_z + 0.01, p[:, 2])
                               * smoothstep(line - 0.004, line, p[:, 1]))
        if bald_shell:   # ended where it is barely over the skin
            thick = np.maximum(cap * grown, BALDING_LIFT_M)
            f = np.maximum(np.maximum(sd - thick, -thick - INSIDE_KEEP_M * onset),
                           (BALDING_LIFT_M - cap * grown) * (BALDING_TOP_M[1] - BALDING_TOP_M[0]) / cap)
            onset = grown   # (its bumps shrink with it)
        elif cap > 0:  # a shell on the scalp, as deep under the skin as needed to be meshed whole
            thick = cap * onset - 0.0003
            f = np.maximum(sd - thick, -thick - INSIDE_KEEP_M * onset)
        else:
            f = np.full(len(p), np.inf)
        for fld in fields:
            f = np.minimum(f, fld(p))
        if afro is None:
            f = f - bumpiness * (value_noise(p, 120.0, seed) - 0.5) * np.maximum(onset, f < -0.002)
        else:   # tufts of coils, and smaller coils on them
            f = np.minimum(f, afro(p, sd))
            for k, (frequency, amplitude) in enumerate(AFRO_BUMPS):
                f = f - amplitude * (value_noise(p, frequency, seed + k) - 0.5) * np.maximum(onset, f < -0.002)
        f = np.maximum(f, -sd - INSIDE_KEEP_M)          # nothing deep inside the head
        if cropped_fringe:   # a close crop's fringe ends along its line, thinning towards it
            full, edge, over = CROPPED_FRINGE_TAPER_M
            # (a ramp on, never level: capped at the full height it cut the crown's curls down to it)
            f = np.maximum(np.maximum(f, -beyond), sd - (edge + (full - edge) * np.maximum(beyond, 0.0) / over))
        return np.maximum(f, -keep.distance(p))          # nothing over the face

    lo, hi = _bounds(head, a, samples, radii, style, volume)
    if bald_shell:   # (down to the nape)
        lo[1] = min(lo[1], float(verts[scalp_w > 0.0, 1].min()) - 2 * GRID_STEP_M)
    if afro_bottom is not None:   # (at the back an afro falls to the nape)
        lo[1] = min(lo[1], afro_bottom - 3 * GRID_STEP_M)
    mesh_v, mesh_f = mesh_field(solid, lo, hi, GRID_STEP_M, spec.max_faces)
    if len(mesh_f) == 0:
        return None
    hidden = unphantom(body.signed_distance(mesh_v)) < -0.5 * INSIDE_KEEP_M
    mesh_v, mesh_f = drop_hidden(mesh_v, mesh_f, hidden)
    return Part("hair", mesh_v, mesh_f, _ride_on(head, mesh_v, a), HAIR_REGION)


def _afro_field(head: HeadModel, a: Anchors, volume: float):
    """An afro: (its field, the height of its lowest edge). The field: (points [N,3], their signed
    distance to the skin [N]) -> signed distance bound of a cloud of coiled hair round the head: an
    ellipsoid standing AFRO_PAD_M * `volume` (less on a child's smaller head) off the scalp's extent,
    centred over the cranium (round, not the head's shape offset: that bulged out over the ears), at
    least AFRO_MIN_SHARE of that off the skin, thinning down to its hem (`_afro_hem`) at the hairline,
    the edge rounded."""
    hem, rise_rate, y_back, backward = _afro_hem(head, a)
    v = np.asarray(head.v_template, dtype=np.float64)
    cap = v[region_mask(head, "hair_cap")]
    pad = AFRO_PAD_M * volume * float(np.clip(a.skull_radii.mean() / AFRO_ADULT_SKULL_M, AFRO_CHILD, 1.0))
    lo, hi = cap.min(axis=0), cap.max(axis=0)
    center = np.array([0.0, float(a.skull_center[1]) + AFRO_BALL_UP_M, (lo[2] + hi[2]) / 2])
    radii = np.array([(hi[0] - lo[0]) / 2, float(a.crown[1]) - center[1], (hi[2] - lo[2]) / 2]) + pad
    low_back = (center[1] - y_back) * AFRO_BACK_FALL   # at the back its lower half falls past the nape
    axis_z = float(a.skull_center[2])

    def field(p: np.ndarray, sd: np.ndarray) -> np.ndarray:
        d = p - center
        round_ = np.abs(np.arctan2(p[:, 0], p[:, 2] - axis_z))            # 0 at the front .. pi at the back
        r = np.broadcast_to(radii, d.shape).copy()
        below = d[:, 1] < 0
        r[below, 1] += (max(low_back, radii[1]) - radii[1]) * backward(round_[below])
        q = np.linalg.norm(d / r, axis=-1)
        ball = np.linalg.norm(d, axis=-1) * (1.0 - 1.0 / np.maximum(q, 1e-9))   # distance out along the ray
        thin = sd - AFRO_MIN_SHARE * float(pad.min())
        taper = sd - rise_rate(round_) * (p[:, 1] - hem(round_))          # thinning down to the hem
        return _smooth_max(np.minimum(ball, thin), taper, AFRO_ROUND_M)
    return field, y_back


def _smooth_max(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """max(a, b) with the crease rounded over about `k` (polynomial smooth maximum)."""
    h = np.clip(0.5 + 0.5 * (a - b) / k, 0.0, 1.0)
    return b + (a - b) * h + k * h * (1.0 - h)


def _afro_hem(head: HeadModel, a: Anchors):
    """(height of an afro's hem, how fast it thickens above it (AFRO_RISE), the hem's height at the back,
    how far round to the back (0 at the sides .. 1)): the functions of the angle round the skull's vertical
    axis ([N] radians, 0 at the front .. pi at the back). The hem is at the front the hairline's middle, at
    the sides the ears' tops (about the brows' height), at the back the nape's hairline, AFRO_NAPE_M under it
    (AFRO_HEM_DEG), rising a little at the forehead's corners (AFRO_CORNERS)."""
    v = np.asarray(head.v_template, dtype=np.float64)
    cap = region_mask(head, "hair_cap")
    front = cap & (v[:, 2] > a.ear_z + 0.03) & (np.abs(v[:, 0]) < 0.012)
    back = cap & (v[:, 2] < float(a.skull_center[2])) & (np.abs(v[:, 0]) < 0.015)
    y_front = float(v[front, 1].min()) if front.any() else a.brow_y + 0.05
    y_side = a.brow_y - AFRO_EAR_M
    y_back = (float(v[back, 1].min()) if back.any() else a.eye_y - 0.08) - AFRO_NAPE_M
    f0, f1, b0, b1 = np.radians(AFRO_HEM_DEG)
    corner, spread, lift = np.radians(AFRO_CORNERS[0]), np.radians(AFRO_CORNERS[1]), AFRO_CORNERS[2]

    def along(front: float, side: float, back: float, round_: np.ndarray) -> np.ndarray:
        return front + (side - front) * smoothstep(f0, f1, round_) + (back - side) * smoothstep(b0, b1, round_)

    def hem(round_: np.ndarray) -> np.ndarray:
        return along(y_front, y_side, y_back, round_) + lift * np.exp(-((round_ - corner) / spread) ** 2)
    return hem, (lambda r: along(*AFRO_RISE, r)), y_back, (lambda r: smoothstep(b0, b1, r))


def _widows_peak(head: HeadModel, a: Anchors) -> np.ndarray:
    """[V] 1 on the forehead's skin inside a V below the middle of the hairline: the scalp's
    shell grows down to a point there."""
    v = np.asarray(head.v_template, dtype=np.float64)
    ahead = v[:, 2] > a.ear_z + 0.03
    middle = region_mask(head, "hair_cap") & ahead & (np.abs(v[:, 0]) < 0.012)
    if not middle.any():
        return np.zeros(len(v))
    hairline = float(v[middle, 1].min())
    depth, half = PEAK_M
    tip = max(hairline - depth, a.brow_y + FOREHEAD_SHOWN_M + 0.004)   # never into the face's keep-out
    reach = half * np.clip((v[:, 1] - tip) / (hairline - tip), 0.0, None)
    inside = region_mask(head, "skin") & ahead & (v[:, 1] > tip) & (np.abs(v[:, 0]) < reach)
    return inside.astype(np.float64)


def _parted(a: Anchors, keep: _Keepout, p: np.ndarray, split: str) -> np.ndarray:
    """[...] bool: points over the forehead that a parted fringe leaves bare: curtain bangs open
    from the parting to a gap between the brows; side-swept bangs rise across the forehead to
    their parting's side."""
    upper = a.brow_y + FOREHEAD_SHOWN_M + 0.015   # the parting's lowest point
    low = a.brow_y + FRINGE_LOW_M
    down = np.clip((upper - p[..., 1]) / (upper - low), 0.0, 1.0)    # 0 at the parting .. 1 at the brows
    if split == "curtain":
        return (np.abs(p[..., 0]) < 0.004 + CURTAIN_GAP_M * down) & (p[..., 1] < upper)
    across = np.clip(0.5 + 0.6 * SWEPT_PART_X * p[..., 0] / keep.half_width, 0.0, 1.0)   # 1 on the parting's side
    return p[..., 1] < low + (upper - low) * across


def _fringe_line(a: Anchors, keep: _Keepout, x: np.ndarray, split: str | None) -> np.ndarray:
    """[N] a close crop's fringe edge over the forehead: its height at `x`, the keep-out's top, rising
    across the forehead to the parting where a parted fringe leaves the forehead bare (`_parted`'s
    line), its corners rounded (a smooth sweep)."""
    upper = a.brow_y + FOREHEAD_SHOWN_M + 0.015
    low = a.brow_y + FRINGE_LOW_M
    k = 0.004   # (the corners' rounding)
    if split == "swept":
        rise = low + (upper - low) * (0.5 + 0.6 * SWEPT_PART_X * x / keep.half_width)
        rise = -soft_max(-rise, -np.full_like(x, upper), k)
    elif split == "curtain":
        rise = upper - (upper - low) * np.clip((np.abs(x) - 0.004) / CURTAIN_GAP_M, 0.0, 1.0)
    else:
        rise = np.full_like(x, -np.inf)
    line = soft_max(rise, np.full_like(x, keep.top), k) if split is not None else np.full_like(x, keep.top)
    period, depth, sharp = CROPPED_FRINGE_TIPS    # its ends: a row of tapering tips
    return line - depth * (1.0 - np.abs(np.sin(np.pi * x / period))) ** sharp


def _mohawk_field(a: Anchors):
    """Signed distance bound of a mohawk's crest: a fin in the skull's mid-plane, narrowing as
    it rises, spiked along its length, from the forehead's hairline over the crown to the nape."""
    half_width, height = MOHAWK_M

    def field(p: np.ndarray) -> np.ndarray:
        q = (p - a.skull_center) / a.skull_radii
        rise = (np.linalg.norm(q, axis=-1) - 1.0) * float(a.skull_radii.mean())    # height above the skull
        along = np.arctan2(q[:, 1], -q[:, 2])                                      # 0 at the back .. pi at the front
        # the crest runs from just behind the hairline (about 20 degrees from the front) down to the nape
        span = smoothstep(-0.35, -0.1, along) * smoothstep(np.pi - 0.25, np.pi - 0.5, along)
        spikes = 0.55 + 0.45 * np.abs(np.cos(MOHAWK_SPIKES * along / 2.0))
        top = height * span * spikes
        width = half_width * np.clip(1.0 - 0.75 * rise / np.maximum(top, 1e-3), 0.2, 1.0)
        return np.maximum.reduce([np.abs(p[:, 0]) - width, rise - top, -rise - 0.004])
    return field


def _bounds(head: HeadModel, a: Anchors, samples: list[np.ndarray], radii: list[np.ndarray], style: str,
            volume: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    pad = 0.03
    lo = a.skull_center - a.skull_radii - pad
    hi = a.skull_center + a.skull_radii + pad
    if style == "afro":
        lo, hi = lo - AFRO_PAD_M * volume, hi + AFRO_PAD_M * volume
    if style == "mohawk":
        hi = hi + np.array([0.0, MOHAWK_M[1], 0.0])
    for s, r in zip(samples, radii):
        if len(s):
            lo = np.minimum(lo, s.min(axis=0) - pad - r.max())
            hi = np.maximum(hi, s.max(axis=0) + pad + r.max())
    v = np.asarray(head.v_template)
    return np.maximum(lo, v.min(axis=0) - 0.1), np.minimum(hi, v.max(axis=0) + 0.1)


def _ride_on(head: HeadModel, points: np.ndarray, a: Anchors) -> np.ndarray:
    """Nearest scalp, upper-head or neck vertex of each hair point (whose rig it copies)."""
    v = np.asarray(head.v_template, dtype=np.float64)
    upper_skin = region_mask(head, "skin") & (v[:, 1] > a.eye_y)
    candidates = np.flatnonzero(region_mask(head, "hair_cap", "neck") | upper_skin)
    _, idx = cKDTree(v[candidates]).query(points)
    return candidates[idx]


def add_hair(head: HeadModel, style: str, curl: float = 0.0, seed: int = 0, fringe: float | None = None,
             volume: float = 1.0, fringe_split: str | None = None, peak: bool = False,
             bald_top: bool = False, side_shave: bool = False, gather_at: str | None = None,
             recede: bool = False, tuck_front: bool = False) -> HeadModel:
    part = hair_part(head, style, curl, seed, fringe, volume, fringe_split, peak, bald_top, side_shave, gather_at,
                     recede, tuck_front)
    if part is None:
        return head
    # what the renderer's strand highlight reads (render/hair_strands.py): which way the strands were combed
    look = {"style": style, "curl": float(curl), "comb": STYLES[style].comb, "gather": STYLES[style].gather}
    return attach(head, replace(part, metadata={**(part.metadata or {}), "hair_look": look}))
