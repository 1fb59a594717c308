"""What media is made from: a still, a movie, or an image sequence with its frame numbers."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ftpub.core.media.errors import MediaError
from ftpub.core.publish_data import (
    COLORSPACE_KEY,
    SEQUENCE_PATTERN,
    Representation,
    frame_ranges,
    frames_on_disk,
    sequence_collection,
)

MOVIE_EXTENSIONS = frozenset(
    {"mov", "mp4", "m4v", "mkv", "avi", "webm", "mxf", "mpg", "mpeg", "ogv", "gif"}
)


class SourceKind(enum.Enum):
    STILL = "still"
    MOVIE = "movie"
    SEQUENCE = "sequence"


@dataclass(frozen=True)
class MediaSource:
    """A file, or a ``%04d`` sequence path with the frames to use (sorted, unique)."""

    path: Path
    frames: tuple[int, ...] = ()

    @property
    def kind(self) -> SourceKind:
        if SEQUENCE_PATTERN.search(self.path.name):
            return SourceKind.SEQUENCE
        if self.extension in MOVIE_EXTENSIONS:
            return SourceKind.MOVIE
        return SourceKind.STILL

    @property
    def extension(self) -> str:
        return self.path.suffix.lstrip(".").lower()

    def frame_file(self, frame: int) -> Path:
        return Path(next(iter(sequence_collection(self.path, [frame]))))

    def middle_file(self) -> Path:
        """The file a thumbnail is made from: the middle frame of a sequence, else the file."""
        if self.kind is SourceKind.SEQUENCE:
            return self.frame_file(self.frames[len(self.frames) // 2])
        return self.path

    def held_frames(self) -> Iterator[Path]:
        """One file per frame from the first to the last; a gap holds the frame before it."""
        present = set(self.frames)
        held = self.frames[0]
        for frame in range(self.frames[0], self.frames[-1] + 1):
            if frame in present:
                held = frame
            yield self.frame_file(held)

    def check_on_disk(self) -> None:
        """Raise :class:`MediaError` naming what is missing."""
        if self.kind is not SourceKind.SEQUENCE:
            if not self.path.is_file():
                raise MediaError(f"media source {self.path} does not exist")
            return
        if not self.frames:
            raise MediaError(f"image sequence {self.path} has no frames on disk")
        missing = set(self.frames) - frames_on_disk(self.path)
        if missing:
            raise MediaError(
                f"image sequence {self.path} is missing frames {frame_ranges(missing)}"
            )


def media_source(source: Representation | MediaSource | Path) -> MediaSource:
    """The source of a representation or a path; a sequence path without frames takes those
    on disk. Checks that the files are there."""
    if isinstance(source, MediaSource | Representation):
        result = MediaSource(source.path, tuple(sorted(set(source.frames))))
    else:
        result = MediaSource(Path(source))
    if result.kind is SourceKind.SEQUENCE and not result.frames:
        result = MediaSource(result.path, tuple(sorted(frames_on_disk(result.path))))
    result.check_on_disk()
    return result


#: The representation metadata key naming its colour space (an OCIO colour space or alias).


def declared_colorspace(representation: Representation) -> str | None:
    """The colour space a representation declares, if any."""
    value = representation.metadata.get(COLORSPACE_KEY)
    return str(value) if value else None
