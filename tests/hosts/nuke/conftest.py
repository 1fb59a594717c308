"""Fixtures of the Nuke tests: the recording fake of ``nuke``, and publishing into the sandbox."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext, read_shot_attributes

FAKES = Path(__file__).parents[2] / "fakes"


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A fresh fake Nuke session (``nuke._script.Script``), interactive, untitled."""
    monkeypatch.syspath_prepend(str(FAKES))
    fake = importlib.import_module("nuke._script")
    return fake.reset()


@pytest.fixture
def host(script: Any) -> Any:
    from ftpub.hosts.nuke.api import NukeHost

    return NukeHost()


@pytest.fixture
def publishing(sandbox: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The sandbox's credentials in the environment, no studio config; returns the publish
    root."""
    for name in ("FTPUB_CONFIG", "PYBLISHPLUGINPATH", "FTRACK_TASKID", "FTRACK_CONTEXTID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in sandbox.connection.env().items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "publish"
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(root))
    yield root


@pytest.fixture
def shot_script(script: Any, short_shot_task: TaskContext, ftrack: Any, tmp_path: Path) -> Any:
    """A saved script of sh990's compositing task, its range and fps as ftrack says."""
    shot = read_shot_attributes(ftrack, short_shot_task)
    frames = shot.frame_range()
    if frames is not None:
        frames = frames.widened(shot.handles or 0)
        script.root["first_frame"]._value = frames.start
        script.root["last_frame"]._value = frames.end
    if shot.fps is not None:
        script.root["fps"]._value = shot.fps
    path = tmp_path / "work" / "sh990_comp_v001.nk"
    path.parent.mkdir()
    script.save(str(path))
    from ftpub.hosts.nuke.api import NukeHost

    NukeHost().store_task_id(short_shot_task.task_id)
    script.save(str(path))
    script.calls.clear()
    return script
