"""Which way the hair's strands run over its mesh, for the strand highlight (`shading.shade`).

Hair's highlight is a band across the strands (Kajiya-Kay), so the shading needs each hair
point's strand tangent, posed with the head. The hair mesh is one marching-cubes surface, its
strands gone; their direction is rebuilt here from how the style was combed (the head's
`hair_look` metadata, written by `parts.hair.add_hair`): away from a middle parting on top
(down at the sides and back), or back from over the forehead for hair combed back or gathered
into a tail or bun, and downwards along the surface wherever hair hangs.

Each vertex's rest tangent is stored per face corner as coefficients (a, b) of the face's two
edges, t = a (v1 - v0) + b (v2 - v0): rebuilt from the posed corners, it turns with the head
exactly (and follows any other deformation as the surface does), in the torch path from the
fragment's face and in GL from the geometry shader's corners, with nothing computed per frame
on the CPU. The tangent's length is the share of the strand highlight (the rest the round one):
the style's weight (`strand_weight`: 1 for straight hair, less for curls, 0 for coiled or
cropped hair, an afro, locs, a buzz cut, which have no coherent strand direction and keep the
dim round highlight) times how sure the direction is (it fades where the direction runs nearly
along the normal: a parting, a tail's end); zero off the hair.

numpy only: the playback path reads the arrays from a clip rig without torch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..identity.styling import CURL_MATTE

HAIR_REGION = "hair"
LOOK_KEY = "hair_look"
# no coherent strand direction: close crops, spikes, coils and ropes keep the round highlight
MATTE_STYLES = ("afro", "buzz", "balding", "spiky", "mohawk", "shaved", "bald", "short_locs", "locs", "long_locs")
SURE_PROJECTED = (0.25, 0.6)  # a strand direction this much in the surface's plane (sine) is used fully
PARTING_DROP_M = 0.015        # the parting line runs this far below the top of the scalp
FRONT_SOURCE_M = (0.04, 0.06)  # hair combed back leaves a point this far below the top, ahead of the hairline


@dataclass(frozen=True)
class StrandFrames:
    """coef [F,3,2] float32: each face corner's strand tangent as multiples of the face's edges
    (v1 - v0, v2 - v0), its length the share of the strand highlight there (the face's weight
    times how sure the direction is; zero off the hair); weight [F] float32: the face's share."""

    coef: np.ndarray
    weight: np.ndarray

    def texels(self) -> np.ndarray:
        """[F,2,4] float32, two RGBA texels a face for the GL path: (a0, b0, a1, b1), (a2, b2, 0, 0)."""
        out = np.zeros((len(self.weight), 2, 4), dtype=np.float32)
        out[:, 0] = self.coef[:, :2].reshape(-1, 4)
        out[:, 1, :2] = self.coef[:, 2]
        return out


def strand_weight(look: dict) -> float:
    """How anisotropic a style's highlight is: 0 for coiled or cropped hair, 1 for straight."""
    if look.get("style") in MATTE_STYLES:
        return 0.0
    curl = float(look.get("curl", 0.0))
    t = np.clip((curl - CURL_MATTE[0]) / (CURL_MATTE[1] - CURL_MATTE[0]), 0.0, 1.0)
    return float(1.0 - t * t * (3.0 - 2.0 * t))


def strand_sources(points: np.ndarray, scalp: np.ndarray, look: dict) -> np.ndarray:
    """[N,3] the point each of `points` [N,3] combs away from: the nearest point of a middle
    parting along the top of `scalp` [S,3] (the scalp's or the hair's vertices), or, for hair
    combed back or gathered into a tail or bun, one point above the forehead."""
    top = scalp[:, 1].max()
    mid_x = float(np.median(scalp[:, 0]))
    crest = scalp[scalp[:, 1] > top - 0.03]
    front, back = float(crest[:, 2].max()), float(crest[:, 2].min())
    if look.get("comb") == "back" or look.get("gather") in ("ponytail", "bun", "braid"):
        source = np.array([mid_x, top - FRONT_SOURCE_M[0], front + FRONT_SOURCE_M[1]])
        return np.broadcast_to(source, points.shape)
    out = np.empty_like(points)
    out[:, 0] = mid_x
    out[:, 1] = top - PARTING_DROP_M
    out[:, 2] = np.clip(points[:, 2], back, front)
    return out


