"""Finding and running ffmpeg, ffprobe and oiiotool.

Each tool comes from an explicit path (the studio config's ``media.<tool>``, for a studio's own
build) or, when none is set, from ``PATH``. An explicit path is never silently replaced by
another copy from ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ftpub.core.media.errors import MediaCommandFailed, MediaToolMissing

TOOLS = ("ffmpeg", "ffprobe", "oiiotool")

# Without $OCIO, OpenImageIO's "linear" -> "sRGB" is its built-in sRGB curve, the one ffmpeg
# applies to EXR too: thumbnails and review movies look alike whatever $OCIO a session has.
_UNSET_FOR = {"oiiotool": ("OCIO",)}


@dataclass(frozen=True)
class MediaTools:
    """Where the media tools are: an explicit path or command name each, ``None`` for PATH."""

    ffmpeg: str | Path | None = None
    ffprobe: str | Path | None = None
    oiiotool: str | Path | None = None

    def find(self, tool: str) -> str | None:
        """The executable to run for ``tool``, or ``None`` when it is not there."""
        return shutil.which(str(self._configured(tool) or tool))

    def has(self, *tools: str) -> bool:
        return all(self.find(tool) for tool in tools)

    def pick(self, purpose: str, *choices: tuple[str, ...]) -> tuple[str, ...]:
        """The first choice of tools that are all present; :class:`MediaToolMissing` if none."""
        for choice in choices:
            if self.has(*choice):
                return choice
        needed = ", or ".join(" and ".join(choice) for choice in choices)
        tools = dict.fromkeys(tool for choice in choices for tool in choice)
        missing = [self._where(tool) for tool in tools if not self.find(tool)]
        raise MediaToolMissing(purpose, needed, missing)

    def run(self, tool: str, args: Sequence[str], purpose: str) -> str:
        """Run ``tool`` with ``args`` and return its standard output.

        Raises :class:`MediaToolMissing` if the tool is not there and
        :class:`MediaCommandFailed` (with its last error lines) if it exits non-zero.
        """
        executable = self.find(tool)
        if executable is None:
            raise MediaToolMissing(purpose, tool, [self._where(tool)])
        command = [executable, *args]
        env = {k: v for k, v in os.environ.items() if k not in _UNSET_FOR.get(tool, ())}
        try:
            completed = subprocess.run(
                command, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env
            )
        except OSError as error:
            raise MediaToolMissing(purpose, tool, [f"{tool} ({executable}: {error})"]) from error
        if completed.returncode != 0:
            raise MediaCommandFailed(purpose, command, completed.returncode, completed.stderr)
        return completed.stdout

    def _configured(self, tool: str) -> str | Path | None:
        if tool not in TOOLS:
            raise ValueError(f"unknown media tool {tool!r}; known: {', '.join(TOOLS)}")
        return getattr(self, tool)

    def _where(self, tool: str) -> str:
        configured = self._configured(tool)
        if configured is None or str(configured) == tool:
            return f"{tool} (not on PATH)"
        if Path(configured).name == str(configured):
            return f"{tool} (media.{tool} = {configured}: not on PATH)"
        return f"{tool} (media.{tool} = {configured}: no such executable)"
