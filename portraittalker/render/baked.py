"""Appearance baked onto the mesh for fast frame rendering ("mesh colours").

The tri-grid is a function of the canonical surface point, and every pixel's canonical
point is a barycentric combination inside one face. So for output frames (no gradients)
the field can be decoded once per avatar on a regular barycentric lattice in every face
(R subdivisions per edge: (R+1)(R+2)/2 samples per face) and looked up per pixel by
piecewise-linear interpolation on that lattice; decoding per frame drops to a gather. Each
face's R follows its size (`face_resolutions`): at least 4, which spaces the lattice ~1.2 mm on
the face's skin, finer than the tri-grid's finest texels, and up to 16 on a garment's faces,
which are 2-3 cm across (at R = 4 a stripe's edge crossing them drew a saw-tooth). Two faces of
one R sample their shared edge at identical points; where R differs the edge's two sides
interpolate the same field at different spacings (neighbours are alike in size, so mostly one
step of R apart), and they differ by no more than the coarser side's interpolation error. The
exact per-pixel decode remains the path used for optimisation.

The file (`save_baked`) also carries, from version 2, the avatar's `clip_rig.ClipRig`: what
a clip's render on the playback path needs besides the lattice (`load_playback`), read
without torch. Torch is imported only where the torch path needs it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..config import BAKED_FORMAT_VERSION
from ..errors import PortraitTalkerError
from ..io import atomic_path
from .clip_rig import ClipRig, FixedCamera
from .hair_strands import StrandFrames
from .occlusion import occlusion_pairs

# A face's lattice: R = ceil(its longest edge / LATTICE_SPACING_M) subdivisions per edge, at
# least MIN_RESOLUTION and at most MAX_RESOLUTION (a 3.2 cm garment face: 2 mm)
LATTICE_SPACING_M = 0.002
MIN_RESOLUTION, MAX_RESOLUTION = 4, 16
# baked_appearance.npz: the lattice of one avatar on one head topology. Written once per avatar
# (rule bake_appearance) so a clip's render skips the decode (seconds of CPU per clip).
BAKED_FORMAT = "portraittalker-baked-appearance"
# a version-1 file (no clip rig) renders on the torch path; versions 1 and 2 hold one R for every
# face (values [F,S,4]), version 3 each face's own (values [T,4] and resolution [F])
READABLE_VERSIONS = (1, 2, BAKED_FORMAT_VERSION)


@dataclass(frozen=True)
class ByFace:
    """An appearance function that also reads the face each point lies on:
    fn(points [N,3], face=[N] face indices) -> (albedo, specular). Bakes, texture bakes and
    renders know every point's face and pass it (`Avatar.appearance_on`)."""

    fn: Callable

    def __call__(self, points, face=None):
        return self.fn(points, face=face)


def decode(appearance_fn, points, face):
    """`appearance_fn` at `points`, given their faces [N] when it reads them (`ByFace`)."""
    return appearance_fn(points, face=face) if isinstance(appearance_fn, ByFace) else appearance_fn(points)


def lattice_index(i, j, resolution: int):
    """Flat index of lattice point (i, j) (i + j <= R) in row-major triangular order."""
    return i * (resolution + 1) - (i * (i - 1)) // 2 + j


def _numpy(x) -> np.ndarray:
    """A tensor (any device) or array-like as a numpy array."""
    return x.detach().cpu().numpy() if hasattr(x, "detach") else np.asarray(x)


def lattice_size(resolution):
    """Samples (R+1)(R+2)/2 of a face's lattice of R subdivisions (an int or an array of them)."""
    return (resolution + 1) * (resolution + 2) // 2


def face_resolutions(verts, faces, spacing: float = LATTICE_SPACING_M) -> np.ndarray:
    """[F] int32: each face's lattice subdivisions R, from its longest edge (verts [V,3], faces [F,3])."""
    corners = _numpy(verts)[_numpy(faces).astype(np.int64)]
    longest = np.linalg.norm(corners[:, [1, 2, 0]] - corners, axis=-1).max(axis=1)
    return np.clip(np.ceil(longest / spacing), MIN_RESOLUTION, MAX_RESOLUTION).astype(np.int32)


def lattice_barycentrics(resolution: int):
    """[S,3] barycentrics (i/R, j/R, 1 - (i+j)/R) of the lattice (a tensor), S = (R+1)(R+2)/2."""
    import torch

    points = [(i, j) for i in range(resolution + 1) for j in range(resolution + 1 - i)]
    ij = torch.tensor(points, dtype=torch.float32) / resolution
    return torch.cat([ij, 1.0 - ij.sum(-1, keepdim=True)], dim=-1)


