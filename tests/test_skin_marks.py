"""Marks on the skin: read from the prompt, kept on the identity, painted where they were asked for."""

import numpy as np
import pytest
import torch
from test_avatar_standins import standin_head

from portraittalker.appearance.paint import PriorTarget
from portraittalker.appearance.skin_marks import acne_spots, bindi_centre, mole_centre, scar_segment, vitiligo
from portraittalker.identity import identity_from_prompt, resolve_look
from portraittalker.identity.marks import choose_skin_marks, parse_mark
from portraittalker.identity.types import Identity


@pytest.fixture(scope="module")
def head():
    return standin_head()


def _targets(head, prompt, seed=0):
    """The painter for `prompt` and for the same identity without its marks."""
    identity = identity_from_prompt(prompt, seed)
    assert identity.skin_marks, prompt
    bare = Identity.from_dict({**identity.to_dict(), "skin_marks": []})
    return (PriorTarget(head, resolve_look(identity), seed=seed), PriorTarget(head, resolve_look(bare), seed=seed),
            identity.skin_marks)


def _on_face(target, xy):
    """Points on the stand-in head's front surface at front-view positions xy [N,2]."""
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    # the stand-in's head is an ellipsoid: (x/0.078)^2 + ((y-0.02)/0.11)^2 + (z/0.095)^2 = 1
    z = 0.095 * np.sqrt(np.clip(1 - (xy[:, 0] / 0.078) ** 2 - ((xy[:, 1] - 0.02) / 0.11) ** 2, 0, None))
    return torch.as_tensor(np.column_stack([xy, z]), dtype=torch.float32)


def _luminance(rgb):
    return rgb @ torch.tensor([0.2126, 0.7152, 0.0722])


def test_round_trip_and_older_records(head):
    identity = identity_from_prompt("a man with a scar over his left eye and a mole on his chin", 3)
    assert identity.skin_marks == ("scar_eye_left", "mole_chin_left") or identity.skin_marks[0] == "scar_eye_left"
    assert Identity.from_dict(identity.to_dict()) == identity
    old = identity.to_dict()
    old.pop("skin_marks")
    assert Identity.from_dict(old).skin_marks == ()


def test_the_seed_fills_in_only_what_the_prompt_leaves_open():
    rng = lambda s: np.random.default_rng([s, 16])  # noqa: E731
    sides = {choose_skin_marks(("mole_cheek",), rng(s))[0][0] for s in range(12)}
    assert sides == {"mole_cheek_left", "mole_cheek_right"}
    places = {parse_mark(choose_skin_marks(("beauty",), rng(s))[0][0]).place for s in range(20)}
    assert places == {"lip", "cheekbone"}
    assert choose_skin_marks(("scar_eye_right", "tattoo_face", "paint_red"), rng(0)) == (
        ("scar_eye_right", "tattoo_face", "paint_red"), [])
    assert {choose_skin_marks(("paint",), rng(s))[0][0] for s in range(12)} == {"paint_black", "paint_red"}
    assert parse_mark("paint_light_blue") == ("paint", "light blue", None)
    assert choose_skin_marks(("bindi", "bindi_gold"), rng(0)) == (("bindi_red", "bindi_gold"), [])
    assert parse_mark("bindi_dark_red") == ("bindi", "dark red", None)


def test_a_mole_is_a_small_dark_spot_where_it_was_asked_for(head):
    marked, bare, (name,) = _targets(head, "a man with a mole on his left cheek")
    assert name == "mole_cheek_left"
    x, y = mole_centre(marked.anchors, "cheek", 1.0)
    spot, beside, mirrored = _on_face(marked, [(x, y), (x + 0.006, y), (-x, y)])
    pts = torch.stack([spot, beside, mirrored])
    lum_marked, lum_bare = _luminance(marked.skin(pts)), _luminance(bare.skin(pts))
    assert lum_marked[0] < 0.4 * lum_bare[0]                         # a dark spot
    assert torch.allclose(lum_marked[1:], lum_bare[1:], atol=1e-4)   # 6 mm away and on the other cheek: skin


@pytest.mark.parametrize("prompt, name", [("an Indian woman with a bindi", "bindi_red"),
                                          ("a bride with a gold bindi", "bindi_gold")])
