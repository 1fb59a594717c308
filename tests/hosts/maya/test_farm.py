"""Render target ``farm`` from Maya: the publish validates here, publishes the scene, and writes
a farm job whose render step is ``Render -r file -rl LAYERS -s START -e END -proj PROJECT
SCENE`` and whose last step publishes every renderable layer's images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.result import Outcome
from ftpub.core.scene_publish import publish_scene
from tests.hosts.farm_jobs import (
    jobs_in,
    manifest,
    openjd_run,
    published_from,
    standin,
    step_commands,
    studio_config,
)
from tests.hosts.maya.test_publish import _failure, _mark
from tests.hosts.published import published_components


def _layers(scene: Any, images: Path) -> None:
    scene.add_render_layer("rs_beauty", [f"{images}/beauty/beauty.%04d.exr"])
    scene.add_render_layer(
        "rs_spec", [f"{images}/spec/spec.%04d.exr", f"{images}/spec/spec_direct.%04d.exr"]
    )
    scene.add_render_layer("rs_off", ["/nowhere.%04d.exr"], renderable=False)


def _jobs(scene: Any) -> list[Path]:
    return jobs_in(Path(scene.scene_name).parent / "farm")


def test_a_farm_render_publishes_the_scene_and_writes_an_openjd_job(
    host: Any, shot_scene: Any, publishing: Path, ftrack: Any, anim_task: Any
) -> None:
    images = Path(shot_scene.scene_name).parent / "images"
    _layers(shot_scene, images)
    _mark(host, "render", [], ftpubFrameStart=1001, ftpubFrameEnd=1005, ftpubTarget="farm")
    shot_scene.modified = False

    result = publish_scene(host, comment="first light")

    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result) == {("animation", "scene"): {"ma"}}
    [job] = _jobs(shot_scene)
    scene = shot_scene.scene_name
    assert step_commands(job)["Render"] == [
        *("Render", "-r", "file", "-rl", "rs_beauty,rs_spec"),
        *("-s", "{{Task.Param.ChunkStart}}", "-e", "{{Task.Param.ChunkEnd}}"),
        *("-proj", str(Path(scene).parent), scene),
    ]
    table = manifest(job)
    assert (table["task_id"], table["comment"]) == (anim_task.task_id, "first light")
    [instance] = table["instances"]
    assert (instance["name"], instance["asset"], instance["family"]) == (
        "hero_render_SET",
        "hero",
        "render",
    )
    assert [(r["name"], r["path"], r["frames"]) for r in instance["representations"]] == [
        ("rs_beauty", f"{images}/beauty/beauty.%04d.exr", "1001-1005"),
        ("rs_spec_1", f"{images}/spec/spec.%04d.exr", "1001-1005"),
        ("rs_spec_2", f"{images}/spec/spec_direct.%04d.exr", "1001-1005"),
    ]


def test_the_project_and_scene_are_where_the_farm_sees_them(
    host: Any, shot_scene: Any, publishing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = Path(shot_scene.scene_name).parent
    shot_scene.workspace = str(tmp_path / "project")
    _layers(shot_scene, tmp_path / "project" / "images")
    _mark(host, "render", [], ftpubFrameStart=1001, ftpubFrameEnd=1002, ftpubTarget="farm")
    shot_scene.modified = False
    studio_config(
        monkeypatch,
        tmp_path,
        f"""
        [farm]
        path_map = [
          {{ from = "{tmp_path}", to = "/mnt/shows/demo" }},
          {{ from = "{work}", to = "/mnt/work" }},
        ]
        [plugins.CollectFarmJob]
        executables = {{ maya = "/usr/autodesk/maya2025/bin/Render" }}
        """,
    )
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [job] = _jobs(shot_scene)
    render = step_commands(job)["Render"]
    assert render[0] == "/usr/autodesk/maya2025/bin/Render"
    assert render[-3:] == ["-proj", "/mnt/shows/demo/project", "/mnt/work/sh010_anim_v001.ma"]
    paths = [r["path"] for r in manifest(job)["instances"][0]["representations"]]
    assert paths[0] == "/mnt/shows/demo/project/images/beauty/beauty.%04d.exr"


def test_without_a_renderable_layer_nothing_goes_to_the_farm(
    host: Any, shot_scene: Any, publishing: Path
) -> None:
    shot_scene.add_render_layer("rs_off", ["/nowhere.%04d.exr"], renderable=False)
    _mark(host, "render", [], ftpubTarget="farm")
    shot_scene.modified = False
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert _failure(result) == ("CollectRenderOutputs", "Nothing to render")
    assert _jobs(shot_scene) == []


def test_an_unsaved_scene_writes_no_farm_job(host: Any, shot_scene: Any, publishing: Path) -> None:
    _layers(shot_scene, Path(shot_scene.scene_name).parent / "images")
    _mark(host, "render", [], ftpubTarget="farm")
    result = publish_scene(host)
    assert result.outcome is Outcome.INVALID
    assert _failure(result) == ("ValidateSceneSaved", "Unsaved changes")
    assert _jobs(shot_scene) == []


def test_the_bundle_renders_every_layer_and_publishes_the_images(
    host: Any,
    shot_scene: Any,
    publishing: Path,
    ftrack: Any,
    sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    images = Path(shot_scene.scene_name).parent / "images"
    for layer in ("rs_beauty", "rs_fog"):
        shot_scene.add_render_layer(layer, [f"{images}/{layer}/{layer}.%04d.exr"])
    _mark(host, "render", [], ftpubFrameStart=1001, ftpubFrameEnd=1004, ftpubTarget="farm")
    shot_scene.modified = False
    studio_config(monkeypatch, tmp_path, "[plugins.CollectFarmJob]\nchunk_size = 3\n")
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [job] = _jobs(shot_scene)
    renderer = standin(tmp_path / "bin", "Render", "maya.render_command")

    code, output, calls = openjd_run(job, sandbox, publishing, renderer, "FAKE_MAYA_CALLS")

    assert code == 0, output
    project, scene = str(Path(shot_scene.scene_name).parent), shot_scene.scene_name
    assert calls == [
        ["-r", "file", "-rl", "rs_beauty,rs_fog", "-s", start, "-e", end, "-proj", project, scene]
        for start, end in (("1001", "1003"), ("1004", "1004"))
    ]
    [version] = published_from(ftrack, job)
    assert (version["asset"]["name"], version["is_published"]) == ("hero", True)
    assert {component["name"] for component in version["components"]} == {"rs_beauty", "rs_fog"}
    assert len(list(publishing.rglob("hero_v*.exr"))) == 8
