"""Host-agnostic publishing core of ftpub."""
