"""Fixtures of the Nuke tests: the recording fake of ``nuke``, and publishing into the sandbox."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext, read_shot_attributes, resolve_task
from ftpub.sandbox.testing import SandboxProcess

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


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """The Nuke tests' own sandbox: they add a shot (sh990) that the shared one must not hold."""
    with SandboxProcess(tmp_path_factory.mktemp("nuke_sandbox")) as running:
        yield running


@pytest.fixture(scope="session")
def short_shot_task(sandbox: Any) -> TaskContext:
    """The compositing task of shot sh990, made for these tests: 1001-1005 in ftrack, no
    handles, 24 fps, so a scene of five frames is the shot's range."""
    session = sandbox.session()
    try:
        sequence = session.query('Sequence where name is "sq010" and project.name is "demo"').one()
        shot = session.query(
            'Shot where name is "sh990" and parent.name is "sq010" and project.name is "demo"'
        ).first()
        if shot is None:
            shot = session.create("Shot", {"name": "sh990", "parent": sequence})
            session.commit()
            for key, value in (("fstart", 1001), ("fend", 1005), ("handles", 0), ("fps", 24.0)):
                shot["custom_attributes"][key] = value
            task_type = session.query('Type where name is "Compositing"').one()
            task = session.create(
                "Task", {"name": "compositing", "parent": shot, "type": task_type}
            )
            session.commit()
        else:
            task = session.query(
                'Task where name is "compositing" and parent.name is "sh990"'
            ).one()
        return resolve_task(session, task["id"])
    finally:
        session.close()
