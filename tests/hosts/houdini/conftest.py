"""Fixtures of the Houdini tests: the recording fake of ``hou``, and publishing into the sandbox."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext, read_shot_attributes

FAKE = Path(__file__).parents[2] / "fakes" / "houdini"


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A fresh fake Houdini session (``hou._session.Session``), with a UI, untitled."""
    monkeypatch.syspath_prepend(str(FAKE))
    return importlib.import_module("hou._session").reset()


@pytest.fixture
def host(session: Any) -> Any:
    from ftpub.hosts.houdini.api import HoudiniHost

    return HoudiniHost()


@pytest.fixture
def shot_hip(session: Any, anim_task: TaskContext, ftrack: Any, tmp_path: Path) -> Any:
    """A saved hip of sh010's animation task, its frame range as ftrack says (with handles)."""
    shot = read_shot_attributes(ftrack, anim_task)
    frames = shot.frame_range()
    assert frames is not None
    frames = frames.widened(shot.handles or 0)
    session.frame_range = session.playback_range = (float(frames.start), float(frames.end))
    session.frame = float(frames.start)
    session.save_as(tmp_path / "work" / "sh010_fx_v001.hip")
    session.nodes["/"].user_data["ftpub_task_id"] = anim_task.task_id
    return session
