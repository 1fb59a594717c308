"""A render product publishes every renderable layer's images, rendered on this machine or, for
target ``farm``, on the farm."""

from __future__ import annotations

import pyblish.api

from ftpub.core.publish_data import Representation
from ftpub.core.result import PublishError
from ftpub.hosts.farm.host_plugins import expect_on_farm
from ftpub.hosts.maya.marks import FARM_TAG


class CollectRenderOutputs(pyblish.api.InstancePlugin):
    """One sequence representation per output of each renderable layer, over the product's
    frames. A product whose target is the farm hands them to the farm, which renders them."""

    label = "Collect render outputs"
    order = pyblish.api.CollectorOrder + 0.4
    hosts = ["maya"]
    families = ["render"]

    def process(self, instance: pyblish.api.Instance) -> None:
        host = instance.context.data["host"]
        frames = tuple(range(instance.data["frame_start"], instance.data["frame_end"] + 1))
        outputs = []
        for layer in host.render_layers():
            patterns = host.render_outputs(layer)
            for index, pattern in enumerate(patterns):
                name = layer if len(patterns) == 1 else f"{layer}_{index + 1}"
                outputs.append(Representation(name, pattern, frames))
        if not outputs:
            raise PublishError(
                "Nothing to render", "No render layer is renderable: turn one on in Render Setup."
            )
        if FARM_TAG in instance.data.get("tags", ()):
            expect_on_farm(instance, outputs)
            self.log.info("%s is rendered by the farm", instance.name)
            return
        instance.data["representations"].extend(outputs)
