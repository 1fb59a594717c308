"""Publishing without a DCC: manifests, the farm host, and render-farm jobs that publish."""
