"""Measuring media in tests: expected grey values, pixel means, and snapshots of source files."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


def linear_value(frame: int) -> float:
    """The constant linear grey of frame ``frame`` of the EXR sequences: 0.01 per frame."""
    return round((frame - 1000) * 0.01, 4)


def srgb_8bit(linear: float) -> float:
    """The sRGB curve, as 8-bit code values."""
    encoded = linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
    return encoded * 255


def run(*command: str) -> bytes:
    return subprocess.run(command, check=True, capture_output=True).stdout


@dataclass(frozen=True)
class Snapshot:
    """Every file under a folder with its bytes and modification time."""

    files: dict[Path, tuple[bytes, int]]

    @classmethod
    def of(cls, folder: Path) -> Snapshot:
        return cls(
            {
                path: (path.read_bytes(), path.stat().st_mtime_ns)
                for path in sorted(folder.rglob("*"))
                if path.is_file()
            }
        )


def frame_greys(path: Path) -> list[float]:
    """The mean 8-bit grey of each decoded frame of a movie or image."""
    size = run(
        *("ffprobe", "-v", "error", "-select_streams", "v:0"),
        *("-show_entries", "stream=width,height", "-of", "csv=p=0", str(path)),
    )
    width, height = (int(value) for value in size.decode().split(","))
    decode = ("ffmpeg", "-v", "error", "-i", str(path), "-f", "rawvideo", "-pix_fmt", "gray", "-")
    pixels = run(*decode)
    area = width * height
    return [sum(pixels[start : start + area]) / area for start in range(0, len(pixels), area)]


def rgb_means(image: Path) -> tuple[float, ...]:
    """Mean 8-bit R, G, B of an image, from ``oiiotool --stats``."""
    stats = run("oiiotool", "--stats", str(image)).decode()
    line = next(line for line in stats.splitlines() if "Stats Avg:" in line)
    return tuple(float(value) for value in line.split(":")[1].split()[:3])
