"""Media needs no program on PATH, and a Python without the media packages is told what to
install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ftpub.core.media import MediaLibraryMissing, MediaSource, missing_libraries, require_libraries
from ftpub.core.media.review import make_review
from ftpub.core.media.thumbnail import make_thumbnail

from .conftest import LINEAR, NO_OCIO, PLAIN


def test_reviews_and_thumbnails_start_no_program(
    exr_sequence: MediaSource, movie: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))

    def no_program(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a program was started: {args}")

    monkeypatch.setattr(subprocess.Popen, "__init__", no_program)
    options = {"settings": PLAIN, "colorspace": LINEAR, "environ": NO_OCIO}

    make_review(exr_sequence, tmp_path / "seq.mp4", 24, **options)
    make_review(movie, tmp_path / "movie.mp4", **options)
    make_thumbnail(exr_sequence, tmp_path / "seq.jpg", **options)
    make_thumbnail(movie, tmp_path / "movie.jpg", **options)

    assert all((tmp_path / name).stat().st_size > 0 for name in ("seq.mp4", "movie.mp4"))


def test_all_media_packages_import_here() -> None:
    assert missing_libraries() == {}
    require_libraries("Making a review")


def test_a_missing_package_is_named_with_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "av", None)
    monkeypatch.setitem(sys.modules, "PyOpenColorIO", None)

    with pytest.raises(MediaLibraryMissing) as raised:
        require_libraries("Making a review of render")

    assert set(raised.value.missing) == {"opencolorio", "av"}
    message = str(raised.value)
    assert message.startswith("Making a review of render needs the Python packages opencolorio, av")
    assert message.endswith("Install them into this Python: python -m pip install opencolorio av")


def test_the_package_imports_without_the_media_packages() -> None:
    blocked = (
        "import sys; sys.modules.update(dict.fromkeys(['OpenImageIO', 'PyOpenColorIO', 'av']))"
    )
    code = (
        f"{blocked}\n"
        "import ftpub.core.media as media, ftpub.core.plugins.extract_review_media\n"
        "import ftpub.core.plugins.validate_review_media, ftpub.core.plugins.integrate_ftrack\n"
        "print(sorted(media.missing_libraries()))"
    )

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "['av', 'opencolorio', 'openimageio']"
