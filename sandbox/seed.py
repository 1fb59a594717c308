"""What a fresh ftrack site holds: locations, workflows, types, statuses and the API user."""

from __future__ import annotations

import uuid
from typing import Any

from .custom_attributes import STANDARD_TYPES
from .entity import Entity
from .store import Batch

#: The built-in locations, with the ids the client hard-codes (ftrack_api.symbol).
BUILTIN_LOCATIONS = {
    "ftrack.origin": "ce9b348f-8809-11e3-821c-20c9d081909b",
    "ftrack.unmanaged": "cb268ecc-8809-11e3-a7e2-20c9d081909b",
    "ftrack.review": "cd41be70-8809-11e3-b98a-20c9d081909b",
    "ftrack.server": "3a372bde-05bc-11e4-8908-20c9d081909b",
    "ftrack.connect": "07b82a97-8cf9-11e3-9383-20c9d081909b",
}
BUILTIN_LOCATION_IDS = frozenset(BUILTIN_LOCATIONS.values())

#: Object types, with the ids the schemas give as ``object_type_id`` defaults.
OBJECT_TYPES = {
    "Task": (
        "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c",
        {"is_leaf": True, "is_schedulable": True, "is_time_reportable": True},
    ),
    "Shot": ("bad911de-3bd6-47b9-8b46-3476e237cb36", {}),
    "Sequence": ("e5139355-61da-4c8f-9db4-3abc870166bc", {}),
    "Folder": (
        "3c133785-51cb-11e3-980a-20c9d0831e59",
        {"is_statusable": False, "is_typeable": False},
    ),
    "Asset Build": ("4be63b64-5010-42fb-bf1f-428af9d638f0", {}),
    "Episode": ("22139355-61da-4c8f-9db4-3abc870166bc", {}),
    "Milestone": ("01decdd1-51cb-11e3-9d5b-20c9d0831e59", {"is_leaf": True}),
}

DEFAULT_PRIORITY_ID = "9661b320-3a0c-11e2-81c1-0800200c9a66"
PRIORITIES = [
    ("Urgent", 4, "#FF0000"),
    ("High", 3, "#FF8000"),
    ("Medium", 2, "#FFD700"),
    ("Low", 1, "#00A0FF"),
    ("None", 0, "#A0A0A0"),
]

STATES = {
    "NOT_STARTED": "Not started",
    "IN_PROGRESS": "In progress",
    "BLOCKED": "Blocked",
    "DONE": "Done",
}

#: (name, state, colour) in workflow order.
STATUSES = [
    ("Not started", "NOT_STARTED", "#CCCCCC"),
    ("Ready to start", "NOT_STARTED", "#8BC34A"),
    ("In progress", "IN_PROGRESS", "#3498DB"),
    ("Pending Review", "IN_PROGRESS", "#FFA500"),
    ("Requires Feedback", "BLOCKED", "#E74C3C"),
    ("On Hold", "BLOCKED", "#9B59B6"),
    ("Approved", "DONE", "#1CBC90"),
    ("Completed", "DONE", "#2ECC71"),
    ("Omitted", "DONE", "#555555"),
]
VERSION_STATUSES = ["Not started", "Pending Review", "Requires Feedback", "Approved", "Omitted"]

TASK_TYPES = [
    "Generic",
    "Modeling",
    "Rigging",
    "Texture",
    "Lookdev",
    "Layout",
    "Animation",
    "FX",
    "Lighting",
    "Rendering",
    "Compositing",
    "Tracking",
    "Editing",
    "Conform",
]

ASSET_TYPES = [
    ("Upload", "upload"),
    ("Geometry", "geo"),
    ("Image", "img"),
    ("Camera", "cam"),
    ("Animation", "anim"),
    ("Scene", "scene"),
    ("Comp", "comp"),
    ("Cache", "cache"),
    ("Rig", "rig"),
    ("Texture", "texture"),
    ("Lookdev", "look"),
    ("Audio", "audio"),
    ("Render", "render"),
    ("Plate", "plate"),
    ("Review", "review"),
]

DEFAULT_PROJECT_SCHEMA = "VFX Scheme"


