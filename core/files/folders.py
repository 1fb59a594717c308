"""Creating publish folders: journaled first, and a version folder claimed by one publish alone."""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from pathlib import Path

from ftpub.core.journal import Journal

from .errors import FolderTakenError, writing_error

log = logging.getLogger("ftpub.files")


def make_folders(folder: Path, journal: Journal) -> None:
    """Create ``folder`` and its missing parents, journaling each before creating it."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        journal.folder(path)
        try:
            os.mkdir(path)
        except FileExistsError:
            journal.release(path)
        except OSError as error:
            raise writing_error(error, path) from error


def claim_folder(path: Path, journal: Journal, *, version: int | None = None) -> None:
    """Create the folder ``path`` for this publish alone.

    Missing parents are created (and journaled) as needed; the folder itself is created by one
    ``os.mkdir``, which fails when it exists, so of two publishes racing for it exactly one
    wins and the other gets :class:`FolderTakenError`. A folder that already exists is refused
    before anything is journaled; a lost race releases the winner's folder from this journal,
    so undoing this publish leaves it alone.

    ``version`` is the number ftrack just gave this publish's version, so no ftrack version
    owns a folder named after it alone (``v003``, ``003``, ``version_3``): one already there
    is left from an earlier publish whose version is gone. It is renamed to
    ``<name>.leftover-<time>`` with a warning, never overwritten or deleted. Any other folder
    already there is refused.
    """
    if os.path.lexists(path):
        if version is None or not _names_version(path, version):
            raise FolderTakenError(path, f"The version folder {path} already exists.")
        _set_aside(path)
    make_folders(path.parent, journal)
    journal.folder(path)
    try:
        os.mkdir(path)
    except FileExistsError as error:
        journal.release(path)
        raise FolderTakenError(
            path, f"The version folder {path} was just claimed by another publish."
        ) from error
    except OSError as error:
        raise writing_error(error, path) from error


def _names_version(path: Path, version: int) -> bool:
    return re.fullmatch(rf"(v|version)?_?0*{version}", path.name, re.IGNORECASE) is not None


def _set_aside(path: Path) -> None:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    aside = path.with_name(f"{path.name}.leftover-{stamp}-{uuid.uuid4().hex[:6]}")
    try:
        os.rename(path, aside)
    except OSError as error:
        raise FolderTakenError(
            path,
            f"The version folder {path} is left from an earlier publish and cannot be "
            f"moved aside: {error.strerror}.",
        ) from error
    log.warning(
        "The version folder %s was left by an earlier publish that ftrack no longer has; "
        "moved it to %s",
        path,
        aside,
    )
