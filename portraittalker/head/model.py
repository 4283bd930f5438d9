"""`HeadModel`: a FLAME-layout head as plain numpy arrays, and its consistency checks.

The layout is FLAME's (Li et al. 2017): a template mesh, linear identity (`shapedirs`) and
expression (`exprdirs`) blendshapes, pose-corrective blendshapes (`posedirs`) driven by the
rotation matrices of every joint but the root, a joint regressor, a kinematic tree and
linear-blend-skinning weights. Joints are always in FLAME order (`JOINT_NAMES`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import PortraitTalkerError

JOINT_NAMES: tuple[str, ...] = ("global", "neck", "jaw", "eye_left", "eye_right")
FLAME_PARENTS: tuple[int, ...] = (-1, 0, 1, 1, 1)
REGION_NAMES: tuple[str, ...] = (
    "skin", "lips", "eye", "brow", "hair_cap", "beard", "teeth", "mouth_cavity", "neck", "torso",
)
LANDMARK_NAMES: tuple[str, ...] = (
    "mouth_corner_left", "mouth_corner_right", "lip_inner_top", "lip_inner_bottom",
    "lip_outer_top", "lip_outer_bottom", "eye_outer_left", "eye_outer_right",
    "eye_inner_left", "eye_inner_right", "nose_tip", "chin",
)


@dataclass
class HeadModel:
    """A FLAME-layout head. V vertices, F faces, S shape and E expression components, J joints.

    v_template [V,3] metres (y up, +z out of the face, +x to the subject's left);
    faces [F,3] int; shapedirs [V,3,S]; exprdirs [V,3,E]; posedirs [(J-1)*9, V*3];
    J_regressor [J,V]; parents [J] (root = -1); lbs_weights [V,J];
    regions [V] int indexing `region_names` (None when the file carries no labels);
    landmarks: name -> vertex index (empty when the file carries none);
    uv [U,2] / faces_uv [F,3]: per-corner texture coordinates, when the model has them.
    """

    v_template: np.ndarray
    faces: np.ndarray
    shapedirs: np.ndarray
    exprdirs: np.ndarray
    posedirs: np.ndarray
    J_regressor: np.ndarray
    parents: np.ndarray
    lbs_weights: np.ndarray
    model_id: str
    expression_names: tuple[str, ...] = ()
    regions: np.ndarray | None = None
    region_names: tuple[str, ...] = REGION_NAMES
    landmarks: dict[str, int] = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    uv: np.ndarray | None = None         # [U,2] texture coordinates (None when the file has none)
    faces_uv: np.ndarray | None = None   # [F,3] indices into `uv`, one per face corner
    arkit_matrix: np.ndarray | None = None  # [52,E] solved ARKit-52 retargeting (head/retarget.py)

    @property
    def num_vertices(self) -> int:
        return int(self.v_template.shape[0])

    @property
    def num_shape(self) -> int:
        return int(self.shapedirs.shape[2])

    @property
    def num_expression(self) -> int:
        return int(self.exprdirs.shape[2])

    @property
    def num_joints(self) -> int:
        return int(self.parents.shape[0])

    def arkit_retarget(self) -> np.ndarray:
        """[52, E] matrix taking ARKit-52 weights (flame.npz) onto this head's expression basis.

        A head whose components are the ARKit names maps them one to one, except `jawOpen` and
        the eyeLook* gaze, which every head here takes from `jaw_pose` and `eye_pose` through its
        jaw and eye joints (arkit.py). A head with
        another linear basis (FLAME) carries the matrix solved for it by `convert_head_model`.
        """
        if self.arkit_matrix is not None:
            return np.asarray(self.arkit_matrix, np.float32)
        from ..arkit import ARKIT_NAMES, EYE_JOINT_NAMES, JAW_JOINT_NAMES, arkit_index
        from .basis import BUNDLED_ARKIT_SOURCES, BUNDLED_HEAD_ID, EXPRESSION_COMPONENTS

        if self.expression_names and set(self.expression_names) <= set(ARKIT_NAMES):
            m = np.zeros((len(ARKIT_NAMES), self.num_expression), np.float32)
            for e, name in enumerate(self.expression_names):
                if name not in JAW_JOINT_NAMES and name not in EYE_JOINT_NAMES:
                    m[arkit_index(name), e] = 1.0
            return m
        if self.model_id == BUNDLED_HEAD_ID:
            from ..arkit import retarget_matrix

            return retarget_matrix(EXPRESSION_COMPONENTS, BUNDLED_ARKIT_SOURCES)
        source = self.metadata.get("source", self.model_id)
        raise PortraitTalkerError(
            f"head model '{self.model_id}' has no ARKit-52 retargeting, so it cannot play speech motion: convert it "
            f"once with `python steps/convert_head_model.py --in {source} --out head.npz` and use the .npz "
            "(the workflow does this itself for head.model: x.pkl)")

    def region_mask(self, name: str) -> np.ndarray:
        """Boolean [V] mask of the vertices labelled `name` (all False without labels)."""
        if self.regions is None:
            return np.zeros(self.num_vertices, dtype=bool)
        if name not in self.region_names:
            raise PortraitTalkerError(f"head model '{self.model_id}': unknown region '{name}'")
        return self.regions == self.region_names.index(name)

    def validate(self, source: str) -> "HeadModel":
        """Check every array's shape against the others; raise naming the offending key."""
        v = self.num_vertices
        j = self.num_joints

        def expect(key: str, arr: np.ndarray, shape: tuple) -> None:
            ok = arr.ndim == len(shape) and all(s is None or a == s for a, s in zip(arr.shape, shape))
            if not ok:
                want = "[" + ",".join("*" if s is None else str(s) for s in shape) + "]"
                raise PortraitTalkerError(f"{source}: '{key}' must have shape {want}, got {tuple(arr.shape)}")

        expect("v_template", self.v_template, (None, 3))
        expect("faces", self.faces, (None, 3))
        expect("shapedirs", self.shapedirs, (v, 3, None))
        expect("exprdirs", self.exprdirs, (v, 3, None))
        expect("posedirs", self.posedirs, ((j - 1) * 9, v * 3))
        expect("J_regressor", self.J_regressor, (j, v))
        expect("lbs_weights", self.lbs_weights, (v, j))
        if j != len(JOINT_NAMES):
            raise PortraitTalkerError(f"{source}: 'parents' must list {len(JOINT_NAMES)} FLAME joints, got {j}")
        if self.parents[0] != -1 or np.any(self.parents[1:] < 0) or np.any(self.parents[1:] >= np.arange(1, j)):
            raise PortraitTalkerError(f"{source}: 'parents' is not a kinematic tree rooted at joint 0: {self.parents}")
        if self.faces.size and (self.faces.min() < 0 or self.faces.max() >= v):
            raise PortraitTalkerError(f"{source}: 'faces' index vertices outside 0..{v - 1}")
        if self.expression_names and len(self.expression_names) != self.num_expression:
            raise PortraitTalkerError(
                f"{source}: 'expression_names' lists {len(self.expression_names)} names "
                f"for {self.num_expression} expression components")
        if self.regions is not None:
            expect("regions", self.regions, (v,))
            if self.regions.min() < 0 or self.regions.max() >= len(self.region_names):
                raise PortraitTalkerError(f"{source}: 'regions' labels outside 0..{len(self.region_names) - 1}")
        if (self.uv is None) != (self.faces_uv is None):
            raise PortraitTalkerError(f"{source}: 'uv' and 'faces_uv' come together")
        if self.faces_uv is not None:
            expect("faces_uv", self.faces_uv, (self.faces.shape[0], 3))
            if self.faces_uv.min() < 0 or self.faces_uv.max() >= len(self.uv):
                raise PortraitTalkerError(f"{source}: 'faces_uv' index texture coordinates outside 0..{len(self.uv) - 1}")
        if self.arkit_matrix is not None:
            expect("arkit_matrix", self.arkit_matrix, (52, self.num_expression))
        for name, idx in self.landmarks.items():
            if not 0 <= idx < v:
                raise PortraitTalkerError(f"{source}: landmark '{name}' indexes vertex {idx}, outside 0..{v - 1}")
        for key in ("v_template", "shapedirs", "exprdirs", "posedirs", "J_regressor", "lbs_weights", "arkit_matrix"):
            if getattr(self, key) is not None and not np.all(np.isfinite(getattr(self, key))):
                raise PortraitTalkerError(f"{source}: '{key}' contains NaN or inf")
        return self
