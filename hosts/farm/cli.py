"""``ftpub farm``: write render-farm jobs that publish when their renders finish, and run
their publish step.

Exit codes: 0 done (or already published); 2 a manifest, config, path map or ftrack-connection
error; otherwise ``ftpub publish``'s own (3 invalid, 4 failed). The last stderr line is the
error an artist can read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ftpub.hosts.farm.publish_step import run_publish_step


def _publish(args: argparse.Namespace) -> int:
    return run_publish_step(Path(args.manifest), args.job_name)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ftpub farm publish``."""
    farm = subparsers.add_parser("farm", help="render-farm jobs that publish their frames")
    commands = farm.add_subparsers(dest="farm_command", metavar="COMMAND")
    commands.required = True
    publish = commands.add_parser(
        "publish", help="a farm job's publish step: publish once, note the task on failure"
    )
    publish.add_argument("--manifest", required=True, help="the job's ftpub manifest")
    publish.add_argument("--job-name", default="", help="the farm job's name, for the note")
    publish.set_defaults(func=_publish)
