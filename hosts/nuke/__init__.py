"""ftpub in Nuke: the host adapter (:mod:`.api`, the only module importing ``nuke``), the
menu, Write nodes marked as products, the batch script and the startup folder Nuke loads."""
