"""Every Maya family from marked sets in the fake scene, collected → validated → extracted →
published into the sandbox; and the failures that must publish nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pyblish.api
import pyblish.plugin
import pytest

from ftpub.core.config import load_config
from ftpub.core.discovery import discover
from ftpub.core.result import Outcome, PublishResult
from ftpub.core.scene_publish import publish_scene
from ftpub.hosts.maya import marks
from tests.hosts.published import published_components


def _rig(scene: Any) -> None:
    scene.add("|hero_GRP|body_GEO", "mesh")
    scene.add("|hero_GRP|eyes_GEO", "mesh")
    scene.add("|twin_GRP|body_GEO", "mesh")
    scene.add("|shotCam", "camera")


def _mark(host: Any, family: str, members: list[str], **values: Any) -> str:
    frames = host.frame_range()
    return host.mark(
        f"hero_{family}_SET", members, {**marks.mark_values(family, "hero", frames), **values}
    )


FAMILIES = [
    ("model", ["|hero_GRP"], ("hero", "geo"), {"ma", "abc"}),
    ("pointcache", ["|hero_GRP"], ("hero", "cache"), {"abc"}),
    ("animation", ["|hero_GRP"], ("hero", "anim"), {"abc"}),
    ("camera", ["|shotCam"], ("hero", "cam"), {"abc", "ma"}),
]


@pytest.mark.parametrize(("family", "members", "asset", "components"), FAMILIES)
def test_a_family_is_published_with_the_workfile(
    host: Any,
    shot_scene: Any,
    publishing: Path,
    ftrack: Any,
    family: str,
    members: list[str],
    asset: tuple[str, str],
    components: set[str],
) -> None:
    _rig(shot_scene)
    _mark(host, family, members)
    shot_scene.modified = False
    result = publish_scene(host, comment="blocking")
    assert result.outcome is Outcome.PUBLISHED, result.error
    published = published_components(ftrack, result)
    assert published[asset] == components
    assert published[("animation", "scene")] == {"ma"}
    published_files = {path.suffix for path in publishing.rglob("*") if path.is_file()}
    assert {f".{name}" for name in components} <= published_files


def test_the_exports_staging_folders_are_removed_after_the_publish(
    host: Any,
    shot_scene: Any,
    publishing: Path,
    ftrack: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    _rig(shot_scene)
    _mark(host, "model", ["|hero_GRP"])
    shot_scene.modified = False
    result = publish_scene(host, comment="blocking")
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert {path.suffix for path in publishing.rglob("*") if path.is_file()} >= {".ma", ".abc"}
    assert list(temporary.iterdir()) == []


def test_the_alembic_job_and_scene_export_carry_the_exact_flags(
    host: Any, shot_scene: Any, publishing: Path
) -> None:
    _rig(shot_scene)
    _mark(host, "camera", ["|shotCam"])
    shot_scene.modified = False
    shot_scene.selection = ["|hero_GRP|body_GEO"]
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    [abc] = shot_scene.mutations("AbcExport")
    start, end = int(shot_scene.min_time), int(shot_scene.max_time)
    staged = abc.kwargs["jobArg"].rsplit('-file "', 1)[1].rstrip('"')
    assert abc.kwargs == {
        "jobArg": f"-frameRange {start} {end} -uvWrite -worldSpace -writeVisibility "
        f'-dataFormat ogawa -root |shotCam -file "{staged}"'
    }
    assert Path(staged).name == "hero_camera_SET.abc"
    assert not Path(staged).is_relative_to(Path(shot_scene.scene_name).parent)
    [export] = [call for call in shot_scene.mutations("file") if call.kwargs.get("exportSelected")]
    assert export.kwargs == {
        "force": True,
        "type": "mayaAscii",
        "exportSelected": True,
        "preserveReferences": False,
        "constructionHistory": True,
        "shader": True,
        "constraints": True,
        "expressions": True,
    }
    selections = [call.args for call in shot_scene.mutations("select")]
    assert selections == [(["|shotCam"],), (["|hero_GRP|body_GEO"],)]


def test_a_review_is_a_playblast_through_the_sets_camera(
    host: Any, shot_scene: Any, publishing: Path, ftrack: Any
) -> None:
    _rig(shot_scene)
    _mark(host, "review", ["|shotCam"], ftpubFrameStart=1001, ftpubFrameEnd=1012)
    shot_scene.modified = False
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    [blast] = shot_scene.mutations("playblast")
    staged = blast.kwargs["filename"]
    assert blast.kwargs == {
        "editorPanelName": "modelPanel5",
        "format": "image",
        "compression": "png",
        "filename": staged,
        "startTime": 1001,
        "endTime": 1012,
        "framePadding": 4,
        "widthHeight": (1920, 1080),
        "percent": 100,
        "quality": 100,
        "viewer": False,
        "showOrnaments": False,
        "offScreen": True,
        "forceOverwrite": True,
    }
    assert shot_scene.mutations("modelPanel")[0].kwargs == {
        "camera": "|shotCam",
        "menuBarVisible": False,
    }
    assert [(c.args, c.kwargs) for c in shot_scene.mutations("deleteUI")] == [
        (("window1",), {"window": True})
    ]
    assert published_components(ftrack, result)[("hero", "review")] == {"png", "ftrackreview-mp4"}
    [review] = [v for v in result.versions if v.asset_name == "hero"]
    version = ftrack.get("AssetVersion", review.asset_version_id)
    assert version["thumbnail_id"]


def test_a_local_render_publishes_each_layers_images(
    host: Any, shot_scene: Any, publishing: Path, ftrack: Any, tmp_path: Path
) -> None:
    images = tmp_path / "images"
    images.mkdir()
    for frame in range(1001, 1006):
        (images / f"beauty.{frame:04d}.exr").write_bytes(b"exr")
    shot_scene.add_render_layer("rs_beauty", [str(images / "beauty.%04d.exr")])
    shot_scene.add_render_layer("rs_off", ["/nowhere.%04d.exr"], renderable=False)
    _mark(host, "render", [], ftpubFrameStart=1001, ftpubFrameEnd=1005)
    shot_scene.modified = False
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert published_components(ftrack, result)[("hero", "render")] == {"rs_beauty"}


def _mark_saved(scene: Any, host: Any, family: str, members: list[str]) -> None:
    _mark(host, family, members)
    scene.modified = False


def _mark_ghost(scene: Any, host: Any) -> None:
    """A set holding a node that is not in the scene (a referenced node gone missing)."""
    _mark_saved(scene, host, "model", ["|hero_GRP"])
    scene.nodes["hero_model_SET"].members.append("|ghost_GEO")


def _failure(result: PublishResult) -> tuple[str, str]:
    assert len(result.failures) == 1, [(f.plugin, f.error.line()) for f in result.failures]
    [failure] = result.failures
    return failure.plugin, failure.error.title


def test_a_missing_alembic_plugin_is_loaded_only_on_request(
    host: Any, shot_scene: Any, publishing: Path
) -> None:
    _rig(shot_scene)
    _mark(host, "pointcache", ["|hero_GRP"])
    shot_scene.modified = False
    shot_scene.loaded_plugins.clear()
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert _failure(result) == ("ValidateAlembicPlugin", "AbcExport not loaded")
    assert shot_scene.mutations("loadPlugin") == []

    discovery = discover("maya", load_config(None, {}), None, {})
    validator = next(f.plugin for f in discovery.plugins if f.name == "ValidateAlembicPlugin")
    context = pyblish.api.Context()
    context.data["host"] = host
    [repair] = validator.actions
    assert pyblish.plugin.process(validator, context, None, action=repair.id)["error"] is None
    [load] = shot_scene.mutations("loadPlugin")
    assert (load.args, load.kwargs) == (("AbcExport",), {"quiet": True})
    assert publish_scene(host).outcome is Outcome.PUBLISHED


@pytest.mark.parametrize(
    ("change", "failure"),
    [
        (lambda s, h: _mark_saved(s, h, "model", []), ("ValidateMembers", "Empty set")),
        (lambda s, h: setattr(s, "linear_unit", "m"), ("ValidateLinearUnit", "Wrong linear unit")),
        (
            lambda s, h: _mark_saved(s, h, "pointcache", ["|hero_GRP", "|twin_GRP"]),
            ("ValidateUniqueNames", "Duplicate names"),
        ),
        (lambda s, h: _mark_ghost(s, h), ("ValidateMembers", "Missing nodes")),
        (lambda s, h: setattr(s, "modified", True), ("ValidateSceneSaved", "Unsaved changes")),
        (lambda s, h: setattr(s, "scene_name", ""), ("ValidateSceneSaved", "Scene not saved")),
        (
            lambda s, h: _mark_saved(s, h, "review", ["|hero_GRP"]),
            ("ValidateCamera", "One camera needed"),
        ),
    ],
)
def test_invalid_scenes_publish_nothing_and_change_nothing(
    host: Any, shot_scene: Any, publishing: Path, change: Any, failure: tuple[str, str]
) -> None:
    _rig(shot_scene)
    shot_scene.modified = False
    change(shot_scene, host)
    before = len(shot_scene.calls)
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.INVALID, ())
    assert _failure(result) == failure
    assert shot_scene.calls[before:] == []
    assert not publishing.exists()


@pytest.mark.parametrize(
    ("attribute", "value", "problem"),
    [
        ("ftpubFrameStart", "1001", "'ftpubFrameStart' must be int, is '1001'"),
        ("ftpubFamily", "lookdev", "unknown family 'lookdev' (known: model, pointcache"),
    ],
)
def test_a_badly_marked_set_is_a_problem_naming_it(
    host: Any, shot_scene: Any, publishing: Path, attribute: str, value: str, problem: str
) -> None:
    _rig(shot_scene)
    node = _mark(host, "pointcache", ["|hero_GRP"])
    shot_scene.nodes[node].attributes[attribute] = value
    shot_scene.modified = False
    result = publish_scene(host)
    assert result.outcome is Outcome.INVALID
    assert _failure(result) == ("CollectPublishables", "The scene's products cannot be read")
    assert result.failures[0].error.description.startswith(f"the ftpub set '{node}': ")
    assert problem in result.failures[0].error.description


def test_an_export_that_raises_rolls_back_and_publishes_nothing(
    host: Any, shot_scene: Any, publishing: Path, ftrack: Any
) -> None:
    _rig(shot_scene)
    _mark(host, "pointcache", ["|hero_GRP"], ftpubAsset="crashtest")
    shot_scene.modified = False
    shot_scene.failures["AbcExport"] = RuntimeError("AbcExport: disk full")
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.FAILED, ())
    assert _failure(result) == ("ExtractAlembic", "Export Alembic failed")
    assert result.error.description == "AbcExport: disk full"
    assert ftrack.query('select id from Asset where name is "crashtest"').all() == []
    assert not publishing.exists()


def test_inactive_sets_are_not_published(host: Any, shot_scene: Any, publishing: Path) -> None:
    _rig(shot_scene)
    _mark(host, "pointcache", ["|hero_GRP"], ftpubActive=False)
    shot_scene.modified = False
    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED
    assert [version.asset_name for version in result.versions] == ["animation"]
    assert shot_scene.mutations("AbcExport") == []


def test_without_a_task_the_publish_does_not_start(host: Any, scene: Any, publishing: Path) -> None:
    result = publish_scene(host)
    assert (result.outcome, result.steps) == (Outcome.NOT_STARTED, ())
    assert result.error.description.startswith("the scene has no ftrack task: pick one with")


def test_the_model_alembic_is_one_frame(host: Any, shot_scene: Any, publishing: Path) -> None:
    _rig(shot_scene)
    _mark(host, "model", ["|hero_GRP"])
    shot_scene.modified = False
    assert publish_scene(host).outcome is Outcome.PUBLISHED
    start = int(shot_scene.min_time)
    assert f"-frameRange {start} {start} " in shot_scene.mutations("AbcExport")[0].kwargs["jobArg"]


def test_an_unwritable_publish_root_publishes_nothing(
    host: Any, shot_scene: Any, publishing: Path, ftrack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = publishing.parent / "not-a-folder"
    blocked.write_text("a file where the publish root should be", encoding="utf-8")
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(blocked))
    _rig(shot_scene)
    _mark(host, "pointcache", ["|hero_GRP"], ftpubAsset="blockedroot")
    shot_scene.modified = False
    result = publish_scene(host)
    assert (result.outcome, result.versions) == (Outcome.FAILED, ())
    assert _failure(result)[0] == "IntegrateFtrack"
    assert result.error.description.startswith("Transferring files failed: Could not write ")
    assert result.error.description.endswith(
        "Nothing of this publish was kept: ftrack and the publish folder are as they were before."
    )
    assert ftrack.query('select id from Asset where name is "blockedroot"').all() == []
