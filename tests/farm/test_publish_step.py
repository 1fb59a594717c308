"""``ftpub farm publish``, a farm job's publish step, against the sandbox: exactly once, a Note
on the task when it fails, one readable last line whatever went wrong."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.config import PathRule
from ftpub.hosts.farm.job import RenderCommand
from ftpub.hosts.farm.manifest import load_manifest
from ftpub.hosts.farm.openjd import write_bundle
from tests.farm.conftest import FTPUB, Shot


@dataclass(frozen=True)
class Step:
    code: int
    stderr: str

    @property
    def last_line(self) -> str:
        return self.stderr.rstrip("\n").splitlines()[-1]


def publish_step(shot: Shot, manifest_name: str = "manifest.json", **env: str) -> Step:
    done = subprocess.run(
        [
            *(*FTPUB, "farm", "publish", "--manifest", str(shot.root / manifest_name)),
            *("--job-name", "sh010 lighting 42"),
        ],
        env={**shot.env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Step(done.returncode, done.stderr)


def render(shot: Shot, skip: str = "") -> None:
    subprocess.run(
        [sys.executable, str(shot.script), "1001", "1010", str(shot.renders), skip], check=True
    )


@pytest.fixture
def faults(sandbox: Any) -> Iterator[Any]:
    yield sandbox
    sandbox.clear_faults()


def test_publishes_once_and_says_so_when_run_again(shot: Shot, versions_of: Any) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)

    first = publish_step(shot)
    again = publish_step(shot)

    assert first.code == 0, first.stderr
    assert first.last_line == "ftpub: published: 1 instance"
    [(asset, number, published)] = versions_of(manifest_id)
    assert published is True
    assert again.code == 0
    assert again.last_line == f"ftpub: already published: {asset} v{number:03d}"
    assert versions_of(manifest_id) == [(asset, number, True)]


def test_after_a_failure_it_publishes_once(shot: Shot, versions_of: Any) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot, skip="1010")

    failed = publish_step(shot)
    render(shot)
    retried = publish_step(shot)
    again = publish_step(shot)

    assert failed.code == 3
    assert failed.last_line.startswith("ftpub: Missing files: exr: 1 of 10 frames missing")
    assert retried.code == 0, retried.stderr
    assert again.last_line.startswith("ftpub: already published: ")
    assert len(versions_of(manifest_id)) == 1


def test_a_manifest_without_an_id_is_refused(shot: Shot) -> None:
    shot.manifest()
    render(shot)

    step = publish_step(shot)

    assert step.code == 2
    assert step.last_line.endswith(
        "manifest.json: no manifest_id; a farm job needs one so that a retried job publishes "
        "once ('ftpub farm bundle' adds it)"
    )
    assert "Traceback" not in step.stderr


def test_ftrack_down_at_the_end_of_a_render_is_one_readable_line(
    shot: Shot, versions_of: Any
) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]

    step = publish_step(shot, FTRACK_SERVER=f"http://127.0.0.1:{port}")

    assert step.code == 2
    assert step.last_line.startswith(f"ftpub: cannot reach ftrack at http://127.0.0.1:{port}")
    assert "Traceback" not in step.stderr
    assert shot.env["FTRACK_API_KEY"] not in step.stderr
    assert versions_of(manifest_id) == []


def test_ftrack_failing_mid_publish_rolls_back_and_notes_the_task(
    shot: Shot, faults: Any, versions_of: Any, notes_on: Any
) -> None:
    manifest_id = str(uuid.uuid4())
    shot.manifest(manifest_id=manifest_id)
    render(shot)
    faults.set_faults(
        [{"action": "create", "entity_type": "SequenceComponent", "effect": "error", "times": None}]
    )

    step = publish_step(shot)

    assert step.code == 4
    assert step.last_line.startswith("ftpub: Publishing to ftrack failed: Registering components")
    assert "ftpub: added a note to task lighting of sh010" in step.stderr
    assert versions_of(manifest_id) == []
    publish_root = Path(shot.env["FTPUB_PUBLISH_ROOT"])
    assert [path for path in publish_root.rglob("*") if path.is_file()] == []
    notes = notes_on(shot.task_id)
    assert (
        f"Farm publish failed (job 'sh010 lighting 42'): {step.last_line.removeprefix('ftpub: ')}"
        in notes
    )


def test_a_note_ftrack_refuses_does_not_hide_the_error(
    shot: Shot, faults: Any, notes_on: Any
) -> None:
    shot.manifest(manifest_id=str(uuid.uuid4()))
    render(shot, skip="1003")
    before = notes_on(shot.task_id)
    faults.set_faults([{"action": "create", "entity_type": "Note", "effect": "error"}])

    step = publish_step(shot)

    assert step.code == 3
    assert "ftpub: could not add a note to task lighting: Server reported error" in step.stderr
    assert "HTTPError" not in step.stderr and "pending operations" not in step.stderr
    assert step.last_line.startswith("ftpub: Missing files: exr: 1 of 10 frames missing")
    assert notes_on(shot.task_id) == before


def test_notify_none_leaves_no_note(shot: Shot, notes_on: Any) -> None:
    config = shot.root / "studio.toml"
    config.write_text('[farm]\nnotify = "none"\n', encoding="utf-8")
    shot.manifest(manifest_id=str(uuid.uuid4()))
    render(shot, skip="1001")
    before = notes_on(shot.task_id)

    step = publish_step(shot, FTPUB_CONFIG=str(config))

    assert step.code == 3
    assert notes_on(shot.task_id) == before
    assert "note" not in step.stderr


def test_a_plain_publish_of_a_published_manifest_is_refused(shot: Shot, versions_of: Any) -> None:
    manifest_id = str(uuid.uuid4())
    manifest = shot.manifest(manifest_id=manifest_id)
    render(shot)
    assert publish_step(shot).code == 0
    [(asset, number, _)] = versions_of(manifest_id)

    done = subprocess.run(
        [*FTPUB, "publish", "--manifest", str(manifest)],
        env=shot.env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 3
    assert done.stderr.splitlines()[-1] == (
        f"ftpub: Already published: {asset} v{number:03d} came from manifest {manifest_id}; "
        "nothing was published again"
    )
    assert len(versions_of(manifest_id)) == 1


def test_a_path_map_the_worker_lacks_fails_readably_and_publishes_nothing(
    shot: Shot, versions_of: Any, notes_on: Any
) -> None:
    manifest_id = str(uuid.uuid4())
    render(shot)
    rules = (PathRule(str(shot.root), "/mnt/not-mounted-here"),)
    manifest = load_manifest(shot.manifest(manifest_id=manifest_id))
    write_bundle(manifest, RenderCommand(shot.render_args()), shot.root / "job", rules)

    step = publish_step(shot, "job/manifest.json")

    assert step.code == 3, step.stderr
    assert step.last_line == (
        "ftpub: Missing files: exr: 10 of 10 frames missing from "
        "/mnt/not-mounted-here/renders/sh010_light.%04d.exr: 1001-1010"
    )
    assert versions_of(manifest_id) == []
    note = f"Farm publish failed (job 'sh010 lighting 42'): {step.last_line[len('ftpub: ') :]}"
    assert note in notes_on(shot.task_id)
