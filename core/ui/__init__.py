"""The publish window (qtpy: PySide6 or PySide2), for the hosts' Publish… and Validate… entries.

::

    from ftpub.core import ui
    ui.show(host)                       # Publish…
    ui.show(host, validate_only=True)   # Validate…

One window per process: showing it again brings it to the front. It is parented to the host's
main window when the host adapter offers ``main_window()``. Without a host it publishes files
dropped on it (:class:`~ftpub.core.ui.desktop.DesktopHost`).
"""

from __future__ import annotations

from qtpy import QtWidgets

from ftpub.core.context import find_task_id
from ftpub.core.ftrack.session import open_session
from ftpub.core.host import HostAdapter
from ftpub.core.ui.desktop import DesktopHost
from ftpub.core.ui.window import PublishWindow

_window: PublishWindow | None = None


def _main_window(host: HostAdapter) -> QtWidgets.QWidget | None:
    """The DCC's main window, when the host has a UI."""
    parent = host.main_window()
    return parent if isinstance(parent, QtWidgets.QWidget) else None


def _alive(window: PublishWindow | None) -> bool:
    try:
        return window is not None and window.objectName() != ""
    except RuntimeError:
        return False


def show(
    host: HostAdapter | None = None,
    validate_only: bool = False,
    task_id: str | None = None,
    comment: str = "",
) -> PublishWindow:
    """Show the window (creating it once per process) and bring it to the front.

    ``task_id`` (else the scene's task, ``FTRACK_TASKID``, ``FTRACK_CONTEXTID``, else the last
    task picked) is the task shown; ``validate_only`` hides Publish and validates at once.
    """
    global _window
    if QtWidgets.QApplication.instance() is None:
        raise RuntimeError("ftpub.core.ui.show() needs a QApplication (a DCC, or ftpub window)")
    if not _alive(_window):
        host = host if host is not None else DesktopHost()
        task_id = task_id or find_task_id(host)
        _window = PublishWindow(
            host,
            host.targets,
            open_session,
            validate_only=validate_only,
            task_id=task_id,
            comment=comment,
            parent=_main_window(host),
        )
    assert _window is not None
    _window.publish_button.setVisible(not validate_only)
    _window.show()
    _window.raise_()
    _window.activateWindow()
    if validate_only:
        _window.validate_when_ready()
    return _window
