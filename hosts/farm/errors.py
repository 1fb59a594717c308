"""The one error type of farm jobs."""


class FarmError(Exception):
    """A farm job that cannot be written or run as it is; the message says what to change."""
