"""What each marked Write renders: its evaluated file pattern, frames, file type and colourspace,
in the script's fps and format."""

from __future__ import annotations

import pyblish.api

from ftpub.core.host import HostError
from ftpub.core.result import PublishError
from ftpub.hosts.farm.host_plugins import expect_on_farm
from ftpub.hosts.nuke.writes import WriteOutput


class CollectWrites(pyblish.api.InstancePlugin):
    """``instance.data["write"]``: a :class:`~ftpub.hosts.nuke.writes.WriteOutput`. A Write whose
    frames are already rendered (render mode ``existing``) gets its representation now, so the
    validators check its files; one rendered by the farm (``farm``) is handed to it with the
    files it will render; the others get theirs when they are rendered."""

    label = "Collect Write outputs"
    order = pyblish.api.CollectorOrder + 0.3
    hosts = ["nuke"]
    families = ["render"]
    targets = ["local"]

    def process(self, instance: pyblish.api.Instance) -> None:
        host = instance.context.data["host"]
        node = instance.data["node"]
        try:
            settings = host.write_settings(node)
            [pattern] = host.render_outputs(node)
            mark = host.mark_of(node)
            output = WriteOutput(settings, mark, pattern, host.fps(), host.resolution())
        except HostError as error:
            raise PublishError("Cannot read the Write node", str(error)) from error
        instance.data.update(
            write=output, frame_start=settings.frames.start, frame_end=settings.frames.end
        )
        if output.mark.render_mode == "existing":
            instance.data["representations"].append(output.representation())
        elif output.mark.render_mode == "farm":
            expect_on_farm(instance, [output.representation()])
        self.log.info(
            "%s renders %s over %s (%s, %s)",
            node,
            pattern,
            settings.frames,
            settings.file_type,
            settings.colorspace,
        )
