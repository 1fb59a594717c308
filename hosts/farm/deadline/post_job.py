"""Deadline 10 Post-Job Script: publish a finished render job's frames with ftpub.

A job written by ``ftpub farm deadline`` names this file as its ``PostJobScript`` and the
manifest as the extra info ``ftpub_manifest``. The script runs ``ftpub farm publish`` (ftpub on
the worker's PATH, ftrack's FTRACK_* variables in its environment), logs its output, and fails
the job with ftpub's readable last line when the publish fails. Standard library only: it runs
in Deadline's own Python.
"""

import subprocess
from typing import Any

MANIFEST_KEY = "ftpub_manifest"


def __main__(deadlinePlugin: Any) -> None:
    job = deadlinePlugin.GetJob()
    manifest = job.GetJobExtraInfoKeyValue(MANIFEST_KEY)
    if not manifest:
        deadlinePlugin.FailRender(
            f"ftpub: the job has no '{MANIFEST_KEY}' in its extra info, so there is nothing to "
            "publish (submit it with the files 'ftpub farm deadline' writes)"
        )
        return
    command = ["ftpub", "farm", "publish", "--manifest", manifest, "--job-name", job.JobName]
    try:
        child = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            universal_newlines=True,
            errors="replace",
        )
    except OSError as error:
        deadlinePlugin.FailRender(f"ftpub: cannot run ftpub on this worker: {error}")
        return
    last = ""
    for line in child.stdout or ():
        line = line.rstrip("\n")
        deadlinePlugin.LogInfo(line)
        last = line.strip() or last
    if child.wait() != 0:
        deadlinePlugin.FailRender(last or "ftpub: ftpub farm publish failed without a message")
