"""The ftpub menu in Houdini (``MainMenuCommon.xml``): Create…, Set task…, Validate…, Publish…
(all but Create… are every DCC's: :mod:`ftpub.core.scene_menu`)."""

from __future__ import annotations

from ftpub.core.host import HostError
from ftpub.core.scene_menu import ask_asset_name, open_publish, set_task
from ftpub.hosts.houdini.api import HoudiniHost
from ftpub.hosts.houdini.marks import mark_values

__all__ = ["create", "host", "open_publish", "set_task"]


def host() -> HoudiniHost:
    """The Houdini session."""
    return HoudiniHost()


def create(host: HoudiniHost) -> list[str]:
    """Mark each selected ROP as a product (ftpub spare parameters); returns the ROPs marked."""
    title = "ftpub: Create"
    selection = host.selection()
    kinds = {}
    for path in selection:
        try:
            kinds[path] = host.rop_kind(path)
        except HostError as error:
            host.show_message(title, f"Nothing was marked: {error}.")
            return []
    if not kinds:
        host.show_message(title, "Select the ROPs to publish first (in /out, SOPs or LOPs).")
        return []
    default = selection[0].rstrip("/").rsplit("/", 1)[-1]
    asset = ask_asset_name(host, title, "Asset name in ftrack:", default)
    if asset is None:
        return []
    for path, kind in kinds.items():
        host.mark(path, mark_values(kind, asset))
    return list(kinds)
