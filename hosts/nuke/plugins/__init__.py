"""Nuke's pyblish plugins, found by ftpub's discovery for host ``nuke``."""
