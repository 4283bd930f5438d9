"""The catalog's three.js player shows an exported GLB's face in a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from browser import CHROMIUM, page_screenshot
from portraittalker.catalog.viewer import VIEWER_BUNDLE, viewer_files
from portraittalker.export.glb import bake_texture, build_glb, encode_png, write_glb
from portraittalker.head import load_head_model
from test_export_glb import smooth_appearance, speaking_sequence

BACKGROUND = (0x20, 0x20, 0x28)  # the player's clear colour


@pytest.fixture
def served_results(tmp_path):
    """A results tree (exports + catalog) served over HTTP on the loopback interface."""
    head = load_head_model("bundled")
    gltf, blob = build_glb(head, encode_png(bake_texture(head, smooth_appearance, 1024)), speaking_sequence(head, 25),
                           "talker")
    write_glb(gltf, blob, tmp_path / "exports" / "talker" / "hello.glb")
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for name, data in viewer_files().items():
        (catalog / name).write_bytes(data)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (scripts/install_system_deps.sh --test installs it)")
def test_player_shows_the_face(served_results, tmp_path):
    assert VIEWER_BUNDLE.is_file(), "the player is not built: run `make setup`"
    url = f"{served_results}/catalog/viewer.html?glb=../exports/talker/hello.glb&t=0.5"
    state, status, png = page_screenshot(url, tmp_path / "profile", 640, 640)
    assert state == "ready", status
    assert "52 ARKit morph targets" in status
    shot = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    (tmp_path / "player.png").write_bytes(png)
    h, w, _ = shot.shape
    centre = shot[h // 2 - 60:h // 2 + 60, w // 2 - 60:w // 2 + 60].reshape(-1, 3)
    background = (np.abs(centre - BACKGROUND).sum(1) < 12).mean()
    assert background < 0.05, f"{background:.0%} of the centre is background: no face there"
    r, g, b = centre.T
    skin = (r > 90) & (r > g + 10) & (g > b)  # lit skin: warm, red over green over blue
    assert skin.mean() > 0.6, f"only {skin.mean():.0%} of the centre is skin-coloured"
    # The head fills the view's middle, not the whole frame: background shows at the corners.
    corners = np.concatenate([shot[:40, :40].reshape(-1, 3), shot[:40, -40:].reshape(-1, 3)])
    assert (np.abs(corners - BACKGROUND).sum(1) < 12).mean() > 0.9


def test_catalog_links_every_glb_and_arkit_csv_through_the_player(tmp_path):
    import soundfile as sf
    from urllib.parse import parse_qs, unquote, urlparse

    from portraittalker.catalog.build import build_catalog
    from portraittalker.manifest import parse_manifest

    results = tmp_path / "results"
    sf.write(tmp_path / "c1.wav", np.zeros(1600, np.float32), 16000)
    sf.write(tmp_path / "c2.wav", np.zeros(1600, np.float32), 16000)
    manifest = parse_manifest({"avatars": [{"id": "a", "prompt": "a man"}],
                               "clips": [{"id": "c1", "audio": str(tmp_path / "c1.wav")},
                                         {"id": "c2", "audio": str(tmp_path / "c2.wav")}]}, root=tmp_path)
    for clip in ("c1", "c2"):
        (results / "exports" / "a").mkdir(parents=True, exist_ok=True)
        (results / "exports" / "a" / f"{clip}.glb").write_bytes(b"glTF")
        (results / "clips" / clip).mkdir(parents=True)
        (results / "clips" / clip / "arkit.csv").write_text("Timecode,BlendshapeCount\n")
        (results / "clips" / clip / "audio.wav").write_bytes((tmp_path / f"{clip}.wav").read_bytes())
    out = results / "catalog"
    build_catalog(results, manifest, out)
    html = (out / "index.html").read_text()
    players = [unquote(m) for m in __import__("re").findall(r'href="(viewer\.html\?[^"]+)"', html)]
    assert len(players) == 2
    for link in players:
        query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
        assert (out / query["glb"][0]).resolve().is_file() and (out / query["audio"][0]).resolve().is_file()
    for clip in ("c1", "c2"):
        assert f'href="../exports/a/{clip}.glb"' in html and f'href="../clips/{clip}/arkit.csv"' in html
    assert (out / "viewer.html").is_file() and (out / "viewer.bundle.js").stat().st_size > 100_000
    assert "https://" not in (out / "viewer.html").read_text()  # nothing from the network
