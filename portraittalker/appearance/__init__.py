"""Avatar appearance: the tri-grid field, the Avatar artifact and its optimisation."""

from .avatar import Avatar, load_avatar, save_avatar
from .trigrid import TriGridConfig, TriGridField

__all__ = ["Avatar", "TriGridConfig", "TriGridField", "load_avatar", "save_avatar"]
