"""HeadRenderer: posed head vertices + an appearance function -> portrait frames.

The per-frame pipeline composes the shared primitives:
  project -> rasterize (backend) -> fragments -> interpolate canonical position, posed
  position and normal -> appearance(canonical position) -> shade -> antialias over the
  backdrop -> vignette, exposure, sRGB, grain.
Appearance and shading run only on covered pixels (most of the CPU saving); this torch
path serves the differentiable optimisation renders and the nvdiffrast backend.
Output frames on the EGL backend take `render_frames`: the appearance baked once per avatar
(`baked.py`) and every per-pixel step run in GL (`egl_frames.py`), matching this path to
rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

import numpy as np
import torch
import torch.nn.functional as F

from ..scene import Scene
from .background import film_grain, gradient, vignette
from .camera import Camera, Orbit, orbit_cameras, portrait_orbit, project_points
from .baked import BakedAppearance, ByFace, bake_appearance, decode, load_baked, topology_key
from .compose import composite
from .hair_strands import StrandFrames, fragment_tangents, strand_frames
from .interpolate import fragments, interpolate_fragments
from .mesh import face_normals, outward_sign, vertex_normals
from .mesh_topology import closed_sides, surface_labels
from .occlusion import surface_occlusion
from .rasterizer import Rasterizer, get_rasterizer
from .shading import linear_to_srgb, shade, soft_clip

AppearanceFn = Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor]]


def to_uint8(images: torch.Tensor) -> np.ndarray:
    """images [B,H,W,3] in [0,1] -> uint8 [B,H,W,3] (rounded)."""
    return (images.detach().clamp(0, 1) * 255 + 0.5).to(torch.uint8).cpu().numpy()


def display_encode(linear: torch.Tensor) -> torch.Tensor:
    """Scene-linear colour -> display values in [0,1]: soft highlight shoulder, then sRGB."""
    return linear_to_srgb(soft_clip(linear))


class HeadLike(Protocol):
    v_template: np.ndarray
    faces: np.ndarray
    regions: np.ndarray | None
    region_names: tuple[str, ...] | None
    landmarks: dict[str, int]


@dataclass(frozen=True)
class RenderLayers:
    """image [B,H,W,3] display-referred in [0,1]; alpha [B,H,W] silhouette coverage;
    mask [B,H,W] bool, pixel centre on the mesh. Rows run top to bottom."""

    image: torch.Tensor
    alpha: torch.Tensor
    mask: torch.Tensor


def canonical_mesh(head: HeadLike) -> tuple[torch.Tensor, torch.Tensor]:
    """Rest-pose vertices [V,3] float32 and faces [F,3] int32: the surface appearance is
    looked up on, hence what a baked appearance is decoded on and keyed by."""
    verts = torch.as_tensor(np.asarray(head.v_template), dtype=torch.float32)
    return verts, torch.as_tensor(np.asarray(head.faces), dtype=torch.int32)


class HeadRenderer:
    """Renders one head model's topology. Holds the GL/CUDA rasterizer, the canonical
    (rest-pose) vertices the appearance is looked up at, and the default portrait camera.

    head: a `portraittalker.head.HeadModel` (or anything with v_template [V,3], faces [F,3],
    regions/region_names, landmarks); size: square image side in pixels; backend: "auto",
    "egl" or "nvdiffrast"; framing: "upper_body" or "head".
    """

    def __init__(self, head: HeadLike, size: int = 512, backend: str = "auto", framing: str = "upper_body"):
        self.size = int(size)
        self.rasterizer: Rasterizer = get_rasterizer(backend)
        self.backend = self.rasterizer.name
        self.device = self.rasterizer.device
        verts, faces = canonical_mesh(head)
        self.faces, self.verts_canonical = faces.to(self.device), verts.to(self.device)
        occlusion = torch.from_numpy(surface_occlusion(head)).to(self.device)
        # Attributes of the rest pose, interpolated together: canonical xyz [V,3] + visibility of the
        # front and back side [V,2].
        self.rest_attributes = torch.cat([self.verts_canonical, occlusion], dim=-1)
        self.normal_sign = outward_sign(self.verts_canonical.cpu(), self.faces.cpu())
        # each face's connected surface: edges between surfaces are antialiased as silhouettes are
        self.face_labels = surface_labels(self.faces.cpu().numpy(), len(verts))
        landmarks = dict(getattr(head, "landmarks", None) or {})
        self.landmark_names: tuple[str, ...] = tuple(landmarks)
        self.landmark_index = torch.tensor([landmarks[n] for n in self.landmark_names], dtype=torch.long)
        self.orbit: Orbit = portrait_orbit(np.asarray(head.v_template), landmarks, framing)
        self.camera: Camera = orbit_cameras(self.orbit, (self.size, self.size))
        self.regions = getattr(head, "regions", None)
        self.region_names = getattr(head, "region_names", None)
        # the hair's strand directions for its highlight (None: no hair, or a head made before them)
        self.strands: StrandFrames | None = strand_frames(head)
        self._strand_coef = None if self.strands is None else torch.from_numpy(self.strands.coef).to(self.device)
        self._gl_frames = None  # the all-GL frame path, built on first use (EGL only)

    # -- cameras -------------------------------------------------------------------------
    def project_landmarks(self, verts: torch.Tensor, camera: Camera | None = None) -> torch.Tensor:
        """verts [B,V,3] -> landmark pixel positions [B,L,2] in `self.landmark_names` order."""
        camera = (camera or self.camera).expand(verts.shape[0])
        points = verts[:, self.landmark_index.to(verts.device)]
        return project_points(points, camera.to(verts.device))

    def bake(self, appearance_fn: AppearanceFn, resolution: int | None = None) -> BakedAppearance:
        """The appearance decoded once on a per-face lattice of this topology (R by each face's
        size, or `resolution` for all); pass the result to `render` in place of the function for
        fast, gradient-free frames."""
        return bake_appearance(appearance_fn, self.verts_canonical, self.faces, resolution)

    def load_baked(self, path) -> BakedAppearance:
        """A baked_appearance.npz (steps/bake_appearance.py) made for this renderer's head."""
        return load_baked(path, topology_key(self.verts_canonical, self.faces))

    def render_frames(
        self,
        verts: torch.Tensor,
        baked: BakedAppearance,
        scene: Scene,
        camera: Camera | None = None,
        frame_ids: torch.Tensor | None = None,
        poses_inside: np.ndarray | None = None,
    ) -> np.ndarray:
        """Output frames, no gradients: verts [B,V,3] -> uint8 [B,H,W,3], row 0 at the top.

        On the EGL backend the whole frame (lattice lookup, shading, coverage antialiasing,
        encode, grain) runs in GL (`egl_frames.py`), several times faster on a CPU and equal to
        `render` to within rounding; elsewhere this is `render`, rounded. `poses_inside` [B]
        bool: frames whose pose lies inside `baked.visibility`'s envelope
        (`FaceVisibility.envelope.contains`), which then draw only the faces it lists, when
        the camera is the one it was found for; None: every frame draws every face.
        """
        if self.backend != "egl":
            with torch.no_grad():
                return to_uint8(self.render(verts, baked, scene, camera, frame_ids))
        frames = self.gl_frames()
        batch = verts.shape[0]
        camera = (camera or self.camera).expand(batch)
        visible = None
        vis = baked.visibility
        if vis is not None and poses_inside is not None and vis.matches(camera):
            visible = [vis.faces if bool(inside) else None for inside in np.asarray(poses_inside).reshape(-1)]
        with torch.no_grad():
            verts = verts.detach().float().cpu()
            faces = self.faces.cpu()
            face_n = face_normals(verts, faces) * self.normal_sign
            normals = vertex_normals(verts, faces, face_n)
            ids = torch.arange(batch) if frame_ids is None else torch.as_tensor(frame_ids).reshape(-1)
            return frames.render(camera.to_clip(verts), verts, normals, camera, baked, scene, ids.tolist(), face_n,
                                 visible)

    def gl_frames(self):
        """The all-GL frame path of this topology (`egl_frames.EGLFrameRenderer`, EGL only),
        built on first use: the shading pass drawn front to back from this renderer's camera,
        closed surfaces' back faces culled, the boundary's winding fans for the coverage pass."""
        if self._gl_frames is None:
            from .egl_frames import EGLFrameRenderer

            order, sides = self.frame_layout()
            self._gl_frames = EGLFrameRenderer(self.rasterizer, self.faces, self.rest_attributes[:, 3:5], self.normal_sign,
                                               order=order, sides=sides, rest_verts=self.verts_canonical.cpu().numpy(),
                                               strands=self.strands)
        return self._gl_frames

    def frame_layout(self) -> tuple[np.ndarray, np.ndarray]:
        """The GL frame path's shading order [F] (front to back from this renderer's camera) and
        closed surfaces [F] (`mesh_topology.closed_sides`); a clip rig stores them too."""
        from .egl_frames import front_to_back

        order = front_to_back(self.camera.to_clip(self.verts_canonical.cpu()[None])[0], self.faces)
        return order, closed_sides(self.verts_canonical.cpu().numpy(), self.faces.cpu().numpy())

    # -- rendering -----------------------------------------------------------------------
    def fragment_labels(self, frags, facing: list[np.ndarray]) -> torch.Tensor:
        """[N] each fragment's surface label, negated where its face is not among `facing[b]`."""
        sign = np.full((len(facing), len(self.face_labels)), -1.0, dtype=np.float32)
        for b, chosen in enumerate(facing):
            sign[b, chosen] = 1.0
        signed = torch.from_numpy(sign * self.face_labels.astype(np.float32))
        return signed[frags.batch.cpu(), frags.tri.cpu().long()]

    def facing_faces(self, verts: torch.Tensor, face_n: torch.Tensor, camera: Camera) -> list[np.ndarray]:
        """Per frame the faces turned towards the camera (indices), as the GL frame path's
        coverage pass draws them: verts [B,V,3], face_n [B,F,3] outward."""
        from .egl_frames import facing_camera

        world = verts.detach().to("cpu", torch.float32).numpy()
        normals = face_n.detach().to("cpu", torch.float32).numpy()
        positions = camera.position.detach().to("cpu", torch.float32).numpy()
        faces = self.faces.cpu().numpy()
        return [np.flatnonzero(facing_camera(world[b], faces, 1.0, positions[b], normals[b])) for b in range(len(world))]

    def render(
        self,
        verts: torch.Tensor,
        appearance_fn: AppearanceFn | BakedAppearance,
        scene: Scene,
        camera: Camera | None = None,
        frame_ids: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """verts [B,V,3] posed head vertices -> images [B,H,W,3] in [0,1], row 0 at the top.

        Differentiable with respect to what `appearance_fn` returns (and the vertex
        positions through shading). `appearance_fn` may also be `self.bake(fn)`: the same
        picture to within interpolation error, decoded once instead of per pixel.
        `frame_ids` [B] seed the film grain (default 0..B-1).
        """
        return self.render_layers(verts, appearance_fn, scene, camera, frame_ids).image

    def render_layers(
        self,
        verts: torch.Tensor,
        appearance_fn: AppearanceFn | BakedAppearance,
        scene: Scene,
        camera: Camera | None = None,
        frame_ids: torch.Tensor | None = None,
    ) -> RenderLayers:
        """As `render`, also returning the silhouette alpha and centre mask."""
        batch = verts.shape[0]
        device = verts.device
        camera = (camera or self.camera).expand(batch).to(device)
        height, width = camera.image_size
        faces = self.faces.to(device)
        clip = camera.to_clip(verts)
        face_n = face_normals(verts, faces) * self.normal_sign
        with torch.no_grad():
            rast = self.rasterizer.rasterize(clip.detach().to(self.device), self.faces, (height, width))
            facing = self.facing_faces(verts, face_n, camera)
            samples = self.rasterizer.surface_samples(clip.detach().to(self.device), self.faces, facing,
                                                      self.face_labels, (height, width))
            # Rasters have row 0 at the bottom (clip y = -1); pictures have it at the top.
            rast, samples = rast.to(device).flip(1), samples.to(device).flip(1)
            cover = (samples != 0).to(torch.float32).mean(-1)  # the sample fraction, k/4
        frags = fragments(rast)

        normals = vertex_normals(verts, faces, face_n)
        # Two gathers instead of four: rest-pose attributes, then per-frame ones.
        rest = interpolate_fragments(self.rest_attributes.to(device), frags, faces)
        canonical, occlusion, occlusion_back = rest[:, :3], rest[:, 3:4], rest[:, 4:5]
        posed_attr = interpolate_fragments(torch.cat([verts, normals], dim=-1), frags, faces)
        posed, normal = posed_attr[:, :3], F.normalize(posed_attr[:, 3:], dim=-1, eps=1e-12)
        view_dir = F.normalize(camera.position[frags.batch] - posed, dim=-1, eps=1e-12)

        # A back face in view means we look through an opening into the head. Requiring the
        # smooth normal to face away too ignores slivers whose winding flips on the skin.
        backface = ((face_n[frags.batch, frags.tri] * view_dir).sum(-1) < 0) & ((normal * view_dir).sum(-1) < -0.1)
        normal = torch.where(backface[:, None], -normal, normal)
        occlusion = torch.where(backface[:, None], occlusion_back, occlusion)

        if isinstance(appearance_fn, BakedAppearance):
            albedo, specular = appearance_fn.lookup(frags.tri, frags.bary)
        else:  # a `ByFace` function also gets each pixel's face
            face = frags.tri.cpu().numpy() if isinstance(appearance_fn, ByFace) else None
            albedo, specular = decode(appearance_fn, canonical, face)
        tangent = None
        if self._strand_coef is not None:  # zero off the hair
            tangent = fragment_tangents(self._strand_coef.to(device), verts, faces, frags.tri, frags.batch, frags.bary)
        radiance = shade(albedo, specular, normal, view_dir, scene.lighting, occlusion, tangent)

        size = (height, width)
        post = vignette(scene.background, size, device) * scene.lighting.exposure
        image = composite(radiance, frags, cover, gradient(scene.background, size, device), post, display_encode,
                          samples, self.fragment_labels(frags, facing).to(device))
        if scene.background.film_grain > 0:
            ids = torch.arange(batch) if frame_ids is None else torch.as_tensor(frame_ids).reshape(-1)
            image = (image + film_grain(scene.background.film_grain, ids, size).to(device)).clamp(0.0, 1.0)
        mask = rast[..., 3] > 0
        return RenderLayers(image, cover, mask)
