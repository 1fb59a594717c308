"""ftpub's loop over pyblish plugins, with ftpub's stop rules.

- Collection and validation run to the end, so every problem is reported at once; any failure
  in them stops the publish before extraction. An instance whose collection failed is left out
  of the plugins after that failure (they would only fail on the same data again).
- Any failure in extraction or integration stops the publish at once.
- A plugin runs when one of its ``targets`` is requested; a ContextPlugin whose ``families``
  are not ``["*"]`` runs only when an active instance matches them.

:func:`publish` prepares the pyblish context plugins read: ``context.data["host"]`` (the host
adapter), ``["task"]`` (:class:`~ftpub.core.context.TaskContext`), ``["config"]``,
``["comment"]``, ``["ftrack_session"]`` and ``["hooks"]`` (the pluggy manager);
integrators append :class:`~ftpub.core.result.PublishedVersion` objects to
``["published_versions"]``.

Log records of plugins (loggers ``pyblish.*``) and of ftpub (``ftpub.*``) are captured per
step by a handler on those two loggers; the root logger's level is never changed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence

import ftrack_api
import pluggy
import pyblish.api
import pyblish.logic
import pyblish.plugin

from ftpub.core.config import Config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import Discovery
from ftpub.core.hooks import HostAdapter
from ftpub.core.result import (
    ErrorInfo,
    Outcome,
    PublishedVersion,
    PublishResult,
    Record,
    Stage,
    State,
    StepResult,
)

CAPTURED_LOGGERS = ("pyblish", "ftpub")
MAX_RECORDS_PER_STEP = 200
VERSIONS_KEY = "published_versions"

log = logging.getLogger(__name__)

StepCallback = Callable[[StepResult], None]


class _Capture(logging.Handler):
    """Collects the records of one step, keeping at most :data:`MAX_RECORDS_PER_STEP`."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[Record] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < MAX_RECORDS_PER_STEP:
            self.records.append(Record.from_log(record))
        else:
            self.dropped += 1

    def take(self) -> tuple[Record, ...]:
        records = self.records
        if self.dropped:
            records.append(Record("WARNING", log.name, f"{self.dropped} more records dropped"))
        self.records, self.dropped = [], 0
        return tuple(records)


def _per_instance(plugin: type[pyblish.api.Plugin]) -> bool:
    """InstancePlugins run per instance, ContextPlugins once; old-style plugins by signature."""
    if issubclass(plugin, pyblish.api.InstancePlugin):
        return True
    return not issubclass(plugin, pyblish.api.ContextPlugin) and plugin.__instanceEnabled__


def _targets_of(
    plugin: type[pyblish.api.Plugin], context: pyblish.api.Context, broken: set[str]
) -> Iterator[pyblish.api.Instance | None]:
    """What ``plugin`` runs on: each matching instance, or the context once (``None``).

    Instances with ``publish`` False, or whose collection failed (``broken`` ids), are left out.
    """
    active = [
        instance
        for instance in context
        if instance.data.get("publish") is not False and instance.id not in broken
    ]
    matching = pyblish.logic.instances_by_plugin(active, plugin)
    if _per_instance(plugin):
        yield from matching
    elif "*" in plugin.families or matching:
        yield None


def _invoke(
    plugin: type[pyblish.api.Plugin],
    context: pyblish.api.Context,
    instance: pyblish.api.Instance | None,
) -> None:
    if issubclass(plugin, pyblish.api.ContextPlugin):
        plugin().process(context)
    elif issubclass(plugin, pyblish.api.InstancePlugin):
        plugin().process(instance)
    else:
        provider = pyblish.plugin.Provider()
        provider.inject("plugin", plugin)
        provider.inject("context", context)
        provider.inject("instance", instance)
        provider.invoke(plugin().process)


