"""Where a studio's renders go: the render area Write nodes must write inside, and the path a
new Write gets. Both come from the studio config's ``[plugins.ValidateRenderArea]`` table::

    [plugins.ValidateRenderArea]
    area = "/mnt/renders/{project}/{parent}/{task}"      # fnmatch wildcards allowed
    template = "{area}/{asset}/{asset}.%04d.{ext}"
    file_type = "exr"

Fields: ``script_dir`` (the saved script's folder), ``project``, ``parent``, ``task`` (the
script's ftrack task), ``area``, ``asset`` and ``ext`` (the new Write's file type).
"""

from __future__ import annotations

import fnmatch
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

from ftpub.core.config import Config
from ftpub.core.context import TaskContext

SETTINGS = "ValidateRenderArea"
DEFAULT_AREA = "{script_dir}/renders"
DEFAULT_TEMPLATE = "{area}/{asset}/{asset}.%04d.{ext}"
DEFAULT_FILE_TYPE = "exr"
TASK_FIELDS = frozenset({"project", "parent", "task"})


class RenderAreaError(ValueError):
    """The area or template cannot be filled in (a field the script does not have yet)."""


def _fill(pattern: str, fields: Mapping[str, str], what: str) -> str:
    try:
        return pattern.format_map(fields)
    except KeyError as error:
        raise RenderAreaError(f"the {what} '{pattern}' needs {{{error.args[0]}}}") from None
    except (ValueError, IndexError) as error:
        raise RenderAreaError(f"the {what} '{pattern}' is not a path template: {error}") from None


def script_fields(script: Path | None, task: TaskContext | None) -> dict[str, str]:
    """The fields a script and its task give the area and the template."""
    fields = {}
    if script is not None:
        fields["script_dir"] = script.parent.as_posix()
    if task is not None:
        fields.update(project=task.project_name, parent=task.parent_name, task=task.task_name)
    return fields


@dataclass(frozen=True)
class RenderArea:
    area: str = DEFAULT_AREA
    template: str = DEFAULT_TEMPLATE
    file_type: str = DEFAULT_FILE_TYPE

    def needs_task(self) -> bool:
        names = {
            field
            for text in (self.area, self.template)
            for _, field, _, _ in string.Formatter().parse(text)
            if field
        }
        return bool(names & TASK_FIELDS)

    def folder(self, fields: Mapping[str, str]) -> str:
        return _fill(self.area, fields, "render area")

    def write_path(self, fields: Mapping[str, str], asset: str) -> str:
        """The file of a new Write rendering ``asset``."""
        values = {**fields, "area": self.folder(fields), "asset": asset, "ext": self.file_type}
        return _fill(self.template, values, "render path template")

    def contains(self, path: PurePath, fields: Mapping[str, str]) -> bool:
        """True when ``path`` is inside a folder the area (a pattern) matches."""
        pattern = self.folder(fields).rstrip("/")
        return any(fnmatch.fnmatchcase(parent.as_posix(), pattern) for parent in path.parents)


def render_area(config: Config) -> RenderArea:
    """The studio's (and show's) render area, as its config sets it."""
    settings = config.plugin_settings.get(SETTINGS, {})
    values = {
        key: str(settings[key].value)
        for key in ("area", "template", "file_type")
        if key in settings
    }
    return RenderArea(**values)
