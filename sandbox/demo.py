"""The demo project: a small show a newcomer can publish into."""

from __future__ import annotations

import json
from typing import Any

from .entity import Entity
from .graph import StoreGraph
from .seed import DEFAULT_PROJECT_SCHEMA, OBJECT_TYPES
from .writes import Writer

DEMO_PROJECT = "demo"

#: (type, name, task type) under each shot, and the asset build with its task.
SHOTS = ("sh010", "sh020")
SHOT_TASKS = (("compositing", "Compositing"), ("lighting", "Lighting"), ("animation", "Animation"))
ASSET_BUILDS = (("hero", (("modeling", "Modeling"), ("rigging", "Rigging"))),)

#: Custom attributes as a typical studio sets them up: (key, entity type, object type, label,
#: decimal, default). Frame numbers are whole, frame rates decimal.
CUSTOM_ATTRIBUTES = (
    ("fps", "show", None, "FPS", True, 24.0),
    ("fstart", "task", "Shot", "Frame start", False, 1001),
    ("fend", "task", "Shot", "Frame end", False, 1100),
    ("handles", "task", "Shot", "Handles", False, 0),
    ("fps", "task", "Shot", "FPS", True, 24.0),
)
PROJECT_VALUES = {"fps": 24.0}
SHOT_VALUES = {
    "sh010": {"fstart": 1001, "fend": 1100, "handles": 8, "fps": 24.0},
    "sh020": {"fstart": 1001, "fend": 1060, "handles": 8, "fps": 24.0},
}


def add_demo_project(graph: StoreGraph, user: Entity) -> None:
    """Create project ``demo`` (sequence sq010, shots, asset builds, tasks) unless it exists."""
    if any(p.data.get("name") == DEMO_PROJECT for p in graph.scan("Project")):
        return
    with graph.store.batch() as batch:
        writer = Writer(graph, batch, user)

        def create(type_id: str, /, **data: Any) -> str:
            return str(writer.create({"entity_type": type_id, "entity_data": data}).entity.id)

        configurations = _custom_attributes(graph, create)

        def set_values(entity_id: str, kind: str, values: dict[str, Any]) -> None:
            for key, value in values.items():
                writer.update(
                    {
                        "entity_type": "ContextCustomAttributeValue",
                        "entity_key": [configurations[(kind, key)], entity_id],
                        "entity_data": {"value": value},
                    }
                )

        project = create(
            "Project",
            name=DEMO_PROJECT,
            full_name="Demo Project",
            project_schema_id=_named(graph, "ProjectSchema", DEFAULT_PROJECT_SCHEMA),
        )
        set_values(project, "show", PROJECT_VALUES)
        sequence = create("Sequence", name="sq010", parent_id=project)
        for shot_name in SHOTS:
            shot = create("Shot", name=shot_name, parent_id=sequence)
            set_values(shot, "Shot", SHOT_VALUES[shot_name])
            for task_name, task_type in SHOT_TASKS:
                create(
                    "Task", name=task_name, parent_id=shot, type_id=_named(graph, "Type", task_type)
                )
        assets = create("Folder", name="assets", parent_id=project)
        for build_name, tasks in ASSET_BUILDS:
            build = create("AssetBuild", name=build_name, parent_id=assets)
            for task_name, task_type in tasks:
                create(
                    "Task",
                    name=task_name,
                    parent_id=build,
                    type_id=_named(graph, "Type", task_type),
                )


def _custom_attributes(graph: StoreGraph, create: Any) -> dict[tuple[str, str], str]:
    """The demo's custom attribute configurations, by (object type or "show", key)."""
    number = _named(graph, "CustomAttributeType", "number")
    ids = {}
    for key, entity_type, object_type, label, decimal, default in CUSTOM_ATTRIBUTES:
        ids[(object_type or entity_type, key)] = create(
            "CustomAttributeConfiguration",
            key=key,
            label=label,
            entity_type=entity_type,
            object_type_id=OBJECT_TYPES[object_type][0] if object_type else None,
            type_id=number,
            config=json.dumps({"isdecimal": decimal}),
            default=default,
        )
    return ids


def _named(graph: StoreGraph, type_id: str, name: str) -> str:
    for entity in graph.scan(type_id):
        if entity.data.get("name") == name:
            return str(entity.id)
    raise LookupError(f"The site has no {type_id} named {name!r}.")
