"""Work a plugin step hands off while it runs: DCC-free calls, and their transfer progress.

Plugins run on the DCC's main thread. An integrator's ftrack calls, file transfers and
uploads make no DCC call, so it runs them through the run's :func:`offload_of` function:
headless, that calls them right there; the window runs them in a worker thread and keeps its
event loop turning until they end (it repaints, shows progress, takes Stop's click), then the
step goes on with their value or their exception. The step still ends before the next one
starts. Transfers report to the run's :func:`progress_of` callback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ftpub.core.files.progress import Progress

T = TypeVar("T")

#: ``context.data`` keys of a run.
OFFLOAD_KEY = "offload"
PROGRESS_KEY = "progress"


class Offload(Protocol):
    """Runs ``job`` (no DCC call in it) to its end; returns its value or raises its error."""

    def __call__(self, job: Callable[[], T]) -> T: ...


def in_place(job: Callable[[], T]) -> T:
    """The headless :class:`Offload`: just call ``job``."""
    return job()


def offload_of(data: dict[str, Any]) -> Offload:
    """The run's :class:`Offload` (``context.data``), :func:`in_place` when none was given."""
    offload: Offload | None = data.get(OFFLOAD_KEY)
    return in_place if offload is None else offload


def progress_of(data: dict[str, Any]) -> Progress | None:
    """The run's transfer progress callback (``context.data``), if it has one."""
    progress: Progress | None = data.get(PROGRESS_KEY)
    return progress
