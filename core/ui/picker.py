"""The task picker: project → hierarchy → task, read from ftrack, with a search box.

Every ftrack call runs in a worker thread; an unreachable server is a message and a Retry
button in the dialog, never a frozen window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import ftrack_api
from qtpy import QtCore, QtWidgets

from ftpub.core.context import TaskContext
from ftpub.core.ui import tracker
from ftpub.core.ui.background import Background
from ftpub.core.ui.tracker import Node

NODE_ROLE = QtCore.Qt.ItemDataRole.UserRole
LOADING = "Loading…"

SessionFactory = Callable[[], ftrack_api.Session]


class TaskPicker(QtWidgets.QDialog):
    """Pick a task; :attr:`chosen` is its :class:`TaskContext` once accepted."""

    def __init__(self, connect: SessionFactory, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the task to publish to")
        self.resize(460, 520)
        self.chosen: TaskContext | None = None
        self._connect = connect
        self._session: ftrack_api.Session | None = None
        self._lock = threading.Lock()
        self._background = Background(self)
        self._nodes: dict[str, Node] = {}
        self._items: dict[str, QtWidgets.QTreeWidgetItem] = {}

        self.search = QtWidgets.QLineEdit()
        self.search.setPlaceholderText("Search loaded projects: shot, asset or task name")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search")
        self.search.textChanged.connect(self._filter)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["Name", "Type"])
        self.tree.setAccessibleName("Projects and tasks")
        self.tree.header().setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.tree.itemExpanded.connect(self._expanded)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._activated)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.retry = QtWidgets.QPushButton("&Retry")
        self.retry.clicked.connect(self.load)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button.setEnabled(False)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.retry)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.load()

    @property
    def ok_button(self) -> QtWidgets.QPushButton:
        return self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)

    def load(self) -> None:
        """(Re)load the projects."""
        self.retry.setVisible(False)
        self._say("Connecting to ftrack…")
        self._background.run(
            lambda: self._query(tracker.projects), self._show_projects, self._failed
        )

    def done(self, code: int) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            threading.Thread(target=session.close, daemon=True).start()
        super().done(code)

    def accept(self) -> None:
        node = self._current_node()
        if node is None or not node.is_task:
            self._say("Choose a task (not a shot or a folder).")
            return
        self.chosen = tracker.task_context(node, self._nodes)
        super().accept()

    def _query(self, read: Callable[..., list[Node]], *args: Node) -> list[Node]:
        with self._lock:
            if self._session is None:
                self._session = self._connect()
            return read(self._session, *args)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _failed(self, error: Exception) -> None:
        self._say(f"Cannot read ftrack: {error}")
        self.retry.setVisible(True)

    def _add(self, node: Node, parent: QtWidgets.QTreeWidgetItem | None) -> None:
        item = QtWidgets.QTreeWidgetItem([node.name, node.kind])
        item.setData(0, NODE_ROLE, node)
        self._nodes[node.id] = node
        self._items[node.id] = item
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)

    def _show_projects(self, projects: list[Node]) -> None:
        self.tree.clear()
        self._nodes, self._items = {}, {}
        for project in projects:
            self._add(project, None)
            self._items[project.id].addChild(QtWidgets.QTreeWidgetItem([LOADING]))
        self._say("" if projects else "ftrack has no project you can see.")

    def _expanded(self, item: QtWidgets.QTreeWidgetItem) -> None:
        node = item.data(0, NODE_ROLE)
        first = item.child(0)
        if item.childCount() != 1 or first is None or first.text(0) != LOADING:
            return
        if node.kind != "Project":
            return
        self._background.run(
            lambda: self._query(tracker.hierarchy, node),
            lambda nodes: self._show_hierarchy(node, nodes),
            self._failed,
        )

    def _show_hierarchy(self, project: Node, nodes: list[Node]) -> None:
        project_item = self._items[project.id]
        project_item.takeChildren()
        pending = list(nodes)
        while pending:
            placed = [
                (node, parent)
                for node in pending
                if (parent := self._items.get(node.parent_id or "")) is not None
            ]
            if not placed:
                break
            for node, parent in placed:
                self._add(node, parent)
            pending = [node for node in pending if node.id not in self._items]
        self._say("")
        self._filter(self.search.text())

    def _current_node(self) -> Node | None:
        item = self.tree.currentItem()
        node = item.data(0, NODE_ROLE) if item is not None else None
        return node if isinstance(node, Node) else None

    def _current_changed(self, *_: object) -> None:
        node = self._current_node()
        self.ok_button.setEnabled(node is not None and node.is_task)

    def _activated(self, item: QtWidgets.QTreeWidgetItem) -> None:
        node = item.data(0, NODE_ROLE)
        if isinstance(node, Node) and node.is_task:
            self.accept()

    def select(self, task_id: str) -> None:
        """Make the task ``task_id`` (already loaded) the current item."""
        self.tree.setCurrentItem(self._items[task_id])

    def _filter(self, text: str) -> None:
        """Show the items whose name (or path) contains ``text``, with their ancestors."""
        words = text.lower().split()
        for node_id, item in self._items.items():
            path = self._path(node_id).lower()
            item.setHidden(bool(words) and not all(word in path for word in words))
        for item in self._items.values():
            if not item.isHidden():
                parent = item.parent()
                while parent is not None:
                    parent.setHidden(False)
                    if words:
                        parent.setExpanded(True)
                    parent = parent.parent()

    def _path(self, node_id: str) -> str:
        names = []
        node = self._nodes.get(node_id)
        while node is not None:
            names.append(node.name)
            node = self._nodes.get(node.parent_id) if node.parent_id else None
        return " ".join(reversed(names))
