"""``ftpub.core.ui.show()`` (the hosts' menu entries) and ``ftpub window`` (no DCC)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from qtpy import QtWidgets

from ftpub.core import ui
from ftpub.core.context import TaskContext
from ftpub.core.host import Publishable
from ftpub.core.publish_data import InstanceData
from ftpub.core.result import Outcome
from ftpub.core.ui.desktop import instances_from_paths
from ftpub.core.ui.window import RESOLVING
from ftpub.core.window_cli import open_window

from ..hosts.memory_host import MemoryHost

pytestmark = pytest.mark.usefixtures("closed_windows")


class SceneHost(MemoryHost):
    """An in-memory scene whose DCC has a main window, counting the times it is asked for."""

    def __init__(self, instances: list[InstanceData], main: QtWidgets.QWidget | None) -> None:
        scene = instances[0].representations[0].path.parent / "sh010_comp.ma"
        scene.write_text("saved scene", encoding="utf-8")
        marked = [Publishable(instance) for instance in instances]
        super().__init__(scene=scene, marked=marked, frames=None)
        self.main = main
        self.asked_for_main_window = 0

    def main_window(self) -> object | None:
        self.asked_for_main_window += 1
        return self.main


def test_one_window_per_process_parented_to_the_hosts_main_window(qtbot: Any, plates: Path) -> None:
    main = QtWidgets.QMainWindow()
    qtbot.addWidget(main)
    host = SceneHost(instances_from_paths([plates]), main)
    window = ui.show(host)
    assert window.parent() is main
    assert window.isWindow() and window.isVisible()
    assert window.instances.names() == ["bg_plate", "edit_ref", "hero"]
    window.hide()
    again = ui.show(host)
    assert again is window
    assert again.isVisible()
    qtbot.waitUntil(again.isActiveWindow)
    assert host.asked_for_main_window == 1


def test_a_host_without_main_window_gives_a_top_level_window(qtbot: Any, plates: Path) -> None:
    host = SceneHost(instances_from_paths([plates]), None)
    window = ui.show(host)
    assert window.parent() is None


@pytest.mark.usefixtures("ftrack_env")
def test_validate_only_hides_publish_and_validates_once_the_task_is_known(
    qtbot: Any, plates: Path, comp_task: TaskContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FTRACK_TASKID", comp_task.task_id)
    host = SceneHost(instances_from_paths([plates]), None)
    window = ui.show(host, validate_only=True)
    assert not window.publish_button.isVisibleTo(window)
    assert window.task_label.text() == RESOLVING
    with qtbot.waitSignal(window.publisher.finished, timeout=60_000) as finished:
        pass
    assert window.task_label.text() == "demo / sh010 / compositing"
    assert finished.args[0].outcome is Outcome.VALIDATED
    assert not any(step.stage.name == "EXTRACT" for step in finished.args[0].steps)


def _manifest(folder: Path, task_id: str) -> Path:
    path = folder / "manifest.json"
    table = {
        "ftpub_manifest": 1,
        "task_id": task_id,
        "comment": "plates from the vendor",
        "instances": [
            {
                "name": "bg_plate",
                "family": "plate",
                "asset": "sh010_bg",
                "asset_type": "plate",
                "representations": [{"name": "png", "path": "bg_plate.####.png"}],
            }
        ],
    }
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


@pytest.mark.usefixtures("ftrack_env")
def test_ftpub_window_opens_a_manifest_with_its_task_and_comment(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    window = open_window(_manifest(plates, comp_task.task_id))
    assert window.instances.names() == ["bg_plate"]
    assert window.comment.toPlainText() == "plates from the vendor"
    qtbot.waitUntil(lambda: window.task_label.text() == "demo / sh010 / compositing")
    assert window.drop_panel is not None


def test_ftpub_window_says_what_is_wrong_with_a_manifest(tmp_path: Path) -> None:
    bad = tmp_path / "manifest.json"
    bad.write_text('{"ftpub_manifest": 1, "instances": []}', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FTRACK_")}
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "window", "--manifest", str(bad)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"ftpub: {bad}: task_id: expected the ftrack Task id")
    assert "Traceback" not in done.stderr


def test_a_task_picked_is_stored_in_the_scene(
    qtbot: Any, plates: Path, comp_task: TaskContext
) -> None:
    host = SceneHost(instances_from_paths([plates]), None)
    window = ui.show(host)
    window.task_picked(comp_task)
    assert host.calls[-1] == ("store_task_id", comp_task.task_id)
    assert window.task_label.text() == "demo / sh010 / compositing"
