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
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from tests.factories import api_key_headers, make_user
from vocmatch import sample_summary
from vocmatch.cli import app as cli_app
from vocmatch.kit.config import ROOT, get_settings
from vocmatch.kit.db import make_engine, transaction
from vocmatch.main import create_app

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
    # The share counts recognition records (认定); the sample has none yet, so 0 of the 52.
    assert "| **district** | **0/52 = 0.0 %** |" in result.output


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
