"""What a marked Write renders, as the collector reads it and the extractor renders it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftpub.core.host import FrameRange
from ftpub.core.publish_data import COLORSPACE_KEY, REVIEW_TAG, SEQUENCE_PATTERN, Representation
from ftpub.hosts.nuke.marks import WriteMark

#: A Write's colourspace while nobody has chosen one: "default (linear)", "default (scene_linear)"…
DEFAULT_COLORSPACE = "default"


@dataclass(frozen=True)
class WriteSettings:
    """A Write's frames (its limit range when on, else the script's), file type, colourspace,
    and whether it is disabled."""

    node: str
    frames: FrameRange
    file_type: str
    colorspace: str
    disabled: bool

    @property
    def colorspace_is_explicit(self) -> bool:
        return bool(self.colorspace) and not self.colorspace.startswith(DEFAULT_COLORSPACE)


@dataclass(frozen=True)
class WriteOutput:
    """A marked Write and the files it renders: ``pattern`` (``%04d`` for the frame, or one
    file such as a movie), in the script's ``fps`` and ``resolution``."""

    settings: WriteSettings
    mark: WriteMark
    pattern: Path
    fps: float | None
    resolution: tuple[int, int] | None

    @property
    def node(self) -> str:
        return self.settings.node

    @property
    def frames(self) -> tuple[int, ...]:
        """The frame numbers of a sequence; none for a single file."""
        if SEQUENCE_PATTERN.search(self.pattern.name) is None:
            return ()
        return tuple(range(self.settings.frames.start, self.settings.frames.end + 1))

    def representation(self) -> Representation:
        """The rendered files, tagged ``review`` when the Write makes the review."""
        metadata: dict[str, str | int | float | bool] = {COLORSPACE_KEY: self.settings.colorspace}
        if self.fps is not None:
            metadata["fps"] = self.fps
        if self.resolution is not None:
            metadata["width"], metadata["height"] = self.resolution
        return Representation(
            self.settings.file_type or self.pattern.suffix.lstrip(".") or "render",
            self.pattern,
            self.frames,
            frozenset({REVIEW_TAG}) if self.mark.review else frozenset(),
            metadata,
        )


def frame_runs(frames: set[int]) -> list[FrameRange]:
    """Frames as the fewest ranges of consecutive frames, in order."""
    runs: list[FrameRange] = []
    for frame in sorted(frames):
        if runs and runs[-1].end == frame - 1:
            runs[-1] = FrameRange(runs[-1].start, frame)
        else:
            runs.append(FrameRange(frame, frame))
    return runs
