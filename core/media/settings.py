"""How review media is made, as the studio config sets it per show."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DEFAULT_MAX_WIDTH = 1920
DEFAULT_FPS = 24.0
BURNIN_POSITIONS = (
    "top_left",
    "top_center",
    "top_right",
    "bottom_left",
    "bottom_center",
    "bottom_right",
)
#: What a burn-in text may name: ``{shot}`` is the task's shot or asset build.
BURNIN_FIELDS = ("shot", "asset", "version", "task", "frame", "artist", "date", "project")
DEFAULT_BURNIN_TEXT: Mapping[str, str] = MappingProxyType(
    {
        "top_left": "{shot}",
        "top_right": "{asset} v{version:03d}",
        "bottom_left": "{task}  {artist}",
        "bottom_center": "{date}",
        "bottom_right": "{frame}",
    }
)


@dataclass(frozen=True)
class ReviewSettings:
    """``ocio_config`` is a file or an ``ocio://`` name (``None``: ``$OCIO``, else OCIO's
    built-in studio config); an empty display or view is the config's default. Burn-ins are
    texts by position (``top_left``…), each a template of :data:`BURNIN_FIELDS`."""

    ocio_config: str | None = None
    review_display: str = ""
    review_view: str = ""
    review_max_width: int = DEFAULT_MAX_WIDTH
    review_fps: float = DEFAULT_FPS
    burnins: bool = True
    burnin_text: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_BURNIN_TEXT))


def burnin_text_problems(texts: Mapping[str, object]) -> list[str]:
    """What is wrong with a table of burn-in texts: unknown positions, fields or templates."""
    problems = []
    for position, text in texts.items():
        if position not in BURNIN_POSITIONS:
            problems.append(f"{position!r} is not one of {', '.join(BURNIN_POSITIONS)}")
        elif not isinstance(text, str):
            problems.append(f"{position}: expected a string, got {text!r}")
        else:
            problems.extend(f"{position}: {problem}" for problem in _template_problems(text))
    return problems


def _template_problems(text: str) -> list[str]:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        return [f"{text!r} is not a valid template ({error})"]
    return [
        f"{{{name}}} is not one of {', '.join(BURNIN_FIELDS)}"
        for name in names
        if name not in BURNIN_FIELDS
    ]
