"""Review movies from EXR sequences (first frame 1001, odd size, gaps) and from movies."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from ftpub.core.media import MediaError, MediaSource, frame_rate, ftr_meta, make_review, probe
from ftpub.core.publish_data import Representation

from .conftest import MOVIE_FRAMES, MOVIE_SIZE
from .measure import Snapshot, frame_greys, linear_value, srgb_8bit


def assert_web_playable(movie: Path) -> None:
    info = probe(movie)
    assert (info.codec, info.pixel_format) == ("h264", "yuv420p")
    assert info.width % 2 == 0 and info.height % 2 == 0
    data = movie.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat"), "+faststart puts the index first"


def test_review_of_an_exr_sequence_from_frame_1001(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "review.mp4"

    assert make_review(exr_sequence, output, 24) == output

    assert_web_playable(output)
    info = probe(output)
    assert (info.width, info.height, info.frame_rate, info.frame_count) == (642, 362, 24, 10)
    expected = [srgb_8bit(linear_value(frame)) for frame in exr_sequence.frames]
    assert frame_greys(output) == pytest.approx(expected, abs=2.5)
    assert ftr_meta(info, 1001) == {
        "frameIn": 1001,
        "frameOut": 1010,
        "frameRate": 24,
        "height": 362,
        "width": 642,
    }


def test_gaps_in_a_sequence_hold_the_frame_before(
    write_exr_sequence: Callable[..., MediaSource], tmp_path: Path
) -> None:
    sparse = write_exr_sequence(frames=(1001, 1002, 1005, 1006))
    output = tmp_path / "out" / "review.mp4"

    make_review(sparse, output, 25)

    shown = (1001, 1002, 1002, 1002, 1005, 1006)
    expected = [srgb_8bit(linear_value(frame)) for frame in shown]
    assert frame_greys(output) == pytest.approx(expected, abs=2.5)


def test_review_of_a_representation_at_an_ntsc_rate(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    representation = Representation(
        "exr", exr_sequence.path, exr_sequence.frames, frozenset({"review"})
    )
    output = tmp_path / "out" / "review.mp4"

    make_review(representation, output, 23.976)

    assert probe(output).frame_rate == Fraction(24000, 1001)


def test_review_of_a_movie_keeps_its_frames_and_rate(movie: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "review.mp4"

    make_review(movie, output)

    assert_web_playable(output)
    info = probe(output)
    assert (info.width, info.height) == MOVIE_SIZE
    assert (info.frame_rate, info.frame_count) == (24, MOVIE_FRAMES)
    assert frame_greys(output) == pytest.approx([10 * n for n in range(MOVIE_FRAMES)], abs=3)


def test_review_leaves_the_sources_as_they_were(
    exr_sequence: MediaSource, movie: Path, tmp_path: Path
) -> None:
    before = Snapshot.of(tmp_path)

    make_review(exr_sequence, tmp_path / "out" / "seq.mp4", 24)
    make_review(movie, tmp_path / "out" / "movie.mp4")

    after = Snapshot.of(tmp_path)
    assert set(after.files) - set(before.files) == {
        tmp_path / "out" / "seq.mp4",
        tmp_path / "out" / "movie.mp4",
    }
    assert {path: after.files[path] for path in before.files} == before.files


def test_an_existing_review_is_never_overwritten(movie: Path, tmp_path: Path) -> None:
    output = tmp_path / "review.mp4"
    output.write_bytes(b"v001 review")

    with pytest.raises(MediaError, match="already exists"):
        make_review(movie, output)

    assert output.read_bytes() == b"v001 review"


def test_a_sequence_needs_a_frame_rate(exr_sequence: MediaSource, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a frame rate"):
        make_review(exr_sequence, tmp_path / "review.mp4")


def test_a_still_is_not_made_into_a_movie(tmp_path: Path) -> None:
    still = tmp_path / "board.png"
    still.write_bytes(b"png")

    with pytest.raises(ValueError, match="ftrackreview-image"):
        make_review(still, tmp_path / "review.mp4", 24)


def test_review_output_must_be_mp4(movie: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"must end in \.mp4"):
        make_review(movie, tmp_path / "review.mov")


@pytest.mark.parametrize(
    ("fps", "rate"),
    [
        (24, Fraction(24)),
        (25.0, Fraction(25)),
        (23.976, Fraction(24000, 1001)),
        (29.97, Fraction(30000, 1001)),
        (59.94, Fraction(60000, 1001)),
        (12.5, Fraction(25, 2)),
        (Fraction(48000, 1001), Fraction(48000, 1001)),
    ],
)
def test_frame_rate(fps: float | Fraction, rate: Fraction) -> None:
    assert frame_rate(fps) == rate


def test_frame_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="must be positive"):
        frame_rate(0)
