"""``hython -m ftpub.hosts.houdini.batch FILE.hip [--validate] [--comment TEXT] [--report FILE]``:
load a hip file and publish its active products, headless (see
:mod:`ftpub.core.scene_batch`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.scene_batch import run_batch
from ftpub.hosts.houdini.api import HoudiniHost


def _open(hip: Path) -> HoudiniHost:
    host = HoudiniHost()
    host.open_scene(hip)
    return host


def main(argv: Sequence[str] | None = None) -> int:
    return run_batch("hython -m ftpub.hosts.houdini.batch", _open, argv, "the hip file to publish")


if __name__ == "__main__":
    sys.exit(main())
