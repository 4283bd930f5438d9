"""`build_anny_head(basis, phenotype, local_changes) -> HeadModel`: one identity, baked.

Pure numpy, a few tens of milliseconds: the identity's rest shape (phenotype blendshapes +
local changes), arms lowered from anny's A-pose to the sides, the 52 ARKit facial actions
scaled to this face's size, FLAME-layout joints regressed exactly from vertices that no
facial action moves, and the 5-joint skinning. The result is an ordinary `HeadModel`
(no identity components: `shapedirs` is empty), so FlameLayer/LBS/rendering run unchanged.

`jawOpen` is played by the jaw joint (jaw_pose), never by its blendshape (arkit.py).
"""

from __future__ import annotations

import numpy as np

from ...arkit import ARKIT_NAMES
from ...errors import PortraitTalkerError
from ..mesh_query import vertex_normals
from ..model import FLAME_PARENTS, HeadModel
from .basis import AnnyBasis
from .phenotype import NEUTRAL_PHENOTYPE, check_phenotype, phenotype_weights
from .refine import sphere_fit

ANNY_HEAD_ID = "anny-upper-body-v1"
# Where the upper arms point after lowering (unit-less direction, head frame, per side +x / -x):
# down along the body, slightly out and back, as in a relaxed standing portrait.
ARM_DIRECTION = (0.30, -1.0, -0.06)
JOINT_AUX = ("neck_base", "neck", "jaw", "eye_left", "eye_right")  # FLAME joint order
# anny's tongue fills the closed mouth up to the palate, so an open jaw showed a wall of tongue
# and no lower teeth. It is laid on the floor of the mouth: turned down about the jaw joint
# (like a slightly open jaw) and drawn back, behind the lower incisors.
TONGUE_REST_DROP_RAD = 0.12
TONGUE_REST_BACK_M = 0.003
# Relaxed lips in anny cover the upper incisors entirely; most people show a few millimetres,
# fewer with age as the lips lengthen and sag (Vig & Brundo 1978). Lowered 4.5 mm, their edges
# show in an open mouth (at 2.5 mm it was a dark hole, which the standard face landmarker took for
# a closed mouth's lips on some faces); from anny age 0.76 (40 years) to 0.91 (65) the drop falls
# to 2.5 mm, the lips covering them again (an old woman's landmark reading fell 0.909 -> 0.891
# with her teeth at 4.5 mm).
UPPER_TEETH_DROP_M = (0.0045, 0.0025)
UPPER_TEETH_DROP_AGES = (0.76, 0.91)
REGRESSOR_CANDIDATES = 24     # vertices used to reproduce a joint position exactly
STILL_UNDER_M = 1e-6          # a vertex no facial action moves further than this is "still"
# The lids are a thin sheet: the skin seen from outside and, a millimetre or two behind it, the
# lining that faces the eyeball. anny's eye and cheek actions move the two unequally (cheekSquint
# raised a lower lid's outer skin 2.6 mm per unit and its lining 0.4 mm), so under a smile the
# lining came out through the lid: black specks on the cheek under each eye. A lining vertex
# (skin within LINING_REACH_M of an eyeball's centre, facing it) whose nearest outer skin lies
# within LID_THICKNESS_M takes the facial actions of that outer skin (the mean of its
# LID_NEIGHBOURS nearest, by inverse distance); from there to LID_FADE_M it goes over to its own
# (the socket deeper in, far from any outer skin, keeps anny's).
LINING_REACH_M = 0.03
LID_THICKNESS_M, LID_FADE_M = 0.003, 0.006
LID_NEIGHBOURS = 4
# anny's lower lash card stands out up to 5.5 mm from the eyeball, a shelf under the eye that
# the light from above caught as a pale (or, shaded, dark) crescent whatever its colour; real
# lower lashes are short and sparse. The card is drawn in to this share of its distance from the
# eyeball's sphere (its root, at the lid's margin, barely moves).
LOWER_LASH_REACH = 0.4


