"""Goggles as geometry: one deep frame round both eyes and an elastic strap round the head.

Goggles are laid out on a cylinder round the head's vertical axis: the frame's outline is a
rounded rectangle in (angle round the axis, height) from temple to temple, notched over the
nose. Its foot is that outline cast outwards from the axis onto the face (the last surface a
ray leaves: skin, or hair or a beanie where the goggles are raised); its front is a lens that
curves round the face with the cylinder, clear of everything inside the outline (brows, lids,
cheekbones) by LENS_CLEARANCE_M. The frame is the deep band between foot and front, with a
rounded rim along the front. Ski goggles fill the front with a tinted lens; safety and swimming
goggles leave it clear (the rasterizer draws no glass), so the eyes show through. The strap
runs from the frame's ends round the back of the head over the hair.

Raised, the same goggles sit on the forehead above the brows (pushed up, or resting on a hat's
or beanie's front), the eyes bare under them. The part rides rigidly on one skin vertex of the
nose bridge: it turns with the head and the face moves under it.
"""

from __future__ import annotations

import numpy as np

from ...errors import PortraitTalkerError
from ..model import HeadModel
from .attach import Part, attach, merged
from .body import INNER_REGIONS, Anchors, BodySurface, outer_radius, region_mask, rigid_skin_vertex
from .contour import strip, thickened
from .glasses import GLASSES_REGION, LENS_REGION, tube
from .headwear import HAT_BRIMS, VISORS

STYLES = ("goggles", "ski_goggles")      # clear lenses | a tinted lens
# the outline: half its angle round the head's axis (to the temples), half height, superellipse exponent
OUTLINE = {"goggles": (np.radians(58.0), 0.025, 4.0), "ski_goggles": (np.radians(62.0), 0.029, 4.0)}
NOSE_NOTCH_M = (0.016, 0.012)           # the notch over the nose: half width, height
LENS_CLEARANCE_M = 0.007                 # the lens stands this far off what lies inside the frame
FRAME_THICKNESS_M = 0.002
LENS_THICKNESS_M = 0.0012
RIM_HALF_M = 0.0022                      # the rim round the front: half its height and depth
STRAP_HALF_WIDTH_M = {"goggles": 0.006, "ski_goggles": 0.011}
STRAP_HALF_THICKNESS_M = 0.0012
STRAP_CLEARANCE_M = 0.0015
RAISED_ABOVE_BROWS_M = 0.042             # raised goggles: the outline's middle this far above the brows ...
ABOVE_BRIM_M = 0.028                     # ... and this much higher on a hat's crown over its brim or visor;
RAISED_STEP_M, RAISED_MIN_M = 0.004, 0.02   # ... lowered in these steps, to no less than this, to find a head under it
CENTRE_ABOVE_EYES_M = 0.006              # worn: ... this far above the eye line
SAMPLES = 96
HEAD_RADIUS_M = 0.09                     # (angles round the axis to metres, for spacing the outline)


