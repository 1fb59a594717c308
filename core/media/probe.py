"""Reading the size, frame rate and length of a still (OpenImageIO) or a movie (PyAV)."""

from __future__ import annotations

from pathlib import Path

import OpenImageIO as oiio

from ftpub.core.media.errors import MediaError
from ftpub.core.media.info import MediaInfo
from ftpub.core.media.movie import open_movie
from ftpub.core.media.source import MediaSource, SourceKind


def probe(path: Path) -> MediaInfo:
    """Probe one file (not a ``%04d`` pattern); :class:`MediaError` names a file that is
    missing, unreadable, or a movie without a video stream."""
    source = MediaSource(path)
    if source.kind is SourceKind.SEQUENCE:
        raise ValueError(f"probe one file of the sequence, not the pattern {path}")
    source.check_on_disk()
    if source.kind is SourceKind.MOVIE:
        return _movie_info(path)
    image = oiio.ImageInput.open(str(path))
    if image is None:
        raise MediaError(f"{path} cannot be read as an image: {oiio.geterror()}")
    spec = image.spec()
    info = MediaInfo(path, spec.full_width, spec.full_height, codec=image.format_name())
    image.close()
    return info


def _movie_info(path: Path) -> MediaInfo:
    with open_movie(path) as container:
        stream = container.streams.video[0]
        frames = stream.frames or sum(1 for packet in container.demux(stream) if packet.size)
        return MediaInfo(
            path=path,
            width=stream.width,
            height=stream.height,
            frame_rate=stream.average_rate or stream.guessed_rate,
            frame_count=frames,
            codec=stream.codec_context.name,
            pixel_format=stream.codec_context.pix_fmt,
        )
