"""The studio's customization points, as pluggy hooks.

A studio package registers an implementation under the ``ftpub`` entry-point group::

    [project.entry-points.ftpub]
    mystudio = "mystudio.ftpub_hooks"

and implements any of the hooks below with ``@ftpub.core.hooks.hookimpl``. Hosts register the
same way under ``ftpub.hosts`` (see :mod:`ftpub.core.host`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import pluggy

from ftpub.core.context import TaskContext
from ftpub.core.host import HOSTS_GROUP, HostAdapter, HostEntry
from ftpub.core.publish_data import InstanceData, Representation
from ftpub.core.result import PublishedVersion

PROJECT = "ftpub"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


__all__ = ["HookLoadError", "HookSpecs", "HostAdapter", "hookimpl", "hookspec", "plugin_manager"]


class HookLoadError(Exception):
    """A studio package registered under the ``ftpub`` entry-point group failed to load."""


class HookSpecs(Protocol):
    """Hook specifications, declared as a protocol (signatures without bodies); every hook is
    optional for an implementer."""

    @hookspec
    def ftpub_hosts(self) -> list[HostEntry]:
        """Return the hosts this package provides; a studio's entry wins over ftpub's own."""

    @hookspec
    def ftpub_plugin_paths(self, host: str, show: str | None) -> list[Path]:
        """Return extra folders of pyblish plugins for this host and show."""

    @hookspec
    def ftpub_plugin_settings(self, host: str, show: str | None) -> dict[str, dict[str, Any]]:
        """Return ``{PluginClassName: {attribute: value}}``; config files override these."""

    @hookspec(firstresult=True)
    def ftpub_asset_name(self, instance: InstanceData, task: TaskContext) -> str | None:
        """Return the ftrack asset name for an instance, or None for the default."""

    @hookspec(firstresult=True)
    def ftpub_component_name(
        self, instance: InstanceData, representation: Representation
    ) -> str | None:
        """Return the ftrack component name for a representation, or None for the default."""

    @hookspec(firstresult=True)
    def ftpub_path_template(
        self, instance: InstanceData, representation: Representation, task: TaskContext
    ) -> str | None:
        """Return the path template of a published representation, or None for the default."""

    @hookspec
    def ftpub_version_published(self, version: PublishedVersion, task: TaskContext) -> None:
        """Called once per AssetVersion after it is published (``is_published`` set)."""


def plugin_manager(entry_points: bool = True) -> pluggy.PluginManager:
    """A fresh manager with the specs and, when ``entry_points``, the hosts and the studio's
    packages (registered last, so their hooks are called first)."""
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(HookSpecs)
    if entry_points:
        for group in (HOSTS_GROUP, PROJECT):
            try:
                manager.load_setuptools_entrypoints(group)
            except Exception as error:
                raise HookLoadError(
                    f"a package in the '{group}' entry-point group: {error}"
                ) from error
    return manager
