"""A face mask: a sheet over nose, mouth and chin that opens with the jaw, or pulled down under
the chin; read from prompts in several languages; painted in its colour on its own layer."""

import numpy as np
import pytest
import torch
from test_head_parts import anchors, head  # noqa: F401  (the bundled head and its anchors, module fixtures)

from portraittalker.errors import PortraitTalkerError
from portraittalker.head import load_head_model
from portraittalker.head.layer import FlameLayer
from portraittalker.head.parts import add_face_mask, dress_head
from portraittalker.head.parts.body import Anchors, BodySurface, region_mask
from portraittalker.head.parts.face_mask import STYLES
from portraittalker.identity import identity_from_prompt, parse_prompt

FORWARD = np.array([0.0, 0.0, 1.0])



@pytest.fixture(scope="module")
def masks(head):
    return {(style, down): add_face_mask(head, style, down) for style in STYLES for down in (False, True)}


def _crossed(origins: np.ndarray, direction: np.ndarray, verts: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """[R] bool: does the ray from each of `origins` [R,3] along `direction` cross a triangle."""
    a, b, c = verts[faces[:, 0]], verts[faces[:, 1]], verts[faces[:, 2]]
    e1, e2 = b - a, c - a
    pv = np.cross(direction, e2)
    det = (e1 * pv).sum(-1)
    inv = 1.0 / np.where(np.abs(det) < 1e-12, 1e-12, det)
    out = np.zeros(len(origins), dtype=bool)
    for i, o in enumerate(origins):
        tv = o - a
        u = (tv * pv).sum(-1) * inv
        qv = np.cross(tv, e1)
        w = (direction * qv).sum(-1) * inv
        t = (e2 * qv).sum(-1) * inv
        out[i] = ((u >= 0) & (w >= 0) & (u + w <= 1) & (t > 0)).any()
    return out


def _sheet(head, worn, verts=None):
    """(verts, the sheet's faces) of the mask on `worn` (its ear loops left out)."""
    v = np.asarray(worn.v_template if verts is None else verts, np.float64)
    first, count = head.num_vertices, worn.metadata["face_mask"]["sheet_vertices"]
    faces = np.asarray(worn.faces)
    inside = (faces >= first) & (faces < first + count)
    return v, faces[inside.all(axis=1)]


def _posed(model, jaw_open: float) -> np.ndarray:
    zero3 = torch.zeros(1, 3)
    with torch.no_grad():
        return FlameLayer(model)(torch.zeros(1, model.num_expression), torch.tensor([[jaw_open, 0.0, 0.0]]), zero3,
                                 zero3, torch.zeros(1, 6))[0].numpy()


def test_a_face_mask_covers_nose_mouth_and_chin_with_nothing_poking_through(head, anchors, masks):
    v = np.asarray(head.v_template, np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    lips_and_nose = v[region_mask(head, "lips") | (np.linalg.norm(v - lm["nose_tip"], axis=1) < 0.012)]
    lips_and_nose = lips_and_nose[lips_and_nose[:, 2] > anchors.face_z]          # their front, not the mouth's inside
    for style in STYLES:
        worn = masks[(style, False)]
        worn.validate(style)
        verts, sheet = _sheet(head, worn)
        # every point of the lips and the nose's tip lies behind the cloth (none pokes through it)
        assert _crossed(lips_and_nose, FORWARD, verts, sheet).all(), style
        # from in front: the chin is covered, the eyes are not
        covered = np.array([lm["chin"] + [0.0, 0.012, 0.0], lm["mouth_corner_left"], lm["mouth_corner_right"]])
        assert _crossed(covered, FORWARD, verts, sheet).all(), style
        assert not _crossed(np.array([lm["pupil_left"], lm["pupil_right"]]), FORWARD, verts, sheet).any(), style
        assert BodySurface(head).signed_distance(verts[np.unique(sheet)]).min() > 0.0008, style   # clear of the skin
        # its loops reach back round the ears, on both sides
        loops = verts[head.num_vertices + worn.metadata["face_mask"]["sheet_vertices"]:]
        for sign in (1.0, -1.0):
            side = loops[loops[:, 0] * sign > 0]
            assert side[:, 2].min() < anchors.ear_z and np.abs(side[:, 0]).max() > 0.8 * anchors.skull_radii[0]


def test_a_face_mask_opens_with_the_jaw_and_the_lips_stay_behind_it(head, anchors, masks):
    worn = masks[("surgical", False)]
    rest, opened = _posed(worn, 0.0), _posed(worn, 0.3)
    v = np.asarray(head.v_template, np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    _, sheet = _sheet(head, worn)
    ids = np.unique(sheet)
    moved = opened[ids] - rest[ids]
    low = rest[ids, 1] < lm["lip_outer_bottom"][1] - 0.01
    high = rest[ids, 1] > lm["nose_tip"][1]
    assert moved[low, 1].mean() < -0.004                          # the lower part goes down with the chin ...
    assert np.linalg.norm(moved[high], axis=1).mean() < 0.0005   # ... the part over the nose stays
    assert np.linalg.norm(moved[high], axis=1).max() < 0.003
    lower_lip = region_mask(head, "lips") & (v[:, 1] < lm["lip_inner_bottom"][1]) & (v[:, 2] > anchors.face_z)
    assert _crossed(opened[:head.num_vertices][lower_lip], FORWARD, opened, sheet).mean() > 0.97
    loops = np.arange(head.num_vertices + worn.metadata["face_mask"]["sheet_vertices"], worn.num_vertices)
    assert np.abs(worn.exprdirs[loops]).max() == 0                # the loops ride rigidly on the head


def test_a_face_mask_pulled_down_leaves_the_mouth_free(head, masks):
    v = np.asarray(head.v_template, np.float64)
    lm = {k: v[i] for k, i in head.landmarks.items()}
    worn = masks[("surgical", True)]
    worn.validate("down")
    verts, sheet = _sheet(head, worn)
    assert verts[np.unique(sheet), 1].max() < lm["lip_outer_bottom"][1]
    mouth = np.array([lm["lip_outer_top"], lm["lip_outer_bottom"], lm["nose_tip"]])
    assert not _crossed(mouth, FORWARD, verts, sheet).any()
    assert _crossed(np.array([lm["chin"] + [0.0, 0.012, 0.0]]), FORWARD, verts, sheet).all()


def test_face_mask_errors_and_no_mask(head):
    assert add_face_mask(head, None) is head
    with pytest.raises(PortraitTalkerError, match="face mask style 'gas'"):
        add_face_mask(head, "gas")


def test_a_face_mask_goes_over_a_beard_and_under_glasses(head):
    dressed = dress_head(head, hair_style="short", facial_hair="full_beard", glasses="glasses", face_mask="cloth")
    dressed.validate("beard and glasses")
    beard = np.asarray(dressed.v_template)[region_mask(dressed, "facial_hair")]
    beard = beard[beard[:, 2] > Anchors.from_head(head).face_z]
    start = head.num_vertices
    worn_alone = add_face_mask(head, "cloth")   # (the sheet's vertices follow the beard's in the dressed head)
    ids = np.flatnonzero(region_mask(dressed, "face_mask"))[:worn_alone.metadata["face_mask"]["sheet_vertices"]]
    faces = np.asarray(dressed.faces)
    sheet = faces[np.isin(faces, ids).all(axis=1)]
    assert start < ids.min()
    covered = beard[(np.abs(beard[:, 0]) < 0.03) & (beard[:, 1] > Anchors.from_head(head).chin[1] + 0.01)]
    assert len(covered) > 20 and _crossed(covered, FORWARD, np.asarray(dressed.v_template), sheet).all()


@pytest.mark.parametrize("prompt, expected", [
    ("a surgeon wearing a surgical mask", {"face_mask": "surgical", "face_mask_down": False, "ignored": ()}),
    ("a woman in a blue medical mask", {"face_mask": "surgical", "face_mask_color": "blue"}),
    ("a man wearing an N95", {"face_mask": "respirator", "ignored": ()}),
    ("a worker with a dust mask", {"face_mask": "respirator"}),
    ("a man in a black cloth face mask", {"face_mask": "cloth", "face_mask_color": "black", "ignored": ()}),
    ("a man with a red bandana over his face", {"face_mask": "cloth", "face_mask_color": "red", "scarf": False,
                                                   "headwear": None}),
    ("a woman with a mask over her mouth and nose", {"face_mask": "surgical", "ignored": ()}),
    ("a nurse with a face mask pulled down under her chin", {"face_mask_down": True, "sex": "female", "ignored": ()}),
    ("a pharmacist with a surgical mask pulled down", {"face_mask_down": True}),
    ("a man wearing a masquerade mask", {"face_mask": None}),
    ("a man in a ski mask", {"face_mask": None}),
    ("una enfermera con mascarilla", {"face_mask": "surgical", "sex": "female", "ignored": ()}),
    ("un hombre con una mascarilla negra", {"face_mask": "surgical", "face_mask_color": "black"}),
    ("una persona con mascarilla bajo la barbilla", {"face_mask_down": True, "sex": None}),
    ("une femme avec un masque en tissu noir", {"face_mask": "cloth", "face_mask_color": "black"}),
    ("ein Arzt mit Mundschutz", {"face_mask": "surgical", "ignored": ()}),
    ("eine Frau mit FFP2-Maske", {"face_mask": "respirator"}),
    ("un uomo con la mascherina", {"face_mask": "surgical"}),
    ("uma médica com máscara cirúrgica", {"face_mask": "surgical", "sex": "female"}),
    ("мужчина в медицинской маске", {"face_mask": "surgical", "sex": "male"}),
    ("마스크를 쓴 남자", {"face_mask": "surgical", "sex": "male"}),
    ("マスクをした女性", {"face_mask": "surgical", "sex": "female", "ignored": ()}),
    ("戴口罩的男人", {"face_mask": "surgical", "sex": "male"}),
])
def test_face_masks_from_the_prompt(prompt, expected):
    attrs = parse_prompt(prompt)
    for key, value in expected.items():
        assert getattr(attrs, key) == value, (prompt, key, attrs.found)


def test_a_pronoun_taken_with_a_phrase_still_says_the_sex():
    assert parse_prompt("a person with an eye patch over her right eye").sex == "female"
    assert parse_prompt("a person with a bandana around his neck").sex == "male"
    # both, each taken with its phrase: neither is trusted
    assert parse_prompt("a person with a patch over his left eye and a bandana around her neck").sex is None


def test_a_face_mask_colour_is_its_kinds_unless_said_and_it_is_painted_on_its_own_layer():
    from portraittalker.appearance.layers import LAYER_REGIONS, vertex_layers
    from portraittalker.identity.lexicon import CLOTHING_COLORS_SRGB
    from portraittalker.identity.look import region_palette, resolve_look, srgb_to_linear

    assert identity_from_prompt("a surgeon in a surgical mask", 0).face_mask.color == "light blue"
    assert identity_from_prompt("a man in an N95", 0).face_mask.color == "white"
    assert identity_from_prompt("a man in a red surgical mask", 0).face_mask.color == "red"
    cloth = {identity_from_prompt("a man in a cloth mask", seed).face_mask.color for seed in range(12)}
    assert len(cloth) >= 3                                              # the seed picks a cloth mask's colour
    assert "face_mask_color" in identity_from_prompt("a man in a cloth mask", 0).chosen
    assert identity_from_prompt("a man in a cloth mask", 0).face_mask.down is False
    assert identity_from_prompt("a surgeon", 0).face_mask is None       # never by chance
    ident = identity_from_prompt("a woman in a black cloth face mask", 0)
    assert region_palette(resolve_look(ident))["face_mask"] == srgb_to_linear(CLOTHING_COLORS_SRGB["black"])
    assert type(ident).from_dict(ident.to_dict()) == ident              # the record round-trips
    head = load_head_model("bundled")
    worn = add_face_mask(head, "cloth")
    layers = vertex_layers(worn, LAYER_REGIONS)
    mask_layer = list(LAYER_REGIONS).index("face_mask") + 1
    assert (layers[region_mask(worn, "face_mask")] == mask_layer).all() and (layers[:head.num_vertices] != mask_layer).all()

