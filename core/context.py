"""Who and what a publish is for: the ftrack task, its parent and its project (the show)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import ftrack_api
import ftrack_api.exception

CREDENTIAL_VARIABLES = ("FTRACK_SERVER", "FTRACK_API_USER", "FTRACK_API_KEY")
ID_PATTERN = re.compile(r"^[A-Za-z0-9-]+$")


class ContextError(Exception):
    """The ftrack context cannot be resolved; the message never contains the API key."""


@dataclass(frozen=True)
class TaskContext:
    """The task a publish belongs to; ``project_name`` is the show."""

    task_id: str
    task_name: str
    parent_id: str
    parent_name: str
    parent_type: str
    project_id: str
    project_name: str


def _without_secret(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def open_session() -> ftrack_api.Session:
    """A session from ``FTRACK_SERVER``/``FTRACK_API_USER``/``FTRACK_API_KEY``, no event hub."""
    missing = [name for name in CREDENTIAL_VARIABLES if not os.environ.get(name)]
    if missing:
        raise ContextError(f"ftrack is not configured: set {', '.join(missing)}")
    try:
        return ftrack_api.Session(auto_connect_event_hub=False, plugin_paths=[])
    except Exception as error:
        message = _without_secret(str(error), os.environ["FTRACK_API_KEY"])
        raise ContextError(
            f"cannot connect to ftrack at {os.environ['FTRACK_SERVER']} as "
            f"{os.environ['FTRACK_API_USER']}: {message}"
        ) from None


def resolve_task(session: ftrack_api.Session, task_id: str) -> TaskContext:
    """Look the task up in one query; unknown ids raise :class:`ContextError`."""
    if not isinstance(task_id, str) or not ID_PATTERN.match(task_id):
        raise ContextError(f"a task id is letters, digits and dashes, got {task_id!r}")
    try:
        task = session.query(
            "select id, name, parent.id, parent.name, project.id, project.name "
            f'from Task where id is "{task_id}"'
        ).first()
    except ftrack_api.exception.Error as error:
        message = _without_secret(str(error), session.api_key)
        raise ContextError(
            f"cannot look up task {task_id} on {session.server_url}: {message}"
        ) from None
    if task is None:
        raise ContextError(f"no ftrack Task with id {task_id} on {session.server_url}")
    parent = task["parent"]
    project = task["project"]
    return TaskContext(
        task_id=task["id"],
        task_name=task["name"],
        parent_id=parent["id"],
        parent_name=parent["name"],
        parent_type=parent.entity_type,
        project_id=project["id"],
        project_name=project["name"],
    )
