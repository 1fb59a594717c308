"""Render the publish window in each state into docs/images/ (offscreen, against a sandbox).

    .venv/bin/python docs/screenshots.py

States: instances, task picker, validation failed, publishing, published. Everything is real:
a sandbox server with the demo project, sample frames and a movie, ftpub's plugins plus one
show validator with a repair Action.
"""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
from qtpy import QtCore, QtGui, QtWidgets

from ftpub.core.files.progress import TransferProgress
from ftpub.core.media.movie import MovieWriter
from ftpub.core.media.pictures import Size
from ftpub.core.ui.desktop import DesktopHost, instances_from_paths
from ftpub.core.ui.style import desktop_look
from ftpub.core.ui.window import PublishWindow
from ftpub.sandbox.testing import SandboxProcess

IMAGES = Path(__file__).resolve().parent / "images"
SIZE = QtCore.QSize(1180, 740)
SHOW_PLUGIN = '''
import pyblish.api
from pathlib import Path
from ftpub.core.result import PublishError

class MarkApproved(pyblish.api.Action):
    """Record the supervisor's approval of these plates."""
    label = "Mark approved"
    on = "failed"

    def process(self, context, plugin):
        Path(plugin.marker).write_text("approved")

class ValidateApproval(pyblish.api.ContextPlugin):
    """Plates are published once the supervisor approved them."""
    label = "Validate plate approval"
    order = pyblish.api.ValidatorOrder
    actions = [MarkApproved]
    marker = {marker!r}

    def process(self, context):
        if not Path(self.marker).exists():
            raise PublishError(
                "Plates not approved yet",
                "The supervisor has not approved the plates for sh010. Ask for approval, "
                "or mark them approved if you have it in writing.",
            )
'''


def _frames(folder: Path, name: str, count: int, hue: int) -> None:
    for index in range(count):
        image = QtGui.QImage(640, 360, QtGui.QImage.Format.Format_RGB32)
        painter = QtGui.QPainter(image)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        gradient = QtGui.QLinearGradient(0, 0, 0, 360)
        gradient.setColorAt(0, QtGui.QColor.fromHsv(hue, 120, 70))
        gradient.setColorAt(1, QtGui.QColor.fromHsv((hue + 30) % 360, 180, 230))
        painter.fillRect(image.rect(), gradient)
        painter.setBrush(QtGui.QColor("#ffd27a"))
        painter.setPen(QtCore.Qt.PenStyle.NoPen)
        painter.drawEllipse(QtCore.QPointF(140 + index * 12, 220 - index * 3), 40, 40)
        painter.setBrush(QtGui.QColor("#1b1f24"))
        painter.drawPolygon(
            QtGui.QPolygonF(
                [
                    QtCore.QPointF(x, y)
                    for x, y in (
                        (0, 360),
                        (0, 280),
                        (160, 230),
                        (330, 290),
                        (470, 240),
                        (640, 300),
                        (640, 360),
                    )
                ]
            )
        )
        painter.end()
        image.save(str(folder / f"{name}.{1001 + index:04d}.png"))


def _samples(folder: Path) -> Path:
    incoming = folder / "incoming"
    incoming.mkdir()
    _frames(incoming, "sh010_bg_plate", 12, 215)
    _frames(incoming, "sh010_fg_plate", 12, 20)
    with MovieWriter(incoming / "sh010_editref.mov", Size(640, 360), Fraction(24)) as movie:
        for index in range(24):
            ramp = np.linspace(index * 8, 255, 640, dtype=np.uint8)
            movie.write(np.ascontiguousarray(np.broadcast_to(ramp[None, :, None], (360, 640, 3))))
    (incoming / "sh010_camera.abc").write_bytes(b"alembic camera" * 2000)
    return incoming


def _save(window: QtWidgets.QWidget, name: str) -> None:
    QtWidgets.QApplication.processEvents()
    path = IMAGES / f"{name}.png"
    window.grab().save(str(path))
    print(f"wrote {path}")


def _wait(app: QtWidgets.QApplication, signal: QtCore.SignalInstance, seconds: float = 120) -> None:
    loop = QtCore.QEventLoop()
    signal.connect(loop.quit)
    QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    IMAGES.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ftpub-shots-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(work / variable.lower())
    os.environ["FTPUB_PUBLISH_ROOT"] = str(work / "publish")
    marker = work / "approved.txt"
    plugins = work / "show_plugins"
    plugins.mkdir()
    (plugins / "validate_approval.py").write_text(
        textwrap.dedent(SHOW_PLUGIN).format(marker=str(marker)), encoding="utf-8"
    )
    os.environ["PYBLISHPLUGINPATH"] = str(plugins)
    app = QtWidgets.QApplication(["ftpub"])
    desktop_look(app)
    app.setFont(QtGui.QFont("DejaVu Sans", 9))
    with SandboxProcess(work / "sandbox") as sandbox:
        os.environ.update(sandbox.env())
        session = sandbox.session()
        task_id = session.query(
            'select id from Task where name is "compositing" and parent.name is "sh010"'
        ).one()["id"]
        session.close()
        from ftpub.core.ftrack.session import open_session

        host = DesktopHost(instances_from_paths([_samples(work)]))
        window = PublishWindow(host, host.targets, open_session, task_id=task_id)
        window.resize(SIZE)
        window.show()
        window.comment.setPlainText("Graded plates from the vendor, v2 with the fixed flicker.")
        window.instances.set_checked("sh010_camera", False)
        while window.task_label.text().startswith("Looking"):
            app.processEvents()
        _save(window, "window_instances")

        picker = window.pick_task()
        picker.resize(460, 420)
        while picker.tree.topLevelItemCount() == 0:
            app.processEvents()
        demo = picker.tree.topLevelItem(0)
        demo.setExpanded(True)
        while demo.child(0).text(0) == "Loading…":
            app.processEvents()
        picker.search.setText("sh010")
        picker.select(task_id)
        _save(picker, "window_task_picker")
        picker.reject()

        window.validate_button.click()
        _wait(app, window.publisher.finished)
        _save(window, "window_validation_failed")

        window.results.action_buttons[0].click()

        def grab_midway(progress: TransferProgress) -> None:
            """While the files are transferred (the window shows files and bytes)."""
            if not progress.finished and not (IMAGES / ".publishing").exists():
                (IMAGES / ".publishing").touch()
                _save(window, "window_publishing")

        window.publisher.transferred.connect(grab_midway)
        window.publish_button.click()
        _wait(app, window.publisher.versions)
        (IMAGES / ".publishing").unlink(missing_ok=True)
        _save(window, "window_published")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
