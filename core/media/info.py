"""What a still or a movie holds, and exact frame rates."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path


@dataclass(frozen=True)
class MediaInfo:
    """``frame_rate`` and ``frame_count`` are ``None`` for a still. ``codec`` is the movie's
    codec (``h264``) or the image's file format (``openexr``, ``jpeg``); ``pixel_format`` is a
    movie's (``yuv420p``), ``None`` for a still."""

    path: Path
    width: int
    height: int
    frame_rate: Fraction | None = None
    frame_count: int | None = None
    codec: str | None = None
    pixel_format: str | None = None


def frame_rate(fps: float | Fraction) -> Fraction:
    """``fps`` as an exact rate; 23.976, 29.97, 59.94… become 24000/1001, 30000/1001…"""
    if fps <= 0:
        raise ValueError(f"frame rate must be positive, got {fps}")
    if isinstance(fps, Fraction):
        return fps
    ntsc = Fraction(round(fps * 1.001) * 1000, 1001)
    if fps != round(fps) and abs(fps - ntsc) < 0.001:
        return ntsc
    return Fraction(fps).limit_denominator(1001)
