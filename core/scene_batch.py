"""The headless publish of a DCC scene that every host's batch command runs
(``mayapy -m ftpub.hosts.maya.batch SCENE``, ``nuke -t ftpub_batch.py SCRIPT``,
``hython -m ftpub.hosts.houdini.batch HIP``): the same arguments, lines and exit codes, each
host opening its scene its own way.

Each step is a line on stderr, with what the integration did (versions published, farm jobs
written) under it; the last line is the one an artist reads; tracebacks go to the report
(``--report``), not there. Exit codes are ``ftpub publish``'s.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ftpub.core.cli import EXIT_USAGE
from ftpub.core.host import HostAdapter, HostError
from ftpub.core.publish_cli import EXIT_CODES
from ftpub.core.report import last_line, problem_lines, step_line, write_report
from ftpub.core.result import Stage, StepResult
from ftpub.core.scene_publish import publish_scene

#: The log records under a step line: what an integrator says it did.
DONE_LEVEL = logging.getLevelName(logging.INFO)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _step(step: StepResult) -> None:
    _stderr(step_line(step))
    if step.stage is Stage.INTEGRATE:
        for record in step.records:
            if record.level == DONE_LEVEL:
                _stderr(f"     {record.message}")


def run_batch(
    prog: str,
    open_scene: Callable[[Path], HostAdapter],
    argv: Sequence[str] | None = None,
    scene_help: str = "the scene to publish",
) -> int:
    """Parse the batch command line, open its scene with ``open_scene`` (a
    :class:`~ftpub.core.host.HostError` is a usage error) and publish it."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    parser.add_argument("scene", type=Path, help=scene_help)
    parser.add_argument("--comment", default="", help="the versions' comment")
    parser.add_argument("--validate", action="store_true", help="collect and validate only")
    parser.add_argument("--report", type=Path, help="write the result as JSON to this file")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        host = open_scene(args.scene.expanduser().resolve())
    except HostError as error:
        _stderr(f"ftpub: {error}")
        return EXIT_USAGE
    stage = Stage.VALIDATE if args.validate else Stage.INTEGRATE
    result = publish_scene(host, stage, args.comment, _step)
    if args.report is not None:
        write_report(result, args.report)
    for line in problem_lines(result):
        _stderr(line)
    _stderr(f"ftpub: {last_line(result)}")
    return EXIT_CODES[result.outcome]
