"""Appearance baked onto the mesh for fast frame rendering ("mesh colours").

The tri-grid is a function of the canonical surface point, and every pixel's canonical
point is a barycentric combination inside one face. So for output frames (no gradients)
the field can be decoded once per avatar on a regular barycentric lattice in every face
(R subdivisions per edge: (R+1)(R+2)/2 samples per face, shared edges sampled at identical
points so the result stays continuous) and looked up per pixel by piecewise-linear
interpolation on that lattice. With R = 4 the lattice spacing on the bundled head's skin is
~1.4 mm, finer than the tri-grid's finest texels, and decoding per frame drops to a gather.
The exact per-pixel decode remains the path used for optimisation.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field

import numpy as np
import torch

from ..errors import PortraitTalkerError
from ..io import atomic_path

DEFAULT_RESOLUTION = 4
# baked_appearance.npz: the lattice of one avatar on one head topology. Written once per avatar
# (rule bake_appearance) so a clip's render skips the decode (seconds of CPU per clip).
BAKED_FORMAT = "portraittalker-baked-appearance"
BAKED_FORMAT_VERSION = 1


def lattice_index(i: torch.Tensor, j: torch.Tensor, resolution: int) -> torch.Tensor:
    """Flat index of lattice point (i, j) (i + j <= R) in row-major triangular order."""
    return i * (resolution + 1) - (i * (i - 1)) // 2 + j


def lattice_barycentrics(resolution: int) -> torch.Tensor:
    """[S,3] barycentrics (i/R, j/R, 1 - (i+j)/R) of the lattice, S = (R+1)(R+2)/2."""
    points = [(i, j) for i in range(resolution + 1) for j in range(resolution + 1 - i)]
    ij = torch.tensor(points, dtype=torch.float32) / resolution
    return torch.cat([ij, 1.0 - ij.sum(-1, keepdim=True)], dim=-1)


@dataclass(frozen=True)
class BakedAppearance:
    """values [F,S,4]: albedo (3) and specular (1) at each face's lattice points; `visibility`
    (a `visibility.FaceVisibility`, or None): the faces the avatar's clips can show."""

    values: torch.Tensor
    resolution: int
    visibility: object | None = field(default=None, compare=False)

    def lookup(self, tri: torch.Tensor, bary: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """tri [N] face indices, bary [N,3] -> (albedo [N,3], specular [N,1])."""
        r = self.resolution
        scaled = bary[:, :2].clamp(0.0, 1.0) * r
        i = scaled[:, 0].floor().clamp(0, r - 1).long()
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
        # Flat gathers of the three corner rows only ([F*S,4] table): a fraction of the memory
        # traffic of fetching each face's whole lattice.
        flat = self.values.reshape(-1, self.values.shape[-1]).to(bary.device)  # no-op on the same device
        base = tri * self.values.shape[1]
        out = w0[:, None] * flat[base + c0] + w1[:, None] * flat[base + c1] + w2[:, None] * flat[base + c2]
        return out[:, :3], out[:, 3:]


def bake_appearance(
    appearance_fn,
    verts_canonical: torch.Tensor,
    faces: torch.Tensor,
    resolution: int = DEFAULT_RESOLUTION,
    chunk: int = 1 << 16,
) -> BakedAppearance:
    """Decode `appearance_fn` at every face's lattice points: verts [V,3], faces [F,3]."""
    bary = lattice_barycentrics(resolution).to(verts_canonical)
    corners = verts_canonical[faces.long()]  # [F,3,3]
    points = torch.einsum("sk,fkc->fsc", bary, corners).reshape(-1, 3)
    values = []
    with torch.no_grad():
        for start in range(0, points.shape[0], chunk):
            albedo, specular = appearance_fn(points[start:start + chunk])
            values.append(torch.cat([albedo, specular], dim=-1).float())
    return BakedAppearance(torch.cat(values).reshape(faces.shape[0], bary.shape[0], -1), resolution)


def topology_key(verts_canonical: torch.Tensor | np.ndarray, faces: torch.Tensor | np.ndarray) -> str:
    """Content hash of the rest-pose mesh a lattice was decoded on: a baked file drawn on any
    other head (a --head override, a rebuilt body) would put colours on the wrong faces."""
    digest = hashlib.sha256()
    for array, dtype in ((verts_canonical, np.float32), (faces, np.int64)):
        array = array.detach().cpu().numpy() if isinstance(array, torch.Tensor) else np.asarray(array)
        digest.update(np.ascontiguousarray(array, dtype=dtype).tobytes())
    return digest.hexdigest()


def save_baked(baked: BakedAppearance, path: str | os.PathLike, topology: str) -> None:
    """baked_appearance.npz: values [F,S,4] float32, resolution, the topology key, format tag;
    with `baked.visibility`, also the faces the clips can show (visible_* keys: the faces, the
    camera they were found for, the pose envelope [lo, hi], how many poses were tried, probe
    vertices of two of them)."""
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
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:  # uncompressed: loading is a read, not a decode
            np.savez(f, values=baked.values.detach().cpu().numpy().astype(np.float32), resolution=np.int32(baked.resolution),
                     topology=np.array(topology), format=np.array(BAKED_FORMAT), format_version=np.int32(BAKED_FORMAT_VERSION),
                     **extra)


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


def load_baked(path: str | os.PathLike, topology: str) -> BakedAppearance:
    """Read a baked_appearance.npz made for the mesh whose `topology_key` is `topology`."""
    path = str(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["format"]) != BAKED_FORMAT or int(data["format_version"]) != BAKED_FORMAT_VERSION:
                raise PortraitTalkerError(f"{path}: not a version-{BAKED_FORMAT_VERSION} baked appearance; re-run steps/bake_appearance.py")
            if str(data["topology"]) != topology:
                raise PortraitTalkerError(f"{path}: baked for another head mesh than this render's; "
                                          "re-run steps/bake_appearance.py with the same --head")
            values = torch.from_numpy(data["values"])
            return BakedAppearance(values, int(data["resolution"]), _load_visibility(data, values.shape[0], path))
    except (OSError, KeyError, ValueError) as err:
        raise PortraitTalkerError(f"{path}: not a readable baked appearance ({type(err).__name__}: {err})") from err
