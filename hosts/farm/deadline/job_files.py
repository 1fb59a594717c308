"""Deadline 10 job files: ``job_info.job`` and ``plugin_info.job`` for ``deadlinecommand``.

The job renders with Deadline's CommandLine plugin (the host's render command, a chunk's
frames as ``<STARTFRAME>`` and ``<ENDFRAME>``), then its Post-Job Script (a copy of
:mod:`.post_job` written next to the job files) publishes the manifest named in the extra info
``ftpub_manifest``. Submit with ``deadlinecommand job_info.job plugin_info.job``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ftpub.core.config import PathRule
from ftpub.core.publish_data import SEQUENCE_PATTERN, frame_ranges
from ftpub.hosts.farm.deadline import post_job
from ftpub.hosts.farm.job import (
    DEFAULT_CHUNK_SIZE,
    END,
    START,
    FarmJob,
    PreparedJob,
    RenderCommand,
    prepare,
    write_files,
)
from ftpub.hosts.farm.manifest import Manifest
from ftpub.hosts.farm.path_map import to_farm

JOB_INFO_NAME = "job_info.job"
PLUGIN_INFO_NAME = "plugin_info.job"
SCRIPT_NAME = "ftpub_post_job.py"


def _quoted(arg: str) -> str:
    return f'"{arg}"' if not arg or any(c.isspace() for c in arg) else arg


def _lines(values: Sequence[tuple[str, str]]) -> str:
    return "".join(f"{key}={value}\n" for key, value in values)


def job_info(
    job: PreparedJob, manifest: Manifest, rules: Sequence[PathRule], chunk_size: int
) -> str:
    """The job's settings: frames and chunk size, the Post-Job Script, the manifest, outputs."""
    frames = [frame for first, last in job.chunks for frame in range(first, last + 1)]
    outputs = sorted(
        {
            to_farm(representation.path, rules)
            for instance in manifest.instances
            for representation in instance.representations
        }
    )
    values = [
        ("Plugin", "CommandLine"),
        ("Name", job.name),
        ("Comment", manifest.comment),
        ("Frames", frame_ranges(frames).replace(" ", "")),
        ("ChunkSize", str(chunk_size)),
        ("PostJobScript", to_farm(job.manifest_file.with_name(SCRIPT_NAME), rules)),
        ("ExtraInfoKeyValue0", f"{post_job.MANIFEST_KEY}={job.farm_manifest}"),
    ]
    values += [
        (f"OutputFilename{index}", SEQUENCE_PATTERN.sub(lambda m: "#" * int(m[1] or 1), path))
        for index, path in enumerate(outputs)
    ]
    return _lines(values)


def plugin_info(job: PreparedJob) -> str:
    """The CommandLine plugin's settings: the render command, frames as Deadline's tags."""
    executable, *args = job.render_args
    arguments = " ".join(
        _quoted(arg).replace(START, "<STARTFRAME>").replace(END, "<ENDFRAME>") for arg in args
    )
    return _lines([("Executable", executable), ("Arguments", arguments)])


def write_job_files(
    manifest: Manifest,
    command: RenderCommand,
    out_dir: Path,
    rules: Sequence[PathRule] = (),
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    name: str | None = None,
) -> FarmJob:
    """Write the Deadline job of ``manifest`` into ``out_dir``; nothing is written on error."""
    job = prepare(manifest, command, out_dir, rules, chunk_size, name)
    return write_files(
        job,
        {
            JOB_INFO_NAME: job_info(job, manifest, rules, chunk_size),
            PLUGIN_INFO_NAME: plugin_info(job),
            SCRIPT_NAME: Path(post_job.__file__).read_text(encoding="utf-8"),
        },
    )
