"""Open Job Description job bundles (what AWS Deadline Cloud runs, and ``openjd run`` locally).

A bundle is a folder: ``template.yaml`` (a ``Render`` step of frame chunks running the host's
render command, then a ``Publish`` step running ``ftpub farm publish``), ``parameter_values.yaml``
(Deadline Cloud's ``parameterValues`` list) and the ``manifest.json`` the job publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ftpub.core.config import PathRule
from ftpub.hosts.farm.errors import FarmError
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

SPECIFICATION = "jobtemplate-2023-09"
TEMPLATE_NAME = "template.yaml"
PARAMETERS_NAME = "parameter_values.yaml"
MANIFEST_PARAMETER = "ManifestFile"
MAX_TASKS = 1024
"""OpenJD's limit on a task parameter's list of values."""


def _literal(text: str, what: str) -> str:
    """``text`` as it is: OpenJD would read ``{{`` as the start of a format string."""
    if "{{" in text or "}}" in text:
        raise FarmError(f"the {what} cannot hold '{{{{' or '}}}}' (OpenJD): {text!r}")
    return text


def _openjd_args(args: Sequence[str]) -> list[str]:
    start, end = "{{Task.Param.ChunkStart}}", "{{Task.Param.ChunkEnd}}"
    return [_literal(arg, "render command").replace(START, start).replace(END, end) for arg in args]


def template(job: PreparedJob) -> dict[str, Any]:
    """The job template: frame-chunked render tasks, then the publish that depends on them."""
    if len(job.chunks) > MAX_TASKS:
        raise FarmError(
            f"{len(job.chunks)} render tasks; OpenJD allows {MAX_TASKS}: raise the chunk size"
        )
    render = _openjd_args(job.render_args)
    return {
        "specificationVersion": SPECIFICATION,
        "name": _literal(job.name, "job name"),
        "parameterDefinitions": [
            {
                "name": MANIFEST_PARAMETER,
                "type": "PATH",
                "objectType": "FILE",
                "dataFlow": "IN",
                "description": "The ftpub manifest this job renders and publishes.",
            }
        ],
        "steps": [
            {
                "name": "Render",
                "parameterSpace": {
                    "taskParameterDefinitions": [
                        {"name": "ChunkStart", "type": "INT", "range": [s for s, _ in job.chunks]},
                        {"name": "ChunkEnd", "type": "INT", "range": [e for _, e in job.chunks]},
                    ],
                    "combination": "(ChunkStart, ChunkEnd)",
                },
                "script": {"actions": {"onRun": {"command": render[0], "args": render[1:]}}},
            },
            {
                "name": "Publish",
                "dependencies": [{"dependsOn": "Render"}],
                "script": {
                    "actions": {
                        "onRun": {
                            "command": "ftpub",
                            "args": [
                                "farm",
                                "publish",
                                "--manifest",
                                f"{{{{Param.{MANIFEST_PARAMETER}}}}}",
                                "--job-name",
                                job.name,
                            ],
                        }
                    }
                },
            },
        ],
    }


def write_bundle(
    manifest: Manifest,
    command: RenderCommand,
    out_dir: Path,
    rules: Sequence[PathRule] = (),
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    name: str | None = None,
) -> FarmJob:
    """Write the job bundle of ``manifest`` into ``out_dir``; nothing is written on error."""
    job = prepare(manifest, command, out_dir, rules, chunk_size, name)
    values = {"parameterValues": [{"name": MANIFEST_PARAMETER, "value": job.farm_manifest}]}
    return write_files(
        job,
        {
            TEMPLATE_NAME: yaml.safe_dump(template(job), sort_keys=False),
            PARAMETERS_NAME: yaml.safe_dump(values, sort_keys=False),
        },
    )
