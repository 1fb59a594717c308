"""Measuring media in tests: expected grey values, pixel means, and snapshots of source files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import OpenImageIO as oiio


def linear_value(frame: int) -> float:
    """The constant linear grey of frame ``frame`` of the EXR sequences: 0.01 per frame."""
    return round((frame - 1000) * 0.01, 4)


def srgb_8bit(linear: float) -> float:
    """The sRGB curve, as 8-bit code values."""
    encoded = linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055
    return encoded * 255


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
    """The mean 8-bit grey (luma) of each decoded frame of a movie."""
    with av.open(str(path)) as container:
        return [
            float(frame.to_ndarray(format="gray").mean()) for frame in container.decode(video=0)
        ]


def frame_pixels(path: Path) -> list[np.ndarray]:
    """Each decoded frame of a movie as 8-bit grey (height x width)."""
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="gray") for frame in container.decode(video=0)]


def rgb_means(image: Path) -> tuple[float, ...]:
    """Mean 8-bit R, G, B of an image."""
    stats = oiio.ImageBufAlgo.computePixelStats(oiio.ImageBuf(str(image)))
    return tuple(value * 255 for value in stats.avg[:3])


def region_means(image: Path, x: int, y: int, width: int, height: int) -> tuple[float, ...]:
    """Mean 8-bit R, G, B of a rectangle of an image."""
    roi = oiio.ROI(x, x + width, y, y + height)
    stats = oiio.ImageBufAlgo.computePixelStats(oiio.ImageBuf(str(image)), roi=roi)
    return tuple(value * 255 for value in stats.avg[:3])
