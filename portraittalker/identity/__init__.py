"""Who the avatar is, from the prompt: parsed attributes -> `Identity` (plain data) -> look, scene."""

from .look import Look, resolve_look
from .prompt import PromptAttributes, parse_prompt
from .resolve import identity_from_attributes, identity_from_prompt
from .scene_choice import choose_scene
from .types import (Crown, Earrings, FacialHair, Garment, Glasses, Hair, Headband, Headphones, Headwear, Horns, Identity,
                    FaceMask, Necklace, Scarf, Suspenders, Veil)

__all__ = [
    "Crown", "Earrings", "FaceMask", "FacialHair", "Garment", "Glasses", "Hair", "Headband", "Headphones", "Headwear", "Horns", "Identity",
    "Look", "Necklace", "PromptAttributes", "Scarf", "Suspenders", "Veil",
    "choose_scene", "identity_from_attributes", "identity_from_prompt", "parse_prompt", "resolve_look",
]
