"""Lighting and background from the prompt: the `Scene` an avatar is rendered in.

A scene starts from the background's day-time look, then time of day, lighting mood and
style words adjust it. Night is darker and bluer: a blue sky or room, a cool rim and fill,
and a key from a lamp (a street light, a window, a screen) unless the place has none (a beach
or a forest: moonlight); a blue key on skin reads grey and dead. Sunny is brighter and warmer;
"soft lighting" wraps the key and lifts the fill; "film grain" adds grain and a vignette.
"""

from __future__ import annotations

from dataclasses import replace

from ..scene import Background, Light, Lighting, Scene
from .look import srgb_to_linear
from .prompt import PromptAttributes

# (top, bottom) gradient in sRGB for each background, as seen in daylight.
_BACKGROUNDS_SRGB = {
    "city street": ((0.62, 0.66, 0.72), (0.36, 0.36, 0.38)),
    "beach": ((0.55, 0.75, 0.95), (0.86, 0.78, 0.60)),
    "studio": ((0.50, 0.50, 0.52), (0.25, 0.25, 0.27)),
    "office": ((0.80, 0.80, 0.78), (0.55, 0.55, 0.55)),
    "forest": ((0.45, 0.60, 0.40), (0.20, 0.30, 0.16)),
    "indoor": ((0.70, 0.62, 0.52), (0.40, 0.33, 0.27)),
    None: ((0.62, 0.64, 0.68), (0.30, 0.31, 0.34)),
}
# places with no lamps: lit by the moon at night
_UNLIT_AT_NIGHT = frozenset({"beach", "forest"})
_LAMP_KEY, _MOON_KEY = (1.0, 0.86, 0.72), (0.75, 0.85, 1.0)
_PLAIN_SRGB = {"white": (0.93, 0.93, 0.93), "black": (0.04, 0.04, 0.04), "grey": (0.5, 0.5, 0.5),
               "gray": (0.5, 0.5, 0.5), "blue": (0.25, 0.4, 0.7), "green": (0.25, 0.55, 0.3)}


def _scale(c, s):
    return tuple(min(max(x * s, 0.0), 1.0) for x in c)


def _tint(c, t):
    return tuple(min(max(x * y, 0.0), 1.0) for x, y in zip(c, t))


def choose_scene(attrs: PromptAttributes) -> Scene:
    if attrs.background == "plain":
        flat = _PLAIN_SRGB.get(attrs.background_color or "grey", (0.5, 0.5, 0.5))
        top_s, bottom_s = flat, _scale(flat, 0.8)
    else:
        top_s, bottom_s = _BACKGROUNDS_SRGB.get(attrs.background, _BACKGROUNDS_SRGB[None])
    top, bottom = srgb_to_linear(top_s), srgb_to_linear(bottom_s)
    light = Lighting()
    bg = Background(top=top, bottom=bottom)

    time = attrs.time_of_day
    if time == "night":
        cool = (0.55, 0.7, 1.0)
        bg = replace(bg, top=_tint(_scale(top, 0.12), cool), bottom=_tint(_scale(bottom, 0.08), cool), vignette=0.35)
        light = replace(
            light,
            key=Light(light.key.direction, _MOON_KEY if attrs.background in _UNLIT_AT_NIGHT else _LAMP_KEY, 0.75),
            fill=Light(light.fill.direction, (0.55, 0.65, 1.0), 0.2),
            rim=Light(light.rim.direction, (0.6, 0.75, 1.0), 0.6),
            ambient=(0.04, 0.05, 0.08),
            exposure=0.85,
        )
    elif time == "sunny":
        bg = replace(bg, top=_scale(top, 1.1), bottom=_scale(bottom, 1.1), vignette=0.1)
        light = replace(
            light,
            key=Light((0.35, 0.8, 0.5), (1.0, 0.95, 0.85), 1.3),
            fill=Light(light.fill.direction, (0.8, 0.88, 1.0), 0.45),
            ambient=(0.24, 0.24, 0.26),
            exposure=1.05,
        )
    elif time == "golden hour":
        warm = (1.0, 0.72, 0.45)
        bg = replace(bg, top=_tint(top, warm), bottom=_tint(_scale(bottom, 0.8), warm))
        light = replace(light, key=Light((0.8, 0.25, 0.55), (1.0, 0.72, 0.45), 1.1), ambient=(0.16, 0.13, 0.12))
    elif time == "overcast":
        bg = replace(bg, top=_scale(top, 0.85), bottom=_scale(bottom, 0.85))
        light = replace(light, softness=0.85, key=Light(light.key.direction, (0.92, 0.95, 1.0), 0.8), ambient=(0.22, 0.23, 0.25))

    for mood in attrs.lighting:
        if mood == "soft":
            light = replace(light, softness=0.85, specular=0.15,
                            fill=Light(light.fill.direction, light.fill.color, light.fill.intensity * 1.4))
        elif mood in ("dramatic", "cinematic"):
            light = replace(light, softness=0.15, specular=0.35,
                            fill=Light(light.fill.direction, light.fill.color, light.fill.intensity * 0.35))
        elif mood == "rim":
            light = replace(light, rim=Light(light.rim.direction, light.rim.color, light.rim.intensity * 2.0))
        elif mood == "neon":
            light = replace(light, rim=Light((-0.6, 0.3, -0.7), (1.0, 0.2, 0.8), 1.0),
                            fill=Light(light.fill.direction, (0.2, 0.6, 1.0), max(light.fill.intensity, 0.5)))
        elif mood == "studio":
            light = replace(light, softness=0.6)
        elif mood == "warm":
            light = replace(light, key=Light(light.key.direction, (1.0, 0.82, 0.62), light.key.intensity))
        elif mood == "cool":
            light = replace(light, key=Light(light.key.direction, (0.78, 0.88, 1.0), light.key.intensity))
    if "film grain" in attrs.style:
        bg = replace(bg, film_grain=0.05, vignette=max(bg.vignette, 0.3))
    if "vignette" in attrs.style:
        bg = replace(bg, vignette=max(bg.vignette, 0.45))
    return Scene(light, bg, attrs.expression or "neutral")
