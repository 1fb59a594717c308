"""What ftrack must already have for the publish to succeed, checked before extraction.

One call reads the instances' tasks, ftrack's asset types and statuses, and the assets under
the instances' parents; each problem names what is wrong and lists the valid choices.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyblish.api

from ftpub.core.context import ID_PATTERN
from ftpub.core.files import TemplateError
from ftpub.core.ftrack.calls import send
from ftpub.core.ftrack.operations import query, quoted
from ftpub.core.publish_data import InstanceData
from ftpub.core.publish_plan import planned_path, valid_instances
from ftpub.core.result import PublishError

MAX_CHOICES = 30


def _choices(names: Iterable[str]) -> str:
    ordered = sorted(set(names), key=str.lower)
    more = len(ordered) - MAX_CHOICES
    listed = ", ".join(ordered[:MAX_CHOICES])
    return f"{listed} and {more} more" if more > 0 else listed


class ValidateFtrackContext(pyblish.api.ContextPlugin):
    """Tasks, asset types and the version status exist; no new asset lands in another's folder."""

    label = "Validate ftrack context"
    order = pyblish.api.ValidatorOrder + 0.2

    def process(self, context: pyblish.api.Context) -> None:
        session = context.data.get("ftrack_session")
        if session is None:
            self.log.info("No ftrack session: the ftrack context is checked when publishing")
            return
        config = context.data["config"]
        task = context.data["task"]
        instances = valid_instances(context)
        problems = []
        task_ids = {data.task_id for data in instances if data.task_id} | {task.task_id}
        bad_ids = sorted(i for i in task_ids if not ID_PATTERN.match(i))
        problems += [f"'{task_id}' is not an ftrack id" for task_id in bad_ids]
        tasks, types, statuses, assets = self._read(session, sorted(task_ids - set(bad_ids)))
        problems += [
            f"{data.name}: no ftrack Task with id {data.task_id}"
            for data in instances
            if data.task_id and data.task_id not in tasks and data.task_id not in bad_ids
        ]
        shorts = {}
        for item in types:
            shorts[item["short"].lower()] = item["short"]
            shorts[item["name"].lower()] = item["short"]
        for data in instances:
            if data.asset_type.lower() not in shorts:
                problems.append(
                    f"{data.name}: ftrack has no asset type '{data.asset_type}'; choose one of "
                    + _choices(f"{t['short']} ({t['name']})" for t in types)
                )
        status_names = [item["name"] for item in statuses]
        if config.version_status and config.version_status.lower() not in {
            name.lower() for name in status_names
        }:
            problems.append(
                f"ftrack has no status '{config.version_status}' (version_status in the studio "
                f"config); choose one of {_choices(status_names)}"
            )
        problems += self._collisions(instances, tasks, assets, shorts, task, config)
        if problems:
            raise PublishError("Not possible in ftrack", "; ".join(problems))

    def _read(
        self, session: Any, task_ids: list[str]
    ) -> tuple[dict[str, Any], list[Any], list[Any], list[Any]]:
        operations = [
            query(f"select id, parent_id from Task where id in ({quoted(task_ids)})"),
            query("select name, short from AssetType"),
            query("select name from Status"),
            query(
                "select name, type.short, context_id from Asset where context_id in "
                f"(select parent_id from Task where id in ({quoted(task_ids)}))"
            ),
        ]
        results = send(session, operations, "check the publish's ftrack context")
        with session.auto_populating(False):
            tasks = {item["id"]: item["parent_id"] for item in results[0]["data"]}
            types = [{"name": t["name"], "short": t["short"]} for t in results[1]["data"]]
            statuses = [{"name": s["name"]} for s in results[2]["data"]]
            assets = [
                {"name": a["name"], "short": a["type"]["short"], "parent": a["context_id"]}
                for a in results[3]["data"]
                if a["type"] is not None  # ftrack allows an asset without a type: no folder
            ]
        return tasks, types, statuses, assets

    def _collisions(
        self,
        instances: list[InstanceData],
        tasks: dict[str, Any],
        assets: list[dict[str, str]],
        shorts: dict[str, str],
        task: Any,
        config: Any,
    ) -> list[str]:
        """New assets whose folder is an existing asset's of another name."""
        problems = []
        folders: dict[tuple[str, str, str, str], Path] = {}

        def folder(data: InstanceData, name: str, short: str) -> Path:
            """The folder of asset ``name`` for ``data``'s first representation, worked out
            once per name and representation (the rest of the path is the task's)."""
            first = data.representations[0]
            key = (name, short, first.name, first.extension)
            if key not in folders:
                folders[key] = self._folder(data, name, short, task, config)
            return folders[key]

        for data in instances:
            parent = tasks.get(data.task_id or task.task_id)
            short = shorts.get(data.asset_type.lower())
            if parent is None or short is None or not data.representations:
                continue
            try:
                mine = folder(data, data.asset_name, short)
                for asset in assets:
                    if (
                        asset["parent"] != parent
                        or asset["name"].lower() == data.asset_name.lower()
                    ):
                        continue
                    if folder(data, asset["name"], asset["short"]) == mine:
                        problems.append(
                            f"{data.name}: the asset '{data.asset_name}' would be published into "
                            f"the folder of the existing asset '{asset['name']}' ({mine.parent}); "
                            "rename it"
                        )
            except TemplateError:
                continue  # ValidateInstances reports it
        return problems

    def _folder(self, data: InstanceData, name: str, short: str, task: Any, config: Any) -> Path:
        return planned_path(data, 0, task, config, asset_name=name, asset_type=short).parent
