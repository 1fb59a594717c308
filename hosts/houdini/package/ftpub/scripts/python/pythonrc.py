"""Houdini runs this at startup (hython too): ftpub's package puts this folder on HOUDINI_PATH.

It only makes ftpub importable; the ftpub menu is MainMenuCommon.xml beside it, which Houdini
reads only when it has an interface.
"""

import os
import site

for folder in os.environ.get("FTPUB_PYTHONPATH", "").split(os.pathsep):
    if folder:
        site.addsitedir(folder)
