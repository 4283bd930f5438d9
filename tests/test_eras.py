"""A period said in the prompt: read apart from ages, its look filling in only what the prompt leaves unsaid."""

import pytest

from portraittalker.identity import identity_from_prompt, parse_prompt
from portraittalker.identity.eras import ERA_LOOKS, ERAS


@pytest.mark.parametrize("prompt, era, age", [
    ("a 1950s housewife", "1950s", None), ("an 80s rock star", "1980s", None), ("a 70s style man", "1970s", None),
    ("a 60s hippie", "1960s", None), ("fifties style woman", "1950s", None),
    ("a woman from the roaring twenties", "1920s", None), ("a Victorian lady", "victorian", None),
    ("an Edwardian gentleman", "victorian", None), ("a medieval peasant", "medieval", None),
    ("a Renaissance nobleman", "renaissance", None), ("a Wild West sheriff", "wild_west", None),
    ("a y2k girl", "2000s", None), ("a 2000s man", "2000s", None), ("early 2000s fashion, a young woman", "2000s", None),
    # ages stay ages
    ("a woman in her 80s", None, (80.0, 89.0)), ("a man, 80s", None, (80.0, 89.0)), ("30s woman", None, (30.0, 39.0)),
    ("a man in his fifties", None, (50.0, 59.0)),
])
def test_periods_are_read_apart_from_ages(prompt, era, age):
    attrs = parse_prompt(prompt)
    assert attrs.era == era and not attrs.ignored, (prompt, attrs.found, attrs.ignored)
    if age is not None:
        assert attrs.age_range == age


def test_every_era_look_is_read_in_full():
    assert set(ERA_LOOKS) == set(ERAS)
    for era, looks in ERA_LOOKS.items():
        for sex, description in looks.items():
            attrs = parse_prompt(description)
            assert not attrs.ignored and attrs.sex is None and attrs.age_range is None, (era, sex, attrs.ignored)


def test_an_era_fills_in_what_the_prompt_leaves_unsaid():
    housewife = identity_from_prompt("a 1950s housewife", 0)
    assert housewife.sex == "female" and "red lipstick" in housewife.makeup
    assert housewife.necklace.style == "pearls" and housewife.garment.kind == "dress"
    man = identity_from_prompt("a 1940s man", 0)
    assert man.headwear.kind == "hat" and man.garment.kind == "suit" and man.garment.tie_color is not None
    assert identity_from_prompt("an 80s man", 0).hair.style == "mullet"
    assert identity_from_prompt("a wild west sheriff", 0).headwear.kind == "cowboy_hat"
    # what the prompt says wins, group by group: her hair keeps its length and colour, takes the era's lipstick
    flapper = identity_from_prompt("a 1920s woman with long red hair in a green dress", 0)
    assert flapper.hair.color == "red" and flapper.hair.style.startswith("long")
    assert flapper.garment.color == "green" and "red lipstick" in flapper.makeup and flapper.necklace is not None
    assert identity_from_prompt("a 1970s man in a grey suit", 0).garment.kind == "suit"
    assert identity_from_prompt("a clean-shaven 1920s man", 0).facial_hair.style == "none"
    # no moustache on a boy; no era, no change
    assert identity_from_prompt("a medieval boy", 0).facial_hair.style == "none"
    girl = identity_from_prompt("a 1950s girl", 0)     # a girl's dress, not lipstick and pearls
    assert girl.garment.kind == "dress" and girl.makeup == () and girl.necklace is None
    baby, dated_baby = identity_from_prompt("a baby", 0), identity_from_prompt("a 1950s baby", 0)
    assert (dated_baby.garment, dated_baby.hair) == (baby.garment, baby.hair)   # a baby takes nothing of it
    assert identity_from_prompt("a man", 3) == identity_from_prompt("a man", 3)
    plain, dated = (identity_from_prompt(p, 2) for p in ("a woman with a bob", "a 1960s woman with a bob"))
    assert dated.hair.style == plain.hair.style == "bob" and dated.garment.kind == "dress"


@pytest.mark.parametrize("prompt, era", [
    ("una mujer de los años 50", "1950s"), ("une femme des années 20", "1920s"), ("ein Mann im Stil der 80er Jahre", "1980s"),
    ("una donna degli anni 60", "1960s"), ("um homem dos anos 70", "1970s"), ("женщина 80-х", "1980s"),
    ("1950年代の女性", "1950s"), ("80년대 남자", "1980s"), ("70年代的男人", "1970s"), ("una dama victoriana", "victorian"),
    ("un chevalier médiéval", "medieval"),
])
def test_periods_in_other_languages(prompt, era):
    attrs = parse_prompt(prompt)
    assert attrs.era == era and attrs.sex is not None and not attrs.ignored, (prompt, attrs.found, attrs.ignored)


def test_the_2000s_look():
    man = identity_from_prompt("a 2000s man", 0)
    assert (man.hair.accent_style, man.necklace.style if man.necklace else None) == ("tips", "pearls")   # frosted tips, puka shells
    woman = identity_from_prompt("a y2k woman", 0)
    assert woman.hair.accent_style == "highlights" and woman.garment.kind == "tank_top"
