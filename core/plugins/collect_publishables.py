"""Create one pyblish instance per product the host adapter marks for publishing."""

from __future__ import annotations

import pyblish.api


class CollectPublishables(pyblish.api.ContextPlugin):
    """Instances from ``context.data["host"].publishables()``; an inactive one is not published.

    Besides the :class:`~ftpub.core.publish_data.InstanceData` fields, each instance carries
    ``node`` (the host's handle on the mark) and ``tags``.
    """

    label = "Collect publishables"
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        for publishable in context.data["host"].publishables():
            data = publishable.data
            instance = context.create_instance(data.name)
            instance.data.update(data.to_data())
            instance.data.update(
                publish=publishable.active, node=publishable.node, tags=sorted(publishable.tags)
            )
            self.log.info("Collected %s (%s)", data.name, data.family)
