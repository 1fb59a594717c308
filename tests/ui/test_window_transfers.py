"""Transfers in the window: progress arrives while the integration runs, the window keeps
turning its event loop, and a failed transfer still rolls everything back."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qtpy import QtCore

from ftpub.core.context import TaskContext
from ftpub.core.files.progress import TransferProgress
from ftpub.core.result import Outcome, Stage, StepResult
from ftpub.core.ui.desktop import DesktopHost, instances_from_paths
from ftpub.core.ui.window import PublishWindow

from .helpers import click_and_wait, open_window

pytestmark = pytest.mark.usefixtures("ftrack_env")

FILES = 8
FILE_SIZE = 2 * 1024 * 1024


def _caches(folder: Path) -> tuple[DesktopHost, list[str]]:
    """``FILES`` cache files of ``FILE_SIZE`` as instances with fresh asset names."""
    folder.mkdir()
    suffix = uuid.uuid4().hex[:6]
    for index in range(FILES):
        (folder / f"cache{index}_{suffix}.abc").write_bytes(os.urandom(FILE_SIZE))
    instances = instances_from_paths([folder])
    return DesktopHost(instances), [instance.asset_name for instance in instances]


class Watch:
    """What the window went through while its integration step ran."""

    def __init__(self, window: PublishWindow) -> None:
        self.window = window
        self.integrated = False
        self.seen: list[tuple[TransferProgress, bool, str]] = []
        self.ticks_during_transfer = 0
        self.plugins_shown: list[list[str]] = []
        self.timer = QtCore.QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        window.publisher.stepped.connect(self._stepped)
        # After the window's own slot: the label shows what the artist sees.
        window.publisher.transferred.connect(self._transferred)
        window.publisher.started.connect(lambda _: self.timer.start())
        window.publisher.finished.connect(lambda _: self.timer.stop())

    def _stepped(self, step: StepResult) -> None:
        if step.stage is Stage.INTEGRATE:
            self.integrated = True

    def _transferred(self, progress: TransferProgress) -> None:
        self.seen.append((progress, self.integrated, self.window.progress.transfer.text()))
        tree = self.window.results.tree
        self.plugins_shown.append(
            [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        )

    def _tick(self) -> None:
        if self.seen and not self.integrated:
            self.ticks_during_transfer += 1


def _published_versions(sandbox: Any, assets: list[str]) -> list[str]:
    session = sandbox.session()
    try:
        names = ", ".join(f'"{asset}"' for asset in assets)
        found = session.query(f"select id from AssetVersion where asset.name in ({names})").all()
        return [version["id"] for version in found]
    finally:
        session.close()


def test_transfer_progress_reaches_the_window_while_the_integration_runs(
    qtbot: Any, sandbox: Any, comp_task: TaskContext, tmp_path: Path
) -> None:
    host, assets = _caches(tmp_path / "caches")
    window = open_window(qtbot, host, comp_task)
    watch = Watch(window)

    result = click_and_wait(qtbot, window, window.publish_button)

    assert result.outcome is Outcome.PUBLISHED, result.error
    during = [(progress, text) for progress, integrated, text in watch.seen if not integrated]
    assert during, "no transfer progress reached the window before the integration ended"
    # The transfer threads' signals are queued to the main thread: they arrive during the
    # step only when its event loop turns meanwhile.
    assert any(progress.finished for progress, _ in during)
    first, first_text = during[0]
    assert (first.files_total, first.bytes_total) == (FILES, FILES * FILE_SIZE)
    assert first_text == f"Transferring {first.text()}"
    last = watch.seen[-1][0]
    assert last == TransferProgress(FILES * FILE_SIZE, FILES * FILE_SIZE, FILES, FILES)
    assert watch.ticks_during_transfer > 0
    # The steps before the integration show as soon as its transfers begin.
    assert watch.plugins_shown[0][-1] == "Extract · Make review movie and thumbnail"
    assert window.progress.transfer.text() == "8 files, 16.8 MB transferred"
    assert len(_published_versions(sandbox, assets)) == FILES


@pytest.fixture
def small_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A 4 MB file system as the publish root: the caches cannot all fit."""
    root = tmp_path / "small"
    root.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(root)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(root))
    try:
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=True)


def test_a_transfer_failing_in_the_worker_fails_the_step_and_rolls_back(
    qtbot: Any, sandbox: Any, comp_task: TaskContext, tmp_path: Path, small_disk: Path
) -> None:
    host, assets = _caches(tmp_path / "caches")
    window = open_window(qtbot, host, comp_task)
    watch = Watch(window)

    result = click_and_wait(qtbot, window, window.publish_button)

    assert result.outcome is Outcome.FAILED
    (failed,) = result.failures
    assert failed.stage is Stage.INTEGRATE
    assert result.error is not None and "Nothing of this publish was kept" in (
        result.error.description
    )
    assert "disk" in window.banner.text().lower()
    assert watch.seen and not watch.seen[0][1]
    assert list(small_disk.iterdir()) == []
    assert _published_versions(sandbox, assets) == []
    assert window.publish_button.isEnabled() and not window.stop_button.isEnabled()


def test_stop_during_the_transfer_acts_once_the_integration_step_is_over(
    qtbot: Any, sandbox: Any, comp_task: TaskContext, tmp_path: Path
) -> None:
    host, assets = _caches(tmp_path / "caches")
    window = open_window(qtbot, host, comp_task)
    clicked: list[bool] = []

    def stop_while_transferring(progress: TransferProgress) -> None:
        if not clicked and window.stop_button.isEnabled():
            clicked.append(progress.finished)
            qtbot.mouseClick(window.stop_button, QtCore.Qt.MouseButton.LeftButton)

    window.publisher.transferred.connect(stop_while_transferring)
    result = click_and_wait(qtbot, window, window.publish_button)

    assert clicked, "Stop was not clickable while the files were transferred"
    assert result.outcome is Outcome.STOPPED
    last = result.steps[-1]
    assert (last.plugin, last.error) == ("IntegrateFtrack", None)
    assert len(result.versions) == FILES
    assert len(_published_versions(sandbox, assets)) == FILES
    assert window.publish_button.isEnabled()
