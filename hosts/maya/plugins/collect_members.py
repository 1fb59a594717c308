"""The nodes each marked set holds, and the frame range of products that have one."""

from __future__ import annotations

import pyblish.api

from ftpub.hosts.maya.marks import FAMILIES, MEMBER_FAMILIES


class CollectMembers(pyblish.api.InstancePlugin):
    """``instance.data["members"]``: the set's members, as long names."""

    label = "Collect set members"
    order = pyblish.api.CollectorOrder + 0.3
    hosts = ["maya"]
    families = MEMBER_FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        members = instance.context.data["host"].members(instance.data["node"])
        instance.data["members"] = members
        self.log.info("%s holds %d nodes", instance.name, len(members))


class CollectFrameRange(pyblish.api.InstancePlugin):
    """A product with frames and no range of its own publishes the scene's range."""

    label = "Collect frame range"
    order = pyblish.api.CollectorOrder + 0.3
    hosts = ["maya"]
    families = [name for name, family in FAMILIES.items() if family.frames]

    def process(self, instance: pyblish.api.Instance) -> None:
        if instance.data.get("frame_start") is not None:
            return
        frames = instance.context.data["host"].frame_range()
        instance.data.update(frame_start=frames.start, frame_end=frames.end)
        self.log.info("%s publishes the scene's frames %s", instance.name, frames)
