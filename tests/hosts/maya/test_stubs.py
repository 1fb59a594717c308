"""The Maya adapter is type-checked against exactly one Maya stub package."""

from __future__ import annotations

from importlib import metadata


def test_types_maya_strict_is_the_only_maya_stub_package() -> None:
    providers = {
        dist.metadata["Name"]
        for dist in metadata.distributions()
        if any(str(path).startswith("maya-stubs/") for path in dist.files or ())
    }
    assert providers == {"types-maya-strict"}
