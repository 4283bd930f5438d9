"""A headband, a sweatband, a crown of flowers, a wreath, a halo or a ribbon bow as geometry, over the hair.

A headband (an Alice band) is a narrow flat strip from behind one ear over the top of the head
to behind the other, in a plane leaning a little forwards; a sweatband a wider strip round the
forehead above the brows and round the back of the head. Both are cast onto the dressed head the
way the headphones' band is: rays from outside find the hair (or the scalp) under them, the path
is smoothed and pushed back out, so the band lies on an afro as on a shaved head. A crown of
flowers is a thin vine round the head at a crown's height with small five-petalled flowers along
it in three alternating colours (their hearts and a few leaves between them). A bow of ribbon (two
loops, a knot, two tails) is tied over a ponytail's root or on each pigtail, else clipped above
one temple (on a bun it would be out of sight above the head). A wreath (laurel) is the flower
crown's vine with only leaves, two branches of them sloping back from a gap over the forehead; a
halo a thin ring floating above the crown, tilted back a little; an agal a doubled black cord
ringing the head over a keffiyeh, high on the forehead and lower at the back. All ride rigidly on one skin vertex
skinned to the head alone: they turn with the head and ignore the face's expressions.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..bundled.meshing import icosphere
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import Anchors, BodySurface, rigid_skin_vertex
from .glasses import tube
from .hair import STYLES as HAIR_STYLES
from .hair import gather_points

BAND, PETALS, HEARTS, LEAVES = "headband", ("flowers", "flowers_2", "flowers_3"), "flower_hearts", "leaves"
STYLES = ("band", "sweatband", "flowers", "flower", "bow", "wreath", "halo", "agal")
BAND_SECTION_M = {"band": (0.012, 0.003), "sweatband": (0.016, 0.0035)}   # half width, half thickness
CLEARANCE_M = 0.0015
BAND_LEAN_DEG = 35.0            # an Alice band's plane leans this far forwards from upright
BAND_REACH_DEG = 78.0           # ... and runs this far down each side from the top (behind the ears)
SWEATBAND_ABOVE_BROWS_M = 0.03  # the sweatband's middle above the brows at the front ...
SWEATBAND_DROP_M = 0.012        # ... and this much lower at the back of the head
FLOWERS_ABOVE_BROWS_M = 0.045   # a flower crown's vine above the brows at the sides ...
FLOWERS_TILT_M = 0.008          # ... lower by this at the front, higher at the back
FLOWERS = 18                    # flowers round the head
PETAL_RADII_M = (0.0068, 0.0045, 0.0016)   # a petal: half length (out from the heart), half width, half thickness
HEART_RADIUS_M = 0.0032
SINGLE_FLOWER_AT = (1.35, 0.022)   # one flower in the hair: round the head from the front (radians, to the left),
SINGLE_FLOWER_SCALE = 3.2         # above the brows (m); this much bigger than a crown's flowers
VINE_RADIUS_M = 0.002
LEAF_RADII_M = (0.011, 0.0045, 0.0012)
BOW_M = (0.036, 0.017, 0.005)   # a bow: reach of each loop from the knot, a loop's half height at its end, half thickness
WREATH_LEAVES = 13              # leaves along each branch of a wreath ...
WREATH_GAP_RAD = 0.3            # ... which part over the forehead by this angle either side of the front
WREATH_LEAF_RADII_M = (0.013, 0.0048, 0.0012)
HALO_ABOVE_CROWN_M = 0.032      # a halo's centre above the top of the head ...
HALO_CLEARANCE_M = 0.015       # ... or this far over whatever is highest there (hair)
HALO_TILT_DEG = 18.0            # ... its plane tilted back by this
HALO_RADII_M = (0.075, 0.0035)  # ring radius (scaled by the skull's width), tube radius
AGAL_ABOVE_BROWS_M = 0.05       # an agal's lower cord above the brows at the front ...
AGAL_DROP_M = 0.025             # ... and this much lower at the back of the head
AGAL_CORD_M = (0.0045, 0.0095)  # each cord's radius, and the upper one's rise over the lower
PIGTAIL_BOW_SCALE = 0.9         # a bow on each pigtail is this much smaller
LOOSE_BOW_AT = (0.6, 0.65, 0.5)   # on loose hair: the direction from the skull's centre it is clipped at


def _onto(body: BodySurface, hub: np.ndarray, direction: np.ndarray, lift: float, closed: bool,
          reach: float = 0.4) -> np.ndarray:
    """Rays [N] cast from `reach` out along `direction` back towards `hub`: where each meets the head,
    lifted `lift` off it, the path's kinks (strands of hair) rounded off and nothing left inside."""
    p = body.march(hub + direction * reach, -direction, reach, max_step=0.03, steps=120) + direction * lift
    for _ in range(2):
        for _ in range(3):
            if closed:
                p = 0.5 * p + 0.25 * (np.roll(p, 1, axis=0) + np.roll(p, -1, axis=0))
            else:
                p[1:-1] = 0.5 * p[1:-1] + 0.25 * (p[:-2] + p[2:])
        p = body.pushed_out(p, lift)
    return p


