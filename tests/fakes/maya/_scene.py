"""The fake Maya scene: nodes, sets, attributes, time, units, the interface, and the record."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KNOWN_PLUGINS = {"AbcExport", "mtoa"}


@dataclass
class Node:
    type: str
    attributes: dict[str, Any] = field(default_factory=dict)
    attribute_types: dict[str, str] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)


@dataclass
class Call:
    command: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class Scene:
    """One Maya session. DAG nodes are keyed by long name (``|grp|geo``), others by name."""

    nodes: dict[str, Node] = field(default_factory=dict)
    scene_name: str = ""
    modified: bool = False
    min_time: float = 1001.0
    max_time: float = 1100.0
    fps: float = 24.0
    linear_unit: str = "cm"
    loaded_plugins: set[str] = field(default_factory=set)
    file_info: dict[str, str] = field(default_factory=dict)
    selection: list[str] = field(default_factory=list)
    batch: bool = False
    menus: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    deferred: list[Callable[[], None]] = field(default_factory=list)
    dialogs: list[tuple[str, str]] = field(default_factory=list)
    answers: list[str | None] = field(default_factory=list)
    render_outputs: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[str, Exception] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    typed: str = ""
    workspace: str = ""

    def __post_init__(self) -> None:
        self.nodes["defaultResolution"] = Node(
            "resolution", {"width": 1920, "height": 1080}, {"width": "long", "height": "long"}
        )

    # Building a scene in a test.

    def add(self, path: str, shape: str | None = None) -> str:
        """A transform at ``path`` (its parents too), with a shape of type ``shape``."""
        parts = path.strip("|").split("|")
        for depth in range(1, len(parts) + 1):
            self.nodes.setdefault("|" + "|".join(parts[:depth]), Node("transform"))
        if shape:
            self.nodes[f"{path}|{parts[-1]}Shape"] = Node(shape)
        return path

    def add_render_layer(self, name: str, outputs: list[str], renderable: bool = True) -> None:
        self.nodes[name] = Node("renderLayer", {"renderable": renderable}, {"renderable": "bool"})
        self.render_outputs[name] = outputs

    # What the commands share.

    def record(self, command: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append(Call(command, args, kwargs))
        if command in self.failures:
            raise self.failures[command]

    def mutations(self, command: str) -> list[Call]:
        return [call for call in self.calls if call.command == command]

    def resolve(self, name: str) -> str | None:
        """The key of the node ``name`` names (a long name, or a unique short one)."""
        if name in self.nodes:
            return name
        found = [key for key in self.nodes if key.endswith("|" + name.lstrip("|"))]
        return found[0] if len(found) == 1 else None

    def children(self, parent: str) -> list[str]:
        return [key for key in self.nodes if key.rsplit("|", 1)[0] == parent and key != parent]


SCENE = Scene()


def reset() -> Scene:
    """A new empty session (what each test starts from)."""
    global SCENE
    SCENE = Scene()
    return SCENE


def png(width: int = 64, height: int = 36) -> bytes:
    """A real grey PNG image, so review movies are really made from playblasts."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * (width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_placeholder(path: str, text: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(text, encoding="utf-8")
