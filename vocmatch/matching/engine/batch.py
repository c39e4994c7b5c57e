"""What the runtime knows about a batch of queries before it decides."""

from __future__ import annotations

from dataclasses import dataclass

from vocmatch.matching.engine.chain import ChainFeatures, Hits
from vocmatch.matching.engine.query import Query
from vocmatch.matching.engine.retrieval import Similarities


@dataclass
class Batch:
    """The prepared queries, their dense similarities, phrase hits and chain features."""

    queries: list[Query]
    sims: Similarities
    hits: Hits
    chain: ChainFeatures
