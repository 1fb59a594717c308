"""Whether review media can be made from a representation, checked before anything is made:
every problem found by reading headers and the colour config, never pixels."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ftpub.core.media.colour import colour_transform
from ftpub.core.media.errors import MediaError
from ftpub.core.media.info import MediaInfo
from ftpub.core.media.pictures import Size, image_size
from ftpub.core.media.probe import probe
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.media.source import MediaSource, SourceKind, declared_colorspace, media_source
from ftpub.core.publish_data import Representation

#: Smaller than this on a side is a placeholder or a broken render, not something to review.
MIN_SIZE = 16
WEB_READY_SUFFIXES = (".mp4",)
WEB_READY_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def review_problems(
    representation: Representation,
    settings: ReviewSettings,
    environ: Mapping[str, str] | None = None,
) -> list[str]:
    """What would stop a review movie or image being made of ``representation``."""
    try:
        media = media_source(representation)
        colour_transform(
            settings, media.middle_file(), declared_colorspace(representation), environ
        )
        if media.kind is SourceKind.MOVIE:
            info = probe(media.path)
            size = Size(info.width, info.height)
            files = [media.path]
        else:
            files = [media.frame_file(f) for f in media.frames] if media.frames else [media.path]
            size = image_size(files[0])
    except MediaError as error:
        return [str(error)]
    problems = _frame_problems(files[1:], size)
    if min(size.width, size.height) < MIN_SIZE:
        problems.append(
            f"{files[0]} is {size}: too small to review (at least {MIN_SIZE}x{MIN_SIZE})"
        )
    return problems


def is_web_ready(info: MediaInfo, settings: ReviewSettings) -> bool:
    """An ``.mp4`` ftrack's web player plays as it is (see :func:`is_allowed_h264`)."""
    return info.path.suffix.lower() in WEB_READY_SUFFIXES and is_allowed_h264(info, settings)


def is_allowed_h264(info: MediaInfo, settings: ReviewSettings) -> bool:
    """H.264 in yuv420p, even and not wider than the review width: nothing to re-encode."""
    return (
        (info.codec, info.pixel_format) == ("h264", "yuv420p")
        and info.width % 2 == 0
        and info.height % 2 == 0
        and info.width <= settings.review_max_width
    )


def _frame_problems(files: list[Path], size: Size) -> list[str]:
    problems = []
    for path in files:
        try:
            other = image_size(path)
        except MediaError as error:
            problems.append(str(error))
            continue
        if other != size:
            problems.append(f"{path} is {other}, but the sequence's first frame is {size}")
    return problems


def needs_making(representation: Representation, settings: ReviewSettings) -> bool:
    """Whether review media must be made of ``representation``: not when the web player shows
    it as it is (a JPEG or PNG image, a web-ready ``.mp4``)."""
    media = MediaSource(representation.path, representation.frames)
    if media.kind is SourceKind.STILL:
        return representation.path.suffix.lower() not in WEB_READY_IMAGE_SUFFIXES
    if media.kind is SourceKind.MOVIE:
        return not is_web_ready(probe(representation.path), settings)
    return True
