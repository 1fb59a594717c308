"""Fixtures of the host tests: ftrack tasks of the sandbox's demo project."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def short_shot_task(sandbox: Any) -> TaskContext:
    """The compositing task of shot sh990, made for these tests: 1001-1005 in ftrack, no
    handles, 24 fps, so a scene of five frames is the shot's range."""
    session = sandbox.session()
    try:
        sequence = session.query('Sequence where name is "sq010" and project.name is "demo"').one()
        shot = session.query(
            'Shot where name is "sh990" and parent.name is "sq010" and project.name is "demo"'
        ).first()
        if shot is None:
            shot = session.create("Shot", {"name": "sh990", "parent": sequence})
            session.commit()
            for key, value in (("fstart", 1001), ("fend", 1005), ("handles", 0), ("fps", 24.0)):
                shot["custom_attributes"][key] = value
            task_type = session.query('Type where name is "Compositing"').one()
            task = session.create(
                "Task", {"name": "compositing", "parent": shot, "type": task_type}
            )
            session.commit()
        else:
            task = session.query(
                'Task where name is "compositing" and parent.name is "sh990"'
            ).one()
        return resolve_task(session, task["id"])
    finally:
        session.close()
