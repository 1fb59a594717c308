"""Validate, Publish and Stop in the window against the sandbox, as an artist clicks them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from qtpy import QtCore, QtGui, QtWidgets

from ftpub.core.context import TaskContext
from ftpub.core.result import Outcome, State
from ftpub.core.ui.desktop import DesktopHost, instances_from_paths

from .helpers import UrlRecorder, click_and_wait, open_window

pytestmark = pytest.mark.usefixtures("ftrack_env")


def _host(folder: Path) -> DesktopHost:
    return DesktopHost(instances_from_paths([folder]))


def _versions_in_ftrack(sandbox: Any, asset: str) -> list[int]:
    session = sandbox.session()
    try:
        found = session.query(
            f'select version from AssetVersion where asset.name is "{asset}" '
            "and is_published is true"
        ).all()
        return sorted(version["version"] for version in found)
    finally:
        session.close()


def test_validate_shows_every_step_and_marks_instances_valid(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    window = open_window(qtbot, _host(plates), comp_task)
    result = click_and_wait(qtbot, window, window.validate_button)
    assert result.outcome is Outcome.VALIDATED
    assert {window.instances.state_of(name) for name in window.instances.names()} == {"valid"}
    tree = window.results.tree
    plugins = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert "Validate · Validate representation files" in plugins
    assert window.progress.line.text() == "Everything is valid: ready to publish."
    assert window.banner.text() == "Everything is valid: ready to publish."
    assert any("All files of bg_plate exist" in line for line in window.log.shown_lines())
    assert window.validate_button.isEnabled() and not window.stop_button.isEnabled()


def test_failed_validation_shows_the_artists_error_and_repairs_only_on_click(
    qtbot: Any, plates: Path, comp_task: TaskContext, repairable: Path
) -> None:
    window = open_window(qtbot, _host(plates), comp_task)
    result = click_and_wait(qtbot, window, window.validate_button)
    assert result.outcome is Outcome.INVALID
    assert window.banner.isVisible()
    assert "Not approved" in window.banner.text()
    results = window.results
    assert results.title.text() == "Not approved"
    assert results.description.text() == "the supervisor has not approved these files"
    assert results.detail_button.isVisible() and not results.detail.isVisible()
    qtbot.mouseClick(results.detail_button, QtCore.Qt.MouseButton.LeftButton)
    assert results.detail.isVisible()
    assert "raise PublishError" in results.detail.toPlainText()
    assert [button.text() for button in results.action_buttons] == ["Approve"]
    assert not repairable.exists()

    qtbot.mouseClick(results.action_buttons[0], QtCore.Qt.MouseButton.LeftButton)
    assert repairable.read_text() == "approved"
    assert "Approved" in results.action_message.text()
    assert "validate again" in window.banner.text()
    again = click_and_wait(qtbot, window, window.validate_button)
    assert again.outcome is Outcome.VALIDATED
    assert results.action_buttons == []


def test_publish_shows_the_versions_and_opens_folder_and_ftrack(
    qtbot: Any,
    sandbox: Any,
    plates: Path,
    comp_task: TaskContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, _host(plates), comp_task)
    window.comment.setPlainText("first plates")
    with qtbot.waitSignal(window.publisher.versions, timeout=180_000) as read_back:
        result = click_and_wait(qtbot, window, window.publish_button)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert {window.instances.state_of(name) for name in window.instances.names()} == {"published"}
    assert len(read_back.args[0]) == 3
    cards = window.versions.cards
    assert sorted(card.view.asset_name for card in cards) == ["bg_plate", "edit_ref", "hero"]
    assert window.tabs.currentWidget() is window.versions
    assert window.progress.transfer.text().endswith(" transferred")
    assert _versions_in_ftrack(sandbox, "bg_plate") != []

    recorder = UrlRecorder()
    for scheme in ("file", "http"):
        QtGui.QDesktopServices.setUrlHandler(scheme, recorder, "open")
    try:
        plate = next(card for card in cards if card.view.asset_name == "bg_plate")
        qtbot.mouseClick(plate.open_folder, QtCore.Qt.MouseButton.LeftButton)
        qtbot.mouseClick(plate.open_ftrack, QtCore.Qt.MouseButton.LeftButton)
    finally:
        for scheme in ("file", "http"):
            QtGui.QDesktopServices.unsetUrlHandler(scheme)
    folder = Path(recorder.urls[0].toLocalFile())
    assert any(path.name.endswith(".png") for path in folder.iterdir())
    assert plate.has_thumbnail
    assert plate.view.asset_version_id in recorder.urls[1].toString()

    report = tmp_path / "report.json"
    monkeypatch.setattr(
        QtWidgets.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(report), "")
    )
    qtbot.mouseClick(window.save_report, QtCore.Qt.MouseButton.LeftButton)
    saved = json.loads(report.read_text())
    assert saved["outcome"] == "published"
    assert len(saved["versions"]) == 3


def test_stop_during_a_publish_stops_before_the_next_step(
    qtbot: Any, sandbox: Any, plates: Path, comp_task: TaskContext
) -> None:
    before = _versions_in_ftrack(sandbox, "bg_plate")
    window = open_window(qtbot, _host(plates), comp_task)

    def stop_at_first_validation(step: Any) -> None:
        if step.stage.name == "VALIDATE" and window.stop_button.isEnabled():
            qtbot.mouseClick(window.stop_button, QtCore.Qt.MouseButton.LeftButton)

    window.publisher.stepped.connect(stop_at_first_validation)
    result = click_and_wait(qtbot, window, window.publish_button)
    assert result.outcome is Outcome.STOPPED
    assert [step.stage.name for step in result.steps][-1] == "VALIDATE"
    assert sum(step.stage.name == "VALIDATE" for step in result.steps) == 1
    assert "stopped" in {window.instances.state_of(name) for name in window.instances.names()}
    assert _versions_in_ftrack(sandbox, "bg_plate") == before
    assert window.publish_button.isEnabled()


def test_a_dropped_file_that_vanished_fails_validation_and_publishes_nothing(
    qtbot: Any, sandbox: Any, plates: Path, comp_task: TaskContext
) -> None:
    before = _versions_in_ftrack(sandbox, "edit_ref")
    host = _host(plates)
    (plates / "hero.abc").unlink()
    window = open_window(qtbot, host, comp_task)
    result = click_and_wait(qtbot, window, window.publish_button)
    assert result.outcome is Outcome.INVALID
    assert "Missing files" in window.banner.text()
    assert "hero.abc does not exist" in window.banner.text()
    assert window.instances.state_of("hero").startswith("failed")
    assert window.instances.state_of("bg_plate") == "not published"
    assert _versions_in_ftrack(sandbox, "edit_ref") == before


def test_switched_off_instances_are_not_published(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    window = open_window(qtbot, _host(plates), comp_task)
    window.instances.set_checked("hero", False)
    window.instances.set_checked("edit_ref", False)
    result = click_and_wait(qtbot, window, window.publish_button)
    assert result.outcome is Outcome.PUBLISHED, result.error
    assert [version.instance for version in result.versions] == ["bg_plate"]
    assert window.instances.state_of("hero") == "skipped"
    assert all(step.instance in (None, "bg_plate") for step in result.steps)
    assert all(step.state is State.SUCCESS for step in result.steps)


def test_a_run_shows_the_results_at_once_and_counts_its_steps_from_the_start(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    window = open_window(qtbot, _host(plates), comp_task)
    click_and_wait(qtbot, window, window.validate_button)
    window.tabs.setCurrentWidget(window.versions)
    at_start: list[tuple[int, int, str]] = []
    bar, line = window.progress.bar, window.progress.line
    window.publisher.started.connect(
        lambda _: at_start.append((bar.value(), bar.maximum(), line.text()))
    )
    with qtbot.waitSignal(window.publisher.finished, timeout=180_000):
        qtbot.mouseClick(window.validate_button, QtCore.Qt.MouseButton.LeftButton)
        assert window.tabs.currentWidget() is window.results
        assert window.progress.line.text() == "Connecting to ftrack…"
        assert window.banner.text() == "Validating…"
        assert (bar.value(), bar.maximum()) == (0, 1)  # empty, not busy: no animation
        assert window.results.tree.topLevelItemCount() == 0
        assert {window.instances.state_of(name) for name in window.instances.names()} == {"ready"}
    ((value, maximum, text),) = at_start
    assert (value, text) == (0, "Running…")
    assert maximum > 0  # a bar that counts, not a busy one
