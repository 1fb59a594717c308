"""``ftpub farm``: write render-farm jobs that publish when their renders finish, and run
their publish step.

Exit codes: 0 done (or already published); 2 a manifest, config, path map or ftrack-connection
error; otherwise ``ftpub publish``'s own (3 invalid, 4 failed). The last stderr line is the
error an artist can read.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ftpub.core.config import ConfigError, PathRule, load_config
from ftpub.hosts.farm.deadline.job_files import write_job_files
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import DEFAULT_CHUNK_SIZE, FarmJob, RenderCommand
from ftpub.hosts.farm.manifest import Manifest, ManifestError, load_manifest
from ftpub.hosts.farm.openjd import write_bundle
from ftpub.hosts.farm.publish_step import run_publish_step

EXIT_OK = 0
EXIT_USAGE = 2

Writer = Callable[[Manifest, RenderCommand, Path, Sequence[PathRule], int, str | None], FarmJob]


def _writes(writer: Writer, kind: str) -> Callable[[argparse.Namespace], int]:
    """A command writing ``kind`` with ``writer`` from the shared job arguments."""

    def command(args: argparse.Namespace) -> int:
        scene = Path(args.scene).expanduser().resolve() if args.scene else None
        try:
            job = writer(
                load_manifest(Path(args.manifest)),
                RenderCommand(tuple(shlex.split(args.render_command)), scene),
                Path(args.out),
                load_config(args.show).farm.path_map,
                args.chunk_size,
                args.name,
            )
        except (ConfigError, FarmError, ManifestError) as error:
            print(f"ftpub: {error}", file=sys.stderr)
            return EXIT_USAGE
        for path in job.files:
            print(path)
        print(f"ftpub: wrote {kind} '{job.name}' (manifest {job.manifest_id})", file=sys.stderr)
        return EXIT_OK

    return command


def _publish(args: argparse.Namespace) -> int:
    return run_publish_step(Path(args.manifest), args.job_name)


def _job_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--manifest", required=True, help="ftpub manifest of the expected frames")
    parser.add_argument("--out", required=True, help="folder to write the job into")
    parser.add_argument(
        "--render-command",
        required=True,
        help="the host's render command; {start} and {end} are a chunk's frames, {scene} the scene",
    )
    parser.add_argument("--scene", help="the scene file {scene} stands for (path-mapped)")
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help="frames a task")
    parser.add_argument("--name", help="job name (default: ftpub render <assets>)")
    parser.add_argument("--show", help="ftrack project name whose config (path_map) applies")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ftpub farm bundle``, ``ftpub farm deadline`` and ``ftpub farm publish``."""
    farm = subparsers.add_parser("farm", help="render-farm jobs that publish their frames")
    commands = farm.add_subparsers(dest="farm_command", metavar="COMMAND")
    commands.required = True
    for name, writer, kind, help_text in (
        ("bundle", write_bundle, "job bundle", "write an Open Job Description job bundle"),
        ("deadline", write_job_files, "Deadline job", "write Deadline 10 job files"),
    ):
        parser = commands.add_parser(name, help=help_text, description=__doc__)
        _job_arguments(parser)
        parser.set_defaults(func=_writes(writer, kind))
    publish = commands.add_parser(
        "publish", help="a farm job's publish step: publish once, note the task on failure"
    )
    publish.add_argument("--manifest", required=True, help="the job's ftpub manifest")
    publish.add_argument("--job-name", default="", help="the farm job's name, for the note")
    publish.set_defaults(func=_publish)
