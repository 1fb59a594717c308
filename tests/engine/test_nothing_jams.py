"""Nothing a crash, a full disk or a deleted version leaves behind blocks later publishes."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from ftpub.core import cli
from ftpub.core.files import FolderTakenError, claim_folder
from ftpub.core.journal import MAX_UNDO_ATTEMPTS, Entry, Journal, UndoLater, stale_journals

from .cli_run import cache_instance, ftpub, write_manifest


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _stale_journal(folder: Path, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    host = socket.gethostname().replace("-", "_") or "host"
    path = folder / f"{host}-{_dead_pid()}-{uuid.uuid4().hex}.journal"
    path.write_text("".join(lines))
    return path


def test_a_torn_journal_is_recovered_as_far_as_it_reads_and_kept_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    created = tmp_path / "pub" / "v001"
    created.mkdir(parents=True)
    folder_entry = json.dumps(Entry("folder", str(created)).to_json())
    path = _stale_journal(tmp_path / "journals", [folder_entry + "\n", '{"kind": "fi'])

    with caplog.at_level(logging.WARNING, logger="ftpub.journal"):
        (journal,) = stale_journals(tmp_path / "journals")

    assert journal.entries == [Entry("folder", str(created))]
    assert journal.set_aside == path.with_name(path.name + ".damaged")
    assert journal.set_aside.read_text().endswith('{"kind": "fi')
    assert "damaged (unreadable line 2); recovered 1 entries" in caplog.text
    assert all(undone.ok for undone in journal.undo())
    assert not created.exists()
    assert not path.exists()
    assert list(stale_journals(tmp_path / "journals")) == []


def test_an_undo_of_an_impossibly_long_path_has_nothing_to_do(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "journals")
    too_long = tmp_path / ("a" * 5000)
    journal.folder(too_long)
    journal.file(too_long / "hero.abc")
    assert all(undone.ok for undone in journal.undo())
    assert not journal.path.exists()


def _refuse(entry: Entry) -> None:
    raise PermissionError("not allowed to delete AssetVersion v-1")


def _unreachable(entry: Entry) -> None:
    raise UndoLater("ftrack could not delete: connection refused")


def test_an_undo_that_fails_for_good_is_said_once_and_kept_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    created = tmp_path / "pub" / "v001"
    created.mkdir(parents=True)
    journal = Journal.create(tmp_path / "journals", "https://ftrack.example")
    journal.folder(created)
    journal.ftrack([("AssetVersion", "v-1")])

    with caplog.at_level(logging.INFO, logger="ftpub.journal"):
        outcomes = journal.undo(_refuse)

    assert [(undone.entry.kind, undone.ok, undone.later) for undone in outcomes] == [
        ("ftrack", False, False),
        ("folder", True, False),
    ]
    assert not created.exists()
    assert not journal.path.exists()
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "ftrack AssetVersion v-1 (PermissionError: not allowed" in warnings[0].getMessage()
    assert journal.set_aside == journal.path.with_name(journal.path.name + ".abandoned")
    assert str(journal.set_aside) in warnings[0].getMessage()
    assert Journal(journal.set_aside).entries == [
        Entry("server", "https://ftrack.example"),
        Entry("ftrack", entities=(("AssetVersion", "v-1"),)),
    ]
    assert list(stale_journals(tmp_path / "journals")) == []


def test_an_unreachable_undo_is_tried_again_quietly_then_kept_aside_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    journal = Journal.create(tmp_path / "journals", "https://ftrack.example")
    journal.ftrack([("AssetVersion", "v-1")])

    with caplog.at_level(logging.INFO, logger="ftpub.journal"):
        for attempt in range(1, MAX_UNDO_ATTEMPTS):
            (undone,) = Journal(journal.path).undo(_unreachable)
            assert (undone.ok, undone.later) == (False, True)
            assert journal.path.exists(), attempt
        assert caplog.records == []
        (undone,) = Journal(journal.path).undo(_unreachable)

    assert (undone.ok, undone.later) == (False, False)
    assert not journal.path.exists()
    (warning,) = caplog.records
    assert "ftrack AssetVersion v-1 (UndoLater: ftrack could not delete" in warning.getMessage()
    assert journal.path.with_name(journal.path.name + ".abandoned").exists()


def test_what_fails_for_good_is_set_aside_and_what_was_unreachable_stays_to_retry(
    tmp_path: Path,
) -> None:
    journal = Journal.create(tmp_path / "journals", "https://ftrack.example")
    journal.ftrack([("AssetVersion", "v-1")])
    journal.ftrack([("AssetVersion", "v-2")])

    def refuse_one(entry: Entry) -> None:
        if entry.entities[0][1] == "v-1":
            _refuse(entry)
        _unreachable(entry)

    journal.undo(refuse_one)
    kept = Journal(journal.path)
    assert [e.entities for e in kept.entries if e.kind == "ftrack"] == [(("AssetVersion", "v-2"),)]
    assert kept.server == "https://ftrack.example"
    assert journal.set_aside is not None
    assert [e.entities for e in Journal(journal.set_aside).entries if e.kind == "ftrack"] == [
        (("AssetVersion", "v-1"),)
    ]

    deleted: list[Entry] = []
    assert all(undone.ok for undone in kept.undo(deleted.append))
    assert [entry.entities for entry in deleted] == [(("AssetVersion", "v-2"),)]
    assert not journal.path.exists()


def test_a_leftover_version_folder_is_set_aside_and_kept(tmp_path: Path) -> None:
    leftover = tmp_path / "hero" / "v003"
    leftover.mkdir(parents=True)
    (leftover / "hero_v003_abc.abc").write_text("from a deleted version")
    journal = Journal.create(tmp_path / "journals")

    claim_folder(leftover, journal, version=3)

    assert leftover.is_dir() and list(leftover.iterdir()) == []
    (aside,) = [p for p in (tmp_path / "hero").iterdir() if p.name.startswith("v003.leftover-")]
    assert (aside / "hero_v003_abc.abc").read_text() == "from a deleted version"
    with pytest.raises(FolderTakenError, match="already exists"):
        claim_folder(tmp_path / "hero", journal, version=3)


def test_a_publish_goes_ahead_past_a_damaged_journal_and_a_deleted_versions_folder(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    asset = f"jam_{uuid.uuid4().hex[:6]}"
    env = {**sandbox.env(), "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")}
    manifest = write_manifest(tmp_path, task, [cache_instance(tmp_path, asset)])
    first = ftpub(["publish", "--manifest", str(manifest), "--report", "r1.json"], env, tmp_path)
    assert first.code == cli.EXIT_OK, first.stderr
    (published,) = json.loads((tmp_path / "r1.json").read_text())["versions"]

    session = sandbox.session()
    try:
        version = session.get("AssetVersion", published["asset_version_id"])
        for component in version["components"]:
            for where in component["component_locations"]:
                session.delete(where)
            session.delete(component)
        session.delete(version)
        session.commit()
    finally:
        session.close()
    journals = tmp_path / "state" / "ftpub" / "journals"
    torn = _stale_journal(journals, ['{"kind": "server", "path": "', "\n"])

    again = ftpub(["publish", "--manifest", str(manifest), "--report", "r2.json"], env, tmp_path)

    assert again.code == cli.EXIT_OK, again.stderr
    assert again.last_line == "ftpub: published: 1 instance"
    assert torn.with_name(torn.name + ".damaged").exists()
    folders = sorted(p.name for p in (tmp_path / "publish").rglob("v001*") if p.is_dir())
    assert len(folders) == 2
    assert folders[0] == "v001" and folders[1].startswith("v001.leftover-")
    messages = [
        record["message"]
        for step in json.loads((tmp_path / "r2.json").read_text())["steps"]
        for record in step["records"]
    ]
    assert any("was left by an earlier publish" in message for message in messages)


def _warnings(report: Path) -> list[str]:
    return [
        record["message"]
        for step in json.loads(report.read_text())["steps"]
        for record in step["records"]
        if record["level"] == "WARNING"
    ]


def test_an_undo_ftrack_refuses_is_warned_in_one_report_only(
    sandbox: Any, task: str, tmp_path: Path
) -> None:
    session = sandbox.session()
    try:
        server = session.server_url
    finally:
        session.close()
    server_entry = json.dumps(Entry("server", server).to_json())
    refused = json.dumps(Entry("ftrack", entities=(("NoSuchType", "x-1"),)).to_json())
    journals = tmp_path / "state" / "ftpub" / "journals"
    stale = _stale_journal(journals, [server_entry + "\n", refused + "\n"])
    env = {**sandbox.env(), "FTPUB_PUBLISH_ROOT": str(tmp_path / "publish")}
    reports = []
    for number in (1, 2, 3):
        asset = f"once_{uuid.uuid4().hex[:6]}"
        manifest = write_manifest(tmp_path, task, [cache_instance(tmp_path, asset)])
        report = tmp_path / f"r{number}.json"
        args = ["publish", "--manifest", str(manifest), "--report", str(report)]
        run = ftpub(args, env, tmp_path)
        assert run.code == cli.EXIT_OK, run.stderr
        reports.append(_warnings(report))

    (warning,) = [message for message in reports[0] if "NoSuchType" in message]
    assert warning.startswith("Could not undo part of a failed publish; remove it by hand")
    assert str(stale.with_name(stale.name + ".abandoned")) in warning
    assert reports[1] == reports[2] == []
    assert not stale.exists()
