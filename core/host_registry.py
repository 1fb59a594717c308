"""Find a host by name among those registered through the ``ftpub_hosts`` hook."""

from __future__ import annotations

from pathlib import Path

import pluggy

from ftpub.core.hooks import plugin_manager
from ftpub.core.host import HostAdapter, HostEntry, HostError


class UnknownHostError(HostError):
    """No registered host has this name; the message lists the known ones."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        self.known = known
        listed = ", ".join(known) if known else "none are installed"
        super().__init__(f"unknown host '{name}' (known hosts: {listed})")


def host_entries(hooks: pluggy.PluginManager | None = None) -> dict[str, HostEntry]:
    """Every registered host by name; of two entries with one name, the first called wins."""
    hooks = plugin_manager() if hooks is None else hooks
    entries: dict[str, HostEntry] = {}
    for provided in hooks.hook.ftpub_hosts():
        for entry in provided:
            entries.setdefault(entry.name, entry)
    return dict(sorted(entries.items()))


def find_host(name: str, hooks: pluggy.PluginManager | None = None) -> HostEntry:
    """The host registered as ``name``; raise :class:`UnknownHostError` naming the known ones."""
    entries = host_entries(hooks)
    if name not in entries:
        raise UnknownHostError(name, list(entries))
    return entries[name]


def open_host(
    name: str, scene: Path | None = None, hooks: pluggy.PluginManager | None = None
) -> HostAdapter:
    """The adapter of host ``name`` (for ``scene`` where the host is given one)."""
    return find_host(name, hooks).adapter(scene)
