"""Fixtures of the Maya tests: the recording fake of Maya, and publishing into the sandbox."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext, read_shot_attributes

FAKES = Path(__file__).parents[2] / "fakes"


@pytest.fixture
def scene(monkeypatch: pytest.MonkeyPatch) -> Any:
    """A fresh fake Maya session (``maya._scene.Scene``), interactive, untitled."""
    monkeypatch.syspath_prepend(str(FAKES))
    fake = importlib.import_module("maya._scene")
    return fake.reset()


@pytest.fixture
def host(scene: Any) -> Any:
    from ftpub.hosts.maya.api import MayaHost

    return MayaHost()


@pytest.fixture
def shot_scene(scene: Any, anim_task: TaskContext, ftrack: Any, tmp_path: Path) -> Any:
    """A saved scene of sh010's animation task, its time as ftrack says (when it says)."""
    shot = read_shot_attributes(ftrack, anim_task)
    frames = shot.frame_range()
    if frames is not None:
        frames = frames.widened(shot.handles or 0)
        scene.min_time, scene.max_time = float(frames.start), float(frames.end)
    if shot.fps is not None:
        scene.fps = shot.fps
    path = tmp_path / "work" / "sh010_anim_v001.ma"
    path.parent.mkdir()
    path.write_text("//Maya ASCII scene (fake)\n", encoding="utf-8")
    scene.scene_name = str(path)
    scene.file_info["ftpubTaskId"] = anim_task.task_id
    scene.loaded_plugins.add("AbcExport")
    return scene
