"""An H.264 MP4 that ftrack's web player plays, from an image sequence or a movie.

Each frame is read, fitted to the review width (aspect kept; an odd width or height gets one
black column or row), colour converted to the review display and view, given its burn-ins, and
encoded. A gap in a sequence's frames (a render on twos, a skipped frame) holds the frame
before it, so the movie has one frame per frame number from the first to the last and
``ftr_meta`` frame numbers stay true. Frames listed but not on disk, a frame of another size
or an unreadable frame are errors naming the file; the output is then removed.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path
from typing import TypeVar

import numpy as np

from ftpub.core.media.burnin import BurninValues, burnin_texts, draw_burnins
from ftpub.core.media.colour import ColourTransform, colour_transform
from ftpub.core.media.info import frame_rate
from ftpub.core.media.movie import MovieWriter, decoded_frames, remux
from ftpub.core.media.pictures import Size, fitted_pixels, image_size, read_image, to_rgb8
from ftpub.core.media.probe import probe
from ftpub.core.media.settings import ReviewSettings
from ftpub.core.media.source import MediaSource, SourceKind, media_source
from ftpub.core.media.workspace import claimed_output
from ftpub.core.publish_data import Representation, frame_ranges

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_U = TypeVar("_U")
#: Frames prepared ahead of the encoder, in threads (OpenImageIO and OpenColorIO release the GIL).
_AHEAD = 4
_WORKERS = 2


def make_review(
    source: Representation | MediaSource | Path,
    output: Path,
    fps: float | Fraction | None = None,
    *,
    settings: ReviewSettings | None = None,
    colorspace: str | None = None,
    burnins: BurninValues | None = None,
    first_frame: int = 0,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """Write the review movie of ``source`` to ``output`` (``.mp4``, must not exist).

    ``fps`` is required for a sequence; a movie keeps its own rate. ``colorspace`` is the
    source's, when it declares one. Burn-ins (when ``settings.burnins``) show ``burnins`` and
    the frame number: a sequence's own, a movie's counted from ``first_frame``. Raises
    :class:`MediaError` naming the file when a source cannot be used.
    """
    settings = settings or ReviewSettings()
    media = media_source(source)
    if media.kind is SourceKind.STILL:
        raise ValueError(f"{media.path} is a still; review it as an ftrackreview-image")
    if media.kind is SourceKind.SEQUENCE and fps is None:
        raise ValueError(f"a review movie of the sequence {media.path} needs a frame rate")
    colour = colour_transform(settings, media.path, colorspace, environ)
    templates = settings.burnin_text if settings.burnins else {}
    values = burnins or BurninValues()
    with claimed_output(output, (".mp4",)) as result:
        if media.kind is SourceKind.SEQUENCE:
            rate = frame_rate(fps or 0)
            _encode_sequence(media, result, rate, settings, colour, templates, values)
            _log_held(media)
        else:
            _encode_movie(media.path, result, first_frame, settings, colour, templates, values)
    return output


def copy_to_mp4(source: Path, output: Path) -> Path:
    """An H.264 movie that needs no re-encoding (see ``checks.is_allowed_h264``) in an MP4 at
    ``output`` (must not exist), its frames as they are: no colour conversion, no burn-ins."""
    with claimed_output(output, (".mp4",)) as result:
        remux(source, result)
    return output


def _encode_sequence(
    media: MediaSource,
    result: Path,
    rate: Fraction,
    settings: ReviewSettings,
    colour: ColourTransform,
    templates: Mapping[str, str],
    values: BurninValues,
) -> None:
    first = image_size(media.frame_file(media.frames[0]))
    size = first.fitted(settings.review_max_width)

    def picture(item: tuple[int, Path]) -> np.ndarray:
        number, path = item
        pixels = fitted_pixels(read_image(path, first), size)
        return _finish(pixels, size, colour, templates, values, number)

    numbered = zip(range(media.frames[0], media.frames[-1] + 1), media.held_frames(), strict=True)
    with MovieWriter(result, size.even(), rate) as writer:
        for rgb in _ahead(picture, numbered):
            writer.write(rgb)


def _encode_movie(
    path: Path,
    result: Path,
    first_frame: int,
    settings: ReviewSettings,
    colour: ColourTransform,
    templates: Mapping[str, str],
    values: BurninValues,
) -> None:
    info = probe(path)
    rate = info.frame_rate or frame_rate(settings.review_fps)
    size = Size(info.width, info.height).fitted(settings.review_max_width)

    def picture(item: tuple[int, np.ndarray]) -> np.ndarray:
        number, rgb = item
        return _finish(rgb.astype(np.float32) / 255, size, colour, templates, values, number)

    numbered = enumerate(decoded_frames(path, size), start=first_frame)
    with MovieWriter(result, size.even(), rate) as writer:
        for rgb in _ahead(picture, numbered):
            writer.write(rgb)


def _finish(
    pixels: np.ndarray,
    size: Size,
    colour: ColourTransform,
    templates: Mapping[str, str],
    values: BurninValues,
    frame: int,
) -> np.ndarray:
    """A frame of the movie from its float pixels at ``size``: converted, burnt in, 8-bit."""
    colour.apply(pixels)
    draw_burnins(pixels, burnin_texts(templates, values, frame))
    return to_rgb8(pixels, size.even())


def _ahead(work: Callable[[_T], _U], items: Iterable[_T]) -> Iterator[_U]:
    """``work`` of each item, in order, a few items ahead in worker threads."""
    with ThreadPoolExecutor(_WORKERS, thread_name_prefix="ftpub-review") as pool:
        pending: deque[Future[_U]] = deque()
        for item in items:
            pending.append(pool.submit(work, item))
            if len(pending) >= _AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _log_held(media: MediaSource) -> None:
    gaps = set(range(media.frames[0], media.frames[-1] + 1)) - set(media.frames)
    if gaps:
        log.info("Review movie of %s holds frames over the gaps %s", media.path, frame_ranges(gaps))
