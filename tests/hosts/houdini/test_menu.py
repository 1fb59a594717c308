"""The ftpub menu's items against the fake: Create… on the selected ROPs, Set task…, and
Validate… / Publish… opening the publish window (pytest-qt, offscreen)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext
from ftpub.core.result import Outcome
from tests.hosts.houdini.test_publish import rop

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ASK = {"buttons": ("OK", "Cancel"), "close_choice": 1}


@pytest.fixture
def menu(session: Any) -> Any:
    """The menu module (it imports ``hou``: the fake, once the session is set up)."""
    from ftpub.hosts.houdini import menu

    return menu


def test_create_marks_each_selected_rop(menu: Any, host: Any, session: Any) -> None:
    session.add("/out/karma1", "karma", picture="$HIP/r/$OS.$F4.exr")
    session.add("/stage/usd_rop1", "usd_rop", lopoutput="$HIP/usd/$OS.usd")
    session.selection = ["/out/karma1", "/stage/usd_rop1"]
    session.answers = [(0, " hero ")]
    assert menu.create(host) == ["/out/karma1", "/stage/usd_rop1"]
    [ask] = session.mutations("ui.readInput")
    assert (ask.args, ask.kwargs) == (
        ("Asset name in ftrack:",),
        {**ASK, "title": "ftpub: Create", "initial_contents": "karma1"},
    )
    marked = {p.node: (p.data.family, p.data.asset_name, p.tags) for p in host.publishables()}
    assert marked == {
        "/out/karma1": ("render", "hero", frozenset({"local"})),
        "/stage/usd_rop1": ("usd", "hero", frozenset({"local"})),
    }


@pytest.mark.parametrize(
    ("selected", "answers", "says"),
    [
        ([], [], "Select the ROPs to publish first (in /out, SOPs or LOPs)."),
        (["/obj/fx/null1"], [], "Nothing was marked: /obj/fx/null1 is a 'null' node, not a ROP"),
        (["/out/geo1"], [(0, "2fast")], "'2fast' is not an asset name"),
        (["/out/geo1"], [(1, "")], None),
    ],
)
def test_create_marks_nothing_when_it_cannot(
    menu: Any, host: Any, session: Any, selected: list[str], answers: list[Any], says: str | None
) -> None:
    session.add("/out/geo1", "geometry")
    session.add("/obj/fx/null1", "null")
    session.selection, session.answers = selected, answers
    assert menu.create(host) == []
    assert session.mutations("setParmTemplateGroup") == []
    messages = [text for _, text in session.dialogs]
    if says is None:
        assert messages == []
    else:
        [message] = messages
        assert message.startswith(says)


def test_set_task_checks_the_task_and_stores_it(
    menu: Any, host: Any, session: Any, publishing: Path, anim_task: TaskContext
) -> None:
    session.answers = [(0, anim_task.task_id)]
    assert menu.set_task(host) == anim_task.task_id
    assert host.stored_task_id() == anim_task.task_id
    assert session.dialogs == [
        ("ftpub: Set task", "This scene publishes to demo / sh010 / animation.")
    ]
    session.answers = [(0, "no-such-task")]
    assert menu.set_task(host) is None
    assert session.dialogs[-1][1].startswith("The task was not set: no ftrack Task with id")
    assert host.stored_task_id() == anim_task.task_id
    session.answers = [(1, "")]
    assert menu.set_task(host) is None
    assert len(session.mutations("setUserData")) == 1


@pytest.fixture
def main_window(
    session: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """Houdini's main window (what ``hou.qt.mainWindow()`` returns), with the publish window's
    settings in the test's folders; both windows are deleted after the test, so no other
    test finds them among the application's windows."""
    from qtpy import QtCore, QtWidgets

    from ftpub.core import ui

    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    session.main_window = QtWidgets.QMainWindow()
    yield session.main_window
    for window in (ui._window, session.main_window):
        if window is not None:
            window.close()
            window.deleteLater()
    ui._window = None
    session.main_window = None
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
    application = QtWidgets.QApplication.instance()
    assert not [w for w in application.topLevelWidgets() if isinstance(w, QtWidgets.QMainWindow)]


def test_validate_opens_the_window_and_validates_the_hip(
    menu: Any, host: Any, shot_hip: Any, publishing: Path, qtbot: Any, main_window: Any
) -> None:
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc")
    window = menu.open_publish(host, validate_only=True)
    assert window.isVisible()
    assert window.parent() is main_window
    assert not window.publish_button.isVisible()
    qtbot.waitUntil(lambda: window.publisher.task is not None, timeout=30000)
    assert window.publisher.task.task_name == "animation"
    if window.publisher.result is None and not window.publisher.busy:
        window.validate_button.click()  # the task was looked up after the window opened
    qtbot.waitUntil(lambda: window.publisher.result is not None, timeout=60000)
    assert window.publisher.result.outcome is Outcome.VALIDATED
    assert shot_hip.mutations("render") == []
    assert menu.open_publish(host, validate_only=False) is window
    assert window.publish_button.isVisible()
