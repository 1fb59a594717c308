"""A recording fake of Nuke's ``nuke`` module: the calls ftpub's Nuke adapter makes.

The session lives in :data:`nuke._script.SCRIPT` (``nuke._script.reset()`` starts a new one);
every call that changes it is appended to ``SCRIPT.calls`` with its exact arguments.
"""

from __future__ import annotations

from typing import Any

from nuke import _script
from nuke._script import (
    Boolean_Knob,
    Enumeration_Knob,
    File_Knob,
    Format,
    Int_Knob,
    Knob,
    Menu,
    Node,
    String_Knob,
    Tab_Knob,
)

__all__ = [
    "Boolean_Knob",
    "Enumeration_Knob",
    "File_Knob",
    "Format",
    "Int_Knob",
    "Knob",
    "Menu",
    "Node",
    "String_Knob",
    "Tab_Knob",
]

INVISIBLE = 0x400
NUKE_VERSION_STRING = "15.1v3"


def __getattr__(name: str) -> Any:
    """``nuke.GUI`` and ``nuke.rawArgs`` follow the current session."""
    if name == "GUI":
        return _script.SCRIPT.gui
    if name == "rawArgs":
        return list(_script.SCRIPT.raw_args)
    raise AttributeError(name)


def root() -> Node:
    return _script.SCRIPT.root


def toNode(name: str) -> Node | None:
    return _script.SCRIPT.node(name)


def allNodes(filter: str = "", group: Any = None, recurseGroups: bool = False) -> list[Node]:
    return [n for n in _script.SCRIPT.nodes if not filter or n.Class() == filter]


def selectedNodes(filter: str = "") -> list[Node]:
    return [n for n in allNodes(filter) if n.selected]


def createNode(node_class: str, knobs: str = "", inpanel: bool = True) -> Node:
    script = _script.SCRIPT
    script.record("createNode", node_class, knobs, inpanel)
    taken = {node.name() for node in script.nodes}
    number = next(n for n in range(1, len(taken) + 2) if f"{node_class}{n}" not in taken)
    if node_class != "Write":
        raise RuntimeError(f"the fake makes Write nodes only, not {node_class}")
    return script.add_write(f"{node_class}{number}")


def execute(name_or_node: str | Node, start: int, end: int, incr: int = 1) -> None:
    script = _script.SCRIPT
    script.record("execute", name_or_node, start, end, incr)
    node = toNode(name_or_node) if isinstance(name_or_node, str) else name_or_node
    if node is None:
        raise ValueError(f"no node named {name_or_node}")
    script.render(node, start, end, incr)


def scriptSave(filename: str | None = None) -> bool:
    script = _script.SCRIPT
    script.record("scriptSave", filename)
    path = filename or script.root["name"].value()
    if not path:
        raise RuntimeError("no filename to save to")
    script.save(path)
    return True


def scriptOpen(filename: str) -> None:
    script = _script.SCRIPT
    script.record("scriptOpen", filename)
    script.load(filename)


def menu(name: str) -> Menu:
    return _script.SCRIPT.menus.setdefault(name, Menu(name))


def getInput(prompt: str, default: str = "") -> str | None:
    script = _script.SCRIPT
    script.record("getInput", prompt, default)
    return script.inputs.pop(0)


def message(prompt: str) -> None:
    _script.SCRIPT.record("message", prompt)
    _script.SCRIPT.messages.append(prompt)
