"""Scene settings an avatar carries and the renderer uses: light rig, background and the face's
resting expression (the mood the prompt names, laid under the speech: `expression.py`).

Plain data with dict round-trips so they travel inside `avatar.pt` metadata. The prompt
decides them (e.g. "night, city street, soft lighting"); the renderer only reads them.
Colours are linear RGB in [0, 1] (times an intensity); directions point from the surface
towards the light in head space (y up, +z out of the face).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace


@dataclass(frozen=True)
class Light:
    direction: tuple[float, float, float]
    color: tuple[float, float, float]
    intensity: float = 1.0


@dataclass(frozen=True)
class Lighting:
    key: Light = Light((0.5, 0.45, 0.75), (1.0, 0.96, 0.9), 1.0)
    fill: Light = Light((-0.7, 0.1, 0.6), (0.85, 0.9, 1.0), 0.35)
    rim: Light = Light((0.0, 0.5, -0.85), (1.0, 1.0, 1.0), 0.5)
    ambient: tuple[float, float, float] = (0.18, 0.18, 0.2)
    specular: float = 0.25        # strength of the soft highlight
    softness: float = 0.5         # 0 = hard terminator, 1 = very wrapped (soft-box) light
    exposure: float = 1.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Lighting":
        d = dict(d)
        for name in ("key", "fill", "rim"):
            if name in d and isinstance(d[name], dict):
                light = d[name]
                d[name] = Light(tuple(light["direction"]), tuple(light["color"]), float(light.get("intensity", 1.0)))
        for name in ("ambient",):
            if name in d:
                d[name] = tuple(d[name])
        return cls(**d)


@dataclass(frozen=True)
class Background:
    """Vertical gradient behind the subject, plus optional vignette/grain for style words."""

    top: tuple[float, float, float] = (0.35, 0.38, 0.42)
    bottom: tuple[float, float, float] = (0.12, 0.13, 0.15)
    vignette: float = 0.2
    film_grain: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Background":
        d = dict(d)
        for name in ("top", "bottom"):
            if name in d:
                d[name] = tuple(d[name])
        return cls(**d)


@dataclass(frozen=True)
class Scene:
    lighting: Lighting = field(default_factory=Lighting)
    background: Background = field(default_factory=Background)
    expression: str = "neutral"  # the face's resting expression (expression.RESTING_EXPRESSIONS), under the speech

    def to_dict(self) -> dict:
        return {"lighting": self.lighting.to_dict(), "background": self.background.to_dict(), "expression": self.expression}

    @classmethod
    def from_dict(cls, d: dict) -> "Scene":
        return cls(Lighting.from_dict(d.get("lighting", {})), Background.from_dict(d.get("background", {})),
                   str(d.get("expression", "neutral")))  # avatars made before it have none


def without_grain(scene: Scene) -> Scene:
    """The same scene with no film grain (render.film_grain: false)."""
    return replace(scene, background=replace(scene.background, film_grain=0.0))
