#!/usr/bin/env python
"""Render a head for docs/: front and three-quarter views.

    python scripts/render_head_docs.py --out-dir docs          # the anny head, painted for --prompt
    python scripts/render_head_docs.py --head bundled          # the older sculpted head, plain albedo

On the anny head the identity comes from `--prompt` (body shape) and the appearance is the
weights-free prior's painted target for that identity (appearance/paint.py), i.e. what an
avatar's tri-grid is distilled towards; other heads get a plain skin albedo.

By default the project's `HeadRenderer` draws the portraits. `--renderer gl` uses the small
self-contained OpenGL (moderngl, EGL) renderer below instead: per-vertex normals, Lambert
key/fill light and a soft rim; it is also what the head engineer's quick looks use.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

SKIN = (0.80, 0.60, 0.50)
REGION_ALBEDO = {  # plain albedo: only what is not skin gets its own colour
    "eye": (0.92, 0.92, 0.90), "teeth": (0.93, 0.90, 0.82), "mouth_cavity": (0.25, 0.06, 0.06),
    "lips": (0.72, 0.42, 0.40),
}

VERTEX_SHADER = """
#version 330
uniform mat4 mvp;
in vec3 in_pos; in vec3 in_normal; in vec3 in_color;
out vec3 v_normal; out vec3 v_color; out vec3 v_pos;
void main() { gl_Position = mvp * vec4(in_pos, 1.0); v_normal = in_normal; v_color = in_color; v_pos = in_pos; }
"""
FRAGMENT_SHADER = """
#version 330
uniform vec3 eye_pos;
in vec3 v_normal; in vec3 v_color; in vec3 v_pos;
out vec4 f_color;
void main() {
    vec3 n = normalize(v_normal);
    vec3 v = normalize(eye_pos - v_pos);
    if (dot(n, v) < 0.0) n = -n;
    vec3 key = normalize(vec3(0.5, 0.55, 0.75));
    vec3 fill = normalize(vec3(-0.6, 0.1, 0.6));
    float diffuse = 0.75 * max(dot(n, key), 0.0) + 0.25 * max(dot(n, fill), 0.0) + 0.18;
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * 0.15;
    vec3 h = normalize(key + v);
    float spec = pow(max(dot(n, h), 0.0), 40.0) * 0.08;
    vec3 c = v_color * diffuse + rim + spec;
    f_color = vec4(pow(clamp(c, 0.0, 1.0), vec3(1.0 / 2.2)), 1.0);
}
"""


def look_at(eye: np.ndarray, target: np.ndarray, up=(0.0, 1.0, 0.0)) -> np.ndarray:
    f = target - eye
    f = f / np.linalg.norm(f)
    s = np.cross(f, up)
    s = s / np.linalg.norm(s)
    u = np.cross(s, f)
    m = np.eye(4)
    m[0, :3], m[1, :3], m[2, :3] = s, u, -f
    m[:3, 3] = -m[:3, :3] @ eye
    return m


def perspective(fov_y_deg: float, aspect: float, near: float, far: float) -> np.ndarray:
    f = 1.0 / np.tan(np.radians(fov_y_deg) / 2.0)
    m = np.zeros((4, 4))
    m[0, 0], m[1, 1] = f / aspect, f
    m[2, 2], m[2, 3] = (far + near) / (near - far), 2 * far * near / (near - far)
    m[3, 2] = -1.0
    return m


def render_mesh(verts: np.ndarray, faces: np.ndarray, colors: np.ndarray, yaw_deg: float = 0.0,
                size: int = 512, target=(0.0, -0.045, 0.0), distance: float = 0.85, fov_deg: float = 24.0,
                pitch_deg: float = 3.0) -> np.ndarray:
    """verts [V,3], faces [F,3], colors [V,3] linear RGB -> uint8 image [size,size,3]."""
    import moderngl

    from portraittalker.head.bundled.meshing import vertex_normals

    normals = vertex_normals(verts, faces)
    target = np.asarray(target, dtype=float)
    yaw, pitch = np.radians(yaw_deg), np.radians(pitch_deg)
    eye = target + distance * np.array([np.sin(yaw) * np.cos(pitch), np.sin(pitch), np.cos(yaw) * np.cos(pitch)])
    mvp = perspective(fov_deg, 1.0, 0.05, 5.0) @ look_at(eye, target)

    ctx = moderngl.create_standalone_context(backend="egl")
    try:
        prog = ctx.program(vertex_shader=VERTEX_SHADER, fragment_shader=FRAGMENT_SHADER)
        prog["mvp"].write(mvp.T.astype("f4").tobytes())
        prog["eye_pos"].value = tuple(eye)
        data = np.concatenate([verts, normals, colors], axis=1).astype("f4")
        vbo = ctx.buffer(data.tobytes())
        ibo = ctx.buffer(np.asarray(faces, dtype="i4").tobytes())
        vao = ctx.vertex_array(prog, [(vbo, "3f 3f 3f", "in_pos", "in_normal", "in_color")], ibo)
        fbo = ctx.framebuffer(
            color_attachments=[ctx.renderbuffer((size, size), samples=4)],
            depth_attachment=ctx.depth_renderbuffer((size, size), samples=4))
        resolved = ctx.framebuffer(color_attachments=[ctx.renderbuffer((size, size))])
        fbo.use()
        ctx.enable(moderngl.DEPTH_TEST)
        fbo.clear(0.85, 0.87, 0.9, 1.0)
        vao.render()
        ctx.copy_framebuffer(resolved, fbo)
        image = np.frombuffer(resolved.read(components=3), dtype=np.uint8).reshape(size, size, 3)
        return image[::-1].copy()
    finally:
        ctx.release()


def head_albedo(head) -> np.ndarray:
    """Plain per-vertex albedo: skin, with flat colours for lips, mouth, teeth and eyes (iris by angle)."""
    colors = np.tile(np.asarray(SKIN), (head.num_vertices, 1))
    for name, color in REGION_ALBEDO.items():
        colors[head.region_mask(name)] = color
    eye = head.region_mask("eye")
    joints = head.J_regressor @ head.v_template
    for joint in (3, 4):  # eye joints: iris and pupil by angle from the gaze axis (+z)
        rel = head.v_template - joints[joint]
        angle = np.degrees(np.arccos(np.clip(rel[:, 2] / np.maximum(np.linalg.norm(rel, axis=1), 1e-9), -1, 1)))
        near = eye & (np.linalg.norm(rel, axis=1) < 0.02)
        colors[near & (angle < 30)] = (0.30, 0.20, 0.12)
        colors[near & (angle < 13)] = (0.03, 0.03, 0.03)
    return colors


def albedo_fn(head):
    """appearance_fn for HeadRenderer: the plain per-vertex albedo of the nearest rest vertex."""
    import torch
    from scipy.spatial import cKDTree

    tree = cKDTree(head.v_template)
    colors = torch.as_tensor(head_albedo(head), dtype=torch.float32)
    specular = torch.where(torch.as_tensor(head.region_mask("eye") | head.region_mask("lips")), 0.6, 0.25)

    def appearance(points: "torch.Tensor"):
        _, idx = tree.query(points.detach().cpu().numpy())
        idx = torch.as_tensor(idx)
        return colors[idx].to(points), specular[idx, None].to(points)

    return appearance


def render_with_project_renderer(head, verts: np.ndarray, yaws: list[float], size: int, appearance=None,
                                 scene=None) -> list[np.ndarray]:
    import torch

    from portraittalker.render.camera import orbit_cameras
    from portraittalker.render.renderer import HeadRenderer, to_uint8
    from portraittalker.scene import Scene

    renderer = HeadRenderer(head, size=size, backend="auto", framing="upper_body")
    cameras = orbit_cameras(renderer.orbit, (size, size), yaw_deg=torch.tensor(yaws), pitch_deg=torch.full((len(yaws),), 4.0))
    batch = torch.as_tensor(verts, dtype=torch.float32)[None].expand(len(yaws), -1, -1).contiguous()
    with torch.no_grad():
        images = renderer.render(batch, appearance or albedo_fn(head), scene or Scene(), cameras)
    return list(to_uint8(images))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--head", default="anny", help="head model spec (default: anny)")
    parser.add_argument("--prompt", default="portrait of a 30 year old woman with brown eyes, soft light",
                        help="identity and paint for the anny head")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dressed", action="store_true", help="anny: add the identity's hair, clothes and glasses geometry")
    parser.add_argument("--out-dir", type=Path, default=Path("docs"))
    parser.add_argument("--size", type=int, default=768)
    parser.add_argument("--renderer", choices=("project", "gl"), default="project")
    parser.add_argument("--expression", default=None, help="name=value[,name=value] expression to pose")
    parser.add_argument("--jaw", type=float, default=0.0, help="jaw_pose[0] in radians")
    parser.add_argument("--prefix", default="head")
    parser.add_argument("--side", action="store_true", help="also a profile view (hair and hats seen from the side)")
    parser.add_argument("--other-side", action="store_true",
                        help="turn the three-quarter and profile views the other way (the person's right side)")
    args = parser.parse_args(argv)

    import torch

    from portraittalker.head import FlameLayer, load_head_model
    from portraittalker.io import atomic_path

    appearance = scene = None
    if args.head == "anny":
        from portraittalker.appearance.paint import PriorTarget
        from portraittalker.head.anny import build_anny_head
        from portraittalker.head.anny.cache import ensure_basis
        from portraittalker.identity import choose_scene, identity_from_prompt, parse_prompt, resolve_look

        identity = identity_from_prompt(args.prompt, args.seed)
        head = build_anny_head(ensure_basis(), identity.phenotype, identity.local_changes)
        if args.dressed:  # the identity's hair, facial hair, clothes and glasses as geometry (head/parts)
            from portraittalker.appearance.create import dressed_head

            head = dressed_head(head, identity, args.seed)
        from portraittalker.appearance.parts import PartMaterials, PartShader

        look = resolve_look(identity)
        target = PriorTarget(head, look, seed=args.seed)
        parts = PartShader(head, PartMaterials.for_head(head, look.eyes, look.brows, look.skin, args.seed,
                                                          iris_right=look.eyes_right))

        def appearance(points):  # the painted target, with the avatar's fixed eye/mouth materials
            return parts(points, *target(points))
        scene = choose_scene(parse_prompt(args.prompt))
    else:
        head = load_head_model(args.head)
    layer = FlameLayer(head)
    expression = torch.zeros(1, head.num_expression)
    for item in filter(None, (args.expression or "").split(",")):
        name, value = item.split("=")
        expression[0, head.expression_names.index(name)] = float(value)
    jaw = torch.tensor([[args.jaw, 0.0, 0.0]])
    zeros = torch.zeros(1, 3)
    with torch.no_grad():
        verts = layer(expression, jaw, zeros, zeros, torch.zeros(1, 6))[0].numpy()
    turn = -1.0 if args.other_side else 1.0
    views = {"front": 0.0, "three_quarter": 35.0 * turn, **({"side": 90.0 * turn} if args.side else {})}
    if args.renderer == "project":
        images = render_with_project_renderer(head, verts, list(views.values()), args.size, appearance, scene)
    else:
        colors = head_albedo(head)
        # aim at the head wherever its model puts it (the bundled head's origin is between the
        # eyes, anny's at its feet): 4.5 cm below and 6 cm behind the eye joints' midpoint
        eyes = (head.J_regressor @ head.v_template)[3:5].mean(axis=0)
        target = tuple(eyes + np.array([0.0, -0.045, -0.062]))
        images = [render_mesh(verts, head.faces, colors, yaw_deg=yaw, size=args.size, target=target)
                  for yaw in views.values()]
    for view, image in zip(views, images):
        out = args.out_dir / f"{args.prefix}_{view}.png"
        with atomic_path(out) as tmp:
            Image.fromarray(image).save(tmp, format="PNG")
        print(out)


if __name__ == "__main__":
    main()
