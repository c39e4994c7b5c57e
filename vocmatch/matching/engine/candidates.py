"""Candidates and their features: the inputs of the occupation and programme models.

Each query keeps its ``CANDIDATES`` most promising occupations (and programmes) by a quick sum
of its strongest signals; only those are scored by the fitted logistic models, so the cost per
query does not grow with the 1,631 occupations. Feature names are listed in ``OCC_FEATURES``
and ``PROG_FEATURES`` (the model card shows each weight beside its name).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vocmatch.matching.engine.chain import Hits, dense
from vocmatch.matching.engine.query import Query
from vocmatch.matching.engine.retrieval import Similarities
from vocmatch.matching.engine.tables import CSR, Tables

CANDIDATES = 40
BRIDGE_TOP = 64
LEVELS_WORKER = ("apprentice", "skilled")
LEVELS_MANAGER = ("supervisor", "manager")
# Level classes whose name ending says the rank of the job, not its content: 工程师 ~ 工程技术人员.
# 技师 and 技术员 end names of every kind (影像技师, 农业技术员), so they never count as the same level.
LEVELS_OF_RANK = ("engineer", "professional", "supervisor", "manager")
OCC_FEATURES = (
    "cos_title",  # the title vs the occupation's titles
    "cos_title_in_text",  # the whole text vs the occupation's titles
    "cos_document",  # the whole text vs titles, definition and tasks
    "cover_document",  # the idf share of the text's n-grams found in that document
    "nearest_title",  # the best cosine of the title core with one single title
    "cos_name",  # the cosine of the title core with the occupation's name
    "classifier",  # the title classifier's decision, clipped to [-3, 1]
    "classifier_margin",  # decision − the query's best decision, clipped to [-3, 0]
    "group_classifier",  # the minor-group classifier's decision for the occupation's group
    "hit_title",  # a known title of the occupation found in the title
    "hit_text",  # … in the text
    "exact_title",  # the title core is a title core of the occupation
    "title_ending",  # the title core ends with one (at a word boundary)
    "segment",  # the likely chain segments list the occupation
    "segment_x_similarity",  # segment × relative cos_document
    "prior_major",  # log share of the major group among 中职 occupations
    "engineer_asked",  # an engineer occupation (2-xx) and the text asks for one
    "engineer_title",  # an engineer occupation and the title says 工程师
    "technician_engineer",  # an engineer occupation and the title says 技术员
    "worker_level",  # a worker occupation (6-xx) and a worker's level word (学徒, 师傅)
    "manager_level",  # a manager occupation (1-xx) and a manager's level word (主管, 经理)
    "same_level",  # the title's level word is of the occupation name's class (工程师 ~ 工程技术人员;
    # ranks only, see LEVELS_OF_RANK)
    "generic_title",  # the title is too generic to say the job (per query)
)
PROG_FEATURES = (
    "cos_profile",  # the whole text vs the programme profile
    "cover_profile",  # the idf share of the text's n-grams found in the profile
    "cos_profile_title",  # the title vs the profile
    "cos_focus_title",  # the title vs the 职业面向 part
    "relative_cos_profile",
    "relative_cos_focus",
    # The profile as written, in the profiles' own idf (the plain profile TF-IDF), read only
    # when the query has a text beside its title (a posting, a profile, a definition): there the
    # profile says more than the bridges through a guessed occupation; a bare title keeps the rest.
    # How far to trust it grows with how well the best profile matches (on the dev halves, the
    # best profile was right for 22 % of postings whose best cosine is under 0.1, 80 % over 0.2)
    # and with how far ahead of the second it is.
    "own_profile_with_text",  # the cosine × has a text
    "relative_own_profile_with_text",  # … relative to the query's best, × the best cosine
    "best_own_profile_lead",  # the query's best own-profile match × its lead on the second
    "best_own_profile_sure",  # … × its lead × its cosine (both must be high)
    "own_profile_rank",  # 1 / the programme's rank by that cosine (1, ½, ⅓…) × has a text
    # × (1 − the best occupation's probability)
    "name_hit",  # the programme's name found in the text
    "crosswalk",  # max over occupations of P(occupation) × its crosswalk link
    "profile_link",  # … × its profile (职业面向) link
    "similar_profile",  # … × the profile-similarity bridge
    "sibling_link",  # … × the strongest link of its minor-group siblings
    "neighbour_link",  # max over occupations like the text (relative cosine) × their links
    "segment",  # the likely chain segments list the programme
    "segment_x_similarity",
    "text_without_links",  # cos_profile when the likely occupations have no link at all
    "generic_title",
)


@dataclass
class Candidates:
    """Per query, the candidate indices (n × C), their features (n × C × F) and a mask."""

    index: np.ndarray
    feats: np.ndarray
    valid: np.ndarray


@dataclass
class Scored:
    """Candidates with their calibrated scores (and, for occupations, the dense scores)."""

    candidates: Candidates
    scores: np.ndarray  # (n × C)
    dense: np.ndarray  # (n × targets) for occupations (the programme bridges read it), or empty

    def top(self, k: int, least: float) -> list[list[tuple[int, float]]]:
        """Return, per query, at most ``k`` ``(index, score)`` with score ≥ ``least``, best first."""
        c = self.candidates
        out = []
        for row, scores, valid in zip(c.index, self.scores, c.valid, strict=True):
            order = np.argsort(-np.where(valid, scores, -1.0), kind="stable")
            picked: list[tuple[int, float]] = []
            for j in order:
                if len(picked) >= k or not valid[j] or scores[j] < least:
                    break
                picked.append((int(row[j]), float(scores[j])))
            out.append(picked)
        return out


def _relative(x: np.ndarray) -> np.ndarray:
    """Return each row of ``x`` divided by its maximum (0 where the row is all 0)."""
    top = x.max(axis=-1, keepdims=True)
    return np.divide(x, top, out=np.zeros_like(x), where=top > 0)


def _rank(x: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return per row how many of ``x``'s entries exceed each of ``values``, plus 1 (its rank)."""
    if not len(x):
        return np.zeros(values.shape, np.float32)
    ascending = np.sort(x, axis=1)
    above = [
        len(a) - np.searchsorted(a, v, side="right") for a, v in zip(ascending, values, strict=True)
    ]
    return np.stack(above).astype(np.float32) + 1.0


