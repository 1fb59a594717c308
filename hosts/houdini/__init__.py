"""ftpub in Houdini: ROPs marked with ftpub spare parameters are published from the hip file.

``api`` is the only module that imports ``hou``; ``entry`` is the ``ftpub.hosts`` entry point.
"""
