"""The ``ftr_meta`` JSON that ftrack's web player reads from a reviewable component."""

from __future__ import annotations

from fractions import Fraction

from ftpub.core.media.info import MediaInfo


def ftr_meta(
    info: MediaInfo, frame_in: int, frame_out: int | None = None
) -> dict[str, int | float]:
    """Metadata of an ``ftrackreview-mp4`` component: the movie's first frame is ``frame_in``
    (e.g. 1001), its last ``frame_out`` (inclusive, derived from the movie's length when not
    given). Raises ``ValueError`` if ``info`` is not a movie or the range disagrees with it."""
    if info.frame_rate is None or info.frame_count is None:
        raise ValueError(f"{info.path} is not a movie; use image_meta for a still")
    last = frame_in + info.frame_count - 1
    if frame_out is not None and frame_out != last:
        raise ValueError(
            f"{info.path} has {info.frame_count} frames, so frames {frame_in}-{frame_out} "
            f"cannot label it; from {frame_in} it ends at {last}"
        )
    return {
        "frameIn": frame_in,
        "frameOut": last,
        "frameRate": _number(info.frame_rate),
        "height": info.height,
        "width": info.width,
    }


def image_meta(info: MediaInfo) -> dict[str, int | str]:
    """Metadata of an ``ftrackreview-image`` component."""
    return {"format": "image", "height": info.height, "width": info.width}


def _number(rate: Fraction) -> int | float:
    return int(rate) if rate.denominator == 1 else float(rate)
