"""A render product publishes every renderable layer's images, rendered on this machine."""

from __future__ import annotations

import pyblish.api

from ftpub.core.publish_data import Representation
from ftpub.core.result import PublishError
from ftpub.hosts.maya.marks import FARM_TAG


class CollectRenderOutputs(pyblish.api.InstancePlugin):
    """One sequence representation per output of each renderable layer, over the product's
    frames. A product whose target is the farm is left to the farm."""

    label = "Collect render outputs"
    order = pyblish.api.CollectorOrder + 0.4
    hosts = ["maya"]
    families = ["render"]

    def process(self, instance: pyblish.api.Instance) -> None:
        if FARM_TAG in instance.data.get("tags", ()):
            instance.data["publish"] = False
            self.log.info("%s is rendered and published by the farm", instance.name)
            return
        host = instance.context.data["host"]
        frames = tuple(range(instance.data["frame_start"], instance.data["frame_end"] + 1))
        for layer in host.render_layers():
            outputs = host.render_outputs(layer)
            for index, pattern in enumerate(outputs):
                name = layer if len(outputs) == 1 else f"{layer}_{index + 1}"
                instance.data["representations"].append(Representation(name, pattern, frames))
        if not instance.data["representations"]:
            raise PublishError(
                "Nothing to render", "No render layer is renderable: turn one on in Render Setup."
            )
