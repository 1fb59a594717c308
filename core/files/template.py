"""Where a published file lives: a ``str.format`` template rendered under the storage root.

A template names fields of :class:`PathFields`, with ordinary format specs::

    {project}/{parents}/publish/{asset_type}/{asset}/v{version:03d}/{asset}_v{version:03d}_{representation}.{ext}

Field values are made safe for filesystems first (no ``/``, ``\\``, ``%``, control characters,
no name made only of dots), so only the template's own text can shape the folder structure,
and a path that would leave the storage root is refused. A sequence's path carries the
source's printf frame token before the extension (``…_exr.%04d.exr``); :func:`members` turns
it into one path per frame.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from ftpub.core.publish_data import Representation, sequence_collection

UNSAFE_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|%]')


class TemplateError(ValueError):
    """A path template that cannot be rendered, naming the field at fault."""


@dataclass(frozen=True)
class PathFields:
    """The values a path template can name.

    ``parents`` are the names of the contexts between the project and the asset's parent
    (``("seq010", "sh010")``), joined with ``/``; ``asset_type`` is ftrack's short code.
    """

    project: str
    parents: tuple[str, ...]
    asset_type: str
    asset: str
    version: int
    representation: str
    ext: str
    task: str = ""


FIELD_NAMES = tuple(f.name for f in fields(PathFields))


def sanitise(value: str) -> str:
    """``value`` as one safe path component: unsafe characters become ``_``."""
    safe = UNSAFE_CHARACTERS.sub("_", value).strip()
    return "_" * len(safe) if set(safe) == {"."} else safe


def _values(path_fields: PathFields) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in FIELD_NAMES:
        value = getattr(path_fields, name)
        if name == "parents":
            values[name] = "/".join(sanitise(parent) for parent in value)
        elif isinstance(value, str):
            values[name] = sanitise(value)
        else:
            values[name] = value
    return values


def _unknown(template: str, name: str) -> TemplateError:
    return TemplateError(
        f"path template {template!r} names unknown field {name!r}; "
        f"available fields: {', '.join(FIELD_NAMES)}"
    )


def _format(template: str, values: dict[str, object]) -> str:
    pieces = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise TemplateError(f"path template {template!r} is not valid: {error}") from error
    for literal, name, spec, conversion in parsed:
        pieces.append(literal)
        if name is None:
            continue
        if name not in values:
            raise _unknown(template, name)
        if conversion:
            raise TemplateError(
                f"path template {template!r}: field {name!r} has a !{conversion} conversion; "
                "use a format spec instead"
            )
        value = values[name]
        if value == "" and name != "parents":
            raise TemplateError(f"path template {template!r}: field {name!r} is empty")
        try:
            pieces.append(format(value, spec or ""))
        except (ValueError, TypeError) as error:
            raise TemplateError(
                f"path template {template!r}: field {name!r} has a bad format spec "
                f"{spec!r} for {value!r}: {error}"
            ) from error
    return "".join(pieces)


def with_frame_token(path: Path, ext: str, padding: int) -> Path:
    """``path`` with a printf frame token before its extension: ``a.exr`` -> ``a.%04d.exr``."""
    token = f"%0{padding}d" if padding else "%d"
    suffix = f".{ext}" if ext else ""
    if suffix and path.name.endswith(suffix):
        return path.with_name(f"{path.name[: -len(suffix)]}.{token}{suffix}")
    return path.with_name(f"{path.name}.{token}")


def render_path(
    template: str,
    path_fields: PathFields,
    root: Path,
    representation: Representation | None = None,
) -> Path:
    """The published path of ``path_fields`` under ``root``.

    For a sequence ``representation`` the file name gets its frame token before the
    extension. Raises :class:`TemplateError` for an unknown field, a bad format spec, an
    empty value, an absolute template or a path outside ``root``.
    """
    relative = _format(template, _values(path_fields))
    if os.path.isabs(relative):
        raise TemplateError(f"path template {template!r} must be relative to the publish root")
    root_text = os.path.normpath(root)
    rendered = os.path.normpath(os.path.join(root_text, relative))
    if os.path.commonpath([root_text, rendered]) != root_text or rendered == root_text:
        raise TemplateError(
            f"path template {template!r} renders to {rendered}, outside the publish root "
            f"{root_text}"
        )
    path = Path(rendered)
    if representation is not None and representation.is_sequence:
        path = with_frame_token(
            path, sanitise(path_fields.ext), representation.collection().padding
        )
    return path


def members(pattern: Path, frames: Iterable[int]) -> dict[int, Path]:
    """Frame number → path of each member of a sequence ``pattern`` (``….%04d.exr``)."""
    collection = sequence_collection(pattern)
    head, tail, padding = collection.head, collection.tail, collection.padding
    return {frame: Path(f"{head}{frame:0{padding}d}{tail}") for frame in frames}
