"""Fixtures of the host tests: ftrack tasks of the sandbox's demo project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftpub.core.context import TaskContext, resolve_task


def demo_task(sandbox: Any, parent: str, task: str) -> TaskContext:
    session = sandbox.session()
    try:
        found = session.query(
            f'select id from Task where name is "{task}" and parent.name is "{parent}" '
            'and project.name is "demo"'
        ).one()
        return resolve_task(session, found["id"])
    finally:
        session.close()


@pytest.fixture(scope="session")
def anim_task(sandbox: Any) -> TaskContext:
    """The animation task of shot sh010."""
    return demo_task(sandbox, "sh010", "animation")


@pytest.fixture(scope="session")
def modeling_task(sandbox: Any) -> TaskContext:
    """The modeling task of asset build hero: its parent has no shot attributes."""
    return demo_task(sandbox, "hero", "modeling")


@pytest.fixture
def ftrack(sandbox: Any) -> Iterator[Any]:
    session = sandbox.session()
    yield session
    session.close()


@pytest.fixture
def publishing(sandbox: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The sandbox's credentials in the environment (a host's own sandbox where it has one), no
    studio config, no task from the environment; returns the publish root."""
    for name in ("FTPUB_CONFIG", "PYBLISHPLUGINPATH", "FTRACK_TASKID", "FTRACK_CONTEXTID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in sandbox.connection.env().items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "publish"
    monkeypatch.setenv("FTPUB_PUBLISH_ROOT", str(root))
    yield root
