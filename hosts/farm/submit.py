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
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ftpub.core.config import Config
from ftpub.core.publish_data import InstanceData
from ftpub.hosts.farm.deadline.job_files import write_job_files
from ftpub.hosts.farm.job import DEFAULT_CHUNK_SIZE, MANIFEST_NAME, FarmJob, RenderCommand
from ftpub.hosts.farm.manifest import Manifest
from ftpub.hosts.farm.openjd import write_bundle

Farm = Literal["openjd", "deadline"]
WRITERS = {"openjd": write_bundle, "deadline": write_job_files}


@dataclass(frozen=True)
class FarmRender:
    """A render the farm makes and then publishes: the task, the comment, the render instances
    with their expected outputs, and the host's render command."""

    task_id: str
    comment: str
    instances: tuple[InstanceData, ...]
    command: RenderCommand


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
    manifest = Manifest(
        out_dir / MANIFEST_NAME,
        render.task_id,
        render.comment,
        render.instances,
        manifest_id=str(uuid.uuid4()),
    )
    return WRITERS[farm](manifest, render.command, out_dir, config.farm.path_map, chunk_size, name)