def _pick(prelim: np.ndarray, k: int, forced: list[list[int]] | None) -> tuple[np.ndarray, ...]:
    """Return (index, valid) of the top ``k`` per row, plus ``forced`` ones (tuning's gold)."""
    n, m = prelim.shape
    k = min(k, m)
    top = np.argpartition(-prelim, k - 1, axis=1)[:, :k]
    if not forced:
        return top, np.ones(top.shape, bool)
    width = k + max(len(f) for f in forced)
    index = np.repeat(top[:, :1], width, axis=1)
    valid = np.zeros((n, width), bool)
    for i in range(n):
        row = list(dict.fromkeys([*top[i].tolist(), *forced[i]]))
        index[i, : len(row)] = row
        valid[i, : len(row)] = True
    return index, valid


def best_occupations(scores: np.ndarray) -> np.ndarray:
    """Return each row's ``BRIDGE_TOP`` best occupation indices (unordered)."""
    n, m = scores.shape
    k = min(BRIDGE_TOP, m)
    if k < m:
        return np.argpartition(-scores, k - 1, axis=1)[:, :k]
    return np.tile(np.arange(m), (n, 1))


def bridge_max(scores: np.ndarray, link: CSR, n_out: int, top: np.ndarray) -> np.ndarray:
    """Return ``max_o scores[:, o] · link[o, p]`` for every row and target.

    Only each row's ``top`` occupations (see :func:`best_occupations`) are followed (``link`` is
    occupation-major CSR): an occupation further down cannot be the best reason for a programme
    that matters.
    """
    indptr, indices, data = link
    return bridges(scores, (indptr, indices, data[:, None]), n_out, top)[0]


def _sparse_add(x: np.ndarray, pairs: dict[tuple[int, int], float], scale: float = 1.0) -> None:
    for (i, j), v in pairs.items():
        x[i, j] += scale * v


def _lookup(pairs: dict[tuple[int, int], float], index: np.ndarray, width: int) -> np.ndarray:
    """Return the (query, target) → value pairs at the candidates' places (0 elsewhere)."""
    if not pairs:
        return np.zeros(index.shape, np.float32)
    keys = np.fromiter((i * width + j for i, j in pairs), np.int64, len(pairs))
    values = np.fromiter(pairs.values(), np.float32, len(pairs))
    order = np.argsort(keys)
    keys, values = keys[order], values[order]
    wanted = np.arange(len(index))[:, None] * width + index
    pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[pos] == wanted, values[pos], 0.0).astype(np.float32)


