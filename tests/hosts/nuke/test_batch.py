"""The batch publish as Nuke runs it: ``nuke -t BATCH SCRIPT.nk``, where BATCH is what
``ftpub startup nuke --batch`` names; Nuke's ``init.py`` runs first. Exit codes and the last
stderr line are ``ftpub publish``'s."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.hosts.farm_jobs import jobs_in
from tests.hosts.nuke.conftest import FAKES
from tests.hosts.nuke.helpers import marked_write

# ``nuke -t BATCH ARGS…`` over the fake: init.py from NUKE_PATH, then the batch script with
# ``sys.argv`` as Nuke sets it.
NUKE_T = """
import os, runpy, sys
fakes, nuke_path, batch, *args = sys.argv[1:]
sys.path.insert(0, fakes)
from nuke import _script
_script.SCRIPT.gui = False
_script.SCRIPT.raw_args = ["nuke", "-t", batch, *args]
sys.path.insert(0, nuke_path)
runpy.run_path(os.path.join(nuke_path, "init.py"))
sys.path.insert(0, os.path.dirname(batch))
sys.argv = [batch, *args]
runpy.run_path(batch, run_name="__main__")
"""


def _ftpub_startup(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", "startup", "nuke", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _nuke_t(*args: str) -> subprocess.CompletedProcess[str]:
    batch = _ftpub_startup("--batch").strip()
    environment = dict(line.split("=", 1) for line in _ftpub_startup().splitlines())
    return subprocess.run(
        [sys.executable, "-c", NUKE_T, str(FAKES), environment["NUKE_PATH"], batch, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **environment},
    )


def test_a_script_is_published_headless(shot_script: Any, publishing: Path) -> None:
    marked_write(shot_script, mode="local")
    done = _nuke_t(shot_script.root.name(), "--comment", "from the farm queue")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "ftpub: published: 2 instances"
    assert len(list(publishing.rglob("*.exr"))) == 5
    assert len(list(publishing.rglob("*.nk"))) == 1


def test_an_invalid_script_exits_3_with_the_problem_last(
    shot_script: Any, publishing: Path
) -> None:
    write = marked_write(shot_script, mode="local")
    write["colorspace"]._value = "default (linear)"
    shot_script.save(shot_script.root.name())
    done = _nuke_t(shot_script.root.name())
    assert done.returncode == 3
    last = done.stderr.splitlines()[-1]
    assert last.startswith("ftpub: Colourspace not set: Write1 writes in 'default (linear)'")
    assert "Traceback" not in last
    assert not publishing.exists() or not any(p.is_file() for p in publishing.rglob("*"))


def test_a_script_without_a_task_or_a_file_is_a_usage_error(
    script: Any, publishing: Path, tmp_path: Path
) -> None:
    path = tmp_path / "untasked.nk"
    script.save(str(path))
    done = _nuke_t(str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "ftpub: The publish could not start: the scene has no ftrack task: pick one with "
        "ftpub > Set task…, or launch the application from a task in ftrack (FTRACK_TASKID or "
        "FTRACK_CONTEXTID)"
    )
    done = _nuke_t(str(tmp_path / "missing.nk"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"ftpub: no Nuke script at {tmp_path}/missing.nk"


def test_a_farm_write_goes_to_the_farm_and_the_batch_says_where(
    shot_script: Any, publishing: Path
) -> None:
    marked_write(shot_script, mode="farm")
    done = _nuke_t(shot_script.root.name())
    assert done.returncode == 0, done.stderr
    [job] = jobs_in(Path(shot_script.root.name()).parent / "farm")
    lines = done.stderr.splitlines()
    [published] = [line for line in lines if line.startswith("     Published compositing v")]
    [written] = [line for line in lines if line.startswith("     Farm job")]
    assert written.startswith(f"     Farm job 'ftpub render comp' written to {job} (manifest ")
    assert written.endswith(f"submit it with: deadline bundle submit {job}")
    assert lines.index(published) < lines.index(written)
    assert lines[-1] == "ftpub: published: 1 instance; 1 instance handed to the farm"
    assert not list(publishing.rglob("*.exr"))
