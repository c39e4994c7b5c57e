"""The dual-qualified (双师型) rule engine: the rule file, a teacher's facts, their evaluation, share arithmetic (pure, no database)."""