@dataclass(frozen=True)
class BakedAppearance:
    """values [T,4]: albedo (3) and specular (1) at every face's lattice points, face after face
    (a tensor; a float32 array from `load_playback`, which `lookup` does not take);
    resolution [F] (int32): each face's R, face f's samples starting at `offsets[f]`;
    `visibility` (a `visibility.FaceVisibility`, or None): the faces the avatar's clips can show."""

    values: object
    resolution: np.ndarray
    visibility: object | None = field(default=None, compare=False)
    offsets: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        sizes = lattice_size(np.asarray(self.resolution, dtype=np.int64))
        object.__setattr__(self, "offsets", np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64))
        if len(self.values) != int(sizes.sum()):
            raise PortraitTalkerError(f"baked appearance: {len(self.values)} lattice values for faces that "
                                      f"hold {int(sizes.sum())}; re-run steps/bake_appearance.py")

    def lookup(self, tri, bary):
        """tri [N] face indices, bary [N,3] (tensors) -> (albedo [N,3], specular [N,1])."""
        import torch

        r = torch.from_numpy(np.asarray(self.resolution, dtype=np.int64)).to(tri.device)[tri]
        scaled = bary[:, :2].clamp(0.0, 1.0) * r[:, None]
        i = torch.minimum(scaled[:, 0].floor().long().clamp_min(0), r - 1)
        j = torch.minimum(scaled[:, 1].floor().long().clamp_min(0), r - 1 - i)
        du, dv = scaled[:, 0] - i, scaled[:, 1] - j
        upper = (du + dv > 1.0) & (i + j <= r - 2)  # the inverted sub-triangle of the cell
        # Corners and weights of the sub-triangle holding the point (upright or inverted).
        c0 = torch.where(upper, lattice_index(i + 1, j + 1, r), lattice_index(i, j, r))
        c1 = torch.where(upper, lattice_index(i, j + 1, r), lattice_index(i + 1, j, r))
        c2 = torch.where(upper, lattice_index(i + 1, j, r), lattice_index(i, j + 1, r))
        w0 = torch.where(upper, du + dv - 1.0, 1.0 - du - dv)
        w1 = torch.where(upper, 1.0 - du, du)
        w2 = torch.where(upper, 1.0 - dv, dv)
        # Flat gathers of the three corner rows only: a fraction of the memory traffic of
        # fetching each face's whole lattice.
        flat = self.values.to(bary.device)  # no-op on the same device
        base = torch.from_numpy(self.offsets).to(tri.device)[tri]
        out = w0[:, None] * flat[base + c0] + w1[:, None] * flat[base + c1] + w2[:, None] * flat[base + c2]
        return out[:, :3], out[:, 3:]


def bake_appearance(
    appearance_fn,
    verts_canonical,
    faces,
    resolution: int | None = None,
    chunk: int = 1 << 16,
) -> BakedAppearance:
    """Decode `appearance_fn` at every face's lattice points: verts [V,3], faces [F,3] (tensors);
    R per face by its size (`face_resolutions`), or `resolution` for every face; a `ByFace`
    function is also given each point's face."""
    import torch

    res = face_resolutions(verts_canonical, faces) if resolution is None else \
        np.full(len(faces), resolution, dtype=np.int32)
    baked_faces = _numpy(faces).astype(np.int64)
    out = BakedAppearance(torch.empty((int(lattice_size(res.astype(np.int64)).sum()), 4)), res)
    for r in np.unique(res):   # faces of one R decode together
        which = np.flatnonzero(res == r)
        bary = lattice_barycentrics(int(r)).to(verts_canonical)
        corners = verts_canonical[torch.from_numpy(baked_faces[which])]  # [n,3,3]
        points = torch.einsum("sk,fkc->fsc", bary, corners).reshape(-1, 3)
        face = np.repeat(which, bary.shape[0])
        rows = torch.from_numpy((out.offsets[which][:, None] + np.arange(bary.shape[0])).reshape(-1))
        with torch.no_grad():
            for start in range(0, points.shape[0], chunk):
                albedo, specular = decode(appearance_fn, points[start:start + chunk], face[start:start + chunk])
                out.values[rows[start:start + chunk]] = torch.cat([albedo, specular], dim=-1).float()
    return out


def topology_key(verts_canonical, faces) -> str:
    """Content hash of the rest-pose mesh a lattice was decoded on: a baked file drawn on any
    other head (a --head override, a rebuilt body) would put colours on the wrong faces."""
    digest = hashlib.sha256()
    for array, dtype in ((verts_canonical, np.float32), (faces, np.int64)):
        array = _numpy(array)
        digest.update(np.ascontiguousarray(array, dtype=dtype).tobytes())
    return digest.hexdigest()


