"""The terminal progress bar: silent off a terminal, throttled, with files, bytes, rate and ETA."""

from __future__ import annotations

import io

import pytest

from ftpub.core.files.progress import (
    ProgressBar,
    TransferProgress,
    format_bytes,
    format_duration,
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def at(done: int, total: int, files: int = 4) -> TransferProgress:
    """``done`` of ``total`` bytes, the files done in proportion."""
    return TransferProgress(done, total, files * done // total if total else files, files)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream=stream)

    bar(at(0, 100))
    bar(at(100, 100))

    assert stream.getvalue() == ""


def test_draws_files_bytes_rate_and_eta_then_ends_the_line() -> None:
    stream, clock = Terminal(), Clock()
    bar = ProgressBar("Publishing", stream=stream, width=10, clock=clock)

    bar(at(0, 4_000_000_000))
    clock.now += 2.0
    bar(at(1_000_000_000, 4_000_000_000))
    clock.now += 2.0
    bar(at(4_000_000_000, 4_000_000_000))

    frames = stream.getvalue().split("\r")[1:]
    assert frames[1].rstrip() == (
        "Publishing [##--------]  25%  1 / 4 files  1.0 GB / 4.0 GB  500.0 MB/s  ETA 0:06"
    )
    assert frames[2].endswith("\n")
    assert frames[2].rstrip() == (
        "Publishing [##########] 100%  4 / 4 files  4.0 GB / 4.0 GB  1.0 GB/s"
    )


def test_throttled_but_the_last_update_is_always_drawn() -> None:
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream=stream, interval=0.5, clock=clock)

    for done in range(0, 100, 10):
        bar(at(done, 100))
        clock.now += 0.1
    bar(at(100, 100))
    bar(at(100, 100))

    frames = stream.getvalue().split("\r")[1:]
    assert len(frames) == 3
    assert frames[-1].endswith("\n")
    assert "100%  4 / 4 files  100 B / 100 B" in frames[-1]


def test_the_line_ends_only_when_the_last_file_is_done() -> None:
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream=stream, interval=0, clock=clock)

    bar(TransferProgress(100, 100, 1, 2))
    clock.now += 1
    bar(TransferProgress(100, 100, 2, 2))

    first, last = stream.getvalue().split("\r")[1:]
    assert "1 / 2 files" in first and not first.endswith("\n")
    assert "2 / 2 files" in last and last.endswith("\n")


def test_a_shorter_line_erases_the_longer_one_before_it() -> None:
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream=stream, interval=0, clock=clock)

    bar(at(0, 10**9))
    clock.now += 1
    bar(at(10**8, 10**9))
    clock.now += 1
    bar(at(10**9, 10**9))

    _, _, long, last = stream.getvalue().split("\r")
    assert len(last.rstrip("\n")) >= len(long)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1500, "1.5 KB"),
        (2_500_000, "2.5 MB"),
        (3 * 10**15, "3000.0 TB"),
    ],
)
def test_format_bytes(count: int, text: str) -> None:
    assert format_bytes(count) == text


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (61.4, "1:01"), (3725, "1:02:05")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
