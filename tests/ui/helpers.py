"""Opening a window as an artist would, and waiting for what it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qtpy import QtCore, QtGui, QtWidgets

from ftpub.core.context import TaskContext
from ftpub.core.ftrack.session import open_session
from ftpub.core.hooks import HostAdapter
from ftpub.core.result import PublishResult
from ftpub.core.ui.desktop import DesktopHost
from ftpub.core.ui.window import PublishWindow

RUN_TIMEOUT_MS = 180_000


def open_window(
    qtbot: Any,
    host: HostAdapter | None = None,
    task: TaskContext | None = None,
    validate_only: bool = False,
) -> PublishWindow:
    host = host if host is not None else DesktopHost()
    window = PublishWindow(host, host.targets, open_session, validate_only)
    qtbot.addWidget(window)
    if task is not None:
        window.task_picked(task)
    window.show()
    return window


def drop(window: QtWidgets.QWidget, paths: list[Path]) -> None:
    """Drop ``paths`` on the window as a file manager does (drag enter, then drop)."""
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path)) for path in paths])
    position = QtCore.QPointF(window.rect().center())
    actions = QtCore.Qt.DropAction.CopyAction
    buttons = QtCore.Qt.MouseButton.LeftButton
    modifiers = QtCore.Qt.KeyboardModifier.NoModifier
    enter = QtGui.QDragEnterEvent(position.toPoint(), actions, mime, buttons, modifiers)
    QtWidgets.QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QtWidgets.QApplication.sendEvent(
        window, QtGui.QDropEvent(position, actions, mime, buttons, modifiers)
    )


def click_and_wait(
    qtbot: Any, window: PublishWindow, button: QtWidgets.QAbstractButton
) -> PublishResult:
    """Click ``button`` and wait for the run it starts to finish; returns its result."""
    with qtbot.waitSignal(window.publisher.finished, timeout=RUN_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
    return blocker.args[0]


class UrlRecorder(QtCore.QObject):
    """Stands in for the file manager and web browser: records the URLs the window opens."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QtCore.QUrl] = []

    @QtCore.Slot(QtCore.QUrl)
    def open(self, url: QtCore.QUrl) -> None:
        self.urls.append(url)
