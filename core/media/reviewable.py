"""From a representation tagged ``review`` to what ftrack's web player shows: a review movie
(or image) with its ``ftr_meta``, and a thumbnail."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

from ftpub.core.media.burnin import BurninValues
from ftpub.core.media.checks import is_allowed_h264, needs_making
from ftpub.core.media.player_meta import ftr_meta, image_meta
from ftpub.core.media.probe import probe
from ftpub.core.media.review import copy_to_mp4, make_review
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.media.source import MediaSource, SourceKind, declared_colorspace
from ftpub.core.media.thumbnail import make_thumbnail
from ftpub.core.publish_data import REVIEW_TAG, THUMBNAIL_TAG, Representation


@dataclasses.dataclass(frozen=True)
class ReviewRequest:
    """What a review needs beyond its source: the frame rate of a sequence, the burn-in values,
    the first frame number of a movie, and whether to make a thumbnail too."""

    settings: ReviewSettings
    fps: float | Fraction
    burnins: BurninValues
    frame_in: int
    thumbnail: bool
    environ: Mapping[str, str] | None = None


def reviewables(
    representation: Representation, staging: Path, request: ReviewRequest
) -> list[Representation]:
    """The representations that replace ``representation``: itself as it is when the web
    player shows it directly (with its ``ftr_meta``), else itself without the ``review`` tag
    plus a new ``review`` (in ``staging``) and, if asked, a ``thumbnail``."""
    media = MediaSource(representation.path, representation.frames)
    colorspace = declared_colorspace(representation)
    if not needs_making(representation, request.settings):
        info = probe(representation.path)
        meta = ftr_meta(info, request.frame_in) if info.frame_count else image_meta(info)
        return [dataclasses.replace(representation, metadata={**representation.metadata, **meta})]
    if media.kind is SourceKind.STILL:
        review = make_thumbnail(
            representation,
            staging / "review.jpg",
            width=request.settings.review_max_width,
            settings=request.settings,
            colorspace=colorspace,
            environ=request.environ,
        )
        meta = image_meta(probe(review))
    elif media.kind is SourceKind.MOVIE and is_allowed_h264(probe(media.path), request.settings):
        review = copy_to_mp4(representation.path, staging / "review.mp4")
        meta = ftr_meta(probe(review), request.frame_in)
    else:
        review = make_review(
            representation,
            staging / "review.mp4",
            request.fps,
            settings=request.settings,
            colorspace=colorspace,
            burnins=request.burnins,
            first_frame=request.frame_in,
            environ=request.environ,
        )
        first = representation.frames[0] if representation.frames else request.frame_in
        meta = ftr_meta(probe(review), first)
    result = [
        dataclasses.replace(representation, tags=representation.tags - {REVIEW_TAG}),
        Representation(REVIEW_TAG, review, tags=frozenset({REVIEW_TAG}), metadata=meta),
    ]
    if request.thumbnail:
        thumbnail = make_thumbnail(
            representation,
            staging / "thumbnail.jpg",
            settings=request.settings,
            colorspace=colorspace,
            environ=request.environ,
        )
        result.append(Representation(THUMBNAIL_TAG, thumbnail, tags=frozenset({THUMBNAIL_TAG})))
    return result
