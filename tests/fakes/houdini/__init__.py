"""A recording fake of Houdini's ``hou``; put this folder on ``sys.path`` to import it."""
