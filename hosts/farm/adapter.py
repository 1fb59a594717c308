"""The farm host: publishing without a DCC, from a manifest.

Registered under the ``ftpub.hosts`` entry-point group as ``farm``; its scene is the manifest
given on the command line. A manifest has no frame range, fps or resolution of its own, never has
unsaved changes, and keeps its task in ``task_id`` (or the ftrack Connect variables).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ftpub.core.hooks import hookimpl
from ftpub.core.host import FrameRange, HostEntry, HostError, Publishable
from ftpub.hosts.farm.manifest import Manifest, ManifestError, load_manifest

TARGETS = ("default", "farm")


@dataclass(frozen=True)
class FarmHost:
    """Host adapter whose scene is a manifest; its publishables are the manifest's instances."""

    manifest: Manifest
    name: str = "farm"
    targets: tuple[str, ...] = TARGETS

    @property
    def comment(self) -> str:
        return self.manifest.comment

    def current_file(self) -> Path | None:
        return self.manifest.path

    def is_modified(self) -> bool:
        return False

    def save(self) -> Path:
        return self.manifest.path

    def frame_range(self) -> FrameRange | None:
        return None

    def fps(self) -> float | None:
        return None

    def resolution(self) -> tuple[int, int] | None:
        return None

    def publishables(self) -> list[Publishable]:
        return [Publishable(instance) for instance in self.manifest.instances]

    def stored_task_id(self) -> str | None:
        return self.manifest.task_id

    def store_task_id(self, task_id: str) -> None:
        raise HostError("a manifest's task is its 'task_id'; edit the manifest to change it")

    def select(self, nodes: Sequence[str]) -> None:
        """A manifest has nothing to select."""

    def main_window(self) -> object | None:
        return None


def open_manifest(scene: Path | None) -> FarmHost:
    """The farm host of the manifest ``scene``; a bad manifest raises :class:`HostError`."""
    if scene is None:
        raise HostError("the farm host publishes a manifest: give its path")
    try:
        return FarmHost(load_manifest(scene))
    except ManifestError as error:
        raise HostError(str(error)) from error


@hookimpl
def ftpub_hosts() -> list[HostEntry]:
    return [HostEntry("farm", open_manifest, plugins=Path(__file__).parent / "plugins")]
