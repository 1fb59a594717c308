"""The compensation log of a publish: what it created, kept on disk until it is published.

Every folder, file, upload and ftrack entity a publish creates is recorded here *before* it
is created, in a JSON-lines file flushed to disk. A publish that fails undoes the entries in
reverse; one whose process was killed leaves its journal behind, and
:func:`stale_journals` finds it for a later run on the same machine to finish. A publish that
succeeds deletes its journal.

A journal's name says which machine and process wrote it; its first entry names the ftrack
server it publishes to, so a journal is only ever undone against that server.

Nothing here can jam later publishes: a damaged journal (a line torn by a crash or a full disk)
is read as far as it can be, and the damaged file is kept aside as ``*.damaged``. An entry
whose undo failed is said once, with one warning, and kept aside in ``*.abandoned`` for a
person, never tried again, unless its undo could only not *reach* what it undoes
(:class:`UndoLater`: ftrack or the storage unreachable). Such an entry stays in the journal
and a later publish tries again, quietly, :data:`MAX_UNDO_ATTEMPTS` times in all; then it
is kept aside the same way.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

EntryKind = Literal[
    "server", "folder", "file", "ftrack", "upload", "publishing", "released", "attempt"
]

#: Kinds that record something about the publish, not something it created.
MARKER_KINDS = ("server", "publishing", "released", "attempt")

#: Undos of one journal that could not reach what they undo, before its entries are set aside.
MAX_UNDO_ATTEMPTS = 3

#: Errors of removing a file or folder that say its storage could not be reached.
UNREACHABLE_ERRNOS = frozenset(
    {errno.EIO, errno.ESTALE, errno.ETIMEDOUT, errno.ENOTCONN, errno.EHOSTDOWN, errno.EHOSTUNREACH}
)

log = logging.getLogger("ftpub.journal")

#: Kinds whose undo needs ftrack: created entities, and files uploaded to its storage.
REMOTE_KINDS = ("ftrack", "upload")

#: Undoes one entry of a :data:`REMOTE_KINDS` kind.
UndoRemote = Callable[["Entry"], None]


@dataclass(frozen=True)
class Entry:
    """One thing a publish created."""

    kind: EntryKind
    path: str = ""
    entities: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        if self.entities:
            return f"{self.kind} " + ", ".join(
                f"{type_id} {entity_id}" for type_id, entity_id in self.entities
            )
        return f"{self.kind} {self.path}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": self.path, "entities": [list(e) for e in self.entities]}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Entry:
        return cls(
            raw["kind"],
            raw.get("path", ""),
            tuple((str(t), str(i)) for t, i in raw.get("entities", ())),
        )


class UndoLater(Exception):
    """An undo could not reach what it undoes (ftrack or the storage is unreachable): a later
    attempt may succeed."""


@dataclass(frozen=True)
class Undone:
    """The outcome of undoing one entry; ``later`` when a later attempt may still succeed."""

    entry: Entry
    error: str | None = None
    later: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


class Journal:
    """An append-only record of what one publish created."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self.set_aside: Path | None = None
        """Where a damaged or abandoned copy of this journal was kept, if it was."""
        if path.exists():
            self._read()

    def _read(self) -> None:
        """Read every entry that can be read; keep a damaged file aside and rewrite it."""
        text = self.path.read_bytes().decode("utf-8", errors="replace")
        damaged = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                self.entries.append(Entry.from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(number)
        if not damaged:
            return
        self.set_aside = _aside(self.path, "damaged")
        os.replace(self.path, self.set_aside)
        self._rewrite()
        log.warning(
            "The publish journal %s was damaged (unreadable line %s); recovered %d entries, "
            "the damaged file is kept as %s",
            self.path.name,
            ", ".join(map(str, damaged)),
            len(self.entries),
            self.set_aside,
        )

    def _rewrite(self) -> None:
        _write(self.path, self.entries)

    @property
    def attempts(self) -> int:
        """How many undos of this journal failed so far."""
        return sum(1 for entry in self.entries if entry.kind == "attempt")

    @classmethod
    def create(cls, folder: Path, server: str | None = None) -> Journal:
        """A new journal in ``folder``, for a publish to the ftrack ``server`` if it has one."""
        folder.mkdir(parents=True, exist_ok=True)
        journal = cls(folder / f"{_host()}-{os.getpid()}-{uuid.uuid4().hex}.journal")
        if server is not None:
            journal.record(Entry("server", server))
        return journal

    @property
    def server(self) -> str | None:
        """The ftrack server the journal's entities live on."""
        return next((entry.path for entry in self.entries if entry.kind == "server"), None)

    @property
    def published(self) -> tuple[tuple[str, str], ...]:
        """The versions whose publishing had begun (see :meth:`publishing`)."""
        return tuple(
            e for entry in self.entries if entry.kind == "publishing" for e in entry.entities
        )

    def record(self, entry: Entry) -> None:
        """Append ``entry`` and make sure it is on disk before returning."""
        self.record_many([entry])

    def record_many(self, entries: Sequence[Entry]) -> None:
        """Append ``entries`` with one write and one ``fsync`` (a sequence's thousand files)."""
        with self.path.open("a") as handle:
            handle.write("".join(json.dumps(entry.to_json()) + "\n" for entry in entries))
            handle.flush()
            os.fsync(handle.fileno())
        self.entries.extend(entries)

    def folder(self, path: Path) -> None:
        self.record(Entry("folder", str(path)))

    def file(self, path: Path) -> None:
        self.record(Entry("file", str(path)))

    def ftrack(self, entities: Sequence[tuple[str, str]]) -> None:
        self.record(Entry("ftrack", entities=tuple(entities)))

    def uploads(self, component_ids: Sequence[str]) -> None:
        """Files about to be uploaded to ftrack's storage for these components."""
        self.record(Entry("upload", entities=tuple(("upload", c) for c in component_ids)))

    def publishing(self, versions: Sequence[tuple[str, str]]) -> None:
        """The versions are about to be published: once they are, keep them (roll forward)."""
        self.record(Entry("publishing", entities=tuple(versions)))

    def release(self, path: Path) -> None:
        """``path`` turned out not to be this publish's (another one created it first)."""
        self.record(Entry("released", str(path)))

    def undo(self, undo_remote: UndoRemote | None = None) -> list[Undone]:
        """Undo every entry, newest first; keep going past failures and report each.

        A journal fully undone is deleted. What failed for good is kept aside at once
        (:meth:`abandon`); what could not be reached stays for a later publish to try again,
        :data:`MAX_UNDO_ATTEMPTS` times in all, then is kept aside too.
        """
        outcomes = []
        released = {entry.path for entry in self.entries if entry.kind == "released"}
        for entry in reversed(self.entries):
            if entry.kind in MARKER_KINDS or entry.path in released:
                continue
            try:
                _undo(entry, undo_remote)
            except Exception as error:  # each failure is reported, the rest still undone
                text = f"{type(error).__name__}: {error}"
                outcomes.append(Undone(entry, text, later=_may_work_later(error)))
            else:
                outcomes.append(Undone(entry))
        failed = [outcome for outcome in outcomes if not outcome.ok]
        if not failed:
            self.close()
            return outcomes
        self.record(Entry("attempt"))
        if self.attempts >= MAX_UNDO_ATTEMPTS:
            outcomes = [replace(outcome, later=False) for outcome in outcomes]
            failed = [outcome for outcome in outcomes if not outcome.ok]
        self.abandon([undone for undone in failed if not undone.later])
        self._keep_only([undone.entry for undone in failed if undone.later])
        return outcomes

    def abandon(self, left: Sequence[Undone]) -> None:
        """Keep ``left`` (entries whose undo failed for good) aside in ``*.abandoned`` for a
        person to remove, and say so once."""
        if not left:
            return
        self.set_aside = _aside(self.path, "abandoned")
        markers = [entry for entry in self.entries if entry.kind == "server"]
        _write(self.set_aside, markers + [undone.entry for undone in left])
        log.warning(
            "Could not undo part of a failed publish; remove it by hand: %s "
            "(listed in %s, not tried again)",
            "; ".join(f"{undone.entry.describe()} ({undone.error})" for undone in left),
            self.set_aside,
        )

    def _keep_only(self, entries: Sequence[Entry]) -> None:
        """Keep ``entries`` (and the markers) for a later attempt; none left closes the journal."""
        if not entries:
            self.close()
            return
        self.entries = [
            entry for entry in self.entries if entry.kind in MARKER_KINDS or entry in entries
        ]
        self._rewrite()

    def close(self) -> None:
        """Forget the journal: the publish is complete (or fully undone)."""
        self.path.unlink(missing_ok=True)
        self.entries = []


def _write(path: Path, entries: Sequence[Entry]) -> None:
    """Write ``entries`` as a whole new file at ``path`` (through a partial file)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w") as handle:
        handle.write("".join(json.dumps(entry.to_json()) + "\n" for entry in entries))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _may_work_later(error: Exception) -> bool:
    """Whether ``error`` only says that what an undo removes could not be reached."""
    if isinstance(error, UndoLater):
        return True
    return isinstance(error, OSError) and error.errno in UNREACHABLE_ERRNOS


def _aside(path: Path, why: str) -> Path:
    """A free name next to ``path`` for keeping it aside: ``x.journal.damaged``, ``…-2``."""
    candidate = path.with_name(f"{path.name}.{why}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{why}-{number}")
    return candidate


def _undo(entry: Entry, undo_remote: UndoRemote | None) -> None:
    if entry.kind in ("file", "folder"):
        _remove(Path(entry.path), entry.kind)
    elif entry.kind in REMOTE_KINDS and entry.entities:
        if undo_remote is None:
            raise UndoLater("no ftrack session to delete what was created")
        undo_remote(entry)


def _remove(path: Path, kind: str) -> None:
    """Remove what a publish created; a path that is not there (or cannot be) is done."""
    if not os.path.lexists(path):
        return
    if kind == "file":
        path.unlink(missing_ok=True)
        return
    try:
        path.rmdir()
    except OSError as error:
        if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        # Another publish has put something in it since: the folder is in use, it stays.


def stale_journals(folder: Path) -> Iterator[Journal]:
    """Journals left on this machine by publishes whose process is gone."""
    if not folder.is_dir():
        return
    prefix = f"{_host()}-"
    for path in sorted(folder.glob(f"{prefix}*.journal")):
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            yield Journal(path)


def _host() -> str:
    return socket.gethostname().replace("-", "_") or "host"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
