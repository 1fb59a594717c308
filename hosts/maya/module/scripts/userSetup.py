"""Maya runs this at startup: ftpub's Maya module puts this folder on the script path."""

import os
import site

for folder in os.environ.get("FTPUB_PYTHONPATH", "").split(os.pathsep):
    if folder:
        site.addsitedir(folder)

from ftpub.hosts.maya import startup  # noqa: E402

startup.install()
