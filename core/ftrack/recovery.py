"""Finishing publishes whose process was killed: undo them, or keep what was published."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ftrack_api

from ftpub.core.journal import Journal, Undone, stale_journals

from .calls import send
from .operations import query, quoted
from .rollback import FtrackUndo


@dataclass(frozen=True)
class Recovered:
    """What became of one interrupted publish."""

    journal: Path
    kept: bool
    """The versions had been published before the process died: nothing was undone."""
    undone: tuple[Undone, ...] = ()

    @property
    def ok(self) -> bool:
        return all(undone.ok for undone in self.undone)


def recover(session: ftrack_api.Session, folder: Path) -> list[Recovered]:
    """Finish the journals this machine's dead publishes left for ``session``'s server."""
    outcomes = []
    for journal in stale_journals(folder):
        if journal.server not in (None, session.server_url):
            continue
        if journal.published and _all_published(session, journal):
            journal.close()
            outcomes.append(Recovered(journal.path, kept=True))
        else:
            undone = journal.undo(FtrackUndo(session))
            outcomes.append(Recovered(journal.path, kept=False, undone=tuple(undone)))
    return outcomes


def _all_published(session: ftrack_api.Session, journal: Journal) -> bool:
    ids = [entity_id for _, entity_id in journal.published]
    found = send(
        session,
        [query(f"select is_published from AssetVersion where id in ({quoted(ids)})")],
        "check an interrupted publish",
    )[0]["data"]
    with session.auto_populating(False):
        return len(found) == len(ids) and all(version["is_published"] for version in found)
