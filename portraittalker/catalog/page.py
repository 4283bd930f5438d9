"""The catalog page: one static, self-contained index.html with a card per avatar.

No scripts, fonts or anything from the network: the page works straight from the file system
(every link is relative to the page) and reflows to one column on a phone. Each clip links its
GLB, its ARKit CSV and the 3D player (viewer.html, the one page with a script: `viewer.py`).
"""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .collect import AvatarCard, VideoEntry, build_summary
from .tables import COLUMNS, format_value
from .viewer import VIEWER_HTML

STYLE = """
:root { color-scheme: light dark; --bg:#f4f4f6; --card:#fff; --ink:#1d1d22; --muted:#666; --line:#ddd; --accent:#2f5fd0; }
@media (prefers-color-scheme: dark) { :root { --bg:#141417; --card:#1f1f24; --ink:#ececf1; --muted:#a0a0aa; --line:#34343c; --accent:#8fb0ff; } }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--ink); }
header, main { max-width:1200px; margin:0 auto; padding:16px; }
header h1 { margin:0 0 4px; font-size:1.5rem; }
header p { margin:4px 0; color:var(--muted); }
a { color:var(--accent); }
.cards { display:grid; gap:16px; grid-template-columns:repeat(auto-fill, minmax(min(100%, 520px), 1fr)); }
.card { background:var(--card); border:1px solid var(--line); border-radius:12px; padding:16px; overflow:hidden; }
.card h2 { margin:0 0 8px; font-size:1.2rem; word-break:break-word; }
.prompt { margin:0 0 8px; font-style:italic; }
.negative { margin:0 0 8px; color:var(--muted); font-size:.9rem; }
.media { display:grid; gap:8px; grid-template-columns:repeat(auto-fill, minmax(min(100%, 200px), 1fr)); margin:8px 0; }
figure { margin:0; }
figcaption { font-size:.8rem; color:var(--muted); }
img, video { width:100%; height:auto; border-radius:8px; background:#000; display:block; }
.chips { display:flex; flex-wrap:wrap; gap:6px; margin:8px 0; padding:0; list-style:none; }
.chips li { border:1px solid var(--line); border-radius:999px; padding:2px 10px; font-size:.85rem; }
.chips b { font-weight:600; }
.clip { border-top:1px solid var(--line); margin-top:12px; padding-top:12px; }
.clip h3 { margin:0 0 8px; font-size:1rem; }
.table-wrap { overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:.88rem; }
th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.na { color:var(--muted); }
.fault { color:#b3261e; margin:4px 0; font-weight:600; }
.missing { padding:24px; text-align:center; border:1px dashed var(--line); border-radius:8px; color:var(--muted); }
.links { font-size:.88rem; margin:6px 0 0; }
details { margin-top:8px; font-size:.85rem; }
pre { white-space:pre-wrap; word-break:break-word; margin:4px 0; }
"""


def _rel(target: Path, page_dir: Path) -> str:
    """URL of `target` relative to the page's folder (forward slashes, spaces escaped)."""
    rel = os.path.relpath(Path(target).resolve(), Path(page_dir).resolve())
    return "/".join(part.replace("%", "%25").replace(" ", "%20").replace("#", "%23") for part in Path(rel).parts)


def _attributes(attrs: dict[str, Any]) -> str:
    if not attrs:
        return ""
    chips = []
    for key, value in attrs.items():
        text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else ("yes" if value is True else str(value))
        chips.append(f"<li><b>{escape(key.replace('_', ' '))}</b>: {escape(text)}</li>")
    return f'<ul class="chips" aria-label="parsed attributes">{"".join(chips)}</ul>'


def _metrics_table(video: VideoEntry) -> str:
    if not video.metrics:
        return '<p class="na">Not evaluated yet.</p>'
    rows = []
    for col in COLUMNS:
        value = video.value(col.key)
        if value is None:
            reason = video.reason(col.key) or "not available"
            cell = f'<td class="num na" title="{escape(reason)}">–</td><td class="na">{escape(reason)}</td>'
        else:
            cell = f'<td class="num">{escape(format_value(value, col.digits))}</td><td></td>'
        rows.append(f"<tr><th scope=\"row\">{escape(col.label)} {col.better}</th>{cell}</tr>")
    faults = "".join(f'<p class="fault">⚠ {escape(c)}</p>' for c in video.checks)
    return f'{faults}<div class="table-wrap"><table><tbody>{"".join(rows)}</tbody></table></div>'


