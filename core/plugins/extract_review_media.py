"""Make the review movie and thumbnail of representations tagged ``review``.

A representation tagged ``review`` that ftrack's web player cannot show as it is (an image
sequence, a ``.mov``, an EXR…) keeps its files for publishing, loses the tag, and gains two new
representations: ``review`` (an ``.mp4`` or a JPEG, with its ``ftr_meta``) and, unless the
instance has one, ``thumbnail``, written to a staging folder. The frame rate is the instance's
``fps``, else the ``fps`` custom attribute of its shot (or asset build) or project in ftrack,
else the config's ``review_fps``. Burn-ins name the shot, asset, next version, task, artist,
date and frame.
"""

from __future__ import annotations

import datetime
import logging

import ftrack_api
import pyblish.api

from ftpub.core.context import TaskContext
from ftpub.core.publish_data import REVIEW_TAG, THUMBNAIL_TAG, InstanceData, instance_data
from ftpub.core.staging import staging_folder

log = logging.getLogger(__name__)


class ExtractReviewMedia(pyblish.api.InstancePlugin):
    """Review movie and thumbnail from what the instance marks for review."""

    label = "Make review movie and thumbnail"
    order = pyblish.api.ExtractorOrder + 0.4

    def process(self, instance: pyblish.api.Instance) -> None:
        data = instance_data(instance)
        to_review = [r for r in data.representations if REVIEW_TAG in r.tags]
        if not to_review:
            return
        # Imported here: they need the media libraries, which validation has checked.
        from ftpub.core.media.burnin import BurninValues
        from ftpub.core.media.checks import needs_making
        from ftpub.core.media.reviewable import ReviewRequest, reviewables

        context = instance.context
        settings = context.data["config"].media
        fps: float = settings.review_fps
        burnins = BurninValues()
        if any(needs_making(r, settings) for r in to_review):
            session = context.data.get("ftrack_session")
            task: TaskContext = context.data["task"]
            fps = instance.data.get("fps") or _ftrack_fps(session, task) or fps
            burnins = BurninValues(
                shot=task.parent_name,
                asset=data.asset_name,
                version=_next_version(session, task, data),
                task=task.task_name,
                artist=session.api_user if session is not None else None,
                date=datetime.date.today().isoformat(),
                project=task.project_name,
            )
        has_thumbnail = any(THUMBNAIL_TAG in r.tags for r in data.representations)
        result = []
        for representation in data.representations:
            if representation not in to_review:
                result.append(representation)
                continue
            request = ReviewRequest(
                settings, fps, burnins, data.frame_start or 0, thumbnail=not has_thumbnail
            )
            staging = staging_folder(context, instance.name)
            made = reviewables(representation, staging, request)
            has_thumbnail = has_thumbnail or any(THUMBNAIL_TAG in r.tags for r in made)
            result.extend(made)
            self.log.info(
                "Review media of %s: %s", representation.name, ", ".join(r.name for r in made)
            )
        instance.data["representations"] = result


def _ftrack_fps(session: ftrack_api.Session | None, task: TaskContext) -> float | None:
    """The ``fps`` custom attribute of the task's parent, else of its project, if set."""
    if session is None:
        return None
    for entity_type, entity_id in (
        (task.parent_type, task.parent_id),
        ("Project", task.project_id),
    ):
        try:
            entity = session.query(
                f'select custom_attributes from {entity_type} where id is "{entity_id}"'
            ).first()
            fps = entity["custom_attributes"].get("fps") if entity is not None else None
        except (KeyError, TypeError, ftrack_api.exception.Error) as error:
            log.debug("No fps on %s %s: %s", entity_type, entity_id, error)
            continue
        if fps:
            return float(fps)
    return None


def _next_version(
    session: ftrack_api.Session | None, task: TaskContext, data: InstanceData
) -> int | None:
    """The version number this publish will most likely get (ftrack numbers it on commit)."""
    if session is None or (data.task_id and data.task_id != task.task_id):
        return None
    asset = data.asset_name.replace('"', '\\"')
    latest = session.query(
        f'select version from AssetVersion where asset.name is "{asset}" '
        f'and asset.context_id is "{task.parent_id}" order by version descending'
    ).first()
    return int(latest["version"]) + 1 if latest is not None else 1
