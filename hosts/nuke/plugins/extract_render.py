"""Render the Writes that render locally, then check every frame is there."""

from __future__ import annotations

import pyblish.api

from ftpub.core.host import FrameRange, HostError
from ftpub.core.publish_data import frame_ranges, frames_on_disk
from ftpub.core.result import PublishError
from ftpub.hosts.nuke.writes import WriteOutput, frame_runs


class ExtractRender(pyblish.api.InstancePlugin):
    """``local``: ``nuke.execute`` over the Write's frames; ``missing``: over the frames not on
    disk yet; ``existing``: nothing to render."""

    label = "Render the Write"
    order = pyblish.api.ExtractorOrder
    hosts = ["nuke"]
    families = ["render"]
    targets = ["local"]

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        mode = output.mark.render_mode
        if mode == "existing":
            self.log.info("%s: publishing the frames already rendered", output.node)
            return
        for frames in self._to_render(output, only_missing=mode == "missing"):
            self.log.info("Rendering %s over %s", output.node, frames)
            try:
                instance.context.data["host"].render(output.node, frames)
            except HostError as error:
                raise PublishError("Render failed", str(error)) from error
        instance.data["representations"].append(output.representation())

    def _to_render(self, output: WriteOutput, only_missing: bool) -> list[FrameRange]:
        if not only_missing:
            return [output.settings.frames]
        if not output.frames:
            return [] if output.pattern.is_file() else [output.settings.frames]
        missing = set(output.frames) - frames_on_disk(output.pattern)
        if not missing:
            self.log.info("%s: every frame is rendered already", output.node)
        return frame_runs(missing)


class ValidateRenderedFrames(pyblish.api.InstancePlugin):
    """After the render: every frame of the Write is on disk (a render may skip some)."""

    label = "Validate every frame is rendered"
    order = pyblish.api.ExtractorOrder + 0.3
    hosts = ["nuke"]
    families = ["render"]
    targets = ["local"]

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        representation = output.representation()
        if not output.frames:
            if not output.pattern.is_file():
                raise PublishError("Render missing", f"{output.node} wrote no {output.pattern}")
            return
        missing = representation.missing_frames()
        if missing:
            raise PublishError(
                "Frames missing after the render",
                f"{len(missing)} of {len(output.frames)} frames of {output.node} are not in "
                f"{output.pattern.parent}: {frame_ranges(missing)}",
            )
        self.log.info("All %d frames of %s are rendered", len(output.frames), output.node)
