"""ftpub in Maya: the host adapter (:mod:`.api`, the only module importing ``maya``), the
menu, marked sets, the batch command and the Maya module that loads it all at startup."""
