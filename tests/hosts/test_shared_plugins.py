"""ftpub's shared plugins against the in-memory host: they reach the scene only through
``context.data["host"]``, and ftrack only through the real client against the sandbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyblish.api
import pyblish.plugin
import pytest

from ftpub.core.config import load_config
from ftpub.core.context import ShotAttributes, TaskContext, read_shot_attributes
from ftpub.core.discovery import discover
from ftpub.core.host import FrameRange, Publishable
from ftpub.core.result import Outcome, PublishResult, Stage
from ftpub.core.runner import Run, publish, run, start
from tests.hosts.memory_host import MemoryHost

TASK = TaskContext("t1", "animation", "s1", "sh010", "Shot", "p1", "demo")


def _discovery() -> Any:
    discovery = discover("memory", load_config(None, {}), None, {})
    assert discovery.problems == ()
    return discovery


def _plugin(name: str) -> type[pyblish.api.Plugin]:
    return next(found.plugin for found in _discovery().plugins if found.name == name)


def _validate(host: MemoryHost, task: TaskContext = TASK, session: Any = None) -> PublishResult:
    config = load_config(None, {})
    return publish(
        _discovery(), host, task, config, host.targets, last_stage=Stage.VALIDATE, session=session
    )


def _records(result: PublishResult, plugin: str) -> list[str]:
    return [r.message for s in result.steps if s.plugin == plugin for r in s.records]


def test_an_untitled_scene_is_not_published(tmp_path: Path) -> None:
    result = _validate(MemoryHost())
    assert result.outcome is Outcome.INVALID
    assert [(s.plugin, s.error.title) for s in result.failures] == [
        ("ValidateSceneSaved", "Scene not saved")
    ]
    assert all(step.instance is None for step in result.steps)


def test_unsaved_changes_are_saved_only_when_the_artist_asks(tmp_path: Path) -> None:
    scene = tmp_path / "shot.ma"
    scene.write_text("scene", encoding="utf-8")
    host = MemoryHost(scene=scene, modified=True)
    started = start(_discovery(), host, TASK, load_config(None, {}), host.targets)
    assert isinstance(started, Run)
    while started.step() is not None:
        pass
    result = started.result()
    assert result.outcome is Outcome.INVALID
    [failure] = result.failures
    assert (failure.plugin, failure.error.title) == ("ValidateSceneSaved", "Unsaved changes")
    assert host.calls == []

    validator = _plugin("ValidateSceneSaved")
    [repair] = validator.actions
    outcome = pyblish.plugin.process(validator, started.context, None, action=repair.id)
    assert outcome["error"] is None
    assert host.calls == [("save", scene)]
    assert (_validate(host).outcome, host.modified) == (Outcome.VALIDATED, False)


def test_a_saved_scene_is_collected_as_the_workfile(tmp_path: Path) -> None:
    scene = tmp_path / "shot.ma"
    scene.write_text("scene", encoding="utf-8")
    context = pyblish.api.Context()
    context.data.update(host=MemoryHost(scene=scene), task=TASK)
    result = run([_plugin("CollectWorkfile"), _plugin("CheckPublishData")], context, ("local",))
    assert result.outcome is Outcome.PUBLISHED
    [instance] = context
    assert (instance.name, instance.data["family"], instance.data["asset_name"]) == (
        "workfile",
        "workfile",
        "animation",
    )
    assert instance.data["asset_type"] == "scene"
    [representation] = instance.data["representations"]
    assert (representation.name, representation.path) == ("ma", scene)


def test_shared_scene_plugins_run_only_for_a_publish_from_a_scene(tmp_path: Path) -> None:
    farm_like = MemoryHost(targets=("default", "farm"))
    result = _validate(farm_like)
    assert result.outcome is Outcome.VALIDATED
    ran = {step.plugin for step in result.steps}
    assert "CollectPublishables" in ran
    assert not ran & {
        "CollectWorkfile",
        "CollectShotAttributes",
        "ValidateSceneSaved",
        "ValidateFrameRange",
        "ValidateFps",
    }


def _check(
    plugin: str, host: MemoryHost, shot: ShotAttributes, **settings: object
) -> PublishResult:
    validator = _plugin(plugin)
    for key, value in settings.items():
        setattr(validator, key, value)
    context = pyblish.api.Context()
    context.data.update(host=host, shot_attributes=shot)
    return run([validator], context, ("local",), Stage.VALIDATE)


SHOT = ShotAttributes("Shot sh010", fstart=1011, fend=1090, handles=10, fps=25.0)


def test_the_frame_range_is_the_shots_with_its_handles() -> None:
    host = MemoryHost(frames=FrameRange(1001, 1100))
    assert _check("ValidateFrameRange", host, SHOT).outcome is Outcome.VALIDATED
    result = _check("ValidateFrameRange", host, SHOT, with_handles=False)
    assert result.outcome is Outcome.INVALID
    assert result.error.title == "Wrong frame range"
    assert result.error.description.startswith(
        "The scene runs 1001-1100; Shot sh010 is 1011-1090 in ftrack (fstart-fend)."
    )


def test_a_frame_range_off_by_a_handle_fails_naming_both_ranges() -> None:
    result = _check("ValidateFrameRange", MemoryHost(frames=FrameRange(1011, 1090)), SHOT)
    assert result.outcome is Outcome.INVALID
    assert result.error.description.startswith(
        "The scene runs 1011-1090; Shot sh010 is 1001-1100 in ftrack (fstart-fend with 10 handles)"
    )


def test_without_handles_in_ftrack_the_range_is_compared_without() -> None:
    shot = ShotAttributes("Shot sh010", fstart=1001, fend=1100)
    result = _check("ValidateFrameRange", MemoryHost(frames=FrameRange(1001, 1100)), shot)
    assert result.outcome is Outcome.VALIDATED
    assert _records(result, "ValidateFrameRange")[0] == (
        "Shot sh010 has no 'handles' in ftrack: compared without"
    )


def test_the_fps_is_the_shots() -> None:
    assert _check("ValidateFps", MemoryHost(rate=25.0), SHOT).outcome is Outcome.VALIDATED
    result = _check("ValidateFps", MemoryHost(rate=24.0), SHOT)
    assert result.outcome is Outcome.INVALID
    assert result.error.line() == (
        "Wrong fps: The scene plays at 24 fps; Shot sh010 is 25 fps in ftrack."
    )


@pytest.mark.parametrize("plugin", ["ValidateFrameRange", "ValidateFps"])
def test_each_check_is_skipped_with_a_note_without_its_attribute(plugin: str) -> None:
    result = _check(plugin, MemoryHost(frames=FrameRange(1, 2), rate=12.0), ShotAttributes("X"))
    assert result.outcome is Outcome.VALIDATED
    [note] = _records(result, plugin)
    assert note.startswith("Skipped: X has no ")


def test_without_custom_attributes_in_ftrack_both_checks_are_skipped(
    ftrack: Any, modeling_task: TaskContext, tmp_path: Path
) -> None:
    assert read_shot_attributes(ftrack, modeling_task) == ShotAttributes("AssetBuild hero")
    scene = tmp_path / "hero.ma"
    scene.write_text("scene", encoding="utf-8")
    result = _validate(MemoryHost(scene=scene), modeling_task, ftrack)
    assert result.outcome is Outcome.VALIDATED
    assert _records(result, "ValidateFrameRange") == [
        "Skipped: AssetBuild hero has no 'fstart' and 'fend' custom attributes in ftrack"
    ]
    assert _records(result, "ValidateFps") == [
        "Skipped: AssetBuild hero has no 'fps' custom attribute in ftrack"
    ]


def test_a_scene_instance_that_extraction_leaves_empty_publishes_nothing(
    sandbox: Any, anim_task: TaskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ftpub.core.publish_data import InstanceData

    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(tmp_path / "publish"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    for name, value in sandbox.env().items():
        monkeypatch.setenv(name, value)
    asset = f"empty_{tmp_path.name[-6:]}"
    scene = tmp_path / "shot.ma"
    scene.write_text("scene", encoding="utf-8")
    host = MemoryHost(
        scene=scene,
        marked=[Publishable(InstanceData("empty", "model", asset, "geo"))],
    )
    session = sandbox.session()
    try:
        shot = read_shot_attributes(session, anim_task)
        host.frames = FrameRange(shot.fstart - shot.handles, shot.fend + shot.handles)
        config = load_config(None, {"FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")})
        discovery = _discovery()
        plugins = [found.name for found in discovery.plugins]
        result = publish(discovery, host, anim_task, config, host.targets, session=session)
        assert "IntegrateFtrack" in plugins
        assert result.outcome is Outcome.FAILED
        assert result.error is not None
        assert (result.error.title, result.error.description) == (
            "Nothing to publish",
            "empty: extraction made no file to publish",
        )
        assert session.query(f'Asset where name is "{asset}"').all() == []
    finally:
        session.close()
