"""Run ``ftpub`` in a subprocess as an artist would, and read what the terminal shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def last_line(self) -> str:
        return self.stderr.rstrip("\n").splitlines()[-1]

    def report(self) -> dict[str, Any]:
        """The report the run named on stderr."""
        marker = "ftpub: the full report: "
        line = next(line for line in self.stderr.splitlines() if line.startswith(marker))
        return json.loads(Path(line[len(marker) :]).read_text(encoding="utf-8"))


def ftpub(
    args: list[str], env: dict[str, str], cwd: Path, *, module: str = "ftpub.core.cli"
) -> Run:
    """``python -m ftpub.core.cli ARGS`` with only ``env``'s ftrack and ftpub variables."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
    base.pop("PYBLISHPLUGINPATH", None)
    base["XDG_STATE_HOME"] = str(cwd / "state")
    base["XDG_DATA_HOME"] = str(cwd / "data")
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        env={**base, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def task_id(session: Any, parent: str = "sh010", task: str = "compositing") -> str:
    return session.query(
        f'select id from Task where name is "{task}" and parent.name is "{parent}" '
        'and project.name is "demo"'
    ).one()["id"]


def write_manifest(folder: Path, task: str, instances: list[dict[str, Any]]) -> Path:
    path = folder / "manifest.json"
    table = {"ftpub_manifest": 1, "task_id": task, "comment": "test", "instances": instances}
    path.write_text(json.dumps(table), encoding="utf-8")
    return path


def cache_instance(folder: Path, name: str = "hero", **extra: Any) -> dict[str, Any]:
    """An instance publishing one small file, written into ``folder``."""
    (folder / f"{name}.abc").write_bytes(b"cache " + name.encode())
    return {
        "name": name,
        "family": "pointcache",
        "asset": name,
        "asset_type": "geo",
        "representations": [{"name": "abc", "path": f"{name}.abc"}],
        **extra,
    }
