"""A planner records a five-commons activity with an evidence file from the matrix, sees the cell
turn to done, and exports the year's report — in the browser."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from tests.factories import PASSWORD, make_user
from tests.partnerships.helpers import PDF
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import transaction
from vocmatch.kit.principal import SYSTEM
from vocmatch.partnerships.activities import service
from vocmatch.partnerships.models import Activity, Evidence

pytestmark = pytest.mark.browser
CELL = "cell-GXZZ-660303-five_commons_syllabus"


def test_record_activity_with_evidence_and_export(
    live_server: str, page: Any, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The live server runs in this process: its uploads go to a temporary folder.
    monkeypatch.setattr(get_settings(), "upload_dir", tmp_path / "uploads")
    username = f"pship-{uuid.uuid4().hex[:8]}"
    with transaction(engine) as s:
        make_user(s, "planner", schools=["GXZZ"], username=username)
    recorded: list[int] = []
    try:
        page.goto(live_server + "/partnerships")
        page.wait_for_url("**/login?next=/partnerships")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/partnerships")
        cell = page.get_by_test_id(CELL)
        assert cell.get_attribute("data-state") == "missing"

        # Four actions: the missing cell, the partner, the file, save. Everything else is defaulted.
        cell.get_by_role("link").click()
        page.wait_for_url("**/partnerships/activities/new?*")
        assert page.get_by_test_id("field-type").input_value() == "five_commons_syllabus"
        assert page.get_by_role("checkbox", name=re.compile("工业机器人技术应用")).is_checked()
        page.get_by_role("checkbox", name=re.compile("深圳职业技术大学")).check()
        page.get_by_test_id("field-files").set_input_files(
            {"name": "教学大纲研讨纪要.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.get_by_test_id("save-activity").click()

        page.wait_for_url("**/partnerships?recorded=*")
        recorded.append(int(re.search(r"recorded=(\d+)", page.url).group(1)))  # type: ignore[union-attr]
        notice = page.get_by_test_id("recorded-notice").inner_text()
        assert "共同制定专业课教学大纲" in notice and "1 个证明文件" in notice
        assert page.get_by_test_id(CELL).get_attribute("data-state") == "done"

        # The evidence is on the activity and downloads as an attachment.
        page.get_by_test_id("recorded-notice").get_by_role("link").click()
        with page.expect_download() as dl:
            page.get_by_test_id("evidence-list").get_by_role("link").first.click()
        assert dl.value.suggested_filename == "教学大纲研讨纪要.pdf"

        # Export the year's report: the new activity is in it, and the matrix says done.
        page.goto(live_server + "/partnerships")
        page.get_by_test_id("report-year").select_option(str(date.today().year))
        with page.expect_download() as dl:
            page.get_by_test_id("export-report").click()
        wb = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
        acts = list(wb["合作活动"].iter_rows(values_only=True))
        titles = [dict(zip(acts[0], r, strict=False))["名称"] for r in acts[1:]]
        assert "共同制定专业课教学大纲 · 工业机器人技术应用" in titles
        rows = list(wb["五个共同"].iter_rows(values_only=True))
        matrix = {r[1]: dict(zip(rows[0], r, strict=False)) for r in rows[1:]}
        assert matrix["660303"]["共同制定专业课教学大纲"] == "已完成"
    finally:
        # The live database is shared by the whole run: leave it as we found it.
        with transaction(engine) as s:
            for aid in recorded:
                service.delete_activity(s, principal=SYSTEM, activity_id=aid)
            assert not s.scalars(select(Evidence).where(Evidence.activity_id.in_(recorded))).all()
            assert not s.scalars(select(Activity).where(Activity.id.in_(recorded))).all()
