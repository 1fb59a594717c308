"""The last step of a farm job: publish a manifest once, and tell the artist when it fails.

It runs ``ftpub publish --manifest`` (so a farm publish is exactly a terminal publish), after
asking ftrack whether the manifest's ``manifest_id`` was already published (a farm retrying a
task that had succeeded: nothing is published, exit 0). When the publish fails, its last
stderr line (the readable error) goes on a Note on the task, with the job's name, unless the
studio config says ``[farm] notify = "none"``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ftpub.core.config import ConfigError, load_config
from ftpub.core.context import ContextError, TaskContext, resolve_task
from ftpub.core.ftrack.calls import FtrackCallError
from ftpub.core.ftrack.operations import quoted
from ftpub.core.ftrack.session import SessionError, open_session
from ftpub.hosts.farm.errors import FarmError
from ftpub.hosts.farm.manifest import ManifestError, load_manifest
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
        try:
            task = resolve_task(session, manifest.task_id)
            config = load_config(task.project_name)
            done = published_from(session, manifest.manifest_id)
        finally:
            session.close()
    except (*SETUP_ERRORS, FarmError) as error:
        _stderr(f"{PREFIX}{error}")
        return EXIT_USAGE
    if done:
        _stderr(f"{PREFIX}already published: {', '.join(done)}")
        return EXIT_OK
    attempt = _publish(manifest.path)
    if attempt.code == EXIT_OK or config.farm.notify == "none":
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
