"""Thumbnails of stills, movies and EXR sequences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ftpub.core.media import MediaError, MediaSource
from ftpub.core.media.probe import probe
from ftpub.core.media.thumbnail import make_thumbnail
from ftpub.core.publish_data import Representation

from .conftest import LINEAR, NO_OCIO, PLAIN
from .measure import Snapshot, linear_value, rgb_means, srgb_8bit


def plain_thumbnail(source: object, output: Path, **kwargs: object) -> Path:
    options = {"settings": PLAIN, "environ": NO_OCIO, **kwargs}
    return make_thumbnail(source, output, **options)  # type: ignore[arg-type]


def assert_jpeg(path: Path, width: int, height: int) -> None:
    assert path.read_bytes()[:3] == b"\xff\xd8\xff"
    info = probe(path)
    assert (info.codec, info.width, info.height) == ("jpeg", width, height)


def test_thumbnail_of_a_still_keeps_its_aspect(still: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "thumb.jpg"

    assert plain_thumbnail(still, output, width=200, colorspace="sRGB - Display") == output

    assert_jpeg(output, 200, 150)
    assert rgb_means(output) == pytest.approx(rgb_means(still), abs=2)


def test_thumbnail_of_an_exr_sequence_is_its_middle_frame_in_srgb(
    exr_sequence: MediaSource, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "thumb.jpg"

    plain_thumbnail(exr_sequence, output, width=320, colorspace=LINEAR)

    assert_jpeg(output, 320, 180)
    middle = exr_sequence.frames[len(exr_sequence.frames) // 2]
    expected = srgb_8bit(linear_value(middle))
    assert expected > 4 * linear_value(middle) * 255
    assert rgb_means(output) == pytest.approx((expected,) * 3, abs=2.5)


def test_a_thumbnail_is_never_wider_than_its_source(still: Path, tmp_path: Path) -> None:
    output = tmp_path / "thumb.jpg"

    plain_thumbnail(still, output, width=1000)

    assert_jpeg(output, 400, 300)


def test_thumbnail_of_a_representation(exr_sequence: MediaSource, tmp_path: Path) -> None:
    representation = Representation(
        "exr", exr_sequence.path, exr_sequence.frames, frozenset({"thumbnail"})
    )
    output = tmp_path / "out" / "thumb.jpeg"

    plain_thumbnail(representation, output, width=64)

    assert_jpeg(output, 64, 36)


def test_thumbnail_of_a_movie_is_its_middle_frame(movie: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "thumb.jpg"

    plain_thumbnail(movie, output, width=160, colorspace="sRGB - Display")

    assert_jpeg(output, 160, 90)
    assert rgb_means(output) == pytest.approx((120,) * 3, abs=4)


def test_thumbnail_leaves_the_source_files_as_they_were(
    exr_sequence: MediaSource, movie: Path, tmp_path: Path
) -> None:
    before = Snapshot.of(tmp_path)

    plain_thumbnail(exr_sequence, tmp_path / "out" / "seq.jpg")
    plain_thumbnail(movie, tmp_path / "out" / "movie.jpg")

    after = Snapshot.of(tmp_path)
    new_files = set(after.files) - set(before.files)
    assert new_files == {tmp_path / "out" / "seq.jpg", tmp_path / "out" / "movie.jpg"}
    assert {path: after.files[path] for path in before.files} == before.files


def test_an_existing_output_is_never_overwritten(still: Path, tmp_path: Path) -> None:
    output = tmp_path / "thumb.jpg"
    output.write_bytes(b"artist's file")

    with pytest.raises(MediaError, match="already exists"):
        plain_thumbnail(still, output)

    assert output.read_bytes() == b"artist's file"


def test_the_source_itself_is_refused_as_output(still: Path, tmp_path: Path) -> None:
    source = tmp_path / "plate.jpg"
    source.write_bytes(still.read_bytes())

    with pytest.raises(MediaError, match="already exists"):
        plain_thumbnail(source, source)

    assert source.read_bytes() == still.read_bytes()


def test_output_must_be_a_jpeg_name(still: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.jpg or \.jpeg"):
        plain_thumbnail(still, tmp_path / "thumb.png")

    assert not (tmp_path / "thumb.png").exists()


def test_missing_frames_are_named(exr_sequence: MediaSource, tmp_path: Path) -> None:
    declared = MediaSource(exr_sequence.path, (*exr_sequence.frames, 1011, 1012, 1020))

    with pytest.raises(MediaError, match=r"missing frames 1011-1012, 1020"):
        plain_thumbnail(declared, tmp_path / "thumb.jpg")

    assert not (tmp_path / "thumb.jpg").exists()


def test_a_sequence_path_without_frames_uses_the_frames_on_disk(
    write_exr_sequence: Callable[..., MediaSource], tmp_path: Path
) -> None:
    written = write_exr_sequence(frames=(1001, 1002, 1009))
    output = tmp_path / "out" / "thumb.jpg"

    plain_thumbnail(written.path, output, width=32, colorspace=LINEAR)

    assert rgb_means(output) == pytest.approx((srgb_8bit(linear_value(1002)),) * 3, abs=2.5)
