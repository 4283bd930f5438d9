"""Who the avatar is, from the prompt: parsed attributes, the resolved look and the scene."""

from .look import Look, resolve_look
from .prompt import PromptAttributes, parse_prompt
from .scene_choice import choose_scene

__all__ = ["Look", "PromptAttributes", "choose_scene", "parse_prompt", "resolve_look"]
