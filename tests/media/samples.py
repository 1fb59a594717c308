"""Media files for tests, written with OpenImageIO and PyAV: no media program is needed."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import OpenImageIO as oiio

MOVIE_SIZE = (320, 180)


def write_image(
    path: Path, size: tuple[int, int], value: float | tuple[float, ...], fmt: str
) -> Path:
    """A flat image of ``value`` (per channel)."""
    channels = len(value) if isinstance(value, tuple) else 3
    image = oiio.ImageBuf(oiio.ImageSpec(*size, channels, fmt))
    oiio.ImageBufAlgo.fill(image, value if isinstance(value, tuple) else (value,) * channels)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.write(str(path)), image.geterror()
    return path


def write_movie(
    path: Path,
    greys: list[int],
    size: tuple[int, int] = MOVIE_SIZE,
    codec: str = "libx264",
    pix_fmt: str = "yuv420p",
) -> Path:
    """A 24 fps movie whose frame n is a flat 8-bit grey ``greys[n]``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream(codec, rate=Fraction(24))
        stream.width, stream.height = size
        stream.pix_fmt = pix_fmt
        if codec == "libx264":
            stream.options = {"crf": "1"}
        for index, grey in enumerate(greys):
            rgb = np.full((size[1], size[0], 3), grey, np.uint8)
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            frame.pts = index
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path
