"""Results per plugin and instance; the selected one's error (title, description, detail on demand)
and the repair Actions its plugin offers, which run only when clicked."""

from __future__ import annotations

from collections.abc import Sequence

from qtpy import QtCore, QtWidgets

from ftpub.core.actions import ActionResult, Offer
from ftpub.core.result import State, StepResult
from ftpub.core.ui.icons import state_icon

STEP_ROLE = QtCore.Qt.ItemDataRole.UserRole
TIME_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
EMPTY = "Each plugin's result shows here as it runs: select one to see its detail."


class ResultsView(QtWidgets.QWidget):
    """A tree of plugins and their steps, and the detail of the selected step.

    ``action_requested(Offer)`` is emitted when the artist clicks an Action's button.
    """

    action_requested = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["Plugin / instance", "Time"])
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Results")
        self.tree.header().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(1, 90)
        self.tree.currentItemChanged.connect(self._show_current)

        self.title = QtWidgets.QLabel()
        self.title.setObjectName("errorTitle")
        self.title.setWordWrap(True)
        self.description = QtWidgets.QLabel()
        self.description.setWordWrap(True)
        self.description.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.MinimumExpanding
        )
        self.description.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.detail_button = QtWidgets.QToolButton()
        self.detail_button.setText("Technical detail")
        self.detail_button.setCheckable(True)
        self.detail_button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.detail_button.setArrowType(QtCore.Qt.ArrowType.RightArrow)
        self.detail_button.toggled.connect(self._toggle_detail)
        self.detail = QtWidgets.QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setObjectName("detail")
        self.detail.setVisible(False)
        self.actions_row = QtWidgets.QHBoxLayout()
        self.actions_row.addStretch(1)
        self.action_message = QtWidgets.QLabel()
        self.action_message.setWordWrap(True)

        panel = QtWidgets.QFrame()
        panel.setObjectName("detailPanel")
        layout = QtWidgets.QVBoxLayout(panel)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.action_message)
        layout.addWidget(self.detail_button)
        layout.addWidget(self.detail, 1)
        layout.addStretch(1)
        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(panel)
        splitter.setSizes([360, 300])
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)

        self._plugins: dict[str, QtWidgets.QTreeWidgetItem] = {}
        self._failure_shown = False
        self._offers: Sequence[Offer] = ()
        self.action_buttons: list[QtWidgets.QPushButton] = []
        self.clear()

    def clear(self) -> None:
        self.tree.clear()
        self._plugins = {}
        self._failure_shown = False
        self._offers = ()
        self._show(None, None)

    def add_steps(self, steps: Sequence[StepResult]) -> None:
        """Add ``steps`` under their plugins' rows, each row's new children put in at once (the
        tree lays out once per row, not per step); the run's first failure becomes current."""
        children: dict[str, list[QtWidgets.QTreeWidgetItem]] = {}
        durations: dict[str, float] = {}
        added: list[QtWidgets.QTreeWidgetItem] = []
        failures: list[QtWidgets.QTreeWidgetItem] = []
        for step in steps:
            if step.plugin not in self._plugins:
                self._plugins[step.plugin] = _plugin_row(step)
                added.append(self._plugins[step.plugin])
            failed = step.state is State.FAILED
            child = QtWidgets.QTreeWidgetItem(
                [step.instance or "context", f"{step.duration_ms:.0f} ms"]
            )
            child.setData(0, STEP_ROLE, step)
            child.setIcon(0, state_icon("failed" if failed else "success"))
            children.setdefault(step.plugin, []).append(child)
            durations[step.plugin] = durations.get(step.plugin, 0.0) + step.duration_ms
            if failed:
                failures.append(child)
        for name, items in children.items():
            row = self._plugins[name]
            row.addChildren(items)
            total = row.data(1, TIME_ROLE) + durations[name]
            row.setData(1, TIME_ROLE, total)
            row.setText(1, f"{total:.0f} ms")
        self.tree.addTopLevelItems(added)
        for child in failures:
            row = self._plugins[child.data(0, STEP_ROLE).plugin]
            row.setIcon(0, state_icon("failed"))
            row.setExpanded(True)
        if failures and not self._failure_shown:
            self._failure_shown = True
            self.tree.setCurrentItem(failures[0])

    def set_offers(self, offers: Sequence[Offer]) -> None:
        """The Actions the run's plugins offer now; buttons show for the selected plugin."""
        if not offers and not self._offers:
            return  # no button to add or remove: the detail shown stays right
        self._offers = offers
        self._show_current(self.tree.currentItem(), None)

    def show_action_result(self, result: ActionResult) -> None:
        if result.error is None:
            lines = [f"“{result.label}” done."]
            lines.extend(record.message for record in result.records[-5:])
            self.action_message.setText("\n".join(lines))
        else:
            self.action_message.setText(
                f"“{result.label}” failed: {result.error.title}: {result.error.description}"
            )
            self.detail.setPlainText(result.error.detail)

    def _toggle_detail(self, shown: bool) -> None:
        self.detail.setVisible(shown)
        self.detail_button.setArrowType(
            QtCore.Qt.ArrowType.DownArrow if shown else QtCore.Qt.ArrowType.RightArrow
        )

    def _show_current(
        self, item: QtWidgets.QTreeWidgetItem | None, _previous: QtWidgets.QTreeWidgetItem | None
    ) -> None:
        if item is None:
            self._show(None, None)
            return
        data = item.data(0, STEP_ROLE)
        if isinstance(data, StepResult):
            self._show(data, data.plugin)
        else:
            self._show(None, data)

    def _show(self, step: StepResult | None, plugin: str | None) -> None:
        error = step.error if step is not None else None
        if error is not None:
            self.title.setText(error.title)
            self.description.setText(error.description)
            self.detail.setPlainText(error.detail)
        elif step is not None:
            self.title.setText(f"{step.label}: {step.instance or 'context'} passed")
            self.description.setText("\n".join(record.message for record in step.records[-10:]))
            self.detail.setPlainText("")
        else:
            self.title.setText(EMPTY if plugin is None else "")
            self.description.setText("")
            self.detail.setPlainText("")
        self.title.setProperty("failed", error is not None)
        self.title.style().unpolish(self.title)
        self.title.style().polish(self.title)
        self.detail_button.setVisible(bool(self.detail.toPlainText()))
        self.detail.setVisible(self.detail_button.isChecked() and self.detail_button.isVisible())
        self.action_message.setText("")
        for button in self.action_buttons:
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = []
        for offer in self._offers:
            if offer.plugin_name == plugin:
                button = QtWidgets.QPushButton(offer.label)
                button.setObjectName("actionButton")
                button.setToolTip(offer.action.__doc__ or "")
                button.clicked.connect(lambda _=False, o=offer: self.action_requested.emit(o))
                self.actions_row.insertWidget(len(self.action_buttons), button)
                self.action_buttons.append(button)


def _plugin_row(step: StepResult) -> QtWidgets.QTreeWidgetItem:
    """A plugin's row (its children are its steps), passed until a step fails."""
    row = QtWidgets.QTreeWidgetItem([f"{step.stage.name.title()} · {step.label}", ""])
    row.setData(0, STEP_ROLE, step.plugin)
    row.setIcon(0, state_icon("success"))
    row.setData(1, TIME_ROLE, 0.0)
    return row
