"""Reflinks on a filesystem that can clone: a loop-mounted XFS image (skipped without
``mkfs.xfs`` or where loop mounts are not allowed)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ftpub.core.files.transfer import FileTransfer, transfer_files
from ftpub.core.journal import Journal


@pytest.fixture
def xfs(tmp_path: Path) -> Iterator[Path]:
    if shutil.which("mkfs.xfs") is None:
        pytest.skip("needs mkfs.xfs (Debian package xfsprogs)")
    image, mount_point = tmp_path / "xfs.img", tmp_path / "xfs"
    with image.open("wb") as handle:
        handle.truncate(320 * 1024 * 1024)
    subprocess.run(["mkfs.xfs", "-q", "-m", "reflink=1", str(image)], check=True)
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-o", "loop", str(image), str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot loop-mount an XFS image here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def test_reflink_clones_an_independent_copy(xfs: Path, tmp_path: Path) -> None:
    source = xfs / "plate.0001.exr"
    data = os.urandom(4 * 1024 * 1024)
    source.write_bytes(data)
    journal = Journal.create(tmp_path / "journals")
    destination = xfs / "pub" / "v001" / source.name

    [done] = transfer_files([FileTransfer(source, destination)], "reflink", journal)

    assert (done.mode, done.size, done.checksum) == ("reflink", len(data), None)
    assert destination.read_bytes() == data
    assert destination.stat().st_ino != source.stat().st_ino
    with source.open("r+b") as handle:
        handle.write(b"changed")
    assert destination.read_bytes() == data
    assert all(undone.ok for undone in journal.undo())
    assert sorted(p.name for p in xfs.iterdir()) == ["plate.0001.exr"]
