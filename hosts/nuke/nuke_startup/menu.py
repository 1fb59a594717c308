"""Nuke runs this after ``init.py`` when its interface starts: the ftpub menu (Nuke and NukeX
only; not in Hiero, Nuke Studio or a player)."""

from ftpub.hosts.nuke import startup

startup.install()
