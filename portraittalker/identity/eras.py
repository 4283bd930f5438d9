"""A period said in the prompt ("a 1950s housewife", "an 80s rock star", "a Victorian lady") as the
look people of that time are pictured with, filling in only what the prompt leaves unsaid.

Each era has a description per sex, read by the same parser as the prompt. What it describes
goes in by group: its hair (style, length, texture, fringe) only if the prompt says nothing of
the hair's shape, its clothes only if the prompt names none, and so on, so "a 1920s woman with
long red hair" keeps her long red hair and takes the era's lipstick, necklace and dress. A child
takes no beard, make-up or necklace from it, a baby nothing. The looks are the common picture of each period
(films, photographs, costume), not a survey of what everyone wore.
"""

from __future__ import annotations

from dataclasses import fields, replace

from .prompt import PromptAttributes, parse_prompt

ERAS = ("1920s", "1930s", "1940s", "1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "victorian", "medieval",
        "renaissance", "wild_west")
ERA_LOOKS: dict[str, dict[str, str]] = {
    "1920s": {"female": "a black bob with bangs, red lipstick and a long pearl necklace in a black dress",
              "male": "short dark hair slicked back and a thin moustache in a grey suit and tie"},
    "1930s": {"female": "short wavy hair and red lipstick in a burgundy dress",
              "male": "short hair slicked back in a brown suit and tie"},
    "1940s": {"female": "wavy hair and red lipstick in a navy dress",
              "male": "short hair slicked back and a brown hat in a brown suit and tie"},
    "1950s": {"female": "short curly hair, red lipstick and a pearl necklace in a light blue dress",
              "male": "short hair slicked back in a white t-shirt and a black leather jacket"},
    "1960s": {"female": "a bob with bangs and eyeliner in a mustard dress",
              "male": "short hair with bangs in a black suit and a black tie"},
    "1970s": {"female": "long straight hair in a brown turtleneck",
              "male": "shoulder length hair and a moustache in a brown leather jacket"},
    "1980s": {"female": "long voluminous curly hair and eyeshadow in a denim jacket",
              "male": "a mullet in a denim jacket"},
    "1990s": {"female": "long straight hair in a denim jacket", "male": "short hair in a red plaid shirt"},
    "2000s": {"female": "long straight hair with blonde highlights and hoop earrings in a pink tank top",
              "male": "frosted tips and a puka shell necklace in a white t-shirt"},
    "victorian": {"female": "hair in a bun in a black dress", "male": "sideburns and a moustache in a black suit"},
    "medieval": {"female": "long braids in a brown dress", "male": "short brown hair and a short beard in a brown robe"},
    "renaissance": {"female": "hair in a bun and a pearl necklace in a burgundy dress",
                    "male": "a short beard in a black jacket"},
    "wild_west": {"female": "hair in a bun in a brown dress",
                  "male": "a moustache in a brown cowboy hat and a brown vest"},
}
GROWN_FROM_YEARS = 16.0   # an era's beard or moustache, make-up and necklace are a grown-up's ...
DRESSED_FROM_YEARS = 3.0  # ... and a baby wears none of it

# what goes in together: a group the prompt says anything of is the prompt's alone
_HAIR_COLOUR = ("hair_color", "hair_accent", "hair_accent_style")
_CLOTHES = ("clothing", "clothing_color", "clothing_pattern", "clothing_pattern_color", "inner_color", "tie",
            "tie_color", "tie_style")
_ITEMS = ("facial_hair", "glasses", "headwear", "earrings", "necklace", "scarf", "suspenders", "headphones",
          "crown", "headband", "veil", "face_mask", "horns", "piercings")
_WITH = {"facial_hair": ("sideburns", "moustache_style"), "suspenders": ("overalls",), "crown": ("royal_crown",), "scarf": ("royal_cape",)}
_NEVER = ("prompt", "found", "ignored", "era", "sex", "sex_cue", "age_years", "age_range", "age_stated")


def _groups(names: list[str]) -> list[tuple[str, ...]]:
    """Attribute names in the groups that go in together: the hair's shape (every `hair_*` but its
    colour), its colour, the clothes, each item with its colour and kind (a beard with sideburns);
    the rest one by one."""
    shape = tuple(n for n in names if n.startswith("hair_") and n not in _HAIR_COLOUR)
    groups = [shape, _HAIR_COLOUR, _CLOTHES]
    groups += [tuple(n for n in names if n == item or n.startswith(item + "_"))
               + _WITH.get(item, ()) for item in _ITEMS]
    grouped = {n for g in groups for n in g} | set(_NEVER)
    return groups + [(n,) for n in names if n not in grouped]


def with_era(attrs: PromptAttributes, sex: str, age: float) -> PromptAttributes:
    """`attrs` with its era's look (`ERA_LOOKS`) for what it leaves unsaid; no era: unchanged."""
    if attrs.era is None or age < DRESSED_FROM_YEARS:
        return attrs
    era = parse_prompt(ERA_LOOKS[attrs.era][sex])
    updates = {}
    for group in _GROUPS:
        if any(getattr(attrs, n) != _DEFAULTS[n] for n in group):
            continue    # the prompt said it
        if age < GROWN_FROM_YEARS and {"facial_hair", "makeup", "necklace"} & set(group):
            continue
        updates.update({n: getattr(era, n) for n in group if getattr(era, n) != _DEFAULTS[n]})
    return replace(attrs, **updates)


_DEFAULTS = {f.name: f.default for f in fields(PromptAttributes)}
_GROUPS = _groups(list(_DEFAULTS))
