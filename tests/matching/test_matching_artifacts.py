"""The saved model: arrays + JSON (never a pickle), identical answers after loading, staleness."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import TEST_DATA
from vocmatch.kit.errors import VocmatchError
from vocmatch.matching import service
from vocmatch.matching.engine import artifacts
from vocmatch.matching.fitting.estimator import Matcher

ITEMS = [
    ("稀土萃取操作工", "巡检萃取槽"),
    ("会计", None),
    (None, "锂电池极片涂布"),
    ("CNC lathe", ""),
]


def test_saved_model_answers_exactly_like_the_fitted_one(matcher: Matcher, tmp_path: Path) -> None:
    version = artifacts.save(matcher.model_, tmp_path)
    assert version.startswith("vm-") and len(version.split("-")[-1]) == 8
    loaded = Matcher.from_model(artifacts.load(tmp_path))
    assert loaded.model_.version == version
    assert loaded.get_params() == matcher.get_params()
    assert loaded.match(ITEMS, top_k=5) == matcher.match(ITEMS, top_k=5)


def test_loading_never_unpickles(
    matcher: Matcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    artifacts.save(matcher.model_, tmp_path)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the model loader called pickle")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    artifacts.load(tmp_path)
    with np.load(tmp_path / artifacts.NPZ, allow_pickle=False) as npz:
        assert all(npz[name].dtype != object for name in npz.files)


def test_a_swapped_array_file_is_refused(matcher: Matcher, tmp_path: Path) -> None:
    artifacts.save(matcher.model_, tmp_path)
    np.savez(tmp_path / artifacts.NPZ, idf_=np.zeros(3))
    with pytest.raises(VocmatchError, match="vocmatch train"):
        artifacts.load(tmp_path)


def test_model_card_has_params_versions_and_data_hashes(matching_model: Path) -> None:
    card = json.loads((matching_model / artifacts.CARD).read_text(encoding="utf-8"))
    assert card["version"].startswith("vm-")
    assert {"scikit-learn", "numpy", "rapidfuzz"} <= set(card["libraries"])
    assert set(card["data_sha256"]) >= {"programmes.csv", "occupations.csv", "industries.yaml"}
    assert card["params"]["text_limit"] > 0


def test_status_says_missing_then_stale_then_ok(matcher: Matcher, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TEST_DATA, data)
    models = tmp_path / "models"
    status, detail = service.model_status(models, data)
    assert status == "missing" and "vocmatch train" in detail
    artifacts.save(matcher.model_, models)
    assert service.model_status(models, data)[0] == "ok"
    with (data / "industries.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    status, detail = service.model_status(models, data)
    assert status == "stale"
    assert "industries.yaml" in detail and "vocmatch train" in detail


def test_get_matcher_refuses_a_missing_model_with_503(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vocmatch.kit.config import get_settings

    monkeypatch.setattr(get_settings(), "models_dir", tmp_path / "nothing")
    service.reset()
    try:
        with pytest.raises(VocmatchError) as err:
            service.get_runtime()
        assert err.value.status == 503
        assert "vocmatch train" in err.value.message
    finally:
        monkeypatch.undo()
        service.reset()


def test_service_contract_for_other_domains() -> None:
    result = service.match_text(title="数控车工", text="FANUC系统，加工中心", top_k=3)
    dumped = result.model_dump()
    assert set(dumped) == {"chain", "chains", "occupations", "programmes", "title", "notes"}
    assert json.loads(json.dumps(dumped, ensure_ascii=False)) == dumped
    assert service.model_version().startswith("vm-")
    many = service.match_many([("工业机器人编程员", None), (None, "出纳")], top_k=2)
    assert [m.chain for m in many] == ["intelligent_equipment", "none"]
    offered = service.match_text(
        title="数控车工", text=None, scope="offered", offered_codes={"730301"}
    )
    assert {p.code for p in offered.programmes} <= {"730301"}  # only offered, never padded
    accountant = service.match_text(
        title="会计", text="记账报税", scope="offered", offered_codes={"730301", "660103"}
    )
    assert [p.code for p in accountant.programmes] == ["730301"]
