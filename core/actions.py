"""pyblish Actions (repairs, selections) of a run's plugins: which apply, and running one.

An Action is offered by a plugin (``Plugin.actions``) and applies by its ``on`` filter, judged
from the steps the run made: ``all``, ``processed``, ``notProcessed``, ``succeeded``,
``failed``, ``warning`` and ``failedOrWarning`` (a warning is a WARNING record). An Action runs
only when asked: a window runs it on the artist's click, a TD from Python::

    for offer in actions.available(run.plugins, run.steps):
        if offer.label == "Repair":
            print(actions.run_action(offer, run.context))
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyblish.api

from ftpub.core.result import ErrorInfo, Record, State, StepResult
from ftpub.core.step import CAPTURED_LOGGERS


@dataclass(frozen=True)
class Offer:
    """An Action the artist may run, for one plugin."""

    plugin: type[pyblish.api.Plugin]
    action: type[pyblish.api.Action]

    @property
    def label(self) -> str:
        return self.action.label or self.action.__name__

    @property
    def plugin_name(self) -> str:
        return self.plugin.__name__


@dataclass(frozen=True)
class ActionResult:
    """What running an Action did: success, its log records, and the error if it raised."""

    plugin: str
    action: str
    label: str
    state: State
    duration_ms: float
    records: tuple[Record, ...] = ()
    error: ErrorInfo | None = None


def _applies(on: str, steps: Sequence[StepResult]) -> bool:
    failed = any(step.state is State.FAILED for step in steps)
    warned = any(record.level == "WARNING" for step in steps for record in step.records)
    return {
        "all": True,
        "processed": bool(steps),
        "notProcessed": not steps,
        "succeeded": bool(steps) and not failed,
        "failed": failed,
        "warning": warned,
        "failedOrWarning": failed or warned,
    }.get(on, False)


def available(
    plugins: Iterable[type[pyblish.api.Plugin]], steps: Sequence[StepResult]
) -> list[Offer]:
    """The active Actions of ``plugins`` whose ``on`` filter the run's ``steps`` meet."""
    offers: list[Offer] = []
    for plugin in plugins:
        own = [step for step in steps if step.plugin == plugin.__name__]
        offers.extend(
            Offer(plugin, action)
            for action in plugin.actions
            if getattr(action, "__type__", "action") == "action"
            and action.active
            and _applies(action.on, own)
        )
    return offers


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(Record.from_log(record))


def run_action(offer: Offer, context: pyblish.api.Context) -> ActionResult:
    """Run ``offer``'s Action once as ``action().process(context, plugin)``; never raises.

    Its INFO and DEBUG records are kept too (pyblish leaves Actions' shared logger unset).
    """
    handler = _Records()
    loggers = [logging.getLogger(name) for name in CAPTURED_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    own_logger = offer.action.log
    level = own_logger.level
    own_logger.setLevel(logging.DEBUG)
    error = None
    start = time.perf_counter()
    try:
        offer.action().process(context, offer.plugin)
    except Exception as exception:
        error = ErrorInfo.from_exception(exception, offer.label)
    finally:
        own_logger.setLevel(level)
        for logger in loggers:
            logger.removeHandler(handler)
    return ActionResult(
        plugin=offer.plugin_name,
        action=offer.action.__name__,
        label=offer.label,
        state=State.SUCCESS if error is None else State.FAILED,
        duration_ms=(time.perf_counter() - start) * 1000.0,
        records=tuple(handler.records),
        error=error,
    )
