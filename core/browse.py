"""What ftrack holds, as a newcomer looks for it: tasks with their paths, published versions.

Works with any ftrack server through ``ftrack_api`` (the sandbox included): plain queries on
``Task`` and ``AssetVersion``, read into data classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ftrack_api
import ftrack_api.accessor.disk

from ftpub.core.context import ID_PATTERN


class BrowseError(Exception):
    """A filter that cannot be asked (an id of the wrong form, a name with quotes)."""


@dataclass(frozen=True)
class TaskRow:
    id: str
    name: str
    path: str
    """Project to task: ``demo/sq010/sh010/compositing``."""
    type: str
    status: str


@dataclass(frozen=True)
class ComponentRow:
    name: str
    location: str
    path: str
    """The file's absolute path where the location is on disk, else its resource identifier."""


@dataclass(frozen=True)
class VersionRow:
    id: str
    asset: str
    version: int
    task_id: str
    comment: str
    published: bool
    components: tuple[ComponentRow, ...]


def _text(value: str, what: str) -> str:
    if '"' in value or "\\" in value:
        raise BrowseError(f"{what} cannot contain quotes or backslashes: {value!r}")
    return value


def _id(value: str, what: str) -> str:
    if not ID_PATTERN.match(value):
        raise BrowseError(f"{what} is letters, digits and dashes, got {value!r}")
    return value


def _name(entity: Any, key: str) -> str:
    value = entity[key]
    return "" if value is None else str(value["name"])


def filesystem_path(component_location: Any) -> str:
    """Where a component location's file is on disk, or its resource identifier."""
    identifier = str(component_location["resource_identifier"] or "")
    accessor = getattr(component_location["location"], "accessor", None)
    if isinstance(accessor, ftrack_api.accessor.disk.DiskAccessor) and identifier:
        return str(accessor.get_filesystem_path(identifier))
    return identifier


def tasks(session: ftrack_api.Session, project: str | None = None) -> list[TaskRow]:
    """Every task (of ``project`` if named), ordered by path."""
    where = f' where project.name is "{_text(project, "a project name")}"' if project else ""
    found = session.query(f"select id, name, link, type.name, status.name from Task{where}").all()
    with session.auto_populating(False):
        rows = [
            TaskRow(
                id=task["id"],
                name=task["name"],
                path="/".join(item["name"] for item in task["link"]),
                type=_name(task, "type"),
                status=_name(task, "status"),
            )
            for task in found
        ]
    return sorted(rows, key=lambda row: row.path.lower())


def versions(
    session: ftrack_api.Session,
    task_id: str | None = None,
    asset: str | None = None,
    limit: int = 50,
) -> list[VersionRow]:
    """The newest ``limit`` versions (of the task and asset if named), newest first."""
    criteria = []
    if task_id:
        criteria.append(f'task_id is "{_id(task_id, "a task id")}"')
    if asset:
        criteria.append(f'asset.name is "{_text(asset, "an asset name")}"')
    where = f" where {' and '.join(criteria)}" if criteria else ""
    found = session.query(
        "select id, version, comment, task_id, is_published, date, asset.name, "
        "components.name, components.component_locations.resource_identifier, "
        f"components.component_locations.location.name from AssetVersion{where} "
        f"order by date descending limit {int(limit)}"
    ).all()
    with session.auto_populating(False):
        return [
            VersionRow(
                id=version["id"],
                asset=_name(version, "asset"),
                version=int(version["version"]),
                task_id=str(version["task_id"] or ""),
                comment=str(version["comment"] or ""),
                published=bool(version["is_published"]),
                components=tuple(
                    ComponentRow(
                        component["name"], _name(where_, "location"), filesystem_path(where_)
                    )
                    for component in version["components"]
                    for where_ in component["component_locations"]
                ),
            )
            for version in found
        ]
