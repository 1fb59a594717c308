"""Deadline 10 job files: ``job_info.job`` and ``plugin_info.job`` for ``deadlinecommand``.

The job renders with Deadline's CommandLine plugin (the host's render command, a chunk's
frames as ``<STARTFRAME>`` and ``<ENDFRAME>``), then its Post-Job Script (a copy of
:mod:`.post_job` written next to the job files) publishes the manifest named in the extra info
``ftpub_manifest``. Submit with ``deadlinecommand job_info.job plugin_info.job``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ftpub.core.publish_data import SEQUENCE_PATTERN, frame_ranges
from ftpub.hosts.farm.deadline import post_job
from ftpub.hosts.farm.job import END, START, JobFormat, PreparedJob

JOB_INFO_NAME = "job_info.job"
PLUGIN_INFO_NAME = "plugin_info.job"
SCRIPT_NAME = "ftpub_post_job.py"


def _quoted(arg: str) -> str:
    return f'"{arg}"' if not arg or any(c.isspace() for c in arg) else arg


def _lines(values: Sequence[tuple[str, str]]) -> str:
    return "".join(f"{key}={value}\n" for key, value in values)


def job_info(job: PreparedJob) -> str:
    """The job's settings: frames and chunk size, the Post-Job Script, the manifest, outputs."""
    frames = [frame for first, last in job.chunks for frame in range(first, last + 1)]
    values = [
        ("Plugin", "CommandLine"),
        ("Name", job.name),
        ("Comment", job.comment),
        ("Frames", frame_ranges(frames).replace(" ", "")),
        ("ChunkSize", str(job.chunk_size)),
        ("PostJobScript", job.farm_file(SCRIPT_NAME)),
        ("ExtraInfoKeyValue0", f"{post_job.MANIFEST_KEY}={job.farm_manifest}"),
    ]
    values += [
        (f"OutputFilename{index}", SEQUENCE_PATTERN.sub(lambda m: "#" * int(m[1] or 1), path))
        for index, path in enumerate(job.outputs)
    ]
    return _lines(values)


def plugin_info(job: PreparedJob) -> str:
    """The CommandLine plugin's settings: the render command, frames as Deadline's tags."""
    executable, *args = job.render_args
    arguments = " ".join(
        _quoted(arg).replace(START, "<STARTFRAME>").replace(END, "<ENDFRAME>") for arg in args
    )
    return _lines([("Executable", executable), ("Arguments", arguments)])


def deadline_files(job: PreparedJob) -> dict[str, str]:
    """The job and plugin info files, and the Post-Job Script, next to the manifest."""
    return {
        JOB_INFO_NAME: job_info(job),
        PLUGIN_INFO_NAME: plugin_info(job),
        SCRIPT_NAME: Path(post_job.__file__).read_text(encoding="utf-8"),
    }


DEADLINE = JobFormat("Deadline job", deadline_files)
write_job_files = DEADLINE.write
