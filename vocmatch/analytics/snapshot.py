"""What one request reads: the cube and supply of its day, and the analysis built from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vocmatch.analytics.demand.cube import Cube
from vocmatch.analytics.fit.chains import chain_gaps
from vocmatch.analytics.fit.programmes import ProgrammeState, programme_fits
from vocmatch.analytics.method import Method
from vocmatch.analytics.schemas import ChainGap, OfferingFit, ProgrammeFit
from vocmatch.analytics.skills.coverage import CoverageModel
from vocmatch.analytics.skills.lexicon import Lexicon
from vocmatch.analytics.supply.offerings import Supply
from vocmatch.analytics.targets import PlanTargets


@dataclass
class Enterprise:
    id: int
    name: str
    location: str
    is_leading: bool
    chains: tuple[str, ...]


@dataclass
class Analysis:
    """Everything the planner pages show, for one cube and one supply."""

    year: int
    programmes: dict[str, ProgrammeFit]
    offerings: list[OfferingFit]
    states: dict[str, ProgrammeState]
    # The chain views, computed when first asked for (the fit table does not need them). The
    # cube they read changes only when the data version does, which replaces the snapshot.
    chain_views: Callable[[], list[ChainGap]]
    _chains: list[ChainGap] | None = None
    # What the next analysis of the same cube and supply starts from (only changed programmes
    # are computed again): the cube and supply it read, and the offerings by programme.
    cube: Cube | None = None
    supply: Supply | None = None
    by_programme: dict[str, list[OfferingFit]] = field(default_factory=dict)

    @property
    def chains(self) -> list[ChainGap]:
        """Return the gap of each chain (computed once)."""
        if self._chains is None:
            self._chains = self.chain_views()
        return self._chains

    def bands(self, offered_only: bool = True) -> dict[str, int]:
        """Return how many (offered) programmes fall in each band."""
        return dict(
            Counter(p.band for p in self.programmes.values() if p.offered or not offered_only)
        )


@dataclass
class Snapshot:
    """The figures of one day, window and attribution set, and the shared reference data."""

    method: Method
    targets: PlanTargets
    lexicon: Lexicon
    coverage: CoverageModel
    cube: Cube
    supply: Supply
    enterprises: dict[int, Enterprise]
    occupations: dict[str, str]
    chain_names: dict[str, tuple[str, str]]
    _analysis: Analysis | None = None
    previous: Analysis | None = None  # the analysis of the snapshot this one replaced
    memo: dict[Any, Any] = field(default_factory=dict)  # results computed once per snapshot

    @property
    def as_of(self) -> Any:
        """Return the day the figures are for."""
        return self.cube.as_of

    def labels(self) -> dict[str, dict[Any, str]]:
        """Return display names for occupation codes and enterprise ids."""
        return {
            "occ": {k: f"{k} {v}" for k, v in self.occupations.items()},
            "ent": {e.id: e.name for e in self.enterprises.values()},
        }

    def analysed(self) -> Analysis | None:
        """Return the analysis of this snapshot if it was computed, else None."""
        return self._analysis

    def analyse(self, supply: Supply | None = None) -> Analysis:
        """Return the analysis of this snapshot (of ``supply`` instead, for a what-if)."""
        if supply is None and self._analysis is not None:
            return self._analysis
        sup = supply or self.supply
        before = None
        if supply is None:  # a what-if's supply is its own: computed in full, nothing carried
            prev = self.previous
            if prev is not None and prev.cube is self.cube and prev.supply is sup:
                before = (prev.programmes, prev.by_programme, prev.states)
        programmes, by_programme, states = programme_fits(
            self.cube, sup, self.method, self.lexicon, self.coverage, before, self.cube.changed
        )
        offerings = [o for offs in by_programme.values() for o in offs]

        def chains() -> list[ChainGap]:
            return chain_gaps(
                self.cube,
                sup,
                programmes,
                states,
                self.lexicon,
                self.chain_names,
                self.labels(),
                self.method.planning.top_n,
            )

        result = Analysis(sup.year, programmes, offerings, states, chains)
        if supply is None:
            result.cube, result.supply, result.by_programme = self.cube, sup, by_programme
            self.cube.changed.clear()
            self._analysis, self.previous = result, None
        return result
