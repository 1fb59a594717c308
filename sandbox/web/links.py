"""One-time login links for the sandbox's web page.

``ftpub sandbox serve`` and ``ftpub demo`` make one with :func:`new_login_link`: a random
token whose SHA-256 is a file in the data folder naming the user. The server redeems it
once (:func:`redeem`), within :data:`LIFETIME_SECONDS`; the token itself is stored nowhere.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from pathlib import Path
from urllib.parse import quote

FOLDER = "web_links"
LIFETIME_SECONDS = 3600


def _file(data_dir: Path, token: str) -> Path:
    return data_dir / FOLDER / hashlib.sha256(token.encode()).hexdigest()


def new_login_link(data_dir: Path, url: str, username: str, page: str = "") -> str:
    """A link that logs its first visitor in as ``username`` (and opens ``page``)."""
    token = secrets.token_urlsafe(32)
    path = _file(data_dir, token)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(username)
    after = f"&next={quote(page, safe='')}" if page else ""
    return f"{url}/web/login?token={token}{after}"


def redeem(data_dir: Path, token: str) -> str | None:
    """The user the link logs in, once; ``None`` for an unknown, used or expired token."""
    if not token or len(token) > 100:
        return None
    path = _file(data_dir, token)
    claimed = path.with_name(path.name + f".{os.getpid()}.{secrets.token_hex(4)}")
    try:
        os.rename(path, claimed)  # atomic: of two visitors, one gets the file
    except OSError:
        return None
    try:
        fresh = time.time() - claimed.stat().st_mtime < LIFETIME_SECONDS
        username = claimed.read_text().strip()
    finally:
        claimed.unlink(missing_ok=True)
    return username if fresh and username else None
