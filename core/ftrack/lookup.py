"""Everything a publish needs to know from ftrack, fetched in one call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ftrack_api

from .calls import DEFAULT_POLICY, DUPLICATE_ENTRY, FtrackCallError, RetryPolicy, send
from .operations import create, new_id, query, quoted

SERVER_LOCATION_ID = "3a372bde-05bc-11e4-8908-20c9d081909b"


class NotInFtrackError(Exception):
    """Something a publish names does not exist in ftrack."""


@dataclass(frozen=True)
class TaskInfo:
    """A task and the context its assets live under (the task's parent)."""

    id: str
    name: str
    parent_id: str
    parent_type: str
    project_id: str
    project_name: str
    parents: tuple[str, ...]
    """Names from below the project down to the parent: ``("sq010", "sh010")``."""


@dataclass(frozen=True)
class Lookup:
    """The ftrack entities a publish refers to, by what the publish calls them."""

    tasks: dict[str, TaskInfo]
    asset_types: dict[str, str]
    """Asset type short code *and* name (lower case) -> id."""
    asset_type_shorts: dict[str, str]
    """Asset type id -> short code."""
    statuses: dict[str, str]
    """Status name (lower case) -> id."""
    assets: dict[tuple[str, str, str], str]
    """(parent id, asset name lower case, asset type id) -> existing asset id."""
    storage_location_id: str
    storage_location_created: bool = False
    """Whether this publish is the first and created the storage location."""


def fetch(
    session: ftrack_api.Session,
    task_ids: Iterable[str],
    asset_names: Iterable[str],
    storage_location: str,
    policy: RetryPolicy = DEFAULT_POLICY,
) -> Lookup:
    """Look up tasks, asset types, statuses, locations and existing assets in one call."""
    task_ids = sorted(set(task_ids))
    names = sorted({name for name in asset_names})
    operations = [
        query(
            "select id, name, parent_id, parent.link, project.id, project.name from Task "
            f"where id in ({quoted(task_ids)})"
        ),
        query("select id, name, short from AssetType"),
        query("select id, name from Status"),
        query(f'select id from Location where name is "{storage_location}"'),
        query(
            "select id, name, type_id, context_id from Asset where context_id in "
            f"(select parent_id from Task where id in ({quoted(task_ids)})) "
            f"and name in ({quoted(names)})"
        ),
    ]
    tasks, asset_types, statuses, locations, assets = (
        result["data"]
        for result in send(session, operations, "look up the publish's context", policy)
    )
    with session.auto_populating(False):
        found_tasks = {task["id"]: _task_info(task) for task in tasks}
        missing = [task_id for task_id in task_ids if task_id not in found_tasks]
        if missing:
            raise NotInFtrackError(f"no ftrack Task with id {', '.join(missing)}")
        created = not locations
        location_id = (
            _create_location(session, storage_location, policy) if created else locations[0]["id"]
        )
        return Lookup(
            tasks=found_tasks,
            asset_types={
                key.lower(): item["id"]
                for item in asset_types
                for key in (item["short"], item["name"])
                if key
            },
            asset_type_shorts={item["id"]: item["short"] for item in asset_types},
            statuses={item["name"].lower(): item["id"] for item in statuses},
            assets={
                (item["context_id"], item["name"].lower(), item["type_id"]): item["id"]
                for item in assets
            },
            storage_location_id=location_id,
            storage_location_created=created,
        )


def _task_info(task: Any) -> TaskInfo:
    link = task["parent"]["link"]
    return TaskInfo(
        id=task["id"],
        name=task["name"],
        parent_id=task["parent_id"],
        parent_type=task["parent"].entity_type,
        project_id=task["project"]["id"],
        project_name=task["project"]["name"],
        parents=tuple(item["name"] for item in link[1:]),
    )


def _create_location(session: ftrack_api.Session, name: str, policy: RetryPolicy) -> str:
    """Register ftpub's storage location the first time a site publishes to it.

    Two first publishes may race: the one whose location the server refuses as a duplicate
    uses the other's.
    """
    location_id = new_id()
    operation = create(
        "Location",
        location_id,
        name=name,
        label="ftpub storage",
        description="Files published by ftpub, under its publish root.",
    )
    try:
        send(
            session,
            [operation],
            f"create the storage location {name}",
            policy,
            created=[("Location", location_id)],
        )
    except FtrackCallError as error:
        if error.exception != DUPLICATE_ENTRY:
            raise
        found = send(
            session,
            [query(f'select id from Location where name is "{name}"')],
            f"look up the storage location {name}",
            policy,
        )[0]["data"]
        with session.auto_populating(False):
            return str(found[0]["id"])
    return location_id