def _step(
    plugin: type[pyblish.api.Plugin],
    context: pyblish.api.Context,
    instance: pyblish.api.Instance | None,
    capture: _Capture,
) -> StepResult:
    label = plugin.label or plugin.__name__
    error = None
    start = time.perf_counter()
    try:
        _invoke(plugin, context, instance)
    except Exception as exception:
        error = ErrorInfo.from_exception(exception, label)
    duration_ms = (time.perf_counter() - start) * 1000.0
    return StepResult(
        plugin=plugin.__name__,
        label=label,
        order=plugin.order,
        instance=None if instance is None else instance.name,
        state=State.SUCCESS if error is None else State.FAILED,
        duration_ms=duration_ms,
        records=capture.take(),
        error=error,
    )


def _summary(failures: Sequence[StepResult]) -> ErrorInfo:
    """One error for the whole publish: the first failure, counting the others."""
    errors = [(step, step.error) for step in failures if step.error is not None]
    first = errors[0][1]
    if len(errors) == 1:
        return first
    lines = [
        f"{step.plugin} [{step.instance or 'context'}]: {error.line()}" for step, error in errors
    ]
    description = f"{first.description} (+{len(errors) - 1} more)"
    return ErrorInfo(first.title, description, "\n".join(lines))


class Run:
    """A publish in progress, one plugin-and-instance step at a time.

    :meth:`step` runs the next step and returns it (``None`` once nothing is left), so a window
    can run one step per event-loop turn and stop between any two; :meth:`stop` ends the run
    early and :meth:`result` gives the :class:`PublishResult` of what ran. :func:`run` is the
    headless loop over the same steps.
    """

    def __init__(
        self,
        plugins: Sequence[type[pyblish.api.Plugin]],
        context: pyblish.api.Context,
        targets: Sequence[str] = ("default",),
        last_stage: Stage = Stage.INTEGRATE,
        problems: Sequence[ErrorInfo] = (),
    ) -> None:
        self.context = context
        self.last_stage = last_stage
        self.steps: list[StepResult] = []
        self.failures: list[StepResult] = []
        self.problems = tuple(problems)
        self.stopped = False
        self._over = False
        self._broken: set[str] = set()
        self._capture = _Capture()
        self._start = time.perf_counter()
        ordered = sorted(plugins, key=lambda plugin: plugin.order)
        self.plugins = tuple(pyblish.logic.plugins_by_targets(ordered, list(targets)))
        self._pending = self._walk(self.plugins)

    def _walk(
        self, plugins: Sequence[type[pyblish.api.Plugin]]
    ) -> Iterator[tuple[type[pyblish.api.Plugin], pyblish.api.Instance | None]]:
        """Every step still to run, by the stop rules, decided as the run goes."""
        for plugin in plugins:
            stage = Stage.of(plugin.order)
            if stage > self.last_stage or (self.failures and stage >= Stage.EXTRACT):
                return
            if not plugin.active:
                continue
            for instance in _targets_of(plugin, self.context, self._broken):
                yield plugin, instance
                if self.failures and stage >= Stage.EXTRACT:
                    return

    @property
    def done(self) -> bool:
        return self._over

    def step(self) -> StepResult | None:
        """Run the next step and return it; ``None`` when the run is over."""
        if self._over:
            return None
        following = next(self._pending, None)
        if following is None:
            self._over = True
            return None
        plugin, instance = following
        loggers = [logging.getLogger(name) for name in CAPTURED_LOGGERS]
        for logger in loggers:
            logger.addHandler(self._capture)
        try:
            step = _step(plugin, self.context, instance, self._capture)
        finally:
            for logger in loggers:
                logger.removeHandler(self._capture)
        self.steps.append(step)
        if step.state is State.FAILED:
            self.failures.append(step)
            if step.stage is Stage.COLLECT and instance is not None:
                self._broken.add(instance.id)
        return step

    def stop(self) -> None:
        """End the run before its next step; its outcome is ``STOPPED`` unless it was over."""
        self.stopped = not self._over
        self._over = True
        self._pending.close()

    def result(self) -> PublishResult:
        """What ran so far, as one result."""
        if self.stopped:
            outcome = Outcome.STOPPED
        elif self.failures:
            first = self.failures[0]
            outcome = Outcome.INVALID if first.stage < Stage.EXTRACT else Outcome.FAILED
        else:
            outcome = Outcome.PUBLISHED if self.last_stage is Stage.INTEGRATE else Outcome.VALIDATED
        versions: list[PublishedVersion] = self.context.data.get(VERSIONS_KEY, [])
        return PublishResult(
            outcome=outcome,
            steps=tuple(self.steps),
            duration_ms=(time.perf_counter() - self._start) * 1000.0,
            error=_summary(self.failures) if self.failures else None,
            versions=tuple(versions),
            problems=self.problems,
        )


