"""Local ftrack-compatible server: the embedded default and the test backend."""
