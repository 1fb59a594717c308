"""Strict plugin discovery: every plugin file that fails is reported, never skipped silently.

Folders are searched in this order: ftpub's core plugins, the host's plugins (the folder its
:class:`~ftpub.core.host.HostEntry` names), folders from hooks, folders from config (studio,
then show), folders registered with ``pyblish.api.register_plugin_path`` (but pyblish's own
default collectors: the runner sets their ``user``, ``date`` and ``cwd``), then
``PYBLISHPLUGINPATH``; after the folders come the classes registered with
``pyblish.api.register_plugin``.

Each file runs as a module of its own (see :mod:`ftpub.core.plugin_files`).

A plugin runs on the host when its ``hosts`` has ``"*"``, the host, or a host registered with
``pyblish.api.register_host``. Config settings are applied to each class, then pyblish's
discovery filters (``pyblish.api.register_discovery_filter``) see the enabled plugins and may
remove or change them. pyblish's registries are read, never changed.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import os
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pluggy
import pyblish
import pyblish.api
import pyblish.plugin

from ftpub.core import plugins as core_plugins
from ftpub.core.config import Config, PluginSetting
from ftpub.core.host_registry import host_entries
from ftpub.core.plugin_files import Candidate, PluginFolder, Problem, from_folders, source_file

MATCH_ALGORITHMS = (pyblish.api.Intersection, pyblish.api.Subset, pyblish.api.Exact)
HOOK_SOURCE = "ftpub_plugin_settings hook"
REGISTERED_PATH = "pyblish.api.register_plugin_path"
REGISTERED_PLUGIN = "pyblish.api.register_plugin"
DISCOVERY_FILTER = "pyblish discovery filter"
PYBLISH_DEFAULTS = Path(pyblish.__file__).parent / "plugins"


@dataclass(frozen=True)
class FoundPlugin:
    """A plugin class, the file and folder origin it came from, and the settings applied."""

    plugin: type[pyblish.api.Plugin]
    file: Path
    origin: str
    settings: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.plugin.__name__


@dataclass(frozen=True)
class Discovery:
    """Plugins to run (sorted by order), plugins disabled by config, and every problem."""

    host: str
    plugins: tuple[FoundPlugin, ...]
    disabled: tuple[FoundPlugin, ...]
    problems: tuple[Problem, ...]

    def classes(self) -> list[type[pyblish.api.Plugin]]:
        return [found.plugin for found in self.plugins]


def plugin_folders(
    host: str,
    config: Config,
    hooks: pluggy.PluginManager | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[PluginFolder]:
    """Every folder to search for ``host``, in discovery order. The host's entry is found
    through ``hooks``, or among the installed hosts when there are none (and then no hook adds
    folders)."""
    environ = os.environ if environ is None else environ
    folders = [PluginFolder(Path(core_plugins.__file__).parent, "core")]
    entry = host_entries(hooks).get(host)
    if entry is not None and entry.plugins is not None:
        folders.append(PluginFolder(entry.plugins, f"host {host}", False))
    if hooks is not None:
        for paths in hooks.hook.ftpub_plugin_paths(host=host, show=config.show):
            folders.extend(PluginFolder(Path(path), "ftpub_plugin_paths hook") for path in paths)
    folders.extend(
        PluginFolder(entry.path, entry.source) for entry in config.plugin_paths_for(host)
    )
    folders.extend(
        PluginFolder(Path(path), REGISTERED_PATH)
        for path in pyblish.api.registered_paths()
        if Path(path).resolve() != PYBLISH_DEFAULTS.resolve()
    )
    folders.extend(
        PluginFolder(Path(path), "PYBLISHPLUGINPATH")
        for path in environ.get("PYBLISHPLUGINPATH", "").split(os.pathsep)
        if path
    )
    unique: dict[Path, PluginFolder] = {}
    for folder in folders:
        unique.setdefault(folder.path.resolve(), folder)
    return list(unique.values())


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def plugin_problems(plugin: type[pyblish.api.Plugin]) -> list[str]:
    """Why pyblish could not run ``plugin`` correctly (empty when it can)."""
    problems = [
        f"'{attribute}' must be a list of str, got {getattr(plugin, attribute)!r}"
        for attribute in ("families", "hosts", "targets")
        if not _is_str_list(getattr(plugin, attribute))
    ]
    if not isinstance(plugin.order, int | float) or isinstance(plugin.order, bool):
        problems.append(f"'order' must be a number, got {plugin.order!r}")
    if plugin.match not in MATCH_ALGORITHMS:
        problems.append("'match' must be pyblish.api.Intersection, Subset or Exact")
    if not isinstance(plugin.requires, str) or not pyblish.plugin.version_is_compatible(plugin):
        problems.append(f"requires {plugin.requires!r}, not this pyblish")
    arguments = [name for name in inspect.signature(plugin.process).parameters if name != "self"]
    if issubclass(plugin, pyblish.api.ContextPlugin | pyblish.api.InstancePlugin):
        if len(arguments) != 1:
            problems.append(f"process() must take exactly one argument, takes {arguments}")
    elif not plugin.__instanceEnabled__ and not plugin.__contextEnabled__:
        problems.append("process() takes neither 'context' nor 'instance'")
    return problems


def _apply_settings(
    plugin: type[pyblish.api.Plugin], settings: Mapping[str, PluginSetting]
) -> list[str]:
    """Set class attributes from settings; return the problems with them."""
    problems = []
    for attribute, setting in settings.items():
        if attribute == "enabled":
            if not isinstance(setting.value, bool):
                problems.append(f"{setting.source}: 'enabled' must be true or false")
            continue
        if not hasattr(plugin, attribute):
            problems.append(f"{setting.source}: sets '{attribute}', which the plugin does not have")
            continue
        current = getattr(plugin, attribute)
        value = setting.value
        numbers = (int, float)
        compatible = (
            current is None
            or isinstance(value, type(current))
            or (isinstance(current, tuple) and isinstance(value, list))
            or (type(current) in numbers and type(value) in numbers)
        )
        if not compatible:
            problems.append(
                f"{setting.source}: '{attribute}' must be {type(current).__name__} "
                f"like the plugin's {current!r}, got {value!r}"
            )
            continue
        setattr(plugin, attribute, tuple(value) if isinstance(current, tuple) else value)
    return problems


def _merged_settings(
    host: str, config: Config, hooks: pluggy.PluginManager | None
) -> dict[str, dict[str, PluginSetting]]:
    merged: dict[str, dict[str, PluginSetting]] = {}
    if hooks is not None:
        for result in hooks.hook.ftpub_plugin_settings(host=host, show=config.show):
            for plugin, settings in result.items():
                merged.setdefault(plugin, {}).update(
                    {key: PluginSetting(value, HOOK_SOURCE) for key, value in settings.items()}
                )
    for plugin, settings in config.plugin_settings.items():
        merged.setdefault(plugin, {}).update(settings)
    return merged


def _registered() -> Iterator[Candidate]:
    """Copies of the classes registered with ``pyblish.api.register_plugin``."""
    for plugin in pyblish.api.registered_plugins():
        yield plugin, source_file(plugin.__mro__[1]), REGISTERED_PLUGIN


def _name_of(callback: Callable[..., object]) -> str:
    module = getattr(callback, "__module__", None) or "?"
    return f"{module}.{getattr(callback, '__qualname__', repr(callback))}"


def _apply_filters(
    enabled: list[FoundPlugin], problems: list[Problem]
) -> tuple[list[FoundPlugin], list[FoundPlugin]]:
    """Let pyblish's discovery filters change the list of enabled plugins in place, as pyblish
    does; return the plugins kept (or added) and those removed, marked with their filter."""
    classes = [entry.plugin for entry in enabled]
    removed_by: dict[type, str] = {}
    for callback in list(pyblish.api.registered_discovery_filters()):
        before = list(classes)
        try:
            callback(classes)
        except Exception as error:
            detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            message = f"{type(error).__name__}: {error}"
            problems.append(Problem("discovery filter error", _name_of(callback), message, detail))
        for plugin in before:
            if plugin not in classes:
                removed_by.setdefault(plugin, f"{DISCOVERY_FILTER} {_name_of(callback)}")
    entries = {entry.plugin: entry for entry in enabled}
    removed = [
        dataclasses.replace(entry, settings={**entry.settings, "enabled": removed_by[entry.plugin]})
        for entry in enabled
        if entry.plugin not in classes
    ]
    kept = []
    for plugin in dict.fromkeys(classes):
        if not (inspect.isclass(plugin) and issubclass(plugin, pyblish.api.Plugin)):
            problems.append(Problem("invalid", DISCOVERY_FILTER, f"{plugin!r} is not a plugin"))
            continue
        entry = entries.get(plugin) or FoundPlugin(plugin, source_file(plugin), DISCOVERY_FILTER)
        invalid = plugin_problems(plugin)
        if invalid:
            message = f"{entry.name} (after {DISCOVERY_FILTER}s): " + "; ".join(invalid)
            problems.append(Problem("invalid", str(entry.file), message))
            continue
        kept.append(entry)
    return kept, removed


def discover(
    host: str,
    config: Config,
    hooks: pluggy.PluginManager | None = None,
    environ: Mapping[str, str] | None = None,
) -> Discovery:
    """Find the plugins for ``host`` with ``config`` applied; report everything that failed."""
    settings = _merged_settings(host, config, hooks)
    hosts = {"*", host, *pyblish.api.registered_hosts()}
    found: dict[str, FoundPlugin] = {}
    enabled: list[FoundPlugin] = []
    disabled: list[FoundPlugin] = []
    problems: list[Problem] = []
    folders = plugin_folders(host, config, hooks, environ)
    for plugin, path, origin in itertools.chain(from_folders(folders, problems), _registered()):
        name = plugin.__name__
        if name in found:
            message = f"{name} is already defined in {found[name].file}; this one is ignored"
            problems.append(Problem("duplicate", str(path), message))
            continue
        plugin_settings = settings.get(name, {})
        invalid = _apply_settings(plugin, plugin_settings) + plugin_problems(plugin)
        if invalid:
            problems.append(Problem("invalid", str(path), f"{name}: " + "; ".join(invalid)))
            continue
        sources = {key: setting.source for key, setting in plugin_settings.items()}
        entry = FoundPlugin(plugin, path, origin, sources)
        found[name] = entry
        if "enabled" in plugin_settings and plugin_settings["enabled"].value is False:
            disabled.append(entry)
        elif hosts & set(plugin.hosts):
            enabled.append(entry)
    enabled, filtered = _apply_filters(enabled, problems)
    enabled.sort(key=lambda entry: entry.plugin.order)
    return Discovery(host, tuple(enabled), tuple(disabled + filtered), tuple(problems))
