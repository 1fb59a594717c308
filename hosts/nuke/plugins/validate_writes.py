"""Checks of each marked Write before anything is rendered or published."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.nuke.render_area import (
    DEFAULT_AREA,
    DEFAULT_FILE_TYPE,
    DEFAULT_TEMPLATE,
    RenderArea,
    RenderAreaError,
    script_fields,
)
from ftpub.hosts.nuke.writes import WriteOutput


class _WriteValidator(pyblish.api.InstancePlugin):
    order = pyblish.api.ValidatorOrder
    hosts = ["nuke"]
    families = ["render"]
    targets = ["local"]


class ValidateWriteEnabled(_WriteValidator):
    """A disabled Write renders nothing."""

    label = "Validate the Write is enabled"

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        if output.settings.disabled:
            raise PublishError(
                "Write disabled",
                f"{output.node} is disabled: enable it, or untick 'publish' on its ftpub tab.",
            )


class ValidateColorspace(_WriteValidator):
    """The Write's colourspace is chosen, not Nuke's default for its file type."""

    label = "Validate the colourspace is set"

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        if not output.settings.colorspace_is_explicit:
            raise PublishError(
                "Colourspace not set",
                f"{output.node} writes in '{output.settings.colorspace}': choose its "
                "colorspace explicitly, so whoever reads the frames knows what they hold.",
            )


class ValidateFileType(_WriteValidator):
    """The Write's file type is one the show takes (``[plugins.ValidateFileType] allowed``)."""

    label = "Validate the file type"
    allowed = ["exr", "dpx", "tiff", "png", "jpeg", "mov"]

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        if output.settings.file_type not in self.allowed:
            raise PublishError(
                "File type not allowed",
                f"{output.node} writes {output.settings.file_type or 'no file type'}; this show "
                f"takes {', '.join(self.allowed)}.",
            )


class ValidateRenderArea(_WriteValidator):
    """The Write renders inside the studio's render area (``area``, a path pattern).

    ``template`` and ``file_type`` are what ftpub > Create… gives a new Write (see
    :mod:`ftpub.hosts.nuke.render_area`).
    """

    label = "Validate the Write renders in the render area"
    area = DEFAULT_AREA
    template = DEFAULT_TEMPLATE
    file_type = DEFAULT_FILE_TYPE

    def process(self, instance: pyblish.api.Instance) -> None:
        output: WriteOutput = instance.data["write"]
        context = instance.context
        fields = script_fields(context.data["host"].current_file(), context.data["task"])
        render_area = RenderArea(self.area, self.template, self.file_type)
        try:
            folder = render_area.folder(fields)
            inside = render_area.contains(output.pattern, fields)
        except RenderAreaError as error:
            raise PublishError("Render area unknown", str(error)) from error
        if not inside:
            raise PublishError(
                "Outside the render area",
                f"{output.node} renders to {output.pattern}, outside the render area "
                f"{folder}; render there (ftpub > Create… makes a Write that does).",
            )
