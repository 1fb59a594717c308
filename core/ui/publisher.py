"""The window's publish controller (no widgets): checks, session, the stepped run, its result.

``message(str)`` carries what the artist must fix before anything runs (no task, an empty
required comment, ftrack unreachable); ``started``, ``stepped`` and ``finished`` follow a run;
``transferred(TransferProgress)`` reports files and bytes while transfers run (in a worker
thread, :mod:`~ftpub.core.ui.worker`; at most every :data:`PROGRESS_INTERVAL`);
``versions(list)`` the published versions with thumbnails, once read back from ftrack.
Plugins are discovered on the main thread while the session opens in a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import ftrack_api
import pluggy
from qtpy import QtCore

from ftpub.core import actions, runner
from ftpub.core.config import Config, ConfigError, load_config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import Discovery, discover
from ftpub.core.files.progress import TransferProgress
from ftpub.core.ftrack.session import open_session
from ftpub.core.hooks import HookLoadError, HostAdapter, plugin_manager
from ftpub.core.offload import OFFLOAD_KEY, PROGRESS_KEY
from ftpub.core.result import Outcome, PublishResult, Stage
from ftpub.core.ui import tracker
from ftpub.core.ui.background import Background
from ftpub.core.ui.driver import RunDriver
from ftpub.core.ui.worker import in_worker

SessionFactory = Callable[[], ftrack_api.Session]
#: Seconds between two ``transferred`` signals (the last one always goes).
PROGRESS_INTERVAL = 0.05


class Publisher(QtCore.QObject):
    """Runs validations and publishes of ``host``'s instances to :attr:`task`."""

    message = QtCore.Signal(str)
    started = QtCore.Signal(object)
    stepped = QtCore.Signal(object)
    finished = QtCore.Signal(object)
    transferred = QtCore.Signal(object)
    versions = QtCore.Signal(object)

    def __init__(
        self,
        host: HostAdapter,
        targets: tuple[str, ...],
        connect: SessionFactory = open_session,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.targets = targets
        self.open_session = connect
        self.task: TaskContext | None = None
        self.run: runner.Run | None = None
        self.result: PublishResult | None = None
        self.connecting = False
        self._driver: RunDriver | None = None
        self._session: ftrack_api.Session | None = None
        self._config: Config | None = None
        self._hooks: pluggy.PluginManager | None = None
        self._discovery: Discovery | None = None
        self._background = Background(self)
        self._reported = 0.0
        self._asked: tuple[Stage, str, frozenset[str]] = (Stage.INTEGRATE, "", frozenset())
        self._connect_soon = QtCore.QTimer(self)
        self._connect_soon.setSingleShot(True)
        self._connect_soon.setInterval(0)
        self._connect_soon.timeout.connect(self._connect)

    @property
    def busy(self) -> bool:
        return self.connecting or self._driver is not None

    def start(self, last_stage: Stage, comment: str, excluded: frozenset[str]) -> bool:
        """Check what the artist can fix, then connect and run; False (with a message) if not.

        Connecting starts on the next event-loop turn, once the window has shown that the run
        is under way: a repaint meanwhile would compete with it for the GIL, slowing both.
        """
        problem = self._check(last_stage, comment, excluded)
        if problem:
            self.message.emit(problem)
            return False
        self.connecting = True
        self.result = None
        self._asked = (last_stage, comment, excluded)
        self._connect_soon.start()
        return True

    def _connect(self) -> None:
        """Open the session in a worker thread; discover plugins on the main thread meanwhile."""
        if not self.connecting:  # stopped before
            return
        last_stage, comment, excluded = self._asked
        self._background.run(
            self.open_session,
            lambda session: self._connected(session, last_stage, comment, excluded),
            self._not_connected,
        )
        assert self._config is not None
        self._discovery = discover(self.host.name, self._config, self._hooks)

    def _check(self, last_stage: Stage, comment: str, excluded: frozenset[str]) -> str:
        if self.busy:
            return "A run is under way: wait for it, or Stop it."
        if self.task is None:
            return "Choose the task to publish to first (Change task…)."
        names = {publishable.data.name for publishable in self.host.publishables()}
        if not names:
            return "Nothing to publish: the scene marks no instance."
        if names <= excluded:
            return "Every instance is switched off: tick at least one."
        try:
            self._config = load_config(self.task.project_name)
            self._hooks = plugin_manager()
        except ConfigError as error:
            return f"The studio config is wrong: {error}"
        except HookLoadError as error:
            return f"A studio extension failed to load: {error}"
        if last_stage is Stage.INTEGRATE and self._config.require_comment and not comment.strip():
            return f"Write a comment: publishes to {self.task.project_name} need one."
        return ""

    def _not_connected(self, error: Exception) -> None:
        self.connecting = False
        self.message.emit(f"Cannot reach ftrack, nothing was run: {error}")

    def _connected(
        self,
        session: ftrack_api.Session,
        last_stage: Stage,
        comment: str,
        excluded: frozenset[str],
    ) -> None:
        if not self.connecting:
            session.close()
            return
        self.connecting = False
        assert self.task is not None and self._config is not None
        assert self._discovery is not None
        started = runner.start(
            self._discovery,
            self.host,
            self.task,
            self._config,
            self.targets,
            comment,
            last_stage,
            session=session,
            hooks=self._hooks,
        )
        if isinstance(started, PublishResult):
            session.close()
            self._done(started)
            return
        self._session = session
        self.run = started
        started.context.data[PROGRESS_KEY] = self._report
        started.context.data[OFFLOAD_KEY] = in_worker
        self._driver = RunDriver(started, excluded, self)
        self._driver.stepped.connect(self.stepped)
        self._driver.finished.connect(self._done)
        self.started.emit(started)
        self._driver.start()

    def _report(self, progress: TransferProgress) -> None:
        """Called from the transfer threads, one at a time; the signal reaches the window."""
        now = time.monotonic()
        if progress.finished or now - self._reported >= PROGRESS_INTERVAL:
            self._reported = now
            self.transferred.emit(progress)

    def stop(self) -> None:
        """Stop before the next step (or before the run starts while connecting)."""
        if self.connecting:
            self.connecting = False
            self._done(PublishResult(Outcome.STOPPED, (), 0.0))
        elif self._driver is not None:
            self._driver.stop()

    def _done(self, result: PublishResult) -> None:
        self._driver = None
        self.result = result
        session, self._session = self._session, None
        self.finished.emit(result)
        if session is None:
            return
        if result.versions and self._config is not None:
            location = self._config.storage_location
            self._background.run(
                lambda: _read_back(session, result, location), self.versions.emit, self._no_views
            )
        else:
            session.close()

    def _no_views(self, error: Exception) -> None:
        self.message.emit(f"Published, but ftrack could not be read back: {error}")

    def offers(self) -> list[actions.Offer]:
        """The Actions the last run's plugins offer."""
        if self.run is None:
            return []
        return actions.available(self.run.plugins, self.run.steps)

    def run_action(self, offer: actions.Offer) -> actions.ActionResult:
        """Run an Action on the main thread, on the last run's context (as the artist asked)."""
        assert self.run is not None
        return actions.run_action(offer, self.run.context)


def _read_back(
    session: ftrack_api.Session, result: PublishResult, location: str
) -> list[tracker.VersionView]:
    try:
        return tracker.published(session, result.versions, location)
    finally:
        session.close()
