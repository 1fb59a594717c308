"""Pictures as OpenImageIO reads them: RGB float pixels of an image's display window, sized
for review, with the colour transform applied, and as 8-bit RGB with even dimensions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import OpenImageIO as oiio

from ftpub.core.media.colour import ColourTransform
from ftpub.core.media.errors import MediaError


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
        raise MediaError(f"{path} cannot be read as an image: {_last_error()}")
    spec = source.spec()
    source.close()
    return Size(spec.full_width, spec.full_height)


def read_image(path: Path, expected: Size | None = None) -> oiio.ImageBuf:
    """The RGB of an image's display window (grey repeated, alpha dropped), as float. With
    ``expected``, an image of another size is an error naming the file."""
    image = oiio.ImageBuf(str(path))
    if not image.read(force=True, convert=oiio.FLOAT) or image.has_error:
        raise MediaError(f"{path} cannot be read as an image: {image.geterror() or _last_error()}")
    size = Size(image.spec().full_width, image.spec().full_height)
    if expected is not None and size != expected:
        raise MediaError(
            f"{path} is {size}, but the sequence's first frame is {expected}: "
            "every frame of a sequence must be the same size"
        )
    if image.roi != image.roi_full:
        image = oiio.ImageBufAlgo.crop(image, image.roi_full)
    channels = (0, 0, 0) if image.nchannels < 3 else (0, 1, 2)
    return oiio.ImageBufAlgo.channels(image, channels)


def prepare(image: oiio.ImageBuf, size: Size, colour: ColourTransform) -> oiio.ImageBuf:
    """``image`` resized to ``size`` (in its own, usually linear, light) then colour converted."""
    spec = image.spec()
    if (spec.width, spec.height) != (size.width, size.height):
        image = oiio.ImageBufAlgo.resize(
            image, roi=oiio.ROI(0, size.width, 0, size.height, 0, 1, 0, 3)
        )
    pixels = np.ascontiguousarray(image.get_pixels(oiio.FLOAT), dtype=np.float32)
    colour.apply(pixels)
    return oiio.ImageBuf(pixels)


def to_rgb8(image: oiio.ImageBuf, size: Size) -> np.ndarray:
    """8-bit RGB (height x width x 3) of ``size``, the image at its top left, black beyond."""
    pixels = image.get_pixels(oiio.UINT8)
    height, width = pixels.shape[:2]
    if (width, height) == (size.width, size.height):
        return pixels
    canvas = np.zeros((size.height, size.width, 3), np.uint8)
    canvas[:height, :width] = pixels
    return canvas


def _last_error() -> str:
    return oiio.geterror() or "unknown error"
