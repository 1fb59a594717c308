"""A publish result as JSON (for ``--report`` and ``--json``) and as readable lines."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from ftpub.core.result import ErrorInfo, PublishResult, State, StepResult

REPORT_VERSION = 1


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
        "steps": [step_to_dict(step) for step in result.steps],
    }


def write_report(result: PublishResult, path: Path) -> None:
    """Write the result as indented JSON, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result_to_dict(result), indent=2) + "\n", encoding="utf-8")


def step_line(step: StepResult) -> str:
    mark = "ok  " if step.state is State.SUCCESS else "FAIL"
    target = step.instance or "context"
    line = f"{mark} {step.stage.name.lower():<9} {step.label} [{target}] {step.duration_ms:.0f} ms"
    return line if step.error is None else f"{line}\n     {step.error.line()}"


def problem_lines(result: PublishResult) -> list[str]:
    """Every discovery problem and step failure, with its technical detail."""
    lines = []
    for problem in result.problems:
        lines.append(f"{problem.title}: {problem.description}")
        lines.extend(f"    {line}" for line in problem.detail.splitlines())
    for step in result.failures:
        if step.error is not None:
            lines.append(f"{step.plugin} [{step.instance or 'context'}]: {step.error.line()}")
            lines.extend(f"    {line}" for line in step.error.detail.splitlines())
    return lines
