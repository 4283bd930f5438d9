"""Prompt parsing: free text -> `PromptAttributes` (what the prompt asks for, and what not).

The parser is a greedy phrase matcher over the lexicon (`lexicon.py`): it records every
attribute it recognises with the phrase that set it, and every remaining content word as
ignored, so a user can see in the avatar's metadata exactly what the prior understood.
Any script is accepted (Korean, Chinese, emoji ...); unknown words are simply reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from ..errors import PortraitTalkerError
from .lexicon import ENTRIES, STOPWORDS

_MULTI_VALUED = ("lighting", "style")


@dataclass(frozen=True)
class PromptAttributes:
    """Appearance and scene attributes named by a prompt; None = the prompt did not say."""

    prompt: str
    age_years: float | None = None
    sex: str | None = None                 # "male" | "female"
    ethnicity: str | None = None           # key of lexicon.ETHNICITY_DEFAULTS
    skin_tone: float | None = None         # 0 very pale .. 1 very deep
    freckles: bool = False
    hair_color: str | None = None          # key of lexicon.HAIR_COLORS_SRGB
    hair_length: str | None = None         # bald | short | medium | long | shoulder
    facial_hair: str | None = None         # none | stubble | moustache | goatee | beard
    eye_color: str | None = None
    clothing: str | None = None            # casual | suit | shirt | ...
    clothing_color: str | None = None
    build: str | None = None               # muscular | slim | heavy
    lighting: tuple[str, ...] = ()         # soft | dramatic | rim | neon | studio | warm | cool ...
    time_of_day: str | None = None         # night | golden hour | sunny | overcast | day
    background: str | None = None          # city street | beach | studio | office | forest | indoor | plain
    background_color: str | None = None
    style: tuple[str, ...] = ()            # film grain | vignette | high quality | photorealistic
    framing: str | None = None
    found: tuple[tuple[str, str], ...] = ()   # (phrase, "attr=value, ...") in prompt order
    ignored: tuple[str, ...] = ()             # content words the lexicon does not know

    def to_dict(self) -> dict:
        d = asdict(self)
        d["found"] = [list(pair) for pair in self.found]
        d["lighting"], d["style"], d["ignored"] = list(self.lighting), list(self.style), list(self.ignored)
        return d


def normalise_prompt(prompt: str) -> str:
    """Casefold, NFKC (full-width forms -> ASCII), hyphens/underscores -> spaces."""
    text = unicodedata.normalize("NFKC", prompt).casefold()
    return re.sub(r"[-_‐–—/]+", " ", text)


def parse_prompt(prompt: str) -> PromptAttributes:
    """Parse a prompt; an empty (or whitespace-only) prompt is a PortraitTalkerError."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise PortraitTalkerError("empty prompt: describe the person, e.g. --prompt 'elderly woman, soft lighting'")
    text = normalise_prompt(prompt)
    taken = [False] * len(text)
    hits: list[tuple[int, str, dict]] = []
    for entry in ENTRIES:
        pattern = rf"(?<!\w)(?:{entry.pattern})(?!\w)" if entry.bounded else entry.pattern
        for m in re.finditer(pattern, text):
            start, end = m.span()
            if end == start or any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            hits.append((start, m.group(0).strip(), entry.apply(m)))
    hits.sort(key=lambda h: h[0])

    values: dict = {}
    multi: dict[str, list[str]] = {k: [] for k in _MULTI_VALUED}
    found: list[tuple[str, str]] = []
    for _, phrase, updates in hits:
        if not updates:
            continue
        for key, value in updates.items():
            if key in multi:
                if value not in multi[key]:
                    multi[key].append(value)
            elif key not in values:  # the first mention wins ("old man ... young")
                values[key] = value
        found.append((phrase, ", ".join(f"{k}={v}" for k, v in updates.items())))

    leftover = "".join(ch if not t else " " for ch, t in zip(text, taken))
    ignored = tuple(
        w for w in (tok.strip(".,;:!?()[]{}\"'") for tok in leftover.split()) if w and w not in STOPWORDS
    )
    return PromptAttributes(
        prompt=prompt, **values, lighting=tuple(multi["lighting"]), style=tuple(multi["style"]),
        found=tuple(found), ignored=ignored,
    )
