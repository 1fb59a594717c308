"""An in-memory host: the whole HostAdapter surface over plain attributes, recording calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ftpub.core.hooks import hookimpl
from ftpub.core.host import FrameRange, HostEntry, HostError, Publishable


@dataclass
class MemoryHost:
    """A scene held in memory; ``calls`` lists every call that changes it."""

    scene: Path | None = None
    modified: bool = False
    frames: FrameRange | None = field(default_factory=lambda: FrameRange(1001, 1100))
    rate: float | None = 24.0
    size: tuple[int, int] | None = (1920, 1080)
    marked: list[Publishable] = field(default_factory=list)
    task_id: str | None = None
    selection: list[str] = field(default_factory=list)
    calls: list[tuple[str, object]] = field(default_factory=list)
    name: str = "memory"
    targets: tuple[str, ...] = ("default", "local")
    comment: str = ""

    def current_file(self) -> Path | None:
        return self.scene

    def is_modified(self) -> bool:
        return self.modified

    def save(self) -> Path:
        if self.scene is None:
            raise HostError("an untitled scene cannot be saved where it is")
        self.scene.write_text("saved scene", encoding="utf-8")
        self.modified = False
        self.calls.append(("save", self.scene))
        return self.scene

    def frame_range(self) -> FrameRange | None:
        return self.frames

    def fps(self) -> float | None:
        return self.rate

    def resolution(self) -> tuple[int, int] | None:
        return self.size

    def publishables(self) -> list[Publishable]:
        return list(self.marked)

    def stored_task_id(self) -> str | None:
        return self.task_id

    def store_task_id(self, task_id: str) -> None:
        self.task_id = task_id
        self.modified = True
        self.calls.append(("store_task_id", task_id))

    def select(self, nodes: Sequence[str]) -> None:
        self.selection = list(nodes)
        self.calls.append(("select", tuple(nodes)))

    def main_window(self) -> object | None:
        return None


class MemoryHostPlugin:
    """Registers a :class:`MemoryHost` as host ``memory`` (a pluggy plugin object)."""

    def __init__(self, host: MemoryHost, environment: Mapping[str, Sequence[str]]) -> None:
        self.host = host
        self.environment = environment

    @hookimpl
    def ftpub_hosts(self) -> list[HostEntry]:
        return [HostEntry("memory", lambda scene: self.host, lambda: self.environment)]
