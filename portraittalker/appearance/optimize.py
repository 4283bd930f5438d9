"""The avatar optimisation loop, shared by every guidance.

Each step: sample views (camera, expression, jaw) from the run's own generator, render the
field under them, ask the guidance for a loss, clip the gradient, take an Adam step. Every
`checkpoint_every` steps the full state (field, optimiser, generator, step) is written
atomically; a re-run with the same settings resumes from the newest checkpoint and, on CPU,
ends bit-identical to an uninterrupted run.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable, Protocol

import torch
from torch import Tensor, nn
from tqdm import tqdm

from ..guidance.base import AppearanceFn, Guidance, GuidanceInput
from .checkpoint import CheckpointStore
from .views import ViewConfig, Views, sample_views

log = logging.getLogger(__name__)


class ViewRenderer(Protocol):
    num_expression: int

    def render(self, views: Views, appearance_fn: AppearanceFn) -> Tensor: ...


@dataclass(frozen=True)
class FitConfig:
    steps: int
    learning_rate: float
    batch_size: int = 1
    grad_clip_norm: float = 1.0
    checkpoint_every: int = 50
    views: ViewConfig = ViewConfig()


@dataclass(frozen=True)
class FitResult:
    steps_run: int          # steps taken in this process (0 when fully resumed)
    resumed_from: int       # step of the checkpoint resumed from (0 = fresh)
    final_loss: float
    seconds: float


def adam(params, **options) -> torch.optim.Adam:
    """Adam, fused into one pass over each tensor where torch has the kernel (CPU, CUDA): the
    tri-grid's millions of texels make the unfused update a large share of every step."""
    params = list(params)
    fused = all(p.device.type in ("cpu", "cuda") for p in params)
    return torch.optim.Adam(params, fused=fused, **options)


def fit_field(
    field: nn.Module,
    guidance: Guidance,
    renderer: ViewRenderer,
    config: FitConfig,
    generator: torch.Generator,
    checkpoints: CheckpointStore | None = None,
    on_step: Callable[[int], None] | None = None,
    progress: bool = True,
    appearance_fn: AppearanceFn | None = None,
) -> FitResult:
    """Optimise `field` in place. The views are rendered with `appearance_fn` (default: the
    field itself), e.g. an avatar's appearance that decodes each layer with its own field.
    `on_step(step)` runs after each completed step (a test can raise from it to simulate a
    killed job)."""
    appearance_fn = field if appearance_fn is None else appearance_fn
    optimizer = adam(field.parameters(), lr=config.learning_rate, betas=(0.9, 0.99))
    start = 0
    if checkpoints is not None and (state := checkpoints.latest()) is not None:
        field.load_state_dict(state["field"])
        optimizer.load_state_dict(state["optimizer"])
        generator.set_state(state["generator"])
        start = int(state["step"])
        log.info("resuming avatar optimisation from step %d (%s)", start, checkpoints.directory)

    t0 = time.perf_counter()
    loss_value = float("nan")
    bar = tqdm(range(start, config.steps), initial=start, total=config.steps, desc=f"avatar ({guidance.kind})",
               disable=not progress, leave=False)
    for step in bar:
        views = sample_views(config.views, config.batch_size, renderer.num_expression, generator)
        images = renderer.render(views, appearance_fn)
        inp = GuidanceInput(images, views.yaw_deg, step, config.steps,
                            lambda fn, v=views: renderer.render(v, fn), generator)
        loss = guidance.loss(inp)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(field.parameters(), config.grad_clip_norm)
        optimizer.step()
        loss_value = float(loss.detach())
        bar.set_postfix(loss=f"{loss_value:.4g}")
        done = step + 1
        if checkpoints is not None and (done % config.checkpoint_every == 0) and done < config.steps:
            checkpoints.save(done, {"field": field.state_dict(), "optimizer": optimizer.state_dict(),
                                    "generator": generator.get_state()})
        if on_step is not None:
            on_step(done)
    return FitResult(max(config.steps - start, 0), start, loss_value, time.perf_counter() - t0)
