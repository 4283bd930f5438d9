"""Guidance for avatar optimisation: SDS (diffusers) and the weights-free prompt prior."""

from .base import Guidance, GuidanceInput
from .look import Look, resolve_look
from .prior import PromptPriorGuidance
from .prior_target import PriorTarget
from .prompt import PromptAttributes, parse_prompt
from .scene_choice import choose_scene
from .select import choose_guidance_kind

__all__ = [
    "Guidance", "GuidanceInput", "Look", "PriorTarget", "PromptAttributes", "PromptPriorGuidance",
    "choose_guidance_kind", "choose_scene", "parse_prompt", "resolve_look",
]
