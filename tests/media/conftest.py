"""Real media made by ffmpeg and oiiotool in the test's folder, and ways to measure pixels.

Tests that need the tools take the ``media_tools`` fixture (directly or through a media
fixture): it skips locally when a tool is missing, and fails when ``CI`` is set (CI installs them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ftpub.core.media import MediaSource

from .measure import run

SEQUENCE_FRAMES = tuple(range(1001, 1011))
SEQUENCE_SIZE = (641, 361)
MOVIE_SIZE = (320, 180)
MOVIE_FRAMES = 24
# oiiotool expression for measure.linear_value: frame 1001 is 0.01, 1010 is 0.1
LINEAR_GREY_PER_FRAME = "constant:color={(FRAME_NUMBER-1000)*0.01}"


@pytest.fixture(scope="session")
def media_tools() -> None:
    missing = [tool for tool in ("ffmpeg", "ffprobe", "oiiotool") if shutil.which(tool) is None]
    if missing:
        message = f"media tools not installed: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must install ffmpeg and openimageio-tools)")
        pytest.skip(message)


@pytest.fixture
def write_exr_sequence(media_tools: None, tmp_path: Path) -> Callable[..., MediaSource]:
    """Write flat-grey EXR frames (see ``measure.linear_value``) as ``<folder>/render.%04d.exr``."""

    def write(frames: tuple[int, ...] = SEQUENCE_FRAMES, folder: str = "render") -> MediaSource:
        pattern = tmp_path / folder / "render.%04d.exr"
        pattern.parent.mkdir()
        frame_list = ",".join(str(frame) for frame in frames)
        run(
            *("oiiotool", "--frames", frame_list, "--pattern", LINEAR_GREY_PER_FRAME),
            *("{}x{}".format(*SEQUENCE_SIZE), "3", "-d", "half", "-o", str(pattern)),
        )
        return MediaSource(pattern, frames)

    return write


@pytest.fixture
def exr_sequence(write_exr_sequence: Callable[..., MediaSource]) -> MediaSource:
    """Frames 1001-1010 of a 641x361 EXR sequence."""
    return write_exr_sequence()


@pytest.fixture
def movie(media_tools: None, tmp_path: Path) -> Path:
    """A 24 fps H.264 movie of 24 frames whose frame n is a flat grey of 8-bit value 10 n."""
    path = tmp_path / "movie" / "playblast.mov"
    path.parent.mkdir()
    width, height = MOVIE_SIZE
    source = f"color=c=gray:s={width}x{height}:r=24:d={MOVIE_FRAMES / 24}"
    run(
        *("ffmpeg", "-v", "error", "-f", "lavfi", "-i", source),
        *("-vf", "format=gray,geq=lum='N*10'", "-pix_fmt", "yuv420p"),
        *("-c:v", "libx264", "-crf", "1", str(path)),
    )
    return path


@pytest.fixture
def still(media_tools: None, tmp_path: Path) -> Path:
    """A 400x300 PNG with a colour pattern."""
    path = tmp_path / "still" / "board.png"
    path.parent.mkdir()
    pattern = "fill:topleft=1,0,0:topright=0,1,0:bottomleft=0,0,1:bottomright=1,1,1"
    run("oiiotool", "--pattern", pattern, "400x300", "3", "-d", "uint8", "-o", str(path))
    return path
