"""The fake's nodes, parameters and parameter templates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hou import _session

VARIABLE = re.compile(r"\$\{?([A-Z_]+?)(\d*)\}?(?![A-Z_])")
TRANGE = ("off", "normal", "on")
#: The output parameter of each ROP type the fake renders.
OUTPUT_PARMS = {
    "geometry": "sopoutput",
    "rop_geometry": "sopoutput",
    "alembic": "filename",
    "rop_alembic": "filename",
    "usd": "lopoutput",
    "usd_rop": "lopoutput",
    "karma": "picture",
    "opengl": "picture",
    "ifd": "vm_picture",
    "usdrender_rop": "outputimage",
}


class Error(Exception):
    def instanceMessage(self) -> str:
        return str(self)


class OperationFailed(Error):
    pass


class LoadWarning(Error):
    pass


class NodeType:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name


class Parm:
    """A parameter: a raw value (a string with ``$`` variables, a number, a menu token)."""

    def __init__(self, node: Node, name: str, value: Any, menu: Sequence[str] = ()) -> None:
        self._node, self._name, self.raw, self.menu = node, name, value, tuple(menu)

    def name(self) -> str:
        return self._name

    def path(self) -> str:
        return f"{self._node.path()}/{self._name}"

    def node(self) -> Node:
        return self._node

    def _expand(self, text: str, frame: float) -> str:
        session = _session.SESSION

        def value(match: re.Match[str]) -> str:
            name, digits = match.group(1), match.group(2)
            if name == "F":
                return f"{int(frame):0{int(digits or 0)}d}"
            known = {
                "FF": f"{frame:g}",
                "FSTART": f"{session.frame_range[0]:g}",
                "FEND": f"{session.frame_range[1]:g}",
                "HIP": str(Path(session.hip_path).parent),
                "HIPNAME": Path(session.hip_path).stem,
                "OS": self._node.name(),
                "JOB": session.job,
            }
            return known.get(name, match.group(0)) + (digits if name != "F" else "")

        return VARIABLE.sub(value, text)

    def evalAtFrame(self, frame: float) -> int | float | str:
        if self.menu:
            return self.menu.index(self.raw)
        if isinstance(self.raw, str):
            expanded = self._expand(self.raw, frame)
            return float(expanded) if self._node.numeric(self._name) else expanded
        return self.raw

    def eval(self) -> int | float | str:
        return self.evalAtFrame(_session.SESSION.frame)

    def evalAsString(self) -> str:
        return self.raw if self.menu else str(self.eval())

    def unexpandedString(self) -> str:
        return str(self.raw)

    def set(self, value: Any) -> None:
        _session.SESSION.record("parm.set", self.path(), value)
        if self.menu and isinstance(value, int):
            value = self.menu[value]
        self.raw = value

    def deleteAllKeyframes(self) -> None:
        _session.SESSION.record("parm.deleteAllKeyframes", self.path())
        if isinstance(self.raw, str) and not self.menu:
            self.raw = self.eval()

    def pressButton(self) -> None:
        _session.SESSION.record("parm.pressButton", self.path())
        self._node.write_outputs(None)


class ParmTemplate:
    def __init__(self, name: str, label: str, default: Any = None) -> None:
        self._name, self.label, self.default = name, label, default

    def name(self) -> str:
        return self._name

    def describe(self) -> tuple[Any, ...]:
        return (type(self).__name__, self._name, self.label, self.default)


class StringParmTemplate(ParmTemplate):
    def __init__(
        self,
        name: str,
        label: str,
        num_components: int,
        default_value: Sequence[str] = (),
        menu_items: Sequence[str] = (),
    ) -> None:
        super().__init__(name, label, tuple(default_value))
        self.components, self.menu = num_components, tuple(menu_items)

    def describe(self) -> tuple[Any, ...]:
        return (*super().describe(), self.menu)


class ToggleParmTemplate(ParmTemplate):
    def __init__(self, name: str, label: str, default_value: bool = False) -> None:
        super().__init__(name, label, default_value)


class FolderParmTemplate(ParmTemplate):
    def __init__(self, name: str, label: str, parm_templates: Sequence[ParmTemplate] = ()) -> None:
        super().__init__(name, label)
        self.templates = list(parm_templates)

    def parmTemplates(self) -> tuple[ParmTemplate, ...]:
        return tuple(self.templates)

    def describe(self) -> tuple[Any, ...]:
        return (*super().describe()[:3], [t.describe() for t in self.templates])


class ParmTemplateGroup:
    def __init__(self, entries: Sequence[ParmTemplate] = ()) -> None:
        self._entries = list(entries)

    def entries(self) -> tuple[ParmTemplate, ...]:
        return tuple(self._entries)

    def find(self, name: str) -> ParmTemplate | None:
        return next((e for e in self._entries if e.name() == name), None)

    def append(self, template: ParmTemplate) -> None:
        self._entries.append(template)

    def replace(self, name: str, template: ParmTemplate) -> None:
        self._entries = [template if e.name() == name else e for e in self._entries]


class Node:
    def __init__(self, path: str, type_name: str) -> None:
        self._path, self._type = path, NodeType(type_name)
        self.parms: dict[str, Parm] = {}
        self.user_data: dict[str, str] = {}
        self.error_messages: list[str] = []
        self.spare: list[ParmTemplate] = []

    def path(self) -> str:
        return self._path

    def name(self) -> str:
        return self._path.rsplit("/", 1)[-1] or "/"

    def type(self) -> NodeType:
        return self._type

    def numeric(self, name: str) -> bool:
        return name in ("f1", "f2", "f3")

    def children(self) -> tuple[Node, ...]:
        prefix = self._path.rstrip("/") + "/"
        return tuple(
            node
            for path, node in _session.SESSION.nodes.items()
            if path.startswith(prefix) and "/" not in path[len(prefix) :]
        )

    def allSubChildren(self) -> tuple[Node, ...]:
        prefix = self._path.rstrip("/") + "/"
        return tuple(n for p, n in _session.SESSION.nodes.items() if p.startswith(prefix))

    def errors(self) -> tuple[str, ...]:
        return tuple(self.error_messages)

    def userData(self, name: str) -> str | None:
        return self.user_data.get(name)

    def setUserData(self, name: str, value: str) -> None:
        _session.SESSION.record("setUserData", self._path, name, value)
        self.user_data[name] = value

    def setSelected(self, on: bool, clear_all_selected: bool = False) -> None:
        _session.SESSION.record(
            "setSelected", self._path, on, clear_all_selected=clear_all_selected
        )
        session = _session.SESSION
        if clear_all_selected:
            session.selection.clear()
        if on:
            session.selection.append(self._path)


class OpNode(Node):
    def parm(self, name: str) -> Parm | None:
        return self.parms.get(name)

    def parmTemplateGroup(self) -> ParmTemplateGroup:
        return ParmTemplateGroup(self.spare)

    def setParmTemplateGroup(self, group: ParmTemplateGroup) -> None:
        entries = group.entries()
        _session.SESSION.record("setParmTemplateGroup", self._path, [e.describe() for e in entries])
        self.spare = list(entries)
        for folder in entries:
            for template in getattr(folder, "templates", [folder]):
                default = template.default
                if isinstance(template, StringParmTemplate):
                    self.parms[template.name()] = Parm(self, template.name(), default[0])
                elif isinstance(template, ToggleParmTemplate):
                    self.parms[template.name()] = Parm(self, template.name(), int(default))

    def frames(self, frame_range: Sequence[float] | None) -> list[int]:
        if frame_range is not None:
            start, end, *step = (int(value) for value in frame_range)
            return list(range(start, end + 1, step[0] if step else 1))
        if self.parms["trange"].raw == "off":
            return [int(_session.SESSION.frame)]
        start, end, step = (int(self.parms[name].eval()) for name in ("f1", "f2", "f3"))
        return list(range(start, end + 1, step))

    def write_outputs(self, frame_range: Sequence[float] | None) -> None:
        """What rendering does: write the output file of each frame (a real small image for
        image formats), except the frames the session says are lost."""
        session = _session.SESSION
        failure = session.failures.get(self._path)
        if failure is not None:
            raise failure
        output = self.parms[OUTPUT_PARMS[self._type.name()]]
        for frame in self.frames(frame_range):
            if frame not in session.lost_frames.get(self._path, set()):
                _session.write_placeholder(Path(str(output.evalAtFrame(frame))), self._path)


class RopNode(OpNode):
    def render(self, frame_range: Sequence[float] | None = None, **options: Any) -> None:
        _session.SESSION.record("render", self._path, frame_range=frame_range, **options)
        self.write_outputs(frame_range)


class SopNode(OpNode):
    pass


class LopNode(OpNode):
    pass
