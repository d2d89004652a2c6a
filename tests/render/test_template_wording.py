"""Each template words with its own profile (number format, 持平, a rise from zero), read from its manifest's
措辞 and 数字格式: the shipped templates' and a user's own alike."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator import api
from generator.render.dump import document_lines
from generator.render.manifest import template_kit
from generator.render.shipped import SHIPPED, shipped_template, template_wording
from generator.render.wording import DEFAULT, SAMPLE_FROM_ZERO

SEPARATED = re.compile(r"\d,\d{3}\.\d\d")
EXAMPLE = Path("inputs/shanghai-example/2024")


def test_each_shipped_template_has_its_profile_and_other_files_the_default(tmp_path: Path) -> None:
    assert template_wording(shipped_template("xinjiang-2024")) == DEFAULT
    assert template_wording(shipped_template("shanghai-2024")) == replace(DEFAULT, thousands=False)
    assert template_wording(shipped_template("shanghai-2024-unit")) == replace(DEFAULT, thousands=False)
    assert template_wording(tmp_path / "mine.docx") is DEFAULT
    for name in SHIPPED:  # every shipped template states its wording in its manifest, without a mistake
        kit = template_kit(shipped_template(name))
        assert kit.manifest and kit.findings == () and "千分位" in kit.number_style, name


def own_template(folder: Path, manifest: str | None) -> Path:
    """A template of one's own: the 本年收入合计 sentence with its change, and a manifest beside it."""
    from docx import Document

    path = folder / "我的模板.docx"
    doc = Document()
    doc.add_paragraph("本年收入合计{{ f.statement.income_this_year | amount }}万元，收入支出总计{{ f.statement.change | change }}。")
    doc.save(str(path))
    if manifest is not None:
        path.with_suffix(".yaml").write_text(manifest, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("manifest", "profile"),
    [
        (None, DEFAULT),
        ("名称: 本省模板\n措辞: 默认", DEFAULT),
        ("数字格式: 金额以万元为单位，两位小数，不带千分位", replace(DEFAULT, thousands=False)),
        ("数字格式: 金额以万元为单位，两位小数，千分位", DEFAULT),
        ("数字格式: {千分位: 否, 金额小数位: 1, 百分比小数位: 1}", replace(DEFAULT, thousands=False, amount_places=1, percent_places=1)),
        ("措辞: 新疆样例", SAMPLE_FROM_ZERO),
        ("措辞: {方案: 新疆样例, 持平: 与上年相同}", replace(SAMPLE_FROM_ZERO, flat="与上年相同")),
        ("措辞: {从零增加: 增长100%, 上年无此项: 没有这项支出}", replace(DEFAULT, from_zero="增长100%", absent_before="没有这项支出")),
    ],
)
def test_an_own_template_takes_its_wording_from_its_manifest(tmp_path: Path, manifest: str | None, profile: object) -> None:
    template = own_template(tmp_path, manifest.replace("\\n", "\n") if manifest else None)
    assert template_wording(template) == profile
    assert template_kit(template).findings == ()


def test_the_manifest_wording_is_what_the_document_prints(tmp_path: Path) -> None:
    """Rendered with the user's template: 3400.00 without separators, one decimal place where the manifest says."""
    template = own_template(tmp_path, "数字格式: {千分位: 否, 金额小数位: 1}")
    out = tmp_path / "out.docx"
    assert api.generate(EXAMPLE, output=out, template=str(template)).ok
    assert document_lines(out)[0].startswith("本年收入合计3400.0万元，")
    template.with_suffix(".yaml").write_text("数字格式: {千分位: 是}", encoding="utf-8")
    assert api.generate(EXAMPLE, output=out, template=str(template)).ok
    assert document_lines(out)[0].startswith("本年收入合计3,400.00万元，")


@pytest.mark.parametrize(
    "manifest",
    ["措辞: 北京", "措辞: {持平: 一样, 增加: 多了}", "数字格式: {千分位: 也许}", "数字格式: {金额小数位: 9}", "数字格式: {分隔符: 空格}"],
)
def test_a_wording_the_manifest_cannot_mean_is_named_and_the_default_kept(tmp_path: Path, manifest: str) -> None:
    template = own_template(tmp_path, manifest)
    kit = template_kit(template)
    assert [(f.code, f.location.file) for f in kit.findings] == [("template-manifest-invalid", str(template.with_suffix(".yaml")))]
    assert kit.profile.thousands and kit.profile.amount_places == 2


@pytest.mark.parametrize(("template", "separated"), [("shanghai-2024", False), ("xinjiang-2024", True)])
def test_amounts_print_as_the_template_prints_them(tmp_path: Path, template: str, separated: bool) -> None:
    out = tmp_path / "out.docx"
    assert api.generate(EXAMPLE, output=out, template=template).ok
    text = "\n".join(document_lines(out, tables=True))
    # the example's 本年收入合计 is 3400.00 万元: "3,400.00" in the 新疆 form, "3400.00" in the 上海 one
    assert bool(SEPARATED.search(text)) is separated
    assert ("3,400.00" if separated else "3400.00") in text


@pytest.mark.slow
def test_no_template_words_a_rate_from_zero(tmp_path: Path) -> None:
    """The sample's 行政单位离退休 had nothing last year: "新增" with no rate, in every template."""
    texts = {}
    for template in SHIPPED:
        out = tmp_path / f"{template}.docx"
        assert api.generate(Path("inputs/changji-ybj/2024"), output=out, template=template).ok
        texts[template] = "\n".join(document_lines(out))
        assert "增长100.00%" not in texts[template]
    assert "支出决算数为0.25万元，比上年决算新增0.25万元，上年无此项支出，主要原因是：" in texts["xinjiang-2024"]
