"""Nuke runs this at every start (Nuke, NukeX, ``nuke -t``, Hiero): ftpub becomes importable.

No interface here: Nuke runs ``menu.py`` for that when its interface starts.
"""

import ftpub_site  # noqa: F401
