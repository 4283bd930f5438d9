"""Text prompt -> `Avatar`: parse, choose guidance, initialise, optimise, record.

This is the whole avatar stage behind `steps/create_avatar.py`; everything a run depends
on is in `AvatarRequest`, and everything it decided (attributes found and ignored, guidance
kind and model, scene, timings) goes into the avatar's metadata.
"""

from __future__ import annotations

import logging
import platform
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

import numpy as np
import torch

from .. import __version__
from ..guidance.base import Guidance
from ..guidance.prior import PromptPriorGuidance
from ..guidance.select import choose_guidance_kind
from ..head import HeadModel, load_head_model
from ..head.loading import ANNY_SPEC
from ..identity.lexicon import BARE_CHEST
from ..identity.face import rounded_ears
from ..identity.look import Look, region_palette, resolve_look
from ..identity.prompt import PromptAttributes, parse_prompt
from ..identity.resolve import identity_from_attributes
from ..identity.types import Identity
from ..identity.scene_choice import choose_scene
from .avatar import Avatar, save_avatar
from .checkpoint import CheckpointStore, run_fingerprint
from .initialise import initialise_from_regions
from .layers import layered_field_for_head
from .optimize import FitConfig, fit_field
from .paint import PriorTarget
from .parts import PartMaterials
from .surface import bounding_box
from .trigrid import TriGridConfig
from .views import HeadViewRenderer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AvatarRequest:
    prompt: str
    seed: int = 0
    negative_prompt: str = ""
    guidance: str = "auto"               # auto | sds | prior
    sd_model_path: str | None = None
    steps: int | None = None             # None: the guidance's default
    head: str = "anny"                   # "anny" (built from the prompt's identity), "bundled", or a file
    head_basis: str | None = None        # anny basis .npz (None: the per-install cache)
    render_size: int = 128
    checkpoint_dir: str | None = None
    checkpoint_every: int = 50
    guidance_scale: float = 100.0
    backend: str = "auto"
    init_steps: int = 100                # region-colour fit before the guided optimisation
    field_resolutions: tuple[int, ...] = TriGridConfig.resolutions  # tri-grid plane sizes, coarse to fine
    allow_cpu_sds: bool = False          # run a full-size SDS UNet on a CPU anyway (refused otherwise)


def start_palette(look: Look, target: PriorTarget) -> dict:
    """The flat region colours the field starts from: the look's, with the brow region as the
    painter has it. Where it draws the brows as a narrow arch the rest of the region is skin; a
    start with the whole region in the brows' colour was not distilled away in the guided steps,
    and its remains tinted the arch olive (a blonde's brows green, hue 94 for the painter's 70)."""
    palette = region_palette(look)
    if target.brows_as_arch:
        palette["brow"] = look.skin
    return palette


def _make_guidance(kind: str, request: AvatarRequest, target: PriorTarget) -> Guidance:
    if kind == "prior":
        return PromptPriorGuidance(target)
    from ..guidance.sds import SDSConfig, SDSGuidance  # diffusers is imported only when needed

    device = "cuda" if torch.cuda.is_available() else "cpu"
    return SDSGuidance.from_pretrained(
        request.sd_model_path, request.prompt, request.negative_prompt,
        SDSConfig(guidance_scale=request.guidance_scale, allow_cpu=request.allow_cpu_sds), device=device)


def avatar_head(request: AvatarRequest, identity: Identity) -> HeadModel:
    """The head the avatar is made on: on "anny", the identity's own body (phenotype and face
    local changes baked in); otherwise the configured shared head."""
    if request.head != ANNY_SPEC:
        return load_head_model(request.head)
    from ..head.anny import build_anny_head
    from ..head.anny.cache import ensure_basis

    source = f"identity of '{request.prompt[:40]}'"
    head = build_anny_head(ensure_basis(request.head_basis), identity.phenotype, identity.local_changes, source=source)
    log.info("anny head: %d vertices, face scale %s", head.num_vertices, head.metadata["face_scale"])
    return head


