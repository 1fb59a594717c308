"""A Write's file pattern from its path evaluated at two consecutive frames."""

from __future__ import annotations

from pathlib import Path


def sequence_pattern(first: str, second: str) -> Path:
    """``/r/a.1001.exr`` and ``/r/a.1002.exr`` give ``/r/a.%04d.exr``; the same path twice is a
    single file (a movie) and is returned as it is."""
    if first == second:
        return Path(first)
    start = 0
    while start < min(len(first), len(second)) and first[start] == second[start]:
        start += 1
    end_first, end_second = len(first), len(second)
    while min(end_first, end_second) > start and first[end_first - 1] == second[end_second - 1]:
        end_first -= 1
        end_second -= 1
    while start > 0 and first[start - 1].isdigit():
        start -= 1
    while end_first < len(first) and first[end_first].isdigit():
        end_first += 1
        end_second += 1
    digits = first[start:end_first]
    if not digits.isdigit() or not second[start:end_second].isdigit():
        raise ValueError(f"'{first}' and '{second}' differ by more than a frame number")
    padding = len(digits) if digits.startswith("0") or len(digits) == end_second - start else 0
    token = f"%0{padding}d" if padding > 1 else "%d"
    return Path(first[:start] + token + first[end_first:])
