"""Reading literals as an attribute's type, and comparing stored values with them.

Comparisons follow SQL, as the real server's database does: a comparison with a null stored
value is unknown (``None``), except ``is None`` and ``is_not None``. Strings compare
case-insensitively.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..schema import Attribute
from ..wire import normalise_datetime
from .nodes import Value

#: A truth value of SQL's three-valued logic: ``None`` is unknown.
Truth = bool | None

Test = Callable[[Any], Truth]

_ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "is": operator.eq,
    "is_not": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}
_LIKE_TOKENS = re.compile(r"\\%|%")


def read_literal(attribute: Attribute | None, literal: Value) -> Any:
    """``literal`` as a value of ``attribute`` (``None``: an entity id, a string).

    A literal that does not read as the attribute's type stays as written, so it simply
    matches nothing.
    """
    if literal is None:
        return None
    scalar_type = "string" if attribute is None else attribute.scalar_type
    try:
        if scalar_type == "integer":
            return int(literal)
        if scalar_type == "number":
            return float(literal)
        if scalar_type == "boolean":
            return _read_boolean(literal)
        if scalar_type == "string" and attribute is not None and attribute.is_datetime:
            return normalise_datetime(str(literal))
    except ValueError:
        return literal
    if scalar_type == "string":
        return str(literal)
    return literal


def comparison_test(operator_name: str, expected: Any) -> Test:
    """The test ``stored <operator_name> expected`` for an operator of ``Comparison``."""
    if operator_name in ("like", "not_like"):
        return _like_test(expected, negated=operator_name == "not_like")
    if expected is None:
        if operator_name == "is":
            return lambda actual: actual is None
        if operator_name == "is_not":
            return lambda actual: actual is not None
        return lambda actual: None
    compare = _ORDERINGS[operator_name]
    key = fold(expected)

    def test(actual: Any) -> Truth:
        if actual is None:
            return None
        try:
            return compare(fold(actual), key)
        except TypeError:
            return None

    return test


def membership_test(values: Iterable[Any], negated: bool) -> Test:
    """The test ``stored in values`` (or ``not_in``)."""
    keys = {fold(value) for value in values if _hashable(value)}

    def test(actual: Any) -> Truth:
        if actual is None or not _hashable(actual):
            return None
        return (fold(actual) in keys) != negated

    return test


def variable_test(tests: dict[str, Test]) -> Test:
    """A test on a ``variable`` attribute (a custom attribute's value, stored as the client
    wrote it): the test made for the kind of each stored value. A list (an enumerator's
    choices) passes when one of its items does."""

    def test(actual: Any) -> Truth:
        if isinstance(actual, list):
            return True if any(test(item) is True for item in actual) else None
        kind, plain = _kind_of(actual)
        chosen = tests.get(kind)
        return None if chosen is None else chosen(plain)

    return test


def variable_readings(literal: Value) -> dict[str, Any]:
    """``literal`` read as each kind of value a ``variable`` attribute can hold."""
    if literal is None:
        return dict.fromkeys(("text", "number", "boolean", "date"))
    readings: dict[str, Any] = {"text": str(literal)}
    for kind, read in (
        ("number", float),
        ("boolean", _read_boolean),
        ("date", lambda text: normalise_datetime(str(text))),
    ):
        try:
            readings[kind] = read(literal)
        except (ValueError, TypeError):
            continue
    return readings


def _kind_of(value: Any) -> tuple[str, Any]:
    if isinstance(value, bool):
        return "boolean", value
    if isinstance(value, int | float):
        return "number", value
    if isinstance(value, dict) and "value" in value:
        return "date", value["value"]
    return "text", value


def fold(value: Any) -> Any:
    """``value`` as it compares: strings without case."""
    return value.casefold() if isinstance(value, str) else value


def sort_key(value: Any) -> tuple:
    """A key that orders any stored values: nulls first, then numbers, then text."""
    if value is None:
        return (0,)
    if isinstance(value, bool | int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value.casefold())
    return (3, str(value))


def _like_test(pattern: Any, negated: bool) -> Test:
    if pattern is None:
        return lambda actual: None
    parts = _LIKE_TOKENS.split(str(pattern))
    wildcards = _LIKE_TOKENS.findall(str(pattern))
    regex = re.escape(parts[0])
    for wildcard, part in zip(wildcards, parts[1:], strict=True):
        regex += (".*" if wildcard == "%" else "%") + re.escape(part)
    compiled = re.compile(regex, re.IGNORECASE | re.DOTALL)

    def test(actual: Any) -> Truth:
        if actual is None:
            return None
        return (compiled.fullmatch(str(actual)) is not None) != negated

    return test


def _read_boolean(literal: str | bool) -> bool:
    if isinstance(literal, bool):
        return literal
    lowered = literal.lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValueError(literal)


def _hashable(value: Any) -> bool:
    return not isinstance(value, list | dict)
