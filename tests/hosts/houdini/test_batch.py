"""``hython -m ftpub.hosts.houdini.batch FILE.hip`` against the fake: it loads the hip,
publishes its active ROPs and ends with ftpub's exit code and last line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.hosts.houdini.conftest import FAKE
from tests.hosts.houdini.test_publish import rop


@pytest.fixture
def batch(session: Any) -> Any:
    from ftpub.hosts.houdini import batch

    return batch


def test_batch_publishes_the_hips_active_rops(
    batch: Any, host: Any, shot_hip: Any, publishing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rop(host, shot_hip, "/out/abc1", "alembic", "$HIP/abc/$OS.abc")
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/$OS.$F4.bgeo.sc", ftpub_active=0)
    hip = shot_hip.hip_path
    shot_hip.new_file = True
    before = len(shot_hip.calls)
    assert batch.main([hip, "--comment", "from the farm"]) == 0
    load = shot_hip.calls[before]
    assert (load.command, load.args, load.kwargs) == (
        "hipFile.load",
        (hip,),
        {"suppress_save_prompt": True, "ignore_load_warnings": True},
    )
    assert capsys.readouterr().err.splitlines()[-1] == "ftpub: published: 2 instances"
    [render] = shot_hip.mutations("render")
    assert render.args == ("/out/abc1",)


def test_batch_invalid_hip_exits_3_with_the_problem_last(
    batch: Any, host: Any, shot_hip: Any, publishing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rop(host, shot_hip, "/out/geo1", "geometry", "$HIP/geo/smoke.bgeo.sc")
    assert batch.main([shot_hip.hip_path, "--validate"]) == 3
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("ftpub: Bad output path: /out/geo1 writes 116 frames to ")
    assert shot_hip.mutations("render") == []


def test_batch_says_why_it_cannot_open_a_hip(
    batch: Any, session: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import hou

    missing = tmp_path / "nowhere.hip"
    assert batch.main([str(missing)]) == 2
    assert capsys.readouterr().err == f"ftpub: no hip file at {missing}\n"
    session.save_as(tmp_path / "broken.hip")
    session.failures["hipFile.load"] = hou.OperationFailed("unexpected end of file")
    assert batch.main([str(tmp_path / "broken.hip")]) == 2
    assert capsys.readouterr().err == (
        "ftpub: broken.hip could not be opened: unexpected end of file\n"
    )


def test_batch_as_hython_runs_it_ends_on_one_readable_line(tmp_path: Path) -> None:
    hip = tmp_path / "shot.hip"
    hip.write_text("fake hip\n", encoding="utf-8")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("FTRACK_", "FTPUB_"))
    }
    environment["PYTHONPATH"] = str(FAKE)
    done = subprocess.run(
        [sys.executable, "-m", "ftpub.hosts.houdini.batch", str(hip)],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(
        "ftpub: The publish could not start: the scene has no ftrack task"
    )
