"""``hrender -e -f START END -d ROP HIP`` standing in for Houdini's render script on a farm
worker. The fake cannot read a hip file, so it writes each frame (a small real image) where a
ROP whose output is ``$HIP/render/$OS.$F4.exr`` writes it. Each call's arguments are appended,
one JSON list a line, to the file named by ``FAKE_HRENDER_CALLS`` (when set)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hou._session import write_placeholder


def main(argv: list[str]) -> int:
    log = os.environ.get("FAKE_HRENDER_CALLS")
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(argv) + "\n")
    if len(argv) != 7 or argv[:2] != ["-e", "-f"] or argv[4] != "-d":
        print(f"fake hrender: expected -e -f START END -d ROP HIP, got {argv}", file=sys.stderr)
        return 2
    start, end, rop, hip = int(argv[2]), int(argv[3]), argv[5], Path(argv[6])
    if not hip.is_file():
        print(f"fake hrender: no hip file {hip}", file=sys.stderr)
        return 1
    name = rop.rstrip("/").rsplit("/", 1)[-1]
    for frame in range(start, end + 1):
        write_placeholder(hip.parent / "render" / f"{name}.{frame:04d}.exr", rop)
    print(f"fake hrender: {rop} {start}-{end}")
    return 0
