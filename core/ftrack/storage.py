"""ftpub's storage location in any ftrack session: published files resolve, new ones land in place.

The integrator copies files itself and registers each in the location named by the config's
``storage_location`` (default ``ftpub.storage``), its resource identifier being the path
relative to the publish root. :func:`configure` gives a session's instance of that location a
:class:`~ftrack_api.accessor.disk.DiskAccessor` on the publish root and a
:class:`TemplateStructure` on the path template, so ``location.get_filesystem_path(component)``
finds published files and ``location.add_component(component, source)`` copies new ones to
where ftpub would have put them.

Every ftrack tool (Connect, a DCC integration, an event listener) gets this by loading the
module as an ftrack plugin: make a folder holding one file, say ``ftpub_storage.py``, with ::

    from ftpub.core.ftrack.storage import register  # noqa: F401

and add that folder to ``FTRACK_EVENT_PLUGIN_PATH`` (not ftpub's own package folder: every
``.py`` file of a plugin folder is loaded). The tool's Python needs ftpub installed and the
studio's ``FTPUB_CONFIG`` / ``FTPUB_PUBLISH_ROOT``. Sessions are not tied to a show, so the
studio-level path template applies, not a show's or a hook's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.entity.location
import ftrack_api.exception
import ftrack_api.inspection
import ftrack_api.structure.base
import ftrack_api.symbol

from ftpub.core.config import Config, load_config
from ftpub.core.files import PathFields, TemplateError, members, render_path, sanitise
from ftpub.core.files.template import with_frame_token

from .calls import send
from .operations import query

log = logging.getLogger(__name__)

PRIORITY = 50
"""Where the location ranks when ftrack picks one (lower first): ahead of ftrack.unmanaged (90)
and the other built-ins, so ``location="auto"`` copies new components into ftpub's layout and
a component stored here is read from here; behind a centralized storage scenario's location
(1), which stays the default at a studio that set one up."""

SUBSCRIPTION_PRIORITY = 1000
"""Runs after location plugins subscribed at ftrack's default (100), to see what they set."""

Entity = Any
"""An ``ftrack_api`` entity (the client has no type hints)."""

_VERSION = ("version", "link", "asset.name", "asset.type.short", "task.name")
_COMPONENT = ("name", "file_type", "container", *(f"version.{name}" for name in _VERSION))


class TemplateStructure(ftrack_api.structure.base.Structure):
    """Resource identifiers from ftpub's path template, relative to the publish root.

    A component of a committed version gets the template rendered for its project, parents,
    asset, asset type, version number, name (as the representation) and file type; a sequence
    gets the ``%0Nd`` pattern, a member (named by its frame) its frame's file. That is the
    identifier the integrator stores, unless the publish used a show's or a hook's template,
    or a hook renamed the component: published files are always found through the stored
    identifiers; only components added later use this structure.
    """

    def __init__(self, path_template: str, publish_root: Path) -> None:
        super().__init__()
        self.path_template = path_template
        self.publish_root = publish_root

    def get_resource_identifier(self, entity: Entity, context: dict[str, Any] | None = None) -> str:
        is_sequence = entity.entity_type == "SequenceComponent"
        _load(entity, (*_COMPONENT, "padding") if is_sequence else _COMPONENT)
        if _present(entity["container"]):
            return self._member(entity, entity["container"])
        if entity.entity_type not in ("FileComponent", "SequenceComponent"):
            raise _error(f"{entity} is neither a file nor a sequence: ftpub stores no others")
        try:
            path = render_path(self.path_template, _fields(entity), self.publish_root)
        except TemplateError as error:
            raise _error(f"no path for {entity}: {error}") from error
        if is_sequence:
            path = with_frame_token(path, sanitise(_ext(entity)), entity["padding"])
        return path.relative_to(self.publish_root).as_posix()

    def _member(self, member: Entity, container: Entity) -> str:
        if container.entity_type != "SequenceComponent":
            raise _error(f"{member} is in {container}, not a sequence: ftpub stores no others")
        try:
            frame = int(member["name"])
        except ValueError:
            raise _error(f"sequence member {member} is not named by its frame number") from None
        pattern = Path(self.get_resource_identifier(container))
        return members(pattern, [frame])[frame].as_posix()