def _clip_section(video: VideoEntry, page_dir: Path, poster: Path | None) -> str:
    links = []
    if video.video:
        src = _rel(video.video, page_dir)
        # The avatar's preview stands in for the first frame until the video loads.
        poster_attr = f' poster="{escape(_rel(poster, page_dir))}"' if poster else ""
        player = (f'<video controls playsinline preload="metadata"{poster_attr} src="{escape(src)}">'
                  f'<a href="{escape(src)}">{escape(video.clip)}.mp4</a></video>')
        links.append(f'<a href="{escape(src)}">MP4</a>')
    else:
        player = '<div class="missing">video not rendered yet</div>'
    if video.metrics_path:
        links.append(f'<a href="{escape(_rel(video.metrics_path, page_dir))}">metrics JSON</a>')
    if video.glb:
        glb = _rel(video.glb, page_dir)
        query = f"glb={quote(glb)}" + (f"&audio={quote(_rel(video.audio, page_dir))}" if video.audio else "")
        links.append(f'<a href="{escape(VIEWER_HTML + "?" + query)}">3D player</a>')
        links.append(f'<a href="{escape(glb)}" download>GLB</a>')
    if video.arkit_csv:
        links.append(f'<a href="{escape(_rel(video.arkit_csv, page_dir))}" download>ARKit CSV</a>')
    return (
        f'<section class="clip" id="{escape(video.avatar)}--{escape(video.clip)}"><h3>{escape(video.clip)}</h3>'
        f"{player}{_metrics_table(video)}"
        f'<p class="links">{" · ".join(links)}</p></section>'
    )


def _card(card: AvatarCard, page_dir: Path) -> str:
    media = []
    if card.preview:
        media.append(f'<figure><img src="{escape(_rel(card.preview, page_dir))}" alt="preview of {escape(card.id)}" '
                     f'loading="lazy"><figcaption>preview</figcaption></figure>')
    if card.turntable:
        media.append(f'<figure><video src="{escape(_rel(card.turntable, page_dir))}" muted loop autoplay playsinline '
                     f'controls preload="metadata"></video><figcaption>turntable</figcaption></figure>')
    media_html = f'<div class="media">{"".join(media)}</div>' if media else '<div class="missing">avatar not built yet</div>'
    negative = f'<p class="negative">not: {escape(card.negative_prompt)}</p>' if card.negative_prompt else ""
    facts = [f"seed {card.seed}", *build_summary(card.metadata)]
    if card.avatar_file:
        facts.append(f'<a href="{escape(_rel(card.avatar_file, page_dir))}">avatar.pt</a>')
    ignored = (f'<p class="negative">not understood: {escape(", ".join(card.ignored_words))}</p>'
               if card.ignored_words else "")
    details = ""
    if card.metadata:
        details = (f"<details><summary>metadata</summary><pre>"
                   f"{escape(json.dumps(card.metadata, indent=1, default=str, ensure_ascii=False))}</pre></details>")
    return (
        f'<article class="card" id="{escape(card.id)}"><h2>{escape(card.id)}</h2>'
        f'<p class="prompt">“{escape(card.prompt)}”</p>{negative}'
        f'<p class="links">{" · ".join(f if f.startswith("<a ") else escape(f) for f in facts)}</p>'
        f"{_attributes(card.attributes)}{ignored}{media_html}"
        f'{"".join(_clip_section(v, page_dir, card.preview) for v in card.videos)}{details}</article>'
    )


def render_index(cards: list[AvatarCard], page_dir: Path, extra_links: dict[str, str] | None = None,
                 batch: list[str] | None = None) -> str:
    """index.html text for `cards`; links are relative to `page_dir`, the page's final folder;
    `batch`: lines of batch metrics for the header."""
    num_videos = sum(1 for c in cards for v in c.videos if v.video)
    links = " · ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in (extra_links or {}).items())
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>portraittalker catalog</title><style>{STYLE}</style></head><body>"
        f"<header><h1>portraittalker catalog</h1><p>{len(cards)} avatars · {num_videos} videos</p>"
        + "".join(f'<p class="batch">Batch {escape(line)}</p>' for line in batch or ())
        + f"<p>{links}</p></header>"
        f'<main><div class="cards">{"".join(_card(c, page_dir) for c in cards)}</div></main>'
        "</body></html>\n"
    )
