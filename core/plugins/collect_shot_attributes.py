"""Read the shot's frame range and fps from ftrack, for the validators that compare them."""

from __future__ import annotations

import pyblish.api

from ftpub.core.context import ContextError, read_shot_attributes
from ftpub.core.result import PublishError


class CollectShotAttributes(pyblish.api.ContextPlugin):
    """``context.data["shot_attributes"]``: the task parent's ``fstart``, ``fend``,
    ``handles`` and ``fps`` custom attributes (each None where ftrack has none)."""

    label = "Collect the shot's frame range"
    order = pyblish.api.CollectorOrder + 0.2
    targets = ["local"]

    def process(self, context: pyblish.api.Context) -> None:
        session = context.data.get("ftrack_session")
        if session is None:
            self.log.info("No ftrack session: the frame range and fps are not compared")
            return
        try:
            shot = read_shot_attributes(session, context.data["task"])
        except ContextError as error:
            raise PublishError("Cannot read the shot from ftrack", str(error)) from error
        context.data["shot_attributes"] = shot
        self.log.info("%s in ftrack: %s", shot.parent, shot)
