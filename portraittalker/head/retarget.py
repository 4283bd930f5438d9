"""ARKit-52 onto a head with a linear expression basis (FLAME 2020 / 2023), solved once per head.

The source is a head that has the 52 ARKit facial actions as deformations of its own mesh (the
default head; `arkit_source_from_head`). The target's template is registered onto the source
(similarity ICP from the nose tips, then a smooth non-rigid fit, `registration.py`), every
target vertex takes the source's deformation at its closest source surface point (moved back
into the target's frame), and each action's deformation is fitted by ridge-regularised least
squares in the target's expression basis: M[a] = argmin_c sum_i w_i |E_i c - d_i^a|^2 + mu |c|^2.
Vertices without a trusted match (w_i = 0) do not constrain the fit.

jawOpen goes to the target's jaw joint (jaw_pose), and the eyeLook* actions to its eye joints
(eye_pose): their rows stay zero. The same registration gives the target its landmarks (each
source landmark's closest target vertex) and region labels; FLAME files carry neither, so these
come from the fit, not from a published list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..arkit import ARKIT_NAMES, EYE_JOINT_NAMES, JAW_JOINT_NAMES, NUM_ARKIT
from ..errors import PortraitTalkerError
from .mesh_query import MeshQuery
from .model import HeadModel
from .registration import RegistrationSettings, fit_nonrigid, register_similarity

JOINT_DRIVEN = frozenset(JAW_JOINT_NAMES + EYE_JOINT_NAMES)
# Source parts inside the mouth: a lip vertex of the target must not snap onto the teeth.
INTERIOR_REGIONS = ("teeth", "mouth_cavity", "tongue", "eyelashes")
# Landmarks on the lower lip and chin move with the jaw: on the target they are looked for among
# vertices skinned mostly to its jaw joint, the upper lip's among the others (a closed mouth
# puts both lips within a millimetre of each other).
JAW_LANDMARKS = ("lip_inner_bottom", "lip_outer_bottom", "chin")
UPPER_LIP_LANDMARKS = ("lip_inner_top", "lip_outer_top")
JAW_JOINT = 2  # FLAME joint order: global, neck, jaw, eye_left, eye_right
RIDGE = 1e-4  # mu, relative to the mean diagonal of E^T W E (keeps unconstrained coefficients small)


@dataclass
class ArkitSource:
    """A neutral mesh in metres (y up, +z forward) with its 52 ARKit deformations at weight 1.

    vertices [V,3]; faces [F,3]; deltas [52,V,3] in ARKit order; landmarks name -> vertex
    (needs nose_tip, eye_outer_left, eye_outer_right); regions [V] into region_names, or None.
    """

    vertices: np.ndarray
    faces: np.ndarray
    deltas: np.ndarray
    landmarks: dict[str, int]
    regions: np.ndarray | None = None
    region_names: tuple[str, ...] = ()
    name: str = "source"

    def check(self) -> "ArkitSource":
        for key in ("nose_tip", "eye_outer_left", "eye_outer_right"):
            if key not in self.landmarks:
                raise PortraitTalkerError(f"ARKit source '{self.name}' lacks landmark '{key}' needed for registration")
        if self.deltas.shape != (NUM_ARKIT, len(self.vertices), 3):
            raise PortraitTalkerError(f"ARKit source '{self.name}': deltas must be [52,{len(self.vertices)},3], "
                                      f"got {self.deltas.shape}")
        return self

    @property
    def face_width(self) -> float:
        v = self.vertices
        return float(np.linalg.norm(v[self.landmarks["eye_outer_left"]] - v[self.landmarks["eye_outer_right"]]))


def arkit_source_from_head(head: HeadModel) -> ArkitSource:
    """A head that plays ARKit-52 (anny natively, the bundled head through its mapping) as a source."""
    matrix = head.arkit_retarget()  # [52,E]
    deltas = np.einsum("ae,vce->avc", matrix, head.exprdirs).astype(np.float32)
    return ArkitSource(np.asarray(head.v_template, np.float64), np.asarray(head.faces), deltas, dict(head.landmarks),
                       head.regions, tuple(head.region_names), head.model_id).check()


@dataclass
class Retargeting:
    """What the registration solved for a target head."""

    matrix: np.ndarray                     # [52,E] ARKit weights -> expression coefficients
    landmarks: dict[str, int]
    regions: np.ndarray | None
    region_names: tuple[str, ...]
    residual: dict[str, float] = field(default_factory=dict)  # per action: |E c - d| / |d| (matched verts)
    matched_fraction: float = 0.0          # target vertices with a trusted source match
    landmark_error_m: dict[str, float] = field(default_factory=dict)  # fitted landmark to source landmark
    registration: dict = field(default_factory=dict)

    def summary(self) -> dict:
        fitted = [v for v in self.residual.values() if v is not None]
        return {
            "source": self.registration.get("source"),
            "scale": self.registration.get("scale"),
            "matched_fraction": round(self.matched_fraction, 4),
            "residual_median": round(float(np.median(fitted)), 4) if fitted else None,
            "residual_max": round(float(np.max(fitted)), 4) if fitted else None,
            "landmark_error_mm_max": round(1000 * max(self.landmark_error_m.values()), 2) if self.landmark_error_m else None,
        }


def _outer_faces(source: ArkitSource) -> np.ndarray:
    if source.regions is None:
        return source.faces
    interior = [source.region_names.index(n) for n in INTERIOR_REGIONS if n in source.region_names]
    inside = np.isin(source.regions, interior)
    keep = ~inside[source.faces].all(axis=1)
    return source.faces[keep]


def _target_nose_tip(head: HeadModel) -> int:
    """The target's most forward vertex among those on its midline (|x| small): the nose tip of a
    neutral face looking along +z."""
    v = head.v_template
    width = np.ptp(v[:, 0])
    mid = np.abs(v[:, 0] - np.median(v[:, 0])) < 0.05 * width
    candidates = np.flatnonzero(mid) if mid.any() else np.arange(len(v))
    return int(candidates[np.argmax(v[candidates, 2])])


def solve_arkit_retargeting(head: HeadModel, source: ArkitSource,
                            settings: RegistrationSettings = RegistrationSettings()) -> Retargeting:
    """Register `head`'s template onto `source` and fit every ARKit action in `head`'s basis."""
    source.check()
    query = MeshQuery(source.vertices, _outer_faces(source))
    width = source.face_width
    template = np.asarray(head.v_template, np.float64)
    anchor = _target_nose_tip(head)
    sim = register_similarity(template, head.faces, template[anchor], query,
                              source.vertices[source.landmarks["nose_tip"]], width, settings)
    aligned = sim.apply(template)
    fitted = fit_nonrigid(aligned, head.faces, query, width, settings)

    hits = query.closest(fitted)
    matched = hits.distance < settings.transfer_distance * width
    deltas_src = hits.interpolate(query.faces, np.moveaxis(source.deltas, 0, 1).astype(np.float64))  # [V,52,3]
    deltas = sim.vectors_back(np.moveaxis(deltas_src, 1, 0))   # [52,V,3] in the target's frame

    basis = np.asarray(head.exprdirs, np.float64)               # [V,3,E]
    e = basis.shape[2]
    w = matched.astype(np.float64)
    flat = basis.reshape(-1, e)                                  # [(V*3), E]
    wf = np.repeat(w, 3)
    gram = flat.T @ (flat * wf[:, None])
    mu = RIDGE * np.trace(gram) / e
    rhs = flat.T @ (deltas.reshape(NUM_ARKIT, -1) * wf).T        # [E,52]
    coeffs = np.linalg.solve(gram + mu * np.eye(e), rhs).T      # [52,E]

    residual = {}
    for a, name in enumerate(ARKIT_NAMES):
        if name in JOINT_DRIVEN:
            coeffs[a] = 0.0
            residual[name] = None
            continue
        target = deltas[a].reshape(-1) * wf
        norm = float(np.linalg.norm(target))
        if norm < 1e-9:
            coeffs[a] = 0.0
            residual[name] = None
            continue
        residual[name] = float(np.linalg.norm((flat @ coeffs[a]) * wf - target) / norm)

    landmarks, errors = {}, {}
    on_jaw = np.asarray(head.lbs_weights)[:, JAW_JOINT] > 0.5
    for name, idx in source.landmarks.items():
        point = source.vertices[idx]
        distance = np.linalg.norm(fitted - point, axis=1)
        if name in JAW_LANDMARKS and on_jaw.any():
            distance = np.where(on_jaw, distance, np.inf)
        elif name in UPPER_LIP_LANDMARKS and (~on_jaw).any():
            distance = np.where(on_jaw, np.inf, distance)
        nearest = int(np.argmin(distance))
        landmarks[name] = nearest
        errors[name] = float(np.linalg.norm(fitted[nearest] - point) / sim.scale)
    regions = None
    if source.regions is not None:
        corner = query.faces[hits.triangle, hits.barycentric.argmax(axis=1)]
        regions = np.asarray(source.regions)[corner]
    return Retargeting(
        matrix=coeffs.astype(np.float32), landmarks=landmarks, regions=regions,
        region_names=source.region_names, residual=residual, matched_fraction=float(matched.mean()),
        landmark_error_m=errors,
        registration={"source": source.name, "scale": round(float(sim.scale), 5),
                      "rotation": np.round(sim.rotation, 6).tolist(),
                      "translation_m": np.round(sim.translation, 6).tolist()},
    )


def retargeted_head(head: HeadModel, source: ArkitSource,
                    settings: RegistrationSettings = RegistrationSettings()) -> tuple[HeadModel, Retargeting]:
    """`head` with its ARKit-52 matrix, landmarks and regions from `solve_arkit_retargeting`."""
    fit = solve_arkit_retargeting(head, source, settings)
    out = replace(head, arkit_matrix=fit.matrix, landmarks=fit.landmarks,
                  regions=fit.regions if head.regions is None else head.regions,
                  region_names=fit.region_names if head.regions is None and fit.regions is not None else head.region_names,
                  metadata={**head.metadata, "arkit_retarget": fit.summary()})
    return out.validate(f"head model '{head.model_id}'"), fit
