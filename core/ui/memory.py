"""What the window remembers between sessions: its geometry and the last task picked."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import platformdirs
from qtpy import QtCore

from ftpub.core.context import TaskContext


def settings_file() -> Path:
    return platformdirs.user_config_path("ftpub") / "window.ini"


class Memory:
    """An INI file in the user's config folder (``~/.config/ftpub/window.ini`` on Linux)."""

    def __init__(self, path: Path | None = None) -> None:
        self.settings = QtCore.QSettings(
            str(path or settings_file()), QtCore.QSettings.Format.IniFormat
        )

    def geometry(self) -> QtCore.QByteArray | None:
        value = self.settings.value("window/geometry")
        return value if isinstance(value, QtCore.QByteArray) else None

    def set_geometry(self, geometry: QtCore.QByteArray) -> None:
        self.settings.setValue("window/geometry", geometry)
        self.settings.sync()

    def task(self) -> TaskContext | None:
        text = self.settings.value("task/last")
        if not isinstance(text, str):
            return None
        try:
            return TaskContext(**json.loads(text))
        except (TypeError, ValueError):
            return None

    def set_task(self, task: TaskContext) -> None:
        self.settings.setValue("task/last", json.dumps(dataclasses.asdict(task)))
        self.settings.sync()
