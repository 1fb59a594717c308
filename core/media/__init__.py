"""Thumbnails, review movies and the media info ftrack's web player needs.

Made in this Python with the OpenImageIO, OpenColorIO and PyAV wheels (no ffmpeg or oiiotool
program): the same code runs in a terminal, on the farm and inside a DCC's Python. Source files
are only read; every output is a new file.

This package imports only what needs none of those libraries (so a Python without them can
still publish what needs no media). The modules that touch pixels are imported by name where
they are used: :mod:`~ftpub.core.media.reviewable` (``reviewables``: what a ``review`` tag
becomes), :mod:`~ftpub.core.media.checks` (``review_problems``, for validation),
:mod:`~ftpub.core.media.thumbnail` (``make_thumbnail``), :mod:`~ftpub.core.media.review`
(``make_review``), :mod:`~ftpub.core.media.probe` (``probe``) and
:mod:`~ftpub.core.media.colour` (``colour_transform``). ``missing_libraries()`` says whether
they can be.
"""

from ftpub.core.media.errors import MediaError, MediaLibraryMissing
from ftpub.core.media.info import MediaInfo, frame_rate
from ftpub.core.media.libraries import missing_libraries, require_libraries
from ftpub.core.media.player_meta import ftr_meta, image_meta
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.media.source import MediaSource, SourceKind

__all__ = [
    "MediaError",
    "MediaInfo",
    "MediaLibraryMissing",
    "MediaSource",
    "ReviewSettings",
    "SourceKind",
    "frame_rate",
    "ftr_meta",
    "image_meta",
    "missing_libraries",
    "require_libraries",
]
