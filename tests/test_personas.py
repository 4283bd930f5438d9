"""Named people and characters: their look, read after what the prompt itself says."""

import re

import pytest

from portraittalker.identity.personas import PERSONAS, expand_personas
from portraittalker.identity.prompt import parse_prompt


@pytest.mark.parametrize("pattern, description", sorted(PERSONAS.items()))
def test_every_description_is_read_whole(pattern, description):
    a = parse_prompt(description)
    assert a.ignored == (), f"{pattern}: the lexicon does not know {a.ignored}"
    assert a.sex is not None or a.age_years is not None or a.clothing is not None  # it describes somebody


@pytest.mark.parametrize(
    "prompt, expected",
    [
        ("a DSLR portrait of Albert Einstein", {"sex": "male", "age_years": 70.0, "hair_color": "white", "facial_hair": "moustache"}),
        ("Taylor Swift", {"sex": "female", "hair_color": "blonde", "hair_length": "long"}),
        ("Barack Obama giving a speech", {"sex": "male", "ethnicity": "african american", "clothing": "suit"}),
        ("a portrait of Queen Elizabeth II", {"sex": "female", "age_years": 90.0, "hair_color": "white"}),
        ("Santa Claus", {"sex": "male", "facial_hair": "long_beard", "clothing_color": "red", "headwear": "beanie"}),
        ("a geisha", {"sex": "female", "ethnicity": "east asian", "hair_style": "bun"}),
        ("a ballerina", {"sex": "female", "hair_style": "bun", "build": "slim"}),
        ("a flamenco dancer", {"sex": "female", "hair_style": "bun", "clothing": "dress", "clothing_color": "red"}),
        # hair the prompt describes is worn as described, not in the persona's bun
        ("a bride with long wavy hair", {"hair_style": None, "hair_length": "long", "hair_texture": "wavy"}),
        ("a geisha with short hair", {"hair_style": None, "hair_length": "short"}),
        ("a bride with her hair down", {"hair_style": None, "hair_length": "long"}),
        ("a geisha with black hair", {"hair_style": "bun", "hair_color": "black"}),
        ("a bride with her hair in a bun", {"hair_style": "bun"}),
        ("Frida Kahlo", {"sex": "female", "brows": "thick"}),
        ("a victorian gentleman", {"sex": "male", "facial_hair": "moustache", "clothing": "suit"}),
        ("a steampunk inventor with goggles", {"glasses": "goggles", "headwear": "hat"}),
        ("an emo teen", {"hair_color": "black", "hair_fringe": "fringe", "clothing": "hoodie"}),
        ("a pharaoh", {"sex": "male", "ethnicity": "middle eastern", "clothing": "robe", "necklace": "any"}),
        ("a Roman emperor", {"sex": "male", "clothing": "robe", "hair_color": "grey"}),
        ("an angel with a halo", {"clothing": "robe", "clothing_color": "white", "hair_color": "blonde"}),
        ("a superhero", {"build": "muscular"}),
        ("a silver fox", {"sex": "male", "hair_color": "grey", "facial_hair": "short_beard"}),
        ("an orc warrior", {"skin_color": "green", "teeth": ("fangs",), "build": "muscular"}),
        ("a goblin", {"skin_color": "green", "face_features": ("pointy ears", "big nose")}),
        ("a cottagecore woman", {"headband": "flowers", "clothing_pattern": "floral"}),
        ("a dark academia student", {"clothing": "jacket", "inner_color": "black"}),
        ("a preppy boy", {"clothing": "vest", "clothing_color": "navy"}),
        ("a grunge musician", {"clothing_pattern": "plaid", "hair_length": "shoulder"}),
        ("a nerdy guy", {"glasses": "glasses", "glasses_frame": "thick"}),
        ("a viking", {"sex": "male", "ethnicity": "nordic", "hair_style": "braids", "facial_hair": "long_beard",
                      "scarf_style": "cape", "scarf_fur": True}),
        # a woman's persona called a girl is still a woman, not a child
        ("a flapper girl from the 1920s", {"sex": "female", "age_years": 25.0, "hair_style": "bob"}),
        ("a geisha girl", {"age_years": 22.0, "clothing": "robe"}),
        ("a pin-up girl", {"age_years": 25.0, "clothing_pattern": "dots", "makeup": ("eye makeup", "red lipstick")}),
    ],
)
def test_a_named_person_or_character_has_their_look(prompt, expected):
    a = parse_prompt(prompt)
    assert {k: getattr(a, k) for k in expected} == expected, prompt
    assert a.found[0][1].startswith("persona: ")


