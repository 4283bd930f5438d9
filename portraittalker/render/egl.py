"""OpenGL rasterizer through moderngl on a headless EGL context (Mesa llvmpipe on a CPU,
the vendor driver on a GPU).

One context, one set of buffers and framebuffers per resolution, reused across calls: the
avatar optimisation calls this thousands of times at small sizes, so per-call overhead
matters more than peak throughput. Triangle ids come from `gl_PrimitiveID`; barycentrics
from a geometry shader that tags each corner, interpolated perspective-correctly by GL.
"""

from __future__ import annotations

import numpy as np
import torch

from .egl_context import create_egl_context
from .egl_frames import LABEL_VERTEX

COVERAGE_SAMPLES = 4

_VERTEX = """
#version 330
in vec4 in_pos;
void main() { gl_Position = in_pos; }
"""

_GEOMETRY = """
#version 330
layout(triangles) in;
layout(triangle_strip, max_vertices = 3) out;
out vec2 v_bary;
void main() {
    const vec2 corner[3] = vec2[3](vec2(1.0, 0.0), vec2(0.0, 1.0), vec2(0.0, 0.0));
    for (int i = 0; i < 3; ++i) {
        v_bary = corner[i];
        gl_Position = gl_in[i].gl_Position;
        gl_PrimitiveID = gl_PrimitiveIDIn;
        EmitVertex();
    }
    EndPrimitive();
}
"""

_FRAGMENT_RAST = """
#version 330
in vec2 v_bary;
layout(location = 0) out vec4 out_rast;
void main() {
    // Window depth back to clip-space z/w (default depth range [0, 1]).
    out_rast = vec4(v_bary, gl_FragCoord.z * 2.0 - 1.0, float(gl_PrimitiveID + 1));
}
"""

_FRAGMENT_COVER = """
#version 330
layout(location = 0) out float out_cover;
void main() { out_cover = 1.0; }
"""


_FRAGMENT_LABEL = """
#version 330
flat in float v_label;
layout(location = 0) out float out_label;
void main() { out_label = v_label; }
"""

_QUAD = """
#version 330
in vec2 in_xy;
void main() { gl_Position = vec4(in_xy, 0.0, 1.0); }
"""

_FRAGMENT_SAMPLES = """
#version 400
layout(location = 0) out vec4 out_samples;
uniform sampler2DMS samples;
void main() {  // the four samples of a 4x MSAA target side by side
    ivec2 p = ivec2(gl_FragCoord.xy);
    out_samples = vec4(texelFetch(samples, p, 0).r, texelFetch(samples, p, 1).r,
                       texelFetch(samples, p, 2).r, texelFetch(samples, p, 3).r);
}
"""


class _Targets:
    """Framebuffers for one resolution: float rast target + depth, multisampled coverage."""

    def __init__(self, ctx, height: int, width: int):
        size = (width, height)
        self.rast = ctx.framebuffer(
            color_attachments=[ctx.renderbuffer(size, components=4, dtype="f4")],
            depth_attachment=ctx.depth_renderbuffer(size),
        )
        # 8-bit coverage: the resolve and read-back are 4x cheaper than float, and k/4 survives.
        self.cover_msaa = ctx.framebuffer(
            color_attachments=[ctx.renderbuffer(size, components=1, dtype="f1", samples=COVERAGE_SAMPLES)]
        )
        self.cover = ctx.framebuffer(color_attachments=[ctx.renderbuffer(size, components=1, dtype="f1")])
        self._ctx, self._size = ctx, size
        self._labels = None

    def labels(self):
        """(4x MSAA float label texture + depth, its samples side by side [H,W,4]), made on first use."""
        if self._labels is None:
            msaa = self._ctx.texture(self._size, 1, samples=COVERAGE_SAMPLES, dtype="f4")
            self._labels = (
                self._ctx.framebuffer(color_attachments=[msaa],
                                      depth_attachment=self._ctx.depth_renderbuffer(self._size, samples=COVERAGE_SAMPLES)),
                msaa,
                self._ctx.framebuffer(color_attachments=[self._ctx.renderbuffer(self._size, components=4, dtype="f4")]),
            )
        return self._labels


