"""The state behind the fake ``nuke`` module: one script of nodes with knobs, the menus, and
every call that changes them, with its exact arguments, in ``SCRIPT.calls``."""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

FRAME_TOKEN = re.compile(r"%(\d*)d|(#+)")


class Knob:
    """A knob: a value, a label and flags. ``evaluate`` is only on File_Knob, as in Nuke."""

    def __init__(self, name: str, label: str = "", value: Any = "") -> None:
        self._name = name
        self._label = label or name
        self._value = value
        self.flags: list[int] = []
        self.node: Node | None = None

    def name(self) -> str:
        return self._name

    def label(self) -> str:
        return self._label

    def Class(self) -> str:
        return type(self).__name__

    def value(self) -> Any:
        return self._value

    def getValue(self) -> Any:
        return self._value

    def setValue(self, value: Any) -> bool:
        owner = self.node.fullName() if self.node is not None else "?"
        SCRIPT.record("setValue", owner, self._name, value)
        self._value = value
        return True

    def setFlag(self, flag: int) -> None:
        self.flags.append(flag)


class String_Knob(Knob):
    pass


class Tab_Knob(Knob):
    pass


class Int_Knob(Knob):
    def __init__(self, name: str, label: str = "", value: int = 0) -> None:
        super().__init__(name, label, value)


class Boolean_Knob(Knob):
    def __init__(self, name: str, label: str = "", value: bool = False) -> None:
        super().__init__(name, label, value)


class Enumeration_Knob(Knob):
    def __init__(self, name: str, label: str = "", values: list[str] | None = None) -> None:
        self.choices = list(values or [])
        super().__init__(name, label, self.choices[0] if self.choices else "")

    def values(self) -> list[str]:
        return list(self.choices)

    def setValue(self, value: Any) -> bool:
        if value not in self.choices:
            raise ValueError(f"{value!r} is not one of {self.choices}")
        return super().setValue(value)


class File_Knob(Knob):
    def evaluate(self, frame: int) -> str:
        """The path with TCL expressions replaced (``SCRIPT.tcl``) and the frame token filled."""
        text = str(self._value)
        for expression, result in SCRIPT.tcl.items():
            text = text.replace(expression, result)
        if "[" in text:
            raise RuntimeError(f"unknown command in {text!r}")

        def fill(match: re.Match[str]) -> str:
            width = len(match.group(2)) if match.group(2) else int(match.group(1) or 0)
            return f"{frame:0{width}d}"

        return FRAME_TOKEN.sub(fill, text)


class Format:
    def __init__(self, width: int, height: int, name: str) -> None:
        self._width, self._height, self._name = width, height, name

    def width(self) -> int:
        return self._width

    def height(self) -> int:
        return self._height

    def name(self) -> str:
        return self._name


class Node:
    def __init__(self, node_class: str, name: str) -> None:
        self._class = node_class
        self._name = name
        self._knobs: dict[str, Knob] = {}
        self.selected = False

    def Class(self) -> str:
        return self._class

    def name(self) -> str:
        return self._name

    def fullName(self) -> str:
        return self._name

    def knobs(self) -> dict[str, Knob]:
        return dict(self._knobs)

    def knob(self, name: str) -> Knob | None:
        return self._knobs.get(name)

    def __getitem__(self, name: str) -> Knob:
        if name not in self._knobs:
            raise NameError(f"{self._name} has no knob named {name}")
        return self._knobs[name]

    def addKnob(self, knob: Knob) -> None:
        SCRIPT.record("addKnob", self._name, knob.Class(), knob.name(), knob.label())
        self.attach(knob)

    def attach(self, knob: Knob) -> None:
        """Give the node a knob without recording it (what Nuke's node classes have)."""
        knob.node = self
        self._knobs[knob.name()] = knob

    def setSelected(self, selected: bool) -> None:
        SCRIPT.record("setSelected", self._name, selected)
        self.selected = selected

    def modified(self) -> bool:
        return SCRIPT.modified

    def setModified(self, modified: bool) -> None:
        SCRIPT.modified = modified


class Root(Node):
    """``nuke.root()``: its name is the script's path, or ``Root`` while untitled."""

    def name(self) -> str:
        return str(self._knobs["name"].value()) or "Root"


class Menu:
    def __init__(self, name: str) -> None:
        self._name = name
        self.items: list[Menu | tuple[str, Any]] = []

    def name(self) -> str:
        return self._name

    def addMenu(self, name: str) -> Menu:
        SCRIPT.record("addMenu", self._name, name)
        menu = Menu(name)
        self.items.append(menu)
        return menu

    def addCommand(self, name: str, command: Any) -> None:
        SCRIPT.record("addCommand", self._name, name)
        self.items.append((name, command))

    def findItem(self, name: str) -> Menu | None:
        return next((i for i in self.items if isinstance(i, Menu) and i.name() == name), None)

    def removeItem(self, name: str) -> None:
        SCRIPT.record("removeItem", self._name, name)
        self.items = [i for i in self.items if not (isinstance(i, Menu) and i.name() == name)]

    def commands(self) -> dict[str, Any]:
        return {item[0]: item[1] for item in self.items if isinstance(item, tuple)}


