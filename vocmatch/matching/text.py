"""Text normalisation and the character n-gram analyzer shared by fitting and matching.

Everything the matcher compares goes through :func:`normalise` first, on both sides (reference
documents and queries), so a lossy step (a traditional character with two simplified readings)
is harmless: it is applied the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import zhconv.zhconv as zhconv_tables

# C0 controls (NUL included) and DEL; tabs and newlines become spaces below.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
# Runs the analyzer reads: CJK ideographs, or ASCII letters/digits (words, codes like p507).
_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Return a one-character traditional → simplified table built from zhconv's zh-hans dict.

    zhconv's phrase-level converter costs ~25 µs per 100 characters; a ``str.translate`` table is
    ~50× faster, and phrase-level precision does not matter for matching (both sides use it).
    """
    table = zhconv_tables.getdict("zh-hans")
    return {
        ord(k): v
        for k, v in table.items()
        if len(k) == 1 and len(v) == 1 and k != v and unicodedata.category(k).startswith("L")
    }


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """Return every character the simplifying table changes."""
    return frozenset(chr(c) for c in _t2s_table())


def truncate(text: str | None, limit: int) -> str:
    """Return ``text`` cut to ``limit`` characters (``""`` for None); done before normalising."""
    if not text:
        return ""
    return text[:limit]


def normalise(text: str | None) -> str:
    """Return ``text`` NFKC-folded (full-width → half-width), simplified, lower-cased, one-spaced."""
    if not text:
        return ""
    text = _CONTROL.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    if _traditional() & set(text):  # most postings are simplified: skip the per-character map
        text = text.translate(_t2s_table())
    return _SPACE.sub(" ", text.lower()).strip()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return ``normalise``-like text and, per output character, its index in ``text``.

    Used to highlight evidence in the user's own text; slower than :func:`normalise` (per
    character), so only the web page calls it. Whitespace is kept one-for-one, not collapsed.
    """
    out: list[str] = []
    offsets: list[int] = []
    table = _t2s_table()
    for i, ch in enumerate(text):
        if _CONTROL.match(ch):
            ch = " "
        folded = unicodedata.normalize("NFKC", ch).translate(table).lower()
        for c in folded:
            out.append(" " if c.isspace() else c)
            offsets.append(i)
    return "".join(out), offsets


def has_cjk(text: str) -> bool:
    """Return True when ``text`` contains a Chinese character."""
    return _CJK.search(text) is not None


def analyze(text: str, ngram_min: int = 2, ngram_max: int = 3) -> list[str]:
    """Return the features of normalised ``text``: CJK character n-grams and whole Latin words.

    A CJK run shorter than ``ngram_min`` contributes itself (a one-character title like 钳 still
    counts). N-grams never cross punctuation or a change of script.
    """
    feats: list[str] = []
    for run in _RUN.findall(text):
        if run[0] < "\u3400":  # ASCII word
            feats.append(run)
            continue
        n_run = len(run)
        if n_run < ngram_min:
            feats.append(run)
            continue
        for n in range(ngram_min, min(ngram_max, n_run) + 1):
            feats.extend(run[i : i + n] for i in range(n_run - n + 1))
    return feats


def analyze_with_unigrams(text: str) -> tuple[list[str], list[str]]:
    """Return ``analyze(text, 2, 3)`` and the single characters of CJK runs it leaves out.

    Together they are ``analyze(text, 1, 3)``: one pass serves both the 2–3-gram TF-IDF space
    and the 1–3-gram chain classifier.
    """
    feats: list[str] = []
    unigrams: list[str] = []
    for run in _RUN.findall(text):
        n_run = len(run)
        if run[0] < "\u3400" or n_run < 2:
            feats.append(run)
            continue
        unigrams.extend(run)
        feats += [run[i : i + 2] for i in range(n_run - 1)]
        feats += [run[i : i + 3] for i in range(n_run - 2)]
    return feats, unigrams
