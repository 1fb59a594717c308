"""``nuke -t ftpub_batch.py SCRIPT.nk [--validate] [--comment TEXT]``: publish a script's active
Write nodes and the script, headless. Exit codes are ``ftpub publish``'s; the last line on
stderr is the one an artist reads. ``ftpub startup nuke --batch`` prints this file's path."""

import sys

import ftpub_site  # noqa: F401

from ftpub.hosts.nuke.batch import main

sys.exit(main(sys.argv[1:]))
