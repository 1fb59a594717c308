"""Transfer progress, and a one-line terminal bar for it: files, bytes, rate and time left.

:class:`TransferProgress` is what :func:`~ftpub.core.files.transfer.transfer_files` reports to
its ``progress`` callback. ``ProgressBar()`` is such a callback: it draws on stderr only when
stderr is a terminal (a farm log or a pipe stays clean), at most every ``interval`` seconds,
and always draws the last update.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

UNITS = ("B", "KB", "MB", "GB", "TB")


@dataclass(frozen=True)
class TransferProgress:
    """How far a transfer is: bytes and files done, of those it publishes."""

    bytes_done: int
    bytes_total: int
    files_done: int
    files_total: int

    @property
    def finished(self) -> bool:
        return self.bytes_done >= self.bytes_total and self.files_done >= self.files_total

    def text(self) -> str:
        """``3 / 12 files  1.0 GB / 2.0 GB``."""
        return (
            f"{self.files_done} / {self.files_total} files  "
            f"{format_bytes(self.bytes_done)} / {format_bytes(self.bytes_total)}"
        )


#: Called with each :class:`TransferProgress`, from the transfer's threads, one call at a time.
Progress = Callable[[TransferProgress], None]


def format_bytes(count: float) -> str:
    """``count`` bytes in the largest unit under 1000 of it (``1.5 GB``)."""
    for unit in UNITS[:-1]:
        if abs(count) < 1000:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} {UNITS[-1]}"


def format_duration(seconds: float) -> str:
    """``seconds`` as ``m:ss`` (or ``h:mm:ss``)."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressBar:
    """Draws ``label [#####-----]  50%  3 / 12 files  1.0 GB / 2.0 GB  400.0 MB/s  ETA 0:03``."""

    def __init__(
        self,
        label: str = "Publishing",
        stream: TextIO | None = None,
        interval: float = 0.2,
        width: int = 24,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.interval = interval
        self.width = width
        self.clock = clock
        self.enabled = self.stream.isatty()
        self._lock = threading.Lock()
        self._started: float | None = None
        self._drawn_at: float | None = None
        self._finished = False
        self._length = 0

    def __call__(self, progress: TransferProgress) -> None:
        if not self.enabled:
            return
        with self._lock:
            now = self.clock()
            if self._started is None:
                self._started = now
            finished = progress.finished
            throttled = self._drawn_at is not None and now - self._drawn_at < self.interval
            if self._finished or (throttled and not finished):
                return
            self._drawn_at = now
            self._finished = finished
            text = self.line(progress, now - self._started)
            self.stream.write("\r" + text.ljust(self._length))
            self._length = len(text)
            if finished:
                self.stream.write("\n")
            self.stream.flush()

    def line(self, progress: TransferProgress, elapsed: float) -> str:
        """The bar's text after ``elapsed`` seconds."""
        done, total = progress.bytes_done, progress.bytes_total
        fraction = done / total if total else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        parts = [
            f"{self.label} [{bar}] {fraction:4.0%}",
            progress.text(),
        ]
        if elapsed > 0 and done > 0:
            rate = done / elapsed
            parts.append(f"{format_bytes(rate)}/s")
            if done < total:
                parts.append(f"ETA {format_duration((total - done) / rate)}")
        return "  ".join(parts)
