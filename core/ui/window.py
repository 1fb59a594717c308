"""The publish window: task, instances, comment, Validate/Publish/Stop, results, log, versions."""

from __future__ import annotations

from pathlib import Path

from qtpy import QtCore, QtGui, QtWidgets

from ftpub.core import report
from ftpub.core.actions import Offer
from ftpub.core.context import TaskContext, resolve_task
from ftpub.core.files.progress import TransferProgress
from ftpub.core.host import HostAdapter, HostError
from ftpub.core.result import Outcome, PublishResult, Record, Stage, StepResult
from ftpub.core.ui.background import Background
from ftpub.core.ui.desktop import DesktopHost
from ftpub.core.ui.drop_panel import DropPanel
from ftpub.core.ui.instances import InstanceList
from ftpub.core.ui.log_view import LogView
from ftpub.core.ui.memory import Memory
from ftpub.core.ui.picker import TaskPicker
from ftpub.core.ui.progress import ProgressPanel
from ftpub.core.ui.publisher import Publisher, SessionFactory
from ftpub.core.ui.results import ResultsView
from ftpub.core.ui.style import STYLE_SHEET
from ftpub.core.ui.tracker import VersionView
from ftpub.core.ui.versions import VersionsView

OUTCOME_TEXT = {
    Outcome.PUBLISHED: "Published.",
    Outcome.VALIDATED: "Everything is valid: ready to publish.",
    Outcome.INVALID: "Validation failed: fix the problems shown, then validate again.",
    Outcome.FAILED: "The publish failed; nothing of it was kept.",
    Outcome.STOPPED: "Stopped: nothing after the last step ran.",
    Outcome.NOT_STARTED: "Nothing was run.",
}
RESULTS_TAB, LOG_TAB, PUBLISHED_TAB = range(3)
RESOLVING = "Looking the task up in ftrack…"
#: How often the widgets show the steps run meanwhile (each repaint costs the run time).
REFRESH_MS = 200


def task_text(task: TaskContext | None) -> str:
    if task is None:
        return "No task chosen"
    return f"{task.project_name} / {task.parent_name} / {task.task_name}"


