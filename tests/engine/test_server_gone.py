"""The ftrack server gone mid-publish: exit 4, one short last line, the detail in the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from ftpub.core import cli
from ftpub.core.report import MAX_LINE
from ftpub.sandbox.testing import SandboxProcess

from .cli_run import cache_instance, task_id, write_manifest

INSTANCES = 30


def test_a_server_gone_mid_publish_ends_in_one_short_line(tmp_path: Path) -> None:
    running = SandboxProcess(tmp_path / "sandbox").start()
    try:
        session = running.session()
        try:
            task = task_id(session)
        finally:
            session.close()
        manifest = write_manifest(
            tmp_path, task, [cache_instance(tmp_path, f"gone{n:02d}") for n in range(INSTANCES)]
        )
        running.set_faults(
            [{"action": "create", "entity_type": "FileComponent", "effect": "delay_ms:60000"}]
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
        env.update(running.env())
        env.update(FTPUB_PUBLISH_ROOT=str(tmp_path / "publish"), XDG_STATE_HOME=str(tmp_path))
        command = [sys.executable, "-m", "ftpub.core.cli", "publish", "--manifest", str(manifest)]
        process = subprocess.Popen(
            [*command, "--report", str(tmp_path / "report.json")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 120
        while len(list((tmp_path / "publish").rglob("*.abc"))) < INSTANCES:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        running.stop()
    _, stderr = process.communicate(timeout=300)

    assert process.returncode == cli.EXIT_FAILED
    assert "Traceback" not in stderr
    last = stderr.rstrip().splitlines()[-1]
    assert len(last) <= MAX_LINE
    assert last.startswith("ftpub: Publishing to ftrack failed: Registering components failed")
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["error"]["description"]) > 10 * MAX_LINE
