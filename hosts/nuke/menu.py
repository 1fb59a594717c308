"""The ftpub menu in Nuke: Create…, Set task…, Validate…, Publish… (all but Create… are every
DCC's: :mod:`ftpub.core.scene_menu`)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

from ftpub.core.config import ConfigError, load_config
from ftpub.core.context import ContextError, TaskContext, find_task_id, resolve_task
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.core.scene_menu import ask_asset_name, open_publish, set_task
from ftpub.hosts.nuke.marks import WriteMark
from ftpub.hosts.nuke.render_area import RenderAreaError, render_area, script_fields

if TYPE_CHECKING:
    from ftpub.hosts.nuke.api import NukeHost

LABEL = "ftpub"
CREATE = "ftpub: Create"
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
        asset = ask_asset_name(host, CREATE, f"Asset name in ftrack for {write}:", DEFAULT_ASSET)
        if asset is None:
            return marked
        host.mark(write, WriteMark(asset))
        marked.append(write)
    if selected:
        return marked
    prompt = "No Write node is selected: a new one renders the asset:"
    asset = ask_asset_name(host, CREATE, prompt, DEFAULT_ASSET)
    if asset is None:
        return []
    try:
        path, file_type = _new_write(host, asset, environ)
    except (ConfigError, ContextError, RenderAreaError, SessionError) as error:
        host.show_message(CREATE, f"No Write was made: {error}")
        return []
    write = host.create_write(path, file_type)
    host.mark(write, WriteMark(asset))
    return [write]
