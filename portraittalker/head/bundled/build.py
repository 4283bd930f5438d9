"""Assemble the bundled head: sculpt -> mesh -> parts -> rig -> blendshapes -> `HeadModel`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..basis import BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS
from ..model import FLAME_PARENTS, REGION_NAMES, HeadModel
from . import meshing, parts, rig
from .anatomy import Anatomy, head_sdf
from .blendshapes import SHAPE_COMPONENTS, expression_basis, identity_basis, pose_correctives


@dataclass(frozen=True)
class BuildSettings:
    """Meshing resolution. The defaults give ~9k vertices; `draft()` is for quick looks/tests."""

    fine_step: float = 0.0010      # grid spacing over the face and skull (metres)
    coarse_step: float = 0.006     # over the shoulders
    face_faces: int = 17000        # after quadric decimation: the face, ears and front of the neck
    rest_faces: int = 4500         # skull, back of the neck, shoulders
    teeth_faces: int = 1200        # per arch
    eye_subdivisions: int = 3
    smoothing_iterations: int = 8
    relax_iterations: int = 4

    @classmethod
    def draft(cls) -> "BuildSettings":
        return cls(fine_step=0.0022, face_faces=5000, rest_faces=1500, teeth_faces=500, eye_subdivisions=2,
                   smoothing_iterations=4)


def skin_mesh(a: Anatomy, s: BuildSettings) -> tuple[np.ndarray, np.ndarray]:
    """Graded-grid marching cubes of the head SDF, cleaned, smoothed and decimated."""
    xs = meshing.graded_axis(-0.25, 0.25, -0.088, 0.088, s.fine_step, s.coarse_step)
    ys = meshing.graded_axis(a.torso_bottom_y - 0.01, 0.135, -0.125, 0.13, s.fine_step, s.coarse_step)
    zs = meshing.graded_axis(-0.14, 0.13, -0.02, 0.125, s.fine_step, s.coarse_step * 0.7)
    verts, faces = meshing.mesh_sdf(lambda p: head_sdf(p, a), xs, ys, zs, desc="skin sdf")
    verts, faces = meshing.largest_component(verts, faces)
    verts = meshing.taubin_smooth(verts, faces, iterations=s.smoothing_iterations)
    centroid = verts[faces].mean(axis=1)
    is_face = (centroid[:, 2] > -0.005) & (centroid[:, 1] > -0.125) & (centroid[:, 1] < 0.06)
    verts, faces = meshing.decimate_regions(verts, faces, is_face.astype(int), {1: s.face_faces, 0: s.rest_faces})
    verts = meshing.relax_onto_sdf(lambda p: head_sdf(p, a), verts, faces, iterations=s.relax_iterations)
    return verts, faces


def assemble(pieces: list[tuple[np.ndarray, np.ndarray, rig.Part]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Concatenate meshes -> verts [V,3], faces [F,3], part [V]."""
    verts, faces, part, offset = [], [], [], 0
    for v, f, piece in pieces:
        verts.append(v)
        faces.append(f + offset)
        part.append(np.full(len(v), int(piece)))
        offset += len(v)
    return np.concatenate(verts), np.concatenate(faces), np.concatenate(part)


def build_bundled_head(settings: BuildSettings = BuildSettings(), anatomy: Anatomy = Anatomy()) -> HeadModel:
    """Deterministically build the bundled FLAME-layout head."""
    a, s = anatomy, settings
    skin_v, skin_f = skin_mesh(a, s)
    eye_l = parts.eyeball_mesh(a, 1, s.eye_subdivisions)
    eye_r = parts.eyeball_mesh(a, -1, s.eye_subdivisions)
    teeth_u = parts.teeth_mesh(a, upper=True, target_faces=s.teeth_faces)
    teeth_l = parts.teeth_mesh(a, upper=False, target_faces=s.teeth_faces)
    verts, faces, part = assemble([(skin_v, skin_f, rig.Part.SKIN), (*eye_l, rig.Part.EYE_LEFT),
                                   (*eye_r, rig.Part.EYE_RIGHT), (*teeth_u, rig.Part.TEETH_UPPER),
                                   (*teeth_l, rig.Part.TEETH_LOWER)])
    head = HeadModel(
        v_template=verts.astype(np.float32),
        faces=faces,
        shapedirs=identity_basis(verts, part, a).astype(np.float32),
        exprdirs=expression_basis(verts, part, a).astype(np.float32),
        posedirs=pose_correctives(verts, part, a).astype(np.float32),
        J_regressor=rig.joint_regressor(verts, part, a).astype(np.float32),
        parents=np.asarray(FLAME_PARENTS, dtype=np.int64),
        lbs_weights=rig.skinning_weights(verts, part, a).astype(np.float32),
        model_id=BUNDLED_HEAD_ID,
        expression_names=EXPRESSION_COMPONENTS,
        regions=rig.region_labels(verts, part, a),
        region_names=REGION_NAMES,
        landmarks=rig.landmarks(verts, part, a),
        metadata={
            "shape_names": list(SHAPE_COMPONENTS),
            "parts": {p.name.lower(): int((part == p).sum()) for p in rig.Part},
            "part_of_vertex_order": [p.name.lower() for p in rig.Part],
            "build_settings": asdict(s),
            "anatomy": {k: v for k, v in asdict(a).items()},
        },
    )
    return head.validate("bundled head")


def vertex_parts(head: HeadModel) -> np.ndarray:
    """part [V] of a bundled head (pieces are stored contiguously in `Part` order)."""
    counts = head.metadata["parts"]
    return np.concatenate([np.full(counts[p.name.lower()], int(p)) for p in rig.Part])
