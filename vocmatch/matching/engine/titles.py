"""Find the job inside a job-board title: strip the employer, 招聘, places, pay, perks and ids.

Job boards pad a title: ``某某五金制品有限公司招聘焊工``, ``急招｜叉车工 8000-10000元/月 包吃住``,
``钣金技师（长白班）#2031``. :class:`TitleNormaliser` reads a normalised title (NFKC, simplified,
lower case) and returns a :class:`CleanTitle`: the job, its core without level words (技师, 学徒,
主管 — kept as ``level``, a feature, not the job), bracket notes that may describe the job
(``（中餐）``, ``（氩弧焊）``), and every piece it removed with its kind, for the evidence.

The word lists are data (``data/title_words.yaml``, English level words from
``data/glossary.yaml``), saved in the fitted model, so fitting and matching use the same lists.
The reference titles of the occupations go through the same normaliser when the model is fitted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# Kinds of what normalisation removes (shown in the evidence and on /match).
EMPLOYER, RECRUIT, PLACE, SALARY, BENEFIT, SHIFT, COUNT, ID, NOTE = (
    "employer",
    "recruit",
    "place",
    "salary",
    "benefit",
    "shift",
    "headcount",
    "id",
    "note",
)

_BRACKET = re.compile(r"[(（\[【〔「《<＜]([^)）\]】〕」》>＞]*)[)）\]】〕」》>＞]?")
# Separators between parts of a title; "/" stays inside a part (焊工/电焊工 are alternatives).
_SEPARATORS = re.compile(r"\s*(?:[|｜丨·•,，;；:：!！?？~～]+|\s[-—–]+\s|[—–]{1,2}|\s{2,})\s*")
_NUM = r"\d+(?:\.\d+)?"
_SALARY = re.compile(
    rf"(?:{_NUM}\s*(?:k|千|w|万)?\s*(?:-|~|至|到)\s*)?{_NUM}\s*(?:k|千|w|万|元)"
    r"(?:\s*(?:/|每)\s*(?:月|天|日|时|小时|年|件))?(?:以上|起|左右)?"
    rf"|{_NUM}\s*(?:-|~|至|到)\s*{_NUM}(?=\s*(?:/|每)\s*(?:月|天|时))(?:\s*(?:/|每)\s*(?:月|天|日|时))?"
    r"|\d{3,6}\s*\+|\d{4,6}\s*(?:以上|起)"
)
# The amount after a salary word: 月薪8000, 薪资6000-9000, 时薪20元.
_AMOUNT = (
    rf"\s*{_NUM}\s*(?:k|千|w|万)?(?:\s*(?:-|~|至|到)\s*{_NUM}\s*(?:k|千|w|万)?)?\s*元?"
    r"(?:\s*(?:/|每)\s*(?:月|天|日|时|小时|年))?(?:以上|起|左右|\+)?"
)
_COUNT = re.compile(r"(?:招)?\d+\s*(?:名|人|位)|若干名?")
_ID = re.compile(
    r"(?:编号|岗位编号|职位编号|#|＃)\s*[a-z0-9\-_]+"
    # "no." and "id" only as words before a code with a digit (not in carbide, technology, guide)
    r"|(?<![a-z])(?:no\.?|id)(?![a-z])\s*[:：#]?\s*(?:[a-z\-_]*\d[a-z0-9\-_]*|$)"
    r"|[a-z]{0,3}\d{4,}[a-z0-9\-_]*$|[-_#]\d+$"
)
_LATIN_WORD = re.compile(r"[a-z0-9]")
_CO_LTD = re.compile(r"\bco\.?\s*,\s*ltd")


@dataclass(frozen=True)
class Removed:
    """A piece of the title that is not the job, and what kind of piece it is."""

    kind: str
    text: str


@dataclass
class CleanTitle:
    """The job found in a title.

    ``job`` keeps level words (钣金技师), ``core`` drops them (钣金) unless nothing else is left;
    ``notes`` are bracket contents that may describe the job (中餐); ``removed`` lists the rest.
    """

    job: str
    core: str
    level: str = ""  # level class: apprentice, skilled, technician, supervisor, manager, engineer
    level_words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    generic: bool = False

    @property
    def text(self) -> str:
        """Return the job and its notes: what the matcher reads as the title."""
        return " ".join([self.job, *self.notes]).strip()

    @property
    def core_text(self) -> str:
        """Return the core and its notes: what title matching and the classifier read."""
        return " ".join([self.core, *self.notes]).strip()


def _alternation(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w) for w in sorted({str(w) for w in words}, key=len, reverse=True) if w
    )


def _words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Return a pattern finding any of ``words`` (Latin words only as whole words)."""
    alternation = _alternation(words)
    if not alternation:
        return None
    return re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])|(?:{alternation})")


