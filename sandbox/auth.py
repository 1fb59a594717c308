"""API keys: issued at random, stored only as salted hashes, checked on every request."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import uuid


class Credentials:
    """The API keys of the sandbox's users, in its SQLite database.

    Keys are random (122 bits), so a single salted SHA-256 is enough to keep them out of the
    database without slowing every request down the way a password hash would.
    """

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self._db = db
        self._lock = lock

    def issue(self, username: str) -> str:
        """A new key for ``username``, replacing any earlier one."""
        key = str(uuid.uuid4())
        salt = secrets.token_hex(16)
        with self._lock:
            self._db.execute(
                "INSERT INTO credential (username, salt, key_hash) VALUES (?, ?, ?) "
                "ON CONFLICT (username) DO UPDATE SET salt = excluded.salt, "
                "key_hash = excluded.key_hash",
                (username, salt, _hash(key, salt)),
            )
        return key

    def check(self, username: str, key: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT salt, key_hash FROM credential WHERE username = ?", (username,)
            ).fetchone()
        if row is None:
            return False
        salt, key_hash = row
        return secrets.compare_digest(_hash(key, salt), key_hash)


def _hash(key: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()
