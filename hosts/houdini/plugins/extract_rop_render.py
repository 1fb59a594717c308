"""Render locally: the ROP renders its range on this machine, then every frame must be there."""

from __future__ import annotations

import pyblish.api

from ftpub.core.host import HostError, Renderer
from ftpub.core.publish_data import frame_ranges
from ftpub.core.result import PublishError
from ftpub.hosts.houdini.marks import FAMILIES, LOCAL, render_mode, review_tags


class ExtractRopRender(pyblish.api.InstancePlugin):
    """``RopNode.render`` over the ROP's range (render mode ``local``); its files become the
    product's representation. A render that raises or leaves files missing fails the publish."""

    label = "Render the ROP"
    order = pyblish.api.ExtractorOrder
    hosts = ["houdini"]
    families = FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        if render_mode(instance.data.get("tags")) != LOCAL:
            return
        host: Renderer = instance.context.data["host"]
        output = instance.data["rop_output"]
        try:
            host.render(output.node, output.frame_range)
        except HostError as error:
            raise PublishError("Render failed", str(error)) from error
        representation = output.representation(review_tags(instance.data["family"]))
        missing = representation.missing_frames()
        if not representation.is_sequence and not representation.path.is_file():
            raise PublishError("Render incomplete", f"{output.node} wrote no {representation.path}")
        if missing:
            raise PublishError(
                "Render incomplete",
                f"{output.node} left {len(missing)} frames missing from {representation.path}: "
                f"{frame_ranges(missing)}",
            )
        instance.data["representations"].append(representation)
        self.log.info("Rendered %s over %s", output.node, output.frame_range)
