"""Real media written in the test's folder (see ``samples``), and the review settings the tests
use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import OpenImageIO as oiio
import pytest

from ftpub.core.media import MediaSource, ReviewSettings

from .measure import linear_value
from .samples import write_image, write_movie

SEQUENCE_FRAMES = tuple(range(1001, 1011))
SEQUENCE_SIZE = (641, 361)
MOVIE_FRAMES = 24
#: The plain conversion the known values are checked against: linear Rec.709 to the sRGB
#: display without tone mapping, no burn-ins.
PLAIN = ReviewSettings(review_display="sRGB - Display", review_view="Un-tone-mapped", burnins=False)
LINEAR = "Linear Rec.709 (sRGB)"
NO_OCIO: dict[str, str] = {}


@pytest.fixture
def write_exr_sequence(tmp_path: Path) -> Callable[..., MediaSource]:
    """Write flat-grey EXR frames (see ``measure.linear_value``) as ``<folder>/render.%04d.exr``."""

    def write(
        frames: tuple[int, ...] = SEQUENCE_FRAMES,
        folder: str = "render",
        size: tuple[int, int] = SEQUENCE_SIZE,
    ) -> MediaSource:
        pattern = tmp_path / folder / "render.%04d.exr"
        for frame in frames:
            write_image(Path(str(pattern) % frame), size, linear_value(frame), "half")
        return MediaSource(pattern, frames)

    return write


@pytest.fixture
def exr_sequence(write_exr_sequence: Callable[..., MediaSource]) -> MediaSource:
    """Frames 1001-1010 of a 641x361 EXR sequence."""
    return write_exr_sequence()


@pytest.fixture
def movie(tmp_path: Path) -> Path:
    """A 24 fps H.264 .mov of 24 frames whose frame n is a flat grey of 8-bit value 10 n."""
    return write_movie(tmp_path / "movie" / "playblast.mov", [10 * n for n in range(MOVIE_FRAMES)])


@pytest.fixture
def still(tmp_path: Path) -> Path:
    """A 400x300 PNG with a colour gradient."""
    path = tmp_path / "still" / "board.png"
    path.parent.mkdir()
    image = oiio.ImageBuf(oiio.ImageSpec(400, 300, 3, "uint8"))
    oiio.ImageBufAlgo.fill(image, (1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 1))
    assert image.write(str(path)), image.geterror()
    return path
