"""The typed contract of what is published: instances and their representations.

Collectors write an instance's fields into ``instance.data`` under the names of
:class:`InstanceData` (pyblish matches plugins on ``family``/``families``); extractors append
:class:`Representation` objects to ``instance.data["representations"]``. Later plugins read the
instance only through :func:`instance_data`, which validates everything and names each problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Final, Literal, get_args

import clique
import pyblish.api

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
SEQUENCE_PATTERN = re.compile(r"%(\d*)d")
METADATA_TYPES = (str, int, float, bool)

REVIEW_TAG: Final = "review"
"""Tags a reviewable: uploaded to ftrack's own storage for its web player."""
THUMBNAIL_TAG: Final = "thumbnail"
"""Tags the version's thumbnail: uploaded to ftrack's own storage."""
COLORSPACE_KEY: Final = "colorspace"
"""Metadata key of the colour space a representation's images are in (an OCIO name)."""

ReviewMode = Literal["upload", "encode_media"]
"""How reviewables reach ftrack: uploaded as they are, or encoded by ftrack's server."""
REVIEW_MODES: tuple[ReviewMode, ...] = get_args(ReviewMode)


class PublishDataError(ValueError):
    """Publish data of the wrong shape or type; the message lists every problem."""

    def __init__(self, subject: str, problems: list[str]) -> None:
        self.subject = subject
        self.problems = problems
        super().__init__(f"{subject}: " + "; ".join(problems))


def _type_name(value: object) -> str:
    return type(value).__name__


def sequence_collection(pattern: Path, frames: Iterable[int] = ()) -> clique.Collection:
    """A clique collection for a ``%04d`` pattern path and its frame numbers."""
    path = str(pattern)
    match = SEQUENCE_PATTERN.search(path)
    if match is None:
        raise ValueError(f"'{pattern}' has no %04d frame token")
    padding = int(match.group(1) or 0)
    return clique.Collection(
        path[: match.start()], path[match.end() :], padding, indexes=set(frames)
    )


def frames_on_disk(pattern: Path) -> set[int]:
    """The frame numbers of the files in ``pattern``'s folder that match it."""
    if not pattern.parent.is_dir():
        return set()
    collection = sequence_collection(pattern)
    return {
        int(match.group("index"))
        for entry in pattern.parent.iterdir()
        if (match := collection.match(str(entry))) is not None
    }


def frame_ranges(frames: Iterable[int]) -> str:
    """Frames as compact ranges: ``1001-1003, 1007``."""
    return str(clique.Collection("", "", 0, indexes=set(frames)).format("{ranges}"))


@dataclass(frozen=True)
class Representation:
    """One form of an instance's product: a single file, or a frame sequence.

    A sequence has a ``path`` with a printf frame token (``/r/sh010.%04d.exr``) and the frame
    numbers it must contain; a single file has no ``frames``.
    """

    name: str
    path: Path
    frames: tuple[int, ...] = ()
    tags: frozenset[str] = frozenset()
    metadata: Mapping[str, str | int | float | bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.name, str) or not NAME_PATTERN.match(self.name):
            problems.append(
                f"name must be a word such as 'exr' or 'abc', got {self.name!r} "
                f"({_type_name(self.name)})"
            )
        if not isinstance(self.path, Path):
            problems.append(f"path must be a pathlib.Path, got {_type_name(self.path)}")
        elif not self.path.is_absolute():
            problems.append(f"path must be absolute, got '{self.path}'")
        elif self.frames and not SEQUENCE_PATTERN.search(self.path.name):
            problems.append(f"frames are given but '{self.path.name}' has no %04d frame token")
        if not isinstance(self.frames, tuple) or not all(
            isinstance(frame, int) and not isinstance(frame, bool) for frame in self.frames
        ):
            problems.append(f"frames must be a tuple of ints, got {_type_name(self.frames)}")
        if not isinstance(self.tags, frozenset) or not all(
            isinstance(tag, str) for tag in self.tags
        ):
            problems.append(f"tags must be a frozenset of str, got {_type_name(self.tags)}")
        if not isinstance(self.metadata, Mapping):
            problems.append(f"metadata must be a mapping, got {_type_name(self.metadata)}")
        else:
            problems.extend(
                f"metadata[{key!r}] must be str, int, float or bool, got {_type_name(value)}"
                for key, value in self.metadata.items()
                if not isinstance(value, METADATA_TYPES)
            )
        if problems:
            raise PublishDataError(f"representation {self.name!r}", problems)

    @property
    def is_sequence(self) -> bool:
        return SEQUENCE_PATTERN.search(self.path.name) is not None

    @property
    def extension(self) -> str:
        return self.path.suffix.lstrip(".")

    def collection(self) -> clique.Collection:
        """The sequence as a clique collection (frames as indexes); only for sequences."""
        return sequence_collection(self.path, self.frames)

    def missing_frames(self) -> set[int]:
        """Frames of the sequence not on disk (empty for single files)."""
        return set(self.frames) - frames_on_disk(self.path) if self.is_sequence else set()

    def files(self) -> list[Path]:
        """Every file of the representation, in frame order."""
        if not self.is_sequence:
            return [self.path]
        return [Path(item) for item in self.collection()]


