"""What the window reads from ftrack: projects, their hierarchy down to tasks, published versions.

Plain functions of an ``ftrack_api.Session`` (no Qt), called from a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ftrack_api
import ftrack_api.exception
import requests

from ftpub.core.context import TaskContext
from ftpub.core.result import PublishedVersion

THUMBNAIL_TIMEOUT = 10.0


@dataclass(frozen=True)
class Node:
    """A project, a folder-like context (sequence, shot, asset build…) or a task."""

    id: str
    name: str
    kind: str
    entity_type: str
    parent_id: str | None
    project_id: str
    project_name: str

    @property
    def is_task(self) -> bool:
        return self.entity_type == "Task"


@dataclass(frozen=True)
class VersionView:
    """A published version as the result page shows it."""

    asset_version_id: str
    asset_name: str
    version: int
    components: tuple[str, ...]  # names
    url: str
    folder: Path | None
    thumbnail: bytes | None


def projects(session: ftrack_api.Session) -> list[Node]:
    found = session.query("select id, name, full_name from Project").all()
    return sorted(
        (Node(p["id"], p["name"], "Project", "Project", None, p["id"], p["name"]) for p in found),
        key=lambda node: node.name.lower(),
    )


def hierarchy(session: ftrack_api.Session, project: Node) -> list[Node]:
    """Every context under ``project`` (one query), parents before children."""
    found = session.query(
        "select id, name, parent_id, object_type.name from TypedContext "
        f'where project_id is "{project.id}"'
    ).all()
    nodes = [
        Node(
            entity["id"],
            entity["name"],
            entity["object_type"]["name"],
            entity.entity_type,
            entity["parent_id"],
            project.id,
            project.name,
        )
        for entity in found
    ]
    return sorted(nodes, key=lambda node: (node.is_task, node.name.lower()))


def task_context(task: Node, nodes: Mapping[str, Node]) -> TaskContext:
    """The publish context of a picked ``task``, from the nodes loaded with it."""
    parent = nodes.get(task.parent_id) if task.parent_id else None
    return TaskContext(
        task_id=task.id,
        task_name=task.name,
        parent_id=parent.id if parent else task.project_id,
        parent_name=parent.name if parent else task.project_name,
        parent_type=parent.entity_type if parent else "Project",
        project_id=task.project_id,
        project_name=task.project_name,
    )


def version_url(server_url: str, asset_version_id: str) -> str:
    """The ftrack web page of a version."""
    return f"{server_url.rstrip('/')}/#slideEntity={asset_version_id}&slideEntityType=assetversion"


def _thumbnail(session: ftrack_api.Session, url: str | None) -> bytes | None:
    """The image at ``url``, asked for with the session's credentials (in headers, not the URL)."""
    if not url:
        return None
    headers = {"ftrack-user": session.api_user, "ftrack-api-key": session.api_key}
    try:
        response = requests.get(url, headers=headers, timeout=THUMBNAIL_TIMEOUT)
    except requests.RequestException:
        return None
    return response.content if response.ok else None


def published(
    session: ftrack_api.Session, versions: Sequence[PublishedVersion], location_name: str
) -> list[VersionView]:
    """The versions with their web page, folder on disk and thumbnail (one query for all)."""
    if not versions:
        return []
    ids = ", ".join(f'"{version.asset_version_id}"' for version in versions)
    found = {
        entity["id"]: entity
        for entity in session.query(
            f"select id, thumbnail_url, components.id, components.name from AssetVersion "
            f"where id in ({ids})"
        ).all()
    }
    location = session.query(f'Location where name is "{location_name}"').first()
    views = []
    for version in versions:
        entity = found.get(version.asset_version_id)
        folder = None
        names = tuple(c["name"] for c in entity["components"]) if entity is not None else ()
        if entity is not None and location is not None and entity["components"]:
            try:
                folder = Path(location.get_filesystem_path(entity["components"][0])).parent
            except ftrack_api.exception.Error:
                folder = None
        thumbnail = (entity["thumbnail_url"] or {}).get("url") if entity is not None else None
        views.append(
            VersionView(
                version.asset_version_id,
                version.asset_name,
                version.version,
                names or version.components,
                version_url(session.server_url, version.asset_version_id),
                folder,
                _thumbnail(session, thumbnail),
            )
        )
    return views