def rest_tangents(verts: np.ndarray, normals: np.ndarray, scalp: np.ndarray, look: dict) -> np.ndarray:
    """[N,3] strand tangents at rest-pose points `verts` with unit `normals`: the direction away
    from their `strand_sources` (root to tip) in the surface's plane, its length (0..1) how sure
    that direction is."""
    away = verts - strand_sources(verts, scalp, look)
    away /= np.maximum(np.linalg.norm(away, axis=1, keepdims=True), 1e-12)
    along = away - normals * np.einsum("ij,ij->i", away, normals)[:, None]
    sine = np.linalg.norm(along, axis=1, keepdims=True)
    sure = np.clip((sine - SURE_PROJECTED[0]) / (SURE_PROJECTED[1] - SURE_PROJECTED[0]), 0.0, 1.0)
    return along / np.maximum(sine, 1e-12) * (sure * sure * (3.0 - 2.0 * sure))


def corner_coefficients(verts: np.ndarray, faces: np.ndarray, tangents: np.ndarray) -> np.ndarray:
    """[F,3,2] each corner's tangent (from `tangents` [V,3]) projected onto its face's plane, as
    multiples of the face's edges v1 - v0 and v2 - v0 (zero on degenerate faces)."""
    corners = verts[faces]
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    g11, g12, g22 = (e1 * e1).sum(-1), (e1 * e2).sum(-1), (e2 * e2).sum(-1)
    det = g11 * g22 - g12 * g12
    ok = det > 1e-12 * np.maximum(g11 * g22, 1e-300)
    inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
    t = tangents[faces]  # [F,3,3]
    r1, r2 = np.einsum("fkc,fc->fk", t, e1), np.einsum("fkc,fc->fk", t, e2)
    a = (g22[:, None] * r1 - g12[:, None] * r2) * inv[:, None]
    b = (g11[:, None] * r2 - g12[:, None] * r1) * inv[:, None]
    return np.stack([a, b], axis=-1)


def strand_frames(head) -> StrandFrames | None:
    """The strand tangents of `head`'s hair (a HeadModel, or anything with v_template, faces,
    regions, region_names and metadata), or None where there is nothing to draw them on: no
    hair region, or a head made before the hair recorded how it was combed (`hair_look`), which
    keeps the round highlight it was made with."""
    look = (getattr(head, "metadata", None) or {}).get(LOOK_KEY)
    names = tuple(getattr(head, "region_names", None) or ())
    regions = getattr(head, "regions", None)
    if not look or regions is None or HAIR_REGION not in names:
        return None
    weight = strand_weight(look)
    verts = np.asarray(head.v_template, dtype=np.float64)
    faces = np.asarray(head.faces, dtype=np.int64)
    regions = np.asarray(regions)
    hair = regions == names.index(HAIR_REGION)
    hair_faces = hair[faces].all(axis=1)
    if weight <= 0.0 or not hair_faces.any():
        return None
    scalp = verts[regions == names.index("hair_cap")] if "hair_cap" in names else verts[hair]
    if len(scalp) == 0:
        scalp = verts[hair]
    from ..head.mesh_query import vertex_normals   # (here: playback reads StrandFrames without scipy)

    used = np.flatnonzero(hair)
    tangents = np.zeros_like(verts)
    tangents[used] = rest_tangents(verts[used], vertex_normals(verts, faces)[used], scalp, look)
    coef = np.zeros((len(faces), 3, 2))
    coef[hair_faces] = corner_coefficients(verts, faces[hair_faces], tangents) * weight
    return StrandFrames(coef.astype(np.float32), np.where(hair_faces, weight, 0.0).astype(np.float32))


def fragment_tangents(frames_coef, verts, faces, tri, batch, bary):
    """Torch: the strand tangent [N,3] (unnormalised) at fragments on faces `tri` [N] of images
    `batch` [N] with barycentrics `bary` [N,3], from posed `verts` [B,V,3]; `frames_coef`
    [F,3,2] a tensor of `StrandFrames.coef`."""
    corners = faces.long()[tri]  # [N,3]
    flat = verts.reshape(-1, 3)
    offset = (batch * verts.shape[1])[:, None]
    p = flat[corners + offset]  # [N,3,3]
    e1, e2 = p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]
    c = frames_coef[tri].to(verts.dtype)  # [N,3,2]
    a = (bary * c[..., 0]).sum(-1, keepdim=True)
    b = (bary * c[..., 1]).sum(-1, keepdim=True)
    return a * e1 + b * e2
