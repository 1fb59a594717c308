"""The batch publish (``nuke -t ftpub_batch.py SCRIPT.nk [--validate] [--comment TEXT]
[--report FILE]``): open a script and publish its active Write nodes and the script, headless
(see :mod:`ftpub.core.scene_batch`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ftpub.core.scene_batch import run_batch
from ftpub.hosts.nuke.api import NukeHost


def _open(script: Path) -> NukeHost:
    host = NukeHost()
    host.open_script(script)
    return host


def main(argv: Sequence[str] | None = None) -> int:
    return run_batch("nuke -t ftpub_batch.py", _open, argv, "the Nuke script to publish")
