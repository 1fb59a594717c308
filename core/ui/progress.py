"""Progress of a run: steps done of the steps expected, and files and bytes during transfers."""

from __future__ import annotations

import pyblish.api
import pyblish.logic
from qtpy import QtCore, QtWidgets

from ftpub.core.files.progress import TransferProgress, format_bytes
from ftpub.core.result import Stage
from ftpub.core.runner import Run


def _steps_of(plugin: type[pyblish.api.Plugin], active: list[pyblish.api.Instance]) -> int:
    matching = pyblish.logic.instances_by_plugin(active, plugin)
    if issubclass(plugin, pyblish.api.InstancePlugin):
        return len(matching)
    return 1 if "*" in plugin.families or matching else 0


def expected_steps(run: Run) -> int:
    """Steps done plus those the plugins after the current one would take on today's instances.

    An estimate: collectors add instances and failures stop the run early.
    """
    active = [i for i in run.context if i.data.get("publish") is not False]
    plugins = [
        plugin
        for plugin in run.plugins
        if plugin.active and Stage.of(plugin.order) <= run.last_stage
    ]
    if not run.steps:
        return sum(_steps_of(plugin, active) for plugin in plugins)
    names = [plugin.__name__ for plugin in plugins]
    current = run.steps[-1].plugin
    index = names.index(current) if current in names else len(names) - 1
    done_here = sum(1 for step in run.steps if step.plugin == current)
    remaining = max(_steps_of(plugins[index], active) - done_here, 0)
    remaining += sum(_steps_of(plugin, active) for plugin in plugins[index + 1 :])
    return len(run.steps) + remaining


class ProgressPanel(QtWidgets.QWidget):
    """A bar and a line: ``Step 12 of 57 · Validate names [chair]``, and what transfers did."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.line = QtWidgets.QLabel("Ready.")
        self.line.setObjectName("progressLine")
        self.transfer = QtWidgets.QLabel()
        self.transfer.setObjectName("transferLine")
        self.transfer.setAlignment(QtCore.Qt.AlignmentFlag.AlignRight)
        for label in (self.line, self.transfer):
            # New text repaints the label only; the window is not laid out again.
            label.setSizePolicy(
                QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed
            )
        self._expected = 0
        self._plugin = ""
        self._transferred: TransferProgress | None = None
        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 3)
        row.addWidget(self.transfer, 2)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addLayout(row)

    def begin(self, text: str) -> None:
        """An empty bar and ``text`` until the run starts. Not a busy bar: its animation
        repaints the window 60 times a second, and goes on (in Fusion) after the bar counts
        again until it counts past 0."""
        self._expected, self._plugin, self._transferred = 0, "", None
        self._set_bar(0, 1)
        self.line.setText(text)
        self.transfer.setText("")

    def started(self, run: Run) -> None:
        """The run is under way: the bar counts its steps from now."""
        self._expected, self._plugin = expected_steps(run), ""
        self._set_bar(0, max(self._expected, 1))
        self.line.setText("Running…")

    def stepped(self, run: Run) -> None:
        """Show the run's last step."""
        step = run.steps[-1]
        if step.plugin != self._plugin or len(run.steps) > self._expected:
            self._plugin = step.plugin
            self._expected = max(expected_steps(run), len(run.steps))
        done = len(run.steps)
        self._set_bar(done, self._expected)
        self.line.setText(
            f"Step {done} of {self._expected} · {step.label} [{step.instance or 'context'}]"
        )

    def transferred(self, progress: TransferProgress) -> None:
        """``Transferring 3 / 12 files  1.0 GB / 2.0 GB``."""
        self._transferred = progress
        self.transfer.setText(f"Transferring {progress.text()}")

    def end(self, text: str) -> None:
        self._set_bar(1, 1)
        self.line.setText(text)
        done = self._transferred
        self.transfer.setText(
            f"{done.files_done} files, {format_bytes(done.bytes_done)} transferred"
            if done is not None and done.files_done
            else ""
        )

    def _set_bar(self, value: int, maximum: int) -> None:
        """Set the bar; it repaints with the rest of the window (QProgressBar.setValue alone
        repaints at once, each time)."""
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, maximum)
        self.bar.setValue(value)
        self.bar.setUpdatesEnabled(True)
