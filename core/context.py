"""Who and what a publish is for: the ftrack task, its parent and its project (the show)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftrack_api

from ftpub.core.ftrack.calls import FtrackCallError, send
from ftpub.core.ftrack.operations import query

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


def resolve_task(session: ftrack_api.Session, task_id: str) -> TaskContext:
    """Look the task up in one call (retried when ftrack is briefly unavailable).

    Unknown ids, and calls that keep failing, raise :class:`ContextError`.
    """
    if not isinstance(task_id, str) or not ID_PATTERN.match(task_id):
        raise ContextError(f"a task id is letters, digits and dashes, got {task_id!r}")
    expression = (
        "select id, name, parent.id, parent.name, project.id, project.name "
        f'from Task where id is "{task_id}"'
    )
    try:
        result = send(session, [query(expression)], f"look up task {task_id}")
    except FtrackCallError as error:
        raise ContextError(f"{error} ({session.server_url})") from None
    tasks = result[0]["data"]
    if not tasks:
        raise ContextError(f"no ftrack Task with id {task_id} on {session.server_url}")
    task = tasks[0]
    with session.auto_populating(False):
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
