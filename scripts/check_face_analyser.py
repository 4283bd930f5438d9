#!/usr/bin/env python
"""Issue 11 check: an off-the-shelf face age/sex analyser (@vladmandic/face-api, run in Node.js,
neither trained nor tuned by us) reads each avatar image; prints per prompt the sex and age it
reads, the share of prompts naming a sex that it reads right (goal >= 90%), and the mean age
it reads for child / teen / adult / elderly prompts (goal: child < adult < elderly, adult to
elderly >= 20 years).

Inputs, one of:
  --pairs FILE              CSV with columns prompt,image (or a JSON list of {prompt, image})
  --folder DIR --prompts F  images of DIR in name order, prompts one per line in F
  --render F --out DIR      build each prompt of F (one per line) with steps/create_avatar.py
                            and steps/render_preview.py into DIR, then read the previews
Image paths in --pairs are relative to the pairs file.

    .venv/bin/python scripts/check_face_analyser.py --render prompts.txt --out results/analyser
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import csv
import json
import subprocess

from portraittalker.cli import run_step

ROOT = Path(__file__).resolve().parent.parent
SEX_GOAL = 0.9  # share of prompts naming a sex read right
ELDERLY_GAP_YEARS = 20.0  # mean elderly age minus mean adult age


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--pairs", help="CSV (prompt,image) or JSON list of {prompt, image}")
    src.add_argument("--folder", help="folder of images, read in name order with --prompts")
    src.add_argument("--render", help="prompts file: build and render each prompt first (needs --out)")
    p.add_argument("--prompts", help="prompts file for --folder, one per line")
    p.add_argument("--out", help="folder for --render's avatars and previews")
    p.add_argument("--seed", type=int, default=1, help="seed for --render")
    p.add_argument("--json", default=None, help="also write the readings and summary to this JSON file")
    return p.parse_args(argv)


def read_prompts(path: Path) -> list[str]:
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def read_pairs(path: Path) -> list[tuple[str, Path]]:
    from portraittalker.errors import PortraitTalkerError

    path = Path(path)
    if path.suffix.lower() == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
    else:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    pairs = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or not row.get("prompt") or not row.get("image"):
            raise PortraitTalkerError(f"{path}: entry {i + 1} needs a prompt and an image")
        pairs.append((str(row["prompt"]), path.parent / str(row["image"])))
    return pairs


def folder_pairs(folder: Path, prompts_file: Path) -> list[tuple[str, Path]]:
    from portraittalker.errors import PortraitTalkerError
    from portraittalker.metrics.media import list_frame_files

    prompts = read_prompts(prompts_file)
    images = list_frame_files(folder)
    if len(images) != len(prompts):
        raise PortraitTalkerError(f"{folder}: {len(images)} images but {prompts_file} has {len(prompts)} prompts")
    return list(zip(prompts, images))


def render_pairs(prompts_file: Path, out: Path, seed: int) -> list[tuple[str, Path]]:
    from portraittalker.errors import PortraitTalkerError
    from tqdm import tqdm

    pairs = []
    for i, prompt in enumerate(tqdm(read_prompts(prompts_file), desc="avatars", unit="prompt")):
        folder = out / f"{i:02d}"
        avatar, preview = folder / "avatar.pt", folder / "preview.png"
        steps = [[sys.executable, str(ROOT / "steps" / "create_avatar.py"), "--prompt", prompt, "--seed", str(seed),
                  "--out", str(avatar)],
                 [sys.executable, str(ROOT / "steps" / "render_preview.py"), "--avatar", str(avatar),
                  "--out-image", str(preview)]]
        for cmd, done in zip(steps, (avatar, preview)):
            if done.is_file():
                continue
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                raise PortraitTalkerError(f"prompt {i + 1} ({prompt!r}): {proc.stderr.strip().splitlines()[-1:]}")
        pairs.append((prompt, preview))
    return pairs


def main(argv=None):
    args = parse_args(argv)
    from portraittalker.errors import PortraitTalkerError
    from portraittalker.metrics.face_analyser import analyse_images, expectation, summarise

    if args.pairs:
        pairs = read_pairs(Path(args.pairs))
    elif args.folder:
        if not args.prompts:
            raise PortraitTalkerError("--folder needs --prompts (one prompt per line, in the images' name order)")
        pairs = folder_pairs(Path(args.folder), Path(args.prompts))
    else:
        if not args.out:
            raise PortraitTalkerError("--render needs --out (a folder for the avatars and previews)")
        pairs = render_pairs(Path(args.render), Path(args.out), args.seed)
    prompts = [p for p, _ in pairs]
    tool, readings = analyse_images([(f"{i:03d}", image) for i, (_, image) in enumerate(pairs)])
    print(f"analyser: {tool}")
    print(f"{'#':>2}  {'named':<16} {'read':<22} prompt")
    for i, (prompt, reading) in enumerate(zip(prompts, readings)):
        want = expectation(prompt)
        named = f"{want.sex or '-'}/{want.age_group or '-'}"
        read = (f"{reading.sex} ({reading.sex_probability:.2f}) {reading.age_years:4.1f} y" if reading.found
                else "no face found")
        mark = "" if want.sex is None or not reading.found else ("  ok" if reading.sex == want.sex else "  WRONG SEX")
        print(f"{i + 1:>2}  {named:<16} {read:<22} {prompt}{mark}")
    s = summarise(prompts, readings)
    acc = s.sex_accuracy
    print(f"faces found: {s.faces_found}/{s.images}")
    print(f"sex read right: {s.sex_right}/{s.sex_named} prompts naming a sex"
          + (f" = {100 * acc:.0f}% (goal >= {100 * SEX_GOAL:.0f}%)" if acc is not None else ""))
    order = [g for g in ("child", "teen", "adult", "elderly") if g in s.mean_age]
    print("mean age read: " + (", ".join(f"{g} {s.mean_age[g]:.1f} y" for g in order) or "no age groups named"))
    ages = s.mean_age
    if {"child", "adult", "elderly"} <= ages.keys():
        ordered = ages["child"] < ages["adult"] < ages["elderly"]
        gap = ages["elderly"] - ages["adult"]
        print(f"child < adult < elderly: {'yes' if ordered else 'NO'}; elderly - adult = {gap:.1f} y "
              f"(goal >= {ELDERLY_GAP_YEARS:.0f})")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "tool": tool,
            "readings": [{"prompt": p, "image": str(img), **reading.__dict__, "named": expectation(p).__dict__}
                         for (p, img), reading in zip(pairs, readings)],
            "sex_accuracy": acc, "mean_age": ages}, indent=2) + "\n")


if __name__ == "__main__":
    run_step(main)
