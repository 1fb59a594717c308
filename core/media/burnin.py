"""Burn-ins: short texts (shot, version, task, frame…) drawn into each frame of a review movie
with OpenImageIO's text rendering and its bundled font."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import OpenImageIO as oiio

_TEXT_HEIGHT = 1 / 32  # of the frame's height
_SHADOW = 1


@dataclass(frozen=True)
class BurninValues:
    """What burn-in texts can name; ``None`` is unknown, and a text naming it is left out."""

    shot: str | None = None
    asset: str | None = None
    version: int | None = None
    task: str | None = None
    artist: str | None = None
    date: str | None = None
    project: str | None = None


def burnin_texts(templates: Mapping[str, str], values: BurninValues, frame: int) -> dict[str, str]:
    """Each position's text for ``frame``; a template naming an unknown value is left out."""
    known = {key: value for key, value in asdict(values).items() if value is not None}
    known["frame"] = frame
    texts = {}
    for position, template in templates.items():
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if names <= known.keys():
            texts[position] = template.format(**known)
    return texts


def draw_burnins(image: oiio.ImageBuf, texts: Mapping[str, str]) -> None:
    """Draw ``texts`` (by position: ``top_left``…``bottom_right``) into ``image``, white with a
    dark shadow, inset from the edges."""
    spec = image.spec()
    size = max(10, round(spec.height * _TEXT_HEIGHT))
    margin = size // 2
    for position, text in texts.items():
        vertical, horizontal = position.split("_")
        x = {"left": margin, "center": spec.width // 2, "right": spec.width - margin}[horizontal]
        y = margin if vertical == "top" else spec.height - margin
        oiio.ImageBufAlgo.render_text(
            image,
            x,
            y,
            text,
            fontsize=size,
            textcolor=(1.0, 1.0, 1.0),
            alignx=horizontal,
            aligny=vertical,
            shadow=_SHADOW,
        )
