"""Export products as files in a staging folder (never beside the scene)."""

from __future__ import annotations

from pathlib import Path

import pyblish.api

from ftpub.core.host import AlembicExporter, FrameRange, Playblaster, SceneExporter
from ftpub.core.publish_data import REVIEW_TAG, Representation
from ftpub.core.staging import staging_folder
from ftpub.hosts.maya.marks import ALEMBIC_FAMILIES


def _staging(instance: pyblish.api.Instance) -> Path:
    return staging_folder(instance.context, instance.name)


def _frames(instance: pyblish.api.Instance) -> FrameRange:
    """The product's frames; a model is one frame, the scene's first."""
    data = instance.data
    if data["family"] == "model":
        first = instance.context.data["host"].frame_range().start
        return FrameRange(first, first)
    return FrameRange(data["frame_start"], data["frame_end"])


class ExtractMayaScene(pyblish.api.InstancePlugin):
    """A Maya ASCII file of the set's members."""

    label = "Export Maya scene"
    order = pyblish.api.ExtractorOrder
    hosts = ["maya"]
    families = ["model", "camera"]

    def process(self, instance: pyblish.api.Instance) -> None:
        host: SceneExporter = instance.context.data["host"]
        path = _staging(instance) / f"{instance.name}.ma"
        host.export_scene(instance.data["members"], path)
        instance.data["representations"].append(Representation("ma", path))
        self.log.info("Exported %s", path)


class ExtractAlembic(pyblish.api.InstancePlugin):
    """An Alembic file of the members over the product's frames."""

    label = "Export Alembic"
    order = pyblish.api.ExtractorOrder
    hosts = ["maya"]
    families = ALEMBIC_FAMILIES

    def process(self, instance: pyblish.api.Instance) -> None:
        host: AlembicExporter = instance.context.data["host"]
        path = _staging(instance) / f"{instance.name}.abc"
        frames = _frames(instance)
        host.export_alembic(instance.data["members"], path, frames)
        instance.data["representations"].append(Representation("abc", path))
        self.log.info("Exported %s (frames %s)", path, frames)


class ExtractPlayblast(pyblish.api.InstancePlugin):
    """PNG frames through the product's camera, tagged ``review`` (the core makes the movie)."""

    label = "Playblast"
    order = pyblish.api.ExtractorOrder
    hosts = ["maya"]
    families = ["review"]
    size = (1920, 1080)

    def process(self, instance: pyblish.api.Instance) -> None:
        host = instance.context.data["host"]
        blaster: Playblaster = host
        [camera] = host.cameras(instance.data["members"])
        frames = _frames(instance)
        pattern = _staging(instance) / f"{instance.name}.%04d.png"
        blaster.playblast(camera, pattern, frames, host.resolution() or tuple(self.size))
        numbers = tuple(range(frames.start, frames.end + 1))
        review = Representation("png", pattern, numbers, tags=frozenset({REVIEW_TAG}))
        instance.data["representations"].append(review)
        self.log.info("Playblasted %s through %s", pattern, camera)
