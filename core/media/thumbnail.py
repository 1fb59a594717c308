"""A JPEG thumbnail of a still, a movie (its middle frame) or an image sequence (its middle
frame), resized in the source's own light, then converted to the review display and view."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import OpenImageIO as oiio

from ftpub.core.media.colour import colour_transform
from ftpub.core.media.errors import MediaError
from ftpub.core.media.movie import decoded_frames
from ftpub.core.media.pictures import Size, fitted_pixels, read_image, to_rgb8
from ftpub.core.media.probe import probe
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.media.source import MediaSource, SourceKind, media_source
from ftpub.core.media.workspace import claimed_output
from ftpub.core.publish_data import Representation

DEFAULT_WIDTH = 640
JPEG_SUFFIXES = (".jpg", ".jpeg")
JPEG_QUALITY = 90


def make_thumbnail(
    source: Representation | MediaSource | Path,
    output: Path,
    *,
    width: int = DEFAULT_WIDTH,
    settings: ReviewSettings | None = None,
    colorspace: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """Write a JPEG at most ``width`` pixels wide (aspect kept) to ``output``, which must not
    exist. Raises :class:`MediaError` naming the file when the source cannot be used."""
    if width < 1:
        raise ValueError(f"thumbnail width must be positive, got {width}")
    media = media_source(source)
    picture = media.middle_file()
    colour = colour_transform(settings or ReviewSettings(), picture, colorspace, environ)
    if media.kind is SourceKind.MOVIE:
        info = probe(picture)
        size = Size(info.width, info.height).fitted(width)
        pixels = _middle_movie_frame(picture, info.frame_count or 1, size)
    else:
        image = read_image(picture)
        size = Size(image.spec().full_width, image.spec().full_height).fitted(width)
        pixels = fitted_pixels(image, size)
    colour.apply(pixels)
    with claimed_output(output, JPEG_SUFFIXES) as result:
        _write_jpeg(result, to_rgb8(pixels, size), picture)
    return output


def _middle_movie_frame(path: Path, count: int, size: Size) -> np.ndarray:
    frame = next(itertools.islice(decoded_frames(path, size), count // 2, None), None)
    if frame is None:
        raise MediaError(f"{path} has no frame {count // 2} to make a thumbnail of")
    return frame.astype(np.float32) / 255


def _write_jpeg(path: Path, rgb: np.ndarray, source: Path) -> None:
    height, width = rgb.shape[:2]
    spec = oiio.ImageSpec(width, height, 3, "uint8")
    spec.attribute("Compression", f"jpeg:{JPEG_QUALITY}")
    jpeg = oiio.ImageOutput.create(str(path))
    if jpeg is None or not jpeg.open(str(path), spec) or not jpeg.write_image(rgb):
        raise MediaError(f"the thumbnail of {source} cannot be written: {oiio.geterror()}")
    jpeg.close()
