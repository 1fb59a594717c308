"""Finding the media tools, and the errors when one is missing or fails."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from ftpub.core.media import (
    MediaCommandFailed,
    MediaError,
    MediaSource,
    MediaToolMissing,
    MediaTools,
    make_review,
    make_thumbnail,
)
from ftpub.core.media.errors import stderr_tail


@pytest.fixture
def frames(tmp_path: Path) -> MediaSource:
    """Three EXR-named files: enough for the tool checks, which come before any decoding."""
    pattern = tmp_path / "render" / "render.%04d.exr"
    pattern.parent.mkdir()
    for frame in (1001, 1002, 1003):
        Path(str(pattern) % frame).write_bytes(b"not decoded")
    return MediaSource(pattern, (1001, 1002, 1003))


@pytest.fixture
def empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH on which no media tool is found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_a_configured_path_that_does_not_exist_is_a_clear_missing_tool(
    frames: MediaSource, tmp_path: Path
) -> None:
    tools = MediaTools(ffmpeg=tmp_path / "no" / "ffmpeg")

    with pytest.raises(MediaToolMissing) as raised:
        make_review(frames, tmp_path / "review.mp4", 24, tools=tools)

    message = str(raised.value)
    assert message.startswith(f"Making a review movie of {frames.path} needs ffmpeg")
    assert f"media.ffmpeg = {tmp_path / 'no' / 'ffmpeg'}: no such executable" in message
    assert "apt-get install ffmpeg" in message
    assert not (tmp_path / "review.mp4").exists()


def test_without_ffmpeg_on_path_the_review_names_it(
    frames: MediaSource, tmp_path: Path, empty_path: None
) -> None:
    with pytest.raises(MediaToolMissing, match=r"needs ffmpeg; not found: ffmpeg \(not on PATH\)"):
        make_review(frames, tmp_path / "review.mp4", 24)


@pytest.mark.parametrize(
    ("tools", "where"),
    [
        (MediaTools(ffmpeg="ffmpeg"), "ffmpeg (not on PATH)"),
        (MediaTools(ffmpeg="ffmpeg-6.1"), "ffmpeg (media.ffmpeg = ffmpeg-6.1: not on PATH)"),
    ],
)
def test_a_configured_command_name_is_looked_up_on_path(
    tools: MediaTools, where: str, frames: MediaSource, tmp_path: Path, empty_path: None
) -> None:
    with pytest.raises(MediaToolMissing) as raised:
        make_review(frames, tmp_path / "review.mp4", 24, tools=tools)

    assert raised.value.not_found == (where,)


def test_without_either_tool_the_thumbnail_names_both(
    frames: MediaSource, tmp_path: Path, empty_path: None
) -> None:
    with pytest.raises(MediaToolMissing) as raised:
        make_thumbnail(frames, tmp_path / "thumb.jpg")

    assert "needs oiiotool, or ffmpeg; not found: oiiotool (not on PATH); ffmpeg (not on PATH)" in (
        str(raised.value)
    )
    assert raised.value.not_found == ("oiiotool (not on PATH)", "ffmpeg (not on PATH)")
    assert not (tmp_path / "thumb.jpg").exists()


def test_a_file_that_is_not_executable_is_not_a_tool(tmp_path: Path) -> None:
    fake = tmp_path / "ffmpeg"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(stat.S_IRUSR | stat.S_IWUSR)

    assert MediaTools(ffmpeg=fake).find("ffmpeg") is None


def test_a_configured_executable_is_used_instead_of_path(tmp_path: Path) -> None:
    fake = tmp_path / "studio-ffmpeg"
    fake.write_text("#!/bin/sh\necho studio build\n")
    fake.chmod(0o755)
    tools = MediaTools(ffmpeg=fake)

    assert tools.find("ffmpeg") == str(fake)
    assert tools.run("ffmpeg", [], "Asking which ffmpeg") == "studio build\n"


def test_a_failing_command_keeps_only_its_last_error_lines(tmp_path: Path) -> None:
    noisy = tmp_path / "oiiotool"
    noisy.write_text(
        '#!/bin/sh\ni=1\nwhile [ $i -le 500 ]; do echo "line $i" >&2; i=$((i + 1)); done\nexit 3\n'
    )
    noisy.chmod(0o755)

    with pytest.raises(MediaCommandFailed) as raised:
        MediaTools(oiiotool=noisy).run("oiiotool", ["--x"], "Making a thumbnail of a.exr")

    error = raised.value
    assert error.returncode == 3
    assert error.stderr_tail == tuple(f"line {i}" for i in range(491, 501))
    assert "line 490" not in str(error)
    assert str(error).startswith(f"Making a thumbnail of a.exr failed: {noisy} exited with 3")


def test_stderr_tail_skips_blank_lines() -> None:
    assert stderr_tail("a\n\nb\n  \nc\n", lines=2) == ("b", "c")


def test_an_unknown_tool_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown media tool 'convert'"):
        MediaTools().find("convert")


def test_a_corrupt_exr_gives_the_tool_error_and_no_output(
    media_tools: None, tmp_path: Path
) -> None:
    corrupt = tmp_path / "plate.exr"
    corrupt.write_bytes(b"\x76\x2f\x31\x01" + b"\x00garbage" * 64)

    with pytest.raises(MediaCommandFailed) as raised:
        make_thumbnail(corrupt, tmp_path / "out" / "thumb.jpg")

    assert raised.value.command[0] == shutil.which("oiiotool")
    assert any("oiiotool ERROR" in line for line in raised.value.stderr_tail)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_corrupt_movie_gives_ffmpegs_reason(media_tools: None, tmp_path: Path) -> None:
    corrupt = tmp_path / "playblast.mov"
    corrupt.write_bytes(b"\x00\x00\x00\x14ftypqt  " + b"\x13" * 2000)

    with pytest.raises(MediaError, match="Invalid data found when processing input"):
        make_review(corrupt, tmp_path / "review.mp4")

    assert not (tmp_path / "review.mp4").exists()
