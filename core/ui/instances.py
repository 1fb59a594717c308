"""The instance list: one row per product, a toggle, its family's icon and its state."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qtpy import QtCore, QtWidgets

from ftpub.core.publish_data import InstanceData
from ftpub.core.result import HandedOver, Outcome, Stage, State, StepResult
from ftpub.core.ui.icons import family_icon, state_icon

NAME, FAMILY, STATE = range(3)


class InstanceList(QtWidgets.QTreeWidget):
    """Checkable instances; :meth:`excluded` names those the artist switched off."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Instance", "Family", "State"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAccessibleName("Instances")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.resizeSection(FAMILY, 90)
        header.resizeSection(STATE, 150)
        self._items: dict[str, QtWidgets.QTreeWidgetItem] = {}
        self._checked: dict[str, bool] = {}
        self.itemChanged.connect(self._toggled)

    def _toggled(self, item: QtWidgets.QTreeWidgetItem, column: int) -> None:
        """A toggle changed: the instance is ``ready`` or ``skipped``."""
        name = item.text(NAME)
        on = item.checkState(NAME) == QtCore.Qt.CheckState.Checked
        if column != NAME or self._checked.get(name, on) == on:
            return
        self._checked[name] = on
        self.set_states({name: ("ready", "pending") if on else ("skipped", "skipped")})

    def set_locked(self, locked: bool) -> None:
        """While a run is under way the toggles cannot change (the list stays readable)."""
        blocker = QtCore.QSignalBlocker(self)  # flags only: no toggle changes, no itemChanged
        for item in self._items.values():
            flags = item.flags()
            checkable = QtCore.Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags & ~checkable if locked else flags | checkable)
        blocker.unblock()

    def set_instances(self, instances: Sequence[InstanceData]) -> None:
        """Show ``instances``, keeping the toggles of those already listed."""
        excluded = self.excluded()
        self.clear()
        self._items = {}
        self._checked = {instance.name: instance.name not in excluded for instance in instances}
        for instance in instances:
            item = QtWidgets.QTreeWidgetItem([instance.name, instance.family, ""])
            item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                NAME,
                QtCore.Qt.CheckState.Unchecked
                if instance.name in excluded
                else QtCore.Qt.CheckState.Checked,
            )
            item.setIcon(NAME, family_icon(instance.family))
            item.setIcon(STATE, state_icon("pending"))
            item.setToolTip(NAME, _describe(instance))
            self._items[instance.name] = item
        self.addTopLevelItems(list(self._items.values()))
        self.resizeColumnToContents(FAMILY)
        self.reset_states()
        if self._items:
            self.setCurrentItem(next(iter(self._items.values())))

    def names(self) -> list[str]:
        return list(self._items)

    def excluded(self) -> frozenset[str]:
        return frozenset(
            name
            for name, item in self._items.items()
            if item.checkState(NAME) != QtCore.Qt.CheckState.Checked
        )

    def set_checked(self, name: str, checked: bool) -> None:
        state = QtCore.Qt.CheckState.Checked if checked else QtCore.Qt.CheckState.Unchecked
        self._items[name].setCheckState(NAME, state)

    def selected_names(self) -> list[str]:
        return [item.text(NAME) for item in self.selectedItems()]

    def state_of(self, name: str) -> str:
        return self._items[name].text(STATE)

    def set_states(self, states: Mapping[str, tuple[str, str]]) -> None:
        """Each named instance's state text and icon name (unknown names are ignored)."""
        blocker = QtCore.QSignalBlocker(self)  # a state is no toggle: no itemChanged
        for name, (state, icon) in states.items():
            item = self._items.get(name)
            if item is not None and item.text(STATE) != state:
                item.setText(STATE, state)
                item.setIcon(STATE, state_icon(icon))
        blocker.unblock()

    def show_steps(self, steps: Sequence[StepResult], failed: set[str]) -> None:
        """Each instance's state after ``steps``: the stage it passed last, or its failure
        (an instance that failed is added to ``failed`` and keeps its failure)."""
        states: dict[str, tuple[str, str]] = {}
        for step in steps:
            if step.instance is None:
                continue
            if step.state is State.FAILED:
                failed.add(step.instance)
                states[step.instance] = (f"failed ({step.label})", "failed")
            elif step.instance not in failed:
                states[step.instance] = (STAGE_DONE[step.stage], "running")
        self.set_states(states)

    def show_outcome(
        self, outcome: Outcome, failed: set[str], handed_over: Sequence[HandedOver] = ()
    ) -> None:
        """Once a run ended: the state of each instance not failed nor switched off, and where
        the instances handed over went."""
        text, icon = FINAL_STATES.get(outcome, NOT_PUBLISHED)
        excluded = self.excluded()
        elsewhere = {handed.instance: handed for handed in handed_over}
        states: dict[str, tuple[str, str]] = {}
        for name in self._items:
            if name in elsewhere:
                states[name] = (f"handed to {elsewhere[name].to}", "success")
                self._items[name].setToolTip(STATE, elsewhere[name].detail)
            elif name not in failed and name not in excluded:
                states[name] = (text, icon)
        self.set_states(states)

    def reset_states(self) -> None:
        """Every instance back to ``ready``, or ``skipped`` when switched off."""
        excluded = self.excluded()
        self.set_states(
            {
                name: ("skipped", "skipped") if name in excluded else ("ready", "pending")
                for name in self._items
            }
        )


#: An instance's state once a step of each stage passed on it.
STAGE_DONE = {
    Stage.COLLECT: "collected",
    Stage.VALIDATE: "validated",
    Stage.EXTRACT: "extracted",
    Stage.INTEGRATE: "published",
}
#: An instance's state (text, icon) once a run ended, unless it failed or was switched off.
FINAL_STATES = {
    Outcome.PUBLISHED: ("published", "success"),
    Outcome.VALIDATED: ("valid", "success"),
    Outcome.STOPPED: ("stopped", "stopped"),
}
NOT_PUBLISHED = ("not published", "pending")


def _describe(instance: InstanceData) -> str:
    lines = [f"{instance.asset_name} ({instance.asset_type})"]
    lines.extend(str(representation.path) for representation in instance.representations)
    return "\n".join(lines)
