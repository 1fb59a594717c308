"""Repairs run only when the artist asks, as the publish window runs them: set the frame range
from ftrack, then save the hip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftpub.core import actions
from ftpub.core.config import load_config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import discover
from ftpub.core.hooks import plugin_manager
from ftpub.core.result import Outcome, Stage
from ftpub.core.runner import Run, start
from ftpub.core.scene_publish import publish_scene
from tests.hosts.houdini.test_publish import rop


def _validate(host: Any, task: TaskContext, ftrack: Any) -> Run:
    config = load_config(task.project_name)
    hooks = plugin_manager()
    run = start(
        discover("houdini", config, hooks),
        host,
        task,
        config,
        host.targets,
        "",
        Stage.VALIDATE,
        session=ftrack,
        hooks=hooks,
    )
    assert isinstance(run, Run)
    while run.step() is not None:
        pass
    return run


def _offers(run: Run) -> dict[str, actions.Offer]:
    return {offer.label: offer for offer in actions.available(run.plugins, run.steps)}


def test_the_range_and_the_save_are_repaired_on_request_only(
    host: Any, shot_hip: Any, publishing: Path, ftrack: Any, anim_task: TaskContext
) -> None:
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    shot_hip.frame_range = (1001.0, 1100.0)
    before = len(shot_hip.calls)
    run = _validate(host, anim_task, ftrack)
    assert run.result().outcome is Outcome.INVALID
    assert {f.plugin for f in run.failures} == {"ValidateFrameRange", "ValidateRopFrameRange"}
    assert shot_hip.calls[before:] == []
    offers = _offers(run)
    assert "Save the scene" not in offers

    repaired = actions.run_action(offers["Set the ROPs' ranges from ftrack"], run.context)
    assert repaired.error is None
    assert [(c.command, c.args) for c in shot_hip.calls[before:]] == [
        ("parm.set", ("/out/geo1/trange", "normal")),
        ("parm.deleteAllKeyframes", ("/out/geo1/f1",)),
        ("parm.set", ("/out/geo1/f1", 993)),
        ("parm.deleteAllKeyframes", ("/out/geo1/f2",)),
        ("parm.set", ("/out/geo1/f2", 1108)),
    ]
    before = len(shot_hip.calls)
    repaired = actions.run_action(offers["Set the frame range from ftrack"], run.context)
    assert repaired.error is None
    assert [(c.command, c.args) for c in shot_hip.calls[before:]] == [
        ("playbar.setFrameRange", (993, 1108)),
        ("playbar.setPlaybackRange", (993, 1108)),
    ]

    run = _validate(host, anim_task, ftrack)
    assert [(f.plugin, f.error.title) for f in run.failures] == [
        ("ValidateSceneSaved", "Unsaved changes")
    ]
    assert shot_hip.mutations("hipFile.save") == []
    saved = actions.run_action(_offers(run)["Save the scene"], run.context)
    assert saved.error is None
    [save] = shot_hip.mutations("hipFile.save")
    assert (save.args, save.kwargs) == ((None,), {"save_to_recent_files": True})

    result = publish_scene(host)
    assert result.outcome is Outcome.PUBLISHED, result.error
    [render] = shot_hip.mutations("render")
    assert render.kwargs["frame_range"] == (993, 1108, 1)


def test_the_range_repair_says_when_ftrack_has_no_range(
    host: Any,
    session: Any,
    publishing: Path,
    ftrack: Any,
    modeling_task: TaskContext,
    tmp_path: Path,
) -> None:
    session.save_as(tmp_path / "hero_fx.hip")
    rop(host, session, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    run = _validate(host, modeling_task, ftrack)
    assert run.result().outcome is Outcome.VALIDATED
    offer = actions.Offer(run.plugins[0], _range_action(run))
    repaired = actions.run_action(offer, run.context)
    assert repaired.error is not None
    assert repaired.error.title == "No range in ftrack"
    assert session.mutations("playbar.setFrameRange") == []


def _range_action(run: Run) -> Any:
    [plugin] = [p for p in run.plugins if p.__name__ == "ValidateRopFrameRange"]
    [action] = plugin.actions
    return action
