"""Review media speed: a review movie of 100 frames of 1920x1080 EXR by ftpub (OpenImageIO,
OpenColorIO and PyAV in this process), side by side with the command pipelines it replaces,
and a thumbnail of a 2K EXR.

Contenders, each making an H.264 MP4 (libx264, crf 18, preset medium, yuv420p, +faststart)
from the same frames:

* ``oiiotool+ffmpeg``   ``oiiotool`` converts the frames (linear to sRGB) to 8-bit TIFFs in one
                        run, then ``ffmpeg`` encodes them: what a studio script does
* ``ffmpeg -apply_trc`` ``ffmpeg`` alone, reading the EXRs (what ftpub ran before)
* ``ftpub plain``       ``make_review`` with a plain linear -> sRGB display conversion, burn-ins on
* ``ftpub ACES view``   ``make_review`` with OCIO's default display/view (ACES 2.0), burn-ins on

The command pipelines run only where their programs are on PATH; they draw no burn-ins. Each
round runs every contender once, in rotating order; prints the median seconds and the ratio of
the baseline's median to each ftpub median (goal: at least 1.0). Then the time to make a
640-pixel JPEG thumbnail of one 2048x1080 EXR (goal: under 0.3 s), cold (first in this process,
the colour transform baked) and warm. Figures only, no asserts.

    python bench/review_media.py [--frames 100] [--rounds 3] [--folder DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import OpenImageIO as oiio

from ftpub.core.media import ReviewSettings
from ftpub.core.media.burnin import BurninValues
from ftpub.core.media.review import make_review
from ftpub.core.media.thumbnail import make_thumbnail

LINEAR = "Linear Rec.709 (sRGB)"
PLAIN = ReviewSettings(review_display="sRGB - Display", review_view="Un-tone-mapped")
ACES = ReviewSettings()
BURNINS = BurninValues("sh010", "beauty", 3, "lighting", "anna", "2026-12-01", "demo")
ENCODE = ["-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p"]
ENCODE += ["-movflags", "+faststart"]


def write_frames(folder: Path, frames: int, size: tuple[int, int]) -> Path:
    """Scene-linear EXR frames: a ramp, grain and a square moving across (not trivial to encode)."""
    folder.mkdir(parents=True)
    width, height = size
    for index in range(frames):
        image = oiio.ImageBuf(oiio.ImageSpec(width, height, 3, "half"))
        oiio.ImageBufAlgo.fill(image, (0.01, 0.02, 0.04), (2, 1.5, 1), (0.0, 0.0, 0.0), (1, 1, 1.2))
        oiio.ImageBufAlgo.noise(image, "gaussian", 0.0, 0.02, seed=index)
        left = (index * 17) % (width - 200)
        oiio.ImageBufAlgo.fill(image, (4, 1, 0.2), roi=oiio.ROI(left, left + 200, 400, 600))
        image.write(str(folder / f"plate.{1001 + index:04d}.exr"))
    return folder / "plate.%04d.exr"


def oiiotool_ffmpeg(pattern: Path, frames: int, output: Path) -> None:
    work = output.parent / f"{output.stem}-tiff"
    work.mkdir()
    hashes = str(pattern).replace("%04d", "#")
    subprocess.run(
        [
            *("oiiotool", "--frames", f"1001-{1000 + frames}", hashes),
            *("--colorconvert", "linear", "sRGB", "-d", "uint8", "-o", str(work / "f.#.tif")),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-framerate", "24", "-start_number", "1001"),
            *("-i", str(work / "f.%04d.tif"), *ENCODE, str(output)),
        ],
        check=True,
    )
    shutil.rmtree(work)


def ffmpeg_apply_trc(pattern: Path, frames: int, output: Path) -> None:
    subprocess.run(
        [
            *("ffmpeg", "-nostdin", "-v", "error", "-framerate", "24"),
            *("-apply_trc", "iec61966_2_1", "-start_number", "1001", "-i", str(pattern)),
            *("-frames:v", str(frames), *ENCODE, "-color_trc", "iec61966-2-1", str(output)),
        ],
        check=True,
    )


def ftpub(settings: ReviewSettings) -> Callable[[Path, int, Path], None]:
    def run(pattern: Path, frames: int, output: Path) -> None:
        make_review(
            pattern, output, 24, settings=settings, colorspace=LINEAR, burnins=BURNINS, environ={}
        )

    return run


def thumbnail_times(folder: Path) -> list[float]:
    plate = folder / "plate2k.exr"
    image = oiio.ImageBuf(oiio.ImageSpec(2048, 1080, 3, "half"))
    oiio.ImageBufAlgo.fill(image, (0.01, 0.02, 0.04), (2, 1.5, 1), (0.0, 0.0, 0.0), (1, 1, 1.2))
    image.write(str(plate))
    times = []
    for attempt in range(5):
        start = time.perf_counter()
        make_thumbnail(plate, folder / f"thumb{attempt}.jpg", settings=ACES, environ={})
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ftpub-bench-", dir=args.folder) as folder:
        root = Path(folder)
        thumbs = thumbnail_times(root)
        pattern = write_frames(root / "plates", args.frames, (1920, 1080))
        contenders: dict[str, Callable[[Path, int, Path], None]] = {}
        if shutil.which("oiiotool") and shutil.which("ffmpeg"):
            contenders["oiiotool+ffmpeg"] = oiiotool_ffmpeg
        if shutil.which("ffmpeg"):
            contenders["ffmpeg -apply_trc"] = ffmpeg_apply_trc
        contenders["ftpub plain"] = ftpub(PLAIN)
        contenders["ftpub ACES view"] = ftpub(ACES)
        times: dict[str, list[float]] = {name: [] for name in contenders}
        names = list(contenders)
        for round_ in range(args.rounds):
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                output = root / f"{name.replace(' ', '_')}-{round_}.mp4"
                start = time.perf_counter()
                contenders[name](pattern, args.frames, output)
                times[name].append(time.perf_counter() - start)
                output.unlink()
        baseline = next(iter(times)) if "ftpub" not in next(iter(times)) else None
        print(f"review of {args.frames} frames of 1920x1080 EXR, {args.rounds} rounds")
        for name, values in times.items():
            median = statistics.median(values)
            line = f"  {name:18} median {median:6.2f} s  best {min(values):6.2f} s"
            if baseline and name.startswith("ftpub"):
                line += f"  {statistics.median(times[baseline]) / median:4.2f}x {baseline}"
            print(line)
        if baseline is None:
            print("  (no oiiotool or ffmpeg on PATH: no baseline)")
        print(
            f"thumbnail of a 2048x1080 EXR (ACES view): cold {thumbs[0]:.3f} s, "
            f"warm median {statistics.median(thumbs[1:]):.3f} s"
        )


if __name__ == "__main__":
    main()
