"""A planner records a designation with its evidence file and sees the training-base indicator
turn from unknown to counted — in the browser (issue 15)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select

from tests.factories import PASSWORD, make_user
from tests.partnerships.helpers import PDF
from vocmatch.indicators.models import Designation
from vocmatch.kit.config import get_settings
from vocmatch.kit.db import transaction
from vocmatch.schools.models import School

pytestmark = pytest.mark.browser
ROW = "indicator-industry_education_training_base"
DOC = f"赣市发改字〔2025〕{uuid.uuid4().hex[:6]}号"


def test_planner_records_a_designation_and_the_indicator_counts_it(
    live_server: str, page: Any, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "upload_dir", tmp_path / "uploads")
    username = f"desig-{uuid.uuid4().hex[:8]}"
    with transaction(engine) as s:
        codes = list(s.scalars(select(School.code)))
        make_user(s, "planner", schools=codes, username=username)
    try:
        page.goto(live_server + "/planner/designations")
        page.wait_for_url("**/login?next=/planner/designations")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/planner/designations")
        row = page.get_by_test_id(ROW)
        assert "未知（无认定记录）" in row.inner_text()

        form = page.get_by_test_id("designation-form")
        form.get_by_label("类别").select_option("industry_education_training_base")
        form.get_by_label("级别").select_option("municipal")
        form.get_by_label("名称", exact=True).fill("赣州市产教融合型实训基地（数控）")
        form.get_by_label("认定单位").fill("赣州市发展和改革委员会")
        form.get_by_label("文号").fill(DOC)
        form.get_by_label("认定日期").fill("2025-10-15")
        form.get_by_label("学校", exact=False).and_(
            page.locator("select[name=school_code]")
        ).select_option("GXZZ")
        form.get_by_label("证明文件（认定文件）").set_input_files(
            {"name": "认定文件.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        form.get_by_role("button", name="保存").click()

        page.wait_for_url("**/planner/designations?saved=*")
        assert page.get_by_test_id("saved").is_visible()
        text = page.get_by_test_id(ROW).inner_text()
        assert "未知" not in text and "1 个" in text and "认定记录" in text
        assert DOC in page.get_by_test_id("designations").inner_text()
        page.goto(live_server + "/planner/indicators")
        assert "1 个" in page.get_by_test_id(ROW).inner_text()
    finally:
        with transaction(engine) as s:
            s.execute(delete(Designation).where(Designation.document_number == DOC))