def bridges(
    scores: np.ndarray,
    multi: tuple[np.ndarray, np.ndarray, np.ndarray],
    n_out: int,
    top: np.ndarray,
) -> list[np.ndarray]:
    """Return :func:`bridge_max` for several link matrices of one sparsity at once.

    ``multi`` is occupation-major CSR whose data has one column per link kind (crosswalk,
    profile, similar profile, siblings); one pass over the followed occupations serves all.
    """
    indptr, indices, data = multi
    n, k = top.shape
    rows = np.repeat(np.arange(n), k)
    occs = top.ravel()
    starts = indptr[occs]
    lengths = indptr[occs + 1] - starts
    total = int(lengths.sum())
    out = np.zeros((n * n_out, data.shape[1]))
    if total:
        pos = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        vals = np.repeat(scores[rows, occs].astype(np.float64), lengths)[:, None] * data[pos]
        np.maximum.at(out, np.repeat(rows, lengths) * n_out + indices[pos], vals)
    return [out[:, j].reshape(n, n_out) for j in range(data.shape[1])]


def occupations(
    queries: list[Query],
    s: Similarities,
    h: Hits,
    t: Tables,
    seg_w: np.ndarray,
    prior: np.ndarray,
    forced: list[list[int]] | None = None,
) -> Candidates:
    """Return the candidate occupations of each query and their ``OCC_FEATURES``."""
    n = len(queries)
    segment = (seg_w @ t.seg_occ).astype(np.float32)
    prelim = (
        s.cos_occ_title_t
        + s.cos_occ_full
        + s.nearest
        + 0.5 * (np.clip(s.clf, -1.0, 1.0) + 1.0)
        + 0.5 * segment
    )
    for pairs in (h.occ_title, h.exact, h.ending):
        _sparse_add(prelim, pairs)
    index, valid = _pick(prelim, CANDIDATES, forced)
    rows = np.arange(n)[:, None]

    def take(x: np.ndarray) -> np.ndarray:
        return x[rows, index]

    major = t.major[index]
    level = [q.clean.level for q in queries]
    asked = np.asarray([q.engineer_asked for q in queries], np.float32)[:, None]
    worker = np.asarray([lv in LEVELS_WORKER for lv in level], np.float32)[:, None]
    manager = np.asarray([lv in LEVELS_MANAGER for lv in level], np.float32)[:, None]
    technician = np.asarray([lv == "technician" for lv in level], np.float32)[:, None]
    engineer = np.asarray([lv == "engineer" for lv in level], np.float32)[:, None]
    same_level = np.asarray(
        [
            [lv in LEVELS_OF_RANK and t.occ_level[o] == lv for o in row]
            for lv, row in zip(level, index, strict=True)
        ],
        np.float32,
    )
    generic = np.asarray([q.clean.generic for q in queries], np.float32)[:, None]
    best = s.clf.max(axis=1, keepdims=True)
    top_full = s.cos_occ_full.max(axis=1, keepdims=True)
    cos_full = take(s.cos_occ_full)
    clf = take(s.clf)
    seg = take(segment)
    feats = np.stack(
        [
            take(s.cos_occ_title_t),
            take(s.cos_occ_title_q),
            cos_full,
            take(s.cover_occ),
            take(s.nearest),
            take(s.cos_name),
            np.clip(clf, -3.0, 1.0),
            np.clip(clf - best, -3.0, 0.0),
            np.clip(take(s.group), -1.0, 1.0),
            _lookup(h.occ_title, index, t.n_occ),
            _lookup(h.occ_text, index, t.n_occ),
            _lookup(h.exact, index, t.n_occ),
            _lookup(h.ending, index, t.n_occ),
            seg,
            seg * np.divide(cos_full, top_full, out=np.zeros_like(cos_full), where=top_full > 0),
            prior[index, 0],
            (major == 2) * asked,
            (major == 2) * engineer,
            (major == 2) * technician,
            (major == 6) * worker,
            (major == 1) * manager,
            same_level,
            np.broadcast_to(generic, index.shape),
        ],
        axis=-1,
    ).astype(np.float32)
    return Candidates(index, feats, valid)


