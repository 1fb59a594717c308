"""The ftpub tab of a Write node: the publish settings it carries, as one typed value.

Knob names and their meaning live here; :mod:`.api` reads and writes them in Nuke.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

FAMILY = "render"
TAB = "ftpub"
TAB_KNOB = "ftpub_tab"
TASK_KNOB = "ftpub_task_id"

RenderMode = Literal["existing", "local", "missing", "farm"]
RENDER_MODES: tuple[RenderMode, ...] = get_args(RenderMode)
RENDER_MODE_LABELS: dict[RenderMode, str] = {
    "existing": "frames already rendered",
    "local": "render locally",
    "missing": "render missing frames locally",
    "farm": "render on the farm",
}

ASSET_KNOB = "ftpub_asset"
ASSET_TYPE_KNOB = "ftpub_asset_type"
ACTIVE_KNOB = "ftpub_active"
REVIEW_KNOB = "ftpub_review"
RENDER_MODE_KNOB = "ftpub_render_mode"
FAMILY_KNOB = "ftpub_family"


@dataclass(frozen=True)
class WriteMark:
    """What a marked Write publishes: a ``render`` of ``asset``, made as ``render_mode`` says,
    with a review movie and thumbnail when ``review``; ``active`` False leaves it out."""

    asset: str
    asset_type: str = "render"
    active: bool = True
    review: bool = True
    render_mode: RenderMode = "existing"
    family: str = FAMILY

    def __post_init__(self) -> None:
        if self.render_mode not in RENDER_MODES:
            raise ValueError(
                f"render mode {self.render_mode!r} is not one of {', '.join(RENDER_MODES)}"
            )


def render_mode(label_or_value: str) -> RenderMode:
    """The mode an enumeration knob shows (its label) or stores (its value)."""
    for mode, label in RENDER_MODE_LABELS.items():
        if label_or_value in (mode, label):
            return mode
    raise ValueError(f"render mode {label_or_value!r} is not one of {', '.join(RENDER_MODES)}")
