"""Partners (the shared directory) and agreements (a school's, with a partner)."""
