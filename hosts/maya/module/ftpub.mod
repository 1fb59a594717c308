+ ftpub 0.1.0 .
scripts: scripts
