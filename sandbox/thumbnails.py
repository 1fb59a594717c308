"""Thumbnails at the size a client asks for, and the pages widget URLs lead to.

``get_thumbnail_url(component, size=N)`` asks for an image "constrained to N x N pixels"
[VERIFIED-src ftrack_api/accessor/server.py:234-252]; ``get_widget_url`` expects a URL a
browser can open [VERIFIED-src ftrack_api/session.py:2119-2150].
"""

from __future__ import annotations

import html
import os
from pathlib import Path


class ThumbnailError(ValueError):
    """The stored file is not an image the sandbox can read."""


def fitted(source: Path, size: int, cache: Path) -> Path:
    """``source`` scaled down to fit ``size`` x ``size`` (a JPEG, made once), or ``source``
    itself when it already fits."""
    import OpenImageIO as oiio  # imported on first use: the server starts without it

    image = oiio.ImageBuf(str(source))
    if image.has_error:
        raise ThumbnailError(f"Component {source.name} is not an image.")
    spec = image.spec()
    scale = size / max(spec.width, spec.height)
    if scale >= 1:
        return source
    target = cache / f"{source.name}_{size}.jpg"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    roi = oiio.ROI(0, max(1, round(spec.width * scale)), 0, max(1, round(spec.height * scale)))
    roi.chbegin, roi.chend = 0, min(spec.nchannels, 3)
    small = oiio.ImageBufAlgo.resize(image, roi=roi)
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = cache / f".{target.name}.partial.jpg"
    if not small.write(str(partial), "uint8"):
        raise ThumbnailError(f"Cannot write a thumbnail of {source.name}: {small.geterror()}")
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target


def widget_page(name: str, entity_type: str | None, entity_id: str | None) -> str:
    """A page standing in for one of ftrack's web widgets."""
    about = f"{entity_type} {entity_id}" if entity_type else "no entity"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>ftrack widget {html.escape(name)}</title></head><body>"
        f"<h1>{html.escape(name)}</h1><p>Sandbox widget for {html.escape(about)}.</p>"
        "</body></html>"
    )
