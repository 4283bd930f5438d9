"""`results/exports/{avatar}/{clip}.glb`: the avatar as a rigged, textured glTF 2.0 binary that
plays one clip (DESIGN.md).

Contents: one skinned mesh (every part of the head: skin, eyes, teeth, mouth, hair, clothes,
whatever the head model carries), its base colour baked from the avatar's tri-grid into a
texture, five joints (neck, head, jaw, eye_left, eye_right) with inverse bind matrices, the
52 ARKit-named morph targets (names in `mesh.extras.targetNames`, the de-facto convention
three.js, Blender and Babylon read) and one animation: the clip's ARKit weights on the morph
targets and its joint rotations, at the clip's frame times. The file is laid out by pygltflib;
this module only decides what goes in.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pygltflib as gl
from PIL import Image

from .. import __version__
from ..arkit import ARKIT_NAMES, EXPRESSION_BASIS, EYE_JOINT_NAMES, JAW_JOINT_NAMES, arkit_index
from ..errors import PortraitTalkerError
from ..head.mesh_query import vertex_normals
from ..head.model import HeadModel
from ..io import FlameSequence, atomic_path
from .layout import TextureLayout, texture_layout
from .rig import arkit_morph_targets, axis_angle_to_quaternion, skeleton, skin_influences
from .texture import AppearanceFn, bake_base_colour

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GlbSettings:
    texture_size_px: int = 2048  # ~17 px cells per triangle pair on the bundled head (26k triangles)
    roughness: float = 0.65  # skin-like sheen under engine lighting (metallic 0)
    morph_epsilon_m: float = 5e-5  # offsets under 0.05 mm are stored as zero (sparse): a quarter fewer rows


# glTF enums, named
FLOAT, UNSIGNED_BYTE, UNSIGNED_SHORT, UNSIGNED_INT = 5126, 5121, 5123, 5125
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963
LINEAR_FILTER, CLAMP_TO_EDGE = 9729, 33071


class _Binary:
    """The GLB's single binary buffer, grown one 4-byte-aligned buffer view at a time."""

    def __init__(self, gltf: gl.GLTF2):
        self.gltf = gltf
        self.chunks: list[bytes] = []
        self.length = 0

    def view(self, data: bytes, target: int | None = None, stride: int | None = None) -> int:
        pad = (-self.length) % 4
        if pad:
            self.chunks.append(b"\0" * pad)
            self.length += pad
        self.gltf.bufferViews.append(
            gl.BufferView(buffer=0, byteOffset=self.length, byteLength=len(data), target=target, byteStride=stride))
        self.chunks.append(data)
        self.length += len(data)
        return len(self.gltf.bufferViews) - 1

    def accessor(self, array: np.ndarray, kind: str, target: int | None = None, minmax: bool = False,
                 normalized: bool = False) -> int:
        array = np.ascontiguousarray(array)
        component = {np.float32: FLOAT, np.uint8: UNSIGNED_BYTE, np.uint16: UNSIGNED_SHORT,
                     np.uint32: UNSIGNED_INT}[array.dtype.type]
        count = array.shape[0]
        acc = gl.Accessor(bufferView=self.view(array.tobytes(), target), componentType=component, count=count,
                          type=kind, normalized=normalized or None)
        if minmax:
            flat = array.reshape(count, -1)
            acc.min, acc.max = flat.min(0).tolist(), flat.max(0).tolist()
        self.gltf.accessors.append(acc)
        return len(self.gltf.accessors) - 1

    def sparse_vec3(self, dense: np.ndarray, epsilon: float) -> int:
        """A VEC3 float accessor of `dense` [N,3] storing only rows with an offset > epsilon."""
        dense = np.where(np.abs(dense) > epsilon, dense, 0.0).astype(np.float32)
        rows = np.flatnonzero(np.any(dense != 0.0, axis=1))
        acc = gl.Accessor(bufferView=None, byteOffset=None, componentType=FLOAT, count=int(dense.shape[0]),
                          type=gl.VEC3, min=dense.min(0).tolist(), max=dense.max(0).tolist())
        if rows.size:  # an accessor with neither bufferView nor sparse values is all zeros
            index_type = np.uint16 if dense.shape[0] <= 65535 else np.uint32
            acc.sparse = gl.Sparse(
                count=int(rows.size),
                indices=gl.AccessorSparseIndices(bufferView=self.view(rows.astype(index_type).tobytes()),
                                                 componentType=UNSIGNED_SHORT if index_type is np.uint16 else UNSIGNED_INT),
                values=gl.AccessorSparseValues(bufferView=self.view(dense[rows].tobytes())),
            )
        self.gltf.accessors.append(acc)
        return len(self.gltf.accessors) - 1

    def finish(self) -> bytes:
        blob = b"".join(self.chunks)
        self.gltf.buffers = [gl.Buffer(byteLength=len(blob))]
        return blob


