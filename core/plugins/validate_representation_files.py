"""Every file of every representation exists; sequences are complete."""

from __future__ import annotations

import pyblish.api

from ftpub.core.files.errors import file_problem
from ftpub.core.publish_data import frame_ranges, instance_data
from ftpub.core.result import PublishError


class ValidateRepresentationFiles(pyblish.api.InstancePlugin):
    """Single files exist; a sequence has all its frames (the missing ones are listed)."""

    label = "Validate representation files"
    order = pyblish.api.ValidatorOrder

    def process(self, instance: pyblish.api.Instance) -> None:
        problems = []
        for representation in instance_data(instance).representations:
            if not representation.is_sequence:
                problem = file_problem(representation.path)
                if problem is not None:
                    problems.append(f"{representation.name}: {problem}")
                continue
            if not representation.frames:
                problems.append(f"{representation.name}: no frames of {representation.path}")
                continue
            missing = representation.missing_frames()
            if missing:
                problems.append(
                    f"{representation.name}: {len(missing)} of {len(representation.frames)} "
                    f"frames missing from {representation.path}: {frame_ranges(missing)}"
                )
                continue
            unreadable = [p for p in map(file_problem, representation.files()) if p is not None]
            if unreadable:
                more = f" (+{len(unreadable) - 3} more)" if len(unreadable) > 3 else ""
                problems.append(f"{representation.name}: {'; '.join(unreadable[:3])}{more}")
        if problems:
            raise PublishError("Missing files", "; ".join(problems))
        self.log.info("All files of %s exist", instance.name)
