"""The ftpub menu in Houdini (``MainMenuCommon.xml``): Create…, Set task…, Validate…, Publish…."""

from __future__ import annotations

import re

from ftpub.core.context import ContextError, resolve_task
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.core.host import HostError
from ftpub.hosts.houdini.api import HoudiniHost
from ftpub.hosts.houdini.marks import mark_values

ASSET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
    asset = host.ask_text(title, "Asset name in ftrack:", default)
    if not asset:
        return []
    if not ASSET_NAME.match(asset):
        host.show_message(
            title, f"'{asset}' is not an asset name: a letter, then letters, digits or '_'."
        )
        return []
    for path, kind in kinds.items():
        host.mark(path, mark_values(kind, asset))
    return list(kinds)


def set_task(host: HoudiniHost) -> str | None:
    """Ask for the hip's ftrack task, check it in ftrack and store it in the hip."""
    typed = host.ask_text("ftpub: Set task", "ftrack task id:", host.stored_task_id() or "")
    if not typed:
        return None
    session = None
    try:
        session = open_session()
        task = resolve_task(session, typed)
    except (ContextError, SessionError) as error:
        host.show_message("ftpub: Set task", f"The task was not set: {error}")
        return None
    finally:
        if session is not None:
            session.close()
    host.store_task_id(task.task_id)
    host.show_message(
        "ftpub: Set task",
        f"This hip publishes to {task.project_name} / {task.parent_name} / {task.task_name}.",
    )
    return task.task_id


def open_publish(host: HoudiniHost, validate_only: bool) -> object:
    """Validate… and Publish…: the publish window, parented to Houdini's main window."""
    from ftpub.core import ui

    return ui.show(host, validate_only=validate_only)
