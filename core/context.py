"""Who and what a publish is for: the ftrack task, its parent and its project (the show).

In a DCC the task is the one stored in the scene ("Set task…"), else ``FTRACK_TASKID``, else
``FTRACK_CONTEXTID`` (what ftrack Connect sets when it launches an application from a task).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import ftrack_api
import ftrack_api.exception

from ftpub.core.ftrack.calls import FtrackCallError, send
from ftpub.core.ftrack.operations import query
from ftpub.core.host import FrameRange, HostAdapter

ID_PATTERN = re.compile(r"^[A-Za-z0-9-]+$")
TASK_VARIABLES = ("FTRACK_TASKID", "FTRACK_CONTEXTID")


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


def find_task_id(host: HostAdapter, environ: Mapping[str, str] | None = None) -> str | None:
    """The scene's stored task, else ``FTRACK_TASKID``, else ``FTRACK_CONTEXTID``, else None."""
    environ = os.environ if environ is None else environ
    stored = host.stored_task_id()
    if stored:
        return stored
    return next((environ[name] for name in TASK_VARIABLES if environ.get(name)), None)


@dataclass(frozen=True)
class ShotAttributes:
    """The frame range and fps ftrack holds for the task's parent (custom attributes ``fstart``,
    ``fend``, ``handles`` and ``fps``); None where ftrack has no such attribute or no value."""

    parent: str
    fstart: int | None = None
    fend: int | None = None
    handles: int | None = None
    fps: float | None = None

    def frame_range(self) -> FrameRange | None:
        if self.fstart is None or self.fend is None:
            return None
        return FrameRange(self.fstart, self.fend)


def _frame_number(key: str, value: object, parent: str) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        return int(value)
    raise ContextError(f"{parent}: the custom attribute '{key}' is {value!r}, not a frame number")


def read_shot_attributes(session: ftrack_api.Session, task: TaskContext) -> ShotAttributes:
    """Read the task parent's ``fstart``/``fend``/``handles``/``fps`` through the ftrack client."""
    parent = f"{task.parent_type} {task.parent_name}"
    try:
        entity = session.get("TypedContext", task.parent_id)
        if entity is None:
            raise ContextError(f"{parent} ({task.parent_id}) is not on {session.server_url}")
        attributes = entity["custom_attributes"]
        found = {
            key: attributes[key]
            for key in ("fstart", "fend", "handles", "fps")
            if key in attributes and attributes[key] is not None
        }
    except ftrack_api.exception.Error as error:
        raise ContextError(f"reading the custom attributes of {parent}: {error}") from None
    fps = found.get("fps")
    if fps is not None and (isinstance(fps, bool) or not isinstance(fps, int | float)):
        raise ContextError(f"{parent}: the custom attribute 'fps' is {fps!r}, not a number")
    return ShotAttributes(
        parent,
        **{
            key: _frame_number(key, found[key], parent)
            for key in ("fstart", "fend", "handles")
            if key in found
        },
        fps=None if fps is None else float(fps),
    )
