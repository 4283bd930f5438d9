"""A clip's frames on the EGL backend without torch: the playback path of steps/render_frames.py.

Rule bake_appearance stores, beside the avatar's baked lattice, everything a clip's render
derives from the avatar (`clip_rig.ClipRig`). A clip's render then poses the head in numpy
(`head/lbs_numpy.py`), takes normals, clip coordinates and landmarks here (numpy twins of
`mesh.py` and `camera.py`), and draws with the torch path's GL frame renderer
(`egl_frames.py`), visible-face sets included: the same frames to float rounding (tested),
without importing torch (1.4 s of a clip's start-up on a 2-core machine).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import mmap
import multiprocessing
import os
import queue
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from ..avatar_file import avatar_fingerprint
from ..errors import PortraitTalkerError
from ..head.lbs_numpy import NumpyLayer
from ..io import FlameSequence
from ..rounding import fma, norm3
from .baked import BakedAppearance
from .clip_rig import ClipRig
from .egl_context import made_in_this_process
from .sequence_output import SequenceRender, frame_output

log = logging.getLogger(__name__)


def face_normals(verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """verts [B,V,3], faces [F,3] -> area-weighted (unnormalised) face normals [B,F,3], rounded as
    `mesh.face_normals` (torch's cross product: a_i b_j - a_j b_i as one fused multiply-add)."""
    corners = np.ascontiguousarray(verts.transpose(1, 0, 2))[faces]  # [F,3,B,3]: rows of whole frames gather fast
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    out = np.empty_like(e1)
    for k, (i, j) in enumerate(((1, 2), (2, 0), (0, 1))):
        out[..., k] = fma(-(e1[..., j] * e2[..., i]), e1[..., i], e2[..., j])
    return np.ascontiguousarray(out.transpose(1, 0, 2))


def corner_rounds(faces: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The faces' corners in rounds: round k holds (vertices, faces) of each vertex's k-th corner
    in face order, so a round's vertices are distinct and the rounds in turn add every
    vertex's faces in face order, as torch's index_add_ does."""
    corners = faces.reshape(-1)
    order = np.argsort(corners, kind="stable")
    starts = np.searchsorted(corners[order], corners[order], side="left")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order)) - starts
    return [(corners[rank == k], np.flatnonzero(rank == k) // 3) for k in range(int(rank.max()) + 1 if len(rank) else 0)]


def vertex_normals(verts: np.ndarray, rounds: list[tuple[np.ndarray, np.ndarray]], face_n: np.ndarray) -> np.ndarray:
    """verts [B,V,3], face_n [B,F,3] -> unit vertex normals [B,V,3], the area-weighted face
    average rounded as `mesh.vertex_normals` (float32 sums in face order over `corner_rounds`;
    the length as torch's norm kernel: a fused multiply-add chain)."""
    summed = np.zeros((verts.shape[1], verts.shape[0], 3), dtype=np.float32)  # [V,B,3]
    per_face = np.ascontiguousarray(face_n.transpose(1, 0, 2))
    for vertices, faces in rounds:
        summed[vertices] += per_face[faces]
    summed = summed.transpose(1, 0, 2)
    return summed / np.maximum(norm3(summed), np.float32(1e-12))[..., None]


@dataclass(frozen=True)
class VisiblePart:
    """What posing a frame needs when only a visible-face set is drawn: the vertices its faces
    use, their normals' faces (every face around those vertices), the boundary fans' and the
    landmarks' vertices. On a dressed avatar about 62 % of the vertices and 65 % of the faces."""

    layer: NumpyLayer          # the rig's layer restricted to `vertices`
    vertices: np.ndarray       # [S] sorted mesh indices posed
    faces: np.ndarray          # [I] mesh indices of the faces whose normals are taken
    local_faces: np.ndarray    # [I,3] their corners as positions in `vertices`
    rounds: list               # corner_rounds(local_faces)
    landmarks: np.ndarray      # [L] the landmarks' positions in `vertices`

    @staticmethod
    def of(rig: ClipRig, visible: np.ndarray, fan_vertices: np.ndarray) -> "VisiblePart":
        used = np.zeros(len(rig.layer.v_template), dtype=bool)
        used[rig.faces[visible].reshape(-1)] = True
        around = np.flatnonzero(used[rig.faces].any(axis=1))  # every face of a drawn vertex: its normal's terms
        needed = np.zeros(len(used), dtype=bool)  # a mask, not np.union1d: np.unique imports numpy.ma (16 ms)
        for vertices in (rig.faces[around], fan_vertices, rig.landmark_index):
            needed[vertices] = True
        layer = rig.layer.restricted(np.flatnonzero(needed))
        local = np.searchsorted(layer.vertex_ids, rig.faces[around]).astype(np.int64)
        return VisiblePart(layer, layer.vertex_ids, around, local, corner_rounds(local),
                           np.searchsorted(layer.vertex_ids, rig.landmark_index))

    def pose(self, rig: ClipRig, seq: FlameSequence, span: slice, camera):
        """Frames `span` posed at these vertices only, in whole-mesh arrays (zero elsewhere,
        where no drawn face reads): the GL vertex data [B,V,10] (clip coordinates, vertices,
        vertex normals), outward face normals [B,F,3], and the landmarks' vertices [B,L,3].
        Each value equals the whole mesh's: per-vertex skinning, per-face normals, and every
        drawn vertex's faces summed in order."""
        part = self.layer.forward_sequence(seq, span)
        face_n = face_normals(part, self.local_faces) * np.float32(rig.normal_sign)
        data = np.zeros((part.shape[0], len(rig.layer.v_template), 10), dtype=np.float32)
        data[:, self.vertices, 0:4] = camera.to_clip(part)
        data[:, self.vertices, 4:7] = part
        data[:, self.vertices, 7:10] = vertex_normals(part, self.rounds, face_n)
        whole_n = np.zeros((part.shape[0], len(rig.faces), 3), dtype=np.float32)
        whole_n[:, self.faces] = face_n
        return data, whole_n, part[:, self.landmarks]


def mismatch(rig: ClipRig, avatar: str | os.PathLike, size: int, framing: str) -> str | None:
    """Why `rig` cannot render this clip (another avatar file, image size or framing), or None."""
    if rig.camera.image_size != (size, size) or rig.framing != framing:
        return (f"baked for {rig.camera.image_size[1]} px {rig.framing} renders, "
                f"not {size} px {framing}")
    if rig.avatar != avatar_fingerprint(avatar):
        return f"baked from another avatar file than {avatar}"
    return None


def play(
    rig: ClipRig,
    baked: BakedAppearance,
    seq: FlameSequence,
    scene,
    out_dir: str | os.PathLike | None,
    batch_size: int = 8,
    frame_sink: Callable[[np.ndarray], None] | None = None,
    workers: int = 1,
) -> SequenceRender:
    """`render.sequence.render_sequence` on the EGL backend from a clip rig: frames of `seq`
    with the lattice `baked` under `scene`, out through `sequence_output.frame_output`; the
    visible faces of `baked` drawn alone for the frames inside their pose envelope.
    `workers` > 1: that many forked processes draw alternate batches, each with its own EGL
    context, and this one puts their frames in order (`_drawn_in_processes`); the frames are
    the same to the bit. No progress bar: importing tqdm costs more than a batch."""
    seq.validate("FLAME sequence")
    vis, inside = baked.visibility, None
    if vis is not None and vis.matches(rig.camera):  # the rig's layer is the one the set was found with
        inside = vis.envelope.contains(seq)
        log.info("%d of %d frames inside the visible faces' pose envelope: they draw %d of %d faces",
                 int(inside.sum()), seq.num_frames, len(vis.faces), len(rig.faces))
    # A short first batch: GL starts drawing after two frames are posed, not a whole batch.
    starts = [0, *range(min(2, batch_size), seq.num_frames, batch_size)] if seq.num_frames else []
    spans = [slice(a, b) for a, b in zip(starts, [*starts[1:], seq.num_frames])]
    workers = max(1, min(workers, len(spans)))
    if workers > 1 and made_in_this_process():
        log.info("drawing in this process alone: it has an EGL context, which forked workers cannot use")
        workers = 1
    # Forked before any thread or EGL context of this process exists (the frame writer's included).
    batches = (_drawn_in_processes(rig, baked, seq, scene, spans, inside, workers) if workers > 1
               else _drawn(rig, baked, seq, scene, spans, inside))
    points = []
    with contextlib.closing(batches), frame_output(out_dir, frame_sink) as emit:
        for span, images, landmarks in batches:
            emit(list(range(span.start, span.stop)), images)
            points.append(landmarks)
    size = rig.camera.image_size[0]
    landmarks = np.concatenate(points) if points else np.zeros((0, len(rig.landmark_names), 2), np.float32)
    log.info("rendered %d frames at %dx%d with the egl backend (playback path%s)", seq.num_frames, size, size,
             f", {workers} processes" if workers > 1 else "")
    return SequenceRender(seq.num_frames, landmarks.astype(np.float32), rig.landmark_names, size, "egl")


def _drawn(rig: ClipRig, baked: BakedAppearance, seq: FlameSequence, scene, spans: list[slice],
           inside: np.ndarray | None,
           buffer: Callable[[int], np.ndarray] | None = None) -> Iterator[tuple[slice, np.ndarray, np.ndarray]]:
    """(span, frames uint8 [B,H,W,3], landmarks [B,L,2]) for each of `spans` in turn, drawn on a
    new EGL context of this process; `inside` [T]: frames that may draw the visible faces alone;
    `buffer(k)`: where batch k's frames go (default: a new array each)."""
    from .egl_context import EGLContext
    from .egl_frames import EGLFrameRenderer

    frames = EGLFrameRenderer(EGLContext.create(), rig.faces, rig.occlusion, rig.normal_sign, order=rig.order,
                              sides=rig.sides, rest_verts=rig.layer.v_template, strands=rig.strands)
    vis = baked.visibility
    faces = rig.faces.astype(np.int64)
    rounds = functools.cache(lambda: corner_rounds(faces))  # only for batches posed whole
    part = None if inside is None or not inside.any() else VisiblePart.of(rig, vis.faces, frames.fan_vertices)

    def pose(span: slice):
        """Batch `span` posed and ready to draw, numpy only: (frame inputs, landmarks [B,L,2])."""
        camera = rig.camera.expand(span.stop - span.start)
        if part is not None and inside[span].all():
            data, face_n, marks = part.pose(rig, seq, span, camera)
            return frames.packed_inputs(data, camera, face_n, [vis.faces] * len(data)), camera.project(marks)
        verts = rig.layer.forward_sequence(seq, span)
        face_n = face_normals(verts, faces) * np.float32(rig.normal_sign)
        normals = vertex_normals(verts, rounds(), face_n)
        visible = None if inside is None else [vis.faces if ok else None for ok in inside[span]]
        inputs = frames.frame_inputs(camera.to_clip(verts), verts, normals, camera, face_n, visible)
        return inputs, camera.project(verts[:, rig.landmark_index])

    # numpy releases the GIL and the GL waits do too (`egl_frames.finish_gl`): the next batch is
    # posed on a worker thread while this one draws, on a core llvmpipe leaves idle part of the time.
    with ThreadPoolExecutor(max_workers=1) as poser:
        posed = poser.submit(pose, spans[0]) if spans else None
        for k, span in enumerate(spans):
            inputs, landmarks = posed.result()
            if k + 1 < len(spans):
                posed = poser.submit(pose, spans[k + 1])
            out = None if buffer is None else buffer(k)[: span.stop - span.start]
            yield span, frames.draw(inputs, baked, scene, list(range(span.start, span.stop)), out), landmarks


def _drawn_in_processes(rig: ClipRig, baked: BakedAppearance, seq: FlameSequence, scene, spans: list[slice],
                        inside: np.ndarray | None, workers: int) -> Iterator[tuple[slice, np.ndarray, np.ndarray]]:
    """`_drawn`'s batches, in order, drawn by `workers` forked processes: process w draws spans
    w, w + workers, ... into its two slots of shared memory and tells the parent through a queue.

    Why processes: one llvmpipe context keeps a 2-core machine about 80 % busy (a pass's vertex
    and geometry work runs on the calling thread while the rasteriser threads wait, and the
    passes wait on each other), and moderngl's calls hold the GIL, so threads cannot fill the
    gap; two processes drawing alternate batches can. Each worker's llvmpipe gets an equal
    share of LP_NUM_THREADS. Shared memory rather than frames pickled through the queue spares
    a copy each way and the pipe (the render job 2-3 % faster on a 4 s clip)."""
    context = multiprocessing.get_context("fork")  # the rig and lattice are inherited, not pickled
    results = context.Queue()
    threads = max(1, int(os.environ.get("LP_NUM_THREADS") or os.cpu_count() or 1) // workers)
    height, width = rig.camera.image_size
    batch = max(s.stop - s.start for s in spans)
    slots = [_shared_frames(SLOTS, batch, height, width) for _ in range(workers)]
    free = [context.Semaphore(SLOTS) for _ in range(workers)]  # a slot is free once its frames are written
    parent = os.getpid()

    def work(w: int) -> None:
        _exit_with(parent)
        os.environ["LP_NUM_THREADS"] = str(threads)  # read when this process's context is made

        def buffer(k: int) -> np.ndarray:
            free[w].acquire()
            return slots[w][k % SLOTS]

        try:
            for k, (span, _, landmarks) in enumerate(_drawn(rig, baked, seq, scene, spans[w::workers], inside, buffer)):
                results.put((w + k * workers, k % SLOTS, landmarks))
        except BaseException as error:  # reported, not raised: the parent waits on the queue
            user_error = isinstance(error, PortraitTalkerError)
            results.put((-1, str(error) if user_error else f"{type(error).__name__}: {error}", user_error))

    procs = [context.Process(target=work, args=(w,), daemon=True, name=f"playback-{w}") for w in range(workers)]
    for proc in procs:
        proc.start()
    return _in_order(spans, results, procs, slots, free)


SLOTS = 2  # batches of frames in flight per drawing process


def _shared_frames(slots: int, batch: int, height: int, width: int) -> np.ndarray:
    """uint8 [slots,batch,H,W,3] in anonymous shared memory, which a forked process writes into."""
    shape = (slots, batch, height, width, 3)
    return np.frombuffer(mmap.mmap(-1, int(np.prod(shape))), dtype=np.uint8).reshape(shape)


def _exit_with(parent: int) -> None:
    """Have Linux stop this forked worker when `parent` ends, however it ends (a killed job
    leaves no worker blocked on a queue nobody reads)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the daemon flag still stops workers on a clean exit
        return
    if os.getppid() != parent:  # it ended before the request took hold
        os._exit(1)


def _in_order(spans: list[slice], results, procs, slots: list[np.ndarray],
              free: list) -> Iterator[tuple[slice, np.ndarray, np.ndarray]]:
    """The workers' batches from `results` in the order of `spans`, as views of their shared
    `slots`; a worker's failure or death raises here, and the workers are stopped however this
    ends. A batch's slot is handed back (`free`) when the next batch is asked for: by then the
    caller has written it (`frame_output` writes one batch while the next is drawn, and waits for
    that write before taking another)."""
    waiting: dict[int, tuple] = {}
    lent: list[int] = []  # workers whose slot the previous two batches hold
    workers = len(procs)
    try:
        for k, span in enumerate(spans):
            if len(lent) == 2:
                free[lent.pop(0)].release()
            while k not in waiting:
                try:
                    index, images, landmarks = results.get(timeout=1.0)
                except queue.Empty:
                    dead = [p for p in procs if p.exitcode not in (None, 0)]
                    if dead:
                        raise RuntimeError(f"render worker {dead[0].name} died (exit code {dead[0].exitcode})") from None
                    # Exited workers have flushed what they sent: a timeout just before that is no loss.
                    if all(p.exitcode == 0 for p in procs) and results.empty():
                        raise RuntimeError(f"render workers ended without frames {span.start}-{span.stop - 1}") from None
                    continue
                if index < 0:
                    raise PortraitTalkerError(images) if landmarks else RuntimeError(f"render worker failed: {images}")
                waiting[index] = (images, landmarks)
            slot, landmarks = waiting.pop(k)
            lent.append(k % workers)
            yield span, slots[k % workers][slot][: span.stop - span.start], landmarks
        for proc in procs:
            proc.join()
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
            proc.join()
        results.close()
