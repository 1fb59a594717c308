"""Publish every instance into ftrack in one integration: versions, files, components."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pluggy
import pyblish.api

from ftpub.core.context import TaskContext
from ftpub.core.files import ProgressBar
from ftpub.core.ftrack.events import version_published
from ftpub.core.ftrack.integrate import (
    InstanceToPublish,
    IntegrationError,
    IntegrationSettings,
    integrate,
)
from ftpub.core.ftrack.recovery import recover
from ftpub.core.journal import Journal
from ftpub.core.media import MediaError, ftr_meta, image_meta
from ftpub.core.offload import offload_of, progress_of
from ftpub.core.publish_data import REVIEW_TAG, InstanceData, Representation, instance_data
from ftpub.core.result import PublishError

WEB_PLAYER_KEYS = ("frameIn", "frameOut", "frameRate", "width", "height", "format")


def _failure(error: IntegrationError, journal: Journal) -> str:
    """What an artist reads: the step that failed, why, and what is left behind."""
    failed = f"{error.step.capitalize()} failed: {str(error.cause).rstrip('.')}."
    later = [undone.entry.describe() for undone in error.undone if undone.later]
    given_up = [u.entry.describe() for u in error.undone if not u.ok and not u.later]
    if not later and not given_up:
        return (
            f"{failed} Nothing of this publish was kept: "
            "ftrack and the publish folder are as they were before."
        )
    left = []
    if later:
        left.append(
            f"Some of it could not be removed yet ({'; '.join(later)}); "
            "the next publish on this machine tries again."
        )
    if given_up:
        left.append(
            f"Some of it could not be removed ({'; '.join(given_up)}); "
            f"remove it by hand (listed in {journal.set_aside})."
        )
    return " ".join([failed, *left])


def version_metadata(instance: pyblish.api.Instance) -> dict[str, str]:
    """The metadata of ``instance``'s version: the context's ``version_metadata`` entries, then
    the instance's own (a collector's record of where the version came from)."""
    entries = {
        **instance.context.data.get("version_metadata", {}),
        **instance.data.get("version_metadata", {}),
    }
    return {str(key): str(value) for key, value in entries.items()}


def journal_folder() -> Path:
    """Where publishes keep their journals until they complete."""
    return Path(platformdirs.user_state_dir("ftpub")) / "journals"


class IntegrateFtrack(pyblish.api.ContextPlugin):
    """All instances as new AssetVersions, published only once everything is in place.

    The ftrack calls and transfers (no DCC call) go through the run's offload (a window runs
    them in a worker thread); progress goes to the run's callback, else a terminal bar.
    """

    label = "Publish to ftrack"
    order = pyblish.api.IntegratorOrder

    def process(self, context: pyblish.api.Context) -> None:
        session = context.data["ftrack_session"]
        config = context.data["config"]
        task = context.data["task"]
        hooks = context.data.get("hooks")
        offload = offload_of(context.data)
        for recovered in offload(lambda: recover(session, journal_folder())):
            if recovered.kept:
                self.log.info(
                    "An interrupted publish had completed: kept (%s)", recovered.journal.name
                )
            elif recovered.ok:
                self.log.warning("Undid an interrupted publish (%s)", recovered.journal.name)
            elif any(undone.later for undone in recovered.undone):
                # What failed for good the journal said once; this is tried again later.
                self.log.info(
                    "Could not reach ftrack to undo an interrupted publish yet (%s)",
                    recovered.journal.name,
                )
        items = [
            self._item(instance_data(instance), task, hooks, version_metadata(instance))
            for instance in context
            if instance.data.get("publish") is not False
        ]
        empty = [item.instance.name for item in items if not item.instance.representations]
        if empty:
            raise PublishError(
                "Nothing to publish",
                f"{', '.join(empty)}: extraction made no file to publish",
            )
        settings = IntegrationSettings.from_config(config)
        journal = Journal.create(journal_folder(), session.server_url)
        progress = progress_of(context.data) or ProgressBar("Publishing files")
        comment = context.data.get("comment", "")
        try:
            versions = offload(
                lambda: integrate(session, items, comment, settings, journal, progress)
            )
        except IntegrationError as error:
            raise PublishError(
                "Publishing to ftrack failed", _failure(error, journal), str(error)
            ) from error
        context.data.setdefault("published_versions", []).extend(versions)
        for version in versions:
            self.log.info("Published %s v%03d", version.asset_name, version.version)
            version_published(session, version, {"task_id": task.task_id})
            if hooks is not None:
                hooks.hook.ftpub_version_published(version=version, task=task)

    def _item(
        self,
        data: InstanceData,
        task: TaskContext,
        hooks: pluggy.PluginManager | None,
        metadata: dict[str, str],
    ) -> InstanceToPublish:
        hook = hooks.hook if hooks is not None else None
        asset_name = data.asset_name
        component_names: dict[str, str] = {}
        path_templates: dict[str, str] = {}
        if hook is not None:
            asset_name = hook.ftpub_asset_name(instance=data, task=task) or asset_name
            for representation in data.representations:
                name = hook.ftpub_component_name(instance=data, representation=representation)
                if name:
                    component_names[representation.name] = name
                template = hook.ftpub_path_template(
                    instance=data, representation=representation, task=task
                )
                if template:
                    path_templates[representation.name] = template
        player_meta = {
            representation.name: self._player_meta(representation, data)
            for representation in data.representations
            if REVIEW_TAG in representation.tags
        }
        return InstanceToPublish(
            data,
            data.task_id or task.task_id,
            asset_name,
            component_names,
            player_meta,
            path_templates,
            metadata,
        )

    def _player_meta(self, representation: Representation, data: InstanceData) -> dict[str, object]:
        """The web player's metadata: as extracted, or probed from the reviewable."""
        given: dict[str, object] = {
            key: representation.metadata[key]
            for key in WEB_PLAYER_KEYS
            if key in representation.metadata
        }
        if given:
            return given
        try:
            from ftpub.core.media.probe import probe  # needs the media libraries

            info = probe(representation.path)
        except (ImportError, MediaError) as error:
            self.log.warning("The review of %s has no player metadata: %s", data.name, error)
            return {}
        if info.frame_count is None:
            return dict(image_meta(info))
        return dict(ftr_meta(info, data.frame_start or 0))