class PublishWindow(QtWidgets.QWidget):
    """One window for ``host``; ``validate_only`` hides Publish (the Validate… menu entry)."""

    def __init__(
        self,
        host: HostAdapter,
        targets: tuple[str, ...],
        connect: SessionFactory,
        validate_only: bool = False,
        task_id: str | None = None,
        comment: str = "",
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setObjectName("ftpubPublishWindow")
        self.setWindowTitle("ftpub · Validate" if validate_only else "ftpub · Publish")
        self.setStyleSheet(STYLE_SHEET)
        self.memory = Memory()
        self.open_session = connect
        self.publisher = Publisher(host, targets, connect, self)
        self._background = Background(self)
        self._failed: set[str] = set()
        self._validate_when_task = False
        self._pending: list[StepResult] = []
        self._refresh = QtCore.QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._show_steps)

        self.task_label = QtWidgets.QLabel()
        self.task_label.setObjectName("task")
        self.change_task = QtWidgets.QPushButton("Change &task…")
        self.banner = QtWidgets.QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.instances = InstanceList()
        self.results = ResultsView()
        self.log = LogView()
        self.versions = VersionsView()
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.addTab(self.results, "&Results")
        self.tabs.addTab(self.log, "&Log")
        self.tabs.addTab(self.versions, "Publis&hed")
        self.comment = QtWidgets.QPlainTextEdit(comment)
        self.comment.setPlaceholderText("Comment: what changed in this publish")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(64)
        self.comment.setAccessibleName("Comment")
        self.progress = ProgressPanel()
        self.save_report = QtWidgets.QPushButton("Save &report…")
        self.validate_button = QtWidgets.QPushButton("&Validate")
        self.publish_button = QtWidgets.QPushButton("&Publish")
        self.publish_button.setObjectName("primary")
        self.publish_button.setVisible(not validate_only)
        self.publish_button.setToolTip("Validate, extract and publish to ftrack (Ctrl+Enter)")
        self.stop_button = QtWidgets.QPushButton("&Stop")
        self.stop_button.setToolTip("Stop before the next step (Esc)")
        self.drop_panel = DropPanel(host, self.instances) if isinstance(host, DesktopHost) else None
        self._layout()
        self._wire()
        self.setAcceptDrops(self.drop_panel is not None)
        self.instances.set_instances([mark.data for mark in host.publishables()])
        self._set_task(self.memory.task())
        if task_id:
            self._resolve_task(task_id)
        geometry = self.memory.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1000, 680)
        self._update_buttons()

    def _layout(self) -> None:
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel("Publishing to"))
        top.addWidget(self.task_label, 1)
        top.addWidget(self.change_task)
        left = QtWidgets.QWidget()
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        label = QtWidgets.QLabel("&Instances")
        label.setBuddy(self.instances)
        left_layout.addWidget(label)
        left_layout.addWidget(self.instances, 1)
        if self.drop_panel is not None:
            left_layout.addWidget(self.drop_panel)
        comment_label = QtWidgets.QLabel("&Comment")
        comment_label.setBuddy(self.comment)
        left_layout.addWidget(comment_label)
        left_layout.addWidget(self.comment)
        splitter = QtWidgets.QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.save_report)
        buttons.addStretch(1)
        for button in (self.stop_button, self.validate_button, self.publish_button):
            buttons.addWidget(button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def _wire(self) -> None:
        self.change_task.clicked.connect(self.pick_task)
        self.validate_button.clicked.connect(lambda: self.start(Stage.VALIDATE))
        self.publish_button.clicked.connect(lambda: self.start(Stage.INTEGRATE))
        self.stop_button.clicked.connect(self.stop)
        self.save_report.clicked.connect(self._ask_report_path)
        publish = QtGui.QShortcut(QtGui.QKeySequence("Ctrl+Return"), self)
        publish.activated.connect(self.publish_button.click)
        stop = QtGui.QShortcut(QtGui.QKeySequence("Escape"), self)
        stop.activated.connect(self.stop)
        self.publisher.message.connect(self._refused)
        self.publisher.started.connect(self.progress.started)
        self.publisher.stepped.connect(self._stepped)
        self.publisher.finished.connect(self._finished)
        self.publisher.transferred.connect(self._transferring)
        self.publisher.versions.connect(self._show_versions)
        self.results.action_requested.connect(self.run_action)
        if self.drop_panel is not None:
            self.drop_panel.changed.connect(self._update_buttons)

    def say(self, text: str, level: str = "error") -> None:
        """Show ``text`` in the banner above everything (empty hides it)."""
        self.banner.setText(text)
        self.banner.setProperty("level", level)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setVisible(bool(text))

    def _update_buttons(self) -> None:
        busy = self.publisher.busy
        has_instances = bool(self.instances.names())
        for widget in (self.validate_button, self.publish_button):
            widget.setEnabled(not busy and has_instances)
        self.stop_button.setEnabled(busy)
        self.change_task.setEnabled(not busy)
        self.instances.set_locked(busy)
        self.comment.setReadOnly(busy)
        self.save_report.setEnabled(not busy and self.publisher.result is not None)
        if self.drop_panel is not None:
            self.drop_panel.setEnabled(not busy)

    # Task

    def _set_task(self, task: TaskContext | None) -> None:
        self.publisher.task = task
        self.task_label.setText(task_text(task))
        self.task_label.setProperty("missing", task is None)
        self.task_label.style().unpolish(self.task_label)
        self.task_label.style().polish(self.task_label)
        if task is not None and self._validate_when_task:
            self._validate_when_task = False
            self.start(Stage.VALIDATE)

    def validate_when_ready(self) -> None:
        """Validate now, or as soon as the task is known (the Validate… menu entry)."""
        if self.publisher.busy:
            return
        if self.publisher.task is not None:
            self.start(Stage.VALIDATE)
        else:
            self._validate_when_task = True

    def _resolve_task(self, task_id: str) -> None:
        def job() -> TaskContext:
            session = self.open_session()
            try:
                return resolve_task(session, task_id)
            finally:
                session.close()

        self.publisher.task = None
        self.task_label.setText(RESOLVING)
        self._background.run(job, self._set_task, self._task_not_found)

    def _task_not_found(self, error: Exception) -> None:
        self._validate_when_task = False
        self._set_task(self.memory.task())
        self.say(f"Cannot use the task given: {error}. Choose one with Change task…")

    def pick_task(self) -> TaskPicker:
        """Open the task picker (non-modal, so the DCC keeps running); returns it."""
        picker = TaskPicker(self.open_session, self)
        picker.accepted.connect(lambda: self.task_picked(picker.chosen))
        picker.open()
        return picker

    def task_picked(self, task: TaskContext | None) -> None:
        """Publish to ``task`` from now on; the scene and the window remember it."""
        if task is None:
            return
        self._set_task(task)
        self.memory.set_task(task)
        try:
            self.publisher.host.store_task_id(task.task_id)
        except HostError as error:
            self.say(f"Publishing to this task, but the scene cannot keep it: {error}", "warning")
        else:
            self.say("")

    # Runs

    def start(self, last_stage: Stage) -> None:
        """Ask for a run; once asked, the views are reset and shown in one repaint."""
        if self.publisher.start(last_stage, self.comment.toPlainText(), self.instances.excluded()):
            # The banner says what runs rather than hiding: the window is not laid out anew.
            self.say("Publishing…" if last_stage is Stage.INTEGRATE else "Validating…", "info")
            self.progress.begin("Connecting to ftrack…")
            self.results.clear()
            self.log.clear()
            self.instances.reset_states()
            self._failed = set()
            # Before the window lays out again: a Published page left on top would lay out
            # its version cards for nothing.
            self.tabs.setCurrentIndex(RESULTS_TAB)
        self._update_buttons()

    def stop(self) -> None:
        if self.publisher.busy:
            self.publisher.stop()
            self.progress.line.setText("Stopping after the current step…")

    def _refused(self, text: str) -> None:
        self.say(text)
        if not self.publisher.busy:
            self.progress.end("Ready.")
        self._update_buttons()

    def _stepped(self, step: StepResult) -> None:
        """Queue the step; the widgets catch up at most every :data:`REFRESH_MS`."""
        self._pending.append(step)
        if not self._refresh.isActive():
            self._refresh.start()

    def _transferring(self, progress: TransferProgress) -> None:
        """Show the transfer, and the steps so far at once: the main thread waits meanwhile."""
        self._show_steps()
        self.progress.transferred(progress)

    def _show_steps(self) -> None:
        self._refresh.stop()
        steps, self._pending = self._pending, []
        if not steps:
            return
        self.results.add_steps(steps)
        self.instances.show_steps(steps, self._failed)
        records: list[Record] = []
        for step in steps:
            records.extend(step.records)
            if step.error is not None:
                records.append(Record("ERROR", step.plugin, step.error.line()))
        self.log.add(records)
        if self.publisher.run is not None:
            self.progress.stepped(self.publisher.run)

    def _finished(self, result: PublishResult) -> None:
        self._show_steps()
        self.instances.show_outcome(result.outcome, self._failed, result.handed_over)
        self.results.set_offers(self.publisher.offers())
        text = OUTCOME_TEXT[result.outcome]
        if result.error is not None:
            self.say(f"{result.error.title}: {result.error.description}")
            self.tabs.setCurrentIndex(RESULTS_TAB)
        elif result.outcome is Outcome.PUBLISHED:
            count = len(result.versions)
            seconds = result.duration_ms / 1000
            text = f"Published {count} version{'s' * (count != 1)} in {seconds:.1f} s."
            self.say(text, "success")
            self.versions.show_versions(f"{text} Reading them back from ftrack…", [])
            self.tabs.setCurrentIndex(PUBLISHED_TAB)
        elif result.outcome is Outcome.VALIDATED:
            self.say(text, "success")
        else:
            self.say(text, "warning")
        self.progress.end(text)
        self._update_buttons()

    def _show_versions(self, views: list[VersionView]) -> None:
        result = self.publisher.result
        count = len(views)
        summary = f"{count} version{'s' * (count != 1)} published"
        if result is not None and self.publisher.task is not None:
            summary += f" to {task_text(self.publisher.task)}"
        self.versions.show_versions(summary + ".", views)

    def run_action(self, offer: Offer) -> None:
        """Run an Action the artist clicked, then offer what applies now."""
        result = self.publisher.run_action(offer)
        self.results.show_action_result(result)
        self.log.add(result.records)
        if result.error is None:
            self.say(f"“{result.label}” done: validate again to check.", "success")
        else:
            self.say(f"“{result.label}” failed: {result.error.title}: {result.error.description}")

    # Report

    def _ask_report_path(self) -> None:
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Save the publish report", str(Path.home() / "ftpub_report.json"), "JSON (*.json)"
        )
        if name:
            self.write_report(Path(name))

    def write_report(self, path: Path) -> None:
        assert self.publisher.result is not None
        try:
            report.write_report(self.publisher.result, path)
        except OSError as error:
            self.say(f"Cannot save the report to {path}: {error.strerror}")
        else:
            self.say(f"Report saved to {path}", "success")

    # Drops and window events

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if self.drop_panel is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        if self.drop_panel is None or self.publisher.busy:
            return
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        assert self.drop_panel is not None
        self.say(self.drop_panel.add_paths(paths), "warning")

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        self.memory.set_geometry(self.saveGeometry())
        super().hideEvent(event)
