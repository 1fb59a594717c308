"""Recording fakes of DCC modules; put this folder on ``sys.path`` to import them."""
