"""Movies through PyAV: reading frames, and writing the H.264 MP4 ftrack's web player plays
(libx264, yuv420p, bt709 tagged sRGB-encoded, ``+faststart`` so it plays while downloading)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import numpy as np
from av.video.reformatter import ColorRange, Colorspace

from ftpub.core.media.errors import MediaError
from ftpub.core.media.pictures import Size

ENCODER: Final = "libx264"
ENCODER_OPTIONS = {"crf": "18", "preset": "medium"}
_BT709 = 1
_SRGB_TRANSFER = 13


@contextmanager
def open_movie(path: Path) -> Iterator[av.container.InputContainer]:
    """``path`` opened for reading, with its first video stream checked; errors name it."""
    try:
        container = av.open(str(path))
    except av.FFmpegError as error:
        raise MediaError(f"{path} cannot be read as a movie: {error}") from None
    with container:
        if not container.streams.video:
            raise MediaError(f"{path} has no video stream")
        yield container


def decoded_frames(path: Path, size: Size) -> Iterator[np.ndarray]:
    """Every frame of the movie's first video stream as 8-bit RGB (height x width x 3),
    scaled to ``size``."""
    with open_movie(path) as container:
        try:
            for frame in container.decode(video=0):
                yield frame.to_ndarray(format="rgb24", width=size.width, height=size.height)
        except av.FFmpegError as error:
            raise MediaError(f"{path} cannot be decoded: {error}") from None


def remux(source: Path, output: Path) -> None:
    """Copy the first video stream of ``source`` into an MP4 at ``output`` as it is (no
    re-encoding), with ``+faststart``."""
    with open_movie(source) as container:
        video = container.streams.video[0]
        with av.open(
            str(output), mode="w", format="mp4", options={"movflags": "+faststart"}
        ) as result:
            stream = result.add_stream_from_template(video)
            for packet in container.demux(video):
                if packet.dts is None:
                    continue
                packet.stream = stream
                result.mux(packet)


class MovieWriter:
    """Frames of one ``size`` (even) at ``rate`` into an H.264 MP4 at ``path``."""

    def __init__(self, path: Path, size: Size, rate: Fraction) -> None:
        self.size = size
        self.container = av.open(
            str(path), mode="w", format="mp4", options={"movflags": "+faststart"}
        )
        self.stream = self.container.add_stream(ENCODER, rate=rate)
        self.stream.width, self.stream.height = size.width, size.height
        self.stream.pix_fmt = "yuv420p"
        self.stream.options = dict(ENCODER_OPTIONS)
        context = self.stream.codec_context
        context.colorspace, context.color_range = Colorspace.ITU709, ColorRange.MPEG
        context.color_primaries, context.color_trc = _BT709, _SRGB_TRANSFER
        self.count = 0

    def write(self, rgb: np.ndarray) -> None:
        frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(
            format="yuv420p", dst_colorspace=Colorspace.ITU709, dst_color_range=ColorRange.MPEG
        )
        frame.pts = self.count
        self.count += 1
        self.container.mux(self.stream.encode(frame))

    def close(self) -> None:
        """Flush the encoder and write the index; call once, after the last frame."""
        self.container.mux(self.stream.encode(None))
        self.container.close()

    def __enter__(self) -> MovieWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.container.close()
