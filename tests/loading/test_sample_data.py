"""The shipped sample: data/sample/ is data/sample/src/ run through the generator, byte for byte.

One build per module: the generator writes the sample from its sources into a temporary directory
and loads it, with the real reference data, into a temporary SQLite database through the package's
loaders. The tests compare that build with what is committed and read the loaded database the way
a user would (the CLI, the API, the home page).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tests.factories import api_key_headers, make_user
from vocmatch import sample_summary
from vocmatch.cli import app as cli_app
from vocmatch.kit.config import ROOT, get_settings
from vocmatch.kit.db import make_engine, transaction
from vocmatch.main import create_app
from vocmatch.teachers.models import Teacher, TeacherRecognition

SAMPLE = ROOT / "data" / "sample"


@dataclass
class Build:
    generator: ModuleType
    out: Path
    engine: Engine
    problems: list[str]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_sample_data", ROOT / "scripts" / "build_sample_data.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The sample built from data/sample/src/ and loaded into a fresh SQLite database."""
    generator = _generator()
    work = tmp_path_factory.mktemp("sample-build")
    problems = generator.build(work / "sample", work)
    engine = make_engine(f"sqlite:///{work / 'sample.db'}")
    yield Build(generator, work / "sample", engine, problems)
    engine.dispose()


def test_a_fresh_build_is_byte_identical_to_data_sample(build: Build) -> None:
    assert build.problems == []
    assert build.generator.compare(build.out, SAMPLE) == []


