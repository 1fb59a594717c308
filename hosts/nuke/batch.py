"""The batch publish (``nuke -t ftpub_batch.py SCRIPT.nk``): open a script, publish its active
Write nodes and the script, and return ``ftpub publish``'s exit code.

The last line on stderr is the one an artist reads; tracebacks go to the report, not there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.cli import EXIT_USAGE
from ftpub.core.host import HostError
from ftpub.core.publish_cli import EXIT_CODES
from ftpub.core.report import last_line, problem_lines, step_line, write_report
from ftpub.core.result import Stage
from ftpub.core.scene_publish import publish_scene
from ftpub.hosts.nuke.api import NukeHost


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nuke -t ftpub_batch.py", description=__doc__)
    parser.add_argument("script", type=Path, help="the Nuke script to publish")
    parser.add_argument("--comment", default="", help="the versions' comment")
    parser.add_argument("--validate", action="store_true", help="collect and validate only")
    parser.add_argument("--report", type=Path, help="write the result as JSON to this file")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    host = NukeHost()
    try:
        host.open_script(args.script.expanduser().resolve())
    except HostError as error:
        _stderr(f"ftpub: {error}")
        return EXIT_USAGE
    stage = Stage.VALIDATE if args.validate else Stage.INTEGRATE
    result = publish_scene(host, stage, args.comment, lambda step: _stderr(step_line(step)))
    if args.report is not None:
        write_report(result, args.report)
    for line in problem_lines(result):
        _stderr(line)
    _stderr(f"ftpub: {last_line(result)}")
    return EXIT_CODES[result.outcome]
