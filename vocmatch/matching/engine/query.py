"""A query as the runtime reads it: the job found in the title, the text, English expanded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vocmatch.matching.engine.glossary import Glossary
from vocmatch.matching.engine.titles import CleanTitle, TitleNormaliser
from vocmatch.matching.text import normalise

TITLE_LIMIT = 200


@dataclass
class Query:
    """A normalised query.

    ``title`` is the job found in the title (and its bracket notes), English expanded; ``core``
    the job without level words, for title matching; ``core_text`` the core and its notes,
    English expanded, for the title classifier and the nearest-title index; ``whole`` is ``title | text``, the part
    before ``n_title`` being the title. ``clean`` keeps what normalisation removed. The
    similarities read the title without its level words (钣金技师 → 钣金: 技师 must not pull in
    影像技师); the chain classifier reads ``chain_title`` and ``chain_whole``, which keep them
    (主管 and 经理 say something about the chain: usually none).
    """

    title: str
    core: str
    core_text: str
    whole: str
    n_title: int
    expansions: list[tuple[str, str]]
    clean: CleanTitle
    has_text: bool
    engineer_asked: bool
    chain_title: str
    chain_whole: str


def prepare(
    title: str | None,
    text: str | None,
    *,
    text_limit: int,
    glossary: Glossary,
    normaliser: TitleNormaliser,
    employers: Sequence[str] = (),
) -> Query:
    """Return the normalised query of a title and text.

    Both parts are cut (title to 200, text to ``text_limit`` characters) *before* normalising,
    so a megabyte of text costs no more than ``text_limit`` characters. Without a title, the
    first line of the text plays its part (ads start with the job). ``employers`` are names
    the caller knows for the employer (stripped from the title wherever they appear).
    """
    raw_title = (title or "")[:TITLE_LIMIT]
    raw_text = (text or "")[:text_limit]
    if not raw_title.strip() and raw_text:
        raw_title = raw_text.lstrip().split("\n", 1)[0][:60]
    clean = normaliser.clean(normalise(raw_title), [normalise(e) for e in employers if e])
    t, pairs_t = glossary.expand(clean.core_text)
    body = normalise(raw_text)
    b, pairs_b = glossary.expand(body)
    whole = f"{t} | {b}" if b else t
    job = glossary.expand(clean.text)[0] if clean.level_words else t
    return Query(
        title=t,
        core=clean.core.replace(" ", ""),
        core_text=t,
        whole=whole,
        n_title=len(t),
        expansions=pairs_t + pairs_b,
        clean=clean,
        has_text=bool(body.strip()),
        engineer_asked=clean.level == "engineer" or normaliser.asks_for_engineer(whole),
        chain_title=job,
        chain_whole=(f"{job} | {b}" if b else job) if job != t else whole,
    )
