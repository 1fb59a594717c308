"""Every Maya call ftpub makes: the Maya host adapter, the only module that imports ``maya``.

Flags are spelled long (``query=True``), as ``mypy --strict`` against types-maya-strict checks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, cast

import maya.utils
from maya import cmds, mel

from ftpub.core.host import FrameRange, HostError, Publishable
from ftpub.hosts.maya import farm, marks

MENU = "ftpubMenu"
MAIN_WINDOW = "MayaWindow"
TASK_INFO = "ftpubTaskId"
ALEMBIC_PLUGIN = "AbcExport"
OK = "OK"
CANCEL = "Cancel"

MenuEntry = tuple[str, Callable[[], object]]
#: A menu item, or a submenu of items.
MenuItem = MenuEntry | tuple[str, Sequence[MenuEntry]]


def _plugin_command(name: str) -> Callable[..., Any]:
    """A command a Maya plug-in adds to ``cmds`` (absent until the plug-in is loaded)."""
    command = getattr(cmds, name, None)
    if command is None:
        raise HostError(f"the Maya plug-in command {name} is not loaded")
    return cast(Callable[..., Any], command)


def _short(node: str) -> str:
    return node.rsplit("|", 1)[-1]


class MayaHost:
    """The Maya session as ftpub's :class:`~ftpub.core.host.HostAdapter`, plus the exports and
    the interface calls of Maya's plugins and menu."""

    name: str = "maya"
    targets: tuple[str, ...] = ("default", "local")
    comment: str = ""

    # The scene.

    def current_file(self) -> Path | None:
        scene = str(cmds.file(query=True, sceneName=True))
        return Path(scene) if scene else None

    def is_modified(self) -> bool:
        return bool(cmds.file(query=True, modified=True))

    def save(self) -> Path:
        scene = self.current_file()
        if scene is None:
            raise HostError("the scene has never been saved: use File > Save Scene As… first")
        cmds.file(save=True, force=True)
        return scene

    def open_scene(self, path: Path) -> None:
        if not path.is_file():
            raise HostError(f"no Maya scene at {path}")
        cmds.file(str(path), open=True, force=True)

    def frame_range(self) -> FrameRange | None:
        start = cmds.playbackOptions(query=True, minTime=True)
        end = cmds.playbackOptions(query=True, maxTime=True)
        return FrameRange(round(start), round(end))

    def fps(self) -> float | None:
        return float(mel.eval("currentTimeUnitToFPS()"))  # type: ignore[no-untyped-call]

    def resolution(self) -> tuple[int, int] | None:
        width = int(cmds.getAttr("defaultResolution.width"))
        return width, int(cmds.getAttr("defaultResolution.height"))

    def linear_unit(self) -> str:
        return str(cmds.currentUnit(query=True, linear=True))

    def stored_task_id(self) -> str | None:
        stored = cmds.fileInfo(TASK_INFO, query=True) or []
        return str(stored[0]) if stored and stored[0] else None

    def store_task_id(self, task_id: str) -> None:
        cmds.fileInfo(TASK_INFO, task_id)

    # Nodes and the selection.

    def selection(self) -> list[str]:
        return list(cmds.ls(selection=True, long=True))

    def select(self, nodes: Sequence[str]) -> None:
        if nodes:
            cmds.select(list(nodes), replace=True, noExpand=True)
        else:
            cmds.select(clear=True)

    def missing(self, nodes: Sequence[str]) -> list[str]:
        return [node for node in nodes if not cmds.objExists(node)]

    def descendants(self, roots: Sequence[str]) -> list[str]:
        """``roots`` and every DAG node under them, as long names."""
        found = list(cmds.ls(list(roots), long=True))
        for root in list(found):
            found.extend(cmds.listRelatives(root, allDescendents=True, fullPath=True) or [])
        return found

    def cameras(self, nodes: Sequence[str]) -> list[str]:
        """The transforms among ``nodes`` whose shape is a camera."""
        return [
            node
            for node in cmds.ls(list(nodes), long=True)
            if cmds.listRelatives(node, shapes=True, type="camera", fullPath=True)
        ]

    # Marked sets.

    def _marked_sets(self) -> list[str]:
        return [
            node
            for node in cmds.ls(type="objectSet", long=True)
            if cmds.attributeQuery(marks.FAMILY, node=node, exists=True)
        ]

    def _values(self, node: str) -> dict[str, object]:
        return {
            name: cmds.getAttr(f"{node}.{name}")
            for name in marks.ATTRIBUTES
            if cmds.attributeQuery(name, node=node, exists=True)
        }

    def publishables(self) -> list[Publishable]:
        found, problems = [], []
        for node in self._marked_sets():
            try:
                found.append(marks.to_publishable(node, self._values(node)))
            except HostError as error:
                problems.append(str(error))
        if problems:
            raise HostError("; ".join(problems))
        return found

    def mark(
        self, name: str, members: Sequence[str], values: Mapping[str, marks.AttributeValue]
    ) -> str:
        """A new objectSet of ``members`` carrying ftpub ``values``; returns its name."""
        if members:
            node = str(cmds.sets(list(members), name=name))
        else:
            node = str(cmds.sets(empty=True, name=name))
        for attribute, value in values.items():
            plug = f"{node}.{attribute}"
            if isinstance(value, str):
                cmds.addAttr(node, longName=attribute, dataType="string")
                cmds.setAttr(plug, value, type="string")
            else:
                kind = "bool" if isinstance(value, bool) else "long"
                cmds.addAttr(node, longName=attribute, attributeType=kind)
                cmds.setAttr(plug, value)
        return node

    def members(self, node: str) -> list[str]:
        """The set's members as long names (a member Maya cannot find keeps its name)."""
        return [
            next(iter(cmds.ls(member, long=True)), member)
            for member in cmds.sets(node, query=True) or []
        ]

    # Plug-ins.

    def plugin_loaded(self, plugin: str) -> bool:
        return bool(cmds.pluginInfo(plugin, query=True, loaded=True))

    def load_plugin(self, plugin: str) -> None:
        cmds.loadPlugin(plugin, quiet=True)

    # Exports.

    def export_scene(self, nodes: Sequence[str], path: Path) -> None:
        previous = self.selection()
        cmds.select(list(nodes), replace=True, noExpand=True)
        try:
            cmds.file(
                path.as_posix(),
                force=True,
                type="mayaAscii",
                exportSelected=True,
                preserveReferences=False,
                constructionHistory=True,
                shader=True,
                constraints=True,
                expressions=True,
            )
        finally:
            self.select(previous)

    def export_alembic(self, roots: Sequence[str], path: Path, frames: FrameRange) -> None:
        job = [
            f"-frameRange {frames.start} {frames.end}",
            "-uvWrite",
            "-worldSpace",
            "-writeVisibility",
            "-dataFormat ogawa",
            *(f"-root {root}" for root in roots),
            f'-file "{path.as_posix()}"',
        ]
        _plugin_command("AbcExport")(jobArg=" ".join(job))

    def playblast(
        self, camera: str, pattern: Path, frames: FrameRange, size: tuple[int, int]
    ) -> None:
        """PNG frames through ``camera`` in a panel of its own; ``pattern`` ends ``.%04d.png``."""
        base = pattern.as_posix().removesuffix(".%04d.png")
        window = str(cmds.window(title="ftpub playblast", widthHeight=size))
        try:
            cmds.paneLayout()
            panel = str(cmds.modelPanel(camera=camera, menuBarVisible=False))
            cmds.showWindow(window)
            cmds.playblast(
                editorPanelName=panel,
                format="image",
                compression="png",
                filename=base,
                startTime=frames.start,
                endTime=frames.end,
                framePadding=4,
                widthHeight=size,
                percent=100,
                quality=100,
                viewer=False,
                showOrnaments=False,
                offScreen=True,
                forceOverwrite=True,
            )
        finally:
            cmds.deleteUI(window, window=True)

    def render_layers(self) -> list[str]:
        return [
            layer
            for layer in cmds.ls(type="renderLayer")
            if ":" not in layer and cmds.getAttr(f"{layer}.renderable")
        ]

    def render_outputs(self, node: str) -> list[Path]:
        """The ``%04d`` image patterns render layer ``node`` writes."""
        names = cmds.renderSettings(
            firstImageName=True, fullPath=True, layer=node, genericFrameImageName="%04d"
        )
        return [Path(name) for name in names or []]

    def workspace_root(self) -> Path:
        """The scene's Maya project folder."""
        return Path(str(cmds.workspace(query=True, rootDirectory=True)))

    def farm_render_command(self, node: str, executable: str | None) -> list[str | PurePath]:
        """The farm's command rendering every renderable layer of the saved scene."""
        scene = self.current_file()
        if scene is None:
            raise HostError("the farm renders the saved scene: save it first")
        layers = self.render_layers()
        if not layers:
            raise HostError("no render layer is renderable: turn one on in Render Setup")
        command = executable or farm.EXECUTABLE
        return farm.render_command(command, layers, self.workspace_root(), scene)

    # The session and its interface.

    def is_interactive(self) -> bool:
        return not cmds.about(batch=True)

    def start_standalone(self) -> None:
        """Start Maya inside ``mayapy`` (its commands are empty before)."""
        import maya.standalone

        maya.standalone.initialize(name="python")  # type: ignore[no-untyped-call]

    def defer(self, function: Callable[[], None]) -> None:
        maya.utils.executeDeferred(function)

    def build_menu(self, label: str, entries: Sequence[MenuItem]) -> None:
        """The top-level menu, rebuilt from scratch when it exists (never duplicated)."""
        if cmds.menu(MENU, exists=True):
            cmds.deleteUI(MENU, menu=True)
        cmds.menu(MENU, label=label, parent=MAIN_WINDOW, tearOff=True)
        for entry_label, action in entries:
            if callable(action):
                cmds.menuItem(label=entry_label, parent=MENU, command=_ignoring_args(action))
                continue
            submenu = str(cmds.menuItem(label=entry_label, parent=MENU, subMenu=True))
            for item_label, item_action in action:
                cmds.menuItem(label=item_label, parent=submenu, command=_ignoring_args(item_action))

    def show_message(self, title: str, message: str) -> None:
        cmds.confirmDialog(title=title, message=message, button=[OK], defaultButton=OK)

    def ask_text(self, title: str, message: str, text: str = "") -> str | None:
        """The text the artist typed, or None when they cancelled."""
        button = cmds.promptDialog(
            title=title,
            message=message,
            text=text,
            button=[OK, CANCEL],
            defaultButton=OK,
            cancelButton=CANCEL,
            dismissString=CANCEL,
        )
        if button != OK:
            return None
        return str(cmds.promptDialog(query=True, text=True)).strip()

    def main_window(self) -> object | None:
        if not self.is_interactive():
            return None
        from qtpy import QtWidgets

        application = QtWidgets.QApplication.instance()
        if not isinstance(application, QtWidgets.QApplication):
            return None
        widgets = application.topLevelWidgets()
        return next((w for w in widgets if w.objectName() == MAIN_WINDOW), None)


def _ignoring_args(action: Callable[[], object]) -> Callable[..., None]:
    """Maya passes a menu item's check state to its command; ftpub's actions take nothing."""

    def command(*_: object) -> None:
        action()

    return command
