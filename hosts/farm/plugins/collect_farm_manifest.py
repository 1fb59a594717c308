"""A farm manifest publishes once: its id goes on every version it publishes, and a manifest
that was already published is refused (farms retry tasks; so do people)."""

from __future__ import annotations

import pyblish.api

from ftpub.core.result import PublishError
from ftpub.hosts.farm.published import MANIFEST_ID_KEY, published_from


class CollectFarmManifest(pyblish.api.ContextPlugin):
    """Every version carries the manifest id as metadata: the integrator writes it in the same
    call that creates the version, before the version is published, so a published version
    always says which manifest it came from."""

    label = "Farm manifest: publish once"
    order = pyblish.api.CollectorOrder + 0.45
    hosts = ["farm"]

    def process(self, context: pyblish.api.Context) -> None:
        manifest = getattr(context.data["host"], "manifest", None)
        manifest_id = getattr(manifest, "manifest_id", None)
        if not manifest_id:
            return
        session = context.data.get("ftrack_session")
        done = published_from(session, manifest_id) if session is not None else []
        if done:
            raise PublishError(
                "Already published",
                f"{', '.join(done)} came from manifest {manifest_id}; nothing was published again",
            )
        context.data.setdefault("version_metadata", {})[MANIFEST_ID_KEY] = manifest_id
        self.log.info("Every version published records manifest %s", manifest_id)
