"""Bad sources: each is a problem validation lists, or an error naming the file, and leaves
no output behind."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import pytest

from ftpub.core.media import MediaError, MediaSource
from ftpub.core.media.checks import review_problems
from ftpub.core.media.probe import probe
from ftpub.core.media.review import make_review
from ftpub.core.media.thumbnail import make_thumbnail
from ftpub.core.publish_data import Representation

from .conftest import LINEAR, NO_OCIO, PLAIN
from .samples import write_image

CORRUPT_EXR = b"\x76\x2f\x31\x01" + b"\x00garbage" * 64


def review(path: Path, frames: tuple[int, ...] = (), colorspace: str = LINEAR) -> Representation:
    return Representation("render", path, frames, frozenset({"review"}), {"colorspace": colorspace})


def problems(representation: Representation) -> list[str]:
    return review_problems(representation, PLAIN, NO_OCIO)


def test_a_good_sequence_has_no_problems(exr_sequence: MediaSource) -> None:
    assert problems(review(exr_sequence.path, exr_sequence.frames)) == []


def test_a_corrupt_exr_is_named_by_validation_and_by_extraction(tmp_path: Path) -> None:
    plate = tmp_path / "plate.exr"
    plate.write_bytes(CORRUPT_EXR)

    [problem] = problems(review(plate))
    assert problem.startswith(f"{plate} cannot be read as an image")
    with pytest.raises(MediaError, match=f"{plate} cannot be read as an image"):
        make_thumbnail(plate, tmp_path / "out" / "thumb.jpg", settings=PLAIN, environ=NO_OCIO)
    assert not (tmp_path / "out" / "thumb.jpg").exists()


def test_a_corrupt_frame_in_a_sequence_stops_the_review_and_removes_it(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    broken = exr_sequence.frame_file(1005)
    broken.write_bytes(CORRUPT_EXR)
    output = tmp_path / "out" / "review.mp4"

    [problem] = problems(review(exr_sequence.path, exr_sequence.frames))
    assert problem.startswith(f"{broken} cannot be read as an image")
    with pytest.raises(MediaError, match=f"{broken} cannot be read as an image"):
        make_review(exr_sequence, output, 24, settings=PLAIN, colorspace=LINEAR, environ=NO_OCIO)
    assert not output.exists()


def test_a_frame_of_another_size_mid_sequence_is_named(
    write_exr_sequence: Callable[..., MediaSource], tmp_path: Path
) -> None:
    sequence = write_exr_sequence(frames=(1001, 1002, 1003, 1004))
    odd_one = sequence.frame_file(1003)
    write_image(odd_one, (320, 180), 0.5, "half")
    output = tmp_path / "out" / "review.mp4"

    assert problems(review(sequence.path, sequence.frames)) == [
        f"{odd_one} is 320x180, but the sequence's first frame is 641x361"
    ]
    with pytest.raises(MediaError, match=f"{odd_one} is 320x180, but the sequence's first frame"):
        make_review(sequence, output, 24, settings=PLAIN, colorspace=LINEAR, environ=NO_OCIO)
    assert not output.exists()


def test_an_unknown_colour_space_is_a_problem(exr_sequence: MediaSource) -> None:
    representation = review(exr_sequence.path, exr_sequence.frames, colorspace="Kodak 2383")

    assert problems(representation) == [
        f"{exr_sequence.frame_file(1006)}: its colour space 'Kodak 2383' is not in the colour "
        "config ocio://studio-config-latest"
    ]


def test_a_one_pixel_image_is_too_small_to_review(tmp_path: Path) -> None:
    dot = write_image(tmp_path / "dot.exr", (1, 1), 0.5, "half")

    assert problems(review(dot)) == [f"{dot} is 1x1: too small to review (at least 16x16)"]


def test_a_movie_without_video_is_named(tmp_path: Path) -> None:
    sound = tmp_path / "dialogue.mp4"
    with av.open(str(sound), mode="w") as container:
        stream = container.add_stream("aac", rate=48000)
        frame = av.AudioFrame(format="fltp", layout="stereo", samples=1024)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate, frame.pts, frame.time_base = 48000, 0, Fraction(1, 48000)
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))

    assert problems(review(sound, colorspace="sRGB - Display")) == [f"{sound} has no video stream"]
    with pytest.raises(MediaError, match=f"{sound} has no video stream"):
        probe(sound)
    with pytest.raises(MediaError, match=f"{sound} has no video stream"):
        make_review(sound, tmp_path / "review.mp4", settings=PLAIN, environ=NO_OCIO)
    assert not (tmp_path / "review.mp4").exists()


def test_a_corrupt_movie_is_named(tmp_path: Path) -> None:
    corrupt = tmp_path / "playblast.mov"
    corrupt.write_bytes(b"\x00\x00\x00\x14ftypqt  " + b"\x13" * 2000)

    assert problems(review(corrupt))[0].startswith(f"{corrupt} cannot be read as a movie")
    with pytest.raises(MediaError, match=f"{corrupt} cannot be read as a movie"):
        make_review(corrupt, tmp_path / "review.mp4", settings=PLAIN, environ=NO_OCIO)
    assert not (tmp_path / "review.mp4").exists()


def test_a_review_tag_on_a_file_that_is_not_media_is_a_problem(tmp_path: Path) -> None:
    cache = tmp_path / "hero.abc"
    cache.write_bytes(b"Alembic cache" * 100)

    [problem] = problems(review(cache))

    assert problem.startswith(f"{cache} cannot be read as an image")
