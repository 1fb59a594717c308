"""What the artist gives the window: dropped files, choices, the keyboard, and bad input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qtpy import QtCore, QtWidgets

from ftpub.core.context import TaskContext
from ftpub.core.result import Outcome, Record
from ftpub.core.ui.desktop import DesktopHost, instances_from_paths
from ftpub.core.ui.log_view import CAPACITY, LogView

from .helpers import click_and_wait, drop, open_window


def test_dropped_files_folders_and_sequences_become_instances(
    qtbot: Any, plates: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot)
    assert window.drop_panel is not None and window.drop_panel.hint.isVisible()
    assert not window.validate_button.isEnabled()
    loose = tmp_path / "notes.txt"
    loose.write_text("brief")
    drop(window, [plates, loose])
    assert window.instances.names() == ["bg_plate", "edit_ref", "hero", "notes"]
    host = window.publisher.host
    assert isinstance(host, DesktopHost)
    plate = next(instance for instance in host.instances if instance.name == "bg_plate")
    assert (plate.family, plate.asset_type, plate.frame_start, plate.frame_end) == (
        "render",
        "img",
        1001,
        1005,
    )
    assert plate.representations[0].path.name == "bg_plate.%04d.png"
    assert plate.representations[0].tags == frozenset({"review"})
    items = window.instances.findItems("hero", QtCore.Qt.MatchFlag.MatchExactly)
    assert items[0].text(1) == "pointcache" and not items[0].icon(0).isNull()
    assert not window.drop_panel.hint.isVisible()
    assert window.validate_button.isEnabled()
    drop(window, [plates / "hero.abc"])
    assert "hero_2" in window.instances.names()


def test_family_and_asset_type_are_chosen_per_instance(
    qtbot: Any, plates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, DesktopHost(instances_from_paths([plates / "hero.abc"])))
    panel = window.drop_panel
    assert panel is not None
    chosen = [str(plates / "edit_ref.mov"), *(str(p) for p in plates.glob("bg_plate.*.png"))]
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (chosen, "")
    )
    qtbot.mouseClick(panel.add_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.instances.names() == ["hero", "bg_plate", "edit_ref"]
    window.instances.clearSelection()
    window.instances.findItems("bg_plate", QtCore.Qt.MatchFlag.MatchExactly)[0].setSelected(True)
    panel.family.setCurrentText("plate")
    panel.family.activated.emit(panel.family.currentIndex())
    panel.asset_type.setCurrentText("plate")
    panel.asset_type.activated.emit(panel.asset_type.currentIndex())
    host = window.publisher.host
    assert isinstance(host, DesktopHost)
    plate = next(instance for instance in host.instances if instance.name == "bg_plate")
    assert (plate.family, plate.asset_type) == ("plate", "plate")
    assert window.instances.selected_names() == ["bg_plate"]
    qtbot.mouseClick(panel.remove_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.instances.names() == ["hero", "edit_ref"]


def test_a_file_gone_before_the_drop_lands_is_named(qtbot: Any, tmp_path: Path) -> None:
    window = open_window(qtbot)
    window.add_paths([tmp_path / "gone.exr"])
    assert window.instances.names() == []
    assert window.banner.text() == f"Not found, not added: {tmp_path / 'gone.exr'}"


def test_no_task_is_a_message_and_nothing_runs(qtbot: Any, plates: Path) -> None:
    window = open_window(qtbot, DesktopHost(instances_from_paths([plates])))
    qtbot.mouseClick(window.validate_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.banner.text() == "Choose the task to publish to first (Change task…)."
    assert window.publisher.run is None and not window.publisher.busy
    assert window.validate_button.isEnabled() and window.publish_button.isEnabled()


@pytest.mark.usefixtures("ftrack_env")
def test_an_empty_comment_is_refused_when_the_show_requires_one(
    qtbot: Any, plates: Path, comp_task: TaskContext, studio_config: Any
) -> None:
    studio_config('[shows."demo"]\nrequire_comment = true\n')
    window = open_window(qtbot, DesktopHost(instances_from_paths([plates])), comp_task)
    window.comment.setPlainText("   ")
    qtbot.mouseClick(window.publish_button, QtCore.Qt.MouseButton.LeftButton)
    assert window.banner.text() == "Write a comment: publishes to demo need one."
    assert window.publisher.run is None
    result = click_and_wait(qtbot, window, window.validate_button)
    assert result.outcome is Outcome.VALIDATED


def test_ftrack_unreachable_on_validate_is_a_message_and_stop_works_meanwhile(
    qtbot: Any, plates: Path, comp_task: TaskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FTRACK_SERVER", "http://127.0.0.1:9")
    monkeypatch.setenv("FTRACK_API_USER", "artist")
    monkeypatch.setenv("FTRACK_API_KEY", "not-a-real-key")
    window = open_window(qtbot, DesktopHost(instances_from_paths([plates])), comp_task)
    with qtbot.waitSignal(window.publisher.message, timeout=30_000) as message:
        qtbot.mouseClick(window.validate_button, QtCore.Qt.MouseButton.LeftButton)
        assert window.stop_button.isEnabled() and not window.validate_button.isEnabled()
    assert message.args[0].startswith("Cannot reach ftrack, nothing was run: cannot reach")
    assert "not-a-real-key" not in message.args[0]
    assert window.banner.text() == message.args[0]
    assert window.validate_button.isEnabled() and not window.stop_button.isEnabled()

    with qtbot.waitSignal(window.publisher.finished, timeout=5_000) as stopped:
        qtbot.mouseClick(window.validate_button, QtCore.Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.stop_button, QtCore.Qt.MouseButton.LeftButton)
    assert stopped.args[0].outcome is Outcome.STOPPED
    assert window.validate_button.isEnabled()


@pytest.mark.usefixtures("ftrack_env")
def test_the_keyboard_toggles_instances_publishes_and_stops(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    window = open_window(qtbot, DesktopHost(instances_from_paths([plates])), comp_task)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.instances.setFocus()
    window.instances.setCurrentItem(window.instances.topLevelItem(0))
    qtbot.keyClick(window.instances, QtCore.Qt.Key.Key_Space)
    assert window.instances.excluded() == frozenset({"bg_plate"})
    qtbot.keyClick(window.instances, QtCore.Qt.Key.Key_Space)
    assert window.instances.excluded() == frozenset()

    def stop_with_escape(step: Any) -> None:
        if step.stage.name == "VALIDATE" and window.stop_button.isEnabled():
            qtbot.keyClick(window.instances, QtCore.Qt.Key.Key_Escape)

    window.publisher.stepped.connect(stop_with_escape)
    with qtbot.waitSignal(window.publisher.finished, timeout=60_000) as finished:
        qtbot.keyClick(
            window.instances, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier
        )
    assert finished.args[0].outcome is Outcome.STOPPED
    assert finished.args[0].versions == ()


def test_the_log_is_capped_and_filtered_by_level(qtbot: Any) -> None:
    log = LogView()
    qtbot.addWidget(log)
    levels = ("DEBUG", "INFO", "WARNING", "ERROR")
    log.add(Record(levels[i % 4], "pyblish.Test", f"record {i}") for i in range(CAPACITY + 400))
    assert len(log.records) == CAPACITY
    assert log.records[0].message == "record 400"
    assert log.level.currentText() == "INFO"
    shown = log.shown_lines()
    assert len(shown) == CAPACITY * 3 // 4
    assert shown[0] == "INFO    pyblish.Test: record 401"
    assert shown[-1] == "ERROR   pyblish.Test: record 2399"
    assert not any(line.startswith("DEBUG") for line in shown)
    log.level.setCurrentText("ERROR")
    assert all(line.startswith("ERROR") for line in log.shown_lines())
    log.level.setCurrentText("DEBUG")
    assert len(log.shown_lines()) == CAPACITY


def test_the_window_remembers_its_size_and_position(qtbot: Any) -> None:
    window = open_window(qtbot)
    window.setGeometry(40, 30, 700, 500)
    window.close()
    again = open_window(qtbot)
    assert again.geometry() == QtCore.QRect(40, 30, 700, 500)
