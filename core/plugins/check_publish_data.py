"""Fail in collection when a collector left an instance off the typed contract."""

from __future__ import annotations

import pyblish.api

from ftpub.core.publish_data import PublishDataError, instance_data
from ftpub.core.result import PublishError


class CheckPublishData(pyblish.api.InstancePlugin):
    """Every instance must satisfy ``ftpub.core.publish_data.InstanceData``."""

    label = "Check publish data"
    order = pyblish.api.CollectorOrder + 0.49

    def process(self, instance: pyblish.api.Instance) -> None:
        try:
            instance_data(instance)
        except PublishDataError as error:
            raise PublishError(
                "Invalid publish data",
                f"{error.subject}: " + "; ".join(error.problems),
                "A collector or extractor set instance data of the wrong type.",
            ) from error
