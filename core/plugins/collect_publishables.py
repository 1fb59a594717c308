"""Create one pyblish instance per product the host adapter marks for publishing."""

from __future__ import annotations

import pyblish.api


class CollectPublishables(pyblish.api.ContextPlugin):
    """Instances from ``context.data["host"].publishables()``."""

    label = "Collect publishables"
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        for publishable in context.data["host"].publishables():
            instance = context.create_instance(publishable.name)
            instance.data.update(publishable.to_data())
            self.log.info("Collected %s (%s)", publishable.name, publishable.family)
