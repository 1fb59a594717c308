"""``mayapy -m ftpub.hosts.maya.batch SCENE [--validate] [--comment TEXT] [--report FILE]``:
start Maya, open a scene and publish its active products, headless (see
:mod:`ftpub.core.scene_batch`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.scene_batch import run_batch
from ftpub.hosts.maya.api import MayaHost


def _open(scene: Path) -> MayaHost:
    host = MayaHost()
    host.start_standalone()
    host.open_scene(scene)
    return host


def main(argv: Sequence[str] | None = None) -> int:
    return run_batch("mayapy -m ftpub.hosts.maya.batch", _open, argv, "the Maya scene to publish")


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # Maya may crash while it tears down; the publish is over.
