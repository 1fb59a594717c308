"""The ftpub menu in Maya: Create ▸ (a family), Set task…, Validate…, Publish…."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from ftpub.core.context import ContextError, resolve_task
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.core.result import PublishResult, Stage
from ftpub.core.scene_publish import publish_scene, summary
from ftpub.hosts.maya.marks import FAMILIES, mark_values

if TYPE_CHECKING:
    from ftpub.hosts.maya.api import MayaHost

LABEL = "ftpub"
ASSET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
    asset = host.ask_text(f"Create {family}", "Asset name in ftrack:", default)
    if not asset:
        return None
    if not ASSET_NAME.match(asset):
        host.show_message(
            f"Create {family}",
            f"'{asset}' is not an asset name: a letter, then letters, digits or '_'.",
        )
        return None
    values = mark_values(family, asset, host.frame_range())
    return host.mark(f"{asset}_{family}_SET", selection, values)


def set_task(host: MayaHost) -> str | None:
    """Ask for the scene's ftrack task, check it in ftrack and store it in the scene."""
    typed = host.ask_text("Set task", "ftrack task id:", host.stored_task_id() or "")
    if not typed:
        return None
    session = None
    try:
        session = open_session()
        task = resolve_task(session, typed)
    except (ContextError, SessionError) as error:
        host.show_message("Set task", f"The task was not set: {error}")
        return None
    finally:
        if session is not None:
            session.close()
    host.store_task_id(task.task_id)
    host.show_message(
        "Set task",
        f"This scene publishes to {task.project_name} / {task.parent_name} / {task.task_name}.",
    )
    return task.task_id


def open_publish(host: MayaHost, validate_only: bool) -> PublishResult | None:
    """Validate… and Publish…: the publish window, parented to Maya's main window.

    Without Maya's main window (no UI, or no Qt binding) it publishes headless and shows the
    result in a dialog, which it returns.
    """
    if host.main_window() is not None:
        from ftpub.core import ui

        ui.show(host, validate_only=validate_only)
        return None
    result = publish_scene(host, Stage.VALIDATE if validate_only else Stage.INTEGRATE)
    host.show_message("ftpub", summary(result))
    return result
