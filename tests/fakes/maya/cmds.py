"""Fake ``maya.cmds``: only the commands and flags ftpub's adapter uses (others raise
TypeError, as a misspelt flag would fail in Maya)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from maya import _scene
from maya._scene import KNOWN_PLUGINS, Node, png, write_placeholder

DEFAULTS = {"string": "", "bool": False, "long": 0}


def _scene_now() -> _scene.Scene:
    return _scene.SCENE


def _node(plug: str) -> tuple[Node, str]:
    name, attribute = plug.rsplit(".", 1)
    key = _scene_now().resolve(name)
    if key is None:
        raise ValueError(f"No object matches name: {plug}")
    node = _scene_now().nodes[key]
    if attribute not in node.attributes:
        raise ValueError(f"No object matches name: {plug}")
    return node, attribute


FILE_FLAGS = {
    "query",
    "sceneName",
    "modified",
    "save",
    "force",
    "open",
    "type",
    "exportSelected",
    "preserveReferences",
    "constructionHistory",
    "shader",
    "constraints",
    "expressions",
}


def _check_flags(command: str, flags: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(flags) - allowed)
    if unknown:
        raise TypeError(f"{command}() got unexpected flags {unknown}")


def file(*args: Any, **flags: Any) -> Any:
    _check_flags("file", flags, FILE_FLAGS)
    scene = _scene_now()
    if flags.get("query"):
        return scene.scene_name if flags.get("sceneName") else scene.modified
    scene.record("file", *args, **flags)
    if flags.get("save"):
        write_placeholder(scene.scene_name, "//Maya ASCII scene (fake)\n")
        scene.modified = False
    elif flags.get("open"):
        scene.scene_name, scene.modified = str(args[0]), False
    elif flags.get("exportSelected"):
        write_placeholder(args[0], "//Maya ASCII export of " + " ".join(scene.selection) + "\n")
    return None


def playbackOptions(*, query: bool, minTime: bool = False, maxTime: bool = False) -> float:
    return _scene_now().min_time if minTime else _scene_now().max_time


def getAttr(plug: str) -> Any:
    node, attribute = _node(plug)
    return node.attributes[attribute]


def setAttr(plug: str, value: Any, *, type: str | None = None) -> None:
    _scene_now().record("setAttr", plug, value, **({"type": type} if type else {}))
    node, attribute = _node(plug)
    if (node.attribute_types[attribute] == "string") != (type == "string"):
        raise RuntimeError(f"setAttr: type mismatch for {plug}")
    node.attributes[attribute] = value
    _scene_now().modified = True


def addAttr(
    node: str, *, longName: str, dataType: str | None = None, attributeType: str | None = None
) -> None:
    flags = {"dataType": dataType} if dataType else {"attributeType": attributeType}
    _scene_now().record("addAttr", node, longName=longName, **flags)
    target = _scene_now().nodes[node]
    if longName in target.attributes:
        raise RuntimeError(f"Found an attribute named {longName} on {node}")
    kind = dataType or attributeType or ""
    target.attributes[longName] = DEFAULTS[kind]
    target.attribute_types[longName] = kind


def attributeQuery(name: str, *, node: str, exists: bool) -> bool:
    return name in _scene_now().nodes[node].attributes


def currentUnit(*, query: bool, linear: bool) -> str:
    return _scene_now().linear_unit


def fileInfo(key: str, value: str | None = None, *, query: bool = False) -> list[str] | None:
    scene = _scene_now()
    if query:
        return [scene.file_info[key]] if key in scene.file_info else []
    scene.record("fileInfo", key, value)
    scene.file_info[key] = str(value)
    scene.modified = True
    return None


def ls(
    *args: Any, selection: bool = False, long: bool = False, type: str | None = None
) -> list[str]:
    scene = _scene_now()
    if selection:
        return list(scene.selection)
    if type is not None:
        return [key for key, node in scene.nodes.items() if node.type == type]
    names = args[0] if isinstance(args[0], list) else [args[0]]
    return [key for key in (scene.resolve(name) for name in names) if key is not None]


def select(*args: Any, **flags: Any) -> None:
    _check_flags("select", flags, {"replace", "noExpand", "clear"})
    _scene_now().record("select", *args, **flags)
    nodes = [] if flags.get("clear") else args[0]
    _scene_now().selection = [_scene_now().resolve(n) or n for n in nodes]


def objExists(name: str) -> bool:
    return _scene_now().resolve(name) is not None


def listRelatives(
    node: str,
    *,
    allDescendents: bool = False,
    fullPath: bool = False,
    shapes: bool = False,
    type: str | None = None,
) -> list[str] | None:
    scene = _scene_now()
    found, pending = [], scene.children(node)
    while pending:
        child = pending.pop(0)
        found.append(child)
        if allDescendents:
            pending.extend(scene.children(child))
    if shapes:
        found = [key for key in found if scene.nodes[key].type != "transform"]
    if type is not None:
        found = [key for key in found if scene.nodes[key].type == type]
    return found or None


def sets(*args: Any, name: str | None = None, empty: bool = False, query: bool = False) -> Any:
    scene = _scene_now()
    if query:
        return list(scene.nodes[args[0]].members) or None
    scene.record("sets", *args, name=name, **({"empty": True} if empty else {}))
    node = name or "set"
    while node in scene.nodes:
        node = re.sub(r"\d*$", lambda m: str(int(m.group() or 0) + 1), node)
    members = [] if empty else [scene.resolve(n) or n for n in args[0]]
    scene.nodes[node] = Node("objectSet", members=members)
    scene.modified = True
    return node


def pluginInfo(plugin: str, *, query: bool, loaded: bool) -> bool:
    return plugin in _scene_now().loaded_plugins


def loadPlugin(plugin: str, *, quiet: bool = False) -> None:
    _scene_now().record("loadPlugin", plugin, quiet=quiet)
    if plugin not in KNOWN_PLUGINS:
        raise RuntimeError(f"Plug-in, '{plugin}', was not found on MAYA_PLUG_IN_PATH.")
    _scene_now().loaded_plugins.add(plugin)


def _abc_export(*, jobArg: str) -> None:
    _scene_now().record("AbcExport", jobArg=jobArg)
    path = re.search(r'-file "([^"]+)"', jobArg)
    if path is None:
        raise RuntimeError("AbcExport: no -file in the job")
    write_placeholder(path.group(1), "Alembic (fake): " + jobArg + "\n")


def __getattr__(name: str) -> Callable[..., Any]:
    """Plug-in commands exist only while their plug-in is loaded."""
    if name == "AbcExport" and "AbcExport" in _scene_now().loaded_plugins:
        return _abc_export
    raise AttributeError(name)


def window(*, title: str, widthHeight: tuple[int, int]) -> str:
    _scene_now().record("window", title=title, widthHeight=widthHeight)
    return "window1"


def paneLayout() -> str:
    _scene_now().record("paneLayout")
    return "window1|paneLayout1"


def modelPanel(*, camera: str, menuBarVisible: bool) -> str:
    _scene_now().record("modelPanel", camera=camera, menuBarVisible=menuBarVisible)
    return "modelPanel5"


def showWindow(window: str) -> None:
    _scene_now().record("showWindow", window)


def playblast(
    *,
    editorPanelName: str,
    format: str,
    compression: str,
    filename: str,
    startTime: int,
    endTime: int,
    framePadding: int,
    widthHeight: tuple[int, int],
    percent: int,
    quality: int,
    viewer: bool,
    showOrnaments: bool,
    offScreen: bool,
    forceOverwrite: bool,
) -> str:
    flags = {k: v for k, v in locals().items()}
    _scene_now().record("playblast", **flags)
    image = png()
    for frame in range(int(startTime), int(endTime) + 1):
        path = f"{filename}.{frame:0{framePadding}d}.{compression}"
        write_placeholder(path, "")
        with open(path, "wb") as stream:
            stream.write(image)
    return f"{filename}.####.{compression}"


def renderSettings(
    *, firstImageName: bool, fullPath: bool, layer: str, genericFrameImageName: str
) -> list[str]:
    return list(_scene_now().render_outputs[layer])


def workspace(*, query: bool, rootDirectory: bool) -> str:
    """The project folder: the scene's folder unless the test sets one (with Maya's slash)."""
    scene = _scene_now()
    root = scene.workspace or str(Path(scene.scene_name).parent)
    return root.rstrip("/") + "/"


def about(*, batch: bool) -> bool:
    return _scene_now().batch


def menu(
    name: str,
    *,
    exists: bool = False,
    label: str | None = None,
    parent: str | None = None,
    tearOff: bool = False,
) -> Any:
    scene = _scene_now()
    if exists:
        return name in scene.menus
    scene.record("menu", name, label=label, parent=parent, tearOff=tearOff)
    scene.menus[name] = []
    return name


def menuItem(
    *, label: str, parent: str, command: Callable[..., None] | None = None, subMenu: bool = False
) -> str:
    scene = _scene_now()
    scene.record("menuItem", label=label, parent=parent, subMenu=subMenu)
    path = f"{parent}|{label}"
    scene.menus.setdefault(parent.split("|")[0], []).append((path, command))
    return path


def deleteUI(name: str, *, menu: bool = False, window: bool = False) -> None:
    _scene_now().record("deleteUI", name, **({"menu": True} if menu else {"window": True}))
    if menu:
        del _scene_now().menus[name]


def confirmDialog(*, title: str, message: str, button: list[str], defaultButton: str) -> str:
    _scene_now().dialogs.append((title, message))
    return defaultButton


def promptDialog(
    *,
    query: bool = False,
    text: Any = None,
    title: str = "",
    message: str = "",
    button: list[str] | None = None,
    defaultButton: str = "",
    cancelButton: str = "",
    dismissString: str = "",
) -> str:
    scene = _scene_now()
    if query:
        return scene.typed
    scene.dialogs.append((title, message))
    answer = scene.answers.pop(0)
    if answer is None:
        return dismissString
    scene.typed = answer
    return defaultButton
