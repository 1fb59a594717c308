"""Where media is made: a temporary folder, and an output file claimed before any work."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ftpub.core.media.errors import MediaError


@dataclass(frozen=True)
class Workspace:
    """A temporary folder; the tools write ``result`` there, never into the source folders."""

    folder: Path
    result: Path

    def link(self, source: Path, name: str) -> Path:
        """``source`` under a plain name in the folder (a symlink, or a copy where symlinks are
        not allowed), so no tool reads ``%``, ``#`` or ``{}`` in a source path as a pattern."""
        target = self.folder / name
        try:
            target.symlink_to(source.resolve())
        except OSError:
            shutil.copyfile(source, target)
        return target

    def link_frames(self, files: Iterable[Path], extension: str) -> str:
        """The files as frames 0, 1, 2… of one sequence; returns its ``%08d`` pattern."""
        for index, source in enumerate(files):
            self.link(source, f"frame.{index:08d}.{extension}")
        return str(self.folder / f"frame.%08d.{extension}")


@contextmanager
def claimed_output(output: Path, suffixes: Iterable[str]) -> Iterator[Workspace]:
    """Claim ``output`` (it must not exist), yield a workspace, then fill ``output`` with the
    workspace's result. On any error the claimed output is removed; the temp folder always is.
    """
    allowed = tuple(suffixes)
    if output.suffix.lower() not in allowed:
        raise ValueError(f"{output}: the output must end in {' or '.join(allowed)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        claim = output.open("xb")
    except FileExistsError:
        raise MediaError(f"{output} already exists; media outputs are never overwritten") from None
    try:
        with claim, tempfile.TemporaryDirectory(prefix="ftpub-media-") as folder:
            workspace = Workspace(Path(folder), Path(folder) / f"result{output.suffix.lower()}")
            yield workspace
            if not workspace.result.is_file():
                raise MediaError(f"no output was written for {output}")
            with workspace.result.open("rb") as result:
                shutil.copyfileobj(result, claim)
    except BaseException:
        os.unlink(output)
        raise
