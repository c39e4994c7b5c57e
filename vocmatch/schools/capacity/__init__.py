"""A school's capacity in a year: places, full-time teachers and training stations."""
