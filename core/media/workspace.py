"""Where media is made: an output file claimed before any work, filled only when it succeeds."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ftpub.core.media.errors import MediaError


@contextmanager
def claimed_output(output: Path, suffixes: Iterable[str]) -> Iterator[Path]:
    """Claim ``output`` (it must not exist) and yield a temporary file of the same suffix to
    write; ``output`` gets its bytes at the end. On any error the claimed output is removed;
    the temporary folder always is."""
    allowed = tuple(suffixes)
    if output.suffix.lower() not in allowed:
        raise ValueError(f"{output}: the output must end in {' or '.join(allowed)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        claim = output.open("xb")
    except FileExistsError:
        raise MediaError(f"{output} already exists; media outputs are never overwritten") from None
    try:
        with claim, tempfile.TemporaryDirectory(prefix="ftpub-media-") as folder:
            result = Path(folder) / f"result{output.suffix.lower()}"
            yield result
            if not result.is_file():
                raise MediaError(f"no output was written for {output}")
            with result.open("rb") as written:
                shutil.copyfileobj(written, claim)
    except BaseException:
        os.unlink(output)
        raise
