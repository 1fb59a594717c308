"""Helpers of the pyblish compatibility tests: one set of plugins through pyblish's own
``pyblish.util.publish`` and through ftpub's runner, and pyblish's registries used the way a
studio's setup uses them, undone after each test."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pyblish.api
import pyblish.util

from ftpub.core.result import PublishResult, Stage
from ftpub.core.runner import run

Plugins = Sequence[type[pyblish.api.Plugin]]


def through_pyblish(plugins: Plugins, targets: list[str] | None = None) -> pyblish.api.Context:
    """``pyblish.util.publish`` of ``plugins`` sorted by order, as ``pyblish.api.discover``
    gives them (ftpub's runner sorts what it is given)."""
    context = pyblish.api.Context()
    pyblish.util.publish(context, pyblish.api.sort_plugins(list(plugins)), targets)
    return context


def through_ftpub(
    plugins: Plugins, targets: Sequence[str] = ("default",), last_stage: Stage = Stage.INTEGRATE
) -> tuple[pyblish.api.Context, PublishResult]:
    context = pyblish.api.Context()
    return context, run(plugins, context, targets, last_stage)


def processed(context: pyblish.api.Context) -> list[tuple[str, str | None, bool]]:
    """Each entry of ``context.data["results"]`` as (plugin, instance, success)."""
    return [
        (
            result["plugin"].__name__,
            None if result["instance"] is None else result["instance"].name,
            result["success"],
        )
        for result in context.data["results"]
    ]


def snapshot() -> dict[str, Any]:
    """pyblish's process-wide registries, comparable before and after."""
    return {
        "paths": pyblish.api.registered_paths(),
        "plugins": [
            (plugin.__name__, plugin._id, dict(vars(plugin.__mro__[1])))
            for plugin in pyblish.api.registered_plugins()
        ],
        "hosts": pyblish.api.registered_hosts(),
        "targets": pyblish.api.registered_targets(),
        "callbacks": {k: list(v) for k, v in pyblish.api.registered_callbacks().items()},
        "filters": list(pyblish.api.registered_discovery_filters()),
    }


class Registry:
    """Registers with pyblish as a studio's setup does; :meth:`undo` restores the registries."""

    def __init__(self) -> None:
        self._undo: list[Callable[[], object]] = []

    def callback(self, signal: str, callback: Callable[..., None]) -> None:
        pyblish.api.register_callback(signal, callback)

        def undo() -> None:
            callbacks = pyblish.api.registered_callbacks()
            callbacks[signal].remove(callback)
            if not callbacks[signal]:
                del callbacks[signal]

        self._undo.append(undo)

    def plugin(self, plugin: type[pyblish.api.Plugin]) -> None:
        pyblish.api.register_plugin(plugin)
        self._undo.append(lambda: pyblish.api.deregister_plugin(plugin))

    def path(self, path: str) -> None:
        pyblish.api.register_plugin_path(path)
        self._undo.append(lambda: pyblish.api.deregister_plugin_path(path))

    def host(self, host: str) -> None:
        pyblish.api.register_host(host)
        self._undo.append(lambda: pyblish.api.deregister_host(host))

    def target(self, target: str) -> None:
        pyblish.api.register_target(target)
        self._undo.append(lambda: pyblish.api.deregister_target(target))

    def discovery_filter(self, callback: Callable[[list[type]], None]) -> None:
        pyblish.api.register_discovery_filter(callback)
        self._undo.append(lambda: pyblish.api.deregister_discovery_filter(callback))

    def undo(self) -> None:
        while self._undo:
            self._undo.pop()()