def save_baked(baked: BakedAppearance, path: str | os.PathLike, topology: str, clip_rig: ClipRig | None = None) -> None:
    """baked_appearance.npz: values [F,S,4] float32, resolution, the topology key, format tag;
    with `baked.visibility`, also the faces the clips can show (visible_* keys: the faces, the
    camera they were found for, the pose envelope [lo, hi], how many poses were tried, probe
    vertices of two of them); with `clip_rig`, what the playback path renders clips from
    (clip_* keys, `_clip_rig_arrays`)."""
    extra = {}
    vis = baked.visibility
    if vis is not None:
        extra = dict(visible_faces=np.asarray(vis.faces, dtype=np.int32),
                     visible_view_projection=np.asarray(vis.view_projection, dtype=np.float32),
                     visible_image_size=np.asarray(vis.image_size, dtype=np.int32),
                     visible_envelope=np.stack([vis.envelope.lo, vis.envelope.hi]).astype(np.float32),
                     visible_poses=np.int32(vis.poses), visible_rings=np.int32(vis.rings))
        if vis.probe is not None:
            extra["visible_probe"] = np.asarray(vis.probe, dtype=np.float32)
    if clip_rig is not None:
        extra.update(_clip_rig_arrays(clip_rig))
    values = _numpy(baked.values)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:  # uncompressed: loading is a read, not a decode
            np.savez(f, values=np.asarray(values, dtype=np.float32), resolution=np.asarray(baked.resolution, dtype=np.int32),
                     topology=np.array(topology), format=np.array(BAKED_FORMAT), format_version=np.int32(BAKED_FORMAT_VERSION),
                     **extra)


def _clip_rig_arrays(rig: ClipRig) -> dict[str, np.ndarray]:
    """The clip_* keys of a ClipRig (its scene as JSON; posedirs only when the head has them)."""
    layer, camera = rig.layer, rig.camera
    out = dict(clip_v_template=layer.v_template, clip_exprdirs=layer.exprdirs, clip_J_regressor=layer.J_regressor,
               clip_parents=layer.parents, clip_lbs_weights=layer.lbs_weights, clip_arkit_retarget=layer.arkit_retarget,
               clip_faces=rig.faces, clip_occlusion=rig.occlusion, clip_normal_sign=np.float32(rig.normal_sign),
               clip_order=rig.order, clip_sides=rig.sides, clip_view_projection=camera.view_projection,
               clip_camera_position=camera.position, clip_image_size=np.asarray(camera.image_size, dtype=np.int32),
               clip_framing=np.array(rig.framing), clip_landmark_names=np.array(rig.landmark_names, dtype=str),
               clip_landmark_index=rig.landmark_index, clip_scene=np.array(json.dumps(rig.scene, sort_keys=True)),
               clip_avatar=np.array(rig.avatar))
    if layer.posedirs is not None:
        out["clip_posedirs"] = layer.posedirs
    if rig.strands is not None:  # optional: a rig without them (or baked before them) draws the round highlight
        out["clip_strand_coef"] = np.asarray(rig.strands.coef, dtype=np.float32)
        out["clip_strand_weight"] = np.asarray(rig.strands.weight, dtype=np.float32)
    return out


def _load_clip_rig(data, path: str) -> ClipRig | None:
    """The ClipRig stored in an open baked_appearance.npz, or None (made without one)."""
    from ..head.lbs_numpy import NumpyLayer

    if "clip_faces" not in data.files:
        return None
    f32 = lambda k: np.asarray(data[k], dtype=np.float32)  # noqa: E731
    layer = NumpyLayer(f32("clip_v_template"), f32("clip_exprdirs"),
                       f32("clip_posedirs") if "clip_posedirs" in data.files else None, f32("clip_J_regressor"),
                       np.asarray(data["clip_parents"], np.int64), f32("clip_lbs_weights"), f32("clip_arkit_retarget"))
    faces = np.asarray(data["clip_faces"], dtype=np.int32)
    num_verts = len(layer.v_template)
    if faces.ndim != 2 or faces.shape[1] != 3 or (len(faces) and (faces.min() < 0 or faces.max() >= num_verts)) \
            or layer.exprdirs.shape[:2] != (num_verts, 3) or data["clip_view_projection"].shape != (1, 4, 4):
        raise PortraitTalkerError(f"{path}: damaged clip rig; re-run steps/bake_appearance.py")
    camera = FixedCamera(f32("clip_view_projection"), f32("clip_camera_position"),
                         tuple(int(x) for x in data["clip_image_size"]))
    strands = None
    if "clip_strand_coef" in data.files:
        strands = StrandFrames(f32("clip_strand_coef"), f32("clip_strand_weight"))
        if strands.coef.shape != (len(faces), 3, 2) or strands.weight.shape != (len(faces),):
            raise PortraitTalkerError(f"{path}: damaged clip rig (strand frames); re-run steps/bake_appearance.py")
    return ClipRig(layer, faces, occlusion_pairs(f32("clip_occlusion")), float(data["clip_normal_sign"]),
                   np.asarray(data["clip_order"], np.int64), np.asarray(data["clip_sides"], np.int8), camera,
                   str(data["clip_framing"]), tuple(str(n) for n in data["clip_landmark_names"]),
                   np.asarray(data["clip_landmark_index"], np.int64), json.loads(str(data["clip_scene"])),
                   str(data["clip_avatar"]), strands)


