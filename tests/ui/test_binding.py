"""The Qt binding the window runs on keeps Python's reference counts (PySide6 6.12.0 did not:
each signal emit() dropped a reference to True, and a long session crashed)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from qtpy import QtCore


class _Emitter(QtCore.QObject):
    ping = QtCore.Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp: Any) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.ping.connect(received.append, QtCore.Qt.ConnectionType.QueuedConnection)
    before = sys.getrefcount(True), sys.getrefcount(None)

    for _ in range(200):
        emitter.ping.emit(None)
    worker = threading.Thread(target=lambda: [emitter.ping.emit(None) for _ in range(200)])
    worker.start()
    worker.join()
    qapp.processEvents()

    assert len(received) == 400
    received.clear()
    # The faulty binding drops one reference per emit (400 here); nothing else comes close.
    assert sys.getrefcount(True) > before[0] - 100
    assert sys.getrefcount(None) > before[1] - 100
