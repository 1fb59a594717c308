"""Plugin files: each folder's ``*.py`` files run as modules, and the plugin classes they hold.

Each ``*.py`` file not starting with ``_`` runs in a fresh module that stays in
``sys.modules`` under a name of its own (so ``inspect`` finds it; discovering the file again
replaces it). A file's plugins are the plugin classes it defines and those it imports
(re-exports); a class another plugin of the file derives from is a base, not a plugin, and so
are pyblish's own classes. An imported class is used through a subclass of its own, so settings
never change the shared class. A file that fails to run is a :class:`Problem`, never skipped.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
import traceback
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyblish.api

from ftpub.core.result import ErrorInfo

#: A plugin class, the file it came from and the origin of that file's folder.
Candidate = tuple[type[pyblish.api.Plugin], Path, str]


@dataclass(frozen=True)
class PluginFolder:
    path: Path
    origin: str
    required: bool = True


@dataclass(frozen=True)
class Problem:
    """A plugin file or class that could not be used, and why."""

    kind: str
    file: str
    message: str
    detail: str = ""

    def to_error(self) -> ErrorInfo:
        return ErrorInfo(f"Plugin {self.kind}", f"{self.file}: {self.message}", self.detail)


def _load_module(path: Path) -> types.ModuleType:
    """Run a plugin file in a new module, kept in ``sys.modules`` under a name of the file's."""
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"ftpub_plugin_{digest}_{path.stem}"
    module = types.ModuleType(name)
    module.__file__ = str(path)
    code = compile(path.read_bytes(), str(path), "exec")
    previous = sys.modules.get(name)
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)
    except BaseException:
        if previous is None:
            del sys.modules[name]
        else:
            sys.modules[name] = previous
        raise
    return module


def _traceback_from(error: Exception, path: Path) -> str:
    """The traceback of a failed plugin file, from its first frame in that file on."""
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename != str(path):
        frames = frames.tb_next
    return "".join(traceback.format_exception(type(error), error, frames or error.__traceback__))


def _reexported(plugin: type[pyblish.api.Plugin]) -> type[pyblish.api.Plugin]:
    """A subclass of an imported plugin class, named and placed like it."""
    namespace = {
        "__module__": plugin.__module__,
        "__qualname__": plugin.__qualname__,
        "__doc__": plugin.__doc__,
    }
    return type(plugin.__name__, (plugin,), namespace)


def _plugins_in(module: types.ModuleType) -> list[type[pyblish.api.Plugin]]:
    classes = [
        value
        for name, value in vars(module).items()
        if not name.startswith("_")
        and inspect.isclass(value)
        and issubclass(value, pyblish.api.Plugin)
    ]
    bases = {base for plugin in classes for base in plugin.__mro__[1:]}
    return [
        plugin
        for plugin in classes
        if plugin.__module__ == module.__name__
        or (plugin not in bases and plugin.__module__.partition(".")[0] != "pyblish")
    ]


def from_folders(folders: list[PluginFolder], problems: list[Problem]) -> Iterator[Candidate]:
    """Every plugin of every file; a class re-exported by several files counts once."""
    reexported: set[type] = set()
    for folder in folders:
        if not folder.path.is_dir():
            if folder.required:
                problems.append(
                    Problem("folder missing", str(folder.path), f"not a folder ({folder.origin})")
                )
            continue
        for path in sorted(folder.path.glob("*.py")):
            if path.name.startswith("_"):
                continue
            try:
                module = _load_module(path)
            except Exception as error:
                detail = _traceback_from(error, path)
                message = f"{type(error).__name__}: {error}"
                problems.append(Problem("import error", str(path), message, detail))
                continue
            for plugin in _plugins_in(module):
                if plugin.__module__ == module.__name__:
                    yield plugin, path, folder.origin
                elif plugin not in reexported:
                    reexported.add(plugin)
                    yield _reexported(plugin), path, folder.origin


def source_file(plugin: type) -> Path:
    try:
        return Path(inspect.getfile(plugin))
    except TypeError:
        return Path(f"<{plugin.__module__}>")
