"""A recording fake of Maya's Python modules, for ftpub's Maya adapter only.

``maya._scene.SCENE`` holds a small scene; ``cmds`` (and ``mel``, ``utils``, ``standalone``)
read and change it, and record every call that changes it with its exact arguments.
"""
