"""Garment prints (appearance/prints.py) and the prompt words that ask for them."""

import numpy as np
import pytest
import torch

from portraittalker.appearance.prints import (DOT_SPACING_M, PATTERNS, PLAID_PERIOD_M, STRIPE_PERIOD_M,
                                              contrast_colour, printed, second_colour)
from portraittalker.identity import identity_from_prompt
from portraittalker.identity.prompt import parse_prompt

RED, WHITE = (0.6, 0.02, 0.02), (0.85, 0.85, 0.83)


def _column(ys, x=0.013):
    return torch.tensor([[x, y, 0.1] for y in ys], dtype=torch.float32)


def test_plain_cloth_is_its_colour_times_its_shading():
    p = torch.rand(50, 3)
    shading = torch.rand(50) + 0.5
    assert torch.equal(printed(None, p, RED, WHITE, shading), torch.tensor(RED) * shading[:, None])


def test_stripes_alternate_down_the_chest_in_both_colours():
    ys = np.linspace(0.0, 4 * STRIPE_PERIOD_M, 400, endpoint=False)
    c = printed("stripes", _column(ys), RED, WHITE, torch.ones(len(ys))).numpy()
    white = c[:, 1] > 0.6
    red = c[:, 1] < 0.1
    assert 0.3 < white.mean() < 0.5 and 0.4 < red.mean() < 0.6              # a stripe of each colour per period
    assert np.count_nonzero(np.diff(white.astype(int)) == 1) in (3, 4)      # four stripes in four periods
    along = printed("stripes", torch.tensor([[x, 0.003, 0.1] for x in np.linspace(-0.1, 0.1, 50)],
                                            dtype=torch.float32), RED, WHITE, torch.ones(50))
    assert torch.allclose(along, along[:1].expand_as(along))               # level across the chest


def test_plaid_crossings_are_darker_than_either_band_and_dots_repeat():
    dark = tuple(0.22 * c for c in RED)
    cells = torch.tensor([[0.009, 0.009, 0.1], [0.009, 0.04, 0.1], [0.04, 0.04, 0.1]], dtype=torch.float32)
    both, one, none = printed("plaid", cells, RED, dark, torch.ones(3))[:, 0]
    assert both < one < none                                               # crossing < a band < the ground
    ys = np.linspace(0.0, 2 * PLAID_PERIOD_M, 60, endpoint=False)
    c = printed("plaid", _column(ys, 0.04), RED, dark, torch.ones(len(ys)))
    assert torch.allclose(c[:30], c[30:], atol=1e-5)                       # it repeats every tile
    spot = torch.tensor([[DOT_SPACING_M / 2, DOT_SPACING_M / 2, 0.0], [0.0, 0.0, 0.0],
                         [DOT_SPACING_M * 2.5, DOT_SPACING_M * 4.5, 0.0]], dtype=torch.float32)
    d = printed("dots", spot, RED, WHITE, torch.ones(3))[:, 1]
    assert d[0] > 0.8 and d[1] < 0.1 and d[2] > 0.8                          # a dot at each grid point, ground between


def test_plaids_light_lines_are_wide_enough_for_the_fields_texels():
    """3 mm lines on a field of ~2 mm texels were fitted as dashes."""
    dark = tuple(0.22 * c for c in RED)
    ys = np.linspace(0.0, PLAID_PERIOD_M, 600, endpoint=False)
    c = printed("plaid", _column(ys, 0.02), RED, dark, torch.ones(len(ys)))[:, 1].numpy()
    lit = c > c.min() + 0.5 * (c.max() - c.min())       # the light line across the column
    assert 0.005 < lit.sum() * (ys[1] - ys[0]) < 0.01


def test_flowers_cover_part_of_the_cloth_in_several_colours():
    g = torch.stack(torch.meshgrid(torch.linspace(-0.2, 0.2, 200), torch.linspace(-0.2, 0.2, 200), indexing="ij"), -1)
    p = torch.cat([g.reshape(-1, 2), torch.zeros(200 * 200, 1)], 1)
    c = printed("floral", p, (0.02, 0.1, 0.4), WHITE, torch.ones(len(p)))
    ground = (c - torch.tensor((0.02, 0.1, 0.4))).abs().max(1).values < 1e-4
    assert 0.05 < 1 - ground.float().mean() < 0.4                          # flowers on a ground
    assert len({tuple(np.round(v, 2)) for v in c[~ground].numpy()}) > 3    # in more than one colour
    with pytest.raises(ValueError):
        printed("paisley", p[:3], RED, WHITE, torch.ones(3))


