"""Why a file could not be published, in words an artist can act on.

Every failure of a transfer or a folder claim is a :class:`TransferError` naming the file and
the reason; the operating system's error stays attached as ``__cause__`` for the technical
detail.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class TransferError(Exception):
    """A file or folder could not be published; ``path`` names it."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


class SourceMissingError(TransferError):
    """The file to publish is not there."""


class DestinationExistsError(TransferError):
    """The published path is taken; ftpub never overwrites."""


class FolderTakenError(DestinationExistsError):
    """Another publish claimed the version folder first."""


class PermissionDeniedError(TransferError):
    """The file cannot be read, or its folder cannot be written."""


class DiskFullError(TransferError):
    """The disk (or the user's quota on it) has no room left."""


class VerificationError(TransferError):
    """The published file differs from its source after the transfer."""


class LinkNotPossibleError(TransferError):
    """A hardlink between these two places is not possible (different disks)."""


def file_problem(path: Path | str) -> str | None:
    """Why ``path`` is not a readable regular file, as an artist reads it; ``None`` if it is.

    An empty path, a folder, a device, a symlink loop, a broken link and a missing file are
    each said as what they are.
    """
    if str(path) in ("", "."):
        return "the path is empty"
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _stat_problem(error, Path(path))
    if stat.S_ISDIR(mode):
        return f"{path} is a folder, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"{path} is a device, not a file"
    if stat.S_ISFIFO(mode):
        return f"{path} is a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return f"{path} is a socket, not a file"
    if not os.access(path, os.R_OK):
        return f"no permission to read {path}"
    return None


def _stat_problem(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        return f"{path} is a symlink loop (its links point at each other)"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return f"{path} is a symlink to {os.readlink(path)}, which does not exist"
    if error.errno == errno.ENOENT:
        return f"{path} does not exist"
    if error.errno == errno.ENOTDIR:
        return f"{path} does not exist (a part of its folder path is a file)"
    if error.errno == errno.ENAMETOOLONG:
        return f"{path} is a longer name than the file system allows"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"no permission to reach {path}"
    return f"cannot read {path}: {error.strerror}"


def reading_error(error: OSError, source: Path) -> TransferError:
    """The error of opening or reading ``source``, as an artist reads it."""
    if error.errno == errno.ENOENT and not os.path.islink(source):
        return SourceMissingError(source, f"The file to publish {source} does not exist.")
    if error.errno in (errno.EISDIR, errno.ELOOP, errno.ENOENT, errno.ENOTDIR, errno.ENAMETOOLONG):
        return TransferError(source, f"Cannot publish: {file_problem(source)}.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(source, f"No permission to read {source}.")
    return TransferError(source, f"Could not read {source}: {error.strerror}.")


def writing_error(error: OSError, destination: Path) -> TransferError:
    """The error of creating or writing ``destination``, as an artist reads it."""
    code = error.errno
    if code == errno.EEXIST:
        return DestinationExistsError(
            destination, f"{destination} already exists; ftpub never overwrites a published file."
        )
    if code in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(
            destination, f"No permission to write {destination} (check the folder's permissions)."
        )
    if code == errno.EROFS:
        return PermissionDeniedError(
            destination, f"Cannot write {destination}: its disk is mounted read-only."
        )
    if code == errno.ENOSPC:
        return DiskFullError(destination, f"The disk holding {destination} is full.")
    if code == errno.EDQUOT:
        return DiskFullError(
            destination, f"Your disk quota is used up on the disk holding {destination}."
        )
    if code == errno.ENOENT:
        return TransferError(
            destination, f"Cannot write {destination}: its folder {destination.parent} is gone."
        )
    if code == errno.EXDEV:
        return LinkNotPossibleError(
            destination,
            f"Cannot hardlink {destination}: its source is on another disk "
            "(use the copy transfer mode for this storage).",
        )
    return TransferError(destination, f"Could not write {destination}: {error.strerror}.")
