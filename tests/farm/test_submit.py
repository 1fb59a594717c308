"""The API the DCC hosts call for a ``render`` instance in render mode ``farm``, driven from a
manifest's instances: it writes the manifest and the job, and the job publishes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.config import FarmSettings, PathRule, load_config
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.job import RenderCommand
from ftpub.hosts.farm.manifest import load_manifest
from ftpub.hosts.farm.submit import FarmRender, submit_render
from tests.farm.conftest import Shot
from tests.farm.test_openjd_run import openjd_run


def _render(shot: Shot, command: RenderCommand) -> FarmRender:
    expected = load_manifest(shot.manifest())
    return FarmRender(expected.task_id, "lit on the farm", expected.instances, command)


def test_an_openjd_job_from_the_host_renders_and_publishes(
    shot: Shot, tmp_path: Path, versions_of: Any
) -> None:
    out = tmp_path / "job"

    job = submit_render(
        _render(shot, RenderCommand(shot.render_args())), out, load_config(None, {})
    )

    assert [path.name for path in job.files] == [
        "manifest.json",
        "template.yaml",
        "parameter_values.yaml",
    ]
    assert load_manifest(job.manifest_file).manifest_id == job.manifest_id
    run = openjd_run(shot, out)
    assert run.code == 0, run.output
    [(_, _, published)] = versions_of(job.manifest_id)
    assert published is True


def test_a_deadline_job_from_the_host(shot: Shot, tmp_path: Path) -> None:
    config = load_config(None, {})
    command = RenderCommand(("nuke", "-F", "{start}-{end}", "-x", "{scene}"), tmp_path / "a.nk")

    job = submit_render(_render(shot, command), tmp_path / "job", config, "deadline", 5)

    assert [path.name for path in job.files] == [
        "manifest.json",
        "job_info.job",
        "plugin_info.job",
        "ftpub_post_job.py",
    ]
    assert "ChunkSize=5\n" in (tmp_path / "job" / "job_info.job").read_text(encoding="utf-8")


def test_two_submissions_are_two_manifests(shot: Shot, tmp_path: Path) -> None:
    render = _render(shot, RenderCommand(("r", "{start}", "{end}")))
    config = load_config(None, {})

    first = submit_render(render, tmp_path / "a", config)
    second = submit_render(render, tmp_path / "b", config)

    assert first.manifest_id != second.manifest_id


def test_a_path_map_that_does_not_match_writes_nothing(shot: Shot, tmp_path: Path) -> None:
    config = replace(load_config(None, {}), farm=FarmSettings(path_map=(PathRule("/x", "/y"),)))

    with pytest.raises(FarmError, match="is in none of the folders of the farm path map"):
        submit_render(
            _render(shot, RenderCommand(("r", "{start}", "{end}"))), tmp_path / "j", config
        )

    assert not (tmp_path / "j").exists()
