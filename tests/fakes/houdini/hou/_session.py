"""The fake Houdini session: the hip file, time, nodes, the interface, and the record."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

IMAGE_EXTENSIONS = {".png", ".jpg", ".exr", ".tif"}
HIP_CHANGES = {
    "parm.set",
    "parm.deleteAllKeyframes",
    "setParmTemplateGroup",
    "setUserData",
    "playbar.setFrameRange",
    "playbar.setPlaybackRange",
}


@dataclass
class Call:
    command: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class Session:
    """One Houdini session; nodes are keyed by path (``/out/karma1``)."""

    nodes: dict[str, Any] = field(default_factory=dict)
    hip_path: str = field(default_factory=lambda: os.path.join(os.getcwd(), "untitled.hip"))
    new_file: bool = True
    unsaved: bool = False
    frame_range: tuple[float, float] = (1001.0, 1100.0)
    playback_range: tuple[float, float] = (1001.0, 1100.0)
    fps: float = 24.0
    frame: float = 1001.0
    job: str = ""
    ui: bool = True
    main_window: object | None = None
    selection: list[str] = field(default_factory=list)
    dialogs: list[tuple[str, str]] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)
    failures: dict[str, Exception] = field(default_factory=dict)
    lost_frames: dict[str, set[int]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    def record(self, command: str, *args: Any, **kwargs: Any) -> None:
        """Record a call that changes the session; a change to the hip makes it unsaved."""
        self.calls.append(Call(command, args, kwargs))
        if command in self.failures:
            raise self.failures[command]
        if command in HIP_CHANGES:
            self.unsaved = True

    def mutations(self, command: str) -> list[Call]:
        return [call for call in self.calls if call.command == command]

    # Building a scene in a test.

    def add(self, path: str, type_name: str, **parms: Any) -> Any:
        """A node at ``path`` of ``type_name``: a RopNode in /out, a SopNode or LopNode (with a
        Render button) elsewhere; ``parms`` are raw values (``trange`` a menu token)."""
        from hou import _nodes

        if path.startswith("/out/"):
            node = _nodes.RopNode(path, type_name)
        elif path.startswith("/stage/"):
            node = _nodes.LopNode(path, type_name)
        else:
            node = _nodes.SopNode(path, type_name)
        if type_name in _nodes.OUTPUT_PARMS:
            parms = {"trange": "normal", "f1": "$FSTART", "f2": "$FEND", "f3": 1, **parms}
            parms.setdefault(_nodes.OUTPUT_PARMS[type_name], "")
            if not path.startswith("/out/"):
                parms["execute"] = 0
        for name, value in parms.items():
            menu = _nodes.TRANGE if name == "trange" else ()
            node.parms[name] = _nodes.Parm(node, name, value, menu)
        self.nodes[path] = node
        return node

    def save_as(self, path: Path) -> None:
        """The hip saved at ``path`` with no unsaved changes."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("fake hip\n", encoding="utf-8")
        self.hip_path, self.new_file, self.unsaved = str(path), False, False


def write_placeholder(path: Path, node: str) -> None:
    """A real small image for image formats (so reviews are really made), else text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in IMAGE_EXTENSIONS:
        import OpenImageIO as oiio

        image = oiio.ImageBuf(
            oiio.ImageSpec(64, 36, 3, oiio.HALF if path.suffix == ".exr" else oiio.UINT8)
        )
        oiio.ImageBufAlgo.fill(image, (0.5, 0.4, 0.3))
        if not image.write(str(path)):
            raise OSError(f"the fake could not write {path}: {image.geterror()}")
    else:
        path.write_text(f"fake output of {node}\n", encoding="utf-8")


def reset() -> Session:
    """A new session with the root, /obj, /out and /stage (what each test starts from)."""
    global SESSION
    SESSION = Session()
    from hou import _nodes

    for path, kind in (("/", "root"), ("/obj", "obj"), ("/out", "ropnet"), ("/stage", "lopnet")):
        SESSION.nodes[path] = _nodes.OpNode(path, kind)
    return SESSION


SESSION = reset()
