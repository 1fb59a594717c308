"""What Maya's startup runs: the ftpub menu, in an interactive session only."""

from __future__ import annotations

from ftpub.hosts.maya import menu


def install() -> None:
    """Build the ftpub menu once Maya's interface is up; nothing in ``mayapy`` or batch."""
    from ftpub.hosts.maya.api import MayaHost

    host = MayaHost()
    if host.is_interactive():
        host.defer(lambda: menu.build(host))
