"""Maya's render command on a farm worker:
``Render -r file -rl LAYERS -s START -e END -proj PROJECT SCENE``.

``-r file`` renders each layer with the renderer the scene sets for it; ``-proj`` is the scene's
project, so the images go where the workstation expects them (through the farm's path map).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from ftpub.hosts.farm.job import END, START

#: Maya's command-line renderer where the studio config names none.
EXECUTABLE = "Render"


def render_command(
    executable: str, layers: Sequence[str], project: PurePath, scene: PurePath
) -> list[str | PurePath]:
    """Render ``layers`` of ``scene`` (in ``project``) over a chunk's frames."""
    return [
        executable,
        *("-r", "file", "-rl", ",".join(layers)),
        *("-s", START, "-e", END),
        *("-proj", project),
        scene,
    ]
