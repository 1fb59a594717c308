"""The last step of a farm job: publish a manifest once, and tell the artist when it fails.

It runs ``ftpub publish --manifest`` (so a farm publish is exactly a terminal publish), after
asking ftrack whether the manifest's ``manifest_id`` was already published (a farm retrying a
task that had succeeded: nothing is published, exit 0), and while holding the manifest's
claim (a farm running the step twice at once: the second waits, see :mod:`.claim`). When the
publish fails, its last stderr line (the readable error) goes on a Note on the task, with the
job's name, unless the studio config says ``[farm] notify = "none"``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import ftrack_api

from ftpub.core.config import Config, ConfigError, load_config
from ftpub.core.context import ContextError, TaskContext, resolve_task
from ftpub.core.ftrack.calls import FtrackCallError
from ftpub.core.ftrack.operations import quoted
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.hosts.farm.claim import STALE_AFTER, Claim, Holder, acquire
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.manifest import Manifest, ManifestError, load_manifest
from ftpub.hosts.farm.published import published_from

EXIT_OK = 0
EXIT_USAGE = 2
SETUP_ERRORS = (ConfigError, ContextError, FtrackCallError, ManifestError, SessionError)
PREFIX = "ftpub: "
QUIET_LOGGERS = ("ftrack_api", "urllib3", "requests")
"""The ftrack client logs failures with tracebacks; the step's own lines already say them."""


@dataclass(frozen=True)
class Attempt:
    """How the publish went: its exit code and its last stderr line (the readable error)."""

    code: int
    line: str


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _publish(manifest: Path) -> Attempt:
    """``ftpub publish --manifest`` in a child process, its stderr passed through."""
    command = [sys.executable, "-m", "ftpub.core.cli", "publish", "--manifest", str(manifest)]
    last = ""
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace") as child:
        assert child.stderr is not None
        for line in child.stderr:
            sys.stderr.write(line)
            last = line.strip() or last
    sys.stderr.flush()
    code = child.returncode
    return Attempt(code, last or f"{PREFIX}ftpub publish ended with exit code {code}")


def _note(task: TaskContext, text: str) -> None:
    """A Note on ``task`` by the API user, through a session of its own."""
    session = open_session()
    try:
        user = session.query(f"User where username is {quoted([session.api_user])}").one()
        session.get("Task", task.task_id).create_note(text, author=user)
        session.commit()
    finally:
        session.close()


def _scrubbed(error: Exception) -> str:
    text = str(error) or type(error).__name__
    key = os.environ.get("FTRACK_API_KEY")
    return text.replace(key, "***") if key else text


@dataclass(frozen=True)
class Turn:
    """This run's turn at a manifest: its task and show config, and either the claim to
    publish or the versions the manifest already published."""

    task: TaskContext
    config: Config
    claim: Claim | None
    published: list[str]


def _take_turn(manifest: Manifest, session: ftrack_api.Session, manifest_id: str) -> Turn:
    task = resolve_task(session, manifest.task_id)
    config = load_config(task.project_name)
    done = published_from(session, manifest_id)
    if done:
        return Turn(task, config, None, done)

    def waiting(holder: Holder) -> None:
        _stderr(f"{PREFIX}{holder.describe()} is publishing this manifest; waiting for it")

    claim = acquire(session, task.task_id, manifest_id, waiting)
    if isinstance(claim, Claim):
        return Turn(task, config, claim, [])
    return Turn(task, config, None, claim)


def _publish_holding(claim: Claim, manifest: Manifest) -> Attempt:
    """Publish while renewing ``claim``; let go of it afterwards, published or not."""
    attempt = Attempt(EXIT_USAGE, f"{PREFIX}the publish was interrupted")
    try:
        with claim.renewing():
            attempt = _publish(manifest.path)
    finally:
        try:
            claim.release()
        except FtrackCallError as error:
            _stderr(
                f"{PREFIX}could not release the claim on this manifest ({_scrubbed(error)}); "
                f"a retry publishes once it is {STALE_AFTER / 60:.0f} minutes old"
            )
            _stderr(attempt.line)
    return attempt


def run_publish_step(manifest_path: Path, job_name: str) -> int:
    """Publish ``manifest_path`` once; the exit code of the farm step, its error last on stderr."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        manifest = load_manifest(manifest_path)
        if not manifest.manifest_id:
            raise FarmError(
                f"{manifest.path}: no manifest_id; a farm job needs one so that a retried job "
                "publishes once ('ftpub farm bundle' adds it)"
            )
        session = open_session()
    except (*SETUP_ERRORS, FarmError) as error:
        _stderr(f"{PREFIX}{error}")
        return EXIT_USAGE
    try:
        try:
            turn = _take_turn(manifest, session, manifest.manifest_id)
        except SETUP_ERRORS as error:
            _stderr(f"{PREFIX}{error}")
            return EXIT_USAGE
        if turn.claim is None:
            _stderr(f"{PREFIX}already published: {', '.join(turn.published)}")
            return EXIT_OK
        attempt = _publish_holding(turn.claim, manifest)
    finally:
        session.close()
    task = turn.task
    if attempt.code == EXIT_OK or turn.config.farm.notify == "none":
        return attempt.code
    job = f" (job '{job_name}')" if job_name else ""
    try:
        _note(task, f"Farm publish failed{job}: {attempt.line.removeprefix(PREFIX)}")
    except Exception as failure:  # a failed note must never hide the publish's own error
        _stderr(f"{PREFIX}could not add a note to task {task.task_name}: {_scrubbed(failure)}")
    else:
        _stderr(f"{PREFIX}added a note to task {task.task_name} of {task.parent_name}")
    _stderr(attempt.line)
    return attempt.code
