"""Drives a :class:`~ftpub.core.runner.Run` one step per event-loop turn, on the main thread.

Between two steps Qt repaints and handles clicks, so the DCC stays responsive and Stop acts
before the next step. Plugins never run in a worker thread (DCC APIs crash there).
"""

from __future__ import annotations

from qtpy import QtCore

from ftpub.core.result import PublishResult
from ftpub.core.runner import Run


class RunDriver(QtCore.QObject):
    """Steps ``run`` from a zero-timeout timer; instances named in ``excluded`` are not published.

    ``stepped(StepResult)`` follows each step; ``finished(PublishResult)`` ends the run.
    """

    stepped = QtCore.Signal(object)
    finished = QtCore.Signal(object)

    def __init__(
        self, run: Run, excluded: frozenset[str], parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.run = run
        self.excluded = excluded
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next)
        self._instances = 0

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """End the run before its next step (a step under way finishes first)."""
        self.run.stop()

    def _next(self) -> None:
        if len(self.run.context) != self._instances:  # collectors added instances
            self._instances = len(self.run.context)
            for instance in self.run.context:
                if instance.name in self.excluded:
                    instance.data["publish"] = False
        step = self.run.step()
        if step is None:
            self.finished.emit(self.run.result())
            return
        self.stepped.emit(step)
        self._timer.start()

    def result(self) -> PublishResult:
        return self.run.result()
