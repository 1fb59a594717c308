"""Each instance publishes something, under names the file system can hold, in its own folder."""

from __future__ import annotations

from pathlib import Path

import pyblish.api

from ftpub.core.files import TemplateError
from ftpub.core.publish_plan import planned_path, too_long, valid_instances
from ftpub.core.result import PublishError


class ValidateInstances(pyblish.api.ContextPlugin):
    """Representations present, paths the file system allows, no two assets in one folder.

    In a publish from a DCC scene (target ``local``) extractors make the representations after
    validation: an instance without any yet is checked by the integrator instead.
    """

    label = "Validate instances"
    order = pyblish.api.ValidatorOrder + 0.1

    def process(self, context: pyblish.api.Context) -> None:
        config = context.data["config"]
        task = context.data["task"]
        extracted_later = "local" in context.data["host"].targets
        problems = []
        folders: dict[Path, str] = {}
        for data in valid_instances(context):
            if not data.representations:
                if not extracted_later:
                    problems.append(f"{data.name}: no representations, nothing to publish")
                continue
            try:
                paths = [
                    planned_path(data, index, task, config)
                    for index in range(len(data.representations))
                ]
            except TemplateError as error:
                problems.append(f"{data.name}: {error}")
                continue
            for path in paths:
                problems += [f"{data.name}: {p}" for p in too_long(path, config.publish_root)]
            other = folders.setdefault(paths[0].parent, data.asset_name)
            if other.lower() != data.asset_name.lower():
                problems.append(
                    f"{data.name}: the assets '{other}' and '{data.asset_name}' would be "
                    f"published into one folder ({paths[0].parent.parent}); rename one"
                )
        if problems:
            raise PublishError("Invalid instances", "; ".join(dict.fromkeys(problems)))
