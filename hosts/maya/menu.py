"""The ftpub menu in Maya: Create ▸ (a family), Set task…, Validate…, Publish… (all but Create
are every DCC's: :mod:`ftpub.core.scene_menu`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ftpub.core.scene_menu import ask_asset_name, open_publish, set_task
from ftpub.hosts.maya.marks import FAMILIES, mark_values

if TYPE_CHECKING:
    from ftpub.hosts.maya.api import MayaHost

LABEL = "ftpub"


def build(host: MayaHost) -> None:
    """Build (or rebuild) the menu."""
    host.build_menu(
        LABEL,
        [
            ("Create", [(f"{family}…", partial(create, host, family)) for family in FAMILIES]),
            ("Set task…", partial(set_task, host)),
            ("Validate…", partial(open_publish, host, True)),
            ("Publish…", partial(open_publish, host, False)),
        ],
    )


def create(host: MayaHost, family: str) -> str | None:
    """Mark the selection as a product of ``family`` (an objectSet); returns the set."""
    selection = host.selection()
    default = selection[0].rsplit("|", 1)[-1].split(":")[-1] if selection else family
    asset = ask_asset_name(host, f"Create {family}", "Asset name in ftrack:", default)
    if asset is None:
        return None
    values = mark_values(family, asset, host.frame_range())
    return host.mark(f"{asset}_{family}_SET", selection, values)