def _corner_order(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Corner order that winds faces counter-clockwise seen from outside (glTF's front face),
    whatever the head's habit: [0,1,2] or [2,1,0]."""
    corners = verts[faces]
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    outward = ((corners.mean(1) - verts.mean(0)) * normals).sum()
    return np.array([0, 1, 2] if outward >= 0 else [2, 1, 0])


def _vertex_normals(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Unit vertex normals; glTF wants unit length everywhere, so isolated vertices get +z."""
    normals = vertex_normals(verts, faces)
    unused = np.linalg.norm(normals, axis=1) < 0.5
    normals[unused] = (0.0, 0.0, 1.0)
    return normals.astype(np.float32)


def encode_png(image: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def png_size(png: bytes, source: str) -> int:
    """Side of a square RGB PNG (header only), or a clear error."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            fmt, size, mode = image.format, image.size, image.mode
    except OSError as err:
        raise PortraitTalkerError(f"{source}: not a readable PNG texture ({err})") from err
    if fmt != "PNG" or size[0] != size[1] or mode != "RGB":
        raise PortraitTalkerError(f"{source}: base-colour texture must be a square RGB PNG, got {fmt} {mode} {size}"
                                  " (re-run bake_texture)")
    return size[0]


def export_corner_order(head: HeadModel) -> np.ndarray:
    return _corner_order(np.asarray(head.v_template, np.float32), np.asarray(head.faces, np.int64))


def export_faces(head: HeadModel) -> np.ndarray:
    """The head's triangles as the GLB stores them (outward winding), in the head's order."""
    return np.asarray(head.faces, np.int64)[:, export_corner_order(head)]


def export_layout(head: HeadModel, size_px: int, uv: str = "auto") -> TextureLayout:
    """Where the GLB's triangles sit on its texture: the head's UVs when usable, else an atlas."""
    return texture_layout(head, export_corner_order(head), size_px, uv)


def bake_texture(head: HeadModel, appearance_fn: AppearanceFn, size_px: int = GlbSettings.texture_size_px,
                 uv: str = "auto", progress=None) -> np.ndarray:
    """uint8 [size,size,3] sRGB base colour of `appearance_fn` on the head's texture layout.

    Depends on the avatar and the head only, so a batch bakes it once per avatar and every
    clip's GLB reuses it (`build_glb(texture_png=...)`, with the same `uv` choice)."""
    layout = export_layout(head, size_px, uv)
    log.info("texture layout: %s UVs, %d px", layout.source, size_px)
    return bake_base_colour(appearance_fn, np.asarray(head.v_template, np.float32), export_faces(head), layout,
                            progress=progress)


def build_glb(
    head: HeadModel,
    texture_png: bytes,
    seq: FlameSequence,
    name: str,
    settings: GlbSettings = GlbSettings(),
    extras: dict | None = None,
    uv: str = "auto",
) -> tuple[gl.GLTF2, bytes]:
    """The glTF document and its binary chunk for `head` with base colour `texture_png`
    (a PNG of `bake_texture`'s image with the same `uv` choice, embedded as it is) playing `seq`."""
    seq.validate("FLAME sequence")
    verts = np.asarray(head.v_template, np.float32)
    faces = export_faces(head)
    layout = export_layout(head, png_size(texture_png, f"texture of {name}"), uv)

    # One glTF vertex per distinct (mesh vertex, texture coordinate) pair: shared inside a chart,
    # split along chart seams (every corner, with the triangle atlas).
    pair = faces.reshape(-1) * (int(layout.corner_key.max()) + 1) + layout.corner_key.reshape(-1)
    _, first, corner_index = np.unique(pair, return_index=True, return_inverse=True)
    corner_vertex = faces.reshape(-1)[first]  # glTF vertex -> mesh vertex
    vertex_uv = layout.corner_uv.reshape(-1, 2)[first]
    normals = _vertex_normals(verts, faces)
    joints, weights = skin_influences(head.lbs_weights)
    morphs = arkit_morph_targets(head)  # [52,V,3]
    skel = skeleton(head)

    gltf = gl.GLTF2(asset=gl.Asset(generator=f"portraittalker {__version__}", version="2.0"))
    binary = _Binary(gltf)
    attributes = gl.Attributes(
        POSITION=binary.accessor(verts[corner_vertex], gl.VEC3, ARRAY_BUFFER, minmax=True),
        NORMAL=binary.accessor(normals[corner_vertex], gl.VEC3, ARRAY_BUFFER),
        TEXCOORD_0=binary.accessor(np.ascontiguousarray(vertex_uv, np.float32), gl.VEC2, ARRAY_BUFFER),
        JOINTS_0=binary.accessor(joints[corner_vertex], gl.VEC4, ARRAY_BUFFER),
        WEIGHTS_0=binary.accessor(weights[corner_vertex], gl.VEC4, ARRAY_BUFFER),
    )
    indices = binary.accessor(corner_index.reshape(-1).astype(np.uint32), gl.SCALAR, ELEMENT_ARRAY_BUFFER)
    targets = [gl.Attributes(POSITION=binary.sparse_vec3(m[corner_vertex], settings.morph_epsilon_m)) for m in morphs]

    # PNG, lossless: JPEG's 8x8 blocks would blur colour across the charts' borders.
    gltf.images = [gl.Image(bufferView=binary.view(texture_png), mimeType="image/png", name=f"{name}_base_colour")]
    gltf.samplers = [gl.Sampler(magFilter=LINEAR_FILTER, minFilter=LINEAR_FILTER, wrapS=CLAMP_TO_EDGE, wrapT=CLAMP_TO_EDGE)]
    gltf.textures = [gl.Texture(sampler=0, source=0)]
    gltf.materials = [gl.Material(
        name=f"{name}_appearance",
        pbrMetallicRoughness=gl.PbrMetallicRoughness(
            baseColorTexture=gl.TextureInfo(index=0), metallicFactor=0.0, roughnessFactor=settings.roughness),
        doubleSided=True,  # the mouth's inside is seen through the lips
    )]
    gltf.meshes = [gl.Mesh(
        name=name,
        primitives=[gl.Primitive(attributes=attributes, indices=indices, material=0, targets=targets)],
        weights=[0.0] * len(ARKIT_NAMES),
        extras={"targetNames": list(ARKIT_NAMES)},
    )]

    # Nodes: 0 the skinned mesh (a root without transform, as glTF asks), 1.. the joints.
    joint_nodes = [1 + j for j in range(len(skel.names))]
    gltf.nodes = [gl.Node(name=name, mesh=0, skin=0)]
    for j, joint_name in enumerate(skel.names):
        children = [1 + c for c in range(len(skel.names)) if skel.parents[c] == j]
        gltf.nodes.append(gl.Node(name=joint_name, translation=skel.local_translation[j].tolist(),
                                  children=children or None))
    # Column-major 4x4 matrices, as glTF stores them.
    ibm = binary.accessor(np.ascontiguousarray(skel.inverse_bind.transpose(0, 2, 1)), gl.MAT4)
    gltf.skins = [gl.Skin(name=f"{name}_skeleton", joints=joint_nodes, inverseBindMatrices=ibm, skeleton=joint_nodes[0])]
    gltf.scenes = [gl.Scene(name=name, nodes=[0, joint_nodes[0]])]
    gltf.scene = 0
    gltf.animations = [_animation(binary, seq, joint_nodes)]
    gltf.asset.extras = {
        "expression_basis": EXPRESSION_BASIS,
        "fps": float(seq.fps),
        "frames": seq.num_frames,
        "texture_layout": layout.source,
        "jaw": "the animation opens the mouth with the jaw joint (FLAME jaw_pose); the jawOpen morph "
               "holds that opening as a shape for ARKit-driven engines and stays 0 in the animation",
        **(extras or {}),
    }
    return gltf, binary.finish()


def _animation(binary: _Binary, seq: FlameSequence, joint_nodes: list[int]) -> gl.Animation:
    times = (np.arange(seq.num_frames, dtype=np.float64) / seq.fps).astype(np.float32)
    time_acc = binary.accessor(times, gl.SCALAR, minmax=True)
    weights = np.clip(np.asarray(seq.expression, np.float32), 0.0, 1.0).copy()
    # The jaw and eye joints carry jawOpen and the gaze (eyeLook*): one of the two, never both.
    for name in JAW_JOINT_NAMES + EYE_JOINT_NAMES:
        weights[:, arkit_index(name)] = 0.0
    samplers = [gl.AnimationSampler(input=time_acc, output=binary.accessor(weights.reshape(-1), gl.SCALAR),
                                    interpolation="LINEAR")]
    channels = [gl.AnimationChannel(sampler=0, target=gl.AnimationChannelTarget(node=0, path="weights"))]
    # FLAME pose order = joint order: global, neck, jaw, eye_left, eye_right.
    poses = np.concatenate([seq.global_pose, seq.neck_pose, seq.jaw_pose, seq.eye_pose], axis=1)
    for j, node in enumerate(joint_nodes):
        quats = axis_angle_to_quaternion(poses[:, 3 * j:3 * j + 3])
        samplers.append(gl.AnimationSampler(input=time_acc, output=binary.accessor(quats, gl.VEC4),
                                            interpolation="LINEAR"))
        channels.append(gl.AnimationChannel(sampler=len(samplers) - 1,
                                            target=gl.AnimationChannelTarget(node=node, path="rotation")))
    return gl.Animation(name="speech", samplers=samplers, channels=channels)


def write_glb(gltf: gl.GLTF2, blob: bytes, path: str | os.PathLike) -> None:
    """Write the GLB atomically."""
    gltf.set_binary_blob(blob)
    with atomic_path(path) as tmp:
        gltf.save_binary(str(tmp))


def export_glb(head: HeadModel, texture_png: bytes, seq: FlameSequence, out: str | os.PathLike,
               settings: GlbSettings = GlbSettings(), extras: dict | None = None) -> Path:
    gltf, blob = build_glb(head, texture_png, seq, Path(out).stem, settings, extras)
    write_glb(gltf, blob, out)
    log.info("wrote %s (%.1f MB, %d frames)", out, Path(out).stat().st_size / 1e6, seq.num_frames)
    return Path(out)


def save_texture(texture: np.ndarray, path: str | os.PathLike) -> None:
    """The baked base colour as a PNG (the bytes the GLBs embed), written atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(encode_png(texture))


def load_texture(path: str | os.PathLike) -> bytes:
    """PNG bytes of a baked texture, checked to be a square RGB PNG."""
    path = Path(path)
    if not path.is_file():
        raise PortraitTalkerError(f"{path}: baked texture not found (run bake_texture first)")
    png = path.read_bytes()
    png_size(png, str(path))
    return png