def programmes(
    queries: list[Query],
    s: Similarities,
    h: Hits,
    t: Tables,
    seg_w: np.ndarray,
    occ_p: np.ndarray,
    forced: list[list[int]] | None = None,
    *,
    occ_top: np.ndarray | None = None,
) -> Candidates:
    """Return the candidate programmes of each query and their ``PROG_FEATURES``.

    ``occ_p`` is (n × occupations): the occupation model's probabilities (0 off-candidates);
    ``occ_top`` the occupations worth following (the occupation candidates), if known.
    """
    n, n_prog = len(queries), t.n_prog
    top = best_occupations(occ_p) if occ_top is None else occ_top
    crosswalk, profile, similar, sibling = bridges(occ_p, t.bridges, n_prog, top)
    like = _relative(s.cos_occ_full)
    neighbour = bridge_max(like, t.linked, n_prog, best_occupations(like))
    segment = seg_w @ t.seg_prog
    name_hit = dense(h.prog_name, (n, n_prog))
    linked = np.maximum(crosswalk, profile).max(axis=1, keepdims=True)
    has_text = np.asarray([q.has_text for q in queries], np.float32)[:, None]
    prelim = (
        s.cos_prog
        + s.cos_own * has_text
        + s.cos_focus_t
        + crosswalk
        + profile
        + 0.5 * (similar + sibling + neighbour)
        + segment
        + name_hit
    )
    index, valid = _pick(prelim, CANDIDATES, forced)
    rows = np.arange(n)[:, None]

    def take(x: np.ndarray) -> np.ndarray:
        return x[rows, index]

    generic = np.asarray([q.clean.generic for q in queries], np.float32)[:, None]
    own = take(_relative(s.cos_own))
    strength = has_text * s.cos_own.max(axis=1, keepdims=True)
    two = -np.partition(-s.cos_own, 1, axis=1)[:, :2] if n_prog > 1 else np.zeros((n, 2))
    lead = has_text * (two[:, :1] - two[:, 1:2])
    rank = _rank(s.cos_own, take(s.cos_own))
    # … trusted as far as the occupation is unsure: a known job speaks through its links
    unsure = 1.0 - occ_p.max(axis=1, keepdims=True) if occ_p.shape[1] else np.ones((n, 1))
    feats = np.stack(
        [
            take(s.cos_prog),
            take(s.cover_prog),
            take(s.cos_prog_t),
            take(s.cos_focus_t),
            take(_relative(s.cos_prog)),
            take(_relative(s.cos_focus_t)),
            take(s.cos_own) * has_text,
            own * strength,
            (own >= 1.0) * lead,
            (own >= 1.0) * lead * strength * 10.0,
            has_text * unsure / rank,
            take(1.0 - np.exp(-name_hit)),
            take(crosswalk),
            take(profile),
            take(similar),
            take(sibling),
            take(neighbour),
            take(segment),
            take(segment * _relative(s.cos_prog)),
            take(s.cos_prog * (1.0 - linked)),
            np.broadcast_to(generic, index.shape),
        ],
        axis=-1,
    ).astype(np.float32)
    return Candidates(index, feats, valid)


def logits(c: Candidates, w: np.ndarray) -> np.ndarray:
    """Return ``feats · w[:-1] + w[-1]`` per candidate (−∞ where not valid)."""
    z = c.feats @ w[:-1].astype(np.float32) + np.float32(w[-1])
    return np.where(c.valid, z, -np.inf)


def calibrate(z: np.ndarray, cal: np.ndarray | None = None) -> np.ndarray:
    """Return ``sigmoid(a·z + b·(z − max z of the query) + c)`` with ``cal = [a, b, c]``.

    The logistic model scores each candidate alone; the second term lets the score know how far
    behind the query's best candidate it is, so a best candidate among weak ones is not reported
    as hopeless (fitted on the tuning items; ``[1, 0, 0]`` leaves the model's probability).
    """
    a, b, c = (1.0, 0.0, 0.0) if cal is None else (float(x) for x in cal)
    best = z.max(axis=1, keepdims=True)
    margin = np.where(np.isfinite(z), z - best, 0.0)
    out = 1.0 / (1.0 + np.exp(-(a * np.where(np.isfinite(z), z, 0.0) + b * margin + c)))
    return np.where(np.isfinite(z), out, 0.0)


def linear(c: Candidates, w: np.ndarray, cal: np.ndarray | None = None) -> np.ndarray:
    """Return each candidate's calibrated probability (0 where not valid)."""
    return calibrate(logits(c, w), cal)


def scatter(c: Candidates, p: np.ndarray, width: int) -> np.ndarray:
    """Return the candidates' probabilities as a dense (n × width) array (0 elsewhere)."""
    out = np.zeros((len(p), width))
    rows = np.repeat(np.arange(len(p))[:, None], c.index.shape[1], axis=1)
    out[rows[c.valid], c.index[c.valid]] = p[c.valid]  # valid candidates are unique per row
    return out
