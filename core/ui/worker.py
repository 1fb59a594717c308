"""The window's offload: a step's DCC-free work in a worker thread, the event loop turning.

:func:`in_worker` is the :class:`~ftpub.core.offload.Offload` the window gives its runs. The
plugin step stays on the main thread and waits in a local event loop while the worker runs
``job`` (an integration's ftrack calls and transfers), so Qt repaints, shows the transfer
progress signals and takes clicks meanwhile. The driver schedules the next step only when this
one returns, so steps never overlap and Stop still acts between steps; an exception of ``job``
is raised in the step, after ``job`` has rolled back what it made.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from qtpy import QtCore

T = TypeVar("T")


class _Finished(QtCore.QObject):
    """Tells the waiting loop, from the worker thread, that the job is over."""

    over = QtCore.Signal()


def in_worker(job: Callable[[], T]) -> T:
    """Run ``job`` in a worker thread; return its value (or raise its error) once it ends."""
    loop = QtCore.QEventLoop()
    finished = _Finished()
    finished.over.connect(loop.quit, QtCore.Qt.ConnectionType.QueuedConnection)
    values: list[T] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            values.append(job())
        except BaseException as error:  # raised again in the step, on the main thread
            errors.append(error)
        finally:
            finished.over.emit()

    thread = threading.Thread(target=work, name="ftpub-offload", daemon=True)
    thread.start()
    loop.exec()
    thread.join()
    if errors:
        raise errors[0]
    return values[0]
