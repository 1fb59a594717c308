"""Paths as the render farm sees them: the studio config's ``[farm] path_map``.

Each rule maps a workstation folder to the same folder on the farm (``/Volumes/projects`` to
``/mnt/projects``, or ``P:\\projects`` to ``/mnt/projects``); the longest matching folder wins.
With rules, a path under none of them is an error (the farm could not read or write it);
without rules, paths are used as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from ftpub.core.config import PathRule
from ftpub.hosts.farm.errors import FarmError

WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]|^\\\\")


def _parts(path: str) -> tuple[str, list[str]]:
    """A path split into folders on either separator; Windows paths compare case-insensitively."""
    is_windows = bool(WINDOWS_DRIVE.match(path))
    folders = [part for part in re.split(r"[\\/]+", path) if part]
    if is_windows:
        folders = [part.lower() for part in folders]
    root = "\\\\" if path.startswith("\\\\") else ("/" if path.startswith("/") else "")
    return root, folders


def _joined(target: str, rest: Sequence[str]) -> str:
    separator = "\\" if WINDOWS_DRIVE.match(target) else "/"
    return separator.join([target.rstrip("\\/"), *rest]) if rest else target


def to_farm(path: PurePath | str, rules: Sequence[PathRule]) -> str:
    """``path`` as the farm sees it; raise :class:`FarmError` when no rule covers it."""
    text = str(path)
    if not rules:
        return text
    root, folders = _parts(text)
    original = [part for part in re.split(r"[\\/]+", text) if part]
    best: tuple[int, PathRule] | None = None
    for rule in rules:
        rule_root, rule_folders = _parts(rule.source)
        depth = len(rule_folders)
        matches = rule_root == root and folders[:depth] == rule_folders
        if matches and (best is None or depth > best[0]):
            best = (depth, rule)
    if best is None:
        sources = ", ".join(rule.source for rule in rules)
        raise FarmError(
            f"{text} is in none of the folders of the farm path map ({sources}): "
            "add a rule to [farm] path_map in the studio config, or keep the file there"
        )
    depth, rule = best
    return _joined(rule.target, original[depth:])
