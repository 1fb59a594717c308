"""Transfers: copies with checksums, hardlinks, reflink fallback, never overwriting, progress,
and undoing through the journal after a failure."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import xxhash

from ftpub.core.files import transfer as transfer_module
from ftpub.core.files.errors import (
    DestinationExistsError,
    DiskFullError,
    LinkNotPossibleError,
    SourceMissingError,
    TransferError,
    VerificationError,
)
from ftpub.core.files.progress import TransferProgress
from ftpub.core.files.transfer import BUFFER_SIZE, FileTransfer, transfer_files
from ftpub.core.journal import Journal

MakeSequence = Callable[..., list[Path]]


def to(folder: Path, sources: list[Path]) -> list[FileTransfer]:
    return [FileTransfer(source, folder / source.name) for source in sources]


def xxh3(path: Path) -> str:
    return xxhash.xxh3_128(path.read_bytes()).hexdigest()


def contents(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_copy_publishes_identical_files_with_their_checksum(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(12, size=3 * BUFFER_SIZE + 17)
    transfers = to(tmp_path / "pub" / "v001", sources)

    done = transfer_files(transfers, "copy", journal)

    assert [(d.source, d.destination) for d in done] == [
        (t.source, t.destination) for t in transfers
    ]
    for result in done:
        assert result.destination.read_bytes() == result.source.read_bytes()
        assert result.checksum == xxh3(result.source)
        assert (result.algorithm, result.mode) == ("xxh3_128", "copy")
        assert result.size == result.source.stat().st_size


def test_empty_file_is_copied(tmp_path: Path, journal: Journal) -> None:
    empty = tmp_path / "empty.txt"
    empty.touch()

    [done] = transfer_files([FileTransfer(empty, tmp_path / "out.txt")], "copy", journal)

    assert (done.size, done.checksum) == (0, xxhash.xxh3_128(b"").hexdigest())
    assert (tmp_path / "out.txt").read_bytes() == b""


def test_other_hashlib_algorithm_is_named_in_the_result(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    [source] = make_sequence(1)

    [done] = transfer_files(to(tmp_path / "pub", [source]), "copy", journal, algorithm="md5")

    assert (done.algorithm, done.checksum) == ("md5", hashlib.md5(source.read_bytes()).hexdigest())


def test_sha256_on_request_across_buffer_boundaries(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    [source] = make_sequence(1, size=BUFFER_SIZE * 2 + 5)

    [done] = transfer_files(to(tmp_path / "pub", [source]), "copy", journal, algorithm="sha256")

    assert done.checksum == hashlib.sha256(source.read_bytes()).hexdigest()


def test_unknown_algorithm_or_mode_is_refused_before_anything_is_made(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(2)
    with pytest.raises(ValueError, match="unknown checksum algorithm 'crc99'"):
        transfer_files(to(tmp_path / "pub", sources), "copy", journal, algorithm="crc99")
    with pytest.raises(ValueError, match="unknown transfer mode 'move'"):
        transfer_files(to(tmp_path / "pub", sources), "move", journal)  # type: ignore[arg-type]

    assert not (tmp_path / "pub").exists()
    assert journal.entries == []


def test_hardlink_shares_the_source_inode_and_undo_keeps_the_source(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(3)
    before = {source: source.read_bytes() for source in sources}

    done = transfer_files(to(tmp_path / "pub", sources), "hardlink", journal)

    for result in done:
        assert result.destination.stat().st_ino == result.source.stat().st_ino
        assert (result.mode, result.checksum, result.algorithm) == ("hardlink", None, None)
    journal.undo()
    assert not (tmp_path / "pub").exists()
    assert {source: source.read_bytes() for source in sources} == before


def test_hardlink_across_filesystems_is_an_error_not_a_copy(
    journal: Journal, make_sequence: MakeSequence
) -> None:
    shm = Path("/dev/shm")
    [source] = make_sequence(1)
    if not shm.is_dir() or shm.stat().st_dev == source.stat().st_dev:
        pytest.skip("needs /dev/shm on another filesystem than the test folder")
    destination = shm / f"ftpub-test-{os.getpid()}" / source.name

    with pytest.raises(LinkNotPossibleError, match="another disk") as raised:
        transfer_files([FileTransfer(source, destination)], "hardlink", journal)

    assert isinstance(raised.value.__cause__, OSError)
    assert raised.value.__cause__.errno == errno.EXDEV
    journal.undo()
    assert not destination.parent.exists()


def test_reflink_where_the_filesystem_cannot_clone_copies_and_says_so(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(2)

    done = transfer_files(to(tmp_path / "pub", sources), "reflink", journal)

    for result in done:
        if result.mode == "reflink":
            pytest.skip("this test folder's filesystem can clone; see test_reflink.py")
        assert result.mode == "copy"
        assert result.checksum == xxh3(result.source)
        assert result.destination.read_bytes() == result.source.read_bytes()


@pytest.mark.parametrize("mode", ["copy", "hardlink", "reflink"])
def test_existing_destination_is_never_overwritten_nor_journaled(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence, mode: str
) -> None:
    sources = make_sequence(3)
    published = tmp_path / "pub" / sources[1].name
    published.parent.mkdir()
    published.write_bytes(b"version one")

    with pytest.raises(DestinationExistsError, match="never overwrites") as raised:
        transfer_files(to(tmp_path / "pub", sources), mode, journal)  # type: ignore[arg-type]

    assert raised.value.path == published
    assert published.read_bytes() == b"version one"
    assert contents(tmp_path / "pub") == [published]
    assert journal.entries == []


@pytest.mark.parametrize("mode", ["copy", "hardlink"])
def test_destination_appearing_after_the_check_is_not_overwritten(
    tmp_path: Path,
    journal: Journal,
    make_sequence: MakeSequence,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
) -> None:
    [source] = make_sequence(1)
    racer = tmp_path / "pub" / source.name
    racer.parent.mkdir()
    racer.write_bytes(b"the other publish")
    monkeypatch.setattr(transfer_module, "_check_destinations", lambda transfers: None)

    with pytest.raises(DestinationExistsError) as raised:
        transfer_files([FileTransfer(source, racer)], mode, journal)  # type: ignore[arg-type]

    assert isinstance(raised.value.__cause__, FileExistsError)
    assert racer.read_bytes() == b"the other publish"


@pytest.mark.parametrize("mode", ["copy", "hardlink", "reflink"])
def test_undo_after_losing_a_race_keeps_the_other_process_file(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence, mode: str
) -> None:
    sources = make_sequence(3)
    (tmp_path / "pub").mkdir()
    transfers = to(tmp_path / "pub", sources)
    taken = transfers[1].destination

    def other_process_publishes(progress: TransferProgress) -> None:
        """The first call comes after the destinations were checked, before any is opened."""
        if not taken.exists():
            taken.write_bytes(b"the other publish")

    with pytest.raises(DestinationExistsError) as raised:
        transfer_files(transfers, mode, journal, progress=other_process_publishes)  # type: ignore[arg-type]

    assert raised.value.path == taken
    assert all(undone.ok for undone in Journal(journal.path).undo())
    assert taken.read_bytes() == b"the other publish"
    assert contents(tmp_path / "pub") == [taken]


def test_files_are_journaled_with_one_fsync(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = make_sequence(20, size=16)
    (tmp_path / "pub").mkdir()
    fsyncs = []
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))

    transfer_files(to(tmp_path / "pub", sources), "copy", journal)

    assert len(fsyncs) == 1
    assert len([entry for entry in Journal(journal.path).entries if entry.kind == "file"]) == 20


def test_two_files_to_one_destination_are_refused(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    first, second = make_sequence(2)
    target = tmp_path / "pub" / "same.exr"

    with pytest.raises(DestinationExistsError, match="both be published as"):
        transfer_files([FileTransfer(first, target), FileTransfer(second, target)], "copy", journal)

    assert not target.parent.exists()


def test_missing_source_is_named_before_anything_is_made(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(3)
    sources[2].unlink()

    with pytest.raises(SourceMissingError, match=str(sources[2])) as raised:
        transfer_files(to(tmp_path / "pub", sources), "copy", journal)

    assert isinstance(raised.value.__cause__, FileNotFoundError)
    assert not (tmp_path / "pub").exists()
    assert journal.entries == []


def test_every_folder_and_file_is_journaled(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(3)
    (tmp_path / "pub").mkdir()
    transfers = to(tmp_path / "pub" / "geo" / "v001", sources)

    transfer_files(transfers, "copy", journal)

    assert [e.describe() for e in Journal(journal.path).entries] == [
        f"folder {tmp_path / 'pub' / 'geo'}",
        f"folder {tmp_path / 'pub' / 'geo' / 'v001'}",
        *(f"file {t.destination}" for t in transfers),
    ]


def failing_writer(fail_after: int, code: int) -> Callable[[int, memoryview], int]:
    """Writes ``fail_after`` chunks, then fails every write with ``code``."""
    calls = 0

    def write(fd: int, data: memoryview) -> int:
        nonlocal calls
        calls += 1
        if calls > fail_after:
            raise OSError(code, os.strerror(code))
        return os.write(fd, data)

    return write


def test_disk_full_midway_is_named_and_undone_completely(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(40, size=2 * BUFFER_SIZE + 1)
    publish = tmp_path / "pub"

    with pytest.raises(DiskFullError) as raised:
        transfer_files(
            to(publish / "v001", sources),
            "copy",
            journal,
            workers=2,
            write=failing_writer(5, errno.ENOSPC),
        )

    assert str(raised.value) == f"The disk holding {raised.value.path} is full."
    assert raised.value.__cause__.errno == errno.ENOSPC
    made = [path for path in contents(publish) if path.is_file()]
    assert 0 < len(made) < len(sources) / 2, "the first failure stops the transfers queued"
    assert all(undone.ok for undone in journal.undo())
    assert not publish.exists()
    assert not journal.path.exists()
    assert all(source.stat().st_size == 2 * BUFFER_SIZE + 1 for source in sources)


def test_a_writer_that_loses_bytes_fails_the_size_check(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    [source] = make_sequence(1, size=BUFFER_SIZE + 100)

    def lossy(fd: int, data: memoryview) -> int:
        os.write(fd, data[: len(data) // 2])
        return len(data)

    with pytest.raises(VerificationError, match="bytes after publishing"):
        transfer_files(to(tmp_path / "pub", [source]), "copy", journal, write=lossy)


def corrupting(fd: int, data: memoryview) -> int:
    return os.write(fd, bytes([data[0] ^ 0xFF]) + bytes(data[1:]))


def test_reread_finds_data_corrupted_on_the_way(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    [source] = make_sequence(1)

    with pytest.raises(VerificationError, match="does not hold the same data"):
        transfer_files(
            to(tmp_path / "pub", [source]), "copy", journal, reread=True, write=corrupting
        )


def test_without_reread_the_checksum_is_of_what_was_read(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    [source] = make_sequence(1)

    [done] = transfer_files(to(tmp_path / "pub", [source]), "copy", journal, write=corrupting)

    assert done.checksum == xxh3(source) != xxh3(done.destination)


@pytest.mark.parametrize("mode", ["copy", "hardlink", "reflink"])
def test_progress_counts_every_byte_and_file_once(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence, mode: str
) -> None:
    sources = make_sequence(9, size=BUFFER_SIZE + 3)
    total = sum(source.stat().st_size for source in sources)
    calls: list[TransferProgress] = []

    transfer_files(
        to(tmp_path / "pub", sources),
        mode,  # type: ignore[arg-type]
        journal,
        progress=calls.append,
    )

    assert calls[0] == TransferProgress(0, total, 0, 9)
    assert calls[-1] == TransferProgress(total, total, 9, 9)
    assert calls[-1].finished and not any(call.finished for call in calls[:-1])
    assert [call.bytes_done for call in calls] == sorted(call.bytes_done for call in calls)
    assert [call.files_done for call in calls] == sorted(call.files_done for call in calls)
    assert {call.files_done for call in calls} == set(range(10))
    assert {(call.bytes_total, call.files_total) for call in calls} == {(total, 9)}


def test_a_failure_stops_the_files_being_copied_at_their_next_chunk(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(2, size=20 * BUFFER_SIZE)
    other_started, failed = threading.Event(), threading.Event()
    failing_thread: list[int] = []
    lock = threading.Lock()

    def write(fd: int, data: memoryview) -> int:
        with lock:
            if not failing_thread:
                failing_thread.append(threading.get_ident())
        if failing_thread == [threading.get_ident()]:
            other_started.wait(timeout=10)
            failed.set()
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        other_started.set()
        failed.wait(timeout=10)
        time.sleep(0.01)
        return os.write(fd, data)

    with pytest.raises(TransferError, match=r"Could not write .*: Input/output error"):
        transfer_files(to(tmp_path / "pub", sources), "copy", journal, workers=2, write=write)

    sizes = [path.stat().st_size for path in (tmp_path / "pub").iterdir()]
    assert len(sizes) == 2
    assert max(sizes) < 20 * BUFFER_SIZE, "the other file stopped before its end"
