"""The log of a publish: the last :data:`CAPACITY` records, shown from a chosen level up."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable

from qtpy import QtWidgets

from ftpub.core.result import Record

CAPACITY = 2000
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
DEFAULT_LEVEL = "INFO"


def _number(level: str) -> int:
    number = logging.getLevelName(level)
    return number if isinstance(number, int) else logging.INFO


class LogView(QtWidgets.QWidget):
    """A level filter above a read-only text view; older records drop off past the capacity."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: deque[Record] = deque(maxlen=CAPACITY)
        self.level = QtWidgets.QComboBox()
        self.level.addItems(LEVELS)
        self.level.setCurrentText(DEFAULT_LEVEL)
        self.level.setAccessibleName("Log level")
        self.level.currentTextChanged.connect(self._refilter)
        label = QtWidgets.QLabel("&Show from")
        label.setBuddy(self.level)
        self.text = QtWidgets.QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(CAPACITY)
        self.text.setObjectName("log")
        self.text.setAccessibleName("Log")
        row = QtWidgets.QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.level)
        row.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text)

    def add(self, records: Iterable[Record]) -> None:
        minimum = _number(self.level.currentText())
        shown = []
        for record in list(records)[-CAPACITY:]:
            self.records.append(record)
            if _number(record.level) >= minimum:
                shown.append(_line(record))
        if shown:
            self.text.appendPlainText("\n".join(shown))

    def clear(self) -> None:
        self.records.clear()
        self.text.clear()

    def shown_lines(self) -> list[str]:
        text = self.text.toPlainText()
        return text.splitlines() if text else []

    def _refilter(self, level: str) -> None:
        minimum = _number(level)
        self.text.setPlainText(
            "\n".join(_line(record) for record in self.records if _number(record.level) >= minimum)
        )


def _line(record: Record) -> str:
    return f"{record.level:<7} {record.logger}: {record.message}"
