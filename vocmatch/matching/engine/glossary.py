"""English → Chinese job vocabulary, so English postings reach the Chinese reference data.

The words are data (``data/glossary.yaml``, saved in the fitted model). Matching is on whole
words of the normalised (lower-case) text; the Chinese equivalents are appended to the query, so
an English ad meets the same occupations, terms and programmes as its Chinese equivalent.
"""

from __future__ import annotations

import re

_HAS_LATIN = re.compile(r"[a-z]{2}")


_SEPARATOR = re.compile(r"[\s\-]+")
# A plural or third-person ending after a glossary word (welders, presses, batteries, operates).
_ENDINGS = ("ies", "es", "s")


def _canonical(words: str) -> str:
    """Return ``words`` with each run of spaces and hyphens as one space (fork-lift ~ fork lift)."""
    return _SEPARATOR.sub(" ", words.strip())


class Glossary:
    """Find English job words in normalised text and give their Chinese.

    Words are matched whole, whatever separates the words of a term (space or hyphen: "argon-arc"
    and "argon arc" are one term), and with a plural ending ("welders" is "welder", "batteries"
    "battery"): job ads write both, a word list has one.
    """

    def __init__(self, english: dict[str, str]) -> None:
        self.english = {_canonical(k): v for k, v in english.items()}
        words = "|".join(
            re.escape(k).replace(r"\ ", r"[\s\-]+")
            for k in sorted(self.english, key=len, reverse=True)
        )
        self.pattern = re.compile(
            rf"(?<![a-z0-9])(?:{words})(?:e?s)?(?![a-z0-9])" if words else r"(?!)"
        )
        stems = "|".join(
            re.escape(k[:-1]).replace(r"\ ", r"[\s\-]+")
            for k in sorted(self.english, key=len, reverse=True)
            if len(k) > 3 and k.endswith("y") and k[-2] not in "aeiou"
        )
        self.plural_y = re.compile(
            rf"(?<![a-z0-9])(?:{stems})ies(?![a-z0-9])" if stems else r"(?!)"
        )

    def lookup(self, found: str) -> str | None:
        """Return the glossary word ``found`` is (itself, or without its plural ending)."""
        word = _canonical(found)
        if word in self.english:
            return word
        for ending, stem_end in (("ies", "y"), ("es", ""), ("s", "")):
            if word.endswith(ending) and word[: -len(ending)] + stem_end in self.english:
                return word[: -len(ending)] + stem_end
        return None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Return ``(start, end, English found, Chinese)`` of each glossary word in ``text``."""
        found = [*self.pattern.finditer(text), *self.plural_y.finditer(text)]
        out = []
        for m in sorted(found, key=lambda m: m.start()):
            word = self.lookup(m.group())
            if word is not None:
                out.append((m.start(), m.end(), m.group(), self.english[word]))
        return out

    def expand(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Return ``text`` with the Chinese of its English words appended, and the pairs found.

        ``text`` must be normalised (lower case). Text without two Latin letters in a row is
        returned unchanged at the cost of one regex search.
        """
        if not _HAS_LATIN.search(text):
            return text, []
        pairs = [(en, zh) for _, _, en, zh in self.find(text)]
        if not pairs:
            return text, []
        return text + " ; " + " ; ".join(zh for _, zh in pairs), pairs
