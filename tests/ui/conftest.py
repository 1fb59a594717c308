"""The window's tests: Qt's offscreen platform, their own settings and state folders, ftrack
credentials of the shared sandbox, and files to publish."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from qtpy import QtCore, QtGui

from ftpub.core.context import TaskContext, resolve_task
from tests.media import samples

REPAIRABLE_PLUGIN = """
import pyblish.api
from pathlib import Path
from ftpub.core.result import PublishError

class ApproveFolder(pyblish.api.Action):
    label = "Approve"
    on = "failed"

    def process(self, context, plugin):
        Path(plugin.marker).write_text("approved")
        self.log.info("Approved")

class ValidateApproved(pyblish.api.ContextPlugin):
    label = "Validate approval"
    order = pyblish.api.ValidatorOrder
    actions = [ApproveFolder]
    marker = {marker!r}

    def process(self, context):
        if not Path(self.marker).exists():
            raise PublishError("Not approved", "the supervisor has not approved these files")
"""


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own window settings, journals and publish root; no studio config."""
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(tmp_path / "publish"))
    for variable in ("FTPUB_CONFIG", "PYBLISHPLUGINPATH", "FTRACK_TASKID", "FTRACK_CONTEXTID"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def ftrack_env(sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sandbox's credentials in the environment, as ftrack Connect would set them."""
    for name, value in sandbox.env().items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def comp_task(sandbox: Any) -> TaskContext:
    session = sandbox.session()
    try:
        task = session.query(
            'select id from Task where name is "compositing" and parent.name is "sh010" '
            'and project.name is "demo"'
        ).one()
        return resolve_task(session, task["id"])
    finally:
        session.close()


def write_frames(folder: Path, name: str, frames: range) -> None:
    """Real PNG frames: a dusk gradient with a sun that moves."""
    for index, frame in enumerate(frames):
        image = QtGui.QImage(320, 180, QtGui.QImage.Format.Format_RGB32)
        painter = QtGui.QPainter(image)
        gradient = QtGui.QLinearGradient(0, 0, 0, 180)
        gradient.setColorAt(0, QtGui.QColor("#1d2b4f"))
        gradient.setColorAt(1, QtGui.QColor("#e0883b"))
        painter.fillRect(image.rect(), gradient)
        painter.setBrush(QtGui.QColor("#ffd27a"))
        painter.drawEllipse(QtCore.QPointF(60 + index * 40, 120), 22, 22)
        painter.fillRect(0, 140, 320, 40, QtGui.QColor("#20252b"))
        painter.end()
        assert image.save(str(folder / f"{name}.{frame:04d}.png"))


def write_movie(path: Path) -> None:
    samples.write_movie(path, [40, 80, 120, 160, 200, 240] * 2, (320, 180))


@pytest.fixture
def plates(tmp_path: Path, qapp: Any) -> Path:
    """A folder with a 5-frame PNG sequence, a cache file and a movie."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    write_frames(folder, "bg_plate", range(1001, 1006))
    (folder / "hero.abc").write_bytes(b"alembic" * 100)
    write_movie(folder / "edit_ref.mov")
    return folder


@pytest.fixture
def show_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Put a plugin file on PYBLISHPLUGINPATH; returns its folder."""

    def write(source: str) -> Path:
        folder = tmp_path / "show_plugins"
        folder.mkdir(exist_ok=True)
        (folder / "show_plugin.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.setenv("PYBLISHPLUGINPATH", str(folder))
        return folder

    return write


@pytest.fixture
def repairable(show_plugin: Callable[[str], Path], tmp_path: Path) -> Path:
    """A validator that fails until its Approve action writes a marker file; returns it."""
    marker = tmp_path / "approved.txt"
    show_plugin(REPAIRABLE_PLUGIN.format(marker=str(marker)))
    return marker


@pytest.fixture
def studio_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    def write(text: str) -> None:
        path = tmp_path / "studio.toml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        monkeypatch.setenv("FTPUB_CONFIG", str(path))

    return write


@pytest.fixture
def closed_windows() -> Iterator[None]:
    """Forget the one-per-process window after the test."""
    from ftpub.core import ui

    yield
    if ui._window is not None:
        ui._window.close()
        ui._window.deleteLater()
    ui._window = None
