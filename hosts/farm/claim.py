"""One publish of a manifest at a time, however many farm workers run its publish step.

Before publishing, the step creates a Metadata entry on the task, keyed
``ftpub_publishing_<manifest_id>``. ftrack keys Metadata by (parent, key), so a second run's
create is refused and that run waits until the manifest is published (it publishes nothing),
or until the claim is gone (the publish failed and let go: it publishes itself). The holder
renews its claim while it publishes and deletes it afterwards, published or not. A claim not
renewed for :data:`STALE_AFTER` seconds (its worker was killed) is broken by one waiter: the
one whose create of the matching ``ftpub_breaking_…`` entry succeeds.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

import ftrack_api

from ftpub.core.ftrack.calls import FtrackCallError, send
from ftpub.core.ftrack.operations import (
    CreateOperation,
    DeleteOperation,
    UpdateOperation,
    create_metadata,
    query,
    quoted,
)
from ftpub.hosts.farm.published import published_from

log = logging.getLogger(__name__)

CLAIM_PREFIX = "ftpub_publishing_"
BREAK_PREFIX = "ftpub_breaking_"
POLL_SECONDS = 3.0
"""How often a waiting run looks again."""
RENEW_SECONDS = 60.0
"""How often the holder renews its claim while it publishes."""
STALE_AFTER = 600.0
"""A claim not renewed for this long is its killed holder's, and may be broken."""
LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Holder:
    """Who holds a claim, and when they last said so (UTC)."""

    token: str
    host: str
    pid: int
    renewed: datetime

    @classmethod
    def me(cls) -> Holder:
        return cls(str(uuid.uuid4()), socket.gethostname(), os.getpid(), _now())

    @classmethod
    def parse(cls, value: str) -> Holder:
        """The holder written in a claim's value; an unreadable one counts as long stale."""
        try:
            table = json.loads(value)
            renewed = datetime.fromisoformat(table["renewed"])
            return cls(str(table["token"]), str(table["host"]), int(table["pid"]), renewed)
        except (ValueError, KeyError, TypeError):
            return cls("unreadable", "an unknown worker", 0, LONG_AGO)

    def value(self) -> str:
        table = {"token": self.token, "host": self.host, "pid": self.pid}
        return json.dumps({**table, "renewed": self.renewed.isoformat()})

    def renewed_now(self) -> Holder:
        return Holder(self.token, self.host, self.pid, _now())

    def is_stale(self) -> bool:
        return (_now() - self.renewed).total_seconds() > STALE_AFTER

    def describe(self) -> str:
        return f"{self.host} (process {self.pid}, alive at {self.renewed:%H:%M:%S} UTC)"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _update(task_id: str, key: str, value: str) -> UpdateOperation:
    entity_data: dict[str, object] = {"__entity_type__": "Metadata", "value": value}
    entity_key = [task_id, key]
    return {
        "action": "update",
        "entity_type": "Metadata",
        "entity_key": entity_key,
        "entity_data": entity_data,
    }


def _delete(task_id: str, key: str) -> DeleteOperation:
    return {"action": "delete", "entity_type": "Metadata", "entity_key": [task_id, key]}


def _read(session: ftrack_api.Session, task_id: str, key: str) -> Holder | None:
    expression = (
        f"select value from Metadata where parent_id is {quoted([task_id])} "
        f"and key is {quoted([key])}"
    )
    found = send(session, [query(expression)], f"read the claim {key}")[0]["data"]
    with session.auto_populating(False):
        return Holder.parse(found[0]["value"]) if found else None


def _create(session: ftrack_api.Session, operation: CreateOperation, holder: Holder) -> bool:
    """Whether this run created the entry (or had, its reply lost); False if another run has.

    A create refused while no entry is there (the other run let go meanwhile) is tried once
    more; refused again, its error is raised.
    """
    task_id, key = operation["entity_key"]
    for attempt in range(2):
        try:
            send(session, [operation], f"claim {key}")
        except FtrackCallError:
            current = _read(session, task_id, key)
            if current is None and attempt == 0:
                continue
            if current is None:
                raise
            return current.token == holder.token
        return True
    raise AssertionError("unreachable")


class Claim:
    """The claim this run holds on a manifest's publish."""

    def __init__(
        self, session: ftrack_api.Session, task_id: str, manifest_id: str, holder: Holder
    ) -> None:
        self.session = session
        self.task_id = task_id
        self.key = CLAIM_PREFIX + manifest_id
        self.holder = holder

    def take(self) -> bool:
        """Whether this run now holds the claim (False: another run does)."""
        entry = create_metadata("Task", self.task_id, self.key, self.holder.value())
        return _create(self.session, entry, self.holder)

    def renew(self) -> None:
        """Say this run is still publishing; a claim another run took over stays theirs."""
        current = _read(self.session, self.task_id, self.key)
        if current is None or current.token != self.holder.token:
            log.warning("the claim %s is no longer this run's", self.key)
            return
        self.holder = self.holder.renewed_now()
        operation = _update(self.task_id, self.key, self.holder.value())
        send(self.session, [operation], f"renew the claim {self.key}")

    @contextmanager
    def renewing(self, every: float = RENEW_SECONDS) -> Iterator[None]:
        """Renew the claim every ``every`` seconds in a thread, until the block ends."""
        done = threading.Event()

        def run() -> None:
            while not done.wait(every):
                try:
                    self.renew()
                except FtrackCallError as error:  # the next renewal may get through
                    log.warning("could not renew the claim %s: %s", self.key, error)

        thread = threading.Thread(target=run, name="ftpub-claim", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()

    def release(self) -> None:
        """Let go of the claim, if it is still this run's."""
        current = _read(self.session, self.task_id, self.key)
        if current is not None and current.token == self.holder.token:
            send(self.session, [_delete(self.task_id, self.key)], f"release the claim {self.key}")


def _break(session: ftrack_api.Session, task_id: str, claim_key: str, stale: Holder) -> None:
    """Remove ``stale``'s claim, if this run is the one waiter allowed to."""
    me = Holder.me()
    breaker = BREAK_PREFIX + stale.token
    if not _create(session, create_metadata("Task", task_id, breaker, me.value()), me):
        return
    current = _read(session, task_id, claim_key)
    operations = [_delete(task_id, breaker)]
    if current is not None and current.token == stale.token:
        operations.insert(0, _delete(task_id, claim_key))
        log.warning("broke the stale claim of %s", stale.describe())
    send(session, operations, f"break the stale claim {claim_key}")


def acquire(
    session: ftrack_api.Session,
    task_id: str,
    manifest_id: str,
    waiting: Callable[[Holder], None],
    poll: float = POLL_SECONDS,
) -> Claim | list[str]:
    """Claim the publish of ``manifest_id``; while another run holds it, wait (``waiting`` is
    told who, once). Returns the claim, or the versions that were published meanwhile."""
    claim = Claim(session, task_id, manifest_id, Holder.me())
    told, first = False, True
    while True:
        other = None if first else _read(session, task_id, claim.key)
        first = False
        if other is None:
            if claim.take():
                done = published_from(session, manifest_id)
                if done:
                    claim.release()
                    return done
                return claim
            continue  # another run was quicker: read who
        done = published_from(session, manifest_id)
        if done:
            return done
        if other.is_stale():
            _break(session, task_id, claim.key, other)
            continue
        if not told:
            waiting(other)
            told = True
        time.sleep(poll)
