"""What extraction needs to make review media is there: the media libraries, a colour space the
config knows, readable frames of one size."""

from __future__ import annotations

import pyblish.api

from ftpub.core.media import MediaLibraryMissing, missing_libraries
from ftpub.core.publish_data import REVIEW_TAG, Representation, instance_data
from ftpub.core.result import PublishError

TITLE = "Review media cannot be made"


class ValidateReviewMedia(pyblish.api.InstancePlugin):
    """Each representation tagged ``review`` can be made into a review movie or image."""

    label = "Validate review media"
    order = pyblish.api.ValidatorOrder + 0.1

    def process(self, instance: pyblish.api.Instance) -> None:
        to_review = [
            representation
            for representation in instance_data(instance).representations
            if REVIEW_TAG in representation.tags and _on_disk(representation)
        ]
        if not to_review:
            return
        missing = missing_libraries()
        if missing:
            raise PublishError(
                TITLE, str(MediaLibraryMissing(f"Reviewing {instance.name}", missing))
            )
        # Imported once the libraries are known to be there.
        from ftpub.core.media.checks import review_problems

        settings = instance.context.data["config"].media
        problems = [
            f"{representation.name}: {problem}"
            for representation in to_review
            for problem in review_problems(representation, settings)
        ]
        if problems:
            raise PublishError(TITLE, "; ".join(problems))
        self.log.info("Review media of %s can be made", instance.name)


def _on_disk(representation: Representation) -> bool:
    """Missing files are ValidateRepresentationFiles' to report."""
    if representation.is_sequence:
        return bool(representation.frames) and not representation.missing_frames()
    return representation.path.is_file()