def test_a_bindi_is_a_dot_of_its_colour_between_the_brows(head, prompt, name):
    marked, bare, names = _targets(head, prompt)
    assert names == (name,)
    an = marked.anchors
    x, y = bindi_centre(an)
    eyes_y = float(an.eye_centers[0][1] + an.eye_centers[1][1]) / 2
    assert x == 0.0 and eyes_y + 0.008 < y < eyes_y + 0.02           # between the brows
    dot, beside = _on_face(marked, [(x, y), (x + 0.008, y)])
    pts = torch.stack([dot, beside])
    col, col_bare = marked.skin(pts), bare.skin(pts)
    assert col[0, 0] > 1.5 * col[0, 2] and (col[0] - col_bare[0]).abs().max() > 0.1   # the colour, not skin
    assert torch.allclose(col[1], col_bare[1], atol=1e-4)                              # 8 mm away: skin


def test_a_scar_is_a_pale_line(head):
    marked, bare, (name,) = _targets(head, "a man with a scar across his right cheek")
    a, b = (np.asarray(e) for e in scar_segment(marked.anchors, "cheek", -1.0))
    assert 0.04 <= np.linalg.norm(b - a) <= 0.06
    mid = _on_face(marked, (a + b) / 2)
    far = _on_face(marked, (a + b) / 2 + [0.0, 0.02])
    pts = torch.cat([mid, far])
    lum_marked, lum_bare = _luminance(marked.skin(pts)), _luminance(bare.skin(pts))
    assert lum_marked[0] > 1.03 * lum_bare[0]
    assert torch.allclose(lum_marked[1], lum_bare[1], atol=1e-4)


@pytest.mark.parametrize("prompt", ["a man with a face tattoo", "a Maori warrior with facial tattoos"])
def test_face_tattoos_darken_the_cheeks_and_keep_eyes_and_lips_clear(head, prompt):
    marked, bare, names = _targets(head, prompt)
    assert names == ("tattoo_face",)
    an = marked.anchors
    xs, ys = np.meshgrid(np.linspace(0.02, 0.06, 30), np.linspace(-0.04, 0.02, 30))
    cheek = _on_face(marked, np.column_stack([xs.ravel(), ys.ravel()]))
    darker = _luminance(marked.skin(cheek)) < 0.6 * _luminance(bare.skin(cheek))
    assert 0.08 < float(darker.float().mean()) < 0.6                 # lines, not a filled patch
    clear = _on_face(marked, [an.eye_centers[0][:2] + [0, 0.006], an.mouth_corners[0][:2] - [0.008, 0.0],
                              (0.0, float(an.brow_y) + 0.03)])
    assert torch.allclose(marked.skin(clear), bare.skin(clear), atol=1e-3)


def test_a_neck_tattoo_is_on_the_side_of_the_neck(head):
    marked, bare, (name,) = _targets(head, "a woman with a rose tattoo on her neck", seed=1)
    side = 1.0 if name.endswith("left") else -1.0
    c, _, normal = marked.neck_frames[side]
    around = torch.as_tensor(np.asarray(c) + np.random.default_rng(0).normal(0, 0.006, (400, 3)) * [1, 1.5, 1]
                             - 0.002 * normal, dtype=torch.float32)
    assert float((_luminance(marked.neck(around)) < 0.6 * _luminance(bare.neck(around))).float().mean()) > 0.08
    other = around * torch.tensor([-1.0, 1.0, 1.0])
    assert torch.allclose(marked.neck(other), bare.neck(other), atol=1e-4)


def test_war_paint_stripes_in_the_said_colour(head):
    marked, bare, names = _targets(head, "a man with red war paint")
    assert names == ("paint_red",)
    an = marked.anchors
    stripe = _on_face(marked, [(s * 0.04, float(an.eye_centers[0][1]) - 0.021 - 0.08 * (0.04 - 0.0128)) for s in (1, -1)])
    col, col_bare = marked.skin(stripe), bare.skin(stripe)
    assert (col[:, 0] > 1.5 * col[:, 1]).all() and (col[:, 1] < 0.5 * col_bare[:, 1]).all()
    forehead = _on_face(marked, [(0.03, float(an.brow_y) + 0.02)])
    assert torch.allclose(marked.skin(forehead), bare.skin(forehead), atol=1e-4)


