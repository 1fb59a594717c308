"""Reading the size, frame rate and length of a still or a movie."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ftpub.core.media.errors import MediaError
from ftpub.core.media.source import MediaSource, SourceKind
from ftpub.core.media.tools import MediaTools

_FFPROBE_ENTRIES = (
    "stream=codec_name,pix_fmt,width,height,avg_frame_rate,r_frame_rate,nb_read_packets"
)


@dataclass(frozen=True)
class MediaInfo:
    """What a file holds. ``frame_rate`` and ``frame_count`` are ``None`` for a still;
    ``codec`` and ``pixel_format`` are ffprobe's names, ``None`` when oiiotool probed."""

    path: Path
    width: int
    height: int
    frame_rate: Fraction | None = None
    frame_count: int | None = None
    codec: str | None = None
    pixel_format: str | None = None


def probe(path: Path, tools: MediaTools | None = None) -> MediaInfo:
    """Probe one file (not a ``%04d`` pattern) with ffprobe, or oiiotool when it is missing."""
    tools = tools or MediaTools()
    source = MediaSource(path)
    if source.kind is SourceKind.SEQUENCE:
        raise ValueError(f"probe one file of the sequence, not the pattern {path}")
    source.check_on_disk()
    purpose = f"Reading the size of {path}"
    if tools.pick(purpose, ("ffprobe",), ("oiiotool",)) == ("ffprobe",):
        return _ffprobe(source, tools, purpose)
    return _oiiotool_info(source, tools, purpose)


def _ffprobe(source: MediaSource, tools: MediaTools, purpose: str) -> MediaInfo:
    args = ["-v", "error", "-select_streams", "v:0", "-count_packets"]
    args += ["-show_entries", _FFPROBE_ENTRIES, "-of", "json", str(source.path)]
    streams = json.loads(tools.run("ffprobe", args, purpose)).get("streams", [])
    if not streams:
        raise MediaError(f"{source.path} has no picture (ffprobe found no video stream)")
    stream = streams[0]
    is_movie = source.kind is SourceKind.MOVIE
    return MediaInfo(
        path=source.path,
        width=int(stream["width"]),
        height=int(stream["height"]),
        frame_rate=_movie_rate(stream) if is_movie else None,
        frame_count=int(stream["nb_read_packets"]) if is_movie else None,
        codec=stream.get("codec_name"),
        pixel_format=stream.get("pix_fmt"),
    )


def _movie_rate(stream: dict[str, str]) -> Fraction | None:
    for key in ("avg_frame_rate", "r_frame_rate"):
        numerator, _, denominator = stream.get(key, "0/0").partition("/")
        if int(denominator or 1) and int(numerator):
            return Fraction(int(numerator), int(denominator or 1))
    return None


def _oiiotool_info(source: MediaSource, tools: MediaTools, purpose: str) -> MediaInfo:
    fields = "{TOP.width} {TOP.height}"
    if source.kind is SourceKind.MOVIE:
        fields += " {TOP.'oiio:subimages'} {TOP.FramesPerSecond}"
    args = ["--evaloff", str(source.path), "--evalon", "--echo", fields]
    values = tools.run("oiiotool", args, purpose).split()
    if source.kind is not SourceKind.MOVIE:
        return MediaInfo(source.path, int(values[0]), int(values[1]))
    return MediaInfo(
        path=source.path,
        width=int(values[0]),
        height=int(values[1]),
        frame_rate=Fraction(values[3]),
        frame_count=int(values[2]),
    )
