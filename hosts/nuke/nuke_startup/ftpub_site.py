"""Make ftpub importable in Nuke's Python: each folder of ``FTPUB_PYTHONPATH`` is a site folder.

``init.py`` and ``ftpub_batch.py`` import this first; Nuke puts this folder on ``sys.path``.
"""

import os
import site

for folder in os.environ.get("FTPUB_PYTHONPATH", "").split(os.pathsep):
    if folder:
        site.addsitedir(folder)
