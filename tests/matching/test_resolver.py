"""Enterprise names as the HR platform sends them → the registered enterprise, or none."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.factories import make_enterprise
from vocmatch.enterprises.resolver import EnterpriseResolver, name_keys, resolver_from_session

RECORDS = [
    (1, "赣州稀土集团有限公司", ["赣州稀土"], "91360700MA35AB12C1"),
    (2, "江西金力永磁科技有限公司", ["金力永磁"], "91360700MA35AB34DH"),
    (3, "赣州海盛硬质合金有限公司", ["海盛硬质合金"], None),
    (4, "孚能科技（赣州）股份有限公司", ["孚能科技", "孚能"], None),
    (5, "中国稀土集团有限公司", [], None),
    (6, "中稀（赣州）稀土新材料有限公司", [], None),
]


@pytest.fixture(scope="module")
def resolver() -> EnterpriseResolver:
    return EnterpriseResolver.from_records(RECORDS)


@pytest.mark.parametrize(
    ("name", "expected", "how"),
    [
        ("江西金力永磁科技有限公司", 2, "exact"),
        ("江西金力永磁科技", 2, "exact"),
        ("金力永磁科技股份有限公司", 2, "exact"),
        ("金力永磁", 2, "alias"),
        ("孚能科技(赣州)股份有限公司", 4, "exact"),
        ("孚能科技（贛州）股份有限公司", 4, "exact"),
        ("孚能科技股份有限公司", 4, "exact"),
        ("海盛硬質合金", 3, "exact"),
        ("赣州稀土集团", 1, "exact"),
        ("中稀(赣州)稀土新材料", 6, "exact"),
        ("江西金力永滋科技有限公司", 2, "fuzzy"),
    ],
)
def test_variants_of_a_registered_name_resolve(
    resolver: EnterpriseResolver, name: str, expected: int, how: str
) -> None:
    r = resolver.resolve(name, None)
    assert (r.enterprise_id, r.how) == (expected, how)
    assert 0.8 <= r.score <= 1.0


@pytest.mark.parametrize(
    "name",
    ["赣州顺达物流有限公司", "江西稀土有限公司", "深圳华为技术有限公司", "金力永滋", "", None],
)
def test_unrelated_or_too_vague_names_resolve_to_none(
    resolver: EnterpriseResolver, name: str | None
) -> None:
    r = resolver.resolve(name, None)
    assert r.enterprise_id is None and r.how == "none" and r.score == 0.0


def test_a_known_credit_code_always_wins(resolver: EnterpriseResolver) -> None:
    r = resolver.resolve("孚能科技（赣州）股份有限公司", " 91360700ma35ab12c1 ")
    assert (r.enterprise_id, r.how, r.score) == (1, "credit_code", 1.0)


def test_an_unknown_credit_code_falls_back_to_the_name(resolver: EnterpriseResolver) -> None:
    r = resolver.resolve("金力永磁", "91360700MA35XXXXXX")
    assert (r.enterprise_id, r.how) == (2, "alias")


def test_a_key_shared_by_two_enterprises_is_left_to_a_person() -> None:
    r = EnterpriseResolver.from_records(
        [(1, "赣州测试有限公司", [], None), (2, "江西测试有限公司", [], None)]
    ).resolve("测试有限公司", None)
    assert r.enterprise_id is None
    assert {c[0] for c in r.candidates} == {1, 2}


def test_place_is_not_stripped_down_to_a_generic_word() -> None:
    assert name_keys("赣州稀土集团有限公司")[2] == "赣州稀土"


def test_resolver_from_session_reads_the_database(db: Session) -> None:
    ent = make_enterprise(db, name="赣州新测试钨业有限公司", short_names=["新钨"])
    resolver = resolver_from_session(db)
    assert (resolver.resolve("新钨", None).enterprise_id, resolver.resolve("新钨", None).how) == (
        ent.id,
        "alias",
    )
    assert resolver.resolve("新测试钨业", None).enterprise_id == ent.id
