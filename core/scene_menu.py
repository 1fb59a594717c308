"""What the ftpub menu does in every DCC: ask for an asset name, Set task…, Validate… and
Publish….

Each host's menu module builds its DCC's menu from these and keeps its own Create… (a product
is marked differently in each DCC). The host adapter shows the dialogs (:class:`MenuHost`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from ftpub.core.context import ContextError, resolve_task
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.core.host import HostAdapter
from ftpub.core.result import Stage
from ftpub.core.scene_publish import publish_scene, summary

ASSET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
SET_TASK = "ftpub: Set task"
PUBLISH = "ftpub"


class MenuHost(HostAdapter, Protocol):
    """A host whose menu asks and tells the artist things through the DCC's dialogs."""

    def ask_text(self, title: str, message: str, text: str = "") -> str | None:
        """The text the artist typed (``text`` to start with), or None when they cancelled."""

    def show_message(self, title: str, message: str) -> None:
        """Tell the artist ``message``."""


def ask_asset_name(host: MenuHost, title: str, message: str, default: str) -> str | None:
    """An ftrack asset name the artist types; None (after saying why) when it is not one."""
    asset = host.ask_text(title, message, default)
    if not asset:
        return None
    if not ASSET_NAME.match(asset):
        host.show_message(
            title, f"'{asset}' is not an asset name: a letter, then letters, digits or '_'."
        )
        return None
    return asset


def set_task(host: MenuHost, environ: Mapping[str, str] | None = None) -> str | None:
    """Set task…: ask for the scene's ftrack task, check it in ftrack, store it in the scene."""
    typed = host.ask_text(SET_TASK, "ftrack task id:", host.stored_task_id() or "")
    if not typed:
        return None
    session = None
    try:
        session = open_session(environ)
        task = resolve_task(session, typed)
    except (ContextError, SessionError) as error:
        host.show_message(SET_TASK, f"The task was not set: {error}")
        return None
    finally:
        if session is not None:
            session.close()
    host.store_task_id(task.task_id)
    host.show_message(
        SET_TASK,
        f"This scene publishes to {task.project_name} / {task.parent_name} / {task.task_name}.",
    )
    return task.task_id


def open_publish(host: MenuHost, validate_only: bool) -> object:
    """Validate… and Publish…: the publish window, parented to the DCC's main window (and
    returned). Without a main window (no interface, or no Qt binding) the scene is published
    headless and a dialog shows the summary; the result is returned."""
    if host.main_window() is not None:
        from ftpub.core import ui

        return ui.show(host, validate_only=validate_only)
    result = publish_scene(host, Stage.VALIDATE if validate_only else Stage.INTEGRATE)
    host.show_message(PUBLISH, summary(result))
    return result
