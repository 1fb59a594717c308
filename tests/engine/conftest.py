"""Fixtures of the engine tests: plugin files on disk, the demo's compositing task, and a guard on
pyblish's registries."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyblish.api
import pyblish.logic
import pytest

from .cli_run import task_id


def _registries() -> dict[str, object]:
    return {
        "paths": list(pyblish.api.registered_paths()),
        "plugins": list(pyblish.api.registered_plugins()),
        "targets": list(pyblish.api.registered_targets()),
        "hosts": list(pyblish.api.registered_hosts()),
        "callbacks": {k: list(v) for k, v in pyblish.api.registered_callbacks().items()},
        "filters": list(pyblish.api.registered_discovery_filters()),
        "services": dict(pyblish.api.registered_services()),
        "test": pyblish.logic.registered_test(),
    }


@pytest.fixture(autouse=True)
def pyblish_registries_untouched() -> Iterator[None]:
    """Every engine test must leave pyblish's process-wide registries as it found them."""
    before = _registries()
    yield
    assert _registries() == before


@pytest.fixture
def write_plugin(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``source`` (dedented) to ``<tmp>/plugins/<relative>``; returns the file."""

    def write(relative: str, source: str) -> Path:
        path = tmp_path / "plugins" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="module")
def task(sandbox: Any) -> str:
    """The id of the demo's sh010 compositing task."""
    session = sandbox.session()
    try:
        return task_id(session)
    finally:
        session.close()
