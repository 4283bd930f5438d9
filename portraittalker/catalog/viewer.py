"""The catalog's 3D player page: viewer.html plays one GLB with three.js.

The script is `web/viewer.js` bundled with three.js by esbuild at setup time (`make setup`:
npm ci + npm run build, into web/dist/); the catalog copies the bundle beside the page, so the
page needs nothing from the network. Which GLB (and which audio) comes from the query string:
viewer.html?glb=../exports/AVATAR/CLIP.glb&audio=../clips/CLIP/audio.wav
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PortraitTalkerError

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
VIEWER_BUNDLE = WEB_DIR / "dist" / "viewer.bundle.js"
VIEWER_HTML = "viewer.html"
VIEWER_SCRIPT = "viewer.bundle.js"
THREE_LICENSE = WEB_DIR / "node_modules" / "three" / "LICENSE"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>portraittalker — 3D avatar</title>
<style>
html, body { margin:0; height:100%; background:#202028; color:#ececf1; font:14px/1.4 system-ui, sans-serif; }
#view { position:absolute; inset:0 0 44px 0; }
#view canvas { width:100%; height:100%; display:block; }
#bar { position:absolute; left:0; right:0; bottom:0; height:44px; display:flex; gap:12px; align-items:center; padding:0 12px; background:#15151a; }
#status { flex:1; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; color:#a0a0aa; }
a { color:#8fb0ff; }
</style>
</head>
<body data-state="loading">
<div id="view"></div>
<div id="bar">
  <button id="play" disabled>play with sound</button>
  <span id="status">loading…</span>
  <label>open .glb <input id="pick" type="file" accept=".glb,model/gltf-binary"></label>
  <a href="index.html">catalog</a>
</div>
<script src="viewer.bundle.js"></script>
</body>
</html>
"""


def viewer_files() -> dict[str, bytes]:
    """{name: bytes} of the player page and its script, for the catalog folder."""
    if not VIEWER_BUNDLE.is_file():
        raise PortraitTalkerError(
            f"{VIEWER_BUNDLE}: the catalog's three.js player is not built; run `make setup` "
            f"(or by hand: cd web && npm ci && npm run build; needs node and npm)")
    files = {VIEWER_HTML: PAGE.encode(), VIEWER_SCRIPT: VIEWER_BUNDLE.read_bytes()}
    if THREE_LICENSE.is_file():  # three.js is MIT: its licence travels with the bundle
        files["three.LICENSE.txt"] = THREE_LICENSE.read_bytes()
    return files
