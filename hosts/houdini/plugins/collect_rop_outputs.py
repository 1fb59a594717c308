"""What each marked ROP writes: its output evaluated at each frame of its range."""

from __future__ import annotations

import pyblish.api

from ftpub.core.host import HostError
from ftpub.core.result import PublishError
from ftpub.hosts.farm.host_plugins import expect_on_farm
from ftpub.hosts.houdini.marks import EXISTING, FAMILIES, FARM, render_mode, review_tags


class CollectRopOutputs(pyblish.api.InstancePlugin):
    """``instance.data["rop_output"]`` and the product's frame range; frames already on disk
    (render mode ``existing``) become its representation now, a local render's after it, and
    the farm's (``farm``) are handed to the farm as what it will render."""

    label = "Collect ROP outputs"
    order = pyblish.api.CollectorOrder + 0.3
    hosts = ["houdini"]
    families = FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        host = instance.context.data["host"]
        try:
            output = host.rop_output(instance.data["node"])
        except HostError as error:
            raise PublishError("The ROP cannot be read", str(error)) from error
        instance.data["rop_output"] = output
        frames = output.frame_range
        instance.data.update(frame_start=frames.start, frame_end=frames.end)
        mode = render_mode(instance.data.get("tags"))
        self.log.info("%s writes %s over %s (%s)", output.node, output.raw, frames, mode)
        if output.problems():
            return
        representation = output.representation(review_tags(instance.data["family"]))
        if mode == EXISTING:
            instance.data["representations"].append(representation)
        elif mode == FARM:
            expect_on_farm(instance, [representation])
