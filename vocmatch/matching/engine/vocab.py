"""The matcher's small vocabularies: chain labels and the kinds of phrase it finds in a text."""

from __future__ import annotations

from vocmatch.industries.schemas import CHAIN_KEYS, NONE_KEY

CHAINS = CHAIN_KEYS
NONE = NONE_KEY
LABELS = (*CHAINS, NONE)

# Phrase kinds (what a phrase found in a query points to).
SKILL, OCC_NAME, OCC_WORK_TYPE, OCC_MARKET, NONE_EXAMPLE, PROG_NAME, SEG_NAME, GROUP_NAME = range(8)
OCC_KINDS = (OCC_NAME, OCC_WORK_TYPE, OCC_MARKET)
KIND_LABELS = {
    SKILL: "skill",
    OCC_NAME: "occupation",
    OCC_WORK_TYPE: "work type",
    OCC_MARKET: "market title",
    NONE_EXAMPLE: "outside the chains",
    PROG_NAME: "programme",
    SEG_NAME: "segment",
    GROUP_NAME: "occupation group",
}
