"""Output frames entirely in OpenGL: baked appearance lookup, shading, antialiasing, encode.

The inference twin of the torch path in `renderer.py`, for the EGL backend, where per-pixel
torch work dominates a CPU's frame time while llvmpipe runs the same arithmetic as
JIT-compiled SIMD code. Three passes per frame, each mirroring a torch step:
  1. shade: pixel-centre fragments -> linear radiance (BakedAppearance.lookup + shading.shade),
  2. coverage: 4x MSAA silhouette, as EGLRasterizer.surface_samples (from the faces turned
     towards the camera, depth-tested, each sample holding its surface's label, and the
     boundary's winding: the same samples),
  3. finish: blending where a pixel's samples see another surface than its centre, rim
     blending over the backdrop, vignette, exposure, tone curve, sRGB, film grain
     (compose.composite + background + renderer.display_encode + background.film_grain),
so the two paths agree to rounding (tested). Returns uint8 frames ready for PNG.
Inputs may be torch tensors or numpy arrays: the playback path (`playback.py`) runs without torch.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass

import moderngl
import numpy as np

from ..errors import PortraitTalkerError
from ..scene import Scene
from .baked import BakedAppearance
from .grain import GRAIN_GLSL, GRAIN_STD, grain_key
from .lights import hair_lobes, light_rig, lobe_shininess
from .mesh_topology import boundary_fans, surface_labels

TEXTURE_WIDTH = 2048
SAMPLES = 4

_VERTEX = """
#version 330
in vec4 in_clip;
in vec3 in_world;
in vec3 in_normal;
in vec2 in_occ;           // visibility of the front and the back side
out vec3 g_world;
out vec3 g_normal;
out vec2 g_occ;
void main() {
    gl_Position = in_clip;
    g_world = in_world;
    g_normal = in_normal;
    g_occ = in_occ;
}
"""

_GEOMETRY = """
#version 330
layout(triangles) in;
layout(triangle_strip, max_vertices = 3) out;
in vec3 g_world[];
in vec3 g_normal[];
in vec2 g_occ[];
out vec2 f_bary;
out vec3 f_world;
out vec3 f_normal;
out vec2 f_occ;
flat out vec3 f_face_n;
#ifdef STRANDS
out vec3 f_tangent;
uniform sampler2D strand_frames;    // two texels a face in shading order: (a0, b0, a1, b1), (a2, b2, 0, 0)
#endif
uniform float normal_sign;
uniform isampler2D primitive_ids;   // draw position in the shading order of each primitive drawn this frame
uniform isampler2D face_lattice;    // (first sample, R, surface label, 0) of each face, in shading order
flat out ivec2 f_lattice;
flat out float f_label;
void main() {
    const vec2 corner[3] = vec2[3](vec2(1.0, 0.0), vec2(0.0, 1.0), vec2(0.0, 0.0));
    vec3 e1 = g_world[1] - g_world[0];
    vec3 e2 = g_world[2] - g_world[0];
    vec3 face_n = normal_sign * cross(e1, e2);
    int id = texelFetch(primitive_ids, ivec2(gl_PrimitiveIDIn % TEXTURE_WIDTH, gl_PrimitiveIDIn / TEXTURE_WIDTH), 0).r;
    ivec4 face = texelFetch(face_lattice, ivec2(id % TEXTURE_WIDTH, id / TEXTURE_WIDTH), 0);
    ivec2 lattice = face.xy;
#ifdef STRANDS
    // each corner's strand tangent as multiples of the posed edges (hair_strands.StrandFrames)
    vec4 c01 = texelFetch(strand_frames, ivec2((2 * id) % TEXTURE_WIDTH, (2 * id) / TEXTURE_WIDTH), 0);
    vec4 c2w = texelFetch(strand_frames, ivec2((2 * id + 1) % TEXTURE_WIDTH, (2 * id + 1) / TEXTURE_WIDTH), 0);
    vec2 coef[3] = vec2[3](c01.xy, c01.zw, c2w.xy);
#endif
    for (int i = 0; i < 3; ++i) {
        f_bary = corner[i];
        f_world = g_world[i];
        f_normal = g_normal[i];
        f_occ = g_occ[i];
        f_face_n = face_n;
        f_lattice = lattice;
        f_label = float(face.z);
#ifdef STRANDS
        f_tangent = coef[i].x * e1 + coef[i].y * e2;
#endif
        gl_Position = gl_in[i].gl_Position;
        gl_PrimitiveID = id;
        EmitVertex();
    }
    EndPrimitive();
}
"""

_SHADE = """
#version 330
in vec2 f_bary;
in vec3 f_world;
in vec3 f_normal;
in vec2 f_occ;
flat in vec3 f_face_n;
#ifdef STRANDS
in vec3 f_tangent;              // zero off the hair; its length the strand highlight's share
uniform vec2 hair_exp2_scale;   // lights.hair_lobes: (primary, secondary)
uniform vec2 hair_shift;
uniform vec2 hair_inv_len;
uniform vec2 hair_norm;
#endif
layout(location = 0) out vec4 out_radiance;
flat in ivec2 f_lattice;        // (first sample, R) of this face's lattice
flat in float f_label;          // its surface (mesh_topology.surface_labels)
uniform float normal_sign;      // +1: a face wound counter-clockwise on screen faces the camera
uniform sampler2D baked;
uniform vec3 cam_pos;
uniform vec3 light_dir[3];
uniform vec3 light_rad[3];
uniform vec3 ambient;
uniform float wrap;
uniform float shininess;
uniform float lobe_norm;
uniform float spec_strength;

int lattice_index(int i, int j, int r) { return i * (r + 1) - (i * (i - 1)) / 2 + j; }
vec4 fetch(int idx) { return texelFetch(baked, ivec2(idx % TEXTURE_WIDTH, idx / TEXTURE_WIDTH), 0); }

