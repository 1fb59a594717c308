"""Maya's ``ftpub.hosts`` entry point: the adapter and the environment that loads ftpub.

Importing this module never imports ``maya`` (the ``ftpub`` command loads every host's entry).
"""

from __future__ import annotations

import sysconfig
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.hooks import hookimpl
from ftpub.core.host import HostAdapter, HostEntry

#: The Maya module folder (``ftpub.mod``, ``scripts/userSetup.py``), shipped as package data.
MODULE_FOLDER = Path(__file__).parent / "module"
#: Folders the module's ``userSetup.py`` adds as site folders, so Maya's Python finds ftpub.
PYTHONPATH_VARIABLE = "FTPUB_PYTHONPATH"


def environment() -> dict[str, Sequence[str]]:
    """``MAYA_MODULE_PATH`` finds ftpub's Maya module; ``FTPUB_PYTHONPATH`` is where this
    ftpub and its dependencies are installed (for a Maya whose Python matches)."""
    return {
        "MAYA_MODULE_PATH": [str(MODULE_FOLDER)],
        PYTHONPATH_VARIABLE: [sysconfig.get_path("purelib")],
    }


def adapter(scene: Path | None) -> HostAdapter:
    """The running Maya session (``scene``, when given, is opened)."""
    from ftpub.hosts.maya.api import MayaHost

    host = MayaHost()
    if scene is not None:
        host.open_scene(scene)
    return host


@hookimpl
def ftpub_hosts() -> list[HostEntry]:
    return [HostEntry("maya", adapter, environment, plugins=Path(__file__).parent / "plugins")]
