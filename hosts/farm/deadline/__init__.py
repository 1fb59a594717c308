"""Deadline 10: job files for ``deadlinecommand`` and the Post-Job Script that publishes."""
