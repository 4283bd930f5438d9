#!/usr/bin/env python
"""The CUDA renderer (nvdiffrast) against the EGL one, and how fast it draws.

    python scripts/check_cuda_render.py --reference ref.pt     # here, on CPU: the EGL reference
    python scripts/check_cuda_render.py --compare ref.pt       # on a CUDA machine with nvdiffrast

The bundled head, rested, framed at 128 px with a flat appearance. --reference rasterizes and
renders it with EGL and saves the clip positions, the raster and the image; --compare rasterizes
the same clip positions with nvdiffrast and prints, as JSON, the silhouettes' and triangle ids'
agreement (and the ids' and barycentrics' off the edges between triangles, where each rasterizer
breaks ties its own way), the images' mean absolute difference, and frames per second of the
draw at 512 px one at a time and in batches of 25 (not the tri-grid decode, nor the encode).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402

from portraittalker.head import load_head_model  # noqa: E402
from portraittalker.render import HeadRenderer, nvdiffrast_available  # noqa: E402
from portraittalker.scene import Scene  # noqa: E402

SIZE = 128
ALBEDO = (0.6, 0.5, 0.45)


def _appearance(p: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return (torch.tensor(ALBEDO, device=p.device).expand(p.shape[0], 3),
            torch.full((p.shape[0], 1), 0.3, device=p.device))


def _off_edges(ids: torch.Tensor) -> torch.Tensor:
    """[H,W] bool: covered pixels whose 3x3 neighbourhood holds one triangle id."""
    pad = torch.nn.functional.pad(ids[None, None], (1, 1, 1, 1), mode="replicate")[0, 0]
    out = ids > 0
    for dy in range(3):
        for dx in range(3):
            out &= pad[dy:dy + ids.shape[0], dx:dx + ids.shape[1]] == ids
    return out


def reference(path: Path) -> None:
    head = load_head_model("bundled")
    r = HeadRenderer(head, size=SIZE, backend="egl", framing="head")
    verts = torch.from_numpy(head.v_template)[None]
    clip = r.camera.to_clip(verts)
    torch.save({"clip": clip, "rast": r.rasterizer.rasterize(clip, r.faces, (SIZE, SIZE)),
                "img": r.render(verts, _appearance, Scene())}, path)
    print(f"wrote {path}")


def compare(path: Path) -> dict:
    if not nvdiffrast_available():
        raise SystemExit("check_cuda_render: --compare needs CUDA and nvdiffrast")
    ref = torch.load(path, weights_only=True)   # a file handed over: tensors only
    head = load_head_model("bundled")
    nv = HeadRenderer(head, size=SIZE, backend="nvdiffrast", framing="head")
    rast = nv.rasterizer.rasterize(ref["clip"].cuda(), nv.faces, (SIZE, SIZE)).cpu()
    same = ref["rast"][..., 3] == rast[..., 3]
    off = _off_edges(ref["rast"][0, ..., 3])
    verts = torch.from_numpy(head.v_template)[None]
    out = {"silhouette_agreement": float(((ref["rast"][..., 3] > 0) == (rast[..., 3] > 0)).float().mean()),
           "triangle_id_agreement": float(same.float().mean()),
           "id_agreement_off_edges": float(same[0][off].float().mean()), "pixels_off_edges": int(off.sum()),
           "barycentric_max_diff_off_edges": float((ref["rast"][0][off][:, :2] - rast[0][off][:, :2]).abs().max()),
           "image_mean_abs_diff": float((nv.render(verts.cuda(), _appearance, Scene()).cpu() - ref["img"]).abs().mean())}
    for batch in (1, 25):
        r = HeadRenderer(head, size=512, backend="nvdiffrast", framing="head")
        v = verts.repeat(batch, 1, 1).cuda()
        for _ in range(3):
            r.render(v, _appearance, Scene())
        torch.cuda.synchronize()
        start, repeats = time.perf_counter(), 10
        for _ in range(repeats):
            r.render(v, _appearance, Scene())
        torch.cuda.synchronize()
        out[f"frames_per_s_512px_batch{batch}"] = round(repeats * batch / (time.perf_counter() - start), 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--reference", type=Path, help="write the EGL reference here (CPU)")
    what.add_argument("--compare", type=Path, help="compare nvdiffrast with this reference (CUDA)")
    args = parser.parse_args()
    if args.reference:
        reference(args.reference)
    else:
        print(json.dumps(compare(args.compare), indent=1))


if __name__ == "__main__":
    main()