def test_a_black_eye_is_purple_round_one_eye(head):
    marked, bare, (name,) = _targets(head, "a man with a black eye")
    s = 1.0 if name.endswith("left") else -1.0
    eye = marked.anchors.eye_centers[0 if s > 0 else 1]
    below, other = _on_face(marked, [eye[:2] + [0.0, -0.014], eye[:2] * [-1, 1] + [0.0, -0.014]])
    pts = torch.stack([below, other])
    col, col_bare = marked.skin(pts), bare.skin(pts)
    assert _luminance(col[0]) < 0.6 * _luminance(col_bare[0])
    assert col[0, 2] / col[0, 0] > 1.2 * col_bare[0, 2] / col_bare[0, 0]   # bluer: purple-shifted
    assert torch.allclose(col[1], col_bare[1], atol=1e-4)


def test_a_teardrop_under_one_eye(head):
    marked, bare, (name,) = _targets(head, "a man with a teardrop tattoo under his left eye")
    assert name == "tattoo_teardrop_left"
    an = marked.anchors
    at = _on_face(marked, [(float(an.eye_outer[0][0]) - 0.004, float(an.eye_centers[0][1]) - 0.023)])
    assert _luminance(marked.skin(at)) < 0.5 * _luminance(bare.skin(at))


def test_acne_is_red_spots_on_cheeks_forehead_and_chin_placed_by_the_seed(head):
    marked, bare, names = _targets(head, "a spotty teenage boy with acne")
    assert names == ("acne",)
    an = marked.anchors
    spots = acne_spots(an, 0)
    assert not np.allclose(spots, acne_spots(an, 1)) and np.allclose(spots, acne_spots(an, 0))
    at = _on_face(marked, spots[:, :2])
    col, col_bare = marked.skin(at), bare.skin(at)
    redder = col[:, 0] / col[:, 1] > 1.25 * col_bare[:, 0] / col_bare[:, 1]
    assert float(redder.float().mean()) > 0.9                       # each spot's core is red
    mouth_y = float(an.mouth_corners[0][1])
    assert (spots[:, 1] > float(an.eye_centers[0][1])).any() and (spots[:, 1] < mouth_y).any()   # forehead, chin
    assert ((np.abs(spots[:, 0]) > 0.02) & (spots[:, 1] < float(an.eye_centers[0][1]))).any()    # cheeks
    clear = _on_face(marked, [an.eye_centers[0][:2] + [0.0, 0.03], (0.0, mouth_y - 0.07)])   # brow's middle, throat
    clear = clear[[not (np.linalg.norm(spots[:, :2] - p[:2].numpy(), axis=1) < 3 * spots[:, 2] * 2.4).any()
                   for p in clear]]
    assert torch.allclose(marked.skin(clear), bare.skin(clear), atol=2e-3)


def test_vitiligo_is_pale_patches_gathered_round_the_eyes_and_mouth(head):
    marked, bare, names = _targets(head, "a dark-skinned Black woman with vitiligo")
    assert names == ("vitiligo",)
    an = marked.anchors
    grid = np.stack(np.meshgrid(np.linspace(-0.06, 0.06, 49), np.linspace(-0.07, 0.1, 69)), -1).reshape(-1, 2)
    at = _on_face(marked, grid)
    at = at[at[:, 2] > 0.03]
    lum, lum_bare = _luminance(marked.skin(at)), _luminance(bare.skin(at))
    pale = lum > 2.5 * lum_bare                     # depigmented: far lighter than the dark skin round it ...
    assert 0.08 < float(pale.float().mean()) < 0.6, float(pale.float().mean())
    same = torch.isclose(lum, lum_bare, rtol=0.02)  # ... in patches, with skin of its own colour between them
    assert float(same.float().mean()) > 0.25
    near = torch.minimum(*((at - torch.as_tensor(e, dtype=torch.float32)).norm(dim=1) for e in an.eye_centers)) < 0.025
    assert float(pale[near].float().mean()) > float(pale[~near].float().mean())   # gathered round the eyes
    patches = [vitiligo(at, an, seed) > 0.5 for seed in (0, 0, 1)]
    assert torch.equal(patches[0], patches[1]) and (patches[0] != patches[2]).float().mean() > 0.1   # the seed's shapes
    assert identity_from_prompt("a man with white patches on his face", 0).skin_marks == ("vitiligo",)
    assert identity_from_prompt("백반증이 있는 여자", 0).skin_marks == ("vitiligo",)


@pytest.mark.parametrize("prompt, name", [("a geisha with white makeup and red lips", "whiteface"),
                                          ("a mime", "whiteface_mime"), ("a clown", "whiteface_clown"),
                                          ("a man in white face paint", "whiteface")])
