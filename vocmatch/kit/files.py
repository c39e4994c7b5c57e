"""Read data files into validated rows; any problem becomes one line naming file, line and field."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from vocmatch.kit.errors import DataFileError

M = TypeVar("M", bound=BaseModel)


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when possible (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _first_error(exc: ValidationError) -> tuple[str, str]:
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err.get("loc", ())) or "?"
    return field, err.get("msg", "invalid")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        yield 1, {name: name for name in reader.fieldnames or []}
        line = 2
        for row in reader:
            yield line, row
            line = reader.line_num + 1


def read_csv(path: Path, model: type[M]) -> list[M]:
    """Parse a CSV file into ``model`` rows; raise DataFileError on the first bad row."""
    where = display_path(path)
    if not path.exists():
        raise DataFileError(f"{where}: file not found")
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    out: list[M] = []
    rows = _rows(path)
    try:
        _, header = next(rows)
    except StopIteration:
        raise DataFileError(f"{where}: file is empty") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(f"{where}, line 1: missing column(s) {', '.join(missing)}")
    for line, row in rows:
        if None in row:  # more cells than header columns
            raise DataFileError(f"{where}, line {line}: more cells than columns in the header")
        data: dict[str, Any] = {k: v for k, v in row.items() if k in model.model_fields}
        try:
            out.append(model.model_validate(data))
        except ValidationError as exc:
            field, msg = _first_error(exc)
            value = str(row.get(field.split(".")[0], ""))[:40]
            raise DataFileError(
                f"{where}, line {line}, field '{field}': {msg} (value: {value!r})"
            ) from None
    return out


def read_yaml(path: Path, model: type[M]) -> M:
    """Parse a YAML file into ``model``; raise DataFileError naming the line or the field path."""
    where = display_path(path)
    if not path.exists():
        raise DataFileError(f"{where}: file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{where}{line}: broken YAML: {problem}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        field, msg = _first_error(exc)
        raise DataFileError(f"{where}, field '{field}': {msg}") from None