class EGLRasterizer:
    """nvdiffrast-shaped rasterizer on OpenGL 3.3 via EGL. Inputs may live on any device;
    GL reads them from host memory and the outputs come back on the input's device."""

    name = "egl"

    def __init__(self):
        import moderngl

        self.ctx = create_egl_context()
        self.description = f"{self.ctx.info['GL_RENDERER']} / OpenGL {self.ctx.version_code}"
        self.device = torch.device("cpu")
        self._rast_prog = self.ctx.program(vertex_shader=_VERTEX, geometry_shader=_GEOMETRY, fragment_shader=_FRAGMENT_RAST)
        self._cover_prog = self.ctx.program(vertex_shader=_VERTEX, fragment_shader=_FRAGMENT_COVER)
        self._label_prog = self.ctx.program(vertex_shader=LABEL_VERTEX, fragment_shader=_FRAGMENT_LABEL)
        self._samples_prog = self.ctx.program(vertex_shader=_QUAD, fragment_shader=_FRAGMENT_SAMPLES)
        quad = np.array([-1, -1, 1, -1, -1, 1, 1, 1], dtype=np.float32)
        self._quad = self.ctx.vertex_array(self._samples_prog, [(self.ctx.buffer(quad.tobytes()), "2f", "in_xy")])
        self._depth_test = moderngl.DEPTH_TEST
        self._targets: dict[tuple[int, int], _Targets] = {}
        self._tri: np.ndarray | None = None
        self._ibo = None
        self._vbo = None
        self._vaos = None
        self._label_draw = None  # (vbo, labels, the label pass's vertex arrays and buffers), see `_label_buffers`

    # -- buffers ---------------------------------------------------------------------------
    def _bind_geometry(self, tri: torch.Tensor, num_verts: int) -> None:
        tri_np = np.ascontiguousarray(tri.detach().cpu().numpy(), dtype=np.int32)
        if tri_np.ndim != 2 or tri_np.shape[1] != 3:
            raise ValueError(f"tri must be [F,3], got {tuple(tri_np.shape)}")
        same_tri = self._tri is not None and self._tri.shape == tri_np.shape and np.array_equal(self._tri, tri_np)
        if same_tri and self._vbo is not None and self._vbo.size == num_verts * 16:
            return
        for obj in (self._vaos or ()):
            obj.release()
        if self._vbo is not None:
            self._vbo.release()
        if not same_tri:
            if self._ibo is not None:
                self._ibo.release()
            self._ibo = self.ctx.buffer(tri_np.tobytes())
            self._tri = tri_np
        self._vbo = self.ctx.buffer(reserve=num_verts * 16)
        self._vaos = tuple(
            self.ctx.vertex_array(prog, [(self._vbo, "4f", "in_pos")], index_buffer=self._ibo, index_element_size=4)
            for prog in (self._rast_prog, self._cover_prog)
        )

    def _targets_for(self, height: int, width: int) -> _Targets:
        key = (height, width)
        if key not in self._targets:
            self._targets[key] = _Targets(self.ctx, height, width)
        return self._targets[key]

    @staticmethod
    def _check(clip_pos: torch.Tensor, resolution) -> tuple[int, int, np.ndarray]:
        if clip_pos.ndim != 3 or clip_pos.shape[-1] != 4:
            raise ValueError(f"clip_pos must be [B,V,4], got {tuple(clip_pos.shape)}")
        height, width = int(resolution[0]), int(resolution[1])
        pos = np.ascontiguousarray(clip_pos.detach().to("cpu", torch.float32).numpy())
        return height, width, pos

    # -- the two primitives ----------------------------------------------------------------
    def rasterize(self, clip_pos: torch.Tensor, tri: torch.Tensor, resolution: tuple[int, int]) -> torch.Tensor:
        """clip_pos [B,V,4], tri [F,3] -> rast [B,H,W,4] float32 (u, v, z/w, triangle_id + 1)."""
        height, width, pos = self._check(clip_pos, resolution)
        self._bind_geometry(tri, pos.shape[1])
        fbo = self._targets_for(height, width).rast
        out = np.empty((pos.shape[0], height, width, 4), dtype=np.float32)
        fbo.use()
        fbo.viewport = (0, 0, width, height)
        self.ctx.enable_only(self._depth_test)
        self.ctx.depth_func = "<"
        for b in range(pos.shape[0]):
            self._vbo.write(pos[b])
            fbo.clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
            self._vaos[0].render()
            fbo.read_into(out[b], components=4, dtype="f4")
        return torch.from_numpy(out).to(clip_pos.device)

    def coverage(self, clip_pos: torch.Tensor, tri: torch.Tensor, resolution: tuple[int, int]) -> torch.Tensor:
        """Fraction of each pixel covered by any triangle, from 4x MSAA: [B,H,W] float32 in [0,1]."""
        height, width, pos = self._check(clip_pos, resolution)
        self._bind_geometry(tri, pos.shape[1])
        targets = self._targets_for(height, width)
        out = np.empty((pos.shape[0], height, width), dtype=np.uint8)
        self.ctx.enable_only(0)
        for b in range(pos.shape[0]):
            self._vbo.write(pos[b])
            targets.cover_msaa.use()
            targets.cover_msaa.viewport = (0, 0, width, height)
            targets.cover_msaa.clear(0.0, 0.0, 0.0, 0.0)
            self._vaos[1].render()
            self.ctx.copy_framebuffer(targets.cover, targets.cover_msaa)  # resolves the samples
            targets.cover.read_into(out[b], components=1, dtype="f1")
        # Snap the 8-bit resolve (e.g. 64/255) back to the exact sample fraction k/4.
        samples = torch.from_numpy(out).float().mul_(COVERAGE_SAMPLES / 255.0).round_()
        return samples.div_(COVERAGE_SAMPLES).to(clip_pos.device)

    def surface_samples(self, clip_pos: torch.Tensor, tri: torch.Tensor, front: list[np.ndarray], labels: np.ndarray,
                        resolution: tuple[int, int]) -> torch.Tensor:
        """The 4x MSAA samples of `coverage`, each telling what it sees: [B,H,W,4] float32, 0
        uncovered, else the surface label (`labels` [F], >= 1) of the nearest face among
        `front[b]` (face indices, those turned towards the camera), -1 where only other faces
        cover it. The GL frame path's coverage pass keeps the same samples (egl_frames)."""
        height, width, pos = self._check(clip_pos, resolution)
        self._bind_geometry(tri, pos.shape[1])
        tri_np = self._tri
        fbo, msaa, side_by_side = self._targets_for(height, width).labels()
        out = np.empty((pos.shape[0], height, width, 4), dtype=np.float32)
        every_vao, front_vao, front_ibo = self._label_buffers(labels, pos.shape[1])
        for b in range(pos.shape[0]):
            self._vbo.write(pos[b])
            fbo.use()
            fbo.viewport = (0, 0, width, height)
            fbo.clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
            self.ctx.enable_only(0)  # every face, -1
            every_vao.render(vertices=3 * len(tri_np))
            self.ctx.enable_only(self._depth_test)  # the faces turned towards the camera, nearest first
            self.ctx.depth_func = "<"
            chosen = np.ascontiguousarray(tri_np[np.asarray(front[b], dtype=np.int64)])
            if len(chosen):
                front_ibo.write(chosen)
                front_vao.render(vertices=3 * len(chosen))
            self.ctx.enable_only(0)
            side_by_side.use()
            side_by_side.viewport = (0, 0, width, height)
            msaa.use(location=0)
            self._samples_prog["samples"].value = 0
            self._quad.render(mode=self.ctx.TRIANGLE_STRIP)
            side_by_side.read_into(out[b], components=4, dtype="f4")
        return torch.from_numpy(out).to(clip_pos.device)

    def _label_buffers(self, labels: np.ndarray, num_verts: int):
        """The label pass's two vertex arrays over the bound geometry: every face labelled -1 (its
        indices written once), and each vertex's surface label with an index buffer the caller fills
        with the faces turned towards the camera; -> (every_vao, front_vao, front_ibo), kept while
        the geometry and `labels` (the same array) stay, so a frame writes only its front faces."""
        cached = self._label_draw
        if cached is not None and cached[0] is self._vbo and cached[1] is labels:
            return cached[2][:3]
        if cached is not None:
            for obj in cached[2]:
                obj.release()
        vertex_labels = np.zeros(num_verts, dtype=np.float32)
        vertex_labels[self._tri] = np.asarray(labels, dtype=np.float32)[:, None]
        every_labels = self.ctx.buffer(np.full(num_verts, -1.0, dtype=np.float32).tobytes())
        front_labels = self.ctx.buffer(vertex_labels.tobytes())
        front_ibo = self.ctx.buffer(reserve=max(self._tri.nbytes, 12))
        every_vao = self.ctx.vertex_array(self._label_prog, [(self._vbo, "4f", "in_clip"), (every_labels, "1f", "in_label")],
                                          index_buffer=self._ibo, index_element_size=4)  # the geometry's own
        front_vao = self.ctx.vertex_array(self._label_prog, [(self._vbo, "4f", "in_clip"), (front_labels, "1f", "in_label")],
                                          index_buffer=front_ibo, index_element_size=4)
        objects = (every_vao, front_vao, front_ibo, every_labels, front_labels)
        self._label_draw = (self._vbo, labels, objects)
        return objects[:3]