def check_local_changes(basis: AnnyBasis, local_changes: dict[str, float], source: str = "local changes") -> np.ndarray:
    """Dict of local-change values in [-1, 1] -> [L] vector; unknown names raise."""
    unknown = sorted(set(local_changes) - set(basis.local_labels))
    if unknown:
        raise PortraitTalkerError(f"{source}: unknown anny local change(s) {', '.join(unknown)} "
                                  f"(the basis offers {len(basis.local_labels)}, e.g. {', '.join(basis.local_labels[:4])})")
    values = np.zeros(len(basis.local_labels))
    for name, value in local_changes.items():
        value = float(value)
        if not -1.0 <= value <= 1.0:
            raise PortraitTalkerError(f"{source}: local change '{name}' = {value} is outside [-1, 1]")
        values[basis.local_labels.index(name)] = value
    return values


def identity_rest_shape(basis: AnnyBasis, phenotype: dict[str, float], local_changes: dict[str, float],
                        source: str = "identity") -> np.ndarray:
    """[N,3] rest positions (mesh vertices then auxiliary points) of one identity, A-pose arms."""
    weights = phenotype_weights(check_phenotype(phenotype, source), basis.pheno_mask)
    coeffs = weights @ basis.pheno_projection.astype(np.float64)
    rest = basis.template.astype(np.float64) + np.tensordot(coeffs, basis.pheno_basis, axes=1)
    local = check_local_changes(basis, local_changes, source)
    for i in np.flatnonzero(local):
        v = local[i]
        rest += (v * basis.local_pos[i]) if v > 0 else (-v * basis.local_neg[i])
    return rest


