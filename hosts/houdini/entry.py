"""Houdini's ``ftpub.hosts`` entry point: the adapter and the environment that loads ftpub.

Importing this module never imports ``hou`` (the ``ftpub`` command loads every host's entry).
"""

from __future__ import annotations

import sysconfig
from collections.abc import Sequence
from pathlib import Path

from ftpub.core.hooks import hookimpl
from ftpub.core.host import HostAdapter, HostEntry

#: The folder Houdini reads packages from: ``ftpub.json``, which puts the ``ftpub`` startup
#: folder (``MainMenuCommon.xml``, ``scripts/python/pythonrc.py``) on ``HOUDINI_PATH``.
PACKAGE_FOLDER = Path(__file__).parent / "package"
#: Folders the startup script adds as site folders, so Houdini's Python finds ftpub.
PYTHONPATH_VARIABLE = "FTPUB_PYTHONPATH"


def environment() -> dict[str, Sequence[str]]:
    """``HOUDINI_PACKAGE_DIR`` finds ftpub's package; ``FTPUB_PYTHONPATH`` is where this ftpub
    and its dependencies are installed (for a Houdini whose Python matches)."""
    return {
        "HOUDINI_PACKAGE_DIR": [str(PACKAGE_FOLDER)],
        PYTHONPATH_VARIABLE: [sysconfig.get_path("purelib")],
    }


def adapter(scene: Path | None) -> HostAdapter:
    """The running Houdini session (``scene``, a hip file, is loaded when given)."""
    from ftpub.hosts.houdini.api import HoudiniHost

    host = HoudiniHost()
    if scene is not None:
        host.open_scene(scene)
    return host


@hookimpl
def ftpub_hosts() -> list[HostEntry]:
    return [HostEntry("houdini", adapter, environment, plugins=Path(__file__).parent / "plugins")]
