"""What a DCC host calls when a ``render`` instance has render mode ``farm``.

After validating locally, the host hands over the render instances (their representations are
the expected outputs, each sequence with its frames) and its render command;
:func:`submit_render` writes the manifest (with a new ``manifest_id``) and the job whose last
step publishes it, for Open Job Description (submit with ``deadline bundle submit DIR``) or
Deadline 10 (``deadlinecommand job_info.job plugin_info.job``)::

    job = submit_render(
        FarmRender(task_id, comment, instances, RenderCommand(
            ("Render", "-s", "{start}", "-e", "{end}", "-rl", layer, "{scene}"), scene)),
        out_dir, config, farm="openjd")

:func:`check_render` checks the same without writing anything (the hosts' validation), and
:func:`mapped_command` turns a host's render command, whose paths are :class:`PurePath`
objects, into the farm's (each path remapped by the ``[farm] path_map``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal, get_args

from ftpub.core.config import Config, PathRule
from ftpub.core.publish_data import InstanceData
from ftpub.hosts.farm.deadline.job_files import DEADLINE
from ftpub.hosts.farm.job import (
    DEFAULT_CHUNK_SIZE,
    MANIFEST_NAME,
    FarmJob,
    JobFormat,
    RenderCommand,
    prepare,
)
from ftpub.hosts.farm.manifest import Manifest
from ftpub.hosts.farm.openjd import OPENJD
from ftpub.hosts.farm.path_map import to_farm

Farm = Literal["openjd", "deadline"]
FARMS: tuple[Farm, ...] = get_args(Farm)
FORMATS: dict[Farm, JobFormat] = {"openjd": OPENJD, "deadline": DEADLINE}
#: A render command's argument: text, or a path the farm sees through the path map.
CommandArg = str | PurePath


@dataclass(frozen=True)
class FarmRender:
    """A render the farm makes and then publishes: the task, the comment, the render instances
    with their expected outputs, and the host's render command."""

    task_id: str
    comment: str
    instances: tuple[InstanceData, ...]
    command: RenderCommand


def mapped_command(args: Sequence[CommandArg], rules: Sequence[PathRule]) -> RenderCommand:
    """The render command as the farm runs it: each path argument through the path map;
    raise :class:`~ftpub.hosts.farm.errors.FarmError` for a path no rule covers."""
    return RenderCommand(
        tuple(to_farm(arg, rules) if isinstance(arg, PurePath) else arg for arg in args)
    )


def _manifest(render: FarmRender, out_dir: Path, manifest_id: str) -> Manifest:
    return Manifest(
        out_dir / MANIFEST_NAME, render.task_id, render.comment, render.instances, manifest_id
    )


def check_render(
    render: FarmRender,
    out_dir: Path,
    config: Config,
    farm: Farm = "openjd",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> None:
    """Raise :class:`~ftpub.hosts.farm.errors.FarmError` when :func:`submit_render` would:
    the job's files are made in memory, and nothing is written."""
    manifest = _manifest(render, out_dir, "check")
    FORMATS[farm].files(
        prepare(manifest, render.command, out_dir, config.farm.path_map, chunk_size)
    )


def submit_render(
    render: FarmRender,
    out_dir: Path,
    config: Config,
    farm: Farm = "openjd",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    name: str | None = None,
) -> FarmJob:
    """Write the manifest and the ``farm`` job of ``render`` into ``out_dir``, paths mapped by
    ``config``'s ``[farm] path_map``; raise :class:`~ftpub.hosts.farm.errors.FarmError` (and
    write nothing) when the job cannot be made."""
    manifest = _manifest(render, out_dir, str(uuid.uuid4()))
    return FORMATS[farm].write(
        manifest, render.command, out_dir, config.farm.path_map, chunk_size, name
    )
