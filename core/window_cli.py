"""``ftpub window [--manifest FILE]``: the publish window without a DCC.

Artists drop files, folders or image sequences on it, or open a manifest (the farm's format,
read by the ``farm`` host: its instances, task and comment fill the window). Qt and the window
(:mod:`ftpub.core.ui`) are imported only when it opens, so the other ``ftpub`` commands start
fast and run where no Qt binding is installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftpub.core.ui.window import PublishWindow

EXIT_OK = 0
EXIT_USAGE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "window",
        help="open the publish window: drop files on it, or open a manifest",
        description=(
            "The publish window without a DCC: drop files, folders or image sequences on it, "
            "or open a manifest (its instances, task and comment fill the window)."
        ),
    )
    parser.add_argument("--manifest", type=Path, help="ftpub manifest (JSON) to open")
    parser.set_defaults(func=_window)


def open_window(manifest_path: Path | None) -> PublishWindow:
    """Show the window with the manifest's instances, task and comment (or empty).

    Needs a QApplication; raises :class:`~ftpub.core.host.HostError` for a manifest that
    cannot be read.
    """
    from ftpub.core import ui
    from ftpub.core.host_registry import open_host
    from ftpub.core.ui.desktop import DesktopHost

    if manifest_path is None:
        return ui.show(DesktopHost())
    manifest = open_host("farm", manifest_path)
    host = DesktopHost(
        [publishable.data for publishable in manifest.publishables()],
        manifest.current_file(),
        comment=manifest.comment,
    )
    return ui.show(host, task_id=manifest.stored_task_id(), comment=manifest.comment)


def _window(args: argparse.Namespace) -> int:
    try:
        from qtpy import QtWidgets
    except Exception as error:
        print(f"ftpub: the window needs PySide6 or PySide2 ({error})", file=sys.stderr)
        return EXIT_USAGE
    from ftpub.core.hooks import HookLoadError
    from ftpub.core.host import HostError
    from ftpub.core.ui.style import desktop_look

    app = QtWidgets.QApplication.instance()
    if not isinstance(app, QtWidgets.QApplication):
        app = QtWidgets.QApplication(["ftpub"])
    desktop_look(app)
    try:
        open_window(args.manifest)
    except (HostError, HookLoadError) as error:
        print(f"ftpub: {error}", file=sys.stderr)
        return EXIT_USAGE
    return int(app.exec())