void main() {
    // Baked appearance: the same piecewise-linear lattice lookup as BakedAppearance.lookup.
    int lattice_r = f_lattice.y;
    vec2 scaled = clamp(f_bary, 0.0, 1.0) * float(lattice_r);
    int i = clamp(int(floor(scaled.x)), 0, lattice_r - 1);
    int j = min(max(int(floor(scaled.y)), 0), lattice_r - 1 - i);
    float du = scaled.x - float(i);
    float dv = scaled.y - float(j);
    int base = f_lattice.x;
    // The cell's corner triangle picks its samples and weights first (as BakedAppearance.lookup),
    // so three fetches run, not six: llvmpipe runs both sides of a branch under lane masks.
    bool upper = du + dv > 1.0 && i + j <= lattice_r - 2;
    ivec3 ci = upper ? ivec3(i + 1, i, i + 1) : ivec3(i, i + 1, i);
    ivec3 cj = upper ? ivec3(j + 1, j + 1, j) : ivec3(j, j, j + 1);
    vec3 w = upper ? vec3(du + dv - 1.0, 1.0 - du, 1.0 - dv) : vec3(1.0 - du - dv, du, dv);
    vec4 value = w.x * fetch(base + lattice_index(ci.x, cj.x, lattice_r))
               + w.y * fetch(base + lattice_index(ci.y, cj.y, lattice_r))
               + w.z * fetch(base + lattice_index(ci.z, cj.z, lattice_r));
    vec3 albedo = value.rgb;
    float specular = value.a;

    vec3 n = normalize(f_normal);
    vec3 v = normalize(cam_pos - f_world);
    float occ = f_occ.x;
    if (dot(f_face_n, v) < 0.0 && dot(n, v) < -0.1) {  // looking into the head through an opening
        n = -n;
        occ = f_occ.y;
    }
    vec3 diffuse = ambient;
    vec3 highlight = vec3(0.0);
#ifdef STRANDS
    vec3 halves[3];
    float lit[3];
#endif
    for (int k = 0; k < 3; ++k) {
        float n_dot_l = dot(n, light_dir[k]);
        diffuse += max((n_dot_l + wrap) * (1.0 / (1.0 + wrap)), 0.0) * light_rad[k];
        vec3 h = normalize(light_dir[k] + v);
        highlight += pow(max(dot(n, h), 0.0), shininess) * (lobe_norm * max(n_dot_l, 0.0)) * light_rad[k];
#ifdef STRANDS
        halves[k] = h;
        lit[k] = max(n_dot_l, 0.0);
#endif
    }
#ifdef STRANDS
    // Hair's strand highlight (shading.strand_highlight). Loops that run for hair only, not an
    // `if`: llvmpipe leaves a loop as soon as no lane of a 4x4 block goes on, so a block of other
    // surfaces skips it all; their round highlight stays to the bit.
    int hair = dot(f_tangent, f_tangent) > 0.0 ? 1 : 0;
    for (int once = 0; once < hair; ++once) {
        vec3 along = f_tangent - n * dot(f_tangent, n);
        float len = length(along);
        vec3 t = along / max(len, 1e-12);
        vec3 lobe1 = vec3(0.0);
        for (int k = 0; k < 3; ++k) {
            float c1 = (dot(halves[k], t) + hair_shift.x * dot(halves[k], n)) * hair_inv_len.x;
            lobe1 += exp2(-hair_exp2_scale.x * (c1 * c1)) * (hair_norm.x * lit[k]) * light_rad[k];
        }
        // the secondary lobe of the key light alone (the fill's and rim's add little but time)
        float c2 = (dot(halves[0], t) + hair_shift.y * dot(halves[0], n)) * hair_inv_len.y;
        vec3 lobe2 = exp2(-hair_exp2_scale.y * (c2 * c2)) * (hair_norm.y * lit[0]) * light_rad[0];
        vec3 strands = lobe1 + sqrt(max(albedo, vec3(1e-6))) * lobe2;
        highlight = highlight + min(len, 1.0) * (strands - highlight);
    }
#endif
    // the surface label, negated on a face turned away from the camera (as the winding pass
    // tells them apart), which the coverage pass leaves out: never blended, nor borrowed from
    float facing = gl_FrontFacing == (normal_sign > 0.0) ? 1.0 : -1.0;
    out_radiance = vec4(occ * (albedo * diffuse + (spec_strength * occ * specular) * highlight), facing * f_label);
}
"""

LABEL_VERTEX = """
#version 330
in vec4 in_clip;
in float in_label;   // the vertex's surface (mesh_topology.surface_labels)
flat out float v_label;
void main() {
    gl_Position = in_clip;
    v_label = in_label;
}
"""

_COVER = """
#version 330
flat in float v_label;
layout(location = 0) out float out_cover;
void main() { out_cover = v_label / 255.0; }   // the sample's surface label, 1-254, in an 8-bit target
"""

_WINDING = """
#version 330
layout(location = 0) out float out_winding;
void main() { out_winding = gl_FrontFacing ? 1.0 : -1.0; }   // summed by additive blending
"""

_WINDING_COVER = """
#version 400
layout(location = 0) out float out_cover;
uniform sampler2DMS winding;
void main() {  // runs per sample (gl_SampleID): covered where the boundary's winding is non-zero
    if (texelFetch(winding, ivec2(gl_FragCoord.xy), gl_SampleID).r == 0.0) discard;
    out_cover = 1.0;   // 255: covered, by faces turned away from the camera alone, no surface label
}
"""

_ID = """
#version 330
layout(location = 0) out float out_id;
void main() { out_id = float(gl_PrimitiveID + 1); }   // exact in float32 below 2^24 faces
"""

_ID_SAMPLES = """
#version 400
layout(location = 0) out vec4 out_ids;
uniform sampler2DMS ids;
void main() {  // the four samples of a 4x MSAA id target side by side
    ivec2 p = ivec2(gl_FragCoord.xy);
    out_ids = vec4(texelFetch(ids, p, 0).r, texelFetch(ids, p, 1).r, texelFetch(ids, p, 2).r, texelFetch(ids, p, 3).r);
}
"""

_QUAD = """
#version 330
in vec2 in_xy;
void main() { gl_Position = vec4(in_xy, 0.0, 1.0); }
"""

# The finishing pass runs as two draws split by the shading pass's depth buffer: pixels whose
# centre the mesh covers (depth < 1) never borrow from neighbours, so they run without the rim
# search; llvmpipe's early depth test skips a 4x4 block's shader where no pixel passes, whereas
# an `if` runs its body under lane masks for every block (11.5 instead of 14 ms CPU a 512 px frame).
_FINISH_QUAD = """
#version 330
in vec2 in_xy;
void main() { gl_Position = vec4(in_xy, 1.0, 1.0); }   // depth 1: the shading pass's cleared depth
"""

_FINISH = """
#version 330
layout(location = 0) out vec4 out_display;
uniform sampler2D radiance;   // pixel-centre linear radiance, alpha its surface label (negated on a face turned away), 0 where uncovered
uniform sampler2DMS coverage; // 4x MSAA samples x 255: 0 uncovered, 255 covered by the winding alone, else a surface label
uniform vec2 size;
uniform vec3 top;
uniform vec3 bottom;
uniform float vignette;
uniform float exposure;
uniform float grain_std;      // 0: no grain
uniform uint grain_key;       // background.grain_key of this frame
uniform int taps;             // 9: the neighbour searches' loop length

