"""The ftpub menu in Nuke: Create…, Set task…, Validate…, Publish…."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

from ftpub.core.config import ConfigError, load_config
from ftpub.core.context import ContextError, TaskContext, find_task_id, resolve_task
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.hosts.nuke.marks import WriteMark
from ftpub.hosts.nuke.render_area import RenderAreaError, render_area, script_fields

if TYPE_CHECKING:
    from ftpub.hosts.nuke.api import NukeHost

LABEL = "ftpub"
ASSET_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
DEFAULT_ASSET = "comp"


def build(host: NukeHost) -> None:
    """Build (or rebuild) the menu."""
    host.build_menu(
        LABEL,
        [
            ("Create…", partial(create, host)),
            ("Set task…", partial(set_task, host)),
            ("Validate…", partial(open_publish, host, True)),
            ("Publish…", partial(open_publish, host, False)),
        ],
    )


def _ask_asset(host: NukeHost, prompt: str) -> str | None:
    asset = host.ask_text(prompt, DEFAULT_ASSET)
    if not asset:
        return None
    if not ASSET_NAME.match(asset):
        host.show_message(
            f"ftpub: '{asset}' is not an asset name: a letter, then letters, digits or '_'."
        )
        return None
    return asset


def _task(host: NukeHost, environ: Mapping[str, str] | None) -> TaskContext:
    task_id = find_task_id(host, environ)
    if task_id is None:
        raise ContextError("the script has no ftrack task yet: use ftpub > Set task… first")
    session = open_session(environ)
    try:
        return resolve_task(session, task_id)
    finally:
        session.close()


def _new_write(host: NukeHost, asset: str, environ: Mapping[str, str] | None) -> tuple[str, str]:
    """The path and file type of a new Write rendering ``asset``."""
    script = host.current_file()
    if script is None:
        raise RenderAreaError("save the script first: its render path follows from where it is")
    task = None
    area = render_area(load_config(None, environ))
    if area.needs_task():
        task = _task(host, environ)
        area = render_area(load_config(task.project_name, environ))
    return area.write_path(script_fields(script, task), asset), area.file_type


def create(host: NukeHost, environ: Mapping[str, str] | None = None) -> list[str]:
    """Mark the selected Write nodes as renders to publish (each asked its asset name), or make
    a new Write rendering into the studio's render area; returns the marked Writes."""
    selected = host.selected_writes()
    marked: list[str] = []
    for write in selected:
        asset = _ask_asset(host, f"Asset name in ftrack for {write}:")
        if asset is None:
            return marked
        host.mark(write, WriteMark(asset))
        marked.append(write)
    if selected:
        return marked
    asset = _ask_asset(host, "No Write node is selected: a new one renders the asset:")
    if asset is None:
        return []
    try:
        path, file_type = _new_write(host, asset, environ)
    except (ConfigError, ContextError, RenderAreaError, SessionError) as error:
        host.show_message(f"ftpub: no Write was made: {error}")
        return []
    write = host.create_write(path, file_type)
    host.mark(write, WriteMark(asset))
    return [write]


def set_task(host: NukeHost, environ: Mapping[str, str] | None = None) -> str | None:
    """Ask for the script's ftrack task, check it in ftrack and store it in the script."""
    typed = host.ask_text("ftrack task id:", host.stored_task_id() or "")
    if not typed:
        return None
    session = None
    try:
        session = open_session(environ)
        task = resolve_task(session, typed)
    except (ContextError, SessionError) as error:
        host.show_message(f"ftpub: the task was not set: {error}")
        return None
    finally:
        if session is not None:
            session.close()
    host.store_task_id(task.task_id)
    host.show_message(
        f"ftpub: this script publishes to {task.project_name} / {task.parent_name} / "
        f"{task.task_name}."
    )
    return task.task_id


def open_publish(host: NukeHost, validate_only: bool) -> object:
    """Validate… and Publish…: the publish window (validating at once for Validate…)."""
    from ftpub.core import ui

    return ui.show(host, validate_only=validate_only)