def run(
    plugins: Sequence[type[pyblish.api.Plugin]],
    context: pyblish.api.Context,
    targets: Sequence[str] = ("default",),
    last_stage: Stage = Stage.INTEGRATE,
    on_step: StepCallback | None = None,
) -> PublishResult:
    """Run ``plugins`` in order on ``context`` up to ``last_stage``, by ftpub's stop rules."""
    return _to_the_end(Run(plugins, context, targets, last_stage), on_step)


def _to_the_end(current: Run, on_step: StepCallback | None) -> PublishResult:
    while (step := current.step()) is not None:
        if on_step is not None:
            on_step(step)
    return current.result()


def start(
    discovery: Discovery,
    host: HostAdapter,
    task: TaskContext,
    config: Config,
    targets: Sequence[str],
    comment: str = "",
    last_stage: Stage = Stage.INTEGRATE,
    session: ftrack_api.Session | None = None,
    hooks: pluggy.PluginManager | None = None,
) -> Run | PublishResult:
    """A :class:`Run` of a discovered plugin set for ``host``, ready to step; or, when nothing
    may run (discovery failed strictly, or a full publish has no integrator), the
    ``NOT_STARTED`` result saying why.

    ``session`` (the publish's one ftrack session) and ``hooks`` reach plugins as
    ``context.data["ftrack_session"]`` and ``context.data["hooks"]``.
    """
    problems = tuple(problem.to_error() for problem in discovery.problems)
    plugins = pyblish.logic.plugins_by_targets(discovery.classes(), list(targets))
    error = None
    if problems and config.strict_discovery:
        count = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        error = ErrorInfo(problems[0].title, problems[0].description + count, problems[0].detail)
    elif last_stage is Stage.INTEGRATE and not any(
        Stage.of(plugin.order) is Stage.INTEGRATE for plugin in plugins
    ):
        error = ErrorInfo(
            "No integrator configured",
            "no plugin would publish to ftrack, so nothing was run; "
            "'ftpub validate' checks the files without publishing",
            f"targets {list(targets)}; plugins: {[plugin.__name__ for plugin in plugins]}",
        )
    if error is not None:
        return PublishResult(Outcome.NOT_STARTED, (), 0.0, error=error, problems=problems)
    context = pyblish.api.Context()
    context.data.update(
        host=host, task=task, config=config, comment=comment, ftrack_session=session, hooks=hooks
    )
    return Run(plugins, context, targets, last_stage, problems)


def publish(
    discovery: Discovery,
    host: HostAdapter,
    task: TaskContext,
    config: Config,
    targets: Sequence[str],
    comment: str = "",
    last_stage: Stage = Stage.INTEGRATE,
    on_step: StepCallback | None = None,
    session: ftrack_api.Session | None = None,
    hooks: pluggy.PluginManager | None = None,
) -> PublishResult:
    """:func:`start` a run and take it to the end headless, calling ``on_step`` after each step."""
    started = start(discovery, host, task, config, targets, comment, last_stage, session, hooks)
    if isinstance(started, PublishResult):
        return started
    return _to_the_end(started, on_step)
