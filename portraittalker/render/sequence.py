"""Render a FLAME sequence with an avatar to numbered PNG frames and/or a video pipe, plus projected landmarks."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
from typing import Callable

import numpy as np
import torch
from tqdm import tqdm

from ..io import FlameSequence
from .baked import BakedAppearance
from .renderer import AppearanceFn, HeadRenderer, to_uint8
from .sequence_output import SequenceRender, frame_output, save_landmarks, write_png  # noqa: F401  (importers' names)

log = logging.getLogger(__name__)


def render_sequence(
    renderer: HeadRenderer,
    layer: torch.nn.Module,
    seq: FlameSequence,
    appearance_fn: AppearanceFn | BakedAppearance,
    scene,
    out_dir: str | os.PathLike | None,
    batch_size: int = 8,
    progress: bool = True,
    frame_sink: Callable[[np.ndarray], None] | None = None,
) -> SequenceRender:
    """Pose every frame with `layer` (a FlameLayer) and render in batches of `batch_size`.

    Frames leave in order to either or both of: `out_dir`/000000.png ... (the folder appears
    atomically, only when complete) and `frame_sink(frames uint8 [B,H,W,3])`, e.g. a video
    pipe's `write`, encoding overlapping with the next batch (`sequence_output.frame_output`)."""
    if out_dir is None and frame_sink is None:
        raise ValueError("render_sequence needs out_dir, frame_sink or both")
    layer.check_sequence(seq)
    points = []
    vis = appearance_fn.visibility if isinstance(appearance_fn, BakedAppearance) else None
    if vis is not None and not vis.rig_matches(layer):
        log.warning("the visible faces were found for a head that poses differently: every face drawn "
                    "(re-run steps/bake_appearance.py)")
        appearance_fn, vis = dataclasses.replace(appearance_fn, visibility=None), None
    inside = None
    if vis is not None:  # faces the avatar's clips can show, for poses inside its envelope
        inside = vis.envelope.contains(seq)
        use = vis.matches(renderer.camera) and renderer.backend == "egl"
        log.info("%d of %d frames inside the visible faces' pose envelope%s", int(inside.sum()), seq.num_frames,
                 f": they draw {len(vis.faces)} of {len(renderer.faces)} faces" if use else
                 "; another camera or backend: every face drawn")
    with contextlib.ExitStack() as stack:
        emit = stack.enter_context(frame_output(out_dir, frame_sink))
        stack.enter_context(torch.no_grad())
        starts = range(0, seq.num_frames, batch_size)
        for start in tqdm(starts, desc="render", unit="batch", disable=not progress):
            frames = slice(start, min(start + batch_size, seq.num_frames))
            verts = layer.forward_sequence(seq, frames).to(renderer.device)
            ids = torch.arange(frames.start, frames.stop)
            if isinstance(appearance_fn, BakedAppearance):
                images = renderer.render_frames(verts, appearance_fn, scene, frame_ids=ids,
                                                poses_inside=None if inside is None else inside[frames])
            else:
                images = to_uint8(renderer.render(verts, appearance_fn, scene, frame_ids=ids))
            emit(ids.tolist(), images)
            points.append(renderer.project_landmarks(verts).cpu().numpy())
    landmarks = np.concatenate(points) if points else np.zeros((0, len(renderer.landmark_names), 2), np.float32)
    log.info("rendered %d frames at %dx%d with the %s backend", seq.num_frames, renderer.size, renderer.size, renderer.backend)
    return SequenceRender(seq.num_frames, landmarks.astype(np.float32), renderer.landmark_names, renderer.size, renderer.backend)
