"""``mayapy -m ftpub.hosts.maya.batch SCENE``: publish a scene's active products, headless.

Exit codes are ``ftpub publish``'s; the last line on stderr is the one an artist reads.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.cli import EXIT_USAGE
from ftpub.core.host import HostError
from ftpub.core.publish_cli import EXIT_CODES
from ftpub.core.report import last_line, step_line
from ftpub.core.result import Stage
from ftpub.core.scene_publish import publish_scene
from ftpub.hosts.maya.api import MayaHost


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mayapy -m ftpub.hosts.maya.batch", description=__doc__)
    parser.add_argument("scene", type=Path, help="the Maya scene to publish")
    parser.add_argument("--comment", default="", help="the versions' comment")
    parser.add_argument("--validate", action="store_true", help="collect and validate only")
    args = parser.parse_args(argv)
    host = MayaHost()
    host.start_standalone()
    try:
        host.open_scene(args.scene.expanduser().resolve())
    except HostError as error:
        _stderr(f"ftpub: {error}")
        return EXIT_USAGE
    stage = Stage.VALIDATE if args.validate else Stage.INTEGRATE
    result = publish_scene(host, stage, args.comment, lambda step: _stderr(step_line(step)))
    _stderr(f"ftpub: {last_line(result)}")
    return EXIT_CODES[result.outcome]


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # Maya may crash while it tears down; the publish is over.
