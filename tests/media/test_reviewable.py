"""What a representation tagged ``review`` becomes: kept as it is, copied into an MP4, or made
into a review movie or image, each with its ftr_meta, and a thumbnail when asked."""

from __future__ import annotations

from pathlib import Path

from ftpub.core.media import MediaSource
from ftpub.core.media.burnin import BurninValues
from ftpub.core.media.probe import probe
from ftpub.core.media.reviewable import ReviewRequest, reviewables
from ftpub.core.publish_data import Representation

from .conftest import NO_OCIO, PLAIN
from .measure import frame_greys
from .samples import write_image, write_movie

REQUEST = ReviewRequest(PLAIN, 25, BurninValues(), 1001, thumbnail=True, environ=NO_OCIO)


def tagged(path: Path, frames: tuple[int, ...] = ()) -> Representation:
    return Representation("source", path, frames, frozenset({"review", "keep"}))


def shape(made: list[Representation]) -> list[tuple[str, str, frozenset[str]]]:
    return [(r.name, r.path.suffix, r.tags) for r in made]


def test_a_web_ready_mp4_is_kept_as_it_is_with_its_ftr_meta(tmp_path: Path) -> None:
    movie = write_movie(tmp_path / "playblast.mp4", [100] * 5, (320, 180))

    [kept] = reviewables(tagged(movie), tmp_path / "staging", REQUEST)

    assert (kept.path, kept.tags) == (movie, frozenset({"review", "keep"}))
    assert kept.metadata == {
        "frameIn": 1001,
        "frameOut": 1005,
        "frameRate": 24,
        "width": 320,
        "height": 180,
    }


def test_an_h264_mov_of_an_allowed_size_is_copied_into_an_mp4(tmp_path: Path) -> None:
    movie = write_movie(tmp_path / "playblast.mov", [100] * 5, (320, 180))

    made = reviewables(tagged(movie), tmp_path / "staging", REQUEST)

    assert shape(made) == [
        ("source", ".mov", frozenset({"keep"})),
        ("review", ".mp4", frozenset({"review"})),
        ("thumbnail", ".jpg", frozenset({"thumbnail"})),
    ]
    assert made[1].metadata["frameOut"] == 1005
    data = made[1].path.read_bytes()
    assert data.index(b"moov") < data.index(b"mdat")
    assert frame_greys(made[1].path) == frame_greys(movie), "the frames are copied, not re-encoded"


def test_a_wide_movie_is_re_encoded_at_the_review_width(tmp_path: Path) -> None:
    movie = write_movie(tmp_path / "wide.mp4", [100] * 3, (2400, 1000))

    made = reviewables(tagged(movie), tmp_path / "staging", REQUEST)

    info = probe(made[1].path)
    assert (info.width, info.height, info.codec) == (1920, 800, "h264")


def test_an_exr_sequence_gets_a_movie_at_its_first_frame(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    representation = tagged(exr_sequence.path, exr_sequence.frames)

    made = reviewables(representation, tmp_path / "staging", REQUEST)

    assert shape(made)[1:] == [
        ("review", ".mp4", frozenset({"review"})),
        ("thumbnail", ".jpg", frozenset({"thumbnail"})),
    ]
    assert made[0].files() == representation.files()
    assert (made[1].metadata["frameIn"], made[1].metadata["frameRate"]) == (1001, 25)


def test_an_exr_still_gets_a_review_image(tmp_path: Path) -> None:
    plate = write_image(tmp_path / "plate.exr", (2560, 1440), 0.18, "half")
    request = ReviewRequest(PLAIN, 25, BurninValues(), 0, thumbnail=False, environ=NO_OCIO)

    made = reviewables(tagged(plate), tmp_path / "staging", request)

    assert shape(made) == [
        ("source", ".exr", frozenset({"keep"})),
        ("review", ".jpg", frozenset({"review"})),
    ]
    assert made[1].metadata == {"format": "image", "width": 1920, "height": 1080}
