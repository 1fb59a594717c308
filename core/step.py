"""One plugin run once, on the context or on one instance, the way pyblish runs it.

:func:`run_step` calls the plugin, captures its log records, appends pyblish's result dict to
``context.data["results"]``, emits pyblish's ``pluginFailed`` and ``pluginProcessed`` signals
(to callbacks registered with ``pyblish.api.register_callback``) and returns ftpub's
:class:`~ftpub.core.result.StepResult`.

The result dict has pyblish's keys: ``success``, ``plugin`` (the class), ``instance`` (None
for the context), ``action`` (None), ``error`` (the exception, with pyblish's ``traceback``
and ``formatted_traceback``), ``records`` (``logging.LogRecord`` of ``pyblish.*`` loggers),
``duration`` (ms), ``progress`` and ``context``; old-style plugins also get ``asset``.

Records of loggers ``pyblish.*`` (plugins) and ``ftpub.*`` are captured by a handler on those
two loggers only: the root logger and its level are never touched.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyblish.api
import pyblish.lib
import pyblish.plugin

from ftpub.core.result import ErrorInfo, Record, State, StepResult

CAPTURED_LOGGERS = ("pyblish", "ftpub")
MAX_RECORDS_PER_STEP = 200
RESULTS_KEY = "results"

log = logging.getLogger(__name__)


class Capture(logging.Handler):
    """Collects the records of one step at a time, keeping at most
    :data:`MAX_RECORDS_PER_STEP`; a run keeps one for all its steps."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < MAX_RECORDS_PER_STEP:
            self.records.append(record)
        else:
            self.dropped += 1

    @contextmanager
    def listening(self) -> Iterator[None]:
        loggers = [logging.getLogger(name) for name in CAPTURED_LOGGERS]
        for logger in loggers:
            logger.addHandler(self)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeHandler(self)

    def take(self) -> tuple[list[logging.LogRecord], tuple[Record, ...]]:
        """The step's records (as captured, and as ftpub's) and a fresh start for the next."""
        records = [Record.from_log(record) for record in self.records]
        if self.dropped:
            records.append(Record("WARNING", log.name, f"{self.dropped} more records dropped"))
        captured = self.records
        self.records, self.dropped = [], 0
        return captured, tuple(records)


def _explicit(plugin: type[pyblish.api.Plugin]) -> bool:
    return issubclass(plugin, pyblish.api.ContextPlugin | pyblish.api.InstancePlugin)


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


def run_step(
    plugin: type[pyblish.api.Plugin],
    context: pyblish.api.Context,
    instance: pyblish.api.Instance | None,
    progress: float,
    capture: Capture,
) -> StepResult:
    """Run ``plugin`` once, its records going to ``capture``; ``progress`` (0 to 1) goes into
    pyblish's result dict."""
    label = plugin.label or plugin.__name__
    result: dict[str, Any] = {
        "success": False,
        "plugin": plugin,
        "instance": instance,
        "action": None,
        "error": None,
        "records": [],
        "duration": None,
        "progress": progress,
        "context": context,
    }
    error = None
    start = time.perf_counter()
    try:
        with capture.listening():
            _invoke(plugin, context, instance)
        result["success"] = True
    except Exception as exception:
        pyblish.api.emit(
            "pluginFailed", plugin=plugin, context=context, instance=instance, error=exception
        )
        pyblish.lib.extract_traceback(exception)
        result["error"] = exception
        error = ErrorInfo.from_exception(exception, label)
    duration_ms = (time.perf_counter() - start) * 1000.0
    result["duration"] = duration_ms
    captured, records = capture.take()
    result["records"] = [record for record in captured if record.name.startswith("pyblish")]
    context.data.setdefault(RESULTS_KEY, []).append(result)
    if not _explicit(plugin):
        result["asset"] = instance
    pyblish.api.emit("pluginProcessed", result=result)
    return StepResult(
        plugin=plugin.__name__,
        label=label,
        order=plugin.order,
        instance=None if instance is None else instance.name,
        state=State.SUCCESS if error is None else State.FAILED,
        duration_ms=duration_ms,
        records=records,
        error=error,
    )
