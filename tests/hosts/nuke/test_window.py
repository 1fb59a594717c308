"""Publish… and Validate… in the ftpub menu open the publish window on the Nuke host."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qtpy import QtCore

from ftpub.core.result import Outcome
from tests.hosts.farm_jobs import jobs_in
from tests.hosts.nuke.helpers import marked_write, render_frames

os.environ["QT_QPA_PLATFORM"] = "offscreen"
RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def window_state(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Nuke's main window, no publish window left from another test, and the window's settings
    in the test's own folders; both windows are deleted after the test."""
    from qtpy import QtWidgets

    from ftpub.core import ui

    monkeypatch.setattr(ui, "_window", None)
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    nuke_window = QtWidgets.QMainWindow()
    yield nuke_window
    for window in (ui._window, nuke_window):
        if window is not None:
            window.close()
            window.deleteLater()
    ui._window = None
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)


def _command(script: Any, name: str) -> Any:
    from ftpub.hosts.nuke import startup

    startup.install()
    [ftpub_menu] = [item for item in script.menus["Nuke"].items if not isinstance(item, tuple)]
    return ftpub_menu.commands()[name]


def test_validate_opens_the_window_and_validates_the_script(
    qtbot: Any, shot_script: Any, host: Any, publishing: Path, window_state: Any
) -> None:
    write = marked_write(shot_script, mode="existing")
    render_frames(shot_script, write, range(1001, 1006))
    window = _command(shot_script, "Validate…")()
    assert window.isVisible() and not window.publish_button.isVisible()
    assert window.publisher.host.name == "nuke"
    qtbot.waitUntil(lambda: window.publisher.task is not None, timeout=RUN_TIMEOUT_MS)
    assert window.publisher.task.task_id == host.stored_task_id()
    with qtbot.waitSignal(window.publisher.finished, timeout=RUN_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(window.validate_button, QtCore.Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.outcome is Outcome.VALIDATED, result.error
    assert {step.instance for step in result.steps if step.instance} == {"Write1", "workfile"}


def test_publish_opens_the_window_with_its_publish_button(
    qtbot: Any, shot_script: Any, host: Any, publishing: Path, window_state: Any
) -> None:
    window = _command(shot_script, "Publish…")()
    assert window.isVisible() and window.publish_button.isVisible()


def test_publishing_a_farm_write_from_the_window_logs_where_the_job_went(
    qtbot: Any, shot_script: Any, host: Any, publishing: Path, window_state: Any
) -> None:
    marked_write(shot_script, mode="farm")
    window = _command(shot_script, "Publish…")()
    qtbot.waitUntil(lambda: window.publisher.task is not None, timeout=RUN_TIMEOUT_MS)
    with qtbot.waitSignal(window.publisher.finished, timeout=RUN_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(window.publish_button, QtCore.Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.outcome is Outcome.PUBLISHED, result.error
    [job] = jobs_in(Path(shot_script.root.name()).parent / "farm")
    lines = window.log.shown_lines()
    assert "INFO    pyblish.HandOverToFarm: Write1 is rendered and published by the farm" in lines
    [written] = [line for line in lines if "Farm job" in line]
    assert written.startswith(
        f"INFO    pyblish.WriteFarmJobs: Farm job 'ftpub render comp' written to {job} "
    )
    assert [version.asset_name for version in result.versions] == ["compositing"]
    [handed] = result.handed_over
    assert (handed.instance, handed.to) == ("Write1", "the farm")
    assert handed.detail.startswith(f"Farm job 'ftpub render comp' written to {job} ")
    assert window.instances.state_of("Write1") == "handed to the farm"
