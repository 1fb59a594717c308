"""Render mode ``farm``: the plugins every DCC host shares (see
:mod:`ftpub.hosts.farm.host_plugins`), run for Maya's render layers."""

from ftpub.hosts.farm.host_plugins import (
    CollectFarmJob,
    HandOverToFarm,
    ValidateFarmJob,
    WriteFarmJobs,
)

__all__ = ["CollectFarmJob", "HandOverToFarm", "ValidateFarmJob", "WriteFarmJobs"]
