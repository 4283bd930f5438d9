#!/usr/bin/env python
"""The gallery: prompts -> avatars, one labelled front render each, in one grid image.

    python scripts/make_gallery.py                       # docs/gallery.png + results/gallery/
    python scripts/make_gallery.py --only 0,5 --steps 40 # a quick look at two prompts

Each prompt runs the real avatar stage (`create_avatar`, the configured head and guidance;
the weights-free prior without Stable Diffusion weights) and the real renderer. Besides the
grid it writes every tile and `results/gallery/prompts.json` (prompt, seed, image, what the
identity chose), so face analysers can be run over the same renders
(e.g. `scripts/check_gallery_faces.py`). Avatars already in results/gallery/avatars/ with
the same prompt, seed and steps are reused: after a change to how avatars are made, pass
--fresh (they carry no record of the code that made them).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

# (prompt, seed): children, teens, adults, elderly; women and men; several ancestries, hair
# styles and garments (the identity each resolves to is written to prompts.json)
PROMPTS: tuple[tuple[str, int], ...] = (
    ("a 6-year-old girl with blonde pigtails in a yellow t-shirt", 1),
    ("a boy of seven with short brown hair in a red hoodie", 2),
    ("a teenage Japanese girl with long black hair in a school uniform", 3),
    ("a Nigerian teenage boy with a buzz cut in a green t-shirt", 4),
    ("a 30-year-old woman with long wavy brown hair in a cream blouse", 5),
    ("a 30-year-old man with a short beard in a navy suit and tie", 6),
    ("a young Korean news anchor, a woman with shoulder-length black hair in a navy blazer", 7),
    ("a muscular African man with an afro in a white t-shirt", 8),
    ("a Latina woman with a bob in a red sweater", 9),
    ("a Pakistani woman in her forties in a beige hijab and a teal dress", 10),
    ("a blue-haired woman with a ponytail in a black hoodie", 11),
    ("a middle-aged man with a full beard, medium length hair and tortoiseshell glasses in a denim shirt", 12),
    ("an elderly lady with grey hair in a bun in a green cardigan", 13),
    ("an old bald man with a white moustache in a white collared shirt", 14),
    ("an elderly Chinese man with short white hair and round gold glasses in a grey sweater", 15),
    ("a grandmother in her eighties with short white hair in a lilac cardigan", 16),
    ("a punk woman with a pink mohawk in a black leather jacket", 17),
    ("a chef in a white chef's hat", 18),
    ("a nun", 19),
    ("an old fisherman with bushy eyebrows and a grey beard in a navy cap", 20),
)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _label(tile: Image.Image, text: str, width: int) -> Image.Image:
    """The tile with its prompt written underneath (wrapped)."""
    font = ImageFont.truetype(FONT, 15) if Path(FONT).exists() else ImageFont.load_default()
    words, lines, line = text.split(), [], ""
    draw = ImageDraw.Draw(tile)
    for w in words:
        trial = f"{line} {w}".strip()
        if draw.textlength(trial, font=font) > width - 12 and line:
            lines.append(line)
            line = w
        else:
            line = trial
    lines.append(line)
    band = 8 + 19 * 3
    out = Image.new("RGB", (tile.width, tile.height + band), (250, 250, 250))
    out.paste(tile, (0, 0))
    d = ImageDraw.Draw(out)
    for i, ln in enumerate(lines[:3]):
        d.text((6, tile.height + 5 + 19 * i), ln, fill=(20, 20, 20), font=font)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("docs/gallery.png"))
    p.add_argument("--work", type=Path, default=Path("results/gallery"), help="avatars, tiles and prompts.json")
    p.add_argument("--size", type=int, default=320, help="tile side in pixels")
    p.add_argument("--columns", type=int, default=4)
    p.add_argument("--steps", type=int, default=None, help="optimisation steps (default: the configured ones)")
    p.add_argument("--only", default=None, help="comma-separated prompt indices")
    p.add_argument("--fresh", action="store_true", help="make every avatar again (none reused)")
    args = p.parse_args()

    from portraittalker.appearance import load_avatar, save_avatar
    from portraittalker.appearance.avatar import avatar_head
    from portraittalker.appearance.create import AvatarRequest, create_avatar
    from portraittalker.config import load_config
    from portraittalker.head import FlameLayer
    from portraittalker.render import HeadRenderer
    from portraittalker.render.preview import neutral_verts

    cfg = load_config()
    chosen = [int(i) for i in args.only.split(",")] if args.only else range(len(PROMPTS))
    (args.work / "avatars").mkdir(parents=True, exist_ok=True)
    (args.work / "tiles").mkdir(parents=True, exist_ok=True)
    records, tiles = [], []
    for i in chosen:
        prompt, seed = PROMPTS[i]
        path = args.work / "avatars" / f"{i:02d}.pt"
        avatar = load_avatar(path) if path.exists() and not args.fresh else None
        if avatar is None or avatar.metadata.get("prompt") != prompt or avatar.metadata.get("seed") != seed \
                or (args.steps is not None and avatar.metadata.get("steps") != args.steps):
            t0 = time.perf_counter()
            request = AvatarRequest(prompt=prompt, seed=seed, guidance="prior", head=cfg.head.model,
                                    render_size=cfg.avatar.render_size, steps=args.steps or cfg.avatar.steps)
            avatar = create_avatar(request, progress=False)
            save_avatar(avatar, path)
            print(f"[{i:02d}] {prompt!r}: {time.perf_counter() - t0:.0f} s", flush=True)
        head = avatar_head(avatar)
        renderer = HeadRenderer(head, size=args.size, framing=cfg.render.framing)
        baked = renderer.bake(avatar.appearance_on(head))
        frame = renderer.render_frames(neutral_verts(FlameLayer(head), expression=avatar.scene.expression), baked,
                                       avatar.scene)[0]
        tile_path = args.work / "tiles" / f"{i:02d}.png"
        Image.fromarray(frame).save(tile_path)
        ident = avatar.metadata.get("identity", {})
        records.append({"index": i, "prompt": prompt, "seed": seed, "image": str(tile_path.relative_to(args.work)),
                        "sex": ident.get("sex"), "age_years": ident.get("age_years"),
                        "hair": ident.get("hair"), "facial_hair": ident.get("facial_hair"),
                        "garment": ident.get("garment"), "glasses": ident.get("glasses"),
                        "headwear": ident.get("headwear"), "ethnicity": ident.get("ethnicity"),
                        "chosen": ident.get("chosen")})
        tiles.append(_label(Image.fromarray(frame), prompt, args.size))
    (args.work / "prompts.json").write_text(json.dumps(records, indent=1))
    cols = min(args.columns, len(tiles))
    rows = (len(tiles) + cols - 1) // cols
    w, h = tiles[0].size
    grid = Image.new("RGB", (cols * w, rows * h), (250, 250, 250))
    for k, tile in enumerate(tiles):
        grid.paste(tile, ((k % cols) * w, (k // cols) * h))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp.png")
    grid.save(tmp)
    os.replace(tmp, args.out)
    print(f"wrote {args.out} ({len(tiles)} prompts) and {args.work / 'prompts.json'}")


if __name__ == "__main__":
    main()