def _load_visibility(data, num_faces: int, path: str):
    """The FaceVisibility stored in an open baked_appearance.npz, or None (made before them)."""
    if "visible_faces" not in data.files:
        return None
    from .visibility import FaceVisibility, PoseEnvelope

    faces = np.asarray(data["visible_faces"], dtype=np.int32)
    envelope = np.asarray(data["visible_envelope"], dtype=np.float32)
    size = tuple(int(x) for x in data["visible_image_size"])
    if faces.ndim != 1 or (len(faces) and (faces.min() < 0 or faces.max() >= num_faces)) or envelope.ndim != 2 \
            or envelope.shape[0] != 2 or len(size) != 2 or data["visible_view_projection"].shape != (4, 4):
        raise PortraitTalkerError(f"{path}: damaged visible-face set; re-run steps/bake_appearance.py")
    return FaceVisibility(faces, PoseEnvelope(envelope[0], envelope[1]), np.asarray(data["visible_view_projection"], np.float32),
                          size, int(data["visible_poses"]), int(data["visible_rings"]),
                          np.asarray(data["visible_probe"], np.float32) if "visible_probe" in data.files else None)


def _lattice(data) -> tuple[np.ndarray, np.ndarray]:
    """(values [T,4] float32, resolution [F] int32) of an open baked_appearance.npz: one R for
    every face before version 3 (values [F,S,4]), each face's own since."""
    values = np.asarray(data["values"], dtype=np.float32)
    resolution = np.asarray(data["resolution"], dtype=np.int32)
    if values.ndim == 3:
        values, resolution = values.reshape(-1, values.shape[-1]), np.full(len(values), int(resolution), dtype=np.int32)
    if values.ndim != 2 or values.shape[1] != 4 or resolution.ndim != 1 or (resolution < 1).any():
        raise ValueError(f"a lattice of values {values.shape} and resolutions {resolution.shape}")
    return values, resolution


def _open_baked(path: str):
    """An open baked_appearance.npz of a readable version (a PortraitTalkerError otherwise)."""
    data = np.load(path, allow_pickle=False)
    if str(data["format"]) != BAKED_FORMAT or int(data["format_version"]) not in READABLE_VERSIONS:
        data.close()
        raise PortraitTalkerError(f"{path}: not a version-{BAKED_FORMAT_VERSION} baked appearance; re-run steps/bake_appearance.py")
    return data


def load_baked(path: str | os.PathLike, topology: str) -> BakedAppearance:
    """Read a baked_appearance.npz made for the mesh whose `topology_key` is `topology`."""
    import torch

    path = str(path)
    try:
        with _open_baked(path) as data:
            if str(data["topology"]) != topology:
                raise PortraitTalkerError(f"{path}: baked for another head mesh than this render's; "
                                          "re-run steps/bake_appearance.py with the same --head")
            values, resolution = _lattice(data)
            return BakedAppearance(torch.from_numpy(values), resolution, _load_visibility(data, len(resolution), path))
    except (OSError, KeyError, ValueError) as err:
        raise PortraitTalkerError(f"{path}: not a readable baked appearance ({type(err).__name__}: {err})") from err


def load_playback(path: str | os.PathLike) -> tuple[BakedAppearance, ClipRig] | None:
    """The lattice (values a float32 array) and clip rig of a baked_appearance.npz, without
    torch; None when the file carries no clip rig (version 1, or baked without one). The rig's
    mesh is the one the lattice was baked on (both written by one bake)."""
    path = str(path)
    try:
        with _open_baked(path) as data:
            rig = _load_clip_rig(data, path)
            if rig is None:
                return None
            if str(data["topology"]) != topology_key(rig.layer.v_template, rig.faces):
                raise PortraitTalkerError(f"{path}: damaged clip rig (not the baked mesh); re-run steps/bake_appearance.py")
            values, resolution = _lattice(data)
            return BakedAppearance(values, resolution, _load_visibility(data, len(resolution), path)), rig
    except (OSError, KeyError, ValueError) as err:
        raise PortraitTalkerError(f"{path}: not a readable baked appearance ({type(err).__name__}: {err})") from err
