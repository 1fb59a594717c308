"""ftrack's locations tutorial: a location of our own, picking, adding and removing data."""

from __future__ import annotations

import uuid
from pathlib import Path

import ftrack_api.accessor.disk
import ftrack_api.structure.id
import ftrack_api.symbol


def test_locations_tutorial(session, tmp_path):
    name = f"tutorial.{uuid.uuid4().hex[:6]}"
    location = session.create("Location", {"name": name})
    session.commit()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=str(tmp_path / "prefix"))
    location.structure = ftrack_api.structure.id.IdStructure()
    location.priority = 1

    assert session.pick_location()["id"] == location["id"]

    source = tmp_path / "file.txt"
    source.write_text("tutorial data")
    component = session.create_component(str(source), data={"name": "tutorial"}, location=location)
    session.commit()

    path = Path(location.get_filesystem_path(component))
    assert path.read_text() == "tutorial data"
    assert path.is_relative_to(tmp_path / "prefix")
    availability = component.get_availability([location])
    assert availability == {location["id"]: 100.0}

    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    unmanaged = session.get("Location", ftrack_api.symbol.UNMANAGED_LOCATION_ID)
    unmanaged.add_component(component, origin)
    assert unmanaged.get_resource_identifier(component) == str(source)

    location.remove_component(component)
    assert not path.exists()
    assert component.get_availability([location]) == {location["id"]: 0.0}


def test_builtin_locations_exist_with_client_ids(session):
    names = {loc["name"]: loc["id"] for loc in session.query("select name from Location")}
    assert names["ftrack.origin"] == ftrack_api.symbol.ORIGIN_LOCATION_ID
    assert names["ftrack.unmanaged"] == ftrack_api.symbol.UNMANAGED_LOCATION_ID
    assert names["ftrack.review"] == ftrack_api.symbol.REVIEW_LOCATION_ID
    assert names["ftrack.server"] == ftrack_api.symbol.SERVER_LOCATION_ID