def _ring(body: BodySurface, a: Anchors, height: np.ndarray, theta: np.ndarray, lift: float) -> np.ndarray:
    """[N,3] a closed path round the head at `height` [N] (y) for the angles `theta` [N] about the vertical."""
    hub = np.stack([np.zeros_like(theta), height, np.full_like(theta, a.skull_center[2])], 1)
    direction = np.stack([np.sin(theta), np.zeros_like(theta), np.cos(theta)], 1)
    return _onto(body, hub, direction, lift, closed=True)


def _alice_band(body: BodySurface, a: Anchors) -> tuple[np.ndarray, np.ndarray]:
    half_width, half_thickness = BAND_SECTION_M["band"]
    lean = np.radians(BAND_LEAN_DEG)
    up = np.array([0.0, np.cos(lean), np.sin(lean)])
    hub = np.array([0.0, a.eye_y, float(a.skull_center[2])])
    angles = np.radians(np.linspace(-BAND_REACH_DEG, BAND_REACH_DEG, 41))
    direction = np.sin(angles)[:, None] * np.array([1.0, 0.0, 0.0]) + np.cos(angles)[:, None] * up
    path = _onto(body, np.tile(hub, (len(angles), 1)), direction, half_thickness + CLEARANCE_M, closed=False)
    verts, faces = tube(path, np.cross([1.0, 0.0, 0.0], up), half_thickness, half_width, closed=False)
    # its edges too stay out of the hair (where it crosses a short cut's hairline over the ears, the strip's
    # edge went into the hair's step)
    return body.pushed_out(verts, 0.0), faces


def _sweatband(body: BodySurface, a: Anchors) -> tuple[np.ndarray, np.ndarray]:
    half_width, half_thickness = BAND_SECTION_M["sweatband"]
    theta = np.linspace(-np.pi, np.pi, 72, endpoint=False)
    height = a.brow_y + SWEATBAND_ABOVE_BROWS_M - SWEATBAND_DROP_M * (1 - np.cos(theta)) / 2
    path = _ring(body, a, height, theta, half_thickness + CLEARANCE_M)
    return tube(path, (0.0, 1.0, 0.0), half_thickness, half_width, closed=True)


def _agal(body: BodySurface, a: Anchors) -> list[tuple[np.ndarray, np.ndarray]]:
    """Two round cords, one over the other, round the head over the cloth."""
    radius, rise = AGAL_CORD_M
    theta = np.linspace(-np.pi, np.pi, 72, endpoint=False)
    height = a.brow_y + AGAL_ABOVE_BROWS_M - AGAL_DROP_M * (1 - np.cos(theta)) / 2
    return [tube(_ring(body, a, height + k * rise, theta, radius + CLEARANCE_M), (0.0, 1.0, 0.0), radius, radius,
                 closed=True, sides=8) for k in (0, 1)]


