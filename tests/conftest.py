"""Fixtures shared by every test suite: a running sandbox with the demo project."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from ftpub.sandbox.testing import SandboxProcess

# Qt (the publish window, in its own tests and in the hosts') draws offscreen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """One sandbox for the whole run, with the demo project and the test hooks on."""
    with SandboxProcess(tmp_path_factory.mktemp("sandbox")) as running:
        yield running


@pytest.fixture
def session(sandbox: SandboxProcess) -> Iterator[object]:
    """A fresh ``ftrack_api.Session`` against the shared sandbox, closed afterwards."""
    ftrack_session = sandbox.session()
    yield ftrack_session
    ftrack_session.close()
