"""The API key never appears in what a publish prints, reports or logs, failed or not."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from .conftest import instance


def _ftpub(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ftpub.core.cli", *args],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_api_key_is_in_no_output_report_or_log(sandbox, publisher, samples, task_id, tmp_path):
    good = publisher.manifest(task_id(), [instance("s", f"s_{uuid.uuid4().hex[:6]}", samples)])
    bad_task = publisher.manifest("0000-1111", [instance("s", "never", samples)])
    report = tmp_path / "report.json"
    sandbox.set_faults(
        [{"action": "create", "entity_type": "FileComponent", "effect": "error", "times": None}]
    )
    try:
        failed = _ftpub("publish", "--manifest", str(good), "--report", str(report), "--json")
    finally:
        sandbox.clear_faults()
    published = _ftpub("publish", "--manifest", str(good), "--json")
    unknown = _ftpub("validate", "--manifest", str(bad_task))
    os.environ["FTRACK_API_KEY"] = "11111111-2222-3333-4444-555555555555"
    refused = _ftpub("validate", "--manifest", str(good))

    assert (failed.returncode, published.returncode, unknown.returncode, refused.returncode) == (
        4,
        0,
        2,
        2,
    )
    texts = [run.stdout + run.stderr for run in (failed, published, unknown, refused)]
    texts += [report.read_text(), sandbox.log()]
    texts += [path.read_text() for path in (tmp_path / "state").rglob("*") if path.is_file()]
    for text in texts:
        assert sandbox.api_key not in text
        assert "11111111-2222-3333-4444-555555555555" not in text


def test_a_failed_removal_during_rollback_does_not_log_the_key(sandbox, session, caplog):
    from ftpub.core.ftrack.rollback import FtrackUndo
    from ftpub.core.journal import Entry

    missing = str(uuid.uuid4())
    with caplog.at_level("DEBUG", logger="ftpub"):
        FtrackUndo(session)(Entry("upload", entities=(("upload", missing),)))

    # What a publish report captures: the ftpub and pyblish loggers.
    captured = [r.getMessage() for r in caplog.records if r.name.startswith(("ftpub", "pyblish"))]
    assert f"could not remove the uploaded file of component {missing} " in captured[-1]
    assert not [message for message in captured if sandbox.api_key in message]
