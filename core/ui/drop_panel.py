"""Controls of the stand-alone window: add files, choose family and asset type, remove."""

from __future__ import annotations

from pathlib import Path

from qtpy import QtCore, QtWidgets

from ftpub.core.ui.desktop import ASSET_TYPES, FAMILIES, DesktopHost, instances_from_paths
from ftpub.core.ui.instances import InstanceList


class DropPanel(QtWidgets.QWidget):
    """Edits ``host``'s instances through ``instances``; ``changed`` after every edit."""

    changed = QtCore.Signal()

    def __init__(
        self, host: DesktopHost, instances: InstanceList, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.instances = instances
        self.hint = QtWidgets.QLabel("Drop files, folders or image sequences here.")
        self.hint.setObjectName("dropHint")
        self.hint.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.family = QtWidgets.QComboBox()
        self.family.setEditable(True)
        self.family.addItems(FAMILIES)
        self.family.setAccessibleName("Family")
        self.asset_type = QtWidgets.QComboBox()
        self.asset_type.setEditable(True)
        self.asset_type.addItems(ASSET_TYPES)
        self.asset_type.setAccessibleName("Asset type")
        self.add_button = QtWidgets.QPushButton("&Add files…")
        self.remove_button = QtWidgets.QPushButton("Re&move")
        form = QtWidgets.QFormLayout()
        form.addRow("Famil&y", self.family)
        form.addRow("Asset t&ype", self.asset_type)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._browse)
        self.remove_button.clicked.connect(self._remove)
        self.family.activated.connect(lambda _: self._set(family=self.family.currentText()))
        self.asset_type.activated.connect(
            lambda _: self._set(asset_type=self.asset_type.currentText())
        )
        instances.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def add_paths(self, paths: list[Path]) -> str:
        """Add instances for ``paths``; returns a message when nothing could be added."""
        missing = [path for path in paths if not path.exists()]
        added = self.host.add(instances_from_paths(paths))
        self._refresh()
        if missing:
            return f"Not found, not added: {', '.join(str(path) for path in missing)}"
        return "" if added else "No files found in what was dropped."

    def _browse(self) -> None:
        files, _ = QtWidgets.QFileDialog.getOpenFileNames(self, "Add files to publish")
        if files:
            self.add_paths([Path(file) for file in files])

    def _remove(self) -> None:
        for name in self.instances.selected_names():
            self.host.remove(name)
        self._refresh()

    def _set(self, family: str | None = None, asset_type: str | None = None) -> None:
        for name in self.instances.selected_names():
            self.host.change(name, family=family, asset_type=asset_type)
        self._refresh()

    def _refresh(self) -> None:
        selected = self.instances.selected_names()
        self.instances.set_instances(self.host.instances)
        if selected:
            self.instances.clearSelection()
            for name in selected:
                for item in self.instances.findItems(name, QtCore.Qt.MatchFlag.MatchExactly):
                    item.setSelected(True)
        self.changed.emit()

    def _selection_changed(self) -> None:
        names = set(self.instances.selected_names())
        chosen = [instance for instance in self.host.instances if instance.name in names]
        for widget in (self.family, self.asset_type, self.remove_button):
            widget.setEnabled(bool(chosen))
        if chosen:
            self.family.setCurrentText(chosen[0].family)
            self.asset_type.setCurrentText(chosen[0].asset_type)
        self.hint.setVisible(not self.host.instances)