class SiteBuilder:
    """Adds entities to a batch and remembers the ids of the ones others refer to."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.ids: dict[tuple[str, str], str] = {}

    def add(self, entity_type: str, name: str | None = None, **data: Any) -> str:
        data.setdefault("id", str(uuid.uuid4()))
        if name is not None:
            data.setdefault("name", name)
            self.ids[(entity_type, name)] = data["id"]
        self.batch.add(Entity(entity_type, data))
        return str(data["id"])

    def link(self, entity_type: str, **data: Any) -> None:
        self.batch.add(Entity(entity_type, data))


def seed_site(batch: Batch, api_user: str) -> SiteBuilder:
    """Create what a fresh site has; returns the builder, whose ``ids`` name what it made."""
    site = SiteBuilder(batch)
    for name, location_id in BUILTIN_LOCATIONS.items():
        site.add(
            "Location",
            name,
            id=location_id,
            label=name.split(".")[1].title(),
            description=f"Built-in location {name}.",
        )
    site.add(
        "User",
        api_user,
        username=api_user,
        first_name="Sandbox",
        last_name="Admin",
        email=f"{api_user}@sandbox.invalid",
        is_active=True,
        resource_type="user",
    )
    for sort, (name, (object_type_id, flags)) in enumerate(OBJECT_TYPES.items()):
        values = {
            "is_leaf": False,
            "is_typeable": True,
            "is_statusable": True,
            "is_taskable": True,
            "is_schedulable": False,
            "is_time_reportable": False,
            "icon": "default",
            "sort": sort,
        } | flags
        site.add("ObjectType", name, id=object_type_id, **values)
    for index, (name, value, color) in enumerate(PRIORITIES):
        priority_id = DEFAULT_PRIORITY_ID if name == "Medium" else str(uuid.uuid4())
        site.add("Priority", name, id=priority_id, value=value, sort=index, color=color)
    for short, name in STATES.items():
        site.add("State", name, short=short)
    for index, (name, state, color) in enumerate(STATUSES):
        site.add(
            "Status",
            name,
            state_id=site.ids[("State", STATES[state])],
            color=color,
            sort=index,
            is_active=True,
        )
    for index, name in enumerate(TASK_TYPES):
        site.add("Type", name, sort=index, color="#510100", is_billable=True)
    for name, short in ASSET_TYPES:
        site.add("AssetType", name, short=short, component="main")
    _project_schema(site)
    seed_custom_attribute_types(site)
    site.link(
        "Setting",
        name="storage_scenario",
        group="STORAGE",
        value='{"scenario": "ftrack.automatic", "data": {}}',
    )
    return site


def seed_custom_attribute_types(site: SiteBuilder) -> None:
    """ftrack's built-in custom attribute types (a site made before they were seeded gets
    them when it opens)."""
    for name in STANDARD_TYPES:
        site.add("CustomAttributeType", name, core=True)


def _project_schema(site: SiteBuilder) -> None:
    task_workflow = site.add("WorkflowSchema", "Task workflow")
    version_workflow = site.add("WorkflowSchema", "Version workflow")
    for name, *_ in STATUSES:
        site.link(
            "WorkflowSchemaStatus",
            workflow_schema_id=task_workflow,
            status_id=site.ids[("Status", name)],
        )
    for name in VERSION_STATUSES:
        site.link(
            "WorkflowSchemaStatus",
            workflow_schema_id=version_workflow,
            status_id=site.ids[("Status", name)],
        )
    task_types = site.add("TaskTypeSchema", "Task types")
    for name in TASK_TYPES:
        site.link(
            "TaskTypeSchemaType", task_type_schema_id=task_types, type_id=site.ids[("Type", name)]
        )
    project_schema = site.add(
        "ProjectSchema",
        DEFAULT_PROJECT_SCHEMA,
        task_workflow_schema_id=task_workflow,
        asset_version_workflow_schema_id=version_workflow,
        task_type_schema_id=task_types,
    )
    for name, (object_type_id, _) in OBJECT_TYPES.items():
        site.link(
            "ProjectSchemaObjectType",
            project_schema_id=project_schema,
            object_type_id=object_type_id,
        )
        if name in ("Task", "Milestone"):
            continue
        schema_id = site.add(
            "Schema",
            None,
            project_schema_id=project_schema,
            type_id=object_type_id,
            object_type_id=object_type_id,
        )
        for sort, (status, *_) in enumerate(STATUSES):
            site.link(
                "SchemaStatus",
                schema_id=schema_id,
                status_id=site.ids[("Status", status)],
                sort=sort,
            )
