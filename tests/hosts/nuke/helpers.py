"""Scripts for the Nuke publish tests: a marked Write in the render area, and what ftrack holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftpub.core.result import PublishResult
from ftpub.hosts.nuke.marks import RenderMode, WriteMark

FRAMES = (1001, 1005)


def marked_write(
    script: Any,
    name: str = "Write1",
    mode: RenderMode = "local",
    review: bool = False,
    file_type: str = "exr",
    asset: str = "comp",
) -> Any:
    """A Write in the script's render area, colourspace set, marked as ``asset``; the script's
    range is :data:`FRAMES` and it is saved."""
    from ftpub.hosts.nuke.api import NukeHost

    folder = Path(script.root.name()).parent / "renders" / asset
    node = script.add_write(name, f"{folder}/{asset}.####.{file_type}", file_type)
    node["colorspace"]._value = "ACES - ACEScg"
    script.root["first_frame"]._value, script.root["last_frame"]._value = FRAMES
    NukeHost().mark(name, WriteMark(asset, active=True, review=review, render_mode=mode))
    script.save(script.root.name())
    script.calls.clear()
    return node


def render_frames(script: Any, node: Any, frames: range) -> None:
    """Frames on disk as if rendered earlier (not recorded)."""
    script.render(node, frames.start, frames.stop - 1, 1)


def failures(result: PublishResult) -> list[tuple[str, str, str]]:
    return [
        (step.plugin, step.error.title, step.error.description)
        for step in result.failures
        if step.error is not None
    ]
