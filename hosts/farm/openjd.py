"""Open Job Description job bundles (what AWS Deadline Cloud runs, and ``openjd run`` locally).

A bundle is a folder: ``template.yaml`` (a ``Render`` step of frame chunks running the host's
render command, then a ``Publish`` step running ``ftpub farm publish``), ``parameter_values.yaml``
(Deadline Cloud's ``parameterValues`` list) and the ``manifest.json`` the job publishes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import END, START, JobFormat, PreparedJob

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
    publish = list(job.publish_args(f"{{{{Param.{MANIFEST_PARAMETER}}}}}"))
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
                "script": {"actions": {"onRun": {"command": publish[0], "args": publish[1:]}}},
            },
        ],
    }


def bundle_files(job: PreparedJob) -> dict[str, str]:
    """The template and Deadline Cloud's parameter values, next to the manifest."""
    values = {"parameterValues": [{"name": MANIFEST_PARAMETER, "value": job.farm_manifest}]}
    return {
        TEMPLATE_NAME: yaml.safe_dump(template(job), sort_keys=False),
        PARAMETERS_NAME: yaml.safe_dump(values, sort_keys=False),
    }


OPENJD = JobFormat("job bundle", bundle_files)
write_bundle = OPENJD.write
