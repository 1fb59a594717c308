"""Nuke's render command on a farm worker: ``nuke -X WRITE -F START-END SCRIPT``."""

from __future__ import annotations

from pathlib import PurePath

from ftpub.hosts.farm.job import END, START

#: Nuke's executable where the studio config names none.
EXECUTABLE = "nuke"


def render_command(executable: str, write: str, script: PurePath) -> list[str | PurePath]:
    """Render only ``write`` of ``script`` over a chunk's frames."""
    return [executable, "-X", write, "-F", f"{START}-{END}", script]
