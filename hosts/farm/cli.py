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
from pathlib import Path

from ftpub.core.config import ConfigError, load_config
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import DEFAULT_CHUNK_SIZE, RenderCommand
from ftpub.hosts.farm.manifest import ManifestError, load_manifest
from ftpub.hosts.farm.openjd import write_bundle
from ftpub.hosts.farm.publish_step import run_publish_step

EXIT_OK = 0
EXIT_USAGE = 2


def _bundle(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.show)
        job = write_bundle(
            load_manifest(Path(args.manifest)),
            RenderCommand(tuple(shlex.split(args.render_command)), _scene(args)),
            Path(args.out),
            config.farm.path_map,
            args.chunk_size,
            args.name,
        )
    except (ConfigError, FarmError, ManifestError) as error:
        print(f"ftpub: {error}", file=sys.stderr)
        return EXIT_USAGE
    for path in job.files:
        print(path)
    print(f"ftpub: wrote job bundle '{job.name}' (manifest {job.manifest_id})", file=sys.stderr)
    return EXIT_OK


def _scene(args: argparse.Namespace) -> Path | None:
    return Path(args.scene).expanduser().resolve() if args.scene else None


def _publish(args: argparse.Namespace) -> int:
    return run_publish_step(Path(args.manifest), args.job_name)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ftpub farm bundle`` and ``ftpub farm publish``."""
    farm = subparsers.add_parser("farm", help="render-farm jobs that publish their frames")
    commands = farm.add_subparsers(dest="farm_command", metavar="COMMAND")
    commands.required = True
    bundle = commands.add_parser(
        "bundle", help="write an Open Job Description job bundle", description=__doc__
    )
    bundle.add_argument("--manifest", required=True, help="ftpub manifest of the expected frames")
    bundle.add_argument("--out", required=True, help="bundle folder to write")
    bundle.add_argument(
        "--render-command",
        required=True,
        help="the host's render command; {start} and {end} are a chunk's frames, {scene} the scene",
    )
    bundle.add_argument("--scene", help="the scene file {scene} stands for (path-mapped)")
    bundle.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, help="frames a task")
    bundle.add_argument("--name", help="job name (default: ftpub render <assets>)")
    bundle.add_argument("--show", help="ftrack project name whose config (path_map) applies")
    bundle.set_defaults(func=_bundle)
    publish = commands.add_parser(
        "publish", help="a farm job's publish step: publish once, note the task on failure"
    )
    publish.add_argument("--manifest", required=True, help="the job's ftpub manifest")
    publish.add_argument("--job-name", default="", help="the farm job's name, for the note")
    publish.set_defaults(func=_publish)