def _ellipsoid(centre: np.ndarray, axes: np.ndarray, radii: tuple[float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """A flattened sphere at `centre` with half-axes `radii` along the rows of `axes` [3,3]."""
    v, f = icosphere(1)
    return centre + (v * np.asarray(radii)) @ axes, f


def _blossom(centre: np.ndarray, normal: np.ndarray, side: np.ndarray, up: np.ndarray, turn: float, label: int,
             scale: float = 1.0) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(label, verts, faces) pieces of one five-petalled flower facing `normal` at `centre`: its petals
    (`label`), turned by `turn` radians in the plane of `side` and `up`, and its heart (label 4)."""
    pieces = []
    radii = tuple(r * scale for r in PETAL_RADII_M)
    for petal in range(5):
        phi = turn + petal * 2 * np.pi / 5
        radial = np.cos(phi) * side + np.sin(phi) * up
        axes = np.stack([radial, np.cross(normal, radial), normal])
        pieces.append((label, *_ellipsoid(centre + radial * radii[0] * 0.9, axes, radii)))
    v, f = icosphere(1)
    pieces.append((4, centre + normal * radii[2] + v * HEART_RADIUS_M * scale, f))
    return pieces


def _single_flower(body: BodySurface, a: Anchors) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(label, verts, faces) pieces: one big flower tucked in the hair above the person's left ear (a
    hibiscus, a rose), facing out and a little forward, with two leaves behind it."""
    theta = np.array([SINGLE_FLOWER_AT[0]])
    at = _ring(body, a, np.array([a.brow_y + SINGLE_FLOWER_AT[1]]), theta, 0.0)[0]
    out = np.array([np.sin(theta[0]), 0.0, np.cos(theta[0])])
    normal = body.query(at[None])[1][0] + out
    normal /= np.linalg.norm(normal)
    side = np.cross([0.0, 1.0, 0.0], normal)
    side /= np.linalg.norm(side)
    up = np.cross(normal, side)
    scale = SINGLE_FLOWER_SCALE
    centre = at + normal * (PETAL_RADII_M[2] * scale + CLEARANCE_M)
    pieces = _blossom(centre, normal, side, up, 0.3, 0, scale)
    for tilt in (2.4, 3.6):   # two leaves showing behind the petals, towards the back
        along = np.cos(tilt) * side + np.sin(tilt) * up
        axes = np.stack([along, np.cross(normal, along), normal])
        leaf = centre - normal * 0.002 + along * PETAL_RADII_M[0] * scale * 1.4
        pieces.append((3, *_ellipsoid(leaf, axes, tuple(r * 1.6 for r in LEAF_RADII_M))))
    # a flat flower this wide on the round head: its petals' edges would dip into the hair
    return [(label, body.pushed_out(pv, CLEARANCE_M), pf) for label, pv, pf in pieces]


def _flower_crown(body: BodySurface, a: Anchors) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """(label, verts, faces) pieces: the vine, and round it the flowers with their hearts and leaves."""
    theta = np.linspace(-np.pi, np.pi, 96, endpoint=False)
    height = a.brow_y + FLOWERS_ABOVE_BROWS_M - FLOWERS_TILT_M * np.cos(theta)
    vine = _ring(body, a, height, theta, VINE_RADIUS_M + CLEARANCE_M)
    pieces = [(3, *tube(vine, (0.0, 1.0, 0.0), VINE_RADIUS_M, VINE_RADIUS_M, closed=True, sides=6))]
    step = len(theta) // FLOWERS
    for k in range(FLOWERS):
        i = k * step
        out = np.array([np.sin(theta[i]), 0.0, np.cos(theta[i])])
        normal = body.query(vine[i:i + 1])[1][0]
        normal = (normal + out) / np.linalg.norm(normal + out)               # facing out, a little up or down
        side = np.cross([0.0, 1.0, 0.0], normal)
        side /= np.linalg.norm(side)
        up = np.cross(normal, side)
        centre = vine[i] + normal * (PETAL_RADII_M[2] + VINE_RADIUS_M)
        pieces += _blossom(centre, normal, side, up, k * 0.7, k % 3)           # each flower turned its own way
        # a leaf between this flower and the next, along the vine
        j = (i + step // 2) % len(vine)
        along = vine[(j + 1) % len(vine)] - vine[j - 1]
        along = along / np.linalg.norm(along) * (1 if k % 2 else -1)
        leaf_normal = body.query(vine[j:j + 1])[1][0]
        across = np.cross(leaf_normal, along)
        axes = np.stack([along, across, leaf_normal])
        pieces.append((3, *_ellipsoid(vine[j] + leaf_normal * VINE_RADIUS_M, axes, LEAF_RADII_M)))
    return pieces


def _wreath(body: BodySurface, a: Anchors) -> list[tuple[np.ndarray, np.ndarray]]:
    """A laurel wreath: the vine round the head at a crown's height, open over the forehead, and
    along each branch pairs of leaves pointing forwards, splayed out from it above and below."""
    pieces = []
    for side in (1.0, -1.0):
        theta = side * np.linspace(WREATH_GAP_RAD, np.pi, 40)              # from the front gap round to the back
        height = a.brow_y + FLOWERS_ABOVE_BROWS_M - FLOWERS_TILT_M * np.cos(theta)
        vine = _ring(body, a, height, theta, VINE_RADIUS_M + CLEARANCE_M)
        vine_v, vine_f = tube(vine, (0.0, 1.0, 0.0), VINE_RADIUS_M, VINE_RADIUS_M, closed=False, sides=6)
        # the ring is cast level round the head: where the hair's edge slopes away under it (a crop's
        # fringe line at the front) the vine's underside is put back onto the hair, as the leaves are
        pieces.append((body.pushed_out(vine_v, CLEARANCE_M), vine_f))
        normals = body.query(vine)[1]
        for k, i in enumerate(np.linspace(0, len(vine) - 3, WREATH_LEAVES).astype(int)):
            forward = vine[i] - vine[i + 2]                                 # along the vine towards the front
            forward /= np.linalg.norm(forward)
            normal = normals[i]
            up = np.cross(normal, forward) * side
            up /= np.linalg.norm(up)
            for tilt in (0.55, -0.55):                                      # a pair: one above, one below
                along = np.cos(tilt) * forward + np.sin(tilt) * up + 0.3 * normal   # lifted off the round head
                along = along / np.linalg.norm(along)
                axes = np.stack([along, np.cross(normal, along), normal])
                centre = vine[i] + along * WREATH_LEAF_RADII_M[0] * 0.8 + normal * (VINE_RADIUS_M + 0.001 * (k % 2))
                leaf_v, leaf_f = _ellipsoid(centre, axes, WREATH_LEAF_RADII_M)
                pieces.append((body.pushed_out(leaf_v, CLEARANCE_M), leaf_f))   # where the head curves in, onto the hair
    return pieces


def _halo(head: HeadModel, a: Anchors) -> tuple[np.ndarray, np.ndarray]:
    """A thin ring floating above the top of the head (and of its hair: an afro would swallow it),
    its back a little higher than its front."""
    tilt = np.radians(HALO_TILT_DEG)
    up = np.array([0.0, np.cos(tilt), -np.sin(tilt)])
    ahead = np.array([0.0, np.sin(tilt), np.cos(tilt)])
    v = np.asarray(head.v_template, np.float64)
    over = np.hypot(v[:, 0] - a.skull_center[0], v[:, 2] - a.skull_center[2]) < 1.5 * float(a.skull_radii[2])
    top = max(float(v[over, 1].max()) + HALO_CLEARANCE_M, float(a.crown[1]) + HALO_ABOVE_CROWN_M)
    centre = np.array([float(a.crown[0]), top, float(a.crown[2]) - 0.01])
    radius = HALO_RADII_M[0] * float(a.skull_radii[0]) / 0.086                # anny's adult skull: 8.6 cm half-width
    phi = np.linspace(0.0, 2 * np.pi, 64, endpoint=False)
    path = centre + radius * (np.cos(phi)[:, None] * np.array([1.0, 0.0, 0.0]) + np.sin(phi)[:, None] * ahead)
    return tube(path, up, HALO_RADII_M[1], HALO_RADII_M[1], closed=True, sides=8)


def _bow(centre: np.ndarray, normal: np.ndarray, width_axis: np.ndarray, scale: float = 1.0
         ) -> list[tuple[np.ndarray, np.ndarray]]:
    """A ribbon bow lying on a surface at `centre` facing `normal`, its loops spreading along
    `width_axis`: two loops narrow at the knot and round at their ends, the knot, two tails hanging
    from it -> (verts, faces) pieces."""
    n = normal / np.linalg.norm(normal)
    s = width_axis - n * (width_axis @ n)
    s /= np.linalg.norm(s)
    u = np.cross(n, s)
    reach, height, thick = np.asarray(BOW_M) * scale
    sphere_v, sphere_f = icosphere(2)
    pieces = []
    for side in (1.0, -1.0):
        along = (sphere_v[:, 0] + 1.0) / 2.0                   # 0 at the knot .. 1 at the loop's end
        flare = 0.3 + 0.7 * np.sin(np.pi * np.clip(along, 0.0, 1.0) * 0.6 + 0.25)
        loop = (side * (0.12 + 0.88 * along) * reach)[:, None] * s \
            + (sphere_v[:, 1] * height * flare + 0.18 * along * height)[:, None] * u \
            + (sphere_v[:, 2] * thick + 0.4 * thick * np.sin(np.pi * along))[:, None] * n
        pieces.append((centre + loop, sphere_f if side > 0 else sphere_f[:, ::-1]))
    knot = centre + n * thick * 0.6 + (sphere_v * np.array([0.22 * reach, 0.55 * height, 1.3 * thick])) @ np.stack([s, u, n])
    pieces.append((knot, sphere_f))
    for side in (1.0, -1.0):   # the tails: flat ribbons falling from under the knot, apart
        down = -u * np.cos(0.45) + side * s * np.sin(0.45)
        axes = np.stack([down, np.cross(n, down), n])
        pieces.append(_ellipsoid(centre + down * 0.55 * reach, axes, (0.55 * reach, 0.3 * height, 0.35 * thick)))
    return pieces


def _bows(body: BodySurface, a: Anchors, hair_style: str | None, hair_gather: str | None = None
          ) -> list[tuple[np.ndarray, np.ndarray]]:
    """The bows for hair in `hair_style`: one over a ponytail's root (tied `hair_gather` high or low), one
    on each pigtail, else one above a temple."""
    gather = HAIR_STYLES[hair_style].gather if hair_style in HAIR_STYLES else None
    centre = np.asarray(a.skull_center, np.float64)
    if gather == "pigtails":    # facing forwards-out on each pigtail's root, loops above and below it
        spots = [(g, np.array([0.6 * np.sign(g[0]), 0.0, 1.0]), np.array([0.0, 1.0, 0.0]), PIGTAIL_BOW_SCALE)
                 for g in gather_points(a, gather)]
    elif gather == "ponytail":  # over its root, from behind and above (the tail leaves backwards)
        g = gather_points(a, gather, hair_gather)[0]
        spots = [(g, (g - centre) / np.linalg.norm(g - centre) + np.array([0.0, 0.5, 0.0]), np.array([1.0, 0.0, 0.0]), 1.0)]
    else:                       # loose hair, or a bun (a bow on it would be out of sight above the head)
        d = np.asarray(LOOSE_BOW_AT) / np.linalg.norm(LOOSE_BOW_AT)
        spots = [(centre + d * a.skull_radii, d, np.array([0.3, 0.0, -1.0]), 1.0)]
    pieces = []
    for spot, facing, width_axis, scale in spots:
        facing = facing / np.linalg.norm(facing)
        on = body.march(spot[None] + facing * 0.3, -facing[None], 0.3, max_step=0.03, steps=120)[0]
        on = body.pushed_out(on[None], BOW_M[2] * scale * 1.5 + CLEARANCE_M)[0]
        pieces += _bow(on, body.query(on[None])[1][0] * 0.5 + facing * 0.5, width_axis, scale)
    return pieces


def headband_part(head: HeadModel, style: str = "band", hair_style: str | None = None,
                  hair_gather: str | None = None) -> Part:
    """A headband, sweatband, crown of flowers, bow, wreath or halo (STYLES) on `head` (dressed: it lies on the
    hair; a bow goes where `hair_style` gathers the hair), as one part."""
    if style not in STYLES:
        raise PortraitTalkerError(f"headband style '{style}' is unknown; use one of {', '.join(STYLES)}")
    a = Anchors.from_head(head)
    body = BodySurface(head)
    if style in ("flowers", "flower"):
        pieces = (_flower_crown if style == "flowers" else _single_flower)(body, a)
        names = (*PETALS, LEAVES, HEARTS)
    elif style in ("bow", "wreath"):
        pieces = [(0, pv, pf) for pv, pf in (_bows(body, a, hair_style, hair_gather) if style == "bow"
                                             else _wreath(body, a))]
        names = (BAND,)
    elif style == "halo":
        pieces = [(0, *_halo(head, a))]
        names = (BAND,)
    elif style == "agal":
        pieces = [(0, pv, pf) for pv, pf in _agal(body, a)]
        names = (BAND,)
    else:
        pieces = [(0, *(_alice_band if style == "band" else _sweatband)(body, a))]
        names = (BAND,)
    verts, faces, labels = merged((pv, pf, label) for label, pv, pf in pieces)
    return Part(name=style, verts=verts, faces=faces, region=names[0], labels=labels,
                label_names=names, source=np.full(len(verts), rigid_skin_vertex(head, a.crown)),
                metadata={"headband": {"style": style}})


def add_headband(head: HeadModel, style: str | None, hair_style: str | None = None,
                 hair_gather: str | None = None) -> HeadModel:
    """`head` wearing a headband, sweatband, crown of flowers or bow (`style` None or "none": unchanged)."""
    if style in (None, "none"):
        return head
    return attach(head, headband_part(head, style, hair_style, hair_gather))
