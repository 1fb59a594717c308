"""``nuke -X WRITE -F START-END SCRIPT`` over the fake: open the script, execute the Write over
the frames. Each call's arguments are appended, one JSON list a line, to the file named by
``FAKE_NUKE_CALLS`` (when set), so a test sees exactly what a farm worker ran."""

from __future__ import annotations

import json
import os
import sys

import nuke


def main(argv: list[str]) -> int:
    log = os.environ.get("FAKE_NUKE_CALLS")
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(argv) + "\n")
    if len(argv) != 5 or argv[0] != "-X" or argv[2] != "-F":
        print(f"fake nuke: expected -X WRITE -F START-END SCRIPT, got {argv}", file=sys.stderr)
        return 2
    write, frames, script = argv[1], argv[3], argv[4]
    start, end = (int(frame) for frame in frames.split("-"))
    nuke.scriptOpen(script)
    nuke.execute(write, start, end, 1)
    print(f"fake nuke: rendered {write} {start}-{end}")
    return 0