def _rotation_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Smallest rotation matrix taking direction a onto direction b."""
    a, b = a / np.linalg.norm(a), b / np.linalg.norm(b)
    axis = np.cross(a, b)
    s, c = np.linalg.norm(axis), float(a @ b)
    if s < 1e-9:
        return np.eye(3)
    k = axis / s
    skew = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + s * skew + (1 - c) * skew @ skew


def lower_arms(basis: AnnyBasis, rest: np.ndarray) -> np.ndarray:
    """Rotate each upper arm about its shoulder to `ARM_DIRECTION` (linear blend by the
    arm's skinning share, so the shoulder bends smoothly)."""
    out = rest.copy()
    m = basis.num_mesh_vertices
    for col, (side, sign) in enumerate((("left", 1.0), ("right", -1.0))):
        shoulder = rest[basis.aux_index(f"shoulder_{side}")]
        elbow = rest[basis.aux_index(f"elbow_{side}")]
        target = np.array(ARM_DIRECTION) * np.array([sign, 1.0, 1.0])
        rot = _rotation_between(elbow - shoulder, target)
        w = basis.arm_weights[:, col].astype(np.float64)[:, None]
        moved = (rest[:m] - shoulder) @ rot.T + shoulder
        out[:m] = out[:m] + w * (moved - rest[:m])
    return out


def upper_teeth_drop(age: float) -> float:
    """How far the upper incisors are lowered (m) at anny's age parameter `age`."""
    return float(np.interp(age, UPPER_TEETH_DROP_AGES, UPPER_TEETH_DROP_M))


def settle_mouth(basis: AnnyBasis, rest: np.ndarray, age: float = NEUTRAL_PHENOTYPE["age"]) -> np.ndarray:
    """Lower and draw back the tongue, and show the upper incisors a little (fewer at anny age
    `age`), in the rest shape."""
    if "tongue" not in basis.region_names:
        return rest
    out = rest.copy()
    tongue = np.flatnonzero(basis.regions == basis.region_names.index("tongue"))
    pivot = rest[basis.aux_index("jaw")]
    c, s = np.cos(TONGUE_REST_DROP_RAD), np.sin(TONGUE_REST_DROP_RAD)
    rot_x = np.array([[1, 0, 0], [0, c, -s], [0, s, c]])  # +x rotation opens, as jaw_pose[0]
    out[tongue] = (rest[tongue] - pivot) @ rot_x.T + pivot - np.array([0.0, 0.0, TONGUE_REST_BACK_M])
    if "teeth" in basis.region_names:
        upper = (basis.regions == basis.region_names.index("teeth")) & (basis.joint_weights[:, 2] < 0.5)
        out[np.flatnonzero(upper)] -= np.array([0.0, upper_teeth_drop(age), 0.0])
    return out


def face_scale(basis: AnnyBasis, rest: np.ndarray) -> np.ndarray:
    """Per-axis size of this face relative to anny's template [3]: eye-corner width (x), eye
    line to chin (y), eye line to nose tip in depth (z). Facial actions scale with it."""
    lm = basis.landmarks

    def dims(v: np.ndarray) -> np.ndarray:
        eyes = v[[lm["eye_outer_left"], lm["eye_outer_right"]]]
        eye_mid = eyes.mean(axis=0)
        return np.array([abs(eyes[0, 0] - eyes[1, 0]), eye_mid[1] - v[lm["chin"], 1], v[lm["nose_tip"], 2] - eye_mid[2]])

    return dims(rest) / dims(basis.template.astype(np.float64))


def exact_regressor(verts: np.ndarray, candidates: np.ndarray, point: np.ndarray) -> np.ndarray:
    """Smallest-norm weights w over `candidates` with sum(w) = 1 and w @ verts = point."""
    near = candidates[np.argsort(np.linalg.norm(verts[candidates] - point, axis=1))[:REGRESSOR_CANDIDATES]]
    a = np.concatenate([verts[near].T, np.ones((1, len(near)))])  # [4,k]
    b = np.concatenate([point, [1.0]])
    w = a.T @ np.linalg.solve(a @ a.T, b)
    row = np.zeros(len(verts))
    row[near] = w
    return row


def _eye_centres(verts: np.ndarray, eye: np.ndarray) -> list[np.ndarray]:
    """Least-squares sphere centres of each side's eyeball vertices (`eye` a mask)."""
    out = []
    for sign in (1.0, -1.0):
        pts = verts[eye & (np.sign(verts[:, 0]) == sign)]
        if len(pts) < 8:
            continue
        out.append(sphere_fit(pts)[0])
    return out


def lid_linings_follow(verts: np.ndarray, faces: np.ndarray, regions: np.ndarray | None,
                       region_names: tuple[str, ...] | list[str] | None, exprdirs: np.ndarray) -> np.ndarray:
    """`exprdirs` [V,3,K] with each lid lining vertex moved by the facial actions of the outer lid
    skin in front of it (see LID_THICKNESS_M); unchanged without skin and eye regions."""
    from scipy.spatial import cKDTree

    if regions is None or region_names is None or not {"skin", "eye"} <= set(region_names):
        return exprdirs
    names = list(region_names)
    v = verts.astype(np.float64)
    a, b, c = (v[faces[:, k]] for k in range(3))
    outward = 1.0 if float(((((a + b + c) / 3.0) - v.mean(axis=0)) * np.cross(b - a, c - a)).sum()) >= 0 else -1.0
    normals = vertex_normals(v, faces) * outward
    skin = regions == names.index("skin")
    out = exprdirs.copy()
    for centre in _eye_centres(v, regions == names.index("eye")):
        to_centre = centre - v
        dist = np.linalg.norm(to_centre, axis=1)
        near = skin & (dist < LINING_REACH_M)
        facing = (normals * to_centre).sum(axis=1) > 0.3 * dist
        lining, lid = np.flatnonzero(near & facing), np.flatnonzero(near & ~facing)
        if not len(lining) or len(lid) < LID_NEIGHBOURS:
            continue
        d, j = cKDTree(v[lid]).query(v[lining], k=LID_NEIGHBOURS)
        w = 1.0 / np.maximum(d, 1e-5)
        w /= w.sum(axis=1, keepdims=True)
        outer = np.einsum("nk,nkcj->ncj", w, exprdirs[lid[j]])
        follow = np.clip((LID_FADE_M - d[:, 0]) / (LID_FADE_M - LID_THICKNESS_M), 0.0, 1.0)[:, None, None]
        out[lining] = follow * outer + (1.0 - follow) * exprdirs[lining]
    return out


def tuck_lower_lashes(verts: np.ndarray, regions: np.ndarray | None,
                      region_names: tuple[str, ...] | list[str] | None) -> np.ndarray:
    """`verts` [V,3] with each lower lash card drawn towards its eyeball (LOWER_LASH_REACH);
    unchanged without eye and lower lash regions."""
    if regions is None or region_names is None or not {"eye", "eyelashes_lower"} <= set(region_names):
        return verts
    names = list(region_names)
    v = verts.astype(np.float64)
    eye = regions == names.index("eye")
    out = verts.copy()
    for centre in _eye_centres(v, eye):
        side = np.sign(centre[0])
        radius = float(np.linalg.norm(v[eye & (np.sign(v[:, 0]) == side)] - centre, axis=1).mean())
        lash = np.flatnonzero((regions == names.index("eyelashes_lower")) & (np.sign(v[:, 0]) == side))
        d = v[lash] - centre
        dist = np.linalg.norm(d, axis=1, keepdims=True)
        outside = np.maximum(dist - radius, 0.0)
        out[lash] = (centre + d / np.maximum(dist, 1e-12) * (np.minimum(dist, radius) + LOWER_LASH_REACH * outside)).astype(out.dtype)
    return out


def build_anny_head(basis: AnnyBasis, phenotype: dict[str, float] | None = None,
                    local_changes: dict[str, float] | None = None, source: str = "identity") -> HeadModel:
    """An identity's head on the anny basis (see the module docstring). Unknown phenotype or
    local-change names raise a PortraitTalkerError naming them (and `source`)."""
    phenotype, local_changes = dict(phenotype or {}), dict(local_changes or {})
    rest = settle_mouth(basis, lower_arms(basis, identity_rest_shape(basis, phenotype, local_changes, source)),
                        age=phenotype.get("age", NEUTRAL_PHENOTYPE["age"]))
    m = basis.num_mesh_vertices
    verts = tuck_lower_lashes(rest[:m], basis.regions, basis.region_names)
    scale = face_scale(basis, rest)
    exprdirs = (basis.arkit[:, :m].astype(np.float64) * scale).transpose(1, 2, 0)  # [M,3,52]
    exprdirs = lid_linings_follow(verts, basis.faces, basis.regions,
                                  basis.region_names, exprdirs)

    still = np.flatnonzero(np.abs(exprdirs).max(axis=(1, 2)) < STILL_UNDER_M)
    joints = np.stack([rest[basis.aux_index(name)] for name in JOINT_AUX])
    regressor = np.stack([exact_regressor(verts, still, p) for p in joints])
    num_joints = len(FLAME_PARENTS)
    head = HeadModel(
        v_template=verts.astype(np.float32),
        faces=basis.faces.copy(),
        shapedirs=np.zeros((m, 3, 0), np.float32),
        exprdirs=exprdirs.astype(np.float32),
        posedirs=np.zeros(((num_joints - 1) * 9, m * 3), np.float32),
        J_regressor=regressor.astype(np.float32),
        parents=np.array(FLAME_PARENTS, np.int64),
        lbs_weights=basis.joint_weights.astype(np.float32),
        model_id=ANNY_HEAD_ID,
        expression_names=ARKIT_NAMES,
        regions=basis.regions.copy(),
        region_names=basis.region_names,
        landmarks=basis.landmarks,
        uv=basis.uv,
        faces_uv=basis.faces_uv,
        metadata={
            "format": "anny-identity",
            "phenotype": check_phenotype(phenotype),
            "local_changes": {k: float(v) for k, v in sorted(local_changes.items()) if v != 0},
            "face_scale": [round(float(s), 4) for s in scale],
            "anny_version": basis.metadata.get("anny_version"),
            "licence": basis.metadata.get("licence"),
        },
    )
    return head.validate(ANNY_HEAD_ID)
