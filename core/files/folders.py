"""Creating publish folders: journaled first, and a version folder claimed by one publish alone."""

from __future__ import annotations

import os
from pathlib import Path

from ftpub.core.journal import Journal

from .errors import FolderTakenError, writing_error


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


def claim_folder(path: Path, journal: Journal) -> None:
    """Create the folder ``path`` for this publish alone.

    Missing parents are created (and journaled) as needed; the folder itself is created by one
    ``os.mkdir``, which fails when it exists, so of two publishes racing for it exactly one
    wins and the other gets :class:`FolderTakenError`. A folder that already exists is refused
    before anything is journaled; a lost race releases the winner's folder from this journal,
    so undoing this publish leaves it alone.
    """
    if os.path.lexists(path):
        raise FolderTakenError(path, f"The version folder {path} already exists.")
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
