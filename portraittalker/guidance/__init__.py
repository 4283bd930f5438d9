"""Guidance for avatar optimisation: the losses only (SDS with diffusers, the prompt prior's loss).

Who the avatar is comes from `portraittalker.identity`; what the prior paints comes from
`portraittalker.appearance.paint`.
"""

from .base import Guidance, GuidanceInput
from .prior import PromptPriorGuidance
from .select import choose_guidance_kind

__all__ = ["Guidance", "GuidanceInput", "PromptPriorGuidance", "choose_guidance_kind"]
