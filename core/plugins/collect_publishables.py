"""Create one pyblish instance per product the host adapter marks for publishing."""

from __future__ import annotations

import pyblish.api

from ftpub.core.host import HostError
from ftpub.core.result import PublishError


class CollectPublishables(pyblish.api.ContextPlugin):
    """Instances from ``context.data["host"].publishables()``; an inactive one is not published.

    Besides the :class:`~ftpub.core.publish_data.InstanceData` fields, each instance carries
    ``node`` (the host's handle on the mark) and ``tags``.
    """

    label = "Collect publishables"
    order = pyblish.api.CollectorOrder

    def process(self, context: pyblish.api.Context) -> None:
        try:
            publishables = context.data["host"].publishables()
        except HostError as error:
            raise PublishError("The scene's products cannot be read", str(error)) from error
        for publishable in publishables:
            data = publishable.data
            instance = context.create_instance(data.name)
            instance.data.update(data.to_data())
            instance.data.update(
                publish=publishable.active, node=publishable.node, tags=sorted(publishable.tags)
            )
            self.log.info("Collected %s (%s)", data.name, data.family)
