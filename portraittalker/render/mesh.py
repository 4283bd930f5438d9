"""Triangle-mesh normals for shading (pure torch, differentiable in the vertices). The closed-surface
analysis for back-face culling lives in `mesh_topology.py` (numpy, once per topology)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def face_normals(verts: torch.Tensor, faces: torch.Tensor) -> torch.Tensor:
    """verts [B,V,3], faces [F,3] -> area-weighted (unnormalised) face normals [B,F,3]."""
    corners = verts[:, faces.long()]  # [B,F,3,3]
    return torch.cross(corners[:, :, 1] - corners[:, :, 0], corners[:, :, 2] - corners[:, :, 0], dim=-1)


def vertex_normals(verts: torch.Tensor, faces: torch.Tensor, face_n: torch.Tensor | None = None) -> torch.Tensor:
    """verts [B,V,3], faces [F,3] -> unit vertex normals [B,V,3] (area-weighted face average)."""
    face_n = face_normals(verts, faces) if face_n is None else face_n
    idx = faces.long().reshape(-1)
    summed = torch.zeros_like(verts).index_add_(1, idx, face_n.repeat_interleave(3, dim=1))
    return F.normalize(summed, dim=-1, eps=1e-12)


def outward_sign(verts: torch.Tensor, faces: torch.Tensor) -> float:
    """+1 if the faces wind so that their normals point away from the mesh centre, else -1.

    verts [V,3]. Head models differ in winding; shading and the see-through-the-mouth test
    need outward normals, so the renderer measures once instead of trusting a convention.
    """
    face_n = face_normals(verts[None], faces)[0]
    centroids = verts[faces.long()].mean(dim=1)
    outward = ((centroids - verts.mean(dim=0)) * face_n).sum()
    return 1.0 if float(outward) >= 0 else -1.0
