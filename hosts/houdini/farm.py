"""Houdini's render command on a farm worker: ``hrender -e -f START END -d ROP HIP`` (the
``hrender`` script Houdini ships runs the ROP in ``hython``)."""

from __future__ import annotations

from pathlib import PurePath

from ftpub.hosts.farm.job import END, START

#: Houdini's render script where the studio config names none.
EXECUTABLE = "hrender"


def render_command(executable: str, rop: str, hip: PurePath) -> list[str | PurePath]:
    """Render ROP ``rop`` of ``hip`` over a chunk's frames."""
    return [executable, "-e", "-f", START, END, "-d", rop, hip]
