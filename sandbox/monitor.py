"""Test hooks: counting ``/api`` calls and injecting faults into chosen ones."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

EFFECTS = ("error", "http_503", "drop")


@dataclass
class FaultRule:
    """Which call a fault hits and what it does.

    A rule matches the ``call``-th ``/api`` call after the last stats reset, or any call
    holding an operation with ``action`` (and ``entity_type``). It fires ``times`` times
    (``None``: every time it matches).
    """

    effect: str
    call: int | None = None
    action: str | None = None
    entity_type: str | None = None
    times: int | None = 1

    @classmethod
    def parse(cls, raw: Any) -> FaultRule:
        if not isinstance(raw, dict):
            raise ValueError("each rule must be an object")
        effect = raw.get("effect")
        if effect not in EFFECTS and not _delay_ms(effect):
            raise ValueError(f"unknown effect {effect!r}: use error, http_503, drop or delay_ms:N")
        call = raw.get("call")
        if call is None and raw.get("action") is None:
            raise ValueError("a rule needs a call number or an action")
        if call is not None and (not isinstance(call, int) or call < 1):
            raise ValueError("call must be a positive integer")
        times = raw.get("times", 1)
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError("times must be a positive integer or null")
        return cls(effect, call, raw.get("action"), raw.get("entity_type"), times)

    def matches(self, call: int, operations: list[Any]) -> bool:
        if self.times is not None and self.times < 1:
            return False
        if self.call is not None:
            return self.call == call
        return any(
            isinstance(op, dict)
            and op.get("action") == self.action
            and (self.entity_type is None or op.get("entity_type") == self.entity_type)
            for op in operations
        )


@dataclass(frozen=True)
class Fault:
    """What to do to one call."""

    effect: str

    @property
    def delay_seconds(self) -> float:
        return (_delay_ms(self.effect) or 0) / 1000.0


class Monitor:
    """Counts calls since the last reset and hands out the faults that hit them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls = 0
        self._operations: Counter[str] = Counter()
        self._rules: list[FaultRule] = []

    def reset(self) -> None:
        with self._lock:
            self._calls = 0
            self._operations.clear()

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {"calls": self._calls, "operations": dict(self._operations)}

    def set_rules(self, rules: list[FaultRule]) -> None:
        with self._lock:
            self._rules = list(rules)

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [rule.__dict__.copy() for rule in self._rules]

    def record(self, operations: list[Any]) -> Fault | None:
        """Count one call; return the fault to inject into it, if a rule matches."""
        with self._lock:
            self._calls += 1
            for op in operations:
                action = op.get("action") if isinstance(op, dict) else None
                self._operations[str(action)] += 1
            for rule in self._rules:
                if rule.matches(self._calls, operations):
                    if rule.times is not None:
                        rule.times -= 1
                    return Fault(rule.effect)
        return None


def _delay_ms(effect: Any) -> int | None:
    if isinstance(effect, str) and effect.startswith("delay_ms:"):
        number = effect.removeprefix("delay_ms:")
        if number.isdigit():
            return int(number)
    return None
