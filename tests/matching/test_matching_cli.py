"""``vocmatch match``: JSON lines in input order for machines, a table for people."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vocmatch.cli import app

runner = CliRunner()


def test_jsonl_answers_every_line_in_input_order(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "title": "会计", "text": "出纳、报税"},
        {"id": 2, "text": "负责萃取槽巡检和串级萃取"},
        {"id": "c", "title": "工业机器人编程员"},
    ] * 300
    lines.insert(5, {"id": "empty", "title": " "})
    path = tmp_path / "in.jsonl"
    path.write_text(
        "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\nnot json\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["match", "--input", str(path), "--top-k", "3"])
    assert r.exit_code == 0, r.output
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o.get("id") for o in out[:-1]] == [x["id"] for x in lines]
    assert out[5] == {"id": "empty", "error": "line 6: title or text is required"}
    assert out[-1]["id"] is None and "invalid JSON" in out[-1]["error"]
    first = out[0]
    assert set(first) == {"id", "chain", "chains", "occupations", "programmes", "title", "notes"}
    assert first["chain"] == "none" and 1 <= len(first["occupations"]) <= 3
    assert out[1]["chain"] == "rare_earth"
    assert out[2]["chain"] == "intelligent_equipment"


def test_a_text_argument_prints_a_table(tmp_path: Path) -> None:
    r = runner.invoke(app, ["match", "稀土萃取操作工，负责萃取槽", "--top-k", "2"])
    assert r.exit_code == 0, r.output
    assert "chain: rare_earth" in r.stdout
    assert "occupations:" in r.stdout and "programmes:" in r.stdout
    assert "630501" in r.stdout


def test_train_if_needed_keeps_an_up_to_date_model() -> None:
    r = runner.invoke(app, ["train", "--if-needed", "--no-map-programmes"])
    assert r.exit_code == 0, r.output
    assert "up to date" in r.stdout
