"""Host adapters: the only code that talks to a DCC."""
