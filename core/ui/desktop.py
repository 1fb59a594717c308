"""Publishing without a DCC: files, folders and image sequences dropped on the window.

Dropped paths become instances (one per file or per sequence, sequences found with clique);
:class:`DesktopHost` is the host adapter whose publishables are those instances.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import clique

from ftpub.core.host import FrameRange, HostError, Publishable
from ftpub.core.publish_data import InstanceData, Representation

#: Sequences and movies get a review movie and a thumbnail (tag ``review``).
MOVIES = frozenset({"mov", "mp4", "mxf", "avi"})
#: (family, ftrack asset type short name) guessed from a file's extension.
GUESSES: dict[str, tuple[str, str]] = {
    **{ext: ("render", "img") for ext in ("exr", "dpx", "png", "tif", "tiff", "jpg", "jpeg")},
    **{ext: ("review", "review") for ext in MOVIES},
    **{ext: ("pointcache", "cache") for ext in ("abc", "usd", "usda", "usdc", "vdb", "bgeo")},
    **{ext: ("model", "geo") for ext in ("obj", "fbx")},
    **{ext: ("audio", "audio") for ext in ("wav", "aif", "aiff")},
}
FAMILIES = ("render", "plate", "review", "pointcache", "model", "camera", "audio", "file")
ASSET_TYPES = ("img", "plate", "review", "cache", "geo", "cam", "audio", "upload")
FALLBACK = ("file", "upload")
NOT_A_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class DesktopHost:
    """The host adapter of the stand-alone window: its scene is the list of instances.

    It has no scene file to save, no frame range, fps or resolution, and no task of its own
    (the window remembers the artist's last task).
    """

    instances: list[InstanceData] = field(default_factory=list)
    source: Path | None = None
    name: str = "desktop"
    targets: tuple[str, ...] = ("default",)
    comment: str = ""

    def current_file(self) -> Path | None:
        return self.source

    def is_modified(self) -> bool:
        return False

    def save(self) -> Path:
        raise HostError("dropped files have no scene to save")

    def frame_range(self) -> FrameRange | None:
        return None

    def fps(self) -> float | None:
        return None

    def resolution(self) -> tuple[int, int] | None:
        return None

    def publishables(self) -> list[Publishable]:
        return [Publishable(instance) for instance in self.instances]

    def stored_task_id(self) -> str | None:
        return None

    def store_task_id(self, task_id: str) -> None:
        """The window remembers the task; there is no scene to store it in."""

    def select(self, nodes: Sequence[str]) -> None:
        """Dropped files have nothing to select."""

    def main_window(self) -> object | None:
        return None

    def add(self, new: Iterable[InstanceData]) -> list[InstanceData]:
        """Add instances, renaming any whose name is taken (``plate_2``); returns them."""
        added = []
        taken = {instance.name for instance in self.instances}
        for instance in new:
            name, count = instance.name, 1
            while name in taken:
                count += 1
                name = f"{instance.name}_{count}"
            taken.add(name)
            added.append(replace(instance, name=name))
        self.instances.extend(added)
        return added

    def remove(self, name: str) -> None:
        self.instances = [instance for instance in self.instances if instance.name != name]

    def change(self, name: str, family: str | None = None, asset_type: str | None = None) -> None:
        """Set the family or asset type of the instance called ``name``."""
        self.instances = [
            replace(
                instance,
                family=family or instance.family,
                asset_type=asset_type or instance.asset_type,
            )
            if instance.name == name
            else instance
            for instance in self.instances
        ]


def _files(paths: Iterable[Path]) -> list[Path]:
    """The files among ``paths``, and those directly inside the folders among them."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(child for child in path.iterdir() if child.is_file()))
        elif path.is_file():
            files.append(path)
    return files


def _instance(stem: str, extension: str, representation: Representation) -> InstanceData:
    family, asset_type = GUESSES.get(extension.lower(), FALLBACK)
    name = NOT_A_NAME.sub("_", stem).strip("._-") or "file"
    frames = representation.frames
    return InstanceData(
        name=name,
        family=family,
        asset_name=name,
        asset_type=asset_type,
        frame_start=min(frames) if frames else None,
        frame_end=max(frames) if frames else None,
        representations=(representation,),
    )


def instances_from_paths(paths: Iterable[Path]) -> list[InstanceData]:
    """One instance per dropped file or image sequence (folders are looked into, one level)."""
    files = [str(path.resolve()) for path in _files(paths)]
    collections, remainder = clique.assemble(
        files, patterns=[clique.PATTERNS["frames"]], assume_padded_when_ambiguous=True
    )
    found = []
    for collection in collections:
        pattern = Path(collection.format("{head}{padding}{tail}"))
        extension = collection.tail.lstrip(".")
        representation = Representation(
            NOT_A_NAME.sub("_", extension) or "files",
            pattern,
            tuple(sorted(collection.indexes)),
            frozenset({"review"}),
        )
        found.append(_instance(Path(collection.head).name.rstrip("._"), extension, representation))
    for text in remainder:
        path = Path(text)
        extension = path.suffix.lstrip(".")
        tags = frozenset({"review"}) if extension.lower() in MOVIES else frozenset()
        representation = Representation(NOT_A_NAME.sub("_", extension) or "file", path, (), tags)
        found.append(_instance(path.stem, extension, representation))
    return sorted(found, key=lambda instance: instance.name)
