"""An H.264 MP4 that ftrack's web player plays, from an image sequence or a movie.

The movie is yuv420p with even dimensions (an odd width or height gets one black row or column),
bt709, ``+faststart``. A sequence is linked frame by frame into a temporary folder as frames
0, 1, 2…, so its first frame number (1001, or negative) needs no ``-start_number``, and a gap in
its frames (a render on twos, a skipped frame) holds the frame before it: the movie always has one
frame per frame number from the first to the last, so ``ftr_meta`` frame numbers stay true.
Frames the sequence lists but which are not on disk are an error, never held. EXR frames are
converted from linear to sRGB with ffmpeg's ``-apply_trc iec61966_2_1``.
"""

from __future__ import annotations

import logging
from fractions import Fraction
from pathlib import Path

from ftpub.core.media.source import MediaSource, SourceKind, media_source
from ftpub.core.media.tools import MediaTools
from ftpub.core.media.workspace import claimed_output
from ftpub.core.publish_data import Representation, frame_ranges

log = logging.getLogger(__name__)

_VIDEO_FILTER = "pad=ceil(iw/2)*2:ceil(ih/2)*2,scale=out_color_matrix=bt709:out_range=tv"
_ENCODE = [
    *("-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p"),
    *("-colorspace", "bt709", "-color_primaries", "bt709"),
    *("-c:a", "aac", "-movflags", "+faststart"),
]


def make_review(
    source: Representation | MediaSource | Path,
    output: Path,
    fps: float | Fraction | None = None,
    *,
    tools: MediaTools | None = None,
) -> Path:
    """Write the review movie of ``source`` to ``output`` (``.mp4``, must not exist).

    ``fps`` is required for a sequence; for a movie it resamples to that rate (dropping or
    repeating frames), and ``None`` keeps the movie's own rate. Raises
    :class:`MediaToolMissing` without ffmpeg and :class:`MediaError` when a source file is
    missing or ffmpeg fails.
    """
    tools = tools or MediaTools()
    media = media_source(source)
    if media.kind is SourceKind.STILL:
        raise ValueError(f"{media.path} is a still; review it as an ftrackreview-image")
    if media.kind is SourceKind.SEQUENCE and fps is None:
        raise ValueError(f"a review movie of the sequence {media.path} needs a frame rate")
    rate = None if fps is None else frame_rate(fps)
    purpose = f"Making a review movie of {media.path}"
    tools.pick(purpose, ("ffmpeg",))
    with claimed_output(output, (".mp4",)) as work:
        if media.kind is SourceKind.SEQUENCE:
            pattern = work.link_frames(media.held_frames(), media.extension)
            linear = ["-apply_trc", "iec61966_2_1"] if media.is_scene_linear else []
            inputs = ["-framerate", str(rate), *linear, "-i", pattern]
            outputs = ["-color_trc", "iec61966-2-1"]
        else:
            inputs = ["-i", str(work.link(media.path, f"source.{media.extension}"))]
            outputs = [] if rate is None else ["-r", str(rate)]
        args = ["-nostdin", "-v", "error", *inputs, *outputs]
        args += ["-map", "0:v:0", "-map", "0:a:0?", "-vf", _VIDEO_FILTER, *_ENCODE]
        tools.run("ffmpeg", [*args, str(work.result)], purpose)
    if media.kind is SourceKind.SEQUENCE:
        _log_held(media)
    return output


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


def _log_held(media: MediaSource) -> None:
    gaps = set(range(media.frames[0], media.frames[-1] + 1)) - set(media.frames)
    if gaps:
        log.info("Review movie of %s holds frames over the gaps %s", media.path, frame_ranges(gaps))
