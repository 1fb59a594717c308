"""The farm host's pyblish plugin files; discovery runs each file, nothing imports them."""
