"""Burn-ins: short texts (shot, version, task, frame…) drawn into each frame of a review movie
with OpenImageIO's text rendering and its bundled font.

Each text is rendered once into a small RGBA tile (white, with a dark shadow) and laid over
the frame's pixels; a text that does not change from frame to frame is rendered only once.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
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


def draw_burnins(pixels: np.ndarray, texts: Mapping[str, str]) -> None:
    """Lay ``texts`` (by position: ``top_left``…``bottom_right``) over float RGB ``pixels``
    (display values), inset from the edges."""
    height, width = pixels.shape[:2]
    size = max(10, round(height * _TEXT_HEIGHT))
    margin = size // 2
    for position, text in texts.items():
        tile = _rendered(text, size)
        vertical, horizontal = position.split("_")
        tile_height, tile_width = tile.shape[:2]
        left = {
            "left": margin,
            "center": (width - tile_width) // 2,
            "right": width - margin - tile_width,
        }[horizontal]
        top = margin if vertical == "top" else height - margin - tile_height
        _over(pixels, tile, max(0, left), max(0, top))


@functools.lru_cache(maxsize=256)
def _rendered(text: str, size: int) -> np.ndarray:
    """``text`` as a premultiplied RGBA tile just large enough for it and its shadow."""
    box = oiio.ImageBufAlgo.text_size(text, size)
    pad = _SHADOW + 1
    tile = oiio.ImageBuf(oiio.ImageSpec(box.width + 2 * pad, box.height + 2 * pad, 4, "float"))
    oiio.ImageBufAlgo.render_text(
        tile,
        pad - box.xbegin,
        pad - box.ybegin,
        text,
        fontsize=size,
        textcolor=(1.0, 1.0, 1.0, 1.0),
        shadow=_SHADOW,
    )
    return np.asarray(tile.get_pixels(oiio.FLOAT), dtype=np.float32)


def _over(pixels: np.ndarray, tile: np.ndarray, left: int, top: int) -> None:
    """Composite the premultiplied ``tile`` over ``pixels`` at (``left``, ``top``), clipped."""
    height = min(tile.shape[0], pixels.shape[0] - top)
    width = min(tile.shape[1], pixels.shape[1] - left)
    if height <= 0 or width <= 0:
        return
    region = pixels[top : top + height, left : left + width]
    colour, alpha = tile[:height, :width, :3], tile[:height, :width, 3:]
    region *= 1 - alpha
    region += colour