vec3 soft_clip(vec3 x) {
    const float knee = 0.8;
    vec3 shoulder = knee + (1.0 - knee) * (1.0 - exp(-(x - knee) / (1.0 - knee)));
    return max(mix(x, shoulder, vec3(greaterThan(x, vec3(knee)))), 0.0);
}
vec3 to_srgb(vec3 x) {
    x = clamp(x, 0.0, 1.0);
    vec3 lo = 12.92 * x;
    vec3 hi = 1.055 * pow(max(x, 0.0031308), vec3(1.0 / 2.4)) - 0.055;
    return mix(hi, lo, step(x, vec3(0.0031308)));
}
void main() {
    // In the rendered targets' bottom-up rows, where the shading pass's depth lies (the
    // read-back flips the picture: 0.2 ms a frame, less than the depth split saves).
    vec2 frag = gl_FragCoord.xy;
    ivec2 p = ivec2(frag);
    ivec2 hi = ivec2(size) - 1;
    vec4 own = texelFetch(radiance, p, 0);
    vec4 surf = floor(255.0 * vec4(texelFetch(coverage, p, 0).r, texelFetch(coverage, p, 1).r,
                                   texelFetch(coverage, p, 2).r, texelFetch(coverage, p, 3).r) + 0.5);
    vec4 covered = vec4(notEqual(surf, vec4(0.0)));
    float count = dot(covered, vec4(1.0));
    float cov = 0.25 * count;  // exact k/4, as in torch
    vec3 colour = own.rgb;
    bool has_colour = own.a != 0.0;
#ifdef CENTRE_COVERED
    // Samples that see another surface than the centre's take the mean colour of the
    // 8-neighbours whose centre lies on that surface (compose.surface_edge_colours); the
    // search is a loop for the reason the rim's is (below).
    vec4 other = covered * vec4(lessThan(surf, vec4(255.0))) * vec4(notEqual(surf, vec4(own.a)));
    bool edge = own.a > 0.0 && dot(other, vec4(1.0)) > 0.0;
    vec3 t0 = vec3(0.0), t1 = vec3(0.0), t2 = vec3(0.0), t3 = vec3(0.0);
    vec4 found = vec4(0.0);
    int m = edge ? taps : 0;
    for (int k = 0; k < m; ++k) {  // the 3x3 neighbourhood row by row, its centre left out
        ivec2 d = ivec2(k % 3 - 1, k / 3 - 1);
        ivec2 q = p + d;
        if (d != ivec2(0) && all(greaterThanEqual(q, ivec2(0))) && all(lessThanEqual(q, hi))) {
            vec4 s = texelFetch(radiance, q, 0);
            vec4 hit = vec4(equal(surf, vec4(s.a))) * other;
            t0 += hit.x * s.rgb;
            t1 += hit.y * s.rgb;
            t2 += hit.z * s.rgb;
            t3 += hit.w * s.rgb;
            found += hit;
        }
    }
    if (edge) {  // a sample whose surface no neighbour shows keeps the centre's colour
        vec4 use = vec4(greaterThan(found, vec4(0.0)));
        vec4 keep = covered - use;
        vec3 total = keep.x * own.rgb + use.x * (t0 / max(found.x, 1.0));
        total += keep.y * own.rgb + use.y * (t1 / max(found.y, 1.0));
        total += keep.z * own.rgb + use.z * (t2 / max(found.z, 1.0));
        total += keep.w * own.rgb + use.w * (t3 / max(found.w, 1.0));
        colour = total / count;
    }
#else
    // A rim pixel whose centre missed borrows its covered neighbours. The search is a loop
    // whose length (`taps`, a uniform: 9) the compiler cannot unroll, not an `if`: llvmpipe
    // runs an `if` body under lane masks in every 4x4 block, but leaves a loop as soon as no
    // lane of the block goes on, so the backdrop skips it.
    bool rim = !has_colour && cov > 0.0;
    vec3 total = vec3(0.0);
    float found = 0.0;
    int n = rim ? taps : 0;
    for (int k = 0; k < n; ++k) {  // the 3x3 neighbourhood row by row, its centre left out
        ivec2 d = ivec2(k % 3 - 1, k / 3 - 1);
        ivec2 q = p + d;
        if (d != ivec2(0) && all(greaterThanEqual(q, ivec2(0))) && all(lessThanEqual(q, hi))) {
            vec4 s = texelFetch(radiance, q, 0);
            if (s.a != 0.0) { total += s.rgb; found += 1.0; }
        }
    }
    if (rim) {
        colour = total / max(found, 1.0);
        has_colour = found > 0.0;
    }
#endif
    float alpha = has_colour ? cov : 0.0;
    // frag row 0 is the bottom of the picture; the backdrop's `top` colour is at the top.
    float t = (size.y - frag.y) / size.y;
    vec3 backdrop = (1.0 - t) * top + t * bottom;
    vec2 ndc = frag / size * 2.0 - 1.0;
    float falloff = max(1.0 - vignette * dot(ndc, ndc) / 2.0, 0.0);
    vec3 linear = (alpha * colour + (1.0 - alpha) * backdrop) * falloff * exposure;
    vec3 display = to_srgb(soft_clip(linear));
    if (grain_std > 0.0) {  // on the display-encoded value; the 8-bit write clamps to [0,1]
        uint pixel = uint((int(size.y) - 1 - p.y) * int(size.x) + p.x);
        display += grain_std * grain_normal(pixel, grain_key);
    }
    out_display = vec4(display, 1.0);
}
"""


def as_array(values, dtype=np.float32) -> np.ndarray:
    """A torch tensor (any device, detached here) or array-like -> numpy array of `dtype`."""
    if hasattr(values, "detach"):
        values = values.detach().cpu().numpy()
    return np.asarray(values, dtype=dtype)


def front_to_back(clip, faces, layers: int = 16) -> np.ndarray:
    """Draw order [F] of `faces`, nearest first: `layers` depth slabs of equal face count by
    the closest corner's clip w (view depth) of vertices `clip` [V,4], the mesh's own order kept
    within a slab. With the depth test, hidden fragments (a body under its garments, a scalp
    under hair) then fail early instead of being shaded and overwritten: on a dressed avatar
    2.3x fewer fragments are shaded. Slabs rather than a full sort keep neighbouring faces
    together for llvmpipe's vertex cache and binning (32 vs 37-41 ms CPU a 512 px shading
    pass). The picture does not depend on the order (only exactly equal depths could resolve
    differently)."""
    depth = as_array(clip[:, 3])[as_array(faces, np.int64)].min(axis=1)
    edges = np.quantile(depth, np.linspace(0.0, 1.0, layers + 1)[1:-1])
    return np.argsort(np.searchsorted(edges, depth), kind="stable")


def facing_camera(world: np.ndarray, faces: np.ndarray, sides: np.ndarray | float, cam_pos: np.ndarray,
                  normals: np.ndarray | None = None) -> np.ndarray:
    """Mask [K] of `faces` [K,3] (vertices world [V,3]) whose outward normal (winding normal
    times `sides`, [K] or one sign, as `mesh_topology.closed_sides`) is not turned away from the
    camera; faces seen edge-on count as facing it, so rounding never drops a face that GL
    would see wound the other way. `normals` [K,3]: the faces' winding normals when already
    at hand (the renderer's, for vertex normals), saving their cross products."""
    p0 = world[faces[:, 0]]
    to_cam = cam_pos.astype(world.dtype) - p0
    if normals is None:
        e1, e2 = world[faces[:, 1]] - p0, world[faces[:, 2]] - p0
        normals = np.empty_like(e1)
        normals[:, 0] = e1[:, 1] * e2[:, 2] - e1[:, 2] * e2[:, 1]
        normals[:, 1] = e1[:, 2] * e2[:, 0] - e1[:, 0] * e2[:, 2]
        normals[:, 2] = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    normal = normals
    dot = np.einsum("fi,fi->f", normal, to_cam) * sides
    # edge-on within 1e-4 rad: dot^2 <= 1e-8 |n|^2 |d|^2
    return (dot >= 0) | (dot * dot <= 1e-8 * np.einsum("fi,fi->f", normal, normal) * np.einsum("fi,fi->f", to_cam, to_cam))


def _texture_rows(values: np.ndarray, dtype, order: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """`values` [N,...,C] (rows `order` of them along N, if given) as texels [M,C] zero-padded to
    whole TEXTURE_WIDTH rows, C = 1 for a 1-D `values`: (data, rows). The rows are gathered
    straight into place: one copy of a lattice, not three."""
    values = np.asarray(values)
    channels = values.shape[-1] if values.ndim > 1 else 1
    shape = (len(values) if order is None else len(order),) + values.shape[1:]
    texels = int(np.prod(shape)) // channels
    rows = max(1, -(-texels // TEXTURE_WIDTH))
    padded = np.empty((rows * TEXTURE_WIDTH,) + ((channels,) if values.ndim > 1 else ()), dtype=dtype)
    padded[texels:] = 0
    head = padded[:texels].reshape(shape)
    if order is None:
        head[:] = values
    else:
        np.take(values, order, axis=0, out=head)
    return padded, rows


class EGLFrameRenderer:
    """Renders uint8 frames of one topology with a baked appearance on an EGL rasterizer's context.

    `order` [F]: the draw order of the shading pass (default as given); face i of the head is
    drawn as primitive k where order[k] = i, and the baked lattice is permuted to match.
    `sides` [F] (`mesh_topology.closed_sides`): faces of closed surfaces (eyeballs, a tongue: 16 % of a
    dressed avatar's faces) turned away from the camera are left out of each frame's index
    buffers, never reaching llvmpipe's geometry shader; a closed surface's back faces always lie
    behind its front faces, so no pixel changes. Culling them in GL instead saves nothing
    measurable: llvmpipe pays most of a triangle's cost before its cull.
    The coverage pass draws only the faces turned towards the camera (by `normal_sign`) plus
    the region where the projected mesh boundary winds non-zero (`mesh_topology.boundary_fans`, summed
    in a float MSAA target, read per sample): the same samples as every face, since a sample
    covered only by faces turned away has a non-zero winding. On a dressed avatar 17k instead
    of 31k faces, the backs of the garment and hair left out: 12.5 + 3.3 ms instead of 28 ms
    CPU. `rest_verts` [V,3] place the fans' apexes (any apex is exact; central ones are small).
    `render`'s `visible`: per frame the only faces that can be seen (`visibility.py`, found
    with `seen_faces` once per avatar); both passes then select among those alone."""

    def __init__(self, rasterizer, faces, occlusion, normal_sign: float,
                 order: np.ndarray | None = None, sides: np.ndarray | None = None, rest_verts: np.ndarray | None = None,
                 strands=None):
        ctx = rasterizer.ctx
        self.ctx = ctx
        # `strands` (hair_strands.StrandFrames, or None): hair's strand highlight; without it the
        # shader is the round highlight's alone
        self.strands = strands
        define = f"#define TEXTURE_WIDTH {TEXTURE_WIDTH}\n" + ("#define STRANDS\n" if strands is not None else "")
        shade_src = _SHADE.replace("#version 330\n", "#version 330\n" + define)
        self.shade = ctx.program(vertex_shader=_VERTEX, geometry_shader=_GEOMETRY.replace("#version 330\n", "#version 330\n" + define),
                                 fragment_shader=shade_src)
        finish = _FINISH.replace("void main()", GRAIN_GLSL + "void main()", 1)
        self.finish = ctx.program(vertex_shader=_FINISH_QUAD, fragment_shader=finish)
        self.finish_covered = ctx.program(vertex_shader=_FINISH_QUAD,
                                          fragment_shader=finish.replace("#version 330\n", "#version 330\n#define CENTRE_COVERED\n", 1))
        clip_vertex = _QUAD.replace("in vec2 in_xy;", "in vec4 in_clip;").replace("gl_Position = vec4(in_xy, 0.0, 1.0);",
                                                                                "gl_Position = in_clip;")
        self.cover = ctx.program(vertex_shader=LABEL_VERTEX, fragment_shader=_COVER)
        self.shade["normal_sign"].value = float(normal_sign)
        self.normal_sign = float(normal_sign)
        self.winding = ctx.program(vertex_shader=clip_vertex, fragment_shader=_WINDING)
        self.winding_cover = ctx.program(vertex_shader=clip_vertex, fragment_shader=_WINDING_COVER)
        num_verts = occlusion.shape[0]
        faces_np = np.ascontiguousarray(as_array(faces, np.int32))
        # each face's surface; a vertex belongs to one surface, so the coverage pass reads it per vertex
        self.labels = surface_labels(faces_np, num_verts)
        vertex_labels = np.zeros(num_verts, dtype=np.float32)
        vertex_labels[faces_np] = self.labels[:, None]
        self.label_buffer = ctx.buffer(vertex_labels.tobytes())
        self.order = None if order is None else np.asarray(order, dtype=np.int64)
        self.shade_faces = faces_np if self.order is None else np.ascontiguousarray(faces_np[self.order])
        self.ibo = ctx.buffer(self.shade_faces.tobytes())
        # The coverage pass keeps the mesh's own order: it has no depth test to gain from, and
        # llvmpipe bins spatially coherent triangles a little faster (24 vs 28 ms CPU a frame).
        self.faces = faces_np
        self.cover_ibo = ctx.buffer(faces_np.tobytes())
        sides = np.zeros(len(faces_np), dtype=np.int8) if sides is None else np.asarray(sides, dtype=np.int8)
        self.shade_sides = sides if self.order is None else sides[self.order]
        self.shade_closed = np.flatnonzero(self.shade_sides != 0)
        ids, rows = _texture_rows(np.arange(len(faces_np), dtype=np.int32), np.int32)
        self._ids = ids  # host copy of the texture, rewritten per frame from the front
        self.primitive_ids = ctx.texture((TEXTURE_WIDTH, rows), 1, ids.tobytes(), dtype="i4")
        self.primitive_ids.filter = (moderngl.NEAREST, moderngl.NEAREST)
        self._strand_tex = None
        if strands is not None:  # laid out in the shading order, as the baked lattice
            texels, rows = _texture_rows(strands.texels(), np.float32, self.order)
            self._strand_tex = ctx.texture((TEXTURE_WIDTH, rows), 4, texels, dtype="f4")
            self._strand_tex.filter = (moderngl.NEAREST, moderngl.NEAREST)
        self.counts = (len(faces_np), len(faces_np))  # faces in the shading and coverage index buffers
        self.dynamic = ctx.buffer(reserve=num_verts * 10 * 4)
        self.static = ctx.buffer(np.ascontiguousarray(as_array(occlusion).reshape(-1)).tobytes())
        self.vao = ctx.vertex_array(
            self.shade,
            [(self.dynamic, "4f 3f 3f", "in_clip", "in_world", "in_normal"), (self.static, "2f", "in_occ")],
            index_buffer=self.ibo,
            index_element_size=4,
        )
        self.cover_vao = ctx.vertex_array(self.cover, [(self.dynamic, "4f 6x4", "in_clip"), (self.label_buffer, "1f", "in_label")],
                                          index_buffer=self.cover_ibo, index_element_size=4)
        fans = boundary_fans(np.zeros((num_verts, 3)) if rest_verts is None else rest_verts, faces_np)
        fans = np.ascontiguousarray(fans, dtype=np.int32)
        # whose clip coordinates the winding pass reads (not np.unique: it imports numpy.ma, 16 ms)
        self.fan_vertices = np.flatnonzero(np.bincount(fans.reshape(-1)))
        fan_ibo = ctx.buffer(fans.tobytes()) if len(fans) else None
        self.fan_vao = None if fan_ibo is None else ctx.vertex_array(
            self.winding, [(self.dynamic, "4f 6x4", "in_clip")], index_buffer=fan_ibo, index_element_size=4)
        # The winding is non-zero only inside the fans: the per-sample read covers just them.
        self.fan_cover_vao = None if fan_ibo is None else ctx.vertex_array(
            self.winding_cover, [(self.dynamic, "4f 6x4", "in_clip")], index_buffer=fan_ibo, index_element_size=4)
        quad = np.array([-1, -1, 1, -1, -1, 1, 1, 1], dtype=np.float32)
        quad_buffer = ctx.buffer(quad.tobytes())
        self.quad = ctx.vertex_array(self.finish, [(quad_buffer, "2f", "in_xy")])
        self.quad_covered = ctx.vertex_array(self.finish_covered, [(quad_buffer, "2f", "in_xy")])
        for finish in (self.finish, self.finish_covered):
            finish["taps"].value = 9  # the neighbour searches' 3x3 neighbourhood
        self._targets: dict[tuple[int, int], tuple] = {}
        self._baked_key = None
        self._baked_tex = None
        self._face_lattice_tex = None
        self._visible = None  # (faces [K] of a FaceVisibility, its arrays), see `_visible_arrays`
        self._shade_full = True  # the shading index buffer holds every face in order, ids the identity
        self._id_pass = None

    def _targets_for(self, height: int, width: int):
        if (height, width) not in self._targets:
            size = (width, height)
            radiance = self.ctx.texture(size, 4, dtype="f4")
            radiance.filter = (moderngl.NEAREST, moderngl.NEAREST)
            coverage = self.ctx.texture(size, 1, samples=SAMPLES, dtype="f1")  # surface labels / 255
            depth = self.ctx.depth_renderbuffer(size)
            display = self.ctx.framebuffer(color_attachments=[self.ctx.renderbuffer(size, components=4, dtype="f1")],
                                           depth_attachment=depth)
            display.depth_mask = False  # the finishing pass reads the shading pass's depth, keeps it
            self._targets[(height, width)] = {
                "radiance": radiance,
                "coverage": coverage,
                "shade": self.ctx.framebuffer(color_attachments=[radiance], depth_attachment=depth),
                "cover_msaa": self.ctx.framebuffer(color_attachments=[coverage],
                                                   depth_attachment=self.ctx.depth_renderbuffer(size, samples=SAMPLES)),
                "winding": self.ctx.framebuffer(color_attachments=[self.ctx.texture(size, 1, samples=SAMPLES, dtype="f4")]),
                "display": display,
            }
        return self._targets[(height, width)]

    def _bind_baked(self, baked: BakedAppearance) -> None:
        if self._baked_key is baked.values:
            return
        # [T,4]: every face's lattice samples (texels), face after face; a table of (first
        # sample, R, surface label, 0) per face in the shading order: primitive k of the shading
        # pass is face order[k]
        if len(baked.resolution) != len(self.faces):
            raise PortraitTalkerError(f"a baked lattice of {len(baked.resolution)} faces for a mesh of {len(self.faces)}; "
                                      "re-run steps/bake_appearance.py")
        padded, rows = _texture_rows(as_array(baked.values), np.float32)
        table = np.stack([baked.offsets, np.asarray(baked.resolution, dtype=np.int64), self.labels,
                          np.zeros(len(self.labels), dtype=np.int64)], axis=1)
        face_texels, face_rows = _texture_rows(table.astype(np.int32), np.int32, self.order)
        for tex in (self._baked_tex, self._face_lattice_tex):
            if tex is not None:
                tex.release()
        self._baked_tex = self.ctx.texture((TEXTURE_WIDTH, rows), 4, padded, dtype="f4")
        self._face_lattice_tex = self.ctx.texture((TEXTURE_WIDTH, face_rows), 4, face_texels, dtype="i4")
        for tex in (self._baked_tex, self._face_lattice_tex):
            tex.filter = (moderngl.NEAREST, moderngl.NEAREST)  # complete without mipmaps
        self._baked_key = baked.values

    def _set_scene(self, scene: Scene, size: tuple[int, int]) -> None:
        lighting, background = scene.lighting, scene.background
        directions, radiance = light_rig(lighting)
        self.shade["light_dir"].value = [tuple(map(float, d)) for d in directions]
        self.shade["light_rad"].value = [tuple(map(float, r)) for r in radiance]
        self.shade["ambient"].value = tuple(map(float, lighting.ambient))
        wrap = float(lighting.softness)
        shininess = lobe_shininess(lighting)
        self.shade["wrap"].value = wrap
        self.shade["shininess"].value = shininess
        self.shade["lobe_norm"].value = (shininess + 8.0) / (8.0 * 3.14159265)
        self.shade["spec_strength"].value = float(lighting.specular)
        if self.strands is not None:
            for name, value in hair_lobes(lighting).items():
                self.shade["hair_" + name].value = tuple(map(float, value))
        for finish in (self.finish, self.finish_covered):
            finish["size"].value = (float(size[1]), float(size[0]))
            finish["top"].value = tuple(map(float, background.top))
            finish["bottom"].value = tuple(map(float, background.bottom))
            finish["vignette"].value = float(background.vignette)
            finish["exposure"].value = float(lighting.exposure)
            finish["grain_std"].value = GRAIN_STD * float(background.film_grain)

    def _visible_arrays(self, visible: np.ndarray) -> dict:
        """Per-frame selections restricted to the faces `visible` [K] (mesh indices), cached."""
        if self._visible is not None and self._visible[0] is visible:
            return self._visible[1]
        inside = np.zeros(len(self.faces), dtype=bool)
        inside[visible] = True
        positions = np.flatnonzero(inside if self.order is None else inside[self.order])  # shading order kept
        closed = np.flatnonzero(self.shade_sides[positions] != 0)
        mesh = np.flatnonzero(inside)
        arrays = {"positions": positions.astype(np.int32), "closed": closed, "mesh": mesh,
                  "closed_mesh": positions[closed] if self.order is None else self.order[positions[closed]],
                  "closed_sides": self.shade_sides[positions[closed]], "cover_faces": np.ascontiguousarray(self.faces[mesh])}
        self._visible = (visible, arrays)
        return arrays

    def select_faces(self, world: np.ndarray, cam_pos: np.ndarray, face_n: np.ndarray | None = None,
                     visible: np.ndarray | None = None) -> tuple[np.ndarray | None, np.ndarray]:
        """This frame's faces, numpy only (any thread): (shading positions [K] int32 in shading
        order, or None for every face; coverage faces [M,3] int32). Shading draws every face but
        the closed surfaces' back faces; coverage draws the faces turned towards the camera, the
        rest of the silhouette coming from the boundary's winding (`mesh_topology.boundary_fans`).
        `face_n` [F]: outward face normals (winding normal times normal_sign) if at hand.
        `visible` [K]: mesh indices of the only faces that can be seen this frame
        (`visibility.FaceVisibility`), or None."""
        sign = 1.0 if face_n is not None else self.normal_sign
        if visible is None:
            positions, closed = None, self.shade_closed
            closed_mesh = closed if self.order is None else self.order[closed]
            closed_sides = self.shade_sides[closed]
            cover_faces, cover_n = self.faces, face_n
        else:
            arrays = self._visible_arrays(visible)
            positions, closed = arrays["positions"], arrays["closed"]
            closed_mesh, closed_sides = arrays["closed_mesh"], arrays["closed_sides"]
            cover_faces, cover_n = arrays["cover_faces"], None if face_n is None else face_n[arrays["mesh"]]
        facing = facing_camera(world, cover_faces, sign, cam_pos, cover_n)
        drawn = None
        if len(closed) or positions is not None:
            keep = np.ones(len(self.shade_faces) if positions is None else len(positions), dtype=bool)
            closed_sign = self.normal_sign if face_n is not None else 1.0  # face_n is winding normal x normal_sign
            keep[closed] = facing_camera(world, self.faces[closed_mesh], closed_sides * closed_sign, cam_pos,
                                         None if face_n is None else face_n[closed_mesh])
            drawn = np.flatnonzero(keep).astype(np.int32) if positions is None else positions[keep]  # shading order
        return drawn, np.ascontiguousarray(cover_faces[facing])

    def _upload_faces(self, drawn: np.ndarray | None, cover: np.ndarray) -> None:
        """`select_faces`'s choice into the index buffers and the primitive id texture."""
        if drawn is not None:
            self.ibo.write(np.ascontiguousarray(self.shade_faces[drawn]))
            self._ids[: len(drawn)] = drawn
            self.primitive_ids.write(self._ids.tobytes())
            self._shade_full = False
        else:
            drawn = self.shade_faces
            if not self._shade_full:
                self.ibo.write(self.shade_faces)
                self._ids[:] = np.arange(len(self._ids), dtype=np.int32)
                self.primitive_ids.write(self._ids.tobytes())
                self._shade_full = True
        self.cover_ibo.write(cover)
        self.counts = (len(drawn), len(cover))

    def seen_faces(self, clip: np.ndarray, world: np.ndarray, cam_pos: np.ndarray, face_n: np.ndarray,
                   size: tuple[int, int]) -> np.ndarray:
        """Mask [F] of the faces that win a sample of `render`'s passes in any of B poses: clip
        [B,V,4], world [B,V,3], cam_pos [B,3], face_n [B,F,3] (outward). The shading pass's
        pixel centres (every face, its draw order and depth test) and the coverage pass's 4x
        MSAA samples (the faces turned towards the camera, mesh order): a face winning none
        of them can leave both passes without changing a pixel of these poses."""
        ctx = self.ctx
        height, width = size
        if self._id_pass is None:
            clip_vertex = _QUAD.replace("in vec2 in_xy;", "in vec4 in_clip;").replace(
                "gl_Position = vec4(in_xy, 0.0, 1.0);", "gl_Position = in_clip;")
            prog = ctx.program(vertex_shader=clip_vertex, fragment_shader=_ID)
            samples = ctx.program(vertex_shader=_QUAD, fragment_shader=_ID_SAMPLES)
            vbo = ctx.buffer(reserve=clip.shape[1] * 16)
            shade_ibo = ctx.buffer(self.shade_faces.tobytes())
            cover_ibo = ctx.buffer(reserve=self.faces.nbytes)
            quad = ctx.buffer(np.array([-1, -1, 1, -1, -1, 1, 1, 1], dtype=np.float32).tobytes())
            self._id_pass = {
                "vbo": vbo, "cover_ibo": cover_ibo, "samples": samples,
                "shade": ctx.vertex_array(prog, [(vbo, "4f", "in_clip")], index_buffer=shade_ibo, index_element_size=4),
                "cover": ctx.vertex_array(prog, [(vbo, "4f", "in_clip")], index_buffer=cover_ibo, index_element_size=4),
                "quad": ctx.vertex_array(samples, [(quad, "2f", "in_xy")]),
            }
        ids = self._id_pass
        dims = (width, height)
        made = [ctx.renderbuffer(dims, components=1, dtype="f4"), ctx.depth_renderbuffer(dims),
                ctx.texture(dims, 1, samples=SAMPLES, dtype="f4"), ctx.depth_renderbuffer(dims, samples=SAMPLES),
                ctx.renderbuffer(dims, components=4, dtype="f4")]
        msaa_ids = made[2]
        shade_fbo = ctx.framebuffer(color_attachments=[made[0]], depth_attachment=made[1])
        cover_fbo = ctx.framebuffer(color_attachments=[msaa_ids], depth_attachment=made[3])
        out_fbo = ctx.framebuffer(color_attachments=[made[4]])
        seen = np.zeros(len(self.faces), dtype=bool)
        centre = np.empty((height, width), dtype=np.float32)
        multi = np.empty((height, width, SAMPLES), dtype=np.float32)
        try:
            for b in range(clip.shape[0]):
                ids["vbo"].write(np.ascontiguousarray(clip[b], dtype=np.float32))
                facing = np.flatnonzero(facing_camera(world[b], self.faces, 1.0, cam_pos[b], face_n[b]))
                ids["cover_ibo"].orphan(self.faces.nbytes)
                ids["cover_ibo"].write(np.ascontiguousarray(self.faces[facing]))
                ctx.enable_only(ctx.DEPTH_TEST)
                ctx.depth_func = "<"
                for fbo, vao, count in ((shade_fbo, ids["shade"], len(self.shade_faces)), (cover_fbo, ids["cover"], len(facing))):
                    fbo.use()
                    fbo.viewport = (0, 0, width, height)
                    fbo.clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
                    vao.render(vertices=3 * count)
                ctx.enable_only(0)
                shade_fbo.read_into(centre, components=1, dtype="f4")
                out_fbo.use()
                out_fbo.viewport = (0, 0, width, height)
                msaa_ids.use(location=0)
                ids["samples"]["ids"].value = 0
                ids["quad"].render(mode=ctx.TRIANGLE_STRIP)
                out_fbo.read_into(multi, components=4, dtype="f4")
                hit = np.zeros(len(self.faces) + 1, dtype=bool)  # id + 1 per sample, 0: none
                hit[centre.astype(np.int64).reshape(-1)] = True
                shading = np.flatnonzero(hit[1:])  # positions in the shading order
                seen[shading if self.order is None else self.order[shading]] = True
                hit[:] = False
                hit[multi.astype(np.int64).reshape(-1)] = True
                seen[facing[np.flatnonzero(hit[1:])]] = True  # positions among the facing faces
        finally:
            for obj in (shade_fbo, cover_fbo, out_fbo, *made):
                obj.release()
        return seen

    def frame_inputs(self, clip, world, normals, camera, face_normals=None,
                     visible: list[np.ndarray | None] | None = None) -> "FrameInputs":
        """What `draw` uploads for a batch, numpy only, so a worker thread can prepare the next
        batch while GL draws this one (`render`'s arguments)."""
        data = np.concatenate([as_array(clip), as_array(world), as_array(normals)], axis=-1)
        return self.packed_inputs(data, camera, face_normals, visible)

    def packed_inputs(self, data: np.ndarray, camera, face_normals=None,
                      visible: list[np.ndarray | None] | None = None) -> "FrameInputs":
        """`frame_inputs` from the vertex data already packed: float32 [B,V,10] (clip, world, normal)."""
        positions = as_array(camera.position)
        face_n = None if face_normals is None else as_array(face_normals)
        faces = [self.select_faces(data[b, :, 4:7], positions[b],
                                   None if face_n is None else face_n[b], None if visible is None else visible[b])
                 for b in range(data.shape[0])]
        return FrameInputs(tuple(camera.image_size), data, positions, faces)

    def render(self, clip, world, normals, camera, baked: BakedAppearance, scene: Scene,
               frame_ids: list[int], face_normals=None, visible: list[np.ndarray | None] | None = None) -> np.ndarray:
        """clip [B,V,4], world [B,V,3], normals [B,V,3] (outward, unit; tensors or arrays) -> uint8
        [B,H,W,3], row 0 at the top; `camera`: a `camera.Camera` batch (or anything with
        image_size and position [B,3]); `frame_ids` [B] key the film grain; `face_normals` [B,F,3] (outward,
        unnormalised), if at hand, spare the face selection its cross products; `visible` [B]:
        per frame the faces that can be seen (`visibility.FaceVisibility.faces`) or None (all)."""
        return self.draw(self.frame_inputs(clip, world, normals, camera, face_normals, visible), baked, scene,
                         frame_ids)

    def draw(self, inputs: "FrameInputs", baked: BakedAppearance, scene: Scene, frame_ids: list[int],
             out: np.ndarray | None = None) -> np.ndarray:
        """`render` from a batch's `frame_inputs`: uint8 frames [B,H,W,3], row 0 at the top, in
        `out` if given (e.g. shared memory). Where llvmpipe would wait for a pass inside a moderngl call (which holds the GIL), the
        wait happens first in `finish_gl`, without the GIL, so other Python threads run meanwhile."""
        height, width = inputs.image_size
        targets = self._targets_for(height, width)
        self._bind_baked(baked)
        self._set_scene(scene, (height, width))
        data, positions = inputs.vertex_data, inputs.positions
        out = np.empty((data.shape[0], height, width, 3), dtype=np.uint8) if out is None else out
        bottom_up = np.empty((height, width, 3), dtype=np.uint8)
        self._baked_tex.use(location=0)
        targets["radiance"].use(location=1)
        targets["coverage"].use(location=2)
        self.primitive_ids.use(location=3)
        self._face_lattice_tex.use(location=6)
        self.shade["baked"].value = 0
        self.shade["primitive_ids"].value = 3
        self.shade["face_lattice"].value = 6
        if self._strand_tex is not None:
            self._strand_tex.use(location=5)
            self.shade["strand_frames"].value = 5
        for finish in (self.finish, self.finish_covered):
            finish["radiance"].value = 1
            finish["coverage"].value = 2
        for b in range(data.shape[0]):
            self.dynamic.write(np.ascontiguousarray(data[b]))
            self.shade["cam_pos"].value = tuple(map(float, positions[b]))
            self._upload_faces(*inputs.faces[b])
            key = grain_key(frame_ids[b])
            self.finish["grain_key"].value = key
            self.finish_covered["grain_key"].value = key
            for name in ("shade", "cover_msaa", "display", "winding"):
                targets[name].viewport = (0, 0, width, height)
            targets["shade"].use()
            targets["shade"].clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
            self.ctx.enable_only(self.ctx.DEPTH_TEST)
            self.ctx.depth_func = "<"
            self.vao.render(vertices=3 * self.counts[0])
            self.ctx.enable_only(0)
            if self.fan_vao is not None:
                targets["winding"].use()
                finish_gl()  # llvmpipe clears this float MSAA target after the shading pass is drawn
                targets["winding"].clear(0.0, 0.0, 0.0, 0.0)
                self.ctx.enable_only(self.ctx.BLEND)
                self.ctx.blend_func = moderngl.ONE, moderngl.ONE
                self.fan_vao.render()
                self.ctx.enable_only(0)
            targets["cover_msaa"].use()
            targets["cover_msaa"].clear(0.0, 0.0, 0.0, 0.0, depth=1.0)
            if self.fan_vao is not None:  # no depth test: the fans' depth means nothing
                targets["winding"].color_attachments[0].use(location=4)
                self.winding_cover["winding"].value = 4
                finish_gl()  # sampling the winding waits for it
                self.fan_cover_vao.render()
            # the faces turned towards the camera over them, each sample keeping the nearest one's surface
            self.ctx.enable_only(self.ctx.DEPTH_TEST)
            self.ctx.depth_func = "<"
            self.cover_vao.render(vertices=3 * self.counts[1])
            self.ctx.enable_only(0)
            finish_gl()  # the finishing pass waits for the coverage
            targets["display"].use()
            self.ctx.enable_only(self.ctx.DEPTH_TEST)
            self.ctx.depth_func = ">"  # centre covered: the shading pass's depth is below 1
            self.quad_covered.render(mode=self.ctx.TRIANGLE_STRIP)
            self.ctx.depth_func = "<="  # the rest: backdrop and rim pixels
            self.quad.render(mode=self.ctx.TRIANGLE_STRIP)
            self.ctx.enable_only(0)
            finish_gl()  # the read-back waits for the finishing pass
            targets["display"].read_into(bottom_up, components=3, dtype="f1")
            out[b] = bottom_up[::-1]
        return out


@dataclass(frozen=True)
class FrameInputs:
    """A batch as `EGLFrameRenderer.draw` uploads it: image_size (H, W); vertex_data [B,V,10]
    float32 (clip, world, normal); positions [B,3] camera; faces [B]: `select_faces` per frame."""

    image_size: tuple[int, int]
    vertex_data: np.ndarray
    positions: np.ndarray
    faces: list[tuple[np.ndarray | None, np.ndarray]]


@functools.cache
def _gl_finish():
    """glFinish through ctypes, which releases the GIL while it waits (None if not found)."""
    for name in ("libEGL.so.1", "libEGL.so"):
        try:
            egl = ctypes.CDLL(name)
        except OSError:
            continue
        egl.eglGetProcAddress.restype = ctypes.c_void_p
        address = egl.eglGetProcAddress(b"glFinish")
        return ctypes.CFUNCTYPE(None)(address) if address else None
    return None


def finish_gl() -> None:
    """Wait for the current context's GL work without holding the GIL: moderngl's calls hold
    it, and llvmpipe's waits inside them (a pass sampling the previous one's target, a
    read-back) are most of a frame, so a thread preparing the next batch would stall."""
    finish = _gl_finish()
    if finish is not None:
        finish()
