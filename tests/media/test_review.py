"""Review movies from EXR sequences (first frame 1001, odd size, gaps) and from movies."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from ftpub.core.media import MediaError, MediaSource, ReviewSettings, frame_rate, ftr_meta
from ftpub.core.media.burnin import BurninValues
from ftpub.core.media.probe import probe
from ftpub.core.media.review import make_review
from ftpub.core.publish_data import Representation

from .conftest import LINEAR, MOVIE_FRAMES, NO_OCIO, PLAIN
from .measure import Snapshot, frame_greys, frame_pixels, linear_value, srgb_8bit
from .samples import MOVIE_SIZE, write_movie


def plain_review(source: object, output: Path, fps: float | None = 24, **kwargs: object) -> Path:
    """A review through the plain linear -> sRGB conversion, no burn-ins, whatever $OCIO is."""
    options = {"settings": PLAIN, "colorspace": LINEAR, "environ": NO_OCIO, **kwargs}
    return make_review(source, output, fps, **options)  # type: ignore[arg-type]


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

    assert plain_review(exr_sequence, output) == output

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

    plain_review(sparse, output, 25)

    shown = (1001, 1002, 1002, 1002, 1005, 1006)
    expected = [srgb_8bit(linear_value(frame)) for frame in shown]
    assert frame_greys(output) == pytest.approx(expected, abs=2.5)


def test_a_wide_sequence_is_scaled_to_the_review_width(
    write_exr_sequence: Callable[..., MediaSource], tmp_path: Path
) -> None:
    wide = write_exr_sequence(frames=(1001, 1002), size=(2048, 858))
    output = tmp_path / "out" / "review.mp4"

    plain_review(wide, output, settings=ReviewSettings(review_max_width=1024, burnins=False))

    info = probe(output)
    assert (info.width, info.height) == (1024, 430), "858 * 1024 / 2048 = 429, padded to even"


def test_review_of_a_representation_at_an_ntsc_rate(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    representation = Representation(
        "exr", exr_sequence.path, exr_sequence.frames, frozenset({"review"})
    )
    output = tmp_path / "out" / "review.mp4"

    plain_review(representation, output, 23.976)

    assert probe(output).frame_rate == Fraction(24000, 1001)


def test_review_of_a_movie_keeps_its_frames_and_rate(movie: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "review.mp4"

    plain_review(movie, output, None, colorspace="sRGB - Display")

    assert_web_playable(output)
    info = probe(output)
    assert (info.width, info.height) == MOVIE_SIZE
    assert (info.frame_rate, info.frame_count) == (24, MOVIE_FRAMES)
    assert frame_greys(output) == pytest.approx([10 * n for n in range(MOVIE_FRAMES)], abs=3)


def test_review_of_a_movie_in_another_codec_is_h264(tmp_path: Path) -> None:
    mpeg4 = write_movie(tmp_path / "in" / "edit.mp4", [128] * 6, (322, 182), "mpeg4")
    output = tmp_path / "out" / "review.mp4"

    plain_review(mpeg4, output, None, colorspace="sRGB - Display")

    assert_web_playable(output)
    assert frame_greys(output) == pytest.approx([128] * 6, abs=3)


def test_burn_ins_are_drawn_where_configured_on_every_frame(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    settings = ReviewSettings(review_display="sRGB - Display", review_view="Un-tone-mapped")
    values = BurninValues(shot="sh010", asset="hero", version=3, task="comp", artist="anna")

    burnt = plain_review(exr_sequence, tmp_path / "burnt.mp4", settings=settings, burnins=values)

    for frame in frame_pixels(burnt):
        corners = {
            "top_left": frame[:24, :80],
            "top_right": frame[:24, -120:],
            "bottom_left": frame[-24:, :120],
            "bottom_right": frame[-24:, -80:],
        }
        assert {name: int(area.max()) > 200 for name, area in corners.items()} == dict.fromkeys(
            corners, True
        )
        assert frame[-24:, 250:390].max() < 100, "no date given: the bottom centre stays empty"


def test_burn_ins_are_off_with_one_setting(exr_sequence: MediaSource, tmp_path: Path) -> None:
    values = BurninValues(shot="sh010", asset="hero", version=3, task="comp", artist="anna")

    plain = plain_review(exr_sequence, tmp_path / "plain.mp4", burnins=values)

    assert all(frame.max() < 100 for frame in frame_pixels(plain))


def test_review_leaves_the_sources_as_they_were(
    exr_sequence: MediaSource, movie: Path, tmp_path: Path
) -> None:
    before = Snapshot.of(tmp_path)

    plain_review(exr_sequence, tmp_path / "out" / "seq.mp4")
    plain_review(movie, tmp_path / "out" / "movie.mp4", None)

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
        plain_review(movie, output, None)

    assert output.read_bytes() == b"v001 review"


def test_a_sequence_needs_a_frame_rate(exr_sequence: MediaSource, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a frame rate"):
        plain_review(exr_sequence, tmp_path / "review.mp4", None)


def test_a_still_is_not_made_into_a_movie(tmp_path: Path) -> None:
    still = tmp_path / "board.png"
    still.write_bytes(b"png")

    with pytest.raises(ValueError, match="ftrackreview-image"):
        plain_review(still, tmp_path / "review.mp4")


def test_review_output_must_be_mp4(movie: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"must end in \.mp4"):
        plain_review(movie, tmp_path / "review.mov", None)


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