@pytest.mark.parametrize(
    "prompt, expected",
    [
        ("Taylor Swift with short black hair", {"hair_color": "black", "hair_length": "short", "sex": "female"}),
        ("Barack Obama in a grey suit", {"clothing_color": "grey"}),
        # the prompt's age word beats the description's stated age, and a young man is not grey
        ("a young Albert Einstein", {"age_range": (20.0, 28.0), "hair_color": None}),
        ("a child dressed up as Harry Potter", {"age_range": (6.0, 10.0), "glasses": "glasses"}),
        # a woman dressed as Santa wears his clothes, not his beard
        ("a woman dressed as Santa Claus", {"sex": "female", "facial_hair": None, "clothing_color": "red"}),
        ("Santa Claus with a short beard", {"facial_hair": "short_beard"}),
        # nor does a child wear a persona's beard ("a baby wizard" had a long grey one)
        ("a baby wizard", {"facial_hair": None, "headwear": "pointed_hat"}),
        ("a boy dressed as Santa Claus", {"facial_hair": None, "clothing_color": "red"}),
        # a witch's or wizard's hat is a hat, not the person
        ("a girl with braids and a witch hat", {"headwear": "pointed_hat", "clothing": None, "age_range": (7.0, 12.0)}),
        ("a man in a wizard's hat", {"headwear": "pointed_hat", "facial_hair": None, "clothing": None}),
        ("a viking woman", {"sex": "female", "facial_hair": None, "hair_style": "braids", "scarf_style": "cape"}),
    ],
)
def test_the_prompts_own_words_beat_the_persona(prompt, expected):
    a = parse_prompt(prompt)
    assert {k: getattr(a, k) for k in expected} == expected, prompt


@pytest.mark.parametrize("prompt", ["a man on the beach in Santa Monica", "a woman with fair skin", "a queen",
                                    "a man who trumps everyone", "a woman on a Wednesday",
                                    "a woman with snow white hair", "a girl in a sailor uniform",
                                    "a man at a farmers market", "a room with fairy lights", "a woman in a santa hat"])
def test_common_words_are_not_names(prompt):
    assert expand_personas(prompt.casefold())[1] == []


def test_a_name_is_blanked_in_place_so_other_words_keep_their_positions():
    text, found, described = expand_personas("taylor swift with short hair")
    assert text[:described].strip() == "with short hair"
    assert len(text[:described]) == len("taylor swift with short hair")
    assert [name for name, _ in found] == ["taylor swift"]
    assert re.search("blonde", text[described:])


@pytest.mark.parametrize("prompt", ["산타클로스", "サンタクロース", "圣诞老人", "le Père Noël", "der Weihnachtsmann"])
def test_characters_are_read_in_other_languages(prompt):
    a = parse_prompt(prompt)
    assert (a.sex, a.facial_hair, a.headwear, a.clothing_color) == ("male", "long_beard", "beanie", "red")


@pytest.mark.parametrize("prompt", ["마녀", "一个女巫", "una bruja con pelo rojo", "une sorcière", "eine Hexe"])
def test_a_witch_in_other_languages(prompt):
    a = parse_prompt(prompt)
    assert (a.sex, a.headwear, a.clothing_color) == ("female", "pointed_hat", "black")


@pytest.mark.parametrize(
    "prompt, expected",
    [
        ("a bride", {"sex": "female", "clothing": "dress", "clothing_color": "white"}),
        ("an Indian bride", {"sex": "female", "ethnicity": "south asian", "clothing_color": "red", "veil_color": "red"}),
        ("a Chinese bride", {"ethnicity": "east asian", "clothing": "dress", "clothing_color": "red", "veil": None}),
        ("a doctor", {"clothing_color": "white", "necklace": "stethoscope"}),
        ("a detective", {"clothing_color": "beige", "headwear": "hat"}),
        ("a flight attendant", {"hair_style": "bun", "clothing_color": "navy"}),
        # a surfer girl and a punk girl stay young women (the lexicon's), not a girl of 7-12
        ("a surfer girl", {"sex": "female", "age_range": (18.0, 25.0)}),
        ("a punk girl", {"sex": "female", "age_range": (18.0, 25.0)}),
        ("a bride in a red dress", {"clothing_color": "red"}),
        ("a barista", {"overalls": True, "suspenders_color": "brown", "clothing": "t_shirt", "clothing_color": "black"}),
        ("a welder", {"glasses": "goggles", "glasses_raised": True, "clothing": "jacket", "clothing_color": "brown"}),
        ("an artist", {"overalls": True, "suspenders_color": "denim"}),
        ("a software developer", {"clothing": "hoodie", "clothing_color": "grey"}),
        ("a gardener", {"headwear": "hat", "overalls": True, "suspenders_color": "green"}),
        ("a hunter", {"clothing_pattern": "camo", "headwear": "cap", "headwear_color": "orange"}),
        ("an architect", {"clothing": "turtleneck", "clothing_color": "black"}),
        ("a woman in a designer dress", {"clothing": "dress", "sex": "female"}),   # not a designer's turtleneck
        ("a makeup artist", {"overalls": False}),
        ("a sheikh", {"sex": "male", "clothing_color": "white", "headwear": "keffiyeh"}),
        ("a spy", {"clothing": "suit", "tie": True, "clothing_color": "black"}),
        ("a philosopher", {"facial_hair": "long_beard", "clothing": "robe", "clothing_color": "white"}),
        ("a golfer", {"clothing": "collared_shirt", "headwear": "cap", "headwear_color": "white"}),
        ("a shepherdess", {"sex": "female", "facial_hair": None, "headwear": "headscarf"}),
        ("a novelist", {"glasses": "glasses", "clothing_color": "brown"}),
        ("a writer of songs", {"glasses": None}),
        ("an opera singer", {"clothing": None}), ("a Maori warrior with facial tattoos", {"skin_marks": ("tattoo_face",)}),
    ],
)
def test_trades_and_types_dress_the_person(prompt, expected):
    a = parse_prompt(prompt)
    assert {k: getattr(a, k) for k in expected} == expected, prompt
