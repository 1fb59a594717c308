"""Real faults: a full disk, a folder without write permission, a process killed mid-copy.
Each ends with ``Journal.undo()`` leaving nothing behind."""

from __future__ import annotations

import errno
import json
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ftpub.core.files.errors import DiskFullError
from ftpub.core.files.folders import claim_folder
from ftpub.core.files.transfer import FileTransfer, transfer_files
from ftpub.core.journal import Journal, stale_journals

MakeSequence = Callable[..., list[Path]]
WITHOUT_ROOT_POWERS = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"]


def test_full_disk_is_named_and_undone(
    tmp_path: Path, journal: Journal, make_sequence: MakeSequence, mounted_tmpfs
) -> None:
    small = mounted_tmpfs(tmp_path / "small", "size=2m")
    sources = make_sequence(6, size=512 * 1024)
    version = small / "chair" / "v001"
    claim_folder(version, journal)

    with pytest.raises(DiskFullError) as raised:
        transfer_files([FileTransfer(s, version / s.name) for s in sources], "copy", journal)

    assert str(raised.value) == f"The disk holding {raised.value.path} is full."
    assert raised.value.path.parent == version
    assert raised.value.__cause__.errno == errno.ENOSPC
    assert any(path.is_file() for path in version.iterdir())
    assert all(undone.ok for undone in journal.undo())
    assert list(small.iterdir()) == []


RUN_WITHOUT_PERMISSION = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from ftpub.core.files.errors import TransferError
    from ftpub.core.files.transfer import FileTransfer, transfer_files
    from ftpub.core.journal import Journal

    source, destination, journals = map(Path, sys.argv[1:])
    journal = Journal.create(journals)
    try:
        transfer_files([FileTransfer(source, destination)], "copy", journal)
    except TransferError as error:
        outcome = {"error": type(error).__name__, "message": str(error),
                   "cause": type(error.__cause__).__name__}
    else:
        outcome = {"error": None}
    outcome["undone"] = all(undone.ok for undone in journal.undo())
    print(json.dumps(outcome))
    """
)


def test_folder_without_write_permission_is_named_and_undone(
    tmp_path: Path, make_sequence: MakeSequence
) -> None:
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to drop root's power to ignore permissions")
    [source] = make_sequence(1)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    destination = locked / "v001" / source.name

    done = subprocess.run(
        [
            *WITHOUT_ROOT_POWERS,
            sys.executable,
            "-c",
            RUN_WITHOUT_PERMISSION,
            str(source),
            str(destination),
            str(tmp_path / "journals"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    outcome = json.loads(done.stdout)
    assert outcome == {
        "error": "PermissionDeniedError",
        "message": f"No permission to write {destination.parent} (check the folder's permissions).",
        "cause": "PermissionError",
        "undone": True,
    }
    assert list(locked.iterdir()) == []


COPY_UNTIL_STUCK = textwrap.dedent(
    """
    import os, sys, threading, time
    from pathlib import Path
    from ftpub.core.files.folders import claim_folder
    from ftpub.core.files.transfer import FileTransfer, transfer_files
    from ftpub.core.journal import Journal

    sources, version, journals = map(Path, sys.argv[1:4])
    stuck_after = int(sys.argv[4])
    journal = Journal.create(journals)
    claim_folder(version, journal)
    lock, chunks = threading.Lock(), [0]

    def write(fd, data):
        with lock:
            chunks[0] += 1
            if chunks[0] == stuck_after:
                print("stuck", flush=True)
        if chunks[0] >= stuck_after:
            time.sleep(3600)
        return os.write(fd, data)

    transfers = [FileTransfer(s, version / s.name) for s in sorted(sources.iterdir())]
    transfer_files(transfers, "copy", journal, write=write)
    """
)


def test_killed_copy_leaves_a_journal_that_undoes_everything(
    tmp_path: Path, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(60, size=3 * 1024 * 1024 + 5)
    root = tmp_path / "pub"
    root.mkdir()
    version = root / "demo" / "chair" / "v001"
    journals = tmp_path / "journals"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            COPY_UNTIL_STUCK,
            str(sources[0].parent),
            str(version),
            str(journals),
            "40",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "stuck\n"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()

    written = [path for path in version.iterdir() if path.is_file()]
    assert 0 < len(written) < len(sources)
    assert any(path.stat().st_size < sources[0].stat().st_size for path in written)
    [journal] = list(stale_journals(journals))
    assert all(undone.ok for undone in journal.undo())
    assert list(root.iterdir()) == []
    assert list(journals.iterdir()) == []
    assert all(source.stat().st_size == 3 * 1024 * 1024 + 5 for source in sources)


def test_a_failure_of_the_journal_itself_stops_before_any_file(
    tmp_path: Path, make_sequence: MakeSequence
) -> None:
    sources = make_sequence(2)
    journal = Journal(tmp_path / "missing-folder" / "x.journal")

    with pytest.raises(FileNotFoundError):
        transfer_files(
            [FileTransfer(s, tmp_path / "pub" / s.name) for s in sources], "copy", journal
        )

    assert not (tmp_path / "pub").exists()
