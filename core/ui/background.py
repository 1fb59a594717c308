"""Network work (ftrack queries, thumbnail downloads) in a worker thread, answered on the main one.

Only pure-Python calls go to the thread, never a DCC call or a plugin. The answer reaches the
main thread through a queued signal, so the window never waits on a slow or absent server.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from qtpy import QtCore


class _Answer(QtCore.QObject):
    done = QtCore.Signal(object, object)


class Background(QtCore.QObject):
    """Runs jobs in daemon threads; ``done`` gets the value, ``failed`` the exception."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._answers: set[_Answer] = set()

    def run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        answer = _Answer(self)
        self._answers.add(answer)

        def deliver(value: Any, error: Any) -> None:
            self._answers.discard(answer)
            answer.deleteLater()
            if error is None:
                done(value)
            else:
                failed(error)

        answer.done.connect(deliver, QtCore.Qt.ConnectionType.QueuedConnection)

        def work() -> None:
            try:
                value, error = job(), None
            except Exception as failure:
                value, error = None, failure
            # RuntimeError: the window was closed and deleted meanwhile; nobody is waiting.
            with contextlib.suppress(RuntimeError):
                answer.done.emit(value, error)

        threading.Thread(target=work, name="ftpub-window", daemon=True).start()
