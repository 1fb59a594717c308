"""Fixtures of the farm tests: a renders folder, a farm manifest of expected frames, a render
script standing in for the DCC, and the environment a farm worker would have (the sandbox's
FTRACK_* credentials, a publish root, ``ftpub`` on PATH)."""

from __future__ import annotations

import json
import os
import shlex
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FTPUB = (sys.executable, "-m", "ftpub.core.cli")
FRAMES = range(1001, 1011)
RENDER_SCRIPT = """
import sys
from pathlib import Path

start, end, folder = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
skip = {int(frame) for frame in sys.argv[4].split(",") if frame} if len(sys.argv) > 4 else set()
fail = {int(frame) for frame in sys.argv[5].split(",") if frame} if len(sys.argv) > 5 else set()
folder.mkdir(parents=True, exist_ok=True)
for frame in range(start, end + 1):
    if frame in fail:
        print(f"render crashed on frame {frame}", file=sys.stderr)
        sys.exit(1)
    if frame not in skip:
        (folder / f"sh010_light.{frame:04d}.exr").write_bytes(b"exr %d" % frame)
    print(f"rendered frame {frame}")
"""


@dataclass
class Shot:
    """One farm render of the demo project's sh010 lighting task."""

    root: Path
    task_id: str
    env: dict[str, str]

    @property
    def renders(self) -> Path:
        return self.root / "renders"

    @property
    def script(self) -> Path:
        return self.root / "render.py"

    def render_args(self, skip: str = "", fail: str = "") -> tuple[str, ...]:
        """The render script's command: frames {start} to {end}, but not ``skip``, and
        failing on ``fail`` (comma-separated frames)."""
        return (sys.executable, str(self.script), "{start}", "{end}", str(self.renders), skip, fail)

    def render_command(self, skip: str = "", fail: str = "") -> str:
        return shlex.join(self.render_args(skip, fail))

    def manifest(self, name: str = "manifest.json", **extra: Any) -> Path:
        """A manifest of the frames the render will write (relative paths, no manifest_id)."""
        table = {
            "ftpub_manifest": 1,
            "task_id": self.task_id,
            "comment": "lighting from the farm",
            "instances": [
                {
                    "name": "light",
                    "family": "render",
                    "asset": f"sh010_light_{self.root.name[-12:]}",
                    "asset_type": "img",
                    "frame_start": FRAMES[0],
                    "frame_end": FRAMES[-1],
                    "representations": [
                        {
                            "name": "exr",
                            "path": "renders/sh010_light.####.exr",
                            "frames": f"{FRAMES[0]}-{FRAMES[-1]}",
                        }
                    ],
                }
            ],
            **extra,
        }
        path = self.root / name
        path.write_text(json.dumps(table), encoding="utf-8")
        return path


def worker_env(sandbox: Any, publish_root: Path, extra: dict[str, str] | None = None) -> dict:
    """A farm worker's environment: ftrack credentials, a publish root and ftpub on PATH."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
    base.pop("PYBLISHPLUGINPATH", None)
    path = os.pathsep.join([str(Path(sys.executable).parent), base.get("PATH", "")])
    return {
        **base,
        **sandbox.env(),
        "FTPUB_PUBLISH_ROOT": str(publish_root),
        "PATH": path,
        **(extra or {}),
    }


@pytest.fixture
def shot(sandbox: Any, tmp_path: Path) -> Iterator[Shot]:
    session = sandbox.session()
    try:
        task_id = session.query(
            'select id from Task where name is "lighting" and parent.name is "sh010" '
            'and project.name is "demo"'
        ).one()["id"]
    finally:
        session.close()
    root = tmp_path / f"shot{uuid.uuid4().hex[:12]}"
    root.mkdir()
    (root / "render.py").write_text(textwrap.dedent(RENDER_SCRIPT), encoding="utf-8")
    yield Shot(root, task_id, worker_env(sandbox, tmp_path / "publish"))


@pytest.fixture
def versions_of(sandbox: Any) -> Callable[[str], list[Any]]:
    """The versions that record ``manifest_id``: (asset, version, published)."""

    def query(manifest_id: str) -> list[Any]:
        session = sandbox.session()
        try:
            found = session.query(
                "select version, asset.name, is_published from AssetVersion where "
                f'metadata any (key is "ftpub_manifest_id" and value is "{manifest_id}")'
            ).all()
            return [(v["asset"]["name"], v["version"], v["is_published"]) for v in found]
        finally:
            session.close()

    return query


@pytest.fixture
def notes_on(sandbox: Any) -> Callable[[str], list[str]]:
    """The contents of the notes on a task."""

    def query(task_id: str) -> list[str]:
        session = sandbox.session()
        try:
            return [n["content"] for n in session.query(f'Note where parent_id is "{task_id}"')]
        finally:
            session.close()

    return query
