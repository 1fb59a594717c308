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
from collections.abc import Callable
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2
#: Sub-command -> its help (each writes one job format).
KINDS = {
    "bundle": "write an Open Job Description job bundle",
    "deadline": "write Deadline 10 job files",
}
DESCRIPTION = (
    "Write a render-farm job whose last step publishes the rendered frames "
    "(ftpub farm publish). Exit codes: 0 done (or already published); 2 a manifest, config, "
    "path map or ftrack-connection error; otherwise those of ftpub publish (3 invalid, "
    "4 failed)."
)


def _writes(kind: str) -> Callable[[argparse.Namespace], int]:
    """A command writing a job of ``kind`` (a key of :data:`KINDS`) from the shared job
    arguments; the writers are imported only when the command runs."""

    def command(args: argparse.Namespace) -> int:
        from ftpub.core.config import ConfigError, load_config
        from ftpub.hosts.farm.deadline.job_files import DEADLINE
        from ftpub.hosts.farm.errors import FarmError
        from ftpub.hosts.farm.job import DEFAULT_CHUNK_SIZE, RenderCommand
        from ftpub.hosts.farm.manifest import ManifestError, load_manifest
        from ftpub.hosts.farm.openjd import OPENJD

        job_format = {"bundle": OPENJD, "deadline": DEADLINE}[kind]
        scene = Path(args.scene).expanduser().resolve() if args.scene else None
        try:
            job = job_format.write(
                load_manifest(Path(args.manifest)),
                RenderCommand(tuple(shlex.split(args.render_command)), scene),
                Path(args.out),
                load_config(args.show).farm.path_map,
                args.chunk_size or DEFAULT_CHUNK_SIZE,
                args.name,
            )
        except (ConfigError, FarmError, ManifestError) as error:
            print(f"ftpub: {error}", file=sys.stderr)
            return EXIT_USAGE
        for path in job.files:
            print(path)
        label = job_format.label
        print(f"ftpub: wrote {label} '{job.name}' (manifest {job.manifest_id})", file=sys.stderr)
        return EXIT_OK

    return command


def _publish(args: argparse.Namespace) -> int:
    from ftpub.hosts.farm.publish_step import run_publish_step

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
    parser.add_argument("--chunk-size", type=int, help="frames a task (default: 10)")
    parser.add_argument("--name", help="job name (default: ftpub render <assets>)")
    parser.add_argument("--show", help="ftrack project name whose config (path_map) applies")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ftpub farm bundle``, ``ftpub farm deadline`` and ``ftpub farm publish``."""
    farm = subparsers.add_parser("farm", help="render-farm jobs that publish their frames")
    commands = farm.add_subparsers(dest="farm_command", metavar="COMMAND")
    commands.required = True
    for name, help_text in KINDS.items():
        parser = commands.add_parser(name, help=help_text, description=DESCRIPTION)
        _job_arguments(parser)
        parser.set_defaults(func=_writes(name))
    publish = commands.add_parser(
        "publish", help="a farm job's publish step: publish once, note the task on failure"
    )
    publish.add_argument("--manifest", required=True, help="the job's ftpub manifest")
    publish.add_argument("--job-name", default="", help="the farm job's name, for the note")
    publish.set_defaults(func=_publish)
