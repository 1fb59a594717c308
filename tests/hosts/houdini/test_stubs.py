"""The Houdini adapter is type-checked against types-houdini, the only ``hou`` stub package."""

from __future__ import annotations

from importlib import metadata


def test_types_houdini_is_the_only_hou_stub_package() -> None:
    providers = {
        dist.metadata["Name"]
        for dist in metadata.distributions()
        if any(str(path).startswith("hou-stubs/") for path in dist.files or ())
    }
    assert providers == {"types-houdini"}
