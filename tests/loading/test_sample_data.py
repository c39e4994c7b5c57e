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
from sqlalchemy import Engine
from typer.testing import CliRunner

from vocmatch import sample_summary
from vocmatch.cli import app as cli_app
from vocmatch.config import ROOT, get_settings
from vocmatch.db import make_engine, transaction

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
    shutil.copytree(SAMPLE, committed)
    (committed / "graduate_destinations.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (committed / "schools.csv").write_text("code\n", encoding="utf-8")
    problems = build.generator.compare(build.out, committed)
    assert len(problems) == 2
    assert "graduate_destinations.csv: not written by the generator (move it to" in problems[0]
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
    assert "| **district** | **21/52 = 40.4 %** |" in result.output
