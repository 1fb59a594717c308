"""Values a real ftrack server fills in when an entity is created."""

from __future__ import annotations

from typing import Any

from .entity import Entity
from .errors import DuplicateEntryError, ValidationError
from .graph import StoreGraph
from .wire import now

#: Required attributes the server leaves empty when nothing sensible can be derived.
OPTIONAL = frozenset({"type_id"})

SYSTEM_TYPES = {
    "Component": "file",
    "FileComponent": "file",
    "SequenceComponent": "sequence",
    "ContainerComponent": "container",
}


class FirstStatuses:
    """The first status of each project's workflows, looked up once per batch (a batch of
    versions asks the same question for every one of them).

    Writing a status, a workflow, a project schema or a project forgets what was found."""

    def __init__(self, graph: StoreGraph) -> None:
        self._graph = graph
        self._found: dict[tuple[Any, str], Any] = {}

    def of(self, project_id: Any, workflow: str) -> Any:
        """The id of the first status of the project's ``workflow`` (``_task_workflow`` or
        ``_version_workflow``)."""
        key = (project_id, workflow)
        if key not in self._found:
            self._found[key] = _first_status(self._graph, project_id, workflow)
        return self._found[key]

    def written(self, entity: Entity) -> None:
        """Note that the batch wrote ``entity``."""
        if entity.type == "Project" or self._graph.schema.family(entity.type) in _WORKFLOW:
            self._found.clear()


_WORKFLOW = frozenset({"Status", "WorkflowSchema", "WorkflowSchemaStatus", "ProjectSchema"})


def on_create(graph: StoreGraph, entity: Entity, user: Entity, statuses: FirstStatuses) -> None:
    """Fill server-side values of a new ``entity`` created by ``user``."""
    schema = graph.schema
    attributes = schema.get(entity.type).attributes
    data = entity.data
    if "created_at" in attributes:
        data.setdefault("created_at", now())
    if "created_by" in attributes and data.get("created_by_id") is None:
        data["created_by_id"] = user.id
    if schema.is_a(entity.type, "Context"):
        _context(graph, entity, statuses)
    elif entity.type == "Asset":
        _asset(graph, entity)
    elif entity.type == "Location":
        _refuse_duplicate_location(graph, entity)
    elif entity.type == "AssetVersion":
        _asset_version(graph, entity, user, statuses)
    elif entity.type in SYSTEM_TYPES:
        data["system_type"] = SYSTEM_TYPES[entity.type]
    elif entity.type == "Note":
        data.setdefault("date", now())
        if data.get("user_id") is None:
            data["user_id"] = user.id
    elif entity.type == "Job" and data.get("user_id") is None:
        data["user_id"] = user.id
    elif entity.type == "Metadata" and data.get("parent_type") is None:
        data["parent_type"] = _parent_type(graph, data.get("parent_id"))
    elif entity.type == "User":
        data.setdefault("is_active", True)
        if not data.get("username"):
            data["username"] = _free_username(graph, data)
    elif entity.type == "Status":
        data.setdefault("is_active", True)
    elif entity.type == "Timer":
        _timer(graph, entity, user)


def _context(graph: StoreGraph, entity: Entity, statuses: FirstStatuses) -> None:
    data = entity.data
    if entity.type == "Project":
        data["context_type"] = "show"
        data.setdefault("status", "active")
        data.setdefault("full_name", data.get("name"))
        data["project_id"] = entity.id
        return
    data["context_type"] = "task"
    data.setdefault("bid", 0)
    data.setdefault("sort", 0)
    parent = graph.get("Context", data.get("parent_id"))
    if parent is None:
        raise ValidationError(f"A {entity.type} must have a parent.")
    data["project_id"] = parent.id if parent.type == "Project" else parent.data.get("project_id")
    _refuse_sibling_name(graph, entity, parent)
    if data.get("status_id") is None:
        data["status_id"] = statuses.of(data["project_id"], "_task_workflow")


def _asset(graph: StoreGraph, entity: Entity) -> None:
    """An asset needs a parent; its type is optional (the schema requires only ``id``)."""
    parent = graph.get("Context", entity.data.get("context_id"))
    if parent is None:
        raise ValidationError("An Asset must have a parent (context_id).")
    _refuse_duplicate_asset(
        graph, entity, parent, graph.get("AssetType", entity.data.get("type_id"))
    )


