"""The startup and the ftpub menu in the fake Maya: built once, deferred, only with a UI;
Create… marks the selection; Set task… stores a task ftrack knows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext
from ftpub.core.result import Outcome
from ftpub.hosts.maya import menu, startup

ITEMS = [
    "ftpubMenu|Create",
    "ftpubMenu|Create|model…",
    "ftpubMenu|Create|pointcache…",
    "ftpubMenu|Create|animation…",
    "ftpubMenu|Create|camera…",
    "ftpubMenu|Create|review…",
    "ftpubMenu|Create|render…",
    "ftpubMenu|Set task…",
    "ftpubMenu|Validate…",
    "ftpubMenu|Publish…",
]


def _items(scene: Any) -> list[str]:
    return [path for path, _ in scene.menus["ftpubMenu"]]


def _run(scene: Any, path: str) -> None:
    command = dict(scene.menus["ftpubMenu"])[path]
    command(False)


def test_the_menu_is_built_deferred_and_rebuilt_not_duplicated(scene: Any) -> None:
    startup.install()
    assert scene.menus == {}
    [deferred] = scene.deferred
    deferred()
    assert _items(scene) == ITEMS
    [built] = scene.mutations("menu")
    assert (built.args, built.kwargs) == (
        ("ftpubMenu",),
        {"label": "ftpub", "parent": "MayaWindow", "tearOff": True},
    )
    startup.install()
    scene.deferred[-1]()
    assert _items(scene) == ITEMS
    assert [(c.args, c.kwargs) for c in scene.mutations("deleteUI")] == [
        (("ftpubMenu",), {"menu": True})
    ]


def test_no_menu_in_batch_or_mayapy(scene: Any) -> None:
    scene.batch = True
    startup.install()
    assert (scene.deferred, scene.menus, scene.calls) == ([], {}, [])


def test_create_marks_the_selection_as_a_product(scene: Any, host: Any) -> None:
    scene.add("|hero_GRP|body_GEO", "mesh")
    scene.selection = ["|hero_GRP"]
    scene.answers = ["hero"]
    startup.install()
    scene.deferred[0]()
    _run(scene, "ftpubMenu|Create|pointcache…")
    assert scene.dialogs == [("Create pointcache", "Asset name in ftrack:")]
    [created] = scene.mutations("sets")
    assert (created.args, created.kwargs) == ((["|hero_GRP"],), {"name": "hero_pointcache_SET"})
    node = scene.nodes["hero_pointcache_SET"]
    assert node.members == ["|hero_GRP"]
    assert node.attributes == {
        "ftpubFamily": "pointcache",
        "ftpubAsset": "hero",
        "ftpubAssetType": "cache",
        "ftpubActive": True,
        "ftpubTask": "",
        "ftpubFrameStart": 1001,
        "ftpubFrameEnd": 1100,
    }
    assert [(c.args, c.kwargs) for c in scene.mutations("addAttr")][:2] == [
        (("hero_pointcache_SET",), {"longName": "ftpubFamily", "dataType": "string"}),
        (("hero_pointcache_SET",), {"longName": "ftpubAsset", "dataType": "string"}),
    ]
    [publishable] = host.publishables()
    assert (publishable.node, publishable.data.frame_start) == ("hero_pointcache_SET", 1001)


def test_create_cancelled_or_misnamed_marks_nothing(scene: Any, host: Any) -> None:
    scene.answers = [None, "9 lives"]
    assert menu.create(host, "model") is None
    assert menu.create(host, "model") is None
    assert scene.dialogs[-1] == (
        "Create model",
        "'9 lives' is not an asset name: a letter, then letters, digits or '_'.",
    )
    assert scene.calls == []


def test_set_task_stores_a_task_ftrack_knows(
    scene: Any, host: Any, publishing: Path, anim_task: TaskContext
) -> None:
    scene.answers = [anim_task.task_id]
    assert menu.set_task(host) == anim_task.task_id
    [stored] = scene.mutations("fileInfo")
    assert stored.args == ("ftpubTaskId", anim_task.task_id)
    assert host.stored_task_id() == anim_task.task_id
    assert scene.dialogs[-1] == (
        "ftpub: Set task",
        "This scene publishes to demo / sh010 / animation.",
    )


def test_set_task_refuses_an_unknown_task_and_keeps_the_scene(
    scene: Any, host: Any, publishing: Path
) -> None:
    scene.answers = ["0000-not-a-task"]
    assert menu.set_task(host) is None
    assert scene.mutations("fileInfo") == []
    title, message = scene.dialogs[-1]
    assert (title, message.split(":")[0]) == ("ftpub: Set task", "The task was not set")
    assert "0000-not-a-task" in message


def test_validate_shows_the_result_in_a_dialog(
    scene: Any, host: Any, publishing: Path, anim_task: TaskContext
) -> None:
    scene.add("|hero_GRP|body_GEO", "mesh")
    host.mark("hero_SET", ["|hero_GRP"], {"ftpubFamily": "model", "ftpubAsset": "hero"})
    scene.file_info["ftpubTaskId"] = anim_task.task_id
    result = menu.open_publish(host, validate_only=True)
    assert result is not None
    assert result.outcome is Outcome.INVALID
    assert scene.dialogs[-1] == (
        "ftpub",
        "Not published: fix these problems, then publish again.\n"
        "- scene: Scene not saved: The scene has never been saved. Save it in your work "
        "folder, then publish.\n"
        "- hero_SET: AbcExport not loaded: Maya's Alembic export plug-in is not loaded: "
        "the repair loads it (or Windows > Settings/Preferences > Plug-in Manager).\n"
        "- scene: Wrong frame range: The scene runs 1001-1100; Shot sh010 is 993-1108 in "
        "ftrack (fstart-fend with 8 handles). Set the scene's range, or ask production to "
        "correct ftrack.",
    )


def test_publish_opens_the_window_parented_to_mayas_main_window(
    qtbot: Any,
    scene: Any,
    host: Any,
    publishing: Path,
    anim_task: TaskContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qtpy import QtWidgets

    from ftpub.core import ui
    from ftpub.hosts.maya.api import MAIN_WINDOW

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    maya_window = QtWidgets.QMainWindow()
    maya_window.setObjectName(MAIN_WINDOW)
    qtbot.addWidget(maya_window)
    scene.file_info["ftpubTaskId"] = anim_task.task_id
    try:
        window = menu.open_publish(host, validate_only=False)
        assert window is ui.show()
        assert window.parent() is maya_window
        assert window.publisher.host is host
        assert scene.dialogs == []
    finally:
        if ui._window is not None:
            ui._window.close()
            ui._window.deleteLater()
        ui._window = None
