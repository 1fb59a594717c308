"""Nuke's ``ftpub.hosts`` entry point: the adapter, the environment that loads ftpub into Nuke,
and the batch script.

Importing this module never imports ``nuke`` (the ``ftpub`` command loads every host's entry).
"""

from __future__ import annotations

import sysconfig
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.hooks import hookimpl
from ftpub.core.host import HostAdapter, HostEntry

#: The folder Nuke finds through ``NUKE_PATH`` (``init.py``, ``menu.py``), shipped as package data.
STARTUP_FOLDER = Path(__file__).parent / "nuke_startup"
#: ``nuke -t BATCH_SCRIPT SCRIPT.nk`` publishes a script headless.
BATCH_SCRIPT = STARTUP_FOLDER / "ftpub_batch.py"
#: Folders ``init.py`` adds as site folders, so Nuke's Python finds ftpub and its dependencies.
PYTHONPATH_VARIABLE = "FTPUB_PYTHONPATH"


def environment() -> dict[str, Sequence[str]]:
    """``NUKE_PATH`` finds ftpub's startup folder; ``FTPUB_PYTHONPATH`` is where this ftpub and
    its dependencies are installed (for a Nuke whose Python matches)."""
    return {
        "NUKE_PATH": [str(STARTUP_FOLDER)],
        PYTHONPATH_VARIABLE: [sysconfig.get_path("purelib")],
    }


def adapter(scene: Path | None) -> HostAdapter:
    """The running Nuke session (``scene``, when given, is opened)."""
    from ftpub.hosts.nuke.api import NukeHost

    host = NukeHost()
    if scene is not None:
        host.open_script(scene)
    return host


@hookimpl
def ftpub_hosts() -> list[HostEntry]:
    plugins = Path(__file__).parent / "plugins"
    return [HostEntry("nuke", adapter, environment, batch=BATCH_SCRIPT, plugins=plugins)]
