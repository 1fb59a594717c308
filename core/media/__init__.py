"""Thumbnails, review movies and the media info ftrack's web player needs.

Made with the command-line tools ffmpeg, ffprobe and oiiotool (found on PATH or configured per
studio), never with Python bindings, so the same code runs inside a DCC's own Python. Source files
are only read; every output is a new file, and work happens in a temporary folder.
"""

from ftpub.core.media.errors import MediaCommandFailed, MediaError, MediaToolMissing
from ftpub.core.media.player_meta import ftr_meta, image_meta
from ftpub.core.media.probe import MediaInfo, probe
from ftpub.core.media.review import frame_rate, make_review
from ftpub.core.media.source import MediaSource, SourceKind
from ftpub.core.media.thumbnail import make_thumbnail
from ftpub.core.media.tools import MediaTools

__all__ = [
    "MediaCommandFailed",
    "MediaError",
    "MediaInfo",
    "MediaSource",
    "MediaToolMissing",
    "MediaTools",
    "SourceKind",
    "frame_rate",
    "ftr_meta",
    "image_meta",
    "make_review",
    "make_thumbnail",
    "probe",
]
