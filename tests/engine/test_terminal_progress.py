"""A publish on an artist's terminal shows the files and bytes it transfers; a pipe gets none."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from ftpub.core import cli

from .cli_run import cache_instance, ftpub, task_id, write_manifest

BAR = re.compile(r"Publishing files \[[#-]+\] +(\d+)%  (\d+) / (\d+) files  ")


def _publish_on_a_terminal(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    """Run ``ftpub ARGS`` with stderr on a pseudo-terminal; its exit code and what it drew."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
    base.update(XDG_STATE_HOME=str(cwd / "state"), XDG_DATA_HOME=str(cwd / "data"))
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ftpub.core.cli", *args],
        env={**base, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    drawn = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    return process.wait(timeout=180), drawn.decode("utf-8", errors="replace")


def _three_instances(folder: Path) -> list[dict[str, Any]]:
    suffix = uuid.uuid4().hex[:6]
    return [cache_instance(folder, f"prog_{name}_{suffix}") for name in ("a", "b", "c")]


def test_a_terminal_shows_files_and_bytes_done_of_the_transfer(
    sandbox: Any, tmp_path: Path
) -> None:
    session = sandbox.session()
    try:
        task = task_id(session)
    finally:
        session.close()
    env = {**sandbox.env(), "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")}
    manifest = write_manifest(tmp_path, task, _three_instances(tmp_path))

    code, drawn = _publish_on_a_terminal(["publish", "--manifest", str(manifest)], env, tmp_path)

    assert code == cli.EXIT_OK, drawn
    frames = [match.groups() for match in BAR.finditer(drawn)]
    assert frames, drawn
    assert frames[-1] == ("100", "3", "3")
    assert all(total == "3" for _, _, total in frames)
    size = sum(path.stat().st_size for path in tmp_path.glob("prog_*.abc"))
    last = drawn[drawn.rindex("Publishing files") :].splitlines()[0]
    assert f"100%  3 / 3 files  {size} B / {size} B" in last


def test_a_pipe_gets_no_progress_bar(sandbox: Any, tmp_path: Path) -> None:
    session = sandbox.session()
    try:
        task = task_id(session)
    finally:
        session.close()
    env = {**sandbox.env(), "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")}
    manifest = write_manifest(tmp_path, task, _three_instances(tmp_path))

    run = ftpub(["publish", "--manifest", str(manifest)], env, tmp_path)

    assert run.code == cli.EXIT_OK, run.stderr
    assert "Publishing files" not in run.stderr
