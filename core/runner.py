"""ftpub's loop over pyblish plugins, with ftpub's stop rules.

- Collection and validation run to the end, so every problem is reported at once; any failure
  in them stops the publish before extraction. An instance whose collection failed is left out
  of the plugins after that failure (they would only fail on the same data again).
- Any failure in extraction or integration stops the publish at once.
- A plugin runs when one of its ``targets`` is requested or registered with pyblish. Every
  collecting ContextPlugin runs; from validation on, a ContextPlugin whose ``families`` are
  not ``["*"]`` runs only when an active instance matches them.

Each step runs as pyblish runs a plugin (:mod:`ftpub.core.step`): ``context.data["results"]``
grows by pyblish's result dict and ``pluginFailed`` / ``pluginProcessed`` are emitted. A run
emits ``validated`` when validation is over and, for a full publish, ``published`` at its end;
:func:`toggle_instance` emits ``instanceToggled``. When a run ends (over, failed or stopped) it
removes the staging folders its extractors made (:mod:`ftpub.core.staging`).

:func:`publish` prepares the pyblish context plugins read: ``context.data["host"]`` (the host
adapter), ``["task"]`` (:class:`~ftpub.core.context.TaskContext`), ``["config"]``,
``["comment"]``, ``["ftrack_session"]`` and ``["hooks"]`` (the pluggy manager); every run also
sets pyblish's defaults ``["user"]``, ``["date"]`` and ``["cwd"]`` unless already set.
Integrators append :class:`~ftpub.core.result.PublishedVersion` objects to
``["published_versions"]``. A window adds ``["progress"]`` (its transfer progress callback)
and ``["offload"]`` (how a step's DCC-free work runs: in a worker thread while the window's
event loop turns); headless runs have neither (:mod:`ftpub.core.offload`).
"""

from __future__ import annotations

import datetime
import getpass
import os
import time
from collections.abc import Callable, Generator, Iterator, Sequence

import ftrack_api
import pluggy
import pyblish.api
import pyblish.logic

from ftpub.core.config import Config
from ftpub.core.context import TaskContext
from ftpub.core.discovery import Discovery
from ftpub.core.hooks import HostAdapter
from ftpub.core.result import (
    ErrorInfo,
    HandedOver,
    Outcome,
    PublishedVersion,
    PublishResult,
    Stage,
    State,
    StepResult,
)
from ftpub.core.staging import remove_staging_folders
from ftpub.core.step import RESULTS_KEY, Capture, run_step

VERSIONS_KEY = "published_versions"
#: ``context.data``: the :class:`~ftpub.core.result.HandedOver` instances plugins add.
HANDED_OVER_KEY = "handed_over"

StepCallback = Callable[[StepResult], None]


def run_targets(requested: Sequence[str]) -> list[str]:
    """The targets a run serves: the requested ones, then pyblish's registered targets
    (``pyblish.api.register_target``, ``PYBLISH_TARGETS``)."""
    return list(dict.fromkeys([*requested, *pyblish.api.registered_targets()]))


def default_data() -> dict[str, str]:
    """What pyblish's own default collectors put in a context: ``user``, ``date``, ``cwd``."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return {"user": getpass.getuser(), "date": f"{now.isoformat()}Z", "cwd": os.getcwd()}


def toggle_instance(instance: pyblish.api.Instance, publish: bool) -> None:
    """Include or leave out ``instance``; a change emits pyblish's ``instanceToggled``."""
    old_value = instance.data.get("publish", True) is not False
    instance.data["publish"] = publish
    if old_value != publish:
        pyblish.api.emit(
            "instanceToggled", instance=instance, new_value=publish, old_value=old_value
        )


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
    A collecting ContextPlugin always runs; a later one when ``families`` has ``"*"`` or
    matches an instance.
    """
    active = [
        instance
        for instance in context
        if instance.data.get("publish") is not False and instance.id not in broken
    ]
    matching = pyblish.logic.instances_by_plugin(active, plugin)
    if _per_instance(plugin):
        yield from matching
    elif Stage.of(plugin.order) is Stage.COLLECT or "*" in plugin.families or matching:
        yield None


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
    headless loop over the same steps. ``plugins`` are the run's plugin classes, in order.
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
        self.targets = run_targets(targets)
        ordered = sorted(plugins, key=lambda plugin: plugin.order)
        self.plugins: list[type[pyblish.api.Plugin]] = pyblish.logic.plugins_by_targets(
            ordered, self.targets
        )
        self.steps: list[StepResult] = []
        self.failures: list[StepResult] = []
        self.problems = tuple(problems)
        self.stopped = False
        self._over = False
        self._validated = False
        self._broken: set[str] = set()
        self._capture = Capture()
        self._start = time.perf_counter()
        for key, value in default_data().items():
            context.data.setdefault(key, value)
        context.data.setdefault(RESULTS_KEY, [])
        self._pending = self._walk()

    def _walk(
        self,
    ) -> Generator[tuple[type[pyblish.api.Plugin], pyblish.api.Instance | None, float], None, None]:
        """Every step still to run (with its progress), by the stop rules, decided as the run
        goes; says ``validated`` when validation is over."""
        for index, plugin in enumerate(self.plugins):
            stage = Stage.of(plugin.order)
            if stage > Stage.VALIDATE:
                self._end_validation()
            if stage > self.last_stage or (self.failures and stage >= Stage.EXTRACT):
                return
            if not plugin.active:
                continue
            progress = (index + 1) / len(self.plugins)
            for instance in _targets_of(plugin, self.context, self._broken):
                yield plugin, instance, progress
                if self.failures and stage >= Stage.EXTRACT:
                    return
        self._end_validation()

    def _end_validation(self) -> None:
        if not self._validated and self.last_stage >= Stage.VALIDATE:
            self._validated = True
            pyblish.api.emit("validated", context=self.context)

    @property
    def done(self) -> bool:
        return self._over

    def step(self) -> StepResult | None:
        """Run the next step and return it; ``None`` when the run is over (a full publish
        then says ``published``)."""
        if self._over:
            return None
        following = next(self._pending, None)
        if following is None:
            self._over = True
            remove_staging_folders(self.context)
            if self.last_stage is Stage.INTEGRATE:
                pyblish.api.emit("published", context=self.context)
            return None
        plugin, instance, progress = following
        step = run_step(plugin, self.context, instance, progress, self._capture)
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
        remove_staging_folders(self.context)

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
        handed_over: list[HandedOver] = self.context.data.get(HANDED_OVER_KEY, [])
        return PublishResult(
            outcome=outcome,
            steps=tuple(self.steps),
            duration_ms=(time.perf_counter() - self._start) * 1000.0,
            error=_summary(self.failures) if self.failures else None,
            versions=tuple(versions),
            problems=self.problems,
            handed_over=tuple(handed_over),
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
    plugins = pyblish.logic.plugins_by_targets(discovery.classes(), run_targets(targets))
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
            f"targets {run_targets(targets)}; plugins: {[plugin.__name__ for plugin in plugins]}",
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
