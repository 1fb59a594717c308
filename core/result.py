"""What a publish produced: one :class:`PublishResult` of steps, one per plugin and instance.

Plugins raise :class:`PublishError` to give an artist a short title and a description; any
other exception becomes an error titled after the plugin, with the traceback as detail.
"""

from __future__ import annotations

import enum
import logging
import math
import traceback
from dataclasses import dataclass


class PublishError(Exception):
    """An error an artist can read: a short title, a description, and optional technical detail."""

    def __init__(self, title: str, description: str, detail: str = "") -> None:
        super().__init__(f"{title}: {description}")
        self.title = title
        self.description = description
        self.detail = detail


class Stage(enum.IntEnum):
    """pyblish's four stages; a plugin's stage follows from its ``order`` (stage ± 0.5)."""

    COLLECT = 0
    VALIDATE = 1
    EXTRACT = 2
    INTEGRATE = 3

    @classmethod
    def of(cls, order: float) -> Stage:
        return cls(min(max(math.floor(order + 0.5), 0), 3))


class State(str, enum.Enum):
    SUCCESS = "success"
    FAILED = "failed"


class Outcome(str, enum.Enum):
    """How a publish ended; each maps to one exit code of the CLI."""

    PUBLISHED = "published"
    VALIDATED = "validated"
    NOT_STARTED = "not started"
    INVALID = "invalid"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ErrorInfo:
    title: str
    description: str
    detail: str

    @classmethod
    def from_exception(cls, error: BaseException, plugin_label: str) -> ErrorInfo:
        detail = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        if isinstance(error, PublishError):
            return cls(error.title, error.description, error.detail or detail)
        description = str(error).strip() or type(error).__name__
        return cls(f"{plugin_label} failed", description, detail)

    def line(self) -> str:
        """The error on one line, for the last line of stderr."""
        first = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return f"{self.title}: {first}" if first else self.title


@dataclass(frozen=True)
class Record:
    """One log record a plugin emitted."""

    level: str
    logger: str
    message: str

    @classmethod
    def from_log(cls, record: logging.LogRecord) -> Record:
        return cls(record.levelname, record.name, record.getMessage())


@dataclass(frozen=True)
class StepResult:
    """One plugin run once, on the context (``instance`` None) or on one instance."""

    plugin: str
    label: str
    order: float
    instance: str | None
    state: State
    duration_ms: float
    records: tuple[Record, ...] = ()
    error: ErrorInfo | None = None

    @property
    def stage(self) -> Stage:
        return Stage.of(self.order)


@dataclass(frozen=True)
class PublishedVersion:
    """An ftrack AssetVersion a publish created (integrators add these)."""

    asset_version_id: str
    asset_name: str
    version: int
    instance: str
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandedOver:
    """An instance that left this publish for another one to publish it (a farm job)."""

    instance: str
    to: str
    detail: str


@dataclass(frozen=True)
class PublishResult:
    """The whole publish: outcome, steps in run order, and the one error to show first."""

    outcome: Outcome
    steps: tuple[StepResult, ...]
    duration_ms: float
    error: ErrorInfo | None = None
    versions: tuple[PublishedVersion, ...] = ()
    problems: tuple[ErrorInfo, ...] = ()
    handed_over: tuple[HandedOver, ...] = ()

    @property
    def failures(self) -> tuple[StepResult, ...]:
        return tuple(step for step in self.steps if step.state is State.FAILED)
