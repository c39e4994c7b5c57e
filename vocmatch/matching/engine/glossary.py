"""English → Chinese job vocabulary, so English postings reach the Chinese reference data.

The words are data (``data/glossary.yaml``, saved in the fitted model). Matching is on whole
words of the normalised (lower-case) text; the Chinese equivalents are appended to the query, so
an English ad meets the same occupations, terms and programmes as its Chinese equivalent.
"""

from __future__ import annotations

import re

_HAS_LATIN = re.compile(r"[a-z]{2}")


class Glossary:
    """Find English job words in normalised text and give their Chinese."""

    def __init__(self, english: dict[str, str]) -> None:
        self.english = english
        words = "|".join(sorted((re.escape(k) for k in english), key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])" if words else r"(?!)")

    def expand(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Return ``text`` with the Chinese of its English words appended, and the pairs found.

        ``text`` must be normalised (lower case). Text without two Latin letters in a row is
        returned unchanged at the cost of one regex search.
        """
        if not _HAS_LATIN.search(text):
            return text, []
        pairs = [(m.group(), self.english[m.group()]) for m in self.pattern.finditer(text)]
        if not pairs:
            return text, []
        return text + " ; " + " ; ".join(zh for _, zh in pairs), pairs