def test_camouflage_is_blotches_of_three_colours_over_the_cloth():
    g = torch.stack(torch.meshgrid(torch.linspace(-0.2, 0.2, 120), torch.linspace(-0.2, 0.2, 120), indexing="ij"), -1)
    p = torch.cat([g.reshape(-1, 2), torch.zeros(120 * 120, 1)], 1)
    olive = (0.1, 0.1, 0.03)
    c = printed("camo", p, olive, WHITE, torch.ones(len(p))).numpy()
    colours, counts = np.unique(np.round(c, 4), axis=0, return_counts=True)
    main = colours[counts > 0.05 * len(p)]
    assert len(main) == 4 and any(np.allclose(m, olive, atol=1e-4) for m in main)   # the ground and three blotches
    assert counts.max() < 0.6 * len(p)                                              # none covers the cloth


def test_fur_is_tufts_in_clumps_of_the_cloths_own_colour():
    g = torch.stack(torch.meshgrid(torch.linspace(-0.1, 0.1, 100), torch.linspace(-0.1, 0.1, 100), indexing="ij"), -1)
    p = torch.cat([g.reshape(-1, 2), torch.zeros(100 * 100, 1)], 1)
    brown = (0.2, 0.1, 0.05)
    c = printed("fur", p, brown, WHITE, torch.ones(len(p)))
    ratio = c / torch.tensor(brown)
    assert torch.allclose(ratio[:, 0], ratio[:, 2], atol=1e-5)                     # its own hue, lighter and darker
    assert float(ratio[:, 0].std()) > 0.05 and 0.5 < float(ratio[:, 0].min()) < float(ratio[:, 0].max()) < 1.3
    assert torch.equal(c, printed("fur", p, brown, WHITE, torch.ones(len(p))))     # the same fur each time


def test_a_leopards_rosettes_are_broken_rings_round_a_darker_centre_and_a_zebras_stripes_wave():
    g = torch.stack(torch.meshgrid(torch.linspace(-0.2, 0.2, 200), torch.linspace(-0.2, 0.2, 200), indexing="ij"), -1)
    p = torch.cat([g.reshape(-1, 2), torch.zeros(200 * 200, 1)], 1)
    ochre = (0.6, 0.3, 0.08)
    c = printed("leopard", p, ochre, second_colour("leopard", ochre), torch.ones(len(p))).numpy()
    ground, centre, marks = (np.isclose(c[:, 0], 0.6, atol=0.01), (c[:, 0] > 0.3) & (c[:, 0] < 0.45),
                             c[:, 0] < 0.06)
    assert 0.5 < ground.mean() < 0.85 and 0.05 < centre.mean() and 0.05 < marks.mean() < 0.3
    assert np.allclose(c[marks, 0] / c[marks, 2], 0.6 / 0.08, rtol=0.3)            # the ground's own brown, dark
    z = printed("zebra", _column(np.linspace(0.0, 0.3, 600)), WHITE, second_colour("zebra", WHITE), torch.ones(600))
    dark = (z[:, 0] < 0.1).numpy().astype(int)
    assert 6 <= np.abs(np.diff(dark)).sum() // 2 <= 12                               # about one stripe every 3.5 cm
    other = printed("zebra", _column(np.linspace(0.0, 0.3, 600), x=0.08), WHITE, second_colour("zebra", WHITE),
                    torch.ones(600))
    assert (z[:, 0] < 0.1).float().ne((other[:, 0] < 0.1).float()).float().mean() > 0.1   # wavy, not level


def test_a_prints_second_colour_stands_out():
    assert contrast_colour((0.02, 0.02, 0.1)) == WHITE and contrast_colour((0.9, 0.9, 0.9)) != WHITE


@pytest.mark.parametrize("prompt, pattern, second", [
    ("a man in a red plaid flannel shirt", "plaid", None),
    ("a boy in a red and white striped shirt", "stripes", "white"),
    ("a woman in a navy polka dot dress", "dots", None),
    ("a man in a Hawaiian shirt", "floral", None),
    ("a man in a grey pinstripe suit and a red tie", "pinstripes", None),
    ("a girl in a blue gingham dress", "plaid", None),
    ("a man in a navy suit and a red striped tie", None, None),            # the tie's stripes, not the suit's
    ("a woman in a black blazer and a striped shirt", None, None),         # the shirt under it is plain
    ("a woman in a red dress", None, None),
    ("a soldier in camouflage", "camo", None),
    ("a man in a camo hoodie", "camo", None),
    ("a woman in a fur coat", "fur", None),
    ("a man in a white faux fur jacket", "fur", None),
    ("a woman in a fur-trimmed parka", None, None),                      # only its edge is fur
    ("a woman in a leopard print top", "leopard", None), ("a woman in a zebra print dress", "zebra", None),
])
def test_the_prompt_names_the_print(prompt, pattern, second):
    a = parse_prompt(prompt)
    assert (a.clothing_pattern, a.clothing_pattern_color) == (pattern, second) and not a.ignored
    garment = identity_from_prompt(prompt, 0).garment
    assert (garment.pattern, garment.pattern_color) == (pattern, second)
    assert set(PATTERNS) >= {pattern} - {None}


