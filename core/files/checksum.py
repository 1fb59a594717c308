"""Checksums of published files, by algorithm name.

The default is xxHash's ``xxh3_128``: not cryptographic (a checksum here guards against
corruption, not tampering), but some 8 GB/s per core, which is what lets a checksummed copy
keep up with ``cp``; ``sha256``, the fastest of :mod:`hashlib` with the CPU's SHA
instructions, manages about 1.1 GB/s. Any :mod:`hashlib` algorithm is accepted too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol

import xxhash

DEFAULT_ALGORITHM = "xxh3_128"
XXHASH_ALGORITHMS = ("xxh3_64", "xxh3_128", "xxh64", "xxh128")
CHUNK_SIZE = 1 << 20


class Hasher(Protocol):
    def update(self, data: bytes | memoryview, /) -> None: ...

    def hexdigest(self) -> str: ...


def new_hasher(algorithm: str) -> Hasher:
    """A fresh hasher for ``algorithm``; ``ValueError`` names the algorithms available."""
    if algorithm in XXHASH_ALGORITHMS:
        hasher: Hasher = getattr(xxhash, algorithm)()
        return hasher
    try:
        return hashlib.new(algorithm)
    except ValueError as error:
        available = ", ".join(sorted(hashlib.algorithms_available) + list(XXHASH_ALGORITHMS))
        raise ValueError(
            f"unknown checksum algorithm {algorithm!r}; available: {available}"
        ) from error


def file_checksum(path: Path, algorithm: str = DEFAULT_ALGORITHM) -> str:
    """The hex checksum of the file at ``path``."""
    hasher = new_hasher(algorithm)
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_SIZE):
            hasher.update(chunk)
    return hasher.hexdigest()
