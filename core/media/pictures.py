"""Pictures as OpenImageIO reads them: float RGB pixels of an image's display window, fitted
to a size, colour converted; and 8-bit RGB with even dimensions for the encoder.

Pixels move between the libraries as numpy arrays (height x width x 3, C order); an ImageBuf
is made only to read and resize, since building one from an array costs a copy per pixel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import OpenImageIO as oiio

from ftpub.core.media.errors import MediaError

#: A tent filter, widened with the scale: smooth downsizing at a fraction of the cost of
#: OpenImageIO's default (lanczos-like) filter, which took seconds per 2K frame.
RESIZE_FILTER = "triangle"


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"

    def fitted(self, max_width: int) -> Size:
        """This size scaled down (aspect kept) to at most ``max_width`` wide."""
        if self.width <= max_width:
            return self
        return Size(max_width, max(1, round(self.height * max_width / self.width)))

    def even(self) -> Size:
        """Rounded up to even numbers, as H.264 in yuv420p needs."""
        return Size(self.width + self.width % 2, self.height + self.height % 2)


def image_size(path: Path) -> Size:
    """The display window of an image file, read from its header only."""
    source = oiio.ImageInput.open(str(path))
    if source is None:
        raise MediaError(f"{path} cannot be read as an image: {oiio.geterror() or 'unknown'}")
    spec = source.spec()
    source.close()
    return Size(spec.full_width, spec.full_height)


def read_image(path: Path, expected: Size | None = None) -> oiio.ImageBuf:
    """An image file read whole, as float. With ``expected``, an image of another size is an
    error naming the file."""
    image = oiio.ImageBuf(str(path))
    if not image.read(force=True, convert=oiio.FLOAT) or image.has_error:
        reason = image.geterror() or oiio.geterror() or "unknown"
        raise MediaError(f"{path} cannot be read as an image: {reason}")
    size = Size(image.spec().full_width, image.spec().full_height)
    if expected is not None and size != expected:
        raise MediaError(
            f"{path} is {size}, but the sequence's first frame is {expected}: "
            "every frame of a sequence must be the same size"
        )
    return image


def fitted_pixels(image: oiio.ImageBuf, size: Size) -> np.ndarray:
    """The RGB of ``image``'s display window (grey repeated, alpha dropped, black outside its
    data) at ``size``, resized in its own (usually linear) light."""
    spec = image.spec()
    if (spec.full_width, spec.full_height) != (size.width, size.height):
        target = oiio.ROI(0, size.width, 0, size.height, 0, 1, 0, spec.nchannels)
        image = oiio.ImageBufAlgo.resize(image, filtername=RESIZE_FILTER, roi=target)
        spec = image.spec()
    channels = min(spec.nchannels, 3)
    window = oiio.ROI(
        spec.full_x, spec.full_x + spec.full_width, spec.full_y, spec.full_y + spec.full_height
    )
    window.chend = channels
    read = image.get_pixels(oiio.FLOAT, window)
    if read is None:
        reason = image.geterror() or oiio.geterror() or "unknown"
        raise MediaError(f"{image.name} cannot be read as an image: {reason}")
    pixels = read.reshape(size.height, size.width, channels)
    if channels < 3:
        pixels = np.repeat(pixels[:, :, :1], 3, axis=2)
    return np.ascontiguousarray(pixels, dtype=np.float32)


def to_rgb8(pixels: np.ndarray, size: Size) -> np.ndarray:
    """8-bit RGB of ``size``, the float ``pixels`` (scaled in place) at its top left, black
    beyond."""
    height, width = pixels.shape[:2]
    np.multiply(pixels, 255, out=pixels)
    np.add(pixels, 0.5, out=pixels)
    np.clip(pixels, 0, 255, out=pixels)
    canvas = np.zeros((size.height, size.width, 3), np.uint8)
    canvas[:height, :width] = pixels
    return canvas