@dataclass(frozen=True)
class InstanceData:
    """One product to publish, as read from a pyblish instance."""

    name: str
    family: str
    asset_name: str
    asset_type: str
    families: tuple[str, ...] = ()
    task_id: str | None = None
    frame_start: int | None = None
    frame_end: int | None = None
    representations: tuple[Representation, ...] = ()

    def to_data(self) -> dict[str, Any]:
        """The fields as ``instance.data`` entries (representations as a mutable list)."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}
        data["families"] = list(self.families)
        data["representations"] = list(self.representations)
        return data


_REQUIRED_STR = ("family", "asset_name", "asset_type")
_OPTIONAL_INT = ("frame_start", "frame_end")


def instance_data(instance: pyblish.api.Instance) -> InstanceData:
    """Validate ``instance.data`` against the contract and return it typed.

    Raises :class:`PublishDataError` listing every missing or wrongly typed field.
    """
    data = instance.data
    problems = []
    for key in _REQUIRED_STR:
        value = data.get(key)
        if not isinstance(value, str) or not value:
            problems.append(f"'{key}' must be a non-empty str, got {value!r} ({_type_name(value)})")
    families = data.get("families", [])
    if not isinstance(families, list | tuple) or not all(isinstance(f, str) for f in families):
        problems.append(f"'families' must be a list of str, got {_type_name(families)}")
    task_id = data.get("task_id")
    if task_id is not None and not isinstance(task_id, str):
        problems.append(f"'task_id' must be a str or None, got {_type_name(task_id)}")
    for key in _OPTIONAL_INT:
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            problems.append(f"'{key}' must be an int or None, got {value!r} ({_type_name(value)})")
    representations = data.get("representations", [])
    if not isinstance(representations, list):
        problems.append(
            f"'representations' must be a list of Representation, got {_type_name(representations)}"
        )
        representations = []
    for index, item in enumerate(representations):
        if not isinstance(item, Representation):
            problems.append(
                f"representations[{index}] is a {_type_name(item)}; create it with "
                "ftpub.core.publish_data.Representation(...)"
            )
    names = [r.name for r in representations if isinstance(r, Representation)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(f"representation names must be unique, repeated: {', '.join(duplicates)}")
    if problems:
        raise PublishDataError(f"instance '{instance.name}'", problems)
    return InstanceData(
        name=instance.name,
        family=data["family"],
        asset_name=data["asset_name"],
        asset_type=data["asset_type"],
        families=tuple(families),
        task_id=task_id,
        frame_start=data.get("frame_start"),
        frame_end=data.get("frame_end"),
        representations=tuple(representations),
    )
