"""What Nuke's ``menu.py`` runs: the ftpub menu, in an interactive Nuke or NukeX only."""

from __future__ import annotations

from ftpub.hosts.nuke import menu


def install() -> bool:
    """Build the ftpub menu; nothing in ``nuke -t``, Hiero, Nuke Studio or a player."""
    from ftpub.hosts.nuke.api import NukeHost

    host = NukeHost()
    if not host.is_interactive():
        return False
    menu.build(host)
    return True
