"""Render mode ``farm`` from Houdini: the publish validates the ROP here, publishes the hip, and
writes a farm job whose render step is ``hrender -e -f START END -d ROP HIP`` and whose last
step publishes the ROP's frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.result import Outcome
from ftpub.core.scene_publish import publish_scene
from tests.hosts.farm_jobs import (
    job_info,
    jobs_in,
    manifest,
    openjd_run,
    published_from,
    standin,
    step_commands,
    studio_config,
)
from tests.hosts.houdini.conftest import FAKE
from tests.hosts.houdini.test_publish import failure, rop
from tests.hosts.published import published_components


def _jobs(session: Any) -> list[Path]:
    return jobs_in(Path(session.hip_path).parent / "farm")


@pytest.mark.parametrize(
    ("node", "type_name"), [("/out/karma1", "karma"), ("/stage/karma1", "usdrender_rop")]
)
def test_a_farm_rop_publishes_the_hip_and_writes_an_openjd_job(
    host: Any,
    shot_hip: Any,
    publishing: Path,
    ftrack: Any,
    anim_task: Any,
    node: str,
    type_name: str,
) -> None:
    rop(host, shot_hip, node, type_name, "$HIP/render/$OS.$F4.exr", ftpub_render_mode="farm")
    result = publish_scene(host, comment="lookdev")

    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result) == {("animation", "scene"): {"hip"}}
    assert shot_hip.mutations("render") + shot_hip.mutations("parm.pressButton") == []
    [job] = _jobs(shot_hip)
    assert step_commands(job)["Render"] == [
        *("hrender", "-e", "-f", "{{Task.Param.ChunkStart}}", "{{Task.Param.ChunkEnd}}"),
        *("-d", node, shot_hip.hip_path),
    ]
    table = manifest(job)
    folder = Path(shot_hip.hip_path).parent / "render"
    assert (table["task_id"], table["comment"]) == (anim_task.task_id, "lookdev")
    assert table["instances"] == [
        {
            "name": node.strip("/").replace("/", "_"),
            "family": "render",
            "asset": "hero",
            "asset_type": "render",
            "frame_start": 993,
            "frame_end": 1108,
            "representations": [
                {
                    "name": "exr",
                    "path": f"{folder}/karma1.%04d.exr",
                    "frames": "993-1108",
                    "tags": ["review"],
                }
            ],
        }
    ]


def test_deadline_job_files_and_the_studios_hrender(
    host: Any, shot_hip: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rop(host, shot_hip, "/out/mantra1", "ifd", "$HIP/r/$OS.$F4.exr", ftpub_render_mode="farm")
    jobs = tmp_path / "jobs"
    studio_config(
        monkeypatch,
        tmp_path,
        f"""
        [plugins.CollectFarmJob]
        farm = "deadline"
        jobs_root = "{jobs}"
        chunk_size = 50
        executables = {{ houdini = "/opt/hfs21.0/bin/hrender", nuke = "Nuke15.1" }}
        """,
    )
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [job] = jobs_in(jobs)
    assert job.name.startswith("sh010_fx_v001.out_mantra1.")
    assert job_info(job, "plugin_info.job") == {
        "Executable": "/opt/hfs21.0/bin/hrender",
        "Arguments": f"-e -f <STARTFRAME> <ENDFRAME> -d /out/mantra1 {shot_hip.hip_path}",
    }
    info = job_info(job, "job_info.job")
    assert (info["Frames"], info["ChunkSize"], info["Plugin"]) == ("993-1108", "50", "CommandLine")


def test_a_single_file_rop_is_not_rendered_on_the_farm(
    host: Any, shot_hip: Any, publishing: Path
) -> None:
    rop(host, shot_hip, "/out/abc1", "alembic", "$HIP/abc/$OS.abc", ftpub_render_mode="farm")
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert failure(result) == ("ValidateFarmJob", "Not a frame sequence")
    assert _jobs(shot_hip) == []


def test_a_farm_rop_with_a_bad_output_is_refused_before_any_job(
    host: Any, shot_hip: Any, publishing: Path
) -> None:
    rop(host, shot_hip, "/out/karma1", "karma", "$HIP/render/beauty.exr", ftpub_render_mode="farm")
    result = publish_scene(host)
    assert failure(result) == ("ValidateRopOutput", "Bad output path")
    assert _jobs(shot_hip) == []


def test_the_bundle_renders_the_rop_and_publishes_its_frames_with_a_review(
    host: Any,
    shot_hip: Any,
    publishing: Path,
    ftrack: Any,
    sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rop(host, shot_hip, "/out/karma1", "karma", "$HIP/render/$OS.$F4.exr", ftpub_render_mode="farm")
    shot_hip.nodes["/out/karma1"].parms["f1"].set(1001)
    shot_hip.nodes["/out/karma1"].parms["f2"].set(1006)
    shot_hip.unsaved = False
    studio_config(
        monkeypatch,
        tmp_path,
        """
        [plugins.CollectFarmJob]
        chunk_size = 4
        [plugins.ValidateRopFrameRange]
        enabled = false
        """,
    )
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [job] = _jobs(shot_hip)
    renderer = standin(tmp_path / "bin", "hrender", "hou.hrender", FAKE)

    code, output, calls = openjd_run(job, sandbox, publishing, renderer, "FAKE_HRENDER_CALLS")

    assert code == 0, output
    assert calls == [
        ["-e", "-f", start, end, "-d", "/out/karma1", shot_hip.hip_path]
        for start, end in (("1001", "1004"), ("1005", "1006"))
    ]
    [version] = published_from(ftrack, job)
    assert (version["asset"]["name"], version["is_published"]) == ("hero", True)
    assert {component["name"] for component in version["components"]} == {
        "exr",
        "ftrackreview-mp4",
    }
