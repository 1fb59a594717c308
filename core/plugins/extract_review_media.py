"""Make the review movie and thumbnail of representations tagged ``review``.

A representation tagged ``review`` that is not already a playable H.264 ``.mp4`` (an image
sequence, a ``.mov``…) keeps its files for publishing, loses the tag, and gains two new
representations: ``review`` (an ``.mp4`` for ftrack's web player, with its ``ftr_meta``) and,
unless the instance has one, ``thumbnail``. They are written to a staging folder.
"""

from __future__ import annotations

import dataclasses

import pyblish.api

from ftpub.core.media import (
    MediaSource,
    MediaTools,
    SourceKind,
    ftr_meta,
    make_review,
    make_thumbnail,
    probe,
)
from ftpub.core.publish_data import Representation, instance_data
from ftpub.core.staging import staging_folder

DEFAULT_FPS = 24.0


class ExtractReviewMedia(pyblish.api.InstancePlugin):
    """Review movie and thumbnail from what the instance marks for review."""

    label = "Make review movie and thumbnail"
    order = pyblish.api.ExtractorOrder + 0.4
    fps = DEFAULT_FPS

    def process(self, instance: pyblish.api.Instance) -> None:
        data = instance_data(instance)
        tools = MediaTools(**instance.context.data["config"].media_tools)
        has_thumbnail = any("thumbnail" in r.tags for r in data.representations)
        result: list[Representation] = []
        for representation in data.representations:
            if "review" not in representation.tags or _is_playable(representation):
                result.append(representation)
                continue
            staging = staging_folder(instance.context, instance.name)
            movie = make_review(representation, staging / "review.mp4", self.fps, tools=tools)
            frame_in = (
                representation.frames[0] if representation.frames else (data.frame_start or 0)
            )
            meta = ftr_meta(probe(movie, tools), frame_in)
            result.append(
                dataclasses.replace(representation, tags=representation.tags - {"review"})
            )
            result.append(
                Representation("review", movie, tags=frozenset({"review"}), metadata=meta)
            )
            if not has_thumbnail:
                thumbnail = make_thumbnail(representation, staging / "thumbnail.jpg", tools=tools)
                result.append(Representation("thumbnail", thumbnail, tags=frozenset({"thumbnail"})))
                has_thumbnail = True
            self.log.info("Made a review movie of %s", representation.name)
        instance.data["representations"] = result


def _is_playable(representation: Representation) -> bool:
    media = MediaSource(representation.path)
    return media.kind is not SourceKind.SEQUENCE and representation.path.suffix.lower() in (
        ".mp4",
        ".jpg",
        ".jpeg",
        ".png",
    )