def dressed_head(head: HeadModel, identity: Identity, seed: int) -> HeadModel:
    """The identity's hair, facial hair and clothes attached to `head` as geometry (a head
    without region labels, e.g. a bare FLAME file, has no scalp or body to dress: unchanged)."""
    if head.regions is None or "hair_cap" not in head.region_names:
        log.info("head model '%s' has no region labels: hair and clothes are painted, not built", head.model_id)
        return head
    from ..head.parts import dress_head

    return dress_head(head, hair_style=identity.hair.style, hair_curl=identity.hair.curl,
                      facial_hair=identity.facial_hair.style, sideburns=identity.facial_hair.sideburns,
                      moustache=identity.facial_hair.moustache,
                      garment=None if identity.garment.kind == BARE_CHEST else identity.garment.kind,
                      tie=identity.garment.tie_color is not None, tie_style=identity.garment.tie_style or "necktie",
                      seed=seed,
                      hair_fringe=identity.hair.fringe, fringe_split=identity.hair.fringe_split,
                      widows_peak=identity.hair.peak, bald_top=identity.hair.bald_top, recede=identity.hair.recede,
                      side_shave=identity.hair.side_shave, hair_gather=identity.hair.gather,
                      headwear=identity.headwear.kind if identity.headwear else None,
                      headwear_backwards=identity.headwear is not None and identity.headwear.backwards,
                      headwear_trim=identity.headwear.trim if identity.headwear else None,
                      earrings=identity.earrings.style if identity.earrings else None,
                      necklace=identity.necklace.style if identity.necklace else None,
                      scarf=identity.scarf is not None and identity.scarf.style == "scarf",
                      neckerchief=identity.scarf is not None and identity.scarf.style == "neckerchief",
                      cape=identity.scarf is not None and identity.scarf.style == "cape",
                      shawl=identity.scarf is not None and identity.scarf.style == "shawl",
                      sash=identity.scarf.style if identity.scarf is not None and identity.scarf.style in ("sash", "drape")
                      else None,
                      headphones=None if identity.headphones is None else
                      "neck" if identity.headphones.neck else "headset" if identity.headphones.mic else "headphones",
                      crown=identity.crown.style if identity.crown else None, piercings=identity.piercings,
                      eyepatch=identity.eyepatch,
                      face_mask=identity.face_mask.style if identity.face_mask else None,
                      face_mask_down=identity.face_mask is not None and identity.face_mask.down,
                      mouth_prop=identity.mouth_prop,
                      hearing_aids=identity.hearing_aids,
                      headband=identity.headband.style if identity.headband else None, teeth=identity.teeth,
                      horns=identity.horns.kind if identity.horns else None,
                      suspenders=identity.suspenders is not None, veil=identity.veil is not None,
                      bib=identity.suspenders is not None and identity.suspenders.bib,
                      **({"glasses": identity.glasses.style, "glasses_shape": identity.glasses.shape,
                          "glasses_frame": identity.glasses.frame, "glasses_eye": identity.glasses.eye or "right",
                          "glasses_raised": identity.glasses.raised}
                         if identity.glasses else {}))


def with_vertices_of(dressed: HeadModel, shaped: HeadModel, plain: HeadModel) -> HeadModel:
    """`dressed` (built on `plain`) with the body vertices where `shaped` differs from `plain`
    moved to `shaped`'s places (the parts stay as they were built)."""
    moved = np.flatnonzero(np.abs(np.asarray(shaped.v_template) - np.asarray(plain.v_template)).max(axis=1) > 1e-7)
    v = np.array(dressed.v_template, copy=True)
    v[moved] = np.asarray(shaped.v_template)[moved]
    return replace(dressed, v_template=v)


def warn_if_unread(attrs: PromptAttributes, seed: int) -> None:
    """Say so when no word of the prompt was read (a language without a glossary, or only unknown
    words): the avatar is then the seed's random person, which the user should not mistake for theirs."""
    if not attrs.found:
        log.warning("prompt %r: no word of it was understood, so the avatar is seed %d's random person; "
                    "describe the person in English or a language of README's list", attrs.prompt, seed)


