"""Sending one batch of operations to ftrack, surviving transient failures.

A transient failure (HTTP 5xx, a reset or dropped connection, a timeout, a reply that is not
JSON) is retried with backoff. A batch that creates entities may have been applied even though
its reply was lost, so before sending it again the entities' ids (assigned here, on the client)
are looked up: found means applied, and such a batch is never applied twice. A batch that names
no created entities is sent again as it is: only idempotent batches (queries, updates) and
deletes (whose callers check what is left) should be sent that way.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

import ftrack_api
import ftrack_api.exception
import requests

from .operations import Operation, query, quoted

log = logging.getLogger(__name__)
T = TypeVar("T")

DUPLICATE_ENTRY = "DuplicateEntryError"
"""The server's exception for an entity that exists already (a unique name taken)."""

#: Exception names in a server's error reply that no retry can fix.
PERMANENT_ERRORS = (
    "ValidationError",
    "PermissionError",
    DUPLICATE_ENTRY,
    "InvalidCredentialsError",
    "ParseError",
    "NoResultFoundError",
)

_SERVER_EXCEPTION = re.compile(r"Server reported error: (\w+)\(")

Result: TypeAlias = dict[str, Any]
"""One operation's result, as the client decoded it (``data`` holds entities)."""


class FtrackCallError(Exception):
    """A call that failed for good; says what it was doing and why.

    ``exception`` is the name of the server's exception (``"DuplicateEntryError"``) when the
    server refused the request, None when the call failed otherwise.
    """

    def __init__(
        self, purpose: str, reason: str, attempts: int, exception: str | None = None
    ) -> None:
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        super().__init__(f"ftrack could not {purpose}{tries}: {reason}")
        self.purpose = purpose
        self.reason = reason
        self.exception = exception


@dataclass(frozen=True)
class Reply:
    """The results of one call, one per operation, in order.

    When the reply was lost and the batch was found applied, ``lost`` is True and ``results``
    hold only the created entities, with their ids: read other values with a query.
    """

    results: tuple[Result, ...]
    lost: bool = False

    def __getitem__(self, index: int) -> Result:
        return self.results[index]

    def __iter__(self) -> Iterator[Result]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently transient failures are retried."""

    attempts: int = 5
    first_delay: float = 0.2
    factor: float = 2.0
    max_delay: float = 5.0

    def delays(self) -> list[float]:
        return [
            min(self.first_delay * self.factor**n, self.max_delay) for n in range(self.attempts - 1)
        ]


DEFAULT_POLICY = RetryPolicy()


def server_exception(error: BaseException) -> str | None:
    """The name of the exception a server reported in ``error``, if it is such a refusal."""
    if not isinstance(error, ftrack_api.exception.ServerError):
        return None
    match = _SERVER_EXCEPTION.search(str(error))
    return match.group(1) if match else None


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` may go away when the same request is sent again."""
    if isinstance(error, requests.exceptions.HTTPError) and error.response is not None:
        return bool(error.response.status_code >= 500)
    if isinstance(error, requests.exceptions.RequestException | json.JSONDecodeError):
        return True
    if isinstance(error, ftrack_api.exception.ServerError):
        return server_exception(error) not in PERMANENT_ERRORS
    return False


def send(
    session: ftrack_api.Session,
    operations: Sequence[Operation],
    purpose: str,
    policy: RetryPolicy = DEFAULT_POLICY,
    created: Sequence[tuple[str, str]] = (),
    sleep: Callable[[float], None] = time.sleep,
) -> Reply:
    """Send ``operations`` in one ``/api`` call and return its reply.

    ``created`` lists the (type, id) of every entity the batch creates; when a reply is lost,
    they are looked up, and if they exist the batch counts as applied (see :attr:`Reply.lost`).
    ``purpose`` completes "ftrack could not …" in errors.
    """
    attempts = 0

    def call() -> Reply:
        nonlocal attempts
        attempts += 1
        return Reply(tuple(session.call(list(operations))))

    def after_failure(error: BaseException) -> Reply | None:
        log.warning("ftrack call to %s failed (%s); retrying", purpose, _reason(error, session))
        return _applied(session, created, purpose, policy, sleep) if created else None

    try:
        return retried(call, policy, sleep, after_failure)
    except Exception as error:
        raise FtrackCallError(
            purpose, _reason(error, session), attempts, server_exception(error)
        ) from None


def retried(
    action: Callable[[], T],
    policy: RetryPolicy = DEFAULT_POLICY,
    sleep: Callable[[float], None] = time.sleep,
    after_failure: Callable[[BaseException], T | None] | None = None,
) -> T:
    """Run ``action``, and again after each transient failure, at most ``policy.attempts`` times.

    ``after_failure`` runs after each retried failure, once the pause is over, and may return
    a result that ends the retries (a lost reply found applied). The last error, or one that
    no retry can fix, propagates as it is.
    """
    delays = policy.delays()
    for attempt in range(policy.attempts):
        try:
            return action()
        except Exception as error:
            if not is_transient(error) or attempt == policy.attempts - 1:
                raise
            sleep(delays[attempt])
            if after_failure is not None and (result := after_failure(error)) is not None:
                return result
    raise AssertionError("unreachable")


def _applied(
    session: ftrack_api.Session,
    created: Sequence[tuple[str, str]],
    purpose: str,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
) -> Reply | None:
    """The created entities if the lost batch was applied, None if it was not."""
    by_type: dict[str, list[str]] = {}
    for type_id, entity_id in created:
        by_type.setdefault(type_id, []).append(entity_id)
    lookups = [
        query(f"select id from {type_id} where id in ({quoted(ids)})")
        for type_id, ids in by_type.items()
    ]
    results = send(session, lookups, f"check whether '{purpose}' was applied", policy, sleep=sleep)
    found = sum(len(result["data"]) for result in results)
    if found == 0:
        return None
    if found != len(created):
        raise FtrackCallError(purpose, f"only {found} of {len(created)} entities were created", 1)
    log.warning("the reply to %s was lost, but the server had applied it", purpose)
    return Reply(
        tuple({"action": "create", "data": item} for result in results for item in result["data"]),
        lost=True,
    )


def _reason(error: BaseException, session: ftrack_api.Session) -> str:
    text = (
        f"{type(error).__name__}: {error}"
        if not isinstance(error, ftrack_api.exception.ServerError)
        else str(error)
    )
    return text.replace(session.api_key, "***") if session.api_key else text