class TitleNormaliser:
    """Strip the padding of job-board titles with the word lists of a fitted model."""

    def __init__(self, words: dict[str, Any], english_levels: dict[str, str] | None = None) -> None:
        self.recruit_jobs = tuple(words.get("recruit_jobs", ()))
        self.recruit = _words_pattern(words.get("recruit", ()))
        suffixes = words.get("company_suffixes", {})
        strong = _alternation(suffixes.get("strong", ()))
        weak = _alternation(suffixes.get("weak", ()))
        recruit = _alternation(words.get("recruit", ()))
        # An employer: two or more characters, then a legal form (有限公司…), then the rest.
        self.employer_strong = re.compile(rf"^(.{{2,40}}?(?:{strong}))(?=.)") if strong else None
        self.employer_whole = re.compile(rf"^.{{2,40}}(?:{strong}|{weak})$") if strong else None
        self.employer_weak = (
            re.compile(rf"^(.{{2,30}}?(?:{weak}))(?=(?:{recruit}))") if weak and recruit else None
        )
        self.english_employer = re.compile(
            r"^(.{0,60}?\b(?:co\.?,?\s*ltd|ltd|limited|inc|corp|gmbh|company|group|co)\.?)"
            r"(?=\W|$)"
        )
        self.place = _words_pattern(words.get("places", ()))
        salary = _alternation(words.get("salary_words", ()))
        # A salary word takes the amount after it (月薪8000 is pay, not a job word).
        self.salary_words = re.compile(rf"(?:{salary})(?:{_AMOUNT})?") if salary else None
        self.benefit = _words_pattern(words.get("benefits", ()))
        self.shift = _words_pattern(words.get("shifts", ()))
        level_of: dict[str, str] = {}
        for level, items in words.get("levels", {}).items():
            for w in items:
                level_of[w] = level
        for en, zh in (english_levels or {}).items():
            for level, items in words.get("levels", {}).items():
                if zh in items:
                    level_of[en] = level
        self.level_of = level_of
        alternation = _alternation(level_of)
        self.level_end = re.compile(rf"(?:(?<=[^a-z0-9])|(?<=^)|(?<=\s))({alternation})$")
        self.level_start = re.compile(rf"^({alternation})(?![a-z0-9])")
        self.generic = frozenset(words.get("generic", ()))
        self.engineer_evidence = _words_pattern(words.get("engineer_evidence", ()))

    # ------------------------------------------------------------------ pieces
    def _strip(
        self, pattern: re.Pattern[str] | None, kind: str, text: str, removed: list[Removed]
    ) -> str:
        if pattern is None or not text:
            return text
        out, pos = [], 0
        for m in pattern.finditer(text):
            if not m.group().strip():
                continue
            if kind == RECRUIT and text[m.end() :].startswith(self.recruit_jobs):
                continue  # 招聘专员: the job itself
            out.append(text[pos : m.start()])
            removed.append(Removed(kind, m.group().strip()))
            pos = m.end()
        out.append(text[pos:])
        return " ".join(p.strip() for p in out if p.strip())

    def _employer(self, part: str, employers: Sequence[str], removed: list[Removed]) -> str:
        for name in employers:
            if name and len(name) >= 2 and name in part:
                removed.append(Removed(EMPLOYER, name))
                part = part.replace(name, " ").strip()
        for pattern in (self.employer_strong, self.english_employer, self.employer_weak):
            m = pattern.match(part) if pattern is not None else None
            if m:
                removed.append(Removed(EMPLOYER, m.group(1).strip()))
                part = part[m.end(1) :].strip()
        return part

    def _part(self, part: str, employers: Sequence[str], removed: list[Removed]) -> str:
        """Return what is left of one separated part of the title."""
        if self.employer_whole is not None and self.employer_whole.match(part):
            removed.append(Removed(EMPLOYER, part))
            return ""
        part = self._employer(part, employers, removed)
        part = self._strip(self.recruit, RECRUIT, part, removed)
        part = self._strip(_SALARY, SALARY, part, removed)
        part = self._strip(self.salary_words, SALARY, part, removed)
        part = self._strip(self.benefit, BENEFIT, part, removed)
        part = self._strip(self.shift, SHIFT, part, removed)
        part = self._strip(_COUNT, COUNT, part, removed)
        part = self._strip(_ID, ID, part, removed)
        part = self._strip(self.place, PLACE, part, removed)
        return part.strip(" -_/.+")

    def _parts(self, text: str, employers: Sequence[str], removed: list[Removed]) -> list[str]:
        """Return what is left of each separated part of ``text``."""
        parts = (p.strip() for p in _SEPARATORS.split(text) if p and p.strip())
        return [k for k in (self._part(p, employers, removed) for p in parts) if k]

    def _levels(self, job: str) -> tuple[str, str, list[str]]:
        """Return ``(core, level class, level words)``: level words at either end removed."""
        words: list[str] = []
        core = job
        for _ in range(3):
            m = self.level_end.search(core) or self.level_start.search(core)
            if not m:
                break
            rest = (core[: m.start(1)] + core[m.end(1) :]).strip(" -_/")
            if len(rest.replace(" ", "")) < 2:
                break
            words.append(m.group(1))
            core = rest
        level = self.level_of[words[0]] if words else ""
        return core, level, words

    # ------------------------------------------------------------------ the title
    def clean(self, title: str, employers: Sequence[str] = ()) -> CleanTitle:
        """Return the job in ``title`` (normalised text) and what was removed around it."""
        removed: list[Removed] = []
        notes: list[str] = []
        brackets = [m.group(1).strip() for m in _BRACKET.finditer(title)]
        rest = _CO_LTD.sub("co ltd", _BRACKET.sub(" ", title))
        kept = self._parts(rest, employers, removed)
        bracket_levels: list[str] = []
        for inside in brackets:
            for left in self._parts(inside, employers, removed):
                if left in self.level_of:
                    bracket_levels.append(left)  # 焊工（学徒）
                else:
                    notes.append(left)
        job = " ".join(kept).strip()
        if not job and notes:  # （焊工）only in brackets
            job, notes = notes[0], notes[1:]
        core, level, level_words = self._levels(job)
        if bracket_levels:
            level_words += bracket_levels
            level = level or self.level_of[bracket_levels[0]]
        bare = core.replace(" ", "")
        generic = (
            not bare or bare in self.generic or (len(bare) < 2 and not _LATIN_WORD.search(bare))
        )
        return CleanTitle(
            job=job,
            core=core,
            level=level,
            level_words=level_words,
            notes=notes,
            removed=removed,
            generic=generic,
        )

    def asks_for_engineer(self, text: str) -> bool:
        """Return True when ``text`` asks for an engineer (本科, 工程师, 设计…)."""
        return bool(self.engineer_evidence and self.engineer_evidence.search(text))
