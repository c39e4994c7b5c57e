"""Programme → chain proposals computed by the matcher (planners' decisions are kept).

For each of the 368 programmes the matcher reads the programme's name and 2022 profile (职业面向,
培养目标, 能力, 课程) like a posting; industries.yaml's ``programmes:`` lists under each segment add
prior evidence. A programme can feed several chains (机电技术应用 maintains the equipment of all
four), so every chain scoring at least ``MIN_SCORE`` gets a row. Reading the rows and a planner's
decision live in ``vocmatch.industries.placements``, below the matcher (the rows are
proposals; ``vocmatch.industries.governance`` says what counts).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vocmatch.catalogue.models import Programme
from vocmatch.industries.models import ProgrammeChain
from vocmatch.industries.schemas import CHAIN_KEYS, NONE_KEY
from vocmatch.matching.engine.runtime import Runtime
from vocmatch.matching.service import get_runtime

MIN_SCORE = 0.5  # below this a chain is not claimed (0.5 = as likely as not)
PRIOR_WEIGHT = 0.7  # how much being listed in industries.yaml counts, as a noisy-OR term


def combine(text_p: float, prior: float) -> float:
    """Return ``1 − (1 − text_p)(1 − 0.7·prior)``: the text and the yaml list as independent cues."""
    return 1.0 - (1.0 - text_p) * (1.0 - PRIOR_WEIGHT * prior)


def programme_text(p: Programme) -> str:
    """Return the profile text the matcher reads for a programme."""
    return "\n".join(t for t in (p.occupations_text, p.goal, p.abilities, p.courses) if t)


def compute(runtime: Runtime, programmes: list[Programme]) -> dict[str, list[dict[str, Any]]]:
    """Return ``{programme code: [mapping rows, best first]}`` (rows: chain, segment, score, evidence)."""
    results = runtime.chains_and_segments([(p.name, programme_text(p)) for p in programmes])
    model = runtime.model
    prog_index = {c: i for i, c in enumerate(model.programme_codes)}
    seg_prog = model.segment_programme.toarray()
    seg_keys = model.segment_keys
    seg_names = model.segment_names
    out: dict[str, list[dict[str, Any]]] = {}
    for prog, res in zip(programmes, results, strict=True):
        col = prog_index.get(prog.code)
        prior = seg_prog[:, col] if col is not None else np.zeros(len(seg_keys))
        rows = []
        for chain in CHAIN_KEYS:
            idx = [i for i, k in enumerate(seg_keys) if k.startswith(chain + ".")]
            chain_prior = float(prior[idx].max()) if idx else 0.0
            score = combine(res["proba"][chain], chain_prior)
            if score < MIN_SCORE:
                continue
            best = max(idx, key=lambda i: res["segments"][seg_keys[i]] + PRIOR_WEIGHT * prior[i])
            rows.append(
                {
                    "chain_key": chain,
                    "segment_key": seg_keys[best].split(".", 1)[1],
                    "score": round(score, 4),
                    "evidence": {
                        "text": res["evidence"][chain],
                        "text_probability": round(res["proba"][chain], 4),
                        "listed_in": [seg_names[i] for i in idx if prior[i] > 0],
                    },
                }
            )
        if not rows:
            top = max(CHAIN_KEYS, key=lambda c: res["proba"][c])
            rows.append(
                {
                    "chain_key": NONE_KEY,
                    "segment_key": None,
                    "score": round(res["proba"][NONE_KEY], 4),
                    "evidence": {
                        "text": res["evidence"][NONE_KEY],
                        "text_probability": round(res["proba"][NONE_KEY], 4),
                        "closest_chain": top,
                        "closest_chain_probability": round(res["proba"][top], 4),
                        "listed_in": [],
                    },
                }
            )
        out[prog.code] = sorted(rows, key=lambda r: -r["score"])
    return out


def store_model_mappings(session: Session, runtime: Runtime | None = None) -> int:
    """Replace the model rows of every programme (overrides are kept); return programmes mapped."""
    if runtime is None:
        runtime = get_runtime()
    programmes = list(session.scalars(select(Programme).order_by(Programme.code)))
    mapped = compute(runtime, programmes)
    version = runtime.model.version
    session.execute(delete(ProgrammeChain).where(ProgrammeChain.source == "model"))
    for code, rows in mapped.items():
        for row in rows:
            session.add(
                ProgrammeChain(
                    programme_code=code,
                    source="model",
                    model_version=version,
                    decided_by="model",
                    **row,
                )
            )
    session.flush()
    return len(mapped)
