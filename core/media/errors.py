"""What goes wrong making media: a tool that is missing, a tool that fails, a bad source."""

from __future__ import annotations

import shlex
from collections.abc import Sequence


class MediaError(Exception):
    """Making or reading a thumbnail, review movie or media info failed; the message says why."""


class MediaToolMissing(MediaError):
    """None of the tools that could do a job was found; says where each was looked for."""

    def __init__(self, purpose: str, needed: str, not_found: Sequence[str]) -> None:
        self.purpose = purpose
        self.not_found = tuple(not_found)
        super().__init__(
            f"{purpose} needs {needed}; not found: {'; '.join(not_found)}. "
            "Install them (Debian: apt-get install ffmpeg openimageio-tools) or point "
            "media.ffmpeg / media.ffprobe / media.oiiotool in the studio config at them."
        )


class MediaCommandFailed(MediaError):
    """A tool exited non-zero; keeps the command and the last lines of its error output."""

    def __init__(self, purpose: str, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.purpose = purpose
        self.command = tuple(command)
        self.returncode = returncode
        self.stderr_tail = stderr_tail(stderr)
        super().__init__(
            f"{purpose} failed: {self.command[0]} exited with {returncode}\n"
            f"  command: {shlex.join(self.command)}\n"
            + "\n".join(f"  | {line}" for line in self.stderr_tail)
        )


def stderr_tail(stderr: str, lines: int = 10) -> tuple[str, ...]:
    """The last non-blank ``lines`` of a tool's error output."""
    return tuple(line for line in stderr.splitlines() if line.strip())[-lines:]
