"""Each shipped template words with its own profile: number format, 持平, a rise from zero."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import api
from generator.render.dump import document_lines
from generator.render.shipped import SHIPPED, TEMPLATE_WORDING, shipped_template, template_wording
from generator.render.wording import DEFAULT

SEPARATED = re.compile(r"\d,\d{3}\.\d\d")
EXAMPLE = Path("inputs/shanghai-example/2024")


def test_each_shipped_template_has_its_profile_and_other_files_the_default(tmp_path: Path) -> None:
    assert template_wording(shipped_template("xinjiang-2024")).thousands
    assert not template_wording(shipped_template("shanghai-2024")).thousands
    assert template_wording(tmp_path / "mine.docx") is DEFAULT
    assert set(TEMPLATE_WORDING) == set(SHIPPED)  # every shipped template names its profile


@pytest.mark.parametrize(("template", "separated"), [("shanghai-2024", False), ("xinjiang-2024", True)])
def test_amounts_print_as_the_template_prints_them(tmp_path: Path, template: str, separated: bool) -> None:
    out = tmp_path / "out.docx"
    assert api.generate(EXAMPLE, output=out, template=template).ok
    text = "\n".join(document_lines(out, tables=True))
    # the example's 本年收入合计 is 3400.00 万元: "3,400.00" in the 新疆 form, "3400.00" in the 上海 one
    assert bool(SEPARATED.search(text)) is separated
    assert ("3,400.00" if separated else "3400.00") in text


def test_no_template_words_a_rate_from_zero(tmp_path: Path) -> None:
    """The sample's 行政单位离退休 had nothing last year: "新增" with no rate, in every template."""
    texts = {}
    for template in TEMPLATE_WORDING:
        out = tmp_path / f"{template}.docx"
        assert api.generate(Path("inputs/changji-ybj/2024"), output=out, template=template).ok
        texts[template] = "\n".join(document_lines(out))
        assert "增长100.00%" not in texts[template]
    assert "支出决算数为0.25万元，比上年决算新增0.25万元，上年无此项支出，主要原因是：" in texts["xinjiang-2024"]
