"""What goes wrong making media: a missing library, or a source that cannot be used."""

from __future__ import annotations

from collections.abc import Mapping


class MediaError(Exception):
    """Making or reading a thumbnail, review movie or media info failed; the message says why
    and names the file."""


class MediaLibraryMissing(MediaError):
    """A Python package media needs does not import in this Python; ``missing`` maps each
    package's pip name to the reason."""

    def __init__(self, purpose: str, missing: Mapping[str, str]) -> None:
        self.missing = dict(missing)
        names = " ".join(self.missing)
        reasons = "; ".join(f"{name}: {reason}" for name, reason in self.missing.items())
        super().__init__(
            f"{purpose} needs the Python packages {', '.join(self.missing)}, which do not import "
            f"here ({reasons}). Install them into this Python: python -m pip install {names}"
        )