def test_white_face_paint_covers_the_face_and_stops_at_the_jaw(head, prompt, name):
    marked, bare, names = _targets(head, prompt)
    assert names == (name,)
    an = marked.anchors
    ex, ey = float(an.eye_centers[0][0]), float(an.eye_centers[0][1])
    face = _on_face(marked, [(ex + 0.012, ey - 0.035), (0.02, an.brow_y + 0.03), (-ex - 0.012, ey - 0.035)])
    assert (_luminance(marked.skin(face)) > 0.75).all() and (marked.skin(face).min(dim=1).values > 0.6).all()
    mouth_y = float(an.mouth_corners[0][1])
    below = _on_face(marked, [(0.0, mouth_y - 0.06)])                       # under the chin: the neck's skin
    assert torch.allclose(marked.skin(below), bare.skin(below), atol=1e-3)
    back = torch.tensor([[0.0, ey, -0.09]])                                 # the back of the head
    assert torch.allclose(marked.skin(back), bare.skin(back), atol=1e-4)
    stroke = _on_face(marked, [(ex, an.brow_y + 0.008)])                    # a mime's black stroke above the eye
    nose = torch.as_tensor(an.nose_tip, dtype=torch.float32)[None]
    if name == "whiteface_mime":
        assert _luminance(marked.skin(stroke)) < 0.15                      # black on the white
    else:
        assert _luminance(marked.skin(stroke)) > 0.5
    clown_nose = marked.skin(nose)[0]
    assert (clown_nose[0] > 4 * clown_nose[1]) == (name == "whiteface_clown")


def test_the_new_marks_are_named_whole_and_never_by_chance():
    rng = np.random.default_rng(0)
    assert choose_skin_marks(("acne", "whiteface_clown"), rng) == (("acne", "whiteface_clown"), [])
    assert parse_mark("whiteface_mime") == ("whiteface", "mime", None)
    assert identity_from_prompt("a clown in whiteface", 0).skin_marks == ("whiteface_clown",)
    assert identity_from_prompt("a teenage boy", 0).skin_marks == ()
    for prompt in ("a woman in a spotty dress", "a woman in a polka dot dress", "a man in a spotty red shirt",
                   "a woman with no acne", "a man with red and white face paint", "a woman with a pale white face"):
        assert not {"acne", "whiteface"} & {parse_mark(m).kind for m in identity_from_prompt(prompt, 0).skin_marks}, prompt
    for prompt in ("a boy with pimples", "a man with zits", "a girl with blemishes", "a man with spots on his face",
                   "a spotty teenager"):
        assert identity_from_prompt(prompt, 0).skin_marks == ("acne",), prompt
    geisha = identity_from_prompt("a geisha with white makeup and red lips", 0)
    assert geisha.makeup == ("red lipstick",)


def test_a_face_painted_white_is_shaved_unless_the_prompt_gives_it_a_beard():
    for seed in range(8):
        assert identity_from_prompt("a clown", seed).facial_hair.style == "none"
        assert identity_from_prompt("a man in white face paint", seed).facial_hair.style == "none"
    assert identity_from_prompt("a man in white face paint with a full beard", 0).facial_hair.style == "full_beard"


def test_a_red_nose_flushes_the_tip_of_the_nose_and_not_the_cheeks(head):
    marked, bare, names = _targets(head, "an old man with a red nose")
    assert names == ("rednose",)
    an = marked.anchors
    tip = torch.as_tensor(an.nose_tip, dtype=torch.float32)[None]
    col, col_bare = marked.skin(tip), bare.skin(tip)
    assert float(col[0, 0] / col[0, 1]) > 1.2 * float(col_bare[0, 0] / col_bare[0, 1])     # redder at the tip
    cheeks = _on_face(marked, [(an.eye_centers[0][0], an.eye_centers[0][1] - 0.035),
                               (an.eye_centers[1][0], an.eye_centers[1][1] - 0.035)])
    assert torch.allclose(marked.skin(cheeks), bare.skin(cheeks), atol=0.01)
    for prompt in ("a drunk with a ruddy nose", "a woman with rosacea", "a girl with a rosy nose from the cold"):
        assert identity_from_prompt(prompt, 0).skin_marks == ("rednose",), prompt
    assert identity_from_prompt("a man with a red scarf over his nose", 0).skin_marks == ()


