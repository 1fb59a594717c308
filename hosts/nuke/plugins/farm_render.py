"""Render mode ``farm``: the plugins every DCC host shares (see
:mod:`ftpub.hosts.farm.host_plugins`), run for Nuke's Write nodes."""

from ftpub.hosts.farm.host_plugins import (
    CollectFarmJob,
    HandOverToFarm,
    ValidateFarmJob,
    WriteFarmJobs,
)

__all__ = ["CollectFarmJob", "HandOverToFarm", "ValidateFarmJob", "WriteFarmJobs"]
