"""Debian's Chromium, headless: a page's DOM after its scripts and media ran, or a screenshot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import OpenImageIO as oiio

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--window-size=1200,900",
    "--virtual-time-budget=6000",
)


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = executable()
    assert binary is not None, "Debian's chromium package is needed (.ci/run installs it)"
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def dump_dom(url: str, profile: Path) -> str:
    return _run(profile, "--dump-dom", url).stdout


def screenshot(url: str, profile: Path, path: Path) -> Path:
    _run(profile, f"--screenshot={path}", url)
    return path


def region_stddev(path: Path, x: int, y: int, width: int, height: int) -> list[float]:
    """The standard deviation of each colour channel of a region of ``path`` (0 to 1)."""
    image = oiio.ImageBuf(str(path))
    region = oiio.ROI(x, x + width, y, y + height, 0, 1, 0, 3)
    stats = oiio.ImageBufAlgo.computePixelStats(image, roi=region)
    return [float(value) for value in stats.stddev[:3]]


def size(path: Path) -> tuple[int, int]:
    spec = oiio.ImageBuf(str(path)).spec()
    return spec.width, spec.height
