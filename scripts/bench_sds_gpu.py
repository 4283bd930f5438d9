"""Benchmark: SDS step time with a Stable Diffusion 2.1-base-sized UNet on CUDA.

  python scripts/bench_sds_gpu.py [--steps-timed 20] [--batch 1] [--identity-steps N]

Builds randomly initialised components of SD 2.1-base size (UNet 865M parameters, 64x64
latents at 512 px, 1024-wide text conditioning, the SD VAE) - weights do not change the
time - and times (a) the guidance alone on a fixed image batch and (b) full optimisation
steps (FLAME pose, render, VAE encode, UNet with CFG, backward, Adam) on the anny head.
Prints ms per step and the projected time per identity (SDSConfig.default_steps).
Needs CUDA: on a CPU-only machine it stops with a one-line message.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from portraittalker.cli import run_step  # noqa: E402
from portraittalker.errors import PortraitTalkerError  # noqa: E402


def _char_tokenizer(folder: Path, max_length: int = 77):
    """A character-level CLIP tokenizer (the real vocabulary is not needed for timing)."""
    from transformers import CLIPTokenizer

    chars = [chr(c) for c in range(33, 127)]
    vocab: dict[str, int] = {}
    for tok in ["<|startoftext|>", "<|endoftext|>"] + chars + [c + "</w>" for c in chars]:
        vocab.setdefault(tok, len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    return CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=max_length), len(vocab)


def sd21_base_components(device: torch.device):
    """Random-weight components with SD 2.1-base's architecture, fp16."""
    from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    from portraittalker.guidance.diffusion import DiffusionComponents

    dtype = torch.float16
    unet = UNet2DConditionModel(
        sample_size=64, cross_attention_dim=1024, attention_head_dim=(5, 10, 20, 20), use_linear_projection=True,
        block_out_channels=(320, 640, 1280, 1280), layers_per_block=2,
    )
    vae = AutoencoderKL(
        block_out_channels=(128, 256, 512, 512), layers_per_block=2, latent_channels=4, sample_size=512,
        down_block_types=("DownEncoderBlock2D",) * 4, up_block_types=("UpDecoderBlock2D",) * 4,
    )
    with tempfile.TemporaryDirectory() as tmp:
        tokenizer, vocab = _char_tokenizer(Path(tmp))
    text = CLIPTextModel(CLIPTextConfig(vocab_size=vocab, hidden_size=1024, intermediate_size=4096,
                                        num_hidden_layers=23, num_attention_heads=16, max_position_embeddings=77,
                                        bos_token_id=0, eos_token_id=1, pad_token_id=1))
    scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule="scaled_linear", beta_start=0.00085,
                              beta_end=0.012)
    for m in (unet, vae, text):
        m.requires_grad_(False).eval().to(device, dtype)
    n_params = sum(p.numel() for p in unet.parameters())
    return DiffusionComponents(tokenizer, text, unet, vae, scheduler, device, dtype, "random-sd21-base"), n_params


def _timed(fn, n: int) -> float:
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(n):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / n


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--steps-timed", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--render-size", type=int, default=128)
    p.add_argument("--identity-steps", type=int, default=None, help="steps per identity (default: SDSConfig's)")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    if not torch.cuda.is_available():
        raise PortraitTalkerError("bench_sds_gpu needs a CUDA GPU (torch.cuda.is_available() is False); "
                                  "run it on a GPU node, e.g. through the slurm profile")
    from portraittalker.appearance import TriGridConfig, TriGridField
    from portraittalker.guidance.base import GuidanceInput
    from portraittalker.guidance.sds import SDSConfig, SDSGuidance

    device = torch.device("cuda")
    torch.backends.cuda.matmul.allow_tf32 = True
    sd, n_params = sd21_base_components(device)
    config = SDSConfig()
    guidance = SDSGuidance(sd, "close upper body photo, 25 y.o. man in casual clothes, night, city street", "blurry",
                           config)
    identity_steps = args.identity_steps or config.default_steps
    gen = torch.Generator().manual_seed(0)
    field = TriGridField(TriGridConfig(), gen).to(device)
    opt = torch.optim.Adam(field.parameters(), lr=config.learning_rate)
    results: dict = {"gpu": torch.cuda.get_device_name(), "unet_params_M": round(n_params / 1e6, 1),
                     "batch": args.batch, "identity_steps": identity_steps}

    # (a) guidance alone: images [B,H,W,3] that depend on the field through a fixed lookup
    pts = torch.rand(args.batch * args.render_size**2, 3, generator=gen).to(device) * 0.3 - 0.15

    def guidance_step() -> None:
        albedo, _ = field(pts)
        images = albedo.view(args.batch, args.render_size, args.render_size, 3)
        loss = guidance.loss(GuidanceInput(images, torch.zeros(args.batch), 0, identity_steps, lambda f: None, gen))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()

    _timed(guidance_step, args.warmup)
    t_guidance = _timed(guidance_step, args.steps_timed)
    results["guidance_step_ms"] = round(1000 * t_guidance, 1)

    # (b) full optimisation steps through the head renderer (needs the render stack here)
    try:
        from portraittalker.appearance.views import HeadViewRenderer, ViewConfig, sample_views
        from portraittalker.head import load_head_model
        from portraittalker.scene import Scene

        renderer = HeadViewRenderer(load_head_model("anny"), Scene(), size=args.render_size, device="cuda")

        def full_step() -> None:
            views = sample_views(ViewConfig(), args.batch, renderer.num_expression, gen)
            images = renderer.render(views, field)
            loss = guidance.loss(GuidanceInput(images, views.yaw_deg, 0, identity_steps, lambda f: None, gen))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

        _timed(full_step, args.warmup)
        t_full = _timed(full_step, args.steps_timed)
        results["full_step_ms"] = round(1000 * t_full, 1)
        results["render_backend"] = renderer.renderer.backend
    except (PortraitTalkerError, RuntimeError, ImportError) as err:
        t_full = None
        results["full_step_error"] = f"{type(err).__name__}: {err}".splitlines()[0]

    per_step = t_full if t_full is not None else t_guidance
    results["projected_identity_min"] = round(per_step * identity_steps / 60, 2)
    results["peak_gpu_mem_GiB"] = round(torch.cuda.max_memory_allocated() / 2**30, 2)
    print(f"GPU {results['gpu']}: SD-2.1-base-size UNet ({results['unet_params_M']} M params), batch {args.batch}")
    print(f"  guidance step (VAE encode + UNet x2 CFG + backward): {results['guidance_step_ms']:.1f} ms")
    if t_full is not None:
        print(f"  full step (pose + render {args.render_size}px {results['render_backend']} + guidance): "
              f"{results['full_step_ms']:.1f} ms")
    else:
        print(f"  full step unavailable ({results['full_step_error']}); projecting from the guidance step")
    print(f"  projected per identity: {identity_steps} steps -> {results['projected_identity_min']:.2f} min "
          f"(goal < 10 min); peak GPU memory {results['peak_gpu_mem_GiB']} GiB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    run_step(main)
