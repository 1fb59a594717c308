"""Probing stills and movies, and the web player's ftr_meta built from what was probed."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from ftpub.core.media import MediaError, MediaInfo, MediaSource, ftr_meta, image_meta
from ftpub.core.media.probe import probe

from .conftest import MOVIE_FRAMES, SEQUENCE_SIZE
from .samples import MOVIE_SIZE


def test_probe_of_a_movie(movie: Path) -> None:
    info = probe(movie)

    assert info == MediaInfo(movie, *MOVIE_SIZE, Fraction(24), MOVIE_FRAMES, "h264", "yuv420p")


def test_probe_of_a_still_has_no_rate_or_length(exr_sequence: MediaSource) -> None:
    frame = exr_sequence.frame_file(1001)

    info = probe(frame)

    assert info == MediaInfo(frame, *SEQUENCE_SIZE, codec="openexr")


def test_probe_refuses_a_sequence_pattern(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="probe one file of the sequence"):
        probe(tmp_path / "render.%04d.exr")


def test_probe_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match=f"{tmp_path / 'gone.mov'} does not exist"):
        probe(tmp_path / "gone.mov")


def test_ftr_meta_of_a_probed_movie_counts_from_the_first_frame(movie: Path) -> None:
    meta = ftr_meta(probe(movie), frame_in=1001)

    assert meta == {
        "frameIn": 1001,
        "frameOut": 1001 + MOVIE_FRAMES - 1,
        "frameRate": 24,
        "height": MOVIE_SIZE[1],
        "width": MOVIE_SIZE[0],
    }


def test_ftr_meta_keeps_ntsc_rates_exact() -> None:
    info = MediaInfo(Path("/r/review.mp4"), 1920, 1080, Fraction(24000, 1001), 48)

    assert ftr_meta(info, 0, 47) == {
        "frameIn": 0,
        "frameOut": 47,
        "frameRate": 24000 / 1001,
        "height": 1080,
        "width": 1920,
    }


def test_ftr_meta_refuses_a_range_the_movie_does_not_have() -> None:
    info = MediaInfo(Path("/r/review.mp4"), 1920, 1080, Fraction(25), 10)

    with pytest.raises(ValueError, match="has 10 frames, so frames 1001-1011 cannot label it"):
        ftr_meta(info, 1001, 1011)


def test_ftr_meta_refuses_a_still() -> None:
    with pytest.raises(ValueError, match="not a movie; use image_meta"):
        ftr_meta(MediaInfo(Path("/r/review.jpg"), 640, 360), 1001)


def test_image_meta() -> None:
    info = MediaInfo(Path("/r/review.jpg"), 640, 360)

    assert image_meta(info) == {"format": "image", "height": 360, "width": 640}