def create_avatar(request: AvatarRequest, on_step: Callable[[int], None] | None = None, progress: bool = True,
                  out_path: str | Path | None = None) -> Avatar:
    """Run the avatar stage. With `out_path` the avatar is written there (atomically) and only
    then are the run's checkpoints removed, so an interruption at any point loses no work."""
    t0 = time.perf_counter()
    attrs = parse_prompt(request.prompt)
    log.info("prompt attributes: %s", "; ".join(f"'{p}' -> {v}" for p, v in attrs.found) or "none")
    if attrs.ignored:
        log.info("prompt words not used by the prior: %s", ", ".join(attrs.ignored))
    warn_if_unread(attrs, int(request.seed))
    kind = choose_guidance_kind(request.guidance, request.sd_model_path)

    identity = identity_from_attributes(attrs, int(request.seed))
    bare = avatar_head(request, identity)
    rounded = rounded_ears(identity.local_changes)
    if rounded != identity.local_changes:
        # pointed ears poke through the hair: the hair grown round their tips flared out in loops
        plain = avatar_head(request, replace(identity, local_changes=rounded))
        head = with_vertices_of(dressed_head(plain, identity, int(request.seed)), bare, plain)
    else:
        head = dressed_head(bare, identity, int(request.seed))
    log.info("identity: %s, %.0f years, %s; hair %s %s; %s %s%s", identity.sex, identity.age_years, identity.ethnicity,
             identity.hair.color, identity.hair.style, identity.garment.color, identity.garment.kind,
             f" (chosen by seed: {', '.join(identity.chosen)})" if identity.chosen else "")
    look = resolve_look(identity)
    scene = choose_scene(attrs)
    generator = torch.Generator().manual_seed(int(request.seed))
    bbox_min, bbox_max = bounding_box(head)
    # one field per layer of geometry (skin; hair and cloth when the head is dressed)
    field = layered_field_for_head(
        head, TriGridConfig(bbox_min=bbox_min, bbox_max=bbox_max, resolutions=tuple(request.field_resolutions)), generator)
    target = PriorTarget(head, look, seed=int(request.seed))
    init_loss = initialise_from_regions(field, head, start_palette(look, target), generator, steps=request.init_steps)
    log.info("initialised the tri-grid from region colours (mse %.4f)", init_loss)

    guidance = _make_guidance(kind, request, target)
    steps = request.steps if request.steps is not None else guidance.default_steps
    device = "cuda" if kind == "sds" and torch.cuda.is_available() else None
    renderer = HeadViewRenderer(head, scene, size=request.render_size, backend=request.backend, device=device)
    field = field.to(renderer.device)
    config = FitConfig(steps=steps, learning_rate=guidance.learning_rate, checkpoint_every=request.checkpoint_every)
    # the avatar carries its own head unless it is a plain shared file (anny identity, parts)
    own_head = head if (request.head == ANNY_SPEC or head is not bare) else None
    parts = PartMaterials.for_head(head, look.eyes, look.brows, look.skin, int(request.seed),
                                   look.lash_density, look.eyes_right, target.freckles) if own_head is not None else None
    # optimised as it is drawn: each layer by its own field, the small parts' materials on top
    avatar = Avatar(field, scene, request.head, {}, own_head, parts)

    store = None
    if request.checkpoint_dir is not None:
        settings = {k: v for k, v in asdict(request).items() if k not in ("checkpoint_dir", "checkpoint_every", "backend", "allow_cpu_sds")}
        settings.update(kind=kind, steps=steps, version=__version__, field_layers=list(field.names))
        store = CheckpointStore(Path(request.checkpoint_dir), run_fingerprint(settings))
    result = fit_field(field, guidance, renderer, config, generator, store, on_step, progress, avatar.appearance)
    wall = time.perf_counter() - t0
    log.info("avatar done: %d steps (%d resumed) in %.1f s, final loss %.4g", steps, result.resumed_from, wall,
             result.final_loss)

    metadata = {
        "prompt": request.prompt,
        "negative_prompt": request.negative_prompt,
        "seed": int(request.seed),
        "guidance": {**guidance.metadata(), "requested": request.guidance},
        "head_model": request.head,
        "head_model_id": head.model_id,
        "steps": steps,
        "resumed_from_step": result.resumed_from,
        "render_size": request.render_size,
        "render_backend": renderer.renderer.backend,
        "final_loss": result.final_loss,
        "wall_time_s": round(wall, 2),
        "package_version": __version__,
        "torch_version": str(torch.__version__),
        "platform": platform.platform(),
        "attributes": attrs.to_dict(),
        "attributes_found": [list(p) for p in attrs.found],
        "words_ignored": list(attrs.ignored),
        "identity": identity.to_dict(),
        "head_parts": list(head.metadata.get("parts", [])),
        "appearance_layers": list(field.names),
        "look": look.to_dict(),
        "scene": scene.to_dict(),
    }
    avatar.field.cpu()
    avatar.metadata = metadata
    if out_path is not None:
        save_avatar(avatar, out_path)
        if store is not None:
            store.clear()
    return avatar
