"""Skill terms, the chains\x27 lexicon, and skill coverage of curricula."""
