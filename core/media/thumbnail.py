"""A JPEG thumbnail of a still, a movie (its middle frame) or an image sequence (its middle frame).

oiiotool makes thumbnails of stills and sequences, ffmpeg (with ffprobe) of movies; each falls
back to the other tool when its own is missing. EXR is scene-linear: it is converted to sRGB
(OpenImageIO's ``--colorconvert linear sRGB``, ffmpeg's ``-apply_trc iec61966_2_1``: the same
sRGB curve), so a thumbnail of a render is not dark. No OCIO view transform is applied.
"""

from __future__ import annotations

from pathlib import Path

from ftpub.core.media.probe import MediaInfo, probe
from ftpub.core.media.source import MediaSource, SourceKind, media_source
from ftpub.core.media.tools import MediaTools
from ftpub.core.media.workspace import claimed_output
from ftpub.core.publish_data import Representation

DEFAULT_WIDTH = 640
JPEG_SUFFIXES = (".jpg", ".jpeg")


def make_thumbnail(
    source: Representation | MediaSource | Path,
    output: Path,
    *,
    width: int = DEFAULT_WIDTH,
    tools: MediaTools | None = None,
) -> Path:
    """Write a JPEG ``width`` pixels wide (aspect kept) to ``output``, which must not exist.

    Raises :class:`MediaToolMissing` when neither usable tool is there and
    :class:`MediaError` when the source is missing or a tool fails.
    """
    if width < 1:
        raise ValueError(f"thumbnail width must be positive, got {width}")
    tools = tools or MediaTools()
    media = media_source(source)
    purpose = f"Making a thumbnail of {media.path}"
    if media.kind is SourceKind.MOVIE:
        tool = tools.pick(purpose, ("ffmpeg", "ffprobe"), ("oiiotool",))[0]
    else:
        tool = tools.pick(purpose, ("oiiotool",), ("ffmpeg",))[0]
    with claimed_output(output, JPEG_SUFFIXES) as work:
        picture = work.link(media.middle_file(), f"source.{media.extension}")
        movie = probe(picture, tools) if media.kind is SourceKind.MOVIE else None
        linear = media.is_scene_linear
        if tool == "oiiotool":
            args = _oiiotool_args(picture, movie, linear, width, work.result)
        else:
            args = _ffmpeg_args(picture, movie, linear, width, work.result)
        tools.run(tool, args, purpose)
    return output


def _middle_frame(movie: MediaInfo) -> int:
    return (movie.frame_count or 0) // 2


def _oiiotool_args(
    picture: Path, movie: MediaInfo | None, linear: bool, width: int, result: Path
) -> list[str]:
    args = ["--evaloff", str(picture)]
    if movie is not None:
        args += ["--subimage", str(_middle_frame(movie))]
    args += ["--croptofull", "--resize", f"{width}x0"]
    if linear:
        args += ["--colorconvert", "linear", "sRGB"]
    return [*args, "-d", "uint8", "-o", str(result)]


def _ffmpeg_args(
    picture: Path, movie: MediaInfo | None, linear: bool, width: int, result: Path
) -> list[str]:
    args = ["-nostdin", "-v", "error"]
    if movie is not None:
        # ffmpeg starts at the first frame at or after -ss: aim half a frame early.
        seconds = max(0.0, (_middle_frame(movie) - 0.5) / (movie.frame_rate or 1))
        args += ["-ss", f"{seconds:.6f}"]
    if linear:
        args += ["-apply_trc", "iec61966_2_1"]
    args += ["-i", str(picture), "-frames:v", "1", "-vf", f"scale={width}:-1", "-q:v", "2"]
    return [*args, str(result)]