def test_the_check_names_a_file_that_is_not_generated(build: Build, tmp_path: Path) -> None:
    committed = tmp_path / "sample"
    shutil.copytree(build.out, committed)
    (committed / "unlisted_records.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (committed / "schools.csv").write_text("code\n", encoding="utf-8")
    problems = build.generator.compare(build.out, committed)
    assert len(problems) == 2
    assert "unlisted_records.csv: not written by the generator (move it to" in problems[0]
    assert problems[1].endswith("schools.csv: differs from a fresh build")


def test_a_teacher_whose_design_the_rules_contradict_is_named(build: Build, tmp_path: Path) -> None:
    ctx = build.generator.build_files(tmp_path / "again")
    teacher = next(t for t in ctx["teachers"] if t["design"].startswith("DQ"))
    teacher["design"] = "NEAR: almost"
    with transaction(build.engine) as session:
        problems = build.generator.check_design(session, ctx)
    assert problems == [
        f"src/teachers.yaml: {teacher['id']} ({ctx['staff'][teacher['id']]}) is designed "
        "'NEAR: almost' but under dual_qualified_rules.yaml is dual-qualified=True, "
        "near-qualified=False"
    ]


def test_readme_figures_are_what_vocmatch_sample_summary_prints(
    build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sample_summary, "get_engine", lambda: build.engine)
    monkeypatch.setattr(get_settings(), "data_dir", ROOT / "data")
    result = CliRunner().invoke(cli_app, ["sample", "summary"])
    assert result.exit_code == 0, result.output
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert readme.endswith("on a fresh database:\n\n" + result.output)
    # The share counts recognition records (认定). src/teacher_recognitions.csv grants 17, all to
    # teachers of the basis: 9 in the 2023-12-20 batch (GXZZ), 4 on 2024-12-18 (GXZZ 1, GJZX 2,
    # XJZX 1), 4 on 2025-12-16 (GXZZ 2, GXJX 2) — GXZZ 12, GJZX 2, GXJX 2, XJZX 1. The basis (52;
    # 44, 49, 52 at the 2023–2025 year ends) is the full-time teachers with a programme.
    assert "| GXZZ 赣县中等专业学校 | 12/33 = 36.4 % |" in result.output
    assert "| GJZX 赣县区贡江职业技术学校 | 2/8 = 25.0 % |" in result.output
    assert "| **district** | **17/52 = 32.7 %** |" in result.output
    assert "2022: 0/42 = 0.0 % · 2023: 9/44 = 20.5 % · 2024: 13/49 = 26.5 %" in result.output
    # 21 teachers of the basis are designed DQ (eligible on the records): 17 recognised, GXZZ's
    # t6 and t27 verified in 2026-09 and waiting for the next batch, GJZX's g1 and XJZX's x2 not
    # verified by their schools yet (待核实).
    assert (
        "the pipeline: 2 eligible on the records and verified, 2 eligible pending" in result.output
    )


def test_a_recognition_the_records_do_not_support_is_named(build: Build, tmp_path: Path) -> None:
    ctx = build.generator.build_files(tmp_path / "again")
    # x5 (XJZX) is designed plain: its records meet no level, so no recognition may name it.
    staff_no = ctx["staff"]["x5"]
    with Session(build.engine) as session:
        teacher = session.scalars(select(Teacher).where(Teacher.staff_no == staff_no)).one()
        day = date(2025, 12, 16)
        session.add(
            TeacherRecognition(
                teacher_id=teacher.id,
                level="junior",
                recognised_on=day,
                issuer="赣州市教育局",
                document_no="赣市教字〔2025〕88号",
            )
        )
        session.flush()
        problems = build.generator.check_design(session, ctx)
        session.rollback()
    assert problems == [f"{staff_no}: junior on 2025-12-16, meets None"]


@pytest.fixture
def client(build: Build) -> TestClient:
    """An HTTP client on the built deployment (no start-up hooks: these reads need no model)."""
    return TestClient(create_app(build.engine), raise_server_exceptions=False)


@pytest.fixture
def admin(build: Build) -> dict[str, str]:
    with transaction(build.engine) as session:
        return api_key_headers(session, make_user(session, "admin"))


def test_bay_area_industry_leaders_are_leading_enterprises(
    client: TestClient, admin: dict[str, str]
) -> None:
    r = client.get("/api/v1/enterprises?is_leading=true&location_kind=bay_area", headers=admin)
    assert r.status_code == 200, r.text
    assert {e["name"] for e in r.json()["items"]} == {
        "比亚迪股份有限公司",
        "广东邦普循环科技有限公司",
        "珠海格力电器股份有限公司",
        "美的集团股份有限公司",
        "深圳市汇川技术股份有限公司",  # leading already
        "大族激光科技产业集团股份有限公司",
        "欣旺达电子股份有限公司",
        "广州数控设备有限公司",
    }  # 大洋电机 is the one Bay Area firm not flagged


def test_gjzx_new_energy_vehicles_reports_byd_as_its_leading_partner(
    client: TestClient, admin: dict[str, str]
) -> None:
    gaps = client.get("/api/v1/partnerships/gaps?as_of=2026-11-29", headers=admin).json()
    by_offering = {(g["school_code"], g["programme_code"]): g for g in gaps}
    gjzx = by_offering["GJZX", "660702"]  # its order class AGR-2025-03 is with 比亚迪
    assert gjzx["leading_enterprises"] == ["比亚迪股份有限公司"]
    assert "leading_enterprise" not in gjzx["lacks"]
    assert "leading_enterprise" in by_offering["GXZZ", "660303"]["lacks"]  # the deliberate gap
    r = client.get("/api/v1/partnerships/indicators?as_of=2026-11-29", headers=admin)
    share = r.json()["leading_enterprise_cooperation"]
    # Featured offerings: GJZX 660702 (比亚迪), GXZZ 630501 (中稀), 660103 (澳克泰), 660301 (金力)
    # with a leading partner; GXZZ 660303 and 770101 without: 4 of 6 (3 of 6 before 比亚迪).
    assert (share["numerator"], share["denominator"]) == (4, 6)


def test_rare_earth_mining_lists_the_open_pit_miner_whose_work_types_include_leaching(
    client: TestClient,
) -> None:
    found = client.get("/api/v1/occupations?q=稀土注液收液工").json()["items"]
    assert [o["code"] for o in found] == ["6-16-01-01"]  # 露天采矿工, work type 稀土注液收液工
    segments = client.get("/api/v1/segments?chain=rare_earth").json()
    mining = next(s for s in segments if s["key"] == "mining_leaching")
    assert "6-16-01-01" in mining["occupations"]
    home = client.get("/").text
    segment = home[home.index("离子型稀土开采与浸出") : home.index("稀土冶炼分离")]
    assert '<a href="/occupations/6-16-01-01">6-16-01-01</a>' in segment