def configure(
    session: ftrack_api.Session, config: Config
) -> ftrack_api.entity.location.Location | None:
    """Give ``config.storage_location`` ftpub's accessor, structure and priority; return it.

    A location that already has an accessor (a studio's own plugin configured it) is left as
    it is. Returns None, creating nothing, while the location does not exist (ftpub's first
    publish creates it).
    """
    name = config.storage_location
    found = send(
        session,
        [query(f'select id, name from Location where name is "{name}"')],
        f"look up the location {name}",
    )[0]["data"]
    if not found:
        log.info("ftrack has no location %s yet: nothing to configure", name)
        return None
    location = session.merge(found[0])
    configure_location(location, config.publish_root, config.path_template)
    return location


def configure_location(
    location: ftrack_api.entity.location.Location, publish_root: Path, path_template: str
) -> None:
    """Give ``location`` ftpub's accessor, structure and priority, unless it has an accessor."""
    if location.accessor is not ftrack_api.symbol.NOT_SET:
        log.debug(
            "location %s is configured already (%r): left as it is",
            location["name"],
            location.accessor,
        )
        return
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=str(publish_root))
    location.structure = TemplateStructure(path_template, publish_root)
    location.priority = PRIORITY


def register(session: object, **kw: object) -> None:
    """ftrack plugin entry point: configure the storage location of every new session."""
    if not isinstance(session, ftrack_api.Session):
        return
    session.event_hub.subscribe(
        "topic=ftrack.api.session.configure-location",
        lambda event: configure(session, load_config(None)),
        priority=SUBSCRIPTION_PRIORITY,
    )


def _load(entity: Entity, attributes: Iterable[str]) -> None:
    """Fetch ``attributes`` (dotted paths) of ``entity`` in one query, unless all are cached."""
    attributes = tuple(attributes)
    with entity.session.auto_populating(False):
        cached = all(_peek(entity, path) is not ftrack_api.symbol.NOT_SET for path in attributes)
    if not cached:
        entity.session.populate(entity, ", ".join(attributes))


def _peek(entity: Entity, path: str) -> Any:
    value = entity
    for name in path.split("."):
        if not _present(value):
            return value
        value = value[name]
    return value


def _fields(component: Entity) -> PathFields:
    version = _committed_version(component)
    _load(version, _VERSION)
    link = version["link"]
    if not link:
        raise _error(f"{version} of {component} has no place in a project (empty link)")
    project = component.session.get("Project", link[0]["id"])
    task = version["task"]
    return PathFields(
        project=project["name"],
        parents=tuple(item["name"] for item in link[1:-1]),
        asset_type=version["asset"]["type"]["short"],
        asset=version["asset"]["name"],
        version=version["version"],
        representation=component["name"],
        ext=_ext(component),
        task=task["name"] if task else "",
    )


def _committed_version(component: Entity) -> Entity:
    version = component["version"]
    if version is ftrack_api.symbol.NOT_SET and component["version_id"]:
        version = component.session.get("AssetVersion", component["version_id"])
    if not _present(version) or ftrack_api.inspection.state(version) is ftrack_api.symbol.CREATED:
        raise _error(f"{component} must be attached to a committed version to have a path")
    return version


def _present(value: Any) -> bool:
    return value is not None and value is not ftrack_api.symbol.NOT_SET


def _ext(component: Entity) -> str:
    return str(component["file_type"]).lstrip(".")


def _error(message: str) -> ftrack_api.exception.StructureError:
    """A StructureError whose message is kept as is (the client ``format``s it)."""
    return ftrack_api.exception.StructureError(message.replace("{", "{{").replace("}", "}}"))
