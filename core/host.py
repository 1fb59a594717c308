"""The host seam: what ftpub needs from a DCC (or from a farm manifest), and how it finds one.

A host is one :class:`HostAdapter` object per running DCC session. Plugins reach it only through
``context.data["host"]``, so every plugin can run against an in-memory host and every adapter
against fake DCC modules. Hosts register under the entry-point group ``ftpub.hosts``: each entry
point names a module implementing the ``ftpub_hosts`` hook, which returns :class:`HostEntry`
objects (see :mod:`ftpub.core.host_registry`)::

    [project.entry-points."ftpub.hosts"]
    maya = "ftpub.hosts.maya.entry"

Every ``ftpub`` command loads every entry module, so an entry module imports without its DCC
(it imports the adapter only when asked for one).

Extractors that need more than the base surface ask for one of the export protocols below
(:class:`SceneExporter`, :class:`AlembicExporter`, :class:`Playblaster`, :class:`Renderer`), so a
host implements only the exports its DCC has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from ftpub.core.publish_data import InstanceData

HOSTS_GROUP = "ftpub.hosts"


class HostError(Exception):
    """A host cannot do what was asked (no such host, an unreadable scene, a failed save…)."""


@dataclass(frozen=True)
class FrameRange:
    """First and last frame, both included."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a frame range ends after it starts, got {self.start}-{self.end}")

    def widened(self, handles: int) -> FrameRange:
        """The range with ``handles`` frames added on each side."""
        return FrameRange(self.start - handles, self.end + handles)

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Publishable:
    """One product a scene marks for publishing, with its settings.

    ``data`` is what is published (family, asset, asset type, optional task, frame range);
    ``node`` is the host's own handle on the mark (a Maya set, a Nuke Write node, a ROP path);
    ``active`` False leaves it out of the publish; ``tags`` go to its instance.
    """

    data: InstanceData
    node: str = ""
    active: bool = True
    tags: frozenset[str] = frozenset()


@runtime_checkable
class HostAdapter(Protocol):
    """What every host provides; plugins reach it only through ``context.data["host"]``."""

    @property
    def name(self) -> str:
        """The host's name, as registered (``"maya"``); plugins' ``hosts`` match it."""

    @property
    def targets(self) -> tuple[str, ...]:
        """The pyblish targets a publish from this host runs: ``("default", "local")`` from an
        open scene, ``("default", "farm")`` from a farm manifest."""

    @property
    def comment(self) -> str:
        """A publish comment the scene carries ('' when the artist types it)."""

    def current_file(self) -> Path | None:
        """The saved scene (or manifest), or None for an untitled scene."""

    def is_modified(self) -> bool:
        """True when the scene has changes not saved to :meth:`current_file`."""

    def save(self) -> Path:
        """Save the scene where it is; raise :class:`HostError` when it has no file yet."""

    def frame_range(self) -> FrameRange | None:
        """The scene's frame range (the playback range), or None where a host has none."""

    def fps(self) -> float | None:
        """Frames per second of the scene, or None where a host has none."""

    def resolution(self) -> tuple[int, int] | None:
        """Width and height of the scene's output, or None where a host has none."""

    def publishables(self) -> list[Publishable]:
        """The products the scene marks, with their settings."""

    def stored_task_id(self) -> str | None:
        """The ftrack task id stored in the scene ("Set task…"), if any."""

    def store_task_id(self, task_id: str) -> None:
        """Store the ftrack task id in the scene, so a reopened scene keeps its task."""

    def select(self, nodes: Sequence[str]) -> None:
        """Make ``nodes`` the DCC's selection (an artist's "show me" from a problem)."""

    def main_window(self) -> object | None:
        """The DCC's main Qt widget, to parent ftpub's windows; None without a UI."""


@runtime_checkable
class SceneExporter(Protocol):
    def export_scene(self, nodes: Sequence[str], path: Path) -> None:
        """Write ``nodes`` (and what they need) as a scene file of the DCC at ``path``."""


@runtime_checkable
class AlembicExporter(Protocol):
    def export_alembic(self, roots: Sequence[str], path: Path, frames: FrameRange) -> None:
        """Write the hierarchies under ``roots`` over ``frames`` as an Alembic file."""


@runtime_checkable
class Playblaster(Protocol):
    def playblast(
        self, camera: str, pattern: Path, frames: FrameRange, size: tuple[int, int]
    ) -> None:
        """Write one image per frame through ``camera`` to ``pattern`` (a ``%04d`` path)."""


@runtime_checkable
class Renderer(Protocol):
    def render_outputs(self, node: str) -> list[Path]:
        """The ``%04d`` file patterns rendering ``node`` writes."""

    def render(self, node: str, frames: FrameRange) -> None:
        """Render ``node`` over ``frames`` on this machine."""


@dataclass(frozen=True)
class HostEntry:
    """A host as registered through ``ftpub.hosts``.

    ``adapter(scene)`` makes the adapter (``scene`` is a file given on the command line, for
    hosts whose scene is one, such as the farm's manifest). ``environment()`` returns the
    variables a launcher sets to load ftpub into the DCC, each a list of paths to put before
    the variable's current value; None for a host that is not launched (the farm). ``batch``
    is the script the DCC runs headless to publish a scene (``nuke -t BATCH SCRIPT.nk``), for
    hosts that publish that way. ``plugins`` is the folder of the host's own pyblish plugins,
    searched after ftpub's core plugins (see :mod:`ftpub.core.discovery`).
    """

    name: str
    adapter: Callable[[Path | None], HostAdapter]
    environment: Callable[[], Mapping[str, Sequence[str]]] | None = None
    batch: Path | None = None
    plugins: Path | None = None


@runtime_checkable
class FrameRangeSetter(Protocol):
    def set_frame_range(self, frames: FrameRange) -> None:
        """Make ``frames`` the scene's frame range (a repair the artist asks for)."""
