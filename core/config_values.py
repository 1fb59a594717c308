"""How the studio config's values are read (the schema is :mod:`ftpub.core.config`).

Each parser takes the raw TOML ``value``, ``where`` it was set (file, show section or
environment variable), its dotted ``key`` and the ``base`` folder that relative paths start
from; it returns the value as the config holds it, or raises :class:`ConfigError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ftpub.core.media.settings import burnin_text_problems

Parser = Callable[[object, str, str, Path], Any]
Choice = TypeVar("Choice", bound=str)


class ConfigError(Exception):
    """A config value of the wrong shape, naming the file, the key and what was expected."""

    def __init__(self, source: str, key: str, expected: str, got: object) -> None:
        self.source = source
        self.key = key
        self.expected = expected
        got_text = f"{got!r} ({type(got).__name__})" if got is not None else "nothing"
        super().__init__(f"{source}: '{key}': expected {expected}, got {got_text}")


@dataclass(frozen=True)
class PathRule:
    """A workstation folder and the same folder as the render farm sees it."""

    source: str
    target: str


def as_path(value: object, where: str, key: str, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise ConfigError(where, key, "a folder path (string)", value)
    return base / Path(value).expanduser()


def as_bool(value: object, where: str, key: str, base: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(where, key, "true or false", value)
    return value


def as_text(value: object, where: str, key: str, base: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(where, key, "a string", value)
    return value


def one_of(choices: tuple[Choice, ...]) -> Callable[[object, str, str, Path], Choice]:
    def parse(value: object, where: str, key: str, base: Path) -> Choice:
        for choice in choices:
            if value == choice:
                return choice
        raise ConfigError(where, key, " or ".join(repr(c) for c in choices), value)

    return parse


def as_ocio_config(value: object, where: str, key: str, base: Path) -> str:
    """An OCIO config: a built-in ``ocio://`` name, or a file (relative to the config file)."""
    text = as_text(value, where, key, base)
    if not text:
        raise ConfigError(where, key, "an OCIO config file or ocio:// name", value)
    return text if text.startswith("ocio://") else str(base / Path(text).expanduser())


def as_positive(kind: type) -> Parser:
    def parse(value: object, where: str, key: str, base: Path) -> Any:
        numeric = (int, float) if kind is float else (int,)
        if isinstance(value, bool) or not isinstance(value, numeric) or value <= 0:
            raise ConfigError(where, key, f"a positive {kind.__name__}", value)
        return kind(value)

    return parse


def as_burnin_text(value: object, where: str, key: str, base: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(where, key, 'a table such as { top_left = "{shot}" }', value)
    problems = burnin_text_problems(value)
    if problems:
        raise ConfigError(where, key, "burn-in texts by position", "; ".join(problems))
    return dict(value)


def as_path_map(value: object, where: str, key: str, base: Path) -> tuple[PathRule, ...]:
    expected = 'a list of { from = "<workstation folder>", to = "<farm folder>" }'
    if not isinstance(value, list):
        raise ConfigError(where, key, expected, value)
    rules = []
    for index, rule in enumerate(value):
        if (
            not isinstance(rule, dict)
            or set(rule) != {"from", "to"}
            or not all(isinstance(text, str) and text for text in rule.values())
        ):
            raise ConfigError(where, f"{key}[{index}]", expected, rule)
        rules.append(PathRule(rule["from"], rule["to"]))
    return tuple(rules)
