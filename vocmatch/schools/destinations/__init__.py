"""Graduate-destination records: where each school's graduates of a programme went, per year."""
