"""Keeps a second sandbox out of a data folder that one is already using."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one sandbox per folder is then up to you.
    fcntl = None  # type: ignore[assignment]


class FolderInUseError(RuntimeError):
    """Another sandbox process has the folder."""


class FolderLock:
    """An exclusive advisory lock on a file, released when the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+")
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                owner = handle.read().strip() or "another process"
                handle.close()
                raise FolderInUseError(
                    f"The sandbox data folder {self.path.parent} is in use by {owner}."
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