@pytest.mark.parametrize("prompt, expected", [
    ("una mujer con un vestido de lunares azul", {"clothing": "dress", "clothing_pattern": "dots", "clothing_color": "blue"}),
    ("un hombre con una camisa a cuadros roja", {"clothing_pattern": "plaid", "clothing_color": "red"}),
    ("une femme avec une robe à fleurs", {"clothing": "dress", "clothing_pattern": "floral"}),
    ("un homme en salopette bleue", {"overalls": True, "suspenders_color": "blue"}),
    ("uma menina com um vestido xadrez", {"clothing_pattern": "plaid", "sex": "female"}),
    ("un uomo con una camicia a righe bianca", {"clothing_pattern": "stripes", "clothing_color": "white"}),
    ("ein Mann mit einem karierten Hemd", {"clothing_pattern": "plaid", "sex": "male"}),
    ("체크무늬 셔츠를 입은 남자", {"clothing_pattern": "plaid", "sex": "male"}),
    ("花柄のワンピースを着た女性", {"clothing": "dress", "clothing_pattern": "floral"}),
    ("穿条纹衬衫的男人", {"clothing_pattern": "stripes", "sex": "male"}),
    ("着物を着た女性", {"clothing": "robe", "sex": "female"}),
    ("una mujer con lunares en la mejilla", {"clothing_pattern": None}),     # moles on her cheek, not polka dots
])
def test_prints_overalls_and_wraps_in_other_languages(prompt, expected):
    a = parse_prompt(prompt)
    assert {k: getattr(a, k) for k in expected} == expected


def test_a_fur_cloak_is_a_cape_of_fur():
    from portraittalker.identity import Identity

    viking = identity_from_prompt("a Viking with a fur cloak", 0)
    assert viking.scarf.style == "cape" and viking.scarf.fur and viking.scarf.color == "brown"
    assert Identity.from_dict(viking.to_dict()) == viking
    assert identity_from_prompt("a woman in a white fur cape", 0).scarf.color == "white"
    assert not identity_from_prompt("a king in a red velvet cape", 0).scarf.fur
    assert not identity_from_prompt("a woman in a fur-lined cape", 0).scarf.fur   # only its lining


def test_plate_armour_is_overlapping_bands_and_mail_is_rings_of_steel():
    from portraittalker.appearance.prints import MAIL_RING_M, METAL_PATTERNS, PLATE_LAME_M

    steel = (0.6, 0.6, 0.62)
    ys = np.linspace(0.0, 3 * PLATE_LAME_M, 600, endpoint=False)
    lum = printed("plate", _column(ys), steel, steel, torch.ones(len(ys))).mean(dim=1).numpy()
    per_band = lum.reshape(3, -1)
    assert np.allclose(per_band[0], per_band[1], atol=0.05)                 # one band's light repeats (brushed) ...
    n = per_band.shape[1]                                                  # (y rises through each band)
    assert per_band.max() > 3 * per_band.min()
    assert np.argmin(per_band[0]) > 0.8 * n                                # the top of a band in the shadow of the one above,
    assert per_band[0, :n // 20].mean() > 3 * per_band[0, -n // 20:].mean()   # whose rolled lower edge is lit
    assert per_band[0, n // 2] > per_band[0, n // 5]                       # each band swelling out at its middle
    folds = torch.linspace(0.8, 1.2, len(ys))
    flat = printed("plate", _column(ys), steel, steel, folds) / printed("plate", _column(ys), steel, steel, torch.ones(len(ys)))
    assert float(flat.max() / flat.min()) < 1.2                            # folds of 1.5 to 1 flattened: steel does not fold
    xs = np.linspace(0.0, 4 * MAIL_RING_M, 400)
    ring = printed("mail", torch.tensor([[x, 0.5 * MAIL_RING_M, 0.1] for x in xs], dtype=torch.float32), steel, steel,
                   torch.ones(len(xs))).mean(dim=1).numpy()
    assert ring.max() > 2.0 * ring.min() and np.count_nonzero(np.diff((ring > ring.mean()).astype(int)) == 1) >= 6
    assert set(METAL_PATTERNS) <= set(PATTERNS)


@pytest.mark.parametrize("prompt, pattern", [("a knight in shining armour", "plate"), ("a knight", "plate"),
                                             ("a woman in chainmail", "mail"), ("a warrior in a coat of mail", "mail"),
                                             ("a soldier in a breastplate", "plate")])
def test_armour_is_painted_as_steel_and_shines(prompt, pattern):
    from portraittalker.appearance.paint import METAL_SHINE, PriorTarget
    from portraittalker.head import load_head_model
    from portraittalker.identity import resolve_look

    ident = identity_from_prompt(prompt, 0)
    assert (ident.garment.kind, ident.garment.pattern) == ("sweater", pattern)
    look = resolve_look(ident)
    head = load_head_model("bundled")
    chest = torch.tensor([[0.0, -0.25, 0.09]], dtype=torch.float32)
    _, spec = PriorTarget(head, look, seed=0)(chest)
    assert float(spec[0]) > 0.8 * METAL_SHINE