@pytest.mark.parametrize("prompt, name", [
    ("a boxer with a bandage over his left eyebrow", "bandage_eye_left"),
    ("a boy with a band-aid on his nose", "bandage_nose"),
    ("a kid with a plaster on her right cheek", "bandage_cheek_right"),
    ("a man with a bandage on his chin", "bandage_chin"),
])
def test_a_bandage_is_a_tan_strip_with_a_pale_pad_where_the_words_put_it(head, prompt, name):
    from portraittalker.appearance.skin_marks import BANDAGE_M, bandage_frame

    marked, bare, names = _targets(head, prompt)
    assert names[0].startswith(name), names
    mark = parse_mark(names[0])
    (cx, cy), angle = bandage_frame(marked.anchors, mark.place, -1.0 if mark.side == "right" else 1.0)
    along = np.array([np.cos(angle), np.sin(angle)])
    centre = _on_face(marked, [(cx, cy)])
    end = _on_face(marked, [np.array([cx, cy]) + 0.4 * BANDAGE_M[0] * along])     # the strip beside the pad
    off = _on_face(marked, [np.array([cx, cy]) + 0.9 * BANDAGE_M[0] * along])     # past its end: skin
    pad, strip = marked.skin(centre)[0], marked.skin(end)[0]
    assert _luminance(pad) > _luminance(strip) and float(strip[0] / strip[2]) > 1.8   # a pale pad, a tan strip
    assert not torch.allclose(marked.skin(centre), bare.skin(centre), atol=0.02)
    assert torch.allclose(marked.skin(off), bare.skin(off), atol=2e-3)


@pytest.mark.parametrize("prompt, name", [("a firefighter with soot on his face", "soot"),
                                          ("a coal miner with a sooty face", "soot"),
                                          ("a farm boy with a dirty face", "dirt"), ("a child with mud on her cheeks", "dirt")])
def test_soot_or_dirt_darkens_the_face_in_blotches_and_not_the_neck(head, prompt, name):
    marked, bare, names = _targets(head, prompt)
    assert name in names
    an = marked.anchors
    grid = np.stack(np.meshgrid(np.linspace(-0.04, 0.04, 33), np.linspace(-0.03, 0.08, 45)), -1).reshape(-1, 2)
    at = _on_face(marked, grid)
    ratio = _luminance(marked.skin(at)) / _luminance(bare.skin(at))
    assert float(ratio.max()) < 0.95                      # a film everywhere on the face ...
    assert float((ratio < 0.6).float().mean()) > 0.15     # ... and dark blotches
    assert float(ratio.std()) > 0.05
    below = _on_face(marked, [(0.0, float(an.mouth_corners[0][1]) - 0.065)])   # the throat: clean
    assert torch.allclose(marked.skin(below), bare.skin(below), atol=2e-3)


def test_a_port_wine_stain_reddens_one_cheek(head):
    marked, bare, names = _targets(head, "a woman with a port-wine stain on her left cheek")
    assert names == ("stain_cheek_left",)
    an = marked.anchors
    cheeks = _on_face(marked, [(an.eye_centers[0][0] + 0.01, an.eye_centers[0][1] - 0.03),
                               (an.eye_centers[1][0] - 0.01, an.eye_centers[1][1] - 0.03)])
    col, col_bare = marked.skin(cheeks), bare.skin(cheeks)
    assert float(col[0, 0] / col[0, 1]) > 1.5 * float(col_bare[0, 0] / col_bare[0, 1])   # wine red on her left
    assert torch.allclose(col[1], col_bare[1], atol=2e-3)                                 # her right untouched


def test_a_head_bandage_grill_and_wart_are_read_as_what_they_are():
    head_bandage = identity_from_prompt("a soldier with a bandage around his head", 0)
    assert head_bandage.skin_marks == () and (head_bandage.headband.style, head_bandage.headband.color) == ("sweatband", "white")
    assert identity_from_prompt("a witch with a wart on her nose", 0).skin_marks[0].startswith("mole_nose")
    assert identity_from_prompt("a rapper with gold chains and a grill", 0).teeth == ("gold_teeth",)
    assert "gold_teeth" not in identity_from_prompt("a man standing at a grill", 0).teeth
    assert identity_from_prompt("a man with a bandage", 0).skin_marks[0].startswith("bandage_")


@pytest.mark.parametrize("prompt, name", [
    ("un niño con una tirita en la nariz", "bandage_nose"), ("une fille au visage sale", "dirt"),
    ("ein Junge mit einem Pflaster auf der Wange", "bandage_cheek"), ("반창고를 붙인 소년", "bandage"),
])
def test_bandages_and_dirt_in_other_languages(prompt, name):
    assert identity_from_prompt(prompt, 0).skin_marks[0].startswith(name)
