"""In Chromium: an HR clerk downloads the postings template, fills a bad row, and the preview shows
that row's error in Chinese; importing writes nothing."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from tests.demand.helpers import purge
from tests.factories import make_user
from tests.live import log_in
from vocmatch.demand.models import Posting
from vocmatch.kit.db import transaction

pytestmark = pytest.mark.browser


def _postings(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(Posting)) or 0


def test_template_with_a_bad_row_is_previewed_in_chinese_and_not_imported(
    live_server: str, page: Any, engine: Engine, tmp_path: Path
) -> None:
    username = f"clerk-{uuid.uuid4().hex[:6]}"
    with transaction(engine) as s:
        make_user(s, "platform", username=username)
    try:
        before = _postings(engine)
        log_in(page, live_server, username, "/postings/import")
        with page.expect_download() as caught:
            page.get_by_test_id("import-template").click()
        wb = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()))
        ws = wb["用工需求"]
        header = [c.value for c in ws[1]]
        assert header[:4] == ["岗位编号", "企业名称", "统一社会信用代码", "岗位名称"]
        assert "说明" in wb.sheetnames
        bad = dict.fromkeys(header, None) | {
            "岗位编号": "HR-BAD-1",
            "岗位名称": "电工",
            "招聘人数": "三人",
        }
        ws.append([bad[h] for h in header])
        filled = tmp_path / "filled.xlsx"
        buf = io.BytesIO()
        wb.save(buf)
        filled.write_bytes(buf.getvalue())

        page.locator("input[name=file]").set_input_files(str(filled))
        page.get_by_role("button", name="预览检查").click()
        preview = page.get_by_test_id("import-preview")
        first = preview.locator("tbody tr").first
        assert first.locator("td").first.inner_text() == "3"  # the bad row comes first
        assert "招聘人数：应为整数" in first.inner_text()
        assert "共 2 行，有效 1 行" in page.get_by_test_id("import-report").inner_text()

        page.locator("input[name=file]").set_input_files(str(filled))
        page.get_by_role("button", name="全部导入（有错误则不导入）").click()
        assert "没有导入任何数据" in page.locator("p.error").inner_text()
        errors = page.get_by_test_id("import-errors").inner_text()
        assert "招聘人数" in errors and "应为整数" in errors
        assert _postings(engine) == before
    finally:
        purge(engine, usernames=(username,))
