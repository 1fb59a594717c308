"""What the web page shows, read from the sandbox with the same queries a client sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..app import Sandbox
from ..entity import Entity

REVIEW_COMPONENT = "ftrackreview-mp4"
SERVER_LOCATION = "ftrack.server"


@dataclass(frozen=True)
class Node:
    """A project's context (sequence, shot, task…), with its children."""

    id: str
    name: str
    kind: str
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class ComponentView:
    id: str
    name: str
    location: str
    path: str


@dataclass(frozen=True)
class VersionView:
    id: str
    asset: str
    version: int
    comment: str
    published: bool
    thumbnail_id: str | None
    components: tuple[ComponentView, ...]

    @property
    def review_id(self) -> str | None:
        """The component holding the review movie, if any."""
        return next(
            (c.id for c in self.components if c.name == REVIEW_COMPONENT),
            None,
        )


class Catalog:
    """Read-only queries on one sandbox, as one user."""

    def __init__(self, sandbox: Sandbox, user: Entity, publish_root: Path) -> None:
        self.sandbox = sandbox
        self.user = user
        self.publish_root = publish_root

    def _query(self, expression: str) -> list[dict[str, Any]]:
        operation = {"action": "query", "expression": expression}
        return list(self.sandbox.api.call([operation], self.user)[0]["data"])

    def projects(self) -> list[dict[str, Any]]:
        return sorted(
            self._query("select id, name, full_name from Project"),
            key=lambda p: str(p["full_name"] or p["name"]).lower(),
        )

    def hierarchy(self, project_id: str) -> tuple[str, list[Node]]:
        """The project's name and its contexts as a tree."""
        project = self._query(f'select name, full_name from Project where id is "{project_id}"')
        contexts = self._query(
            "select id, name, parent_id, object_type.name from TypedContext "
            f'where project_id is "{project_id}"'
        )
        nodes = {c["id"]: Node(c["id"], c["name"], c["object_type"]["name"]) for c in contexts}
        roots = []
        for context in sorted(contexts, key=lambda c: str(c["name"]).lower()):
            parent = nodes.get(context["parent_id"])
            (parent.children if parent else roots).append(nodes[context["id"]])
        name = project[0]["full_name"] or project[0]["name"] if project else "unknown project"
        return str(name), roots

    def task(self, task_id: str) -> tuple[list[dict[str, Any]], list[VersionView]]:
        """The task's path (link) and its versions, newest first."""
        found = self._query(f'select link, name from Task where id is "{task_id}"')
        link = found[0]["link"] if found else []
        versions = self._query(
            "select id, version, comment, is_published, thumbnail_id, asset.name, "
            "components.id, components.name, "
            "components.component_locations.resource_identifier, "
            "components.component_locations.location.name "
            f'from AssetVersion where task_id is "{task_id}" order by date descending'
        )
        return link, [self._version(version) for version in versions]

    def _version(self, version: dict[str, Any]) -> VersionView:
        components = tuple(
            ComponentView(
                component["id"],
                component["name"],
                place["location"]["name"],
                self._path(place["location"]["name"], str(place["resource_identifier"] or "")),
            )
            for component in version["components"]
            for place in component["component_locations"]
        )
        return VersionView(
            id=version["id"],
            asset=str(version["asset"]["name"]),
            version=int(version["version"]),
            comment=str(version["comment"] or ""),
            published=bool(version["is_published"]),
            thumbnail_id=version["thumbnail_id"],
            components=components,
        )

    def _path(self, location: str, identifier: str) -> str:
        if location == SERVER_LOCATION or not identifier:
            return "stored on the server"
        return str(self.publish_root / identifier)

    def is_file_component(self, component_id: str) -> bool:
        """Whether ``component_id`` names a component this user can read."""
        return bool(self._query(f'select id from Component where id is "{component_id}"'))
