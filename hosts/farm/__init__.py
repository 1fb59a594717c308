"""Publishing without a DCC: manifests and the farm host adapter."""
