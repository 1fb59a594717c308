"""The Python packages that read and write pixels, and whether this Python has them.

OpenImageIO (pip ``openimageio``) reads and writes images and draws text, OpenColorIO
(``opencolorio``) converts colour, PyAV (``av``, FFmpeg's libraries with libx264) reads and
writes movies. The modules that use them import them at the top; nothing else in
``ftpub.core.media`` does, so a DCC's Python without them can still publish what needs no media.
"""

from __future__ import annotations

import importlib

from ftpub.core.media.errors import MediaLibraryMissing

#: import name -> pip name
PACKAGES = {"OpenImageIO": "openimageio", "PyOpenColorIO": "opencolorio", "av": "av"}


def missing_libraries() -> dict[str, str]:
    """Each media package that fails to import here (pip name -> the import error)."""
    missing = {}
    for module, package in PACKAGES.items():
        try:
            importlib.import_module(module)
        except ImportError as error:
            missing[package] = str(error)
    return missing


def require_libraries(purpose: str) -> None:
    """Raise :class:`MediaLibraryMissing` naming every package that does not import."""
    missing = missing_libraries()
    if missing:
        raise MediaLibraryMissing(purpose, missing)
