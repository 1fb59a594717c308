"""The compensation journal: recorded before, undone newest first, left for a later run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ftpub.core.journal import Journal, stale_journals


def test_undo_removes_files_and_folders_newest_first(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "journals")
    folder = tmp_path / "v001"
    journal.folder(folder)
    folder.mkdir()
    journal.file(folder / "a.abc")
    (folder / "a.abc").write_text("a")
    journal.file(folder / "never_written.abc")
    deleted: list[list[tuple[str, str]]] = []
    journal.ftrack([("Asset", "1"), ("AssetVersion", "2")])

    outcomes = journal.undo(lambda entry: deleted.append(list(entry.entities)))

    assert [o.entry.kind for o in outcomes] == ["ftrack", "file", "file", "folder"]
    assert all(o.ok for o in outcomes)
    assert deleted == [[("Asset", "1"), ("AssetVersion", "2")]]
    assert not folder.exists()
    assert not journal.path.exists()


def test_a_folder_another_publish_uses_is_left_and_released_paths_are_skipped(
    tmp_path: Path,
) -> None:
    journal = Journal.create(tmp_path / "journals")
    shared = tmp_path / "asset"
    journal.folder(shared)
    shared.mkdir()
    (shared / "v002").mkdir()
    taken = tmp_path / "taken"
    taken.mkdir()
    journal.folder(taken)
    journal.release(taken)

    outcomes = journal.undo()

    assert all(o.ok for o in outcomes)
    assert (shared / "v002").is_dir()
    assert taken.is_dir()


def test_failed_steps_are_reported_and_the_journal_kept(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "journals")
    journal.ftrack([("Asset", "1")])

    def refuse(entry: object) -> None:
        raise RuntimeError("ftrack is down")

    outcomes = journal.undo(refuse)

    assert [o.error for o in outcomes] == ["RuntimeError: ftrack is down"]
    assert Journal(journal.path).entries == journal.entries


def test_journal_of_a_dead_process_is_stale(tmp_path: Path) -> None:
    folder = tmp_path / "journals"
    code = (
        "import sys; from pathlib import Path; from ftpub.core.journal import Journal; "
        "Journal.create(Path(sys.argv[1])).file(Path(sys.argv[2]))"
    )
    subprocess.run([sys.executable, "-c", code, str(folder), str(tmp_path / "f")], check=True)
    live = Journal.create(folder)
    live.file(tmp_path / "mine")
    elsewhere = folder / "another_host-1-0.journal"
    elsewhere.write_text('{"kind": "file", "path": "/x"}\n')

    stale = list(stale_journals(folder))

    assert [journal.entries[0].path for journal in stale] == [str(tmp_path / "f")]
    assert f"-{os.getpid()}-" in live.path.name


def test_server_uploads_and_publishing_are_recorded(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "journals", "http://ftrack.example")
    journal.uploads(["c1"])
    journal.publishing([("AssetVersion", "v1")])
    reread = Journal(journal.path)
    assert (reread.server, reread.published) == ("http://ftrack.example", (("AssetVersion", "v1"),))
    undone: list[str] = []

    journal.undo(lambda entry: undone.append(entry.describe()))

    assert undone == ["upload upload c1"]
    assert not journal.path.exists()
