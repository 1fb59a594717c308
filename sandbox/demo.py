"""The demo project: a small show a newcomer can publish into."""

from __future__ import annotations

from typing import Any

from .entity import Entity
from .graph import StoreGraph
from .seed import DEFAULT_PROJECT_SCHEMA
from .writes import Writer

DEMO_PROJECT = "demo"

#: (type, name, task type) under each shot, and the asset build with its task.
SHOTS = ("sh010", "sh020")
SHOT_TASKS = (("compositing", "Compositing"), ("lighting", "Lighting"), ("animation", "Animation"))
ASSET_BUILDS = (("hero", (("modeling", "Modeling"), ("rigging", "Rigging"))),)


def add_demo_project(graph: StoreGraph, user: Entity) -> None:
    """Create project ``demo`` (sequence sq010, shots, asset builds, tasks) unless it exists."""
    if any(p.data.get("name") == DEMO_PROJECT for p in graph.scan("Project")):
        return
    with graph.store.batch() as batch:
        writer = Writer(graph, batch, user)

        def create(entity_type: str, **data: Any) -> str:
            reply = writer.create({"entity_type": entity_type, "entity_data": data})
            return str(reply["data"]["id"])

        project = create(
            "Project",
            name=DEMO_PROJECT,
            full_name="Demo Project",
            project_schema_id=_named(graph, "ProjectSchema", DEFAULT_PROJECT_SCHEMA),
        )
        sequence = create("Sequence", name="sq010", parent_id=project)
        for shot_name in SHOTS:
            shot = create("Shot", name=shot_name, parent_id=sequence)
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


def _named(graph: StoreGraph, type_id: str, name: str) -> str:
    for entity in graph.scan(type_id):
        if entity.data.get("name") == name:
            return str(entity.id)
    raise LookupError(f"The site has no {type_id} named {name!r}.")