def _outline(style: str, centre_y: float) -> np.ndarray:
    """[K,2] the frame's outline as (angle round the axis, height), notched over the nose."""
    half_angle, half_height, n = OUTLINE[style]
    t = np.linspace(0, 2 * np.pi, 40 * SAMPLES, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    angle = half_angle * np.sign(s) * np.abs(s) ** (2 / n)      # angle 0 faces forward; the loop starts at the top
    height = half_height * np.sign(c) * np.abs(c) ** (2 / n)
    # evenly spaced along the loop (by angle a flat superellipse's long sides got few, far-apart points)
    step = np.hypot(np.diff(angle, append=angle[:1]) * HEAD_RADIUS_M, np.diff(height, append=height[:1]))
    along = np.concatenate([[0.0], np.cumsum(step)[:-1]])
    keep = np.searchsorted(along, np.linspace(0, along[-1] + step[-1], SAMPLES, endpoint=False))
    angle, height = angle[np.minimum(keep, len(t) - 1)], height[np.minimum(keep, len(t) - 1)]
    # the notch: the lower edge rises over the nose's bridge (an angle of about its half width)
    notch_half = NOSE_NOTCH_M[0] / HEAD_RADIUS_M
    lower = height < 0
    height[lower] += NOSE_NOTCH_M[1] * np.clip(np.cos(0.5 * np.pi * angle[lower] / notch_half), 0, None) ** 2 \
        * (np.abs(angle[lower]) < notch_half)
    return np.column_stack([angle, centre_y + height])


def _rays(axis_z: float, angle_y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hubs [N,3] on the head's vertical axis at each height, unit directions [N,3] at each angle)."""
    angle, y = angle_y[:, 0], angle_y[:, 1]
    hubs = np.column_stack([np.zeros(len(y)), y, np.full(len(y), axis_z)])
    return hubs, np.column_stack([np.sin(angle), np.zeros(len(y)), np.cos(angle)])


def _smoothed(x: np.ndarray, width: int, closed: bool) -> np.ndarray:
    kernel = np.hanning(2 * width + 3)[1:-1]
    kernel /= kernel.sum()
    pad = np.concatenate([x[-width:], x, x[:width]]) if closed else np.pad(x, width, mode="edge")
    return np.convolve(pad, kernel, mode="valid")


def goggles_part(head: HeadModel, style: str = "goggles", raised: bool = False) -> Part:
    """Goggles (`style`: clear "goggles" or tinted "ski_goggles") over the eyes, or `raised` onto
    the forehead, with their strap, as a part riding the nose bridge."""
    if style not in STYLES:
        raise PortraitTalkerError(f"goggles style '{style}' is unknown; use one of {', '.join(STYLES)}")
    a = Anchors.from_head(head)
    body = BodySurface(head, regions=tuple(r for r in head.region_names
                                           if r not in (*INNER_REGIONS, GLASSES_REGION, LENS_REGION)))
    axis_z = float(a.skull_center[2])
    heights = [a.eye_y + CENTRE_ABOVE_EYES_M]
    if raised:   # on the forehead; over a brim or visor, on the crown above it (rays met the brim)
        worn = head.metadata.get("headwear", {})   # (a cap worn backwards has its visor over the nape)
        brimmed = worn.get("kind") in HAT_BRIMS or (worn.get("kind") in VISORS and not worn.get("backwards"))
        top = a.brow_y + RAISED_ABOVE_BROWS_M + (ABOVE_BRIM_M if brimmed else 0.0)
        # lower where the frame's top would pass over the head (a baby's small bald crown)
        heights = list(np.arange(top, a.brow_y + RAISED_MIN_M - 1e-9, -RAISED_STEP_M)) or [top]
    for centre_y in heights:
        outline = _outline(style, centre_y)
        hubs, dirs = _rays(axis_z, outline)
        foot_r = outer_radius(body, hubs, dirs)
        if (foot_r > 0.02).all():
            break
    else:
        raise PortraitTalkerError(f"head model '{head.model_id}' has no face round the eyes to rest goggles on")

    # the lens: one radius per angle, clear of all that lies inside the outline in that column
    # (and of the eyeballs, which the surface leaves out), smoothed so it curves evenly
    half_angle = OUTLINE[style][0]
    columns = np.linspace(-half_angle, half_angle, 41)
    lo, hi = outline[:, 1].min(), outline[:, 1].max()
    grid = np.array([(c, y) for c in columns for y in np.linspace(lo, hi, 9)])
    gh, gd = _rays(axis_z, grid)
    reach = outer_radius(body, gh, gd).reshape(len(columns), -1).max(axis=1)
    eyes = np.asarray(head.v_template, np.float64)[region_mask(head, "eye", "eyelashes", "eyelashes_lower")]
    if len(eyes) and not raised:
        ang = np.arctan2(eyes[:, 0], eyes[:, 2] - axis_z)
        rad = np.hypot(eyes[:, 0], eyes[:, 2] - axis_z)
        for i, c in enumerate(columns):
            near = np.abs(ang - c) < 0.06
            if near.any():
                reach[i] = max(reach[i], rad[near].max())
    lens_r = _smoothed(np.maximum(reach, _smoothed(reach, 3, False)), 3, False) + LENS_CLEARANCE_M
    front_r = np.maximum(np.interp(outline[:, 0], columns, lens_r), foot_r + 0.004)

    # the frame: a band from the foot (just off the surface) to the front, thickened inwards
    rows = [hubs + dirs * (foot_r + 0.0008 + (front_r - foot_r - 0.0008) * f)[:, None] for f in np.linspace(0, 1, 5)]
    band, band_faces = strip(rows, closed=True)
    middle = np.concatenate([outline[:, 0].mean(keepdims=True), outline[:, 1].mean(keepdims=True)])
    mh, md = _rays(axis_z, middle[None])
    centre_line = mh + md * float(np.median(front_r))
    outward = band - centre_line          # the band's outside faces away from the middle of the frame
    outward -= (outward * np.tile(dirs, (5, 1))).sum(axis=1, keepdims=True) * np.tile(dirs, (5, 1))
    outward /= np.maximum(np.linalg.norm(outward, axis=1, keepdims=True), 1e-9)
    pieces = [(*thickened(band, band_faces, outward, FRAME_THICKNESS_M), 0)]
    pieces.append((*tube(rows[-1], dirs.mean(axis=0), RIM_HALF_M, RIM_HALF_M, closed=True), 0))
    if style == "ski_goggles":    # the tinted lens: rings from the middle out to the rim, on the lens's curve
        shrink = np.linspace(0.04, 1.0, 8)[:, None, None]
        ring_ay = middle[None, None] + shrink * (outline[None] - middle[None, None])
        ring_rows = []
        for ay in ring_ay:
            h, d = _rays(axis_z, ay)
            ring_rows.append(h + d * np.interp(ay[:, 0], columns, lens_r)[:, None])
        ring_rows[-1] = rows[-1]
        lv, lf = strip(ring_rows, closed=True)
        centre_pt = mh + md * float(np.interp(middle[0], columns, lens_r))
        k = len(outline)
        fan = np.stack([np.full(k, len(lv)), np.arange(k), (np.arange(k) + 1) % k], -1)
        lv, lf = np.concatenate([lv, centre_pt]), np.concatenate([lf, fan])
        lens_normals = np.tile(md, (len(lv), 1))
        pieces.append((*thickened(lv, lf, lens_normals, LENS_THICKNESS_M), 1))

    # the strap: from one end of the frame round the back of the head to the other, on the hair
    ends = np.argsort(np.abs(np.abs(outline[:, 0]) - half_angle) + 10 * np.abs(outline[:, 1] - centre_y))[:2]
    end_r = foot_r[ends].mean()
    around = np.linspace(half_angle - 0.05, 2 * np.pi - half_angle + 0.05, 72)
    back_y = centre_y + (0.012 if not raised else -0.004)  # it rises over the ears' tops to the back
    phase = (around - around[0]) / (around[-1] - around[0])
    strap_y = centre_y + (back_y - centre_y) * np.sin(np.pi * phase) ** 2
    sh, sd = _rays(axis_z, np.column_stack([around, strap_y]))
    strap_r = np.maximum(outer_radius(body, sh, sd), end_r * 0.5) + STRAP_HALF_THICKNESS_M + STRAP_CLEARANCE_M
    strap_r = np.maximum(_smoothed(strap_r, 3, False), strap_r)
    line = body.pushed_out(sh + sd * strap_r[:, None], STRAP_HALF_THICKNESS_M + STRAP_CLEARANCE_M)
    pieces.append((*tube(line, (0.0, 1.0, 0.0), STRAP_HALF_WIDTH_M[style], STRAP_HALF_THICKNESS_M, closed=False), 0))

    verts, faces, labels = merged(pieces)
    verts = body.pushed_out(verts, 0.0005)   # where the frame's ends meet the temples at a slant, off the skin
    bridge = mh[0] + md[0] * float(foot_r[np.argmin(np.abs(outline[:, 0]) + 10 * (outline[:, 1] > centre_y))])
    names = (GLASSES_REGION, LENS_REGION) if style == "ski_goggles" else (GLASSES_REGION,)
    return Part(name="goggles", verts=verts, faces=faces, source=np.full(len(verts), rigid_skin_vertex(head, bridge)),
                region=GLASSES_REGION, labels=labels, label_names=names,
                metadata={"goggles": {"style": style, "raised": raised}})


def add_goggles(head: HeadModel, style: str | None, raised: bool = False) -> HeadModel:
    """`head` wearing goggles of `style` (None: unchanged), over the eyes or `raised` on the forehead."""
    return head if style is None else attach(head, goggles_part(head, style, raised))
