"""Version folders: created with their missing parents, journaled, claimed by one publish."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from ftpub.core.files.errors import FolderTakenError, PermissionDeniedError, TransferError
from ftpub.core.files.folders import claim_folder
from ftpub.core.journal import Journal


def test_claim_creates_missing_parents_and_journals_them_first(
    tmp_path: Path, journal: Journal
) -> None:
    version = tmp_path / "pub" / "geo" / "chair" / "v001"
    (tmp_path / "pub").mkdir()

    claim_folder(version, journal)

    assert version.is_dir()
    assert [entry.describe() for entry in Journal(journal.path).entries] == [
        f"folder {version.parent.parent}",
        f"folder {version.parent}",
        f"folder {version}",
    ]
    assert all(undone.ok for undone in journal.undo())
    assert [p.name for p in (tmp_path / "pub").iterdir()] == []


def test_existing_folder_is_taken_and_left_out_of_the_journal(
    tmp_path: Path, journal: Journal
) -> None:
    version = tmp_path / "v001"
    version.mkdir()

    with pytest.raises(FolderTakenError, match="already exists") as raised:
        claim_folder(version, journal)

    assert raised.value.path == version
    assert journal.entries == []
    journal.undo()
    assert version.is_dir()


def test_eight_threads_racing_for_one_folder_one_wins(tmp_path: Path) -> None:
    version = tmp_path / "asset" / "v003"
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def publish(index: int) -> None:
        journal = Journal.create(tmp_path / "journals")
        start.wait()
        try:
            claim_folder(version, journal)
        except FolderTakenError:
            outcomes.append("taken")
        else:
            outcomes.append("won")

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["taken"] * 7 + ["won"]
    assert version.is_dir()


def _claim_at(version: str, journals: str, start_at: float) -> str:
    journal = Journal.create(Path(journals))
    time.sleep(max(0.0, start_at - time.time()))
    try:
        claim_folder(Path(version), journal)
    except FolderTakenError:
        return "taken"
    return "won"


def test_eight_processes_racing_for_one_folder_one_wins(tmp_path: Path) -> None:
    version = tmp_path / "asset" / "v004"
    start_at = time.time() + 2.0
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        outcomes = pool.starmap(
            _claim_at, [(str(version), str(tmp_path / "journals"), start_at)] * 8
        )

    assert sorted(outcomes) == ["taken"] * 7 + ["won"]


def test_a_file_in_the_way_of_a_parent_is_an_error_naming_it(
    tmp_path: Path, journal: Journal
) -> None:
    blocker = tmp_path / "geo"
    blocker.write_text("not a folder")

    with pytest.raises(TransferError, match=str(blocker)):
        claim_folder(blocker / "chair" / "v001", journal)


def test_read_only_disk_is_a_permission_error(
    tmp_path: Path, journal: Journal, mounted_tmpfs
) -> None:
    read_only = mounted_tmpfs(tmp_path / "ro", "ro,size=1m")

    with pytest.raises(PermissionDeniedError, match="read-only") as raised:
        claim_folder(read_only / "geo" / "v001", journal)

    assert raised.value.path == read_only / "geo"
    assert all(undone.ok for undone in journal.undo())
