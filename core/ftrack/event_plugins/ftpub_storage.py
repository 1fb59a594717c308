"""ftrack event plugin: ftpub's storage location in every session that loads this folder.

Put this folder on ``FTRACK_EVENT_PLUGIN_PATH`` for any ftrack tool; ftpub's own sessions
load it already.
"""

from ftpub.core.ftrack.storage import register  # noqa: F401
