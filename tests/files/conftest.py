"""Fixtures of the file tests: source files on disk and a journal."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ftpub.core.journal import Journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal.create(tmp_path / "journals")


@pytest.fixture
def make_sequence(tmp_path: Path) -> Callable[..., list[Path]]:
    """Write ``count`` frames of random bytes as ``<tmp>/src/<name>.%04d.exr``."""

    def make(count: int, size: int = 64 * 1024, name: str = "plate") -> list[Path]:
        folder = tmp_path / "src"
        folder.mkdir(exist_ok=True)
        paths = []
        for frame in range(1001, 1001 + count):
            path = folder / f"{name}.{frame:04d}.exr"
            path.write_bytes(os.urandom(size))
            paths.append(path)
        return paths

    return make


@pytest.fixture
def mounted_tmpfs() -> Iterator[Callable[[Path, str], Path]]:
    """Mount a tmpfs with ``options`` on a new folder (skip where mounting is not allowed)."""
    mounted: list[Path] = []

    def mount(folder: Path, options: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        subprocess.run(["umount", str(folder)], check=True)
