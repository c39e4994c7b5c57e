"""Load ``data/industries.yaml`` into chains, segments and skill terms."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from vocmatch.industries.models import Chain, Segment, SkillTerm
from vocmatch.industries.schemas import IndustriesFile
from vocmatch.kit.errors import DataFileError
from vocmatch.kit.files import display_path, read_yaml
from vocmatch.kit.upsert import LoadCounts, sync_rows, upsert


def read_industries(
    path: Path, *, occupation_codes: set[str], programme_codes: set[str]
) -> IndustriesFile:
    """Parse the YAML and check every occupation and programme code exists in the catalogue."""
    parsed = read_yaml(path, IndustriesFile)
    where = display_path(path)
    for chain in parsed.chains:
        for seg in chain.segments:
            for code in seg.occupations:
                if code not in occupation_codes:
                    raise DataFileError(
                        f"{where}, field 'chains.{chain.key}.segments.{seg.key}.occupations': "
                        f"unknown occupation code {code!r}"
                    )
            for code in seg.programmes:
                if code not in programme_codes:
                    raise DataFileError(
                        f"{where}, field 'chains.{chain.key}.segments.{seg.key}.programmes': "
                        f"unknown programme code {code!r}"
                    )
    return parsed


def write_industries(session: Session, parsed: IndustriesFile, counts: LoadCounts) -> None:
    """Upsert chains and segments and sync their skill terms."""
    upsert(
        session,
        Chain,
        ["key"],
        (
            {
                "key": c.key,
                "position": i,
                "name_zh": c.name_zh,
                "name_en": c.name_en,
                "description_zh": c.description_zh,
                "description_en": c.description_en,
            }
            for i, c in enumerate(parsed.chains)
        ),
        counts,
        delete_missing=True,
    )
    segments = upsert(
        session,
        Segment,
        ["chain_key", "key"],
        (
            {
                "chain_key": c.key,
                "key": s.key,
                "position": j,
                "stage": s.stage,
                "name_zh": s.name_zh,
                "name_en": s.name_en,
                "description_zh": s.description_zh,
                "description_en": s.description_en,
                "products": s.products,
                "occupation_codes": s.occupations,
                "programme_codes": s.programmes,
                "enterprise_names": s.enterprises,
            }
            for c in parsed.chains
            for j, s in enumerate(c.segments)
        ),
        counts,
        delete_missing=True,
    )
    sync_rows(
        session,
        SkillTerm,
        counts,
        [
            {
                "chain_key": c.key,
                "segment_id": segments[(c.key, s.key)].id,
                "zh": k.zh,
                "en": k.en,
                "synonyms": k.synonyms,
            }
            for c in parsed.chains
            for s in c.segments
            for k in s.skills
        ],
        ("chain_key", "segment_id", "zh", "en", "synonyms"),
    )
