"""GLB export: the file an engine reads moves the mesh exactly as the project's own skinning,
carries the baked texture and the 52 ARKit morphs, and passes the Khronos glTF validator."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pygltflib as gl
import pytest
import torch
from PIL import Image

from portraittalker.arkit import ARKIT_NAMES, arkit_index
from portraittalker.errors import PortraitTalkerError
from portraittalker.export.atlas import texel_samples, triangle_atlas
from portraittalker.export.glb import (GlbSettings, bake_texture, build_glb, encode_png, export_corner_order,
                                       export_faces, write_glb)
from portraittalker.export.rig import axis_angle_to_quaternion, skin_influences
from portraittalker.head import FlameLayer, axis_angle_to_matrix, load_head_model
from portraittalker.io import FlameSequence
from portraittalker.arkit import JAW_OPEN_MAX_RAD

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
VALIDATOR = ROOT / "web" / "node_modules" / "gltf-validator"
TEXTURE_PX = 1024


def smooth_appearance(points: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """A skin-toned albedo that varies smoothly with position (so texel lookups can be checked)."""
    base = torch.tensor([0.62, 0.42, 0.32])
    albedo = (base + 1.5 * points[:, [0, 1, 2]] * torch.tensor([1.0, -0.6, 0.4])).clamp(0.05, 0.95)
    return albedo, torch.zeros(points.shape[0], 1)


def speaking_sequence(head, frames: int = 6) -> FlameSequence:
    rng = np.random.default_rng(3)
    expression = np.zeros((frames, 52), np.float32)
    driven = np.flatnonzero(np.abs(head.arkit_retarget()).sum(1) > 0)
    expression[:, driven] = rng.uniform(0, 1, (frames, driven.size))
    expression[:, arkit_index("jawOpen")] = np.linspace(0, 1, frames)
    pose = lambda w, s: rng.normal(0, s, (frames, w)).astype(np.float32)  # noqa: E731
    jaw = pose(3, 0.02)
    jaw[:, 0] = expression[:, arkit_index("jawOpen")] * JAW_OPEN_MAX_RAD
    return FlameSequence(expression, jaw, pose(3, 0.1), pose(3, 0.05), pose(6, 0.1), 25.0).validate()


def with_own_uvs(head):
    """The head carrying texture coordinates of its own (one chart per triangle, OBJ's v up),
    as a head with UVs (anny) does."""
    atlas = triangle_atlas(len(head.faces), TEXTURE_PX)
    order = export_corner_order(head)
    corner_uv = np.empty_like(atlas.corner_uv)
    corner_uv[:, order] = atlas.corner_uv  # back to the head's own corner order
    corner_uv[..., 1] = 1.0 - corner_uv[..., 1]
    return dataclasses.replace(head, uv=corner_uv.reshape(-1, 2), faces_uv=np.arange(head.faces.size).reshape(-1, 3))


@pytest.fixture(scope="module", params=["atlas", "head_uv"])
def head(request):
    bundled = load_head_model("bundled")
    return bundled if request.param == "atlas" else with_own_uvs(bundled)


@pytest.fixture(scope="module")
def exported(head, tmp_path_factory):
    seq = speaking_sequence(head)
    texture = bake_texture(head, smooth_appearance, TEXTURE_PX)
    gltf, blob = build_glb(head, encode_png(texture), seq, "test_avatar")
    expected_layout = "head" if getattr(head, "uv", None) is not None else "atlas"
    assert gltf.asset.extras["texture_layout"] == expected_layout
    path = tmp_path_factory.mktemp("glb") / "test_avatar.glb"
    write_glb(gltf, blob, path)
    return {"path": path, "seq": seq, "texture": texture}


# -- reading the GLB back, as an engine would ------------------------------------------------
_DTYPES = {5126: np.float32, 5121: np.uint8, 5123: np.uint16, 5125: np.uint32}
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}


def read_accessor(doc: gl.GLTF2, blob: bytes, index: int) -> np.ndarray:
    acc = doc.accessors[index]
    width = _WIDTH[acc.type]
    if acc.bufferView is None:
        out = np.zeros((acc.count, width), np.float32)
    else:
        view = doc.bufferViews[acc.bufferView]
        start = view.byteOffset + (acc.byteOffset or 0)
        assert view.byteStride in (None, 0)
        out = np.frombuffer(blob, _DTYPES[acc.componentType], acc.count * width, start).reshape(acc.count, width).copy()
    if acc.sparse:
        iv, vv = doc.bufferViews[acc.sparse.indices.bufferView], doc.bufferViews[acc.sparse.values.bufferView]
        idx = np.frombuffer(blob, _DTYPES[acc.sparse.indices.componentType], acc.sparse.count, iv.byteOffset)
        out[idx] = np.frombuffer(blob, _DTYPES[acc.componentType], acc.sparse.count * width, vv.byteOffset).reshape(-1, width)
    return out


def corner_vertices(doc: gl.GLTF2, blob: bytes) -> np.ndarray:
    """glTF vertex of every triangle corner, in the exported faces' order [3F]."""
    return read_accessor(doc, blob, doc.meshes[0].primitives[0].indices).reshape(-1).astype(int)


def load(path: Path) -> tuple[gl.GLTF2, bytes]:
    doc = gl.GLTF2().load(str(path))
    return doc, doc.binary_blob()


def quat_to_matrix(q: np.ndarray) -> np.ndarray:
    x, y, z, w = q
    return np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                     [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                     [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])


def skin_frame(doc: gl.GLTF2, blob: bytes, frame: int, morph_weights: np.ndarray | None = None) -> np.ndarray:
    """Posed positions [N,3] of the GLB's mesh at keyframe `frame`, by glTF's own rules."""
    prim = doc.meshes[0].primitives[0]
    anim = doc.animations[0]
    rotations, weights = {}, None
    for ch in anim.channels:
        values = read_accessor(doc, blob, anim.samplers[ch.sampler].output)
        if ch.target.path == "rotation":
            rotations[ch.target.node] = values[frame]
        elif ch.target.path == "weights":
            weights = values.reshape(-1, len(doc.meshes[0].weights))[frame]
    if morph_weights is not None:
        weights, rotations = morph_weights, {}
    positions = read_accessor(doc, blob, prim.attributes.POSITION).astype(np.float64)
    for w, target in zip(weights, prim.targets):
        positions += w * read_accessor(doc, blob, target["POSITION"] if isinstance(target, dict) else target.POSITION)
    world = {}

    def walk(node: int, parent: np.ndarray) -> None:
        local = np.eye(4)
        local[:3, 3] = doc.nodes[node].translation or [0, 0, 0]
        local[:3, :3] = quat_to_matrix(rotations.get(node, [0, 0, 0, 1]))
        world[node] = parent @ local
        for child in doc.nodes[node].children or []:
            walk(child, world[node])

    skin = doc.skins[0]
    walk(skin.joints[0], np.eye(4))
    ibm = read_accessor(doc, blob, skin.inverseBindMatrices).reshape(-1, 4, 4).transpose(0, 2, 1)
    joint_mats = np.stack([world[n] @ ibm[i] for i, n in enumerate(skin.joints)])
    joints = read_accessor(doc, blob, prim.attributes.JOINTS_0).astype(int)
    wts = read_accessor(doc, blob, prim.attributes.WEIGHTS_0)
    blend = np.einsum("nk,nkab->nab", wts, joint_mats[joints])
    return np.einsum("nab,nb->na", blend[:, :3, :3], positions) + blend[:, :3, 3]


# -- tests ---------------------------------------------------------------------------------------
def test_atlas_charts_never_bleed_into_each_other():
    atlas = triangle_atlas(101, 256)
    face, bary, flat = texel_samples(atlas)
    assert np.allclose(bary.sum(1), 1, atol=1e-6) and bary.min() >= 0
    owner = np.full(256 * 256, -1)
    owner[flat] = face
    owner = owner.reshape(256, 256)
    # Every texel a bilinear lookup inside a chart can touch belongs to that chart's triangle.
    rng = np.random.default_rng(0)
    for f in rng.choice(101, 30, replace=False):
        for w in rng.dirichlet(np.ones(3), 50):
            u, v = (w @ atlas.corner_uv[f]) * 256 - 0.5
            taps = owner[int(np.floor(v)):int(np.floor(v)) + 2, int(np.floor(u)):int(np.floor(u)) + 2]
            assert (taps == f).all()
    with pytest.raises(PortraitTalkerError, match="too small"):
        triangle_atlas(100_000, 512)


def test_skin_influences_keep_four_largest_and_normalise():
    w = np.array([[0.1, 0.2, 0.3, 0.25, 0.15], [0, 0, 1, 0, 0]], np.float32)
    joints, weights = skin_influences(w)
    assert joints[0].tolist() == [2, 3, 1, 4] and np.allclose(weights.sum(1), 1)
    assert np.allclose(weights[0], np.array([0.3, 0.25, 0.2, 0.15]) / 0.9)
    assert joints[1, 0] == 2 and weights[1].tolist() == [1, 0, 0, 0]


def test_quaternions_match_the_project_rotations():
    aa = np.random.default_rng(1).normal(0, 0.8, (20, 3)).astype(np.float32)
    aa[0] = 0
    expected = axis_angle_to_matrix(torch.from_numpy(aa)).numpy()
    got = np.stack([quat_to_matrix(q) for q in axis_angle_to_quaternion(aa)])
    assert np.allclose(got, expected, atol=1e-5)


def test_glb_animation_reproduces_the_project_skinning(head, exported):
    """Every frame of the exported clip, skinned by glTF rules, lands where FlameLayer puts the
    head. Pose correctives are not exported (compared on the head without them), and FLAME
    regresses its joints from the expression-deformed mesh while glTF joints stay put: that
    shifts the head by a fraction of a millimetre, hence 0.3 mm."""
    doc, blob = load(exported["path"])
    seq = exported["seq"]
    rigid = dataclasses.replace(head, posedirs=np.zeros_like(head.posedirs))
    expected = FlameLayer(rigid).forward_sequence(seq).detach().numpy()[:, export_faces(head).reshape(-1)]
    corners = corner_vertices(doc, blob)
    for t in range(seq.num_frames):
        got = skin_frame(doc, blob, t)[corners]
        assert np.abs(got - expected[t]).max() < 3e-4, f"frame {t}"
    assert np.abs(expected[-1] - expected[0]).max() > 5e-3  # the clip really moves the face


def test_glb_has_52_arkit_morphs_and_jaw_open_is_the_jaw_joint(head, exported):
    doc, blob = load(exported["path"])
    mesh = doc.meshes[0]
    assert mesh.extras["targetNames"] == list(ARKIT_NAMES) and len(mesh.primitives[0].targets) == 52
    anim_weights = read_accessor(doc, blob, doc.animations[0].samplers[0].output).reshape(-1, 52)
    expression = exported["seq"].expression.copy()
    expression[:, arkit_index("jawOpen")] = 0.0  # carried by the jaw joint in the clip
    assert np.allclose(anim_weights, expression)
    # The jawOpen morph alone equals opening the jaw joint fully (pose correctives included).
    w = np.zeros(52)
    w[arkit_index("jawOpen")] = 1.0
    layer = FlameLayer(head)
    jaw = torch.zeros(1, 3)
    jaw[0, 0] = JAW_OPEN_MAX_RAD
    z = torch.zeros(1, 3)
    opened = layer(torch.zeros(1, head.num_expression), jaw, z, z, torch.zeros(1, 6))[0].detach().numpy()
    got = skin_frame(doc, blob, 0, morph_weights=w)[corner_vertices(doc, blob)]
    # exact up to the offsets too small to store (GlbSettings.morph_epsilon_m)
    assert np.abs(got - opened[export_faces(head).reshape(-1)]).max() <= GlbSettings().morph_epsilon_m + 1e-6
    assert np.abs(opened - head.v_template).max() > 5e-3


def test_glb_texture_is_the_baked_appearance(head, exported):
    doc, blob = load(exported["path"])
    view = doc.bufferViews[doc.images[0].bufferView]
    image = np.asarray(Image.open(io.BytesIO(blob[view.byteOffset:view.byteOffset + view.byteLength])).convert("RGB"))
    assert image.shape == (TEXTURE_PX, TEXTURE_PX, 3) and doc.images[0].mimeType == "image/png"
    uv = read_accessor(doc, blob, doc.meshes[0].primitives[0].attributes.TEXCOORD_0)[corner_vertices(doc, blob)]
    uv = uv.reshape(-1, 3, 2)
    faces = export_faces(head)
    rng = np.random.default_rng(2)
    for f in rng.choice(len(faces), 200, replace=False):
        centre_uv = uv[f].mean(0) * TEXTURE_PX
        texel = image[int(centre_uv[1]), int(centre_uv[0])].astype(float)
        point = torch.from_numpy(head.v_template[faces[f]].mean(0, keepdims=True).astype(np.float32))
        albedo, _ = smooth_appearance(point)
        srgb = np.where(albedo.numpy() <= 0.0031308, 12.92 * albedo.numpy(), 1.055 * albedo.numpy() ** (1 / 2.4) - 0.055)
        assert np.abs(texel - srgb[0] * 255).max() < 12, f"face {f}"  # a texel away from the centroid at most


@pytest.mark.skipif(NODE is None, reason="node not installed (make setup installs nodejs and npm)")
def test_glb_passes_the_khronos_validator(exported):
    assert VALIDATOR.is_dir(), "web/node_modules is missing: run `make setup` (npm ci in web/)"
    proc = subprocess.run([NODE, str(ROOT / "web" / "validate_glb.mjs"), str(exported["path"])],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(proc.stdout.splitlines()[0])
    assert report["numErrors"] == 0, report["messages"]
    assert report["numWarnings"] == 0, report["messages"]
    info = report["info"]
    assert info["hasMorphTargets"] and info["hasSkins"] and info["hasTextures"] and info["animationCount"] == 1


def test_export_steps_write_a_glb_and_refuse_bad_input(tmp_path):
    from portraittalker.appearance.avatar import Avatar, save_avatar
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.io import save_flame

    head = load_head_model("bundled")
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(1))
    save_avatar(Avatar(field, head_model="bundled"), tmp_path / "avatar.pt")
    save_flame(speaking_sequence(head, 3), tmp_path / "flame.npz")
    step = lambda name, *args: subprocess.run(  # noqa: E731
        [sys.executable, str(ROOT / "steps" / name), *map(str, args)], capture_output=True, text=True, timeout=300)
    bake = step("bake_texture.py", "--avatar", tmp_path / "avatar.pt", "--out", tmp_path / "tex.png", "--size", 1024)
    assert bake.returncode == 0, bake.stderr[-2000:]
    out = tmp_path / "exports" / "a" / "clip.glb"
    run = step("export_glb.py", "--avatar", tmp_path / "avatar.pt", "--flame", tmp_path / "flame.npz",
               "--texture", tmp_path / "tex.png", "--out", out)
    assert run.returncode == 0, run.stderr[-2000:]
    doc, _ = load(out)
    assert doc.asset.extras["frames"] == 3 and doc.asset.extras["head_model"] == load_head_model("bundled").model_id
    assert len(doc.meshes[0].primitives[0].targets) == 52 and doc.images[0].mimeType == "image/png"
    (tmp_path / "bad.png").write_bytes(b"not a png")
    bad = step("export_glb.py", "--avatar", tmp_path / "avatar.pt", "--flame", tmp_path / "flame.npz",
               "--texture", tmp_path / "bad.png", "--out", tmp_path / "x.glb")
    assert bad.returncode == 1 and bad.stderr.strip().splitlines()[-1].startswith("error:")
    assert "bad.png" in bad.stderr and not (tmp_path / "x.glb").exists()


def test_head_uvs_are_used_when_every_triangle_has_its_own_chart():
    from types import SimpleNamespace

    from portraittalker.export.layout import layout_texels, texture_layout
    from portraittalker.export.texture import bake_base_colour

    n = 9  # a flat 9x9-vertex grid in the xy plane, UVs = (x, y) with OBJ's v up
    ys, xs = np.mgrid[0:n, 0:n] / (n - 1)
    verts = np.stack([xs.ravel(), ys.ravel(), np.zeros(n * n)], axis=-1).astype(np.float32)
    q = np.arange(n * n).reshape(n, n)[:-1, :-1].ravel()
    faces = np.concatenate([np.stack([q, q + 1, q + n + 1], 1), np.stack([q, q + n + 1, q + n], 1)])
    grid = SimpleNamespace(v_template=verts, faces=faces, uv=verts[:, :2].copy(), faces_uv=faces.copy())
    layout = texture_layout(grid, np.array([0, 1, 2]), 64)
    assert layout.source == "head" and np.array_equal(layout.corner_key, faces)
    face, bary, flat = layout_texels(layout)
    assert flat.size == 64 * 64  # the charts tile the square; nothing left for the background
    # Each texel shows the surface point its uv names: x = u, y = 1 - v (glTF v points down).
    red_green = lambda p: (torch.cat([p[:, :2], torch.zeros_like(p[:, :1])], 1), torch.zeros(len(p), 1))  # noqa: E731
    image = bake_base_colour(red_green, verts, faces, layout).astype(float) / 255
    lin = np.where(image <= 0.04045, image / 12.92, ((image + 0.055) / 1.055) ** 2.4)
    centres = (np.arange(64) + 0.5) / 64
    assert np.abs(lin[:, :, 0] - centres[None, :]).max() < 0.02
    assert np.abs(lin[:, :, 1] - (1 - centres)[:, None]).max() < 0.02
    # A triangle without a chart (parts added without UVs), or charts on top of each other: atlas.
    collapsed = SimpleNamespace(**{**vars(grid), "faces_uv": np.where(np.arange(len(faces))[:, None] == 0, 0, faces)})
    assert texture_layout(collapsed, np.array([0, 1, 2]), 64).source == "atlas"
    mirrored = SimpleNamespace(**{**vars(grid), "uv": np.abs(verts[:, :2] - 0.5) + 0.25})
    assert texture_layout(mirrored, np.array([0, 1, 2]), 64).source == "atlas"
