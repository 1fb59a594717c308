"""Network work (ftrack queries, thumbnail downloads) in a worker thread, answered on the main one.

Only pure-Python calls go to the thread, never a DCC call or a plugin. The answer reaches the
main thread through a queued signal of one relay object that lives as long as the process, so
a worker never emits on an object Qt may have deleted; answers for a closed window are dropped.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from qtpy import QtCore

Callbacks = tuple[Callable[[Any], None], Callable[[Exception], None]]


class _Relay(QtCore.QObject):
    answered = QtCore.Signal(int, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, Callbacks] = {}
        self.answered.connect(self._deliver, QtCore.Qt.ConnectionType.QueuedConnection)

    def _deliver(self, job: int, value: Any, error: Any) -> None:
        callbacks = self.waiting.pop(job, None)
        if callbacks is None:
            return
        done, failed = callbacks
        if error is None:
            done(value)
        else:
            failed(error)


_relay: _Relay | None = None
_numbers = itertools.count()


class Background(QtCore.QObject):
    """Runs jobs in daemon threads; ``done`` gets the value, ``failed`` the exception.

    Created on the main thread; once it is destroyed its jobs' answers are dropped.
    """

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        global _relay
        if _relay is None:
            _relay = _Relay()
        self._relay = _relay
        jobs: set[int] = set()
        self._jobs = jobs
        relay = _relay
        self.destroyed.connect(lambda *_: [relay.waiting.pop(job, None) for job in jobs])

    def run(
        self,
        job: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        number = next(_numbers)
        self._jobs.add(number)
        self._relay.waiting[number] = (done, failed)
        relay = self._relay

        def work() -> None:
            try:
                value, error = job(), None
            except Exception as failure:
                value, error = None, failure
            relay.answered.emit(number, value, error)

        threading.Thread(target=work, name="ftpub-window", daemon=True).start()
