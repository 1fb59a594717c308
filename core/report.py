"""A publish result as JSON (for ``--report`` and ``--json``) and as readable lines.

The terminal gets short lines; the report gets everything, tracebacks included. A failed
command without ``--report`` still writes one, under :func:`report_folder`.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from ftpub.core.result import ErrorInfo, PublishResult, State, StepResult

REPORT_VERSION = 1
#: The longest last line on stderr; the rest is in the report.
MAX_LINE = 300


def _error(error: ErrorInfo | None) -> dict[str, str] | None:
    return None if error is None else dataclasses.asdict(error)


def step_to_dict(step: StepResult) -> dict[str, Any]:
    return {
        "plugin": step.plugin,
        "label": step.label,
        "stage": step.stage.name.lower(),
        "order": step.order,
        "instance": step.instance,
        "state": step.state.value,
        "duration_ms": round(step.duration_ms, 3),
        "records": [dataclasses.asdict(record) for record in step.records],
        "error": _error(step.error),
    }


def result_to_dict(result: PublishResult) -> dict[str, Any]:
    return {
        "ftpub_report": REPORT_VERSION,
        "outcome": result.outcome.value,
        "duration_ms": round(result.duration_ms, 3),
        "error": _error(result.error),
        "problems": [_error(problem) for problem in result.problems],
        "versions": [dataclasses.asdict(version) for version in result.versions],
        "handed_over": [dataclasses.asdict(handed) for handed in result.handed_over],
        "steps": [step_to_dict(step) for step in result.steps],
    }


def write_report(result: PublishResult, path: Path) -> None:
    """Write the result as indented JSON, creating the folder if needed."""
    _write_json(result_to_dict(result), path)


def _write_json(table: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


def report_folder() -> Path:
    """Where reports go when the command line names none."""
    import platformdirs

    return platformdirs.user_state_path("ftpub") / "reports"


def new_report_path(kind: str = "report") -> Path:
    """A fresh file in :func:`report_folder`, named after the time and the process."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return report_folder() / f"{stamp}-{os.getpid()}-{kind}.json"


def write_crash_report(error: BaseException, argv: list[str]) -> Path:
    """Write an unexpected error with its traceback; returns the report's path."""
    path = new_report_path("crash")
    detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    _write_json(
        {
            "ftpub_report": REPORT_VERSION,
            "outcome": "crashed",
            "argv": argv,
            "error": {"title": type(error).__name__, "description": str(error), "detail": detail},
        },
        path,
    )
    return path


def plural(count: int, noun: str) -> str:
    """``1 instance``, ``2 instances``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def last_line(result: PublishResult) -> str:
    """The outcome in a few words: the error an artist reads, else what was done to how many."""
    if result.error is not None:
        return result.error.line()
    handed_over = {handed.instance: handed.to for handed in result.handed_over}
    instances = {step.instance for step in result.steps if step.instance} - set(handed_over)
    line = f"{result.outcome.value}: {plural(len(instances), 'instance')}"
    for to, count in Counter(handed_over.values()).items():
        line += f"; {plural(count, 'instance')} handed to {to}"
    return line


def shorten(text: str, limit: int = MAX_LINE) -> str:
    """``text`` on one line of at most ``limit`` characters, saying how much was cut."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    suffix = " … (the rest is in the report)"
    return line[: limit - len(suffix)].rstrip() + suffix


def step_line(step: StepResult) -> str:
    mark = "ok  " if step.state is State.SUCCESS else "FAIL"
    target = step.instance or "context"
    line = f"{mark} {step.stage.name.lower():<9} {step.label} [{target}] {step.duration_ms:.0f} ms"
    if step.error is None:
        return line
    return f"{line}\n     {shorten(step.error.line(), MAX_LINE - 5)}"


def problem_lines(result: PublishResult, detail: bool = False) -> list[str]:
    """Every discovery problem and step failure, shortened; ``detail`` adds tracebacks."""
    lines = []
    for problem in result.problems:
        lines.append(shorten(f"{problem.title}: {problem.description}"))
        if detail:
            lines.extend(f"    {line}" for line in problem.detail.splitlines())
    for step in result.failures:
        if step.error is not None:
            where = f"{step.plugin} [{step.instance or 'context'}]"
            lines.append(shorten(f"{where}: {step.error.line()}"))
            if detail:
                lines.extend(f"    {line}" for line in step.error.detail.splitlines())
    return lines
