"""``Render -r file -rl LAYERS -s START -e END -proj PROJECT SCENE`` standing in for Maya's
command-line renderer on a farm worker: each layer's frames are written where a scene whose
image prefix is ``<RenderLayer>/<RenderLayer>`` puts them (``PROJECT/images/LAYER/LAYER.####.exr``).
Each call's arguments are appended, one JSON list a line, to the file named by
``FAKE_MAYA_CALLS`` (when set)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

FLAGS = ("-r", "-rl", "-s", "-e", "-proj")


def main(argv: list[str]) -> int:
    log = os.environ.get("FAKE_MAYA_CALLS")
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(argv) + "\n")
    *pairs, scene = argv
    flags = dict(zip(pairs[::2], pairs[1::2], strict=True))
    if tuple(flags) != FLAGS or flags["-r"] != "file" or not Path(scene).is_file():
        print(f"fake Render: unexpected arguments {argv}", file=sys.stderr)
        return 2
    images = Path(flags["-proj"]) / "images"
    for layer in flags["-rl"].split(","):
        for frame in range(int(flags["-s"]), int(flags["-e"]) + 1):
            path = images / layer / f"{layer}.{frame:04d}.exr"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f"{layer} frame {frame}\n".encode())
        print(f"fake Render: {layer} {flags['-s']}-{flags['-e']}")
    return 0
