"""The saved scene as a ``workfile`` instance, in every publish from a DCC scene."""

from __future__ import annotations

import pyblish.api

from ftpub.core.publish_data import InstanceData, Representation


class CollectWorkfile(pyblish.api.ContextPlugin):
    """The host's current file, published under the task's name as a ``scene`` asset.

    An untitled scene gives no instance (``ValidateSceneSaved`` says why).
    """

    label = "Collect workfile"
    order = pyblish.api.CollectorOrder + 0.1
    targets = ["local"]
    asset_type = "scene"

    def process(self, context: pyblish.api.Context) -> None:
        scene = context.data["host"].current_file()
        if scene is None:
            self.log.info("The scene has no file yet: no workfile to publish")
            return
        task = context.data["task"]
        extension = scene.suffix.lstrip(".") or "scene"
        data = InstanceData(
            "workfile",
            "workfile",
            task.task_name,
            self.asset_type,
            representations=(Representation(extension, scene.resolve()),),
        )
        instance = context.create_instance(data.name)
        instance.data.update(data.to_data())
        self.log.info("Collected the workfile %s", scene)
