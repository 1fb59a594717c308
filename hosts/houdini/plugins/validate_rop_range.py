"""A ROP that writes a frame range writes the shot's, as ftrack says (``fstart``-``fend`` and
``handles``, read by the shared ``CollectShotAttributes``)."""

from __future__ import annotations

import pyblish.api

from ftpub.core.context import ShotAttributes
from ftpub.core.host import FrameRange
from ftpub.core.result import PublishError
from ftpub.hosts.houdini.marks import FAMILIES


def shot_range(context: pyblish.api.Context, with_handles: bool) -> FrameRange | None:
    shot: ShotAttributes | None = context.data.get("shot_attributes")
    frames = shot.frame_range() if shot is not None else None
    if shot is None or frames is None:
        return None
    return frames.widened(shot.handles or 0) if with_handles else frames


class SetRopRangesFromFtrack(pyblish.api.Action):
    """Repair: set each ranged ROP's frame range to the shot's in ftrack (the shared
    ``ValidateFrameRange`` repairs the scene's)."""

    label = "Set the ROPs' ranges from ftrack"
    on = "failed"
    icon = "clock-o"

    def process(self, context: pyblish.api.Context, plugin: type[pyblish.api.Plugin]) -> None:
        frames = shot_range(context, getattr(plugin, "with_handles", True))
        if frames is None:
            raise PublishError("No range in ftrack", "ftrack has no fstart and fend for the shot")
        host = context.data["host"]
        for instance in context:
            output = instance.data.get("rop_output")
            if output is not None and output.ranged:
                host.set_rop_range(output.node, frames)
                self.log.info("%s now renders %s", output.node, frames)


class ValidateRopFrameRange(pyblish.api.InstancePlugin):
    """The ROP's range is the shot's (with handles when ``with_handles``); a ROP that renders
    its current frame only is not compared."""

    label = "Validate the ROP's frame range"
    order = pyblish.api.ValidatorOrder + 0.1
    hosts = ["houdini"]
    families = FAMILIES
    actions = [SetRopRangesFromFtrack]
    with_handles = True

    def process(self, instance: pyblish.api.Instance) -> None:
        output = instance.data["rop_output"]
        expected = shot_range(instance.context, self.with_handles)
        if expected is None or not output.ranged:
            self.log.info("%s: no shot range to compare with", output.node)
            return
        if output.frame_range != expected:
            raise PublishError(
                "Wrong ROP frame range",
                f"{output.node} renders {output.frame_range}; the shot is {expected} in ftrack. "
                "The repair sets it from ftrack.",
            )
