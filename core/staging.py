"""Staging folders: where extractors write the files they make, until the publish is over.

An extractor asks :func:`staging_folder` for a new folder; the context remembers it, and
the run (:class:`ftpub.core.runner.Run`) removes every one with :func:`remove_staging_folders`
when it ends: published, failed or stopped, before or during integration (the published files
are copies; an undone publish extracts again).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

import pyblish.api

STAGING_KEY = "staging_folders"
"""``context.data`` key: the staging folders made during this publish."""

log = logging.getLogger(__name__)


def staging_folder(context: pyblish.api.Context, label: str) -> Path:
    """A new, empty temporary folder, removed after the publish; ``label`` goes in its name."""
    folder = Path(tempfile.mkdtemp(prefix=f"ftpub-{label}-"))
    context.data.setdefault(STAGING_KEY, []).append(folder)
    return folder


def remove_staging_folders(context: pyblish.api.Context) -> None:
    """Remove the staging folders of this publish; one that cannot be removed is only logged."""
    folders: list[Path] = context.data.pop(STAGING_KEY, [])
    for folder in folders:
        try:
            shutil.rmtree(folder)
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("could not remove the staging folder %s: %s", folder, error)
