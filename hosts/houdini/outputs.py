"""What a ROP writes: its output parameter evaluated at each frame of its range, as one file
or one frame sequence. Pure Python: the adapter evaluates, this module judges."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import clique

from ftpub.core.host import FrameRange
from ftpub.core.publish_data import Representation
from ftpub.hosts.houdini.marks import RopKind

FRAME_VARIABLE = re.compile(r"\$\{?F(F|\d*)\}?(?![A-Za-z_])")


@dataclass(frozen=True)
class RopOutput:
    """ROP ``node``'s output: the raw parameter (``$HIP/geo/$OS.$F4.bgeo.sc``), and the path it
    evaluates to at each frame the ROP writes; ``ranged`` is False for "current frame only"."""

    node: str
    kind: RopKind
    raw: str
    paths: Mapping[int, str]
    ranged: bool
    step: int = 1

    @property
    def frames(self) -> tuple[int, ...]:
        return tuple(sorted(self.paths))

    @property
    def frame_range(self) -> FrameRange:
        return FrameRange(self.frames[0], self.frames[-1])

    @property
    def multi_frame(self) -> bool:
        return len(self.paths) > 1

    def problems(self) -> list[str]:
        """Why this output cannot be published, if it cannot."""
        if not self.raw.strip() or not all(self.paths.values()):
            return [f"{self.node} has no output path: set its {self.kind.output_parm} parameter"]
        if self.kind.per_frame and self.multi_frame and not FRAME_VARIABLE.search(self.raw):
            return [
                f"{self.node} writes {len(self.paths)} frames to '{self.raw}', which has no $F: "
                "each frame would overwrite the last (use $F4 in the file name)"
            ]
        if not all(Path(path).is_absolute() for path in self.paths.values()):
            return [f"{self.node} writes to a relative path '{self.raw}': use $HIP or $JOB"]
        if self.kind.per_frame and self.multi_frame and self._collection() is None:
            return [f"the paths {self.node} writes do not form one frame sequence ('{self.raw}')"]
        return []

    def _collection(self) -> clique.Collection | None:
        collections, _ = clique.assemble(
            list(self.paths.values()), minimum_items=2, assume_padded_when_ambiguous=True
        )
        whole = [c for c in collections if set(c.indexes) == set(self.paths)]
        return whole[0] if len(whole) == 1 else None

    def path(self) -> Path:
        """The single file, or the ``%04d`` pattern of the sequence."""
        if not (self.kind.per_frame and self.multi_frame):
            return Path(self.paths[self.frames[-1]])
        collection = self._collection()
        if collection is None:
            raise ValueError(self.problems()[0])
        return Path(collection.format("{head}{padding}{tail}"))

    def representation(self, tags: frozenset[str] = frozenset()) -> Representation:
        path = self.path()
        is_sequence = self.kind.per_frame and self.multi_frame
        suffixes = [s for s in path.name.split(".")[1:] if "%" not in s and not s.isdigit()]
        name = ".".join(suffixes) or "file"
        return Representation(name, path, self.frames if is_sequence else (), tags)
