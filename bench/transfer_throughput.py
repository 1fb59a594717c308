"""Transfer throughput: a 1,000-frame sequence published by ``cp -r`` and by ftpub, side by side.

Contenders, each publishing the whole sequence into a fresh folder on the same disk:

* ``cp -r``            coreutils, one process (a kernel-side copy where the filesystem has one)
* ``ftpub copy``       ``transfer_files`` in copy mode with its default checksum (xxh3_128),
                       journal and folder claim included, 4 workers
* ``ftpub copy sha256``  the same with a cryptographic checksum
* ``ftpub reflink``    reflink mode (falls back to a checksummed copy where it cannot clone)
* ``ftpub hardlink``   hardlink mode

The page cache cannot be dropped here, so the source is read once before measuring and every
contender reads it from memory; each run's destination is removed and ``sync`` flushed before
the next, whose order rotates per round. Prints median and best MB/s and the ratio of the
medians to ``cp -r`` (goal for ``ftpub copy``: at least 0.9). Figures only, no asserts.

    python bench/transfer_throughput.py [--frames 1000] [--frame-mb 1.5] [--rounds 3] [--folder DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ftpub.core.files.folders import claim_folder
from ftpub.core.files.transfer import FileTransfer, Mode, transfer_files
from ftpub.core.journal import Journal


def make_sequence(folder: Path, frames: int, frame_bytes: int) -> list[Path]:
    folder.mkdir(parents=True)
    block = os.urandom(frame_bytes)
    paths = []
    for frame in range(1001, 1001 + frames):
        path = folder / f"plate.{frame:04d}.exr"
        path.write_bytes(frame.to_bytes(4, "little") + block[4:])
        paths.append(path)
    return paths


def warm(paths: list[Path]) -> None:
    for path in paths:
        path.read_bytes()


def cp_r(source: Path, destination: Path) -> None:
    subprocess.run(["cp", "-r", str(source), str(destination)], check=True)


def ftpub(mode: Mode, algorithm: str, sources: list[Path]) -> Callable[[Path, Path], None]:
    def publish(_: Path, destination: Path) -> None:
        journal = Journal.create(destination.parent / "journals")
        claim_folder(destination, journal)
        transfers = [FileTransfer(path, destination / path.name) for path in sources]
        transfer_files(transfers, mode, journal, algorithm=algorithm)
        journal.close()

    return publish


def timed(run: Callable[[Path, Path], None], source: Path, work: Path) -> float:
    destination = work / "out"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    run(source, destination)
    elapsed = time.perf_counter() - start
    shutil.rmtree(work)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=1000)
    parser.add_argument("--frame-mb", type=float, default=1.5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=None, help="where to write (a temp dir)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ftpub-bench-", dir=args.folder) as temporary:
        root = Path(temporary)
        sources = make_sequence(root / "plate", args.frames, int(args.frame_mb * 1e6))
        total_mb = sum(path.stat().st_size for path in sources) / 1e6
        warm(sources)
        contenders: dict[str, Callable[[Path, Path], None]] = {
            "cp -r": cp_r,
            "ftpub copy (xxh3_128)": ftpub("copy", "xxh3_128", sources),
            "ftpub copy (sha256)": ftpub("copy", "sha256", sources),
            "ftpub reflink": ftpub("reflink", "xxh3_128", sources),
            "ftpub hardlink": ftpub("hardlink", "xxh3_128", sources),
        }

        times: dict[str, list[float]] = {name: [] for name in contenders}
        names = list(contenders)
        for round_index in range(args.rounds):
            shift = round_index % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(timed(contenders[name], root / "plate", root / "work"))

    print(
        f"{args.frames} frames, {total_mb:.0f} MB, {args.rounds} rounds, {os.cpu_count()} CPUs; "
        "source warm in the page cache (cannot drop caches), sync between runs"
    )
    reference = statistics.median(times["cp -r"])
    print(f"{'':24} {'median MB/s':>12} {'best MB/s':>10} {'vs cp -r':>9}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(
            f"{name:24} {total_mb / median:12.0f} {total_mb / min(runs):10.0f} "
            f"{reference / median:8.2f}x"
        )


if __name__ == "__main__":
    main()
