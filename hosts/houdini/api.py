"""Every Houdini call ftpub makes: the Houdini host adapter, the only module that imports ``hou``.

Parameters are read with ``evalAsString()`` / ``evalAtFrame()``; a node is rendered only after
``isinstance(node, hou.RopNode)`` (a SOP or LOP ROP that is not one presses its Render button).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath

import hou

from ftpub.core.host import FrameRange, HostError, Publishable
from ftpub.hosts.houdini import farm, marks
from ftpub.hosts.houdini.outputs import RopOutput

TASK_DATA = "ftpub_task_id"
RENDER_BUTTON = "execute"
OK = "OK"
CANCEL = "Cancel"


def _number(parm: hou.Parm) -> int:
    value = parm.eval()
    if isinstance(value, str):
        raise HostError(f"{parm.path()} is '{value}', not a frame number")
    return round(value)


class HoudiniHost:
    """The Houdini session as ftpub's :class:`~ftpub.core.host.HostAdapter`, plus the ROP calls
    of Houdini's plugins and the interface calls of its menu."""

    name: str = "houdini"
    targets: tuple[str, ...] = ("default", "local")
    comment: str = ""

    # The hip file.

    def current_file(self) -> Path | None:
        if hou.hipFile.isNewFile():
            return None
        return Path(hou.hipFile.path())

    def is_modified(self) -> bool:
        return hou.hipFile.hasUnsavedChanges()

    def save(self) -> Path:
        hip = self.current_file()
        if hip is None:
            raise HostError("the hip file has never been saved: use File > Save As… first")
        try:
            hou.hipFile.save()
        except hou.Error as error:
            raise HostError(f"{hip.name} could not be saved: {error}") from error
        return hip

    def open_scene(self, path: Path) -> None:
        if not path.is_file():
            raise HostError(f"no hip file at {path}")
        try:
            hou.hipFile.load(path.as_posix(), suppress_save_prompt=True, ignore_load_warnings=True)
        except hou.Error as error:
            raise HostError(f"{path.name} could not be opened: {error}") from error

    def frame_range(self) -> FrameRange | None:
        start, end = hou.playbar.frameRange()
        return FrameRange(round(start), round(end))

    def set_frame_range(self, frames: FrameRange) -> None:
        hou.playbar.setFrameRange(frames.start, frames.end)
        hou.playbar.setPlaybackRange(frames.start, frames.end)

    def fps(self) -> float | None:
        return hou.fps()

    def resolution(self) -> tuple[int, int] | None:
        return None

    def stored_task_id(self) -> str | None:
        return self._root().userData(TASK_DATA) or None

    def store_task_id(self, task_id: str) -> None:
        self._root().setUserData(TASK_DATA, task_id)

    # Nodes and the selection.

    def _root(self) -> hou.Node:
        root = hou.node("/")
        if root is None:
            raise HostError("Houdini has no root node")
        return root

    def _node(self, path: str) -> hou.OpNode:
        node = hou.node(path)
        if not isinstance(node, hou.OpNode):
            raise HostError(f"no node {path} in the hip file")
        return node

    def _parm(self, path: str, name: str) -> hou.Parm:
        parm = self._node(path).parm(name)
        if parm is None:
            raise HostError(f"{path} has no parameter '{name}'")
        return parm

    def selection(self) -> list[str]:
        return [node.path() for node in hou.selectedNodes()]

    def select(self, nodes: Sequence[str]) -> None:
        for index, path in enumerate(nodes):
            self._node(path).setSelected(True, clear_all_selected=index == 0)

    def node_type(self, path: str) -> str:
        return self._node(path).type().name()

    # Marked ROPs.

    def _marked(self) -> list[hou.OpNode]:
        return [
            node
            for node in self._root().allSubChildren()
            if isinstance(node, hou.OpNode) and node.parm(marks.FAMILY) is not None
        ]

    def _values(self, node: hou.OpNode) -> dict[str, object]:
        values: dict[str, object] = {}
        for name in (marks.FAMILY, marks.ASSET, marks.ASSET_TYPE, marks.RENDER_MODE):
            parm = node.parm(name)
            if parm is not None:
                values[name] = parm.evalAsString()
        active = node.parm(marks.ACTIVE)
        if active is not None:
            values[marks.ACTIVE] = active.eval()
        return values

    def publishables(self) -> list[Publishable]:
        found, problems = [], []
        for node in self._marked():
            try:
                found.append(marks.to_publishable(node.path(), self._values(node)))
            except HostError as error:
                problems.append(str(error))
        if problems:
            raise HostError("; ".join(problems))
        return found

    def mark(self, path: str, values: Mapping[str, marks.ParmValue]) -> None:
        """Add (or replace) the ftpub folder of spare parameters on ``path``, set to ``values``."""
        node = self._node(path)

        def text(name: str, label: str, menu: Sequence[str] = ()) -> hou.StringParmTemplate:
            default = (str(values[name]),)
            return hou.StringParmTemplate(name, label, 1, default_value=default, menu_items=menu)

        templates: list[hou.ParmTemplate] = [
            text(marks.FAMILY, "Family"),
            text(marks.ASSET, "Asset"),
            text(marks.ASSET_TYPE, "Asset type"),
            hou.ToggleParmTemplate(
                marks.ACTIVE, "Publish", default_value=bool(values[marks.ACTIVE])
            ),
            text(marks.RENDER_MODE, "Render mode", marks.RENDER_MODES),
        ]
        group = node.parmTemplateGroup()
        folder = hou.FolderParmTemplate(marks.FOLDER, "ftpub", parm_templates=templates)
        if group.find(marks.FOLDER) is not None:
            group.replace(marks.FOLDER, folder)
        else:
            group.append(folder)
        node.setParmTemplateGroup(group)

    # ROPs.

    def rop_kind(self, path: str) -> marks.RopKind:
        type_name = self.node_type(path)
        kind = marks.ROP_KINDS.get(type_name)
        if kind is None:
            known = ", ".join(sorted(marks.ROP_KINDS))
            raise HostError(f"{path} is a '{type_name}' node, not a ROP ftpub knows ({known})")
        return kind

    def rop_output(self, path: str) -> RopOutput:
        """The ROP's output parameter evaluated at each frame it writes."""
        kind = self.rop_kind(path)
        output = self._parm(path, kind.output_parm)
        ranged = self._parm(path, "trange").evalAsString() != "off"
        if ranged:
            start, end, step = (_number(self._parm(path, name)) for name in ("f1", "f2", "f3"))
            frames = range(start, end + 1, max(step, 1))
        else:
            step, frames = 1, range(hou.intFrame(), hou.intFrame() + 1)
        paths = {frame: str(output.evalAtFrame(frame)) for frame in frames}
        return RopOutput(path, kind, output.unexpandedString(), paths, ranged, max(step, 1))

    def rop_errors(self, path: str) -> list[str]:
        return list(self._node(path).errors())

    def set_rop_range(self, path: str, frames: FrameRange) -> None:
        """Render ``frames`` (a frame range, no longer the expressions it had)."""
        self._parm(path, "trange").set("normal")
        for name, value in (("f1", frames.start), ("f2", frames.end)):
            parm = self._parm(path, name)
            parm.deleteAllKeyframes()
            parm.set(value)

    def render_outputs(self, node: str) -> list[Path]:
        return [self.rop_output(node).path()]

    def render(self, node: str, frames: FrameRange) -> None:
        """Render ROP ``node`` over ``frames`` (at its own step) on this machine."""
        rop = self._node(node)
        step = self.rop_output(node).step
        try:
            if isinstance(rop, hou.RopNode):
                rop.render(frame_range=(frames.start, frames.end, step), verbose=False)
                return
            button = rop.parm(RENDER_BUTTON)
            if button is None:
                raise HostError(f"{node} cannot be rendered: it has no Render button")
            button.pressButton()
        except hou.Error as error:
            raise HostError(f"{node} failed to render: {error.instanceMessage()}") from error

    def farm_render_command(self, node: str, executable: str | None) -> list[str | PurePath]:
        """The farm's command rendering ROP ``node`` of the saved hip file."""
        self.rop_kind(node)
        hip = self.current_file()
        if hip is None:
            raise HostError("the farm renders the saved hip file: save it first")
        return farm.render_command(executable or farm.EXECUTABLE, node, hip)

    # The session and its interface.

    def is_interactive(self) -> bool:
        return hou.isUIAvailable()

    def show_message(self, title: str, message: str) -> None:
        hou.ui.displayMessage(message, buttons=(OK,), title=title)

    def ask_text(self, title: str, message: str, text: str = "") -> str | None:
        """The text the artist typed, or None when they cancelled."""
        button, typed = hou.ui.readInput(
            message, buttons=(OK, CANCEL), close_choice=1, title=title, initial_contents=text
        )
        return typed.strip() if button == 0 else None

    def main_window(self) -> object | None:
        return hou.qt.mainWindow() if hou.isUIAvailable() else None
