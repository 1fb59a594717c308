"""Job bundles run by the real Open Job Description runtime (``openjd run``): a script stands in
for the DCC's renderer, and the publish step publishes into the sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.farm.conftest import FTPUB, Shot


@dataclass(frozen=True)
class JobRun:
    code: int
    output: str


def bundle(shot: Shot, out: Path, render_command: str, chunk_size: int = 4) -> JobRun:
    done = subprocess.run(
        [
            *FTPUB,
            *("farm", "bundle", "--manifest", str(shot.manifest()), "--out", str(out)),
            *("--render-command", render_command, "--chunk-size", str(chunk_size)),
        ],
        env=shot.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return JobRun(done.returncode, done.stderr)


def openjd_run(shot: Shot, out: Path, *options: str) -> JobRun:
    """``openjd run`` on the bundle, with the values of its parameter_values.yaml."""
    values = yaml.safe_load((out / "parameter_values.yaml").read_text(encoding="utf-8"))
    params = {item["name"]: item["value"] for item in values["parameterValues"]}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "openjd", "run", str(out / "template.yaml")),
            *("--job-param", json.dumps(params), *options),
        ],
        env=shot.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return JobRun(done.returncode, done.stdout + done.stderr)


def manifest_id(out: Path) -> str:
    return str(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["manifest_id"])


def test_renders_then_publishes_once_however_often_it_runs(
    shot: Shot, tmp_path: Path, versions_of: Any
) -> None:
    out = tmp_path / "bundle"
    assert bundle(shot, out, shot.render_command()).code == 0

    first = openjd_run(shot, out)

    assert first.code == 0, first.output
    assert first.output.count("rendered frame") == 10
    for path in out.iterdir():
        assert shot.env["FTRACK_API_KEY"] not in path.read_text(encoding="utf-8")
    versions = versions_of(manifest_id(out))
    assert len(versions) == 1 and versions[0][2] is True
    asset, number, _ = versions[0]
    second = openjd_run(shot, out)
    assert second.code == 0, second.output
    assert f"ftpub: already published: {asset} v{number:03d}" in second.output
    assert versions_of(manifest_id(out)) == versions


def test_a_failing_render_publishes_nothing(shot: Shot, tmp_path: Path, versions_of: Any) -> None:
    out = tmp_path / "bundle"
    assert bundle(shot, out, shot.render_command(fail="1006")).code == 0

    run = openjd_run(shot, out)

    assert run.code != 0
    assert "render crashed on frame 1006" in run.output
    assert "ftpub farm publish" not in run.output and "ftpub: " not in run.output
    assert versions_of(manifest_id(out)) == []


def test_a_failing_publish_fails_the_job_notes_the_task_and_publishes_once_requeued(
    shot: Shot, tmp_path: Path, versions_of: Any, notes_on: Any
) -> None:
    out = tmp_path / "bundle"
    assert bundle(shot, out, shot.render_command(skip="1004,1007")).code == 0

    failed = openjd_run(shot, out)

    assert failed.code != 0
    assert "ftpub: Missing files: exr: 2 of 10 frames missing from" in failed.output
    assert versions_of(manifest_id(out)) == []
    notes = [note for note in notes_on(shot.task_id) if str(out.parent) in note]
    assert len(notes) == 1
    assert notes[0].startswith("Farm publish failed (job 'ftpub render sh010_light_")
    assert "Missing files: exr: 2 of 10 frames missing" in notes[0]
    assert notes[0].endswith("1004, 1007")

    subprocess.run(
        [sys.executable, str(shot.script), "1004", "1007", str(shot.renders)], check=True
    )
    requeued = openjd_run(shot, out, "--step", "Publish", "--no-run-dependencies")

    assert requeued.code == 0, requeued.output
    assert len(versions_of(manifest_id(out))) == 1