def _timer(graph: StoreGraph, entity: Entity, user: Entity) -> None:
    """A timer starts now, for the requesting user, and a user runs one timer at a time.

    ``User.start_timer`` sends neither ``start`` nor checks for a running timer: it expects
    the server to and matches ``DuplicateEntryError`` [VERIFIED-src ftrack_api/entity/user.py].
    """
    data = entity.data
    data.setdefault("start", now())
    if data.get("user_id") is None:
        data["user_id"] = user.id
    if graph.store.referencing("Timer", "user_id", data["user_id"]):
        raise DuplicateEntryError("The user already has a timer running.")


def _free_username(graph: StoreGraph, data: dict[str, Any]) -> str:
    """A username for a new user: the e-mail's local part, else the names, made unique.

    ftrack fills it in on commit [FROM DOCS (fixture) ftrack-python test_session.py:148-156];
    how it derives it is a GUESS.
    """
    email = str(data.get("email") or "")
    names = ".".join(str(data[n]) for n in ("first_name", "last_name") if data.get(n))
    base = (email.split("@")[0] if email else names or "user").lower()
    taken = {str(u.data.get("username")).lower() for u in graph.scan("User")}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def _asset_version(
    graph: StoreGraph, entity: Entity, user: Entity, statuses: FirstStatuses
) -> None:
    data = entity.data
    asset = graph.get("Asset", data.get("asset_id"))
    if asset is None:
        raise ValidationError("An AssetVersion must belong to an asset.")
    versions = graph.store.referencing("AssetVersion", "asset_id", asset.id)
    numbers = {version.data.get("version") for version in versions}
    if data.get("version") is None:
        data["version"] = max((n for n in numbers if isinstance(n, int)), default=0) + 1
    elif data["version"] in numbers:
        raise DuplicateEntryError(
            f'Version {data["version"]} of asset "{asset.data.get("name")}" already exists.'
        )
    data.setdefault("date", now())
    if data.get("user_id") is None:
        data["user_id"] = user.id
    if data.get("status_id") is None:
        context = graph.get("Context", asset.data.get("context_id"))
        project_id = context.data.get("project_id") if context else None
        data["status_id"] = statuses.of(project_id, "_version_workflow")


def _first_status(graph: StoreGraph, project_id: Any, workflow: str) -> Any:
    """The first status (by ``sort``) of a project's task or version workflow."""
    project = graph.get("Project", project_id)
    statuses: list[Entity] = []
    schema = graph.resolve(project, "project_schema") if project else None
    if schema is not None:
        workflow_schema = graph.resolve(schema, workflow)
        if workflow_schema is not None:
            statuses = graph.resolve(workflow_schema, "statuses")
    if not statuses:
        statuses = list(graph.scan("Status"))
    if not statuses:
        return None
    return min(statuses, key=lambda status: status.data.get("sort") or 0).id


def _refuse_sibling_name(graph: StoreGraph, entity: Entity, parent: Entity) -> None:
    name = str(entity.data.get("name", ""))
    for sibling in graph.store.matching("Context", "name", [name]):
        if (
            sibling.data.get("parent_id") == parent.id
            and str(sibling.data.get("name", "")).lower() == name.lower()
        ):
            raise DuplicateEntryError(
                f'"{parent.data.get("name")}" already has a child named '
                f'"{entity.data.get("name")}".'
            )


def _refuse_duplicate_location(graph: StoreGraph, entity: Entity) -> None:
    """Location names are unique: tools find their location by name."""
    name = entity.data.get("name")
    if any(other.data.get("name") == name for other in graph.scan("Location")):
        raise DuplicateEntryError(f'A location named "{name}" already exists.')


def _refuse_duplicate_asset(
    graph: StoreGraph, entity: Entity, parent: Entity, asset_type: Entity | None
) -> None:
    """An asset's parent, type and name (ignoring case) are unique, as on a real server."""
    name = str(entity.data.get("name") or "")
    for other in graph.store.referencing("Asset", "context_id", parent.id):
        if (
            other.data.get("type_id") == (asset_type.id if asset_type else None)
            and str(other.data.get("name") or "").lower() == name.lower()
        ):
            raise DuplicateEntryError(
                f'"{parent.data.get("name")}" already has a '
                f"{asset_type.data.get('name') if asset_type else 'typeless'} "
                f'asset named "{other.data.get("name")}".'
            )


def _parent_type(graph: StoreGraph, parent_id: Any) -> str | None:
    for family in ("Context", "AssetVersion", "Component", "Asset", "Resource", "Note"):
        parent = graph.get(family, parent_id)
        if parent is not None:
            return parent.type
    return None
