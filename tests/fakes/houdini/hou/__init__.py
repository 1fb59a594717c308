"""A recording fake of Houdini's ``hou`` module, for ftpub's Houdini adapter only.

``hou._session.SESSION`` holds the session; the calls below read and change it, and those
that change it are recorded with their exact arguments. ``render`` writes each frame's file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hou import _session
from hou._nodes import (
    Error,
    FolderParmTemplate,
    LoadWarning,
    LopNode,
    Node,
    OperationFailed,
    OpNode,
    Parm,
    ParmTemplate,
    ParmTemplateGroup,
    RopNode,
    SopNode,
    StringParmTemplate,
    ToggleParmTemplate,
)

__all__ = [
    "Error",
    "FolderParmTemplate",
    "LoadWarning",
    "LopNode",
    "Node",
    "OpNode",
    "OperationFailed",
    "Parm",
    "ParmTemplate",
    "ParmTemplateGroup",
    "RopNode",
    "SopNode",
    "StringParmTemplate",
    "ToggleParmTemplate",
]


def node(path: str) -> Node | None:
    return _session.SESSION.nodes.get(path.rstrip("/") or "/")


def selectedNodes() -> tuple[Node, ...]:
    session = _session.SESSION
    return tuple(session.nodes[path] for path in session.selection)


def isUIAvailable() -> bool:
    return _session.SESSION.ui


def fps() -> float:
    return _session.SESSION.fps


def frame() -> float:
    return _session.SESSION.frame


def intFrame() -> int:
    return int(_session.SESSION.frame)


class hipFile:
    @staticmethod
    def path() -> str:
        return _session.SESSION.hip_path

    @staticmethod
    def isNewFile() -> bool:
        return _session.SESSION.new_file

    @staticmethod
    def hasUnsavedChanges() -> bool:
        return _session.SESSION.unsaved

    @staticmethod
    def save(file_name: str | None = None, save_to_recent_files: bool = True) -> None:
        session = _session.SESSION
        session.record("hipFile.save", file_name, save_to_recent_files=save_to_recent_files)
        from pathlib import Path

        session.save_as(Path(file_name or session.hip_path))

    @staticmethod
    def load(
        file_name: str, suppress_save_prompt: bool = False, ignore_load_warnings: bool = False
    ) -> None:
        """Loading keeps the session's nodes (the fake cannot read a hip): a test builds the
        scene, then loads the file it stands for."""
        session = _session.SESSION
        session.record(
            "hipFile.load",
            file_name,
            suppress_save_prompt=suppress_save_prompt,
            ignore_load_warnings=ignore_load_warnings,
        )
        session.hip_path, session.new_file, session.unsaved = file_name, False, False


class playbar:
    @staticmethod
    def frameRange() -> tuple[float, float]:
        return _session.SESSION.frame_range

    @staticmethod
    def playbackRange() -> tuple[float, float]:
        return _session.SESSION.playback_range

    @staticmethod
    def setFrameRange(start: float, end: float) -> None:
        _session.SESSION.record("playbar.setFrameRange", start, end)
        _session.SESSION.frame_range = (float(start), float(end))

    @staticmethod
    def setPlaybackRange(start: float, end: float) -> None:
        _session.SESSION.record("playbar.setPlaybackRange", start, end)
        _session.SESSION.playback_range = (float(start), float(end))


class ui:
    @staticmethod
    def displayMessage(text: str, buttons: Sequence[str] = ("OK",), **options: Any) -> int:
        _session.SESSION.record("ui.displayMessage", text, buttons=buttons, **options)
        _session.SESSION.dialogs.append((options.get("title") or "", text))
        return 0

    @staticmethod
    def readInput(text: str, buttons: Sequence[str] = ("OK",), **options: Any) -> tuple[int, str]:
        _session.SESSION.record("ui.readInput", text, buttons=buttons, **options)
        return _session.SESSION.answers.pop(0)


class qt:
    @staticmethod
    def mainWindow() -> object | None:
        return _session.SESSION.main_window
