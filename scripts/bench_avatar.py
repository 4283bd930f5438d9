"""Benchmark: wall time of one prompt-prior avatar with default settings (the configured head, CPU).

  python scripts/bench_avatar.py [--prompt TEXT] [--seed N] [--threads N] [--json OUT]

Prints the wall time, the CPU time of this process and the load average, because the
machine may be shared (CPU time / wall time shows how much of a core we actually got).
Target (issue 5): <= 120 s on a 2-core CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Idle OpenMP workers sleep instead of spinning: on a shared CPU, spinning threads starve each
# other (measured here: 2 threads went 3x slower than 1 under load); must be set before torch loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402

from portraittalker.appearance import save_avatar  # noqa: E402
from portraittalker.appearance.create import AvatarRequest, create_avatar  # noqa: E402
from portraittalker.config import load_config  # noqa: E402

PAPER_PROMPT = ("close upper body photo, 25 y.o. man in casual clothes, night, city street, soft lighting, "
                "high quality, film grain")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--prompt", default=PAPER_PROMPT)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    cfg = load_config()
    request = AvatarRequest(prompt=args.prompt, seed=args.seed, guidance="prior", head=cfg.head.model,
                            render_size=cfg.avatar.render_size, steps=cfg.avatar.steps)
    load_before = os.getloadavg()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    avatar = create_avatar(request, progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        save_avatar(avatar, Path(tmp) / "avatar.pt")
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    figures = {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "steps": avatar.metadata["steps"],
        "render_size": request.render_size,
        "render_backend": avatar.metadata["render_backend"],
        "torch_threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "loadavg_1m_before": round(load_before[0], 2),
        "loadavg_1m_after": round(os.getloadavg()[0], 2),
        "final_loss": avatar.metadata["final_loss"],
        "budget_s": 120,
    }
    print(f"prompt-prior avatar: {wall:.1f} s wall, {cpu:.1f} s CPU, {figures['steps']} steps at "
          f"{request.render_size}px ({figures['render_backend']}), load {load_before[0]:.1f} -> "
          f"{figures['loadavg_1m_after']:.1f} on {os.cpu_count()} cores; budget 120 s: "
          f"{'OK' if wall <= 120 else 'OVER'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
