"""The task picker reads projects and tasks from the sandbox through the real ftrack client."""

from __future__ import annotations

from typing import Any

import pytest
from qtpy import QtCore

from ftpub.core.ftrack.session import open_session
from ftpub.core.ui.picker import TaskPicker
from ftpub.core.ui.tracker import Node, task_context

from .helpers import open_window

TIMEOUT_MS = 30_000


def _visible_tasks(picker: TaskPicker) -> list[str]:
    found = []
    for item in picker._items.values():
        node = item.data(0, QtCore.Qt.ItemDataRole.UserRole)
        if node.is_task and not item.isHidden():
            found.append(f"{picker._nodes[node.parent_id].name}/{node.name}")
    return sorted(found)


def _open_demo(qtbot: Any, picker: TaskPicker) -> None:
    qtbot.waitUntil(lambda: picker.tree.topLevelItemCount() > 0, timeout=TIMEOUT_MS)
    demo = next(
        picker.tree.topLevelItem(i)
        for i in range(picker.tree.topLevelItemCount())
        if picker.tree.topLevelItem(i).text(0) == "demo"
    )
    demo.setExpanded(True)
    qtbot.waitUntil(lambda: demo.childCount() > 0 and demo.child(0).text(0) != "Loading…")


@pytest.mark.usefixtures("ftrack_env")
def test_a_task_picked_by_search_becomes_the_windows_task_and_is_remembered(qtbot: Any) -> None:
    window = open_window(qtbot)
    assert window.task_label.text() == "No task chosen"
    picker = window.pick_task()
    _open_demo(qtbot, picker)
    assert not picker.ok_button.isEnabled()
    qtbot.keyClicks(picker.search, "sh020 light")
    assert _visible_tasks(picker) == ["sh020/lighting"]
    task_id = next(
        node.id
        for node in picker._nodes.values()
        if node.name == "lighting" and picker._nodes[node.parent_id].name == "sh020"
    )
    picker.select(task_id)
    assert picker.ok_button.isEnabled()
    qtbot.mouseClick(picker.ok_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.task_label.text() == "demo / sh020 / lighting"
    assert window.publisher.task is not None
    assert window.publisher.task.task_id == task_id
    assert window.publisher.task.parent_type == "Shot"

    window.close()
    again = open_window(qtbot)
    assert again.task_label.text() == "demo / sh020 / lighting"


@pytest.mark.usefixtures("ftrack_env")
def test_only_a_task_can_be_chosen(qtbot: Any) -> None:
    picker = TaskPicker(open_session)
    qtbot.addWidget(picker)
    _open_demo(qtbot, picker)
    shot = next(node for node in picker._nodes.values() if node.name == "sh010")
    picker.select(shot.id)
    assert not picker.ok_button.isEnabled()
    picker.accept()
    assert picker.chosen is None
    assert picker.message.text() == "Choose a task (not a shot or a folder)."


def test_ftrack_unreachable_while_picking_is_a_message_and_a_retry(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FTRACK_SERVER", "http://127.0.0.1:9")
    monkeypatch.setenv("FTRACK_API_USER", "artist")
    monkeypatch.setenv("FTRACK_API_KEY", "not-a-real-key")
    window = open_window(qtbot)
    picker = window.pick_task()
    assert picker.message.text() == "Connecting to ftrack…"
    qtbot.keyClicks(picker.search, "sh010")
    assert picker.search.text() == "sh010"
    qtbot.waitUntil(lambda: picker.retry.isVisible(), timeout=TIMEOUT_MS)
    assert picker.message.text().startswith("Cannot read ftrack: cannot reach ftrack at")
    assert "not-a-real-key" not in picker.message.text()
    assert picker.tree.topLevelItemCount() == 0
    qtbot.mouseClick(picker.retry, QtCore.Qt.MouseButton.LeftButton)
    assert picker.message.text() == "Connecting to ftrack…"
    assert not picker.retry.isVisible()


def test_nodes_make_a_task_context() -> None:
    project = Node("p", "demo", "Project", "Project", None, "p", "demo")
    shot = Node("s", "sh010", "Shot", "Shot", "p", "p", "demo")
    task = Node("t", "comp", "Task", "Task", "s", "p", "demo")
    context = task_context(task, {node.id: node for node in (project, shot, task)})
    assert (context.parent_name, context.parent_type, context.project_name) == (
        "sh010",
        "Shot",
        "demo",
    )
