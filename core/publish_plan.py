"""What a publish would create, worked out before anything is: the instances and their paths.

Validators use it to refuse, before extraction, what the integration would fail on: names
longer than the file system allows, and two assets whose names map to one folder. The version
number is a placeholder wider than any real one (:data:`WIDEST_VERSION`), so a name that
fits now also fits later.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyblish.api

from ftpub.core.config import Config
from ftpub.core.context import TaskContext
from ftpub.core.files import PathFields, render_path
from ftpub.core.publish_data import InstanceData, PublishDataError, instance_data

WIDEST_VERSION = 99999
DEFAULT_NAME_MAX = 255
DEFAULT_PATH_MAX = 4096


def valid_instances(context: pyblish.api.Context) -> list[InstanceData]:
    """The instances to publish whose data is valid (``CheckPublishData`` reports the others)."""
    found = []
    for instance in context:
        if instance.data.get("publish") is False:
            continue
        try:
            found.append(instance_data(instance))
        except PublishDataError:
            continue
    return found


def planned_path(
    data: InstanceData,
    index: int,
    task: TaskContext,
    config: Config,
    asset_name: str | None = None,
    asset_type: str | None = None,
) -> Path:
    """The published path of representation ``index`` (as ``asset_name`` if given)."""
    representation = data.representations[index]
    fields = PathFields(
        project=task.project_name,
        parents=(task.parent_name,),
        asset_type=asset_type or data.asset_type,
        asset=asset_name or data.asset_name,
        version=WIDEST_VERSION,
        representation=representation.name,
        ext=representation.extension,
        task=task.task_name,
    )
    return render_path(config.path_template, fields, config.publish_root, representation)


def too_long(path: Path, root: Path) -> list[str]:
    """Why ``path`` is longer than the file system under ``root`` allows (empty if it fits)."""
    name_max = _limit(root, "PC_NAME_MAX", DEFAULT_NAME_MAX)
    path_max = _limit(root, "PC_PATH_MAX", DEFAULT_PATH_MAX)
    problems = []
    size = len(os.fsencode(path))
    if size >= path_max:
        problems.append(f"the published path would be {size} bytes; the limit is {path_max}")
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > name_max:
            problems.append(
                f"the name '{part[:32]}…' would be {size} bytes; the file system allows {name_max}"
            )
    return problems


def _limit(root: Path, name: str, default: int) -> int:
    """The file system's limit ``name`` at ``root``, or its nearest existing folder."""
    folder = root
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return os.pathconf(folder, name)
    except (OSError, ValueError):
        return default
