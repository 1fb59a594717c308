"""Publishing files: verified copies, hardlinks or reflinks that never overwrite.

Every folder and file is written to the publish's :class:`~ftpub.core.journal.Journal` before
it is created, so a failure, or a killed process, leaves entries for everything partial and
``journal.undo()`` removes it. A destination another process creates after the check that it
is free is released from the journal: undo leaves that process's file alone. Sources are
only ever read (a hardlink shares the source's inode: changing the source later changes the
published file too).

Verification, per mode:

* ``copy`` reads each source once; the same buffer feeds the checksum and the write, and the
  destination's size must equal the bytes read and the source's size. The destination is
  **not** re-read by default: right after writing, a re-read is served from the page cache
  that was just filled, so it proves little about the disk and costs a second pass over the
  data. ``reread=True`` re-hashes each destination after closing it, for storage whose client
  may corrupt data on the way (it halves throughput).
* ``hardlink`` is verified by the destination having the source's device and inode; it
  computes no checksum (``checksum`` is None): the published file *is* the source.
* ``reflink`` clones with Linux's ``FICLONE`` ioctl (btrfs, XFS, bcachefs, some NFS servers)
  and is verified by size; the filesystem shares the source's blocks, so no checksum is
  computed. Where the filesystem cannot clone (ext4, tmpfs, two different filesystems) the
  file is **copied** instead and the result's ``mode`` says ``copy``: a reflink and a copy are
  both independent files, only disk use differs, so a studio that sets ``reflink`` on mixed
  storage still publishes. (A hardlink across disks, in contrast, is an error: falling back
  would silently change what the published file is.)

Nothing is fsynced: like ``cp``, the data reaches the disk with the kernel's writeback.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from ftpub.core.journal import Entry, Journal

from .checksum import DEFAULT_ALGORITHM, file_checksum, new_hasher
from .errors import (
    DestinationExistsError,
    SourceMissingError,
    TransferError,
    VerificationError,
    reading_error,
    writing_error,
)
from .folders import make_folders
from .progress import Progress, TransferProgress

Mode = Literal["copy", "hardlink", "reflink"]
MODES: tuple[Mode, ...] = get_args(Mode)
BUFFER_SIZE = 1 << 20
FICLONE = getattr(fcntl, "FICLONE", 0x40049409)
CANNOT_CLONE = {errno.EOPNOTSUPP, errno.ENOTTY, errno.EXDEV, errno.EINVAL, errno.ENOSYS}
CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC

#: Writes a chunk to a file descriptor and returns the bytes written, like :func:`os.write`.
Writer = Callable[[int, memoryview], int]


@dataclass(frozen=True)
class FileTransfer:
    """One file to publish: where it is and where it goes."""

    source: Path
    destination: Path


@dataclass(frozen=True)
class TransferredFile:
    """A published file; ``mode`` is how it was made (``copy`` where a reflink fell back)."""

    source: Path
    destination: Path
    size: int
    mode: Mode
    checksum: str | None
    algorithm: str | None


class _Stopped(Exception):
    """Another transfer failed: this one gave up."""


class _Run:
    """What the workers of one :func:`transfer_files` call share."""

    def __init__(
        self,
        sizes: Sequence[int],
        progress: Progress | None,
        algorithm: str,
        write: Writer,
        reread: bool,
    ) -> None:
        self.total = sum(sizes)
        self.done = 0
        self.files_total = len(sizes)
        self.files_done = 0
        self.progress = progress
        self.algorithm = algorithm
        self.write = write
        self.reread = reread
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.buffers = threading.local()

    def advance(self, count: int = 0, files: int = 0) -> None:
        """Count ``count`` more bytes and ``files`` more files done, and report it."""
        with self.lock:
            self.done += count
            self.files_done += files
            if self.progress is not None:
                self.progress(
                    TransferProgress(self.done, self.total, self.files_done, self.files_total)
                )

    def buffer(self) -> bytearray:
        if not hasattr(self.buffers, "data"):
            self.buffers.data = bytearray(BUFFER_SIZE)
        data: bytearray = self.buffers.data
        return data


def _copy_data(run: _Run, source: Path, source_fd: int, destination: Path, fd: int) -> str:
    """Copy ``source_fd`` into ``fd`` in one pass; returns the checksum of what was read."""
    hasher = new_hasher(run.algorithm)
    buffer = run.buffer()
    view = memoryview(buffer)
    while True:
        if run.stop.is_set():
            raise _Stopped
        try:
            count = os.readv(source_fd, [buffer])
        except OSError as error:
            raise reading_error(error, source) from error
        if count == 0:
            return hasher.hexdigest()
        chunk = view[:count]
        hasher.update(chunk)
        try:
            while chunk:
                chunk = chunk[run.write(fd, chunk) :]
        except OSError as error:
            raise writing_error(error, destination) from error
        run.advance(count)


def _clone(source_fd: int, fd: int) -> bool:
    try:
        fcntl.ioctl(fd, FICLONE, source_fd)
    except OSError as error:
        if error.errno in CANNOT_CLONE:
            return False
        raise
    return True


@contextmanager
def _opened(
    path: Path, flags: int, failure: Callable[[OSError, Path], TransferError]
) -> Iterator[int]:
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as error:
        raise failure(error, path) from error
    try:
        yield fd
    finally:
        os.close(fd)


def _copy_or_clone(run: _Run, item: FileTransfer, size: int, mode: Mode) -> TransferredFile:
    source, destination = item.source, item.destination
    checksum = None
    with (
        _opened(source, os.O_RDONLY | os.O_CLOEXEC, reading_error) as source_fd,
        _opened(destination, CREATE_FLAGS, writing_error) as fd,
    ):
        try:
            cloned = mode == "reflink" and _clone(source_fd, fd)
        except OSError as error:
            raise writing_error(error, destination) from error
        if cloned:
            run.advance(size)
        else:
            checksum = _copy_data(run, source, source_fd, destination, fd)
        written = os.fstat(fd).st_size
    if written != size:
        raise VerificationError(
            destination,
            f"{destination} has {written} bytes after publishing, its source {source} {size}: "
            "the source changed while it was published, or the disk lost data.",
        )
    if (
        checksum is not None
        and run.reread
        and file_checksum(destination, run.algorithm) != checksum
    ):
        raise VerificationError(
            destination, f"{destination} does not hold the same data as {source} after copying."
        )
    if cloned:
        return TransferredFile(source, destination, size, "reflink", None, None)
    return TransferredFile(source, destination, size, "copy", checksum, run.algorithm)


def _hardlink(run: _Run, item: FileTransfer, size: int) -> TransferredFile:
    source, destination = item.source, item.destination
    try:
        os.link(source, destination)
    except OSError as error:
        if not os.path.lexists(source):
            raise reading_error(error, source) from error
        raise writing_error(error, destination) from error
    linked, original = os.stat(destination), os.stat(source)
    if (linked.st_dev, linked.st_ino) != (original.st_dev, original.st_ino):
        raise VerificationError(destination, f"{destination} is not a hardlink of {source}.")
    run.advance(size)
    return TransferredFile(source, destination, size, "hardlink", None, None)


def _transfer_one(run: _Run, item: FileTransfer, size: int, mode: Mode) -> TransferredFile:
    if run.stop.is_set():
        raise _Stopped
    try:
        if mode == "hardlink":
            done = _hardlink(run, item, size)
        else:
            done = _copy_or_clone(run, item, size, mode)
    except BaseException:
        run.stop.set()  # at once, not when the caller's thread next runs
        raise
    run.advance(files=1)
    return done


def _source_sizes(transfers: Sequence[FileTransfer]) -> list[int]:
    sizes = []
    for item in transfers:
        try:
            sizes.append(os.stat(item.source).st_size)
        except OSError as error:
            raise reading_error(error, item.source) from error
        if not item.source.is_file():
            raise SourceMissingError(item.source, f"{item.source} is not a file.")
    return sizes


def _check_destinations(transfers: Sequence[FileTransfer]) -> None:
    seen: set[Path] = set()
    for item in transfers:
        destination = item.destination
        if destination in seen:
            raise DestinationExistsError(
                destination, f"Two files of this publish would both be published as {destination}."
            )
        seen.add(destination)
        if os.path.lexists(destination):
            raise writing_error(FileExistsError(errno.EEXIST, "File exists"), destination)


def _release_taken(futures: list[Future[TransferredFile]], journal: Journal) -> None:
    """Release the destinations another process created first (their files are not ours).

    A worker's :class:`DestinationExistsError` comes from its exclusive create failing with
    ``EEXIST``. Called from the thread that owns ``journal``, once every worker has stopped.
    """
    for future in futures:
        if future.done() and not future.cancelled():
            error = future.exception()
            if isinstance(error, DestinationExistsError):
                journal.release(error.path)


def _first_failure(futures: list[Future[TransferredFile]]) -> BaseException | None:
    for future in futures:
        if future.done() and not future.cancelled():
            error = future.exception()
            if error is not None and not isinstance(error, _Stopped):
                return error
    return None


def transfer_files(
    transfers: Sequence[FileTransfer],
    mode: Mode,
    journal: Journal,
    progress: Progress | None = None,
    workers: int = 4,
    algorithm: str = DEFAULT_ALGORITHM,
    reread: bool = False,
    write: Writer = os.write,
) -> list[TransferredFile]:
    """Publish every transfer with ``mode``; returns the published files in the same order.

    Sources must exist and destinations must not, or nothing is done. Missing destination
    folders are created. Files go ``workers`` at a time; the first failure stops the others
    (queued ones never start, running ones stop at their next chunk) and is raised as a
    :class:`TransferError` once every worker has stopped: undo with ``journal.undo()``.
    ``write`` replaces :func:`os.write` for the copied data (a failing writer in tests, an
    instrumented one in a studio).
    """
    if mode not in MODES:
        raise ValueError(f"unknown transfer mode {mode!r}; use one of {', '.join(MODES)}")
    new_hasher(algorithm)
    sizes = _source_sizes(transfers)
    _check_destinations(transfers)
    for folder in dict.fromkeys(item.destination.parent for item in transfers):
        make_folders(folder, journal)
    journal.record_many([Entry("file", str(item.destination)) for item in transfers])
    run = _Run(sizes, progress, algorithm, write, reread)
    run.advance()
    pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="ftpub-transfer")
    try:
        futures = [
            pool.submit(_transfer_one, run, item, size, mode)
            for item, size in zip(transfers, sizes, strict=True)
        ]
        wait(futures, return_when=FIRST_EXCEPTION)
        failure = _first_failure(futures)
    finally:
        run.stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
    _release_taken(futures, journal)
    if failure is not None:
        raise failure
    return [future.result() for future in futures]
