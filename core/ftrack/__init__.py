"""Everything that talks to ftrack: sessions, context lookup, integration and its rollback."""
