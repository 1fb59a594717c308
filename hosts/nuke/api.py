"""The Nuke host adapter: every call ftpub makes into Nuke; no other module imports ``nuke``.

Knobs are cast to their class before a typed call (``cast(nuke.File_Knob, node["file"])``), as
the ``types-nuke`` stubs type ``node[name]`` as the base ``Knob``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import cast

import nuke

from ftpub.core.host import FrameRange, HostError, Publishable
from ftpub.core.publish_data import InstanceData
from ftpub.hosts.nuke import farm, marks
from ftpub.hosts.nuke.marks import WriteMark
from ftpub.hosts.nuke.outputs import sequence_pattern
from ftpub.hosts.nuke.writes import WriteSettings

#: Command-line flags of the applications that share Nuke's install but are not a node graph.
TIMELINE_FLAGS = ("--hiero", "--studio", "--player", "--nukeassist")
#: An untitled script's name.
UNTITLED = "Root"

MenuItems = Sequence[tuple[str, Callable[[], object]]]


def _string(node: nuke.Node, name: str) -> str:
    return cast(nuke.String_Knob, node[name]).value()


def _boolean(node: nuke.Node, name: str) -> bool:
    return bool(cast(nuke.Boolean_Knob, node[name]).value())


def _integer(node: nuke.Node, name: str) -> int:
    return int(node[name].getValue())


class NukeHost:
    """The running Nuke session: its script, Write nodes, menu and dialogs."""

    name: str = "nuke"
    targets: tuple[str, ...] = ("default", "local")
    comment: str = ""

    # The script.

    def current_file(self) -> Path | None:
        name = nuke.root().name()
        return None if name in ("", UNTITLED) else Path(name)

    def is_modified(self) -> bool:
        return nuke.root().modified()

    def save(self) -> Path:
        path = self.current_file()
        if path is None:
            raise HostError("an untitled script cannot be saved where it is: use File > Save As")
        try:
            nuke.scriptSave()
        except RuntimeError as error:
            raise HostError(f"saving {path} failed: {error}") from error
        return path

    def open_script(self, path: Path) -> None:
        if not path.is_file():
            raise HostError(f"no Nuke script at {path}")
        try:
            nuke.scriptOpen(str(path))
        except RuntimeError as error:
            raise HostError(f"opening {path} failed: {error}") from error

    def frame_range(self) -> FrameRange | None:
        return self._script_frames()

    def set_frame_range(self, frames: FrameRange) -> None:
        root = nuke.root()
        root["first_frame"].setValue(frames.start)
        root["last_frame"].setValue(frames.end)

    def fps(self) -> float | None:
        return float(nuke.root()["fps"].getValue())

    def resolution(self) -> tuple[int, int] | None:
        script_format = cast(nuke.Format, nuke.root()["format"].value())
        return (script_format.width(), script_format.height())

    def stored_task_id(self) -> str | None:
        root = nuke.root()
        if marks.TASK_KNOB not in root.knobs():
            return None
        return _string(root, marks.TASK_KNOB) or None

    def store_task_id(self, task_id: str) -> None:
        root = nuke.root()
        if marks.TASK_KNOB not in root.knobs():
            knob = nuke.String_Knob(marks.TASK_KNOB, "ftrack task")
            knob.setFlag(nuke.INVISIBLE)
            root.addKnob(knob)
        root[marks.TASK_KNOB].setValue(task_id)

    # Write nodes marked as products.

    def publishables(self) -> list[Publishable]:
        found = []
        for node in self._marked_writes():
            mark = self.mark_of(node.fullName())
            frames = self.write_settings(node.fullName()).frames
            data = InstanceData(
                node.fullName(),
                mark.family,
                mark.asset,
                mark.asset_type,
                frame_start=frames.start,
                frame_end=frames.end,
            )
            found.append(Publishable(data, node.fullName(), mark.active))
        return found

    def mark_of(self, name: str) -> WriteMark:
        """The settings on a Write's ftpub tab."""
        node = self._write(name)
        try:
            return WriteMark(
                asset=_string(node, marks.ASSET_KNOB),
                asset_type=_string(node, marks.ASSET_TYPE_KNOB),
                active=_boolean(node, marks.ACTIVE_KNOB),
                review=_boolean(node, marks.REVIEW_KNOB),
                render_mode=marks.render_mode(
                    str(cast(nuke.Enumeration_Knob, node[marks.RENDER_MODE_KNOB]).value())
                ),
                family=_string(node, marks.FAMILY_KNOB),
            )
        except (KeyError, NameError, ValueError) as error:
            raise HostError(f"{name}: its ftpub tab is incomplete or wrong: {error}") from error

    def mark(self, name: str, mark: WriteMark) -> None:
        """Add the ftpub tab to a Write (once) and set its values."""
        node = self._write(name)
        if marks.TAB_KNOB not in node.knobs():
            node.addKnob(nuke.Tab_Knob(marks.TAB_KNOB, marks.TAB))
            for knob, label in (
                (marks.FAMILY_KNOB, "family"),
                (marks.ASSET_KNOB, "asset"),
                (marks.ASSET_TYPE_KNOB, "asset type"),
            ):
                node.addKnob(nuke.String_Knob(knob, label))
            node.addKnob(nuke.Boolean_Knob(marks.ACTIVE_KNOB, "publish"))
            node.addKnob(nuke.Boolean_Knob(marks.REVIEW_KNOB, "review"))
            labels = [marks.RENDER_MODE_LABELS[mode] for mode in marks.RENDER_MODES]
            node.addKnob(nuke.Enumeration_Knob(marks.RENDER_MODE_KNOB, "render", labels))
        node[marks.FAMILY_KNOB].setValue(mark.family)
        node[marks.ASSET_KNOB].setValue(mark.asset)
        node[marks.ASSET_TYPE_KNOB].setValue(mark.asset_type)
        node[marks.ACTIVE_KNOB].setValue(mark.active)
        node[marks.REVIEW_KNOB].setValue(mark.review)
        node[marks.RENDER_MODE_KNOB].setValue(marks.RENDER_MODE_LABELS[mark.render_mode])

    def selected_writes(self) -> list[str]:
        return [node.fullName() for node in nuke.selectedNodes("Write")]

    def create_write(self, path: str, file_type: str) -> str:
        """A new Write node (connected to the selection, as Nuke does) writing ``path``."""
        node = nuke.createNode("Write", inpanel=False)
        node["file"].setValue(path)
        node["file_type"].setValue(file_type)
        return node.fullName()

    def write_settings(self, name: str) -> WriteSettings:
        node = self._write(name)
        try:
            if _boolean(node, "use_limit"):
                frames = FrameRange(_integer(node, "first"), _integer(node, "last"))
            else:
                frames = self._script_frames()
        except ValueError as error:
            raise HostError(f"{name}: its frame range: {error}") from error
        return WriteSettings(
            name,
            frames,
            str(node["file_type"].value()),
            str(node["colorspace"].value()),
            bool(node["disable"].getValue()),
        )

    def render_outputs(self, node: str) -> list[Path]:
        """The Write's file with ``%04d`` for the frame, evaluated (expressions, ``####``)."""
        write = self._write(node)
        frames = self.write_settings(node).frames
        knob = cast(nuke.File_Knob, write["file"])
        raw = str(knob.value() or "")
        if not raw.strip():
            raise HostError(f"{node} has no file: set the path it renders to")
        try:
            first = knob.evaluate(frames.start)
            second = knob.evaluate(frames.start + 1)
        except (RuntimeError, ValueError, SyntaxError) as error:
            raise HostError(f"{node}: its file '{raw}' does not evaluate: {error}") from error
        if not isinstance(first, str) or not isinstance(second, str) or not first:
            raise HostError(f"{node}: its file '{raw}' does not evaluate to a path")
        try:
            path = sequence_pattern(first, second)
        except ValueError as error:
            raise HostError(f"{node}: {error}") from error
        if not path.is_absolute():
            raise HostError(f"{node}: its file evaluates to a relative path, '{first}'")
        return [path]

    def render(self, node: str, frames: FrameRange) -> None:
        """``nuke.execute`` the Write over ``frames``."""
        self._write(node)
        try:
            nuke.execute(node, frames.start, frames.end, 1)
        except RuntimeError as error:
            raise HostError(f"rendering {node} over {frames} failed: {error}") from error

    def farm_render_command(self, node: str, executable: str | None) -> list[str | PurePath]:
        """The farm's command rendering the Write ``node`` of the saved script."""
        self._write(node)
        script = self.current_file()
        if script is None:
            raise HostError("the farm renders the saved script: save it first")
        return farm.render_command(executable or farm.EXECUTABLE, node, script)

    def select(self, nodes: Sequence[str]) -> None:
        for selected in nuke.selectedNodes():
            selected.setSelected(False)
        for name in nodes:
            node = nuke.toNode(name)
            if node is not None:
                node.setSelected(True)

    # The session and its interface.

    def is_interactive(self) -> bool:
        """Nuke or NukeX with its interface: not ``nuke -t``, not Hiero, Studio or a player."""
        return bool(nuke.GUI) and not self.is_timeline()

    def is_timeline(self) -> bool:
        return any(flag in TIMELINE_FLAGS for flag in nuke.rawArgs)

    def build_menu(self, label: str, items: MenuItems) -> None:
        """The menu ``label`` in Nuke's menu bar with ``items``, replacing one already there."""
        menubar = nuke.menu("Nuke")
        if menubar.findItem(label) is not None:
            menubar.removeItem(label)
        menu = cast(nuke.Menu, menubar.addMenu(label))
        for title, command in items:
            menu.addCommand(title, command)

    def ask_text(self, title: str, message: str, text: str = "") -> str | None:
        """Nuke's input dialog has no title: it shows ``message``."""
        answer: str | None = nuke.getInput(message, text)
        return answer.strip() if answer is not None else None

    def show_message(self, title: str, message: str) -> None:
        nuke.message(f"{title}: {message}")

    def main_window(self) -> object | None:
        if not nuke.GUI:
            return None
        from qtpy import QtWidgets

        app = QtWidgets.QApplication.instance()
        if not isinstance(app, QtWidgets.QApplication):
            return None
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QtWidgets.QMainWindow)]
        return windows[0] if windows else None

    def _script_frames(self) -> FrameRange:
        root = nuke.root()
        try:
            return FrameRange(_integer(root, "first_frame"), _integer(root, "last_frame"))
        except ValueError as error:
            raise HostError(f"the script's frame range: {error}") from error

    def _marked_writes(self) -> list[nuke.Node]:
        return [
            node
            for node in nuke.allNodes("Write", recurseGroups=True)
            if marks.TAB_KNOB in node.knobs()
        ]

    def _write(self, name: str) -> nuke.Node:
        node = nuke.toNode(name)
        if node is None or node.Class() != "Write":
            raise HostError(f"there is no Write node '{name}' in the script")
        return node