def write_png(path: Path, frame: int, size: tuple[int, int] = (16, 8)) -> None:
    """A real RGB PNG whose colour follows the frame number."""
    width, height = size
    shade = frame * 37 % 256
    row = b"\x00" + bytes([shade, 255 - shade, 128]) * width
    data = zlib.compress(row * height)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


class Script:
    """One Nuke session. Set ``gui``, ``raw_args``, ``inputs`` (answers to ``getInput``),
    ``tcl`` (expression results), ``render_error`` and ``skip_frames`` to shape a test."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.gui = True
        self.raw_args: list[str] = ["nuke"]
        self.modified = False
        self.nodes: list[Node] = []
        self.menus: dict[str, Menu] = {}
        self.inputs: list[str | None] = []
        self.messages: list[str] = []
        self.tcl: dict[str, str] = {}
        self.render_error: str | None = None
        self.skip_frames: set[int] = set()
        self.root = Root("Root", "root")
        for knob in (
            Knob("name", "name", ""),
            Int_Knob("first_frame", "frame range", 1),
            Int_Knob("last_frame", "", 100),
            Knob("fps", "fps", 24.0),
            Knob("format", "full size format", Format(2048, 1556, "2K_Super_35(full-ap)")),
        ):
            self.root.attach(knob)

    def record(self, *call: Any) -> None:
        self.calls.append(call)

    def add_write(self, name: str, path: str = "", file_type: str = "exr") -> Node:
        """A Write node as Nuke makes one (not recorded: the scene a test starts from)."""
        node = Node("Write", name)
        for knob in (
            File_Knob("file", "file", path),
            Knob("file_type", "file type", file_type),
            Knob("colorspace", "colorspace", "default (linear)"),
            Boolean_Knob("disable", "disable", False),
            Boolean_Knob("use_limit", "limit to range", False),
            Int_Knob("first", "", 1),
            Int_Knob("last", "", 1),
        ):
            node.attach(knob)
        self.nodes.append(node)
        return node

    def node(self, name: str) -> Node | None:
        if name == "root":
            return self.root
        return next((node for node in self.nodes if node.fullName() == name), None)

    def render(self, node: Node, start: int, end: int, incr: int) -> None:
        if self.render_error is not None:
            raise RuntimeError(self.render_error)
        knob = node["file"]
        assert isinstance(knob, File_Knob)
        for frame in range(start, end + 1, incr):
            if frame in self.skip_frames:
                continue
            path = Path(knob.evaluate(frame))
            path.parent.mkdir(parents=True, exist_ok=True)
            if node["file_type"].value() == "png":
                write_png(path, frame)
            else:
                path.write_bytes(f"{node.fullName()} frame {frame}\n".encode())

    def save(self, path: str) -> None:
        """Write the script as JSON: the root's values and each node's knobs."""
        table = {
            "root": {
                name: knob.value()
                for name, knob in self.root.knobs().items()
                if name not in ("name", "format")
            },
            "nodes": [
                {
                    "class": node.Class(),
                    "name": node.name(),
                    "knobs": [
                        [k.Class(), name, k.label(), k.value(), getattr(k, "choices", [])]
                        for name, k in node.knobs().items()
                    ],
                }
                for node in self.nodes
            ],
        }
        Path(path).write_text(json.dumps(table, indent=1), encoding="utf-8")
        self.root["name"]._value = path
        self.modified = False

    def load(self, path: str) -> None:
        table = json.loads(Path(path).read_text(encoding="utf-8"))
        self.nodes = []
        for name, value in table["root"].items():
            if self.root.knob(name) is None:
                self.root.attach(String_Knob(name))
            self.root[name]._value = value
        kinds = {k.__name__: k for k in (Knob, String_Knob, Tab_Knob, Int_Knob, Boolean_Knob)}
        for saved in table["nodes"]:
            node = Node(saved["class"], saved["name"])
            for kind, name, label, value, choices in saved["knobs"]:
                if kind == "Enumeration_Knob":
                    knob: Knob = Enumeration_Knob(name, label, choices)
                elif kind == "File_Knob":
                    knob = File_Knob(name, label)
                else:
                    knob = kinds[kind](name, label)
                knob._value = value
                node.attach(knob)
            self.nodes.append(node)
        self.root["name"]._value = path
        self.modified = False


SCRIPT = Script()


def reset() -> Script:
    """A fresh, untitled session with its interface up."""
    global SCRIPT
    SCRIPT = Script()
    return SCRIPT
