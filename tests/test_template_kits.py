"""Templates as kits (issues 18 and 23): a template's needs come from its own variables and its manifest,
and `check` judges blanks by the chosen template alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from generator import api, layout
from generator.check import Settings, run_checks
from generator.compute.figures import compute_figures
from generator.findings import Finding
from generator.load.folder import load
from generator.model import Loaded, UnitYear
from generator.render.manifest import LEVELS, template_chains, template_kit
from generator.render.shipped import SHIPPED, shipped_template

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "shanghai-example" / "2024"
OM, STAFF = layout.OTHER_MATTERS.name, layout.STAFF.name


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    found, _ = load(EXAMPLE)
    assert found is not None
    return found


def blank_cells(unit: UnitYear, cells: list[tuple[str, str, str]]) -> UnitYear:
    items = dict(unit.items)
    for sheet, item, column in cells:
        table = items[sheet]
        row = table.rows[item]
        row = row.model_copy(update={"amounts": {h: v for h, v in row.amounts.items() if h != column}})
        items[sheet] = table.model_copy(update={"rows": {**table.rows, item: row}})
    return unit.model_copy(update={"items": items})


def blank_texts(unit: UnitYear) -> UnitYear:
    texts = unit.texts.model_copy(update={"performance_results": "", "performance_problems": "", "performance_measures": ""})
    return unit.model_copy(update={"texts": texts})


NOT_IN_SHANGHAI = [(OM, "房屋价值", "本年数"), (OM, "车辆价值", "本年数"), (OM, "房屋面积", "本年数")] + [(STAFF, n, "本年人数") for n in layout.STAFF_ITEMS]


def named(findings: list[Finding]) -> set[str]:
    """What blank and section findings are about: an item, a 文字说明 field or a sheet."""
    return {str(f.values.get("item") or f.values.get("sheet")) for f in findings if f.code in ("blank-left-out", "blank-required", "section-without-data")}


def check_with(loaded: Loaded, unit: UnitYear, template: str | Path) -> list[Finding]:
    return run_checks(compute_figures(Loaded(unit, loaded.prior)), Settings(template=str(template), needs=api.template_needs_of(template)))


def test_check_speaks_only_of_sentences_the_chosen_template_writes(loaded: Loaded) -> None:
    unit = blank_texts(blank_cells(loaded.current, NOT_IN_SHANGHAI))
    about = {"房屋价值", "车辆价值", "房屋面积", *layout.STAFF_ITEMS, "预算绩效.成效", "预算绩效.问题", "预算绩效.措施"}
    assert named(check_with(loaded, unit, "shanghai-2024")) & about == set()
    assert about - {"实有人数", "在职人员", "离休人员", "退休人员"} <= named(check_with(loaded, unit, "xinjiang-2024"))
    assert STAFF in named(check_with(loaded, unit, "xinjiang-2024"))  # the whole sheet blank: one section finding


def test_every_shanghai_finding_names_a_shanghai_section(loaded: Loaded) -> None:
    unit = blank_cells(loaded.current, [(layout.THREE_PUBLIC.name, "合计", "决算数"), (OM, "政府采购货物支出", "本年数")])
    sentences = [str(f.values.get("sentence", "")) for f in check_with(loaded, unit, "shanghai-2024") if f.code.startswith("blank-")]
    assert sentences and all("第三部分" in s for s in sentences), sentences


def test_generate_says_what_the_shanghai_template_writes_without_a_self_evaluation(tmp_path: Path, kit: Any) -> None:
    folder = kit.write_unit(tmp_path, kit.consistent_2024())

    def missing(template: str) -> str:
        generated = api.generate(folder, output=tmp_path / f"{template}.docx", template=template, force=True)
        return next(f.message for f in generated.findings if f.code == "self-evaluation-missing")

    assert "未开展预算绩效自评" in missing("xinjiang-2024")
    shanghai = missing("shanghai-2024")
    assert "未开展预算绩效自评" not in shanghai and "预算绩效管理情况" in shanghai


def own_template(folder: Path, paragraphs: list[str], manifest: str | None = None) -> Path:
    path = folder / "我的模板.docx"
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    if manifest is not None:
        path.with_suffix(".yaml").write_text(manifest, encoding="utf-8")
    return path


def test_an_own_template_without_a_manifest_is_checked_by_its_variables(loaded: Loaded, tmp_path: Path) -> None:
    template = own_template(tmp_path, ["房屋价值{{ f.assets.house_value | amount }}万元", "{% for x in f.staff %}{{ x.name }}{% endfor %}"])
    unit = blank_cells(loaded.current, [(OM, "房屋价值", "本年数"), (OM, "车辆价值", "本年数")])
    findings = check_with(loaded, unit, template)
    assert named(findings) == {"房屋价值"}
    assert next(f for f in findings if f.code == "blank-left-out").values["sentence"] == "「房屋价值…万元」"  # no heading: the figure's words


def test_a_blank_is_named_under_the_heading_of_the_template_that_reads_it(loaded: Loaded, tmp_path: Path) -> None:
    """Not under the default template's section numbers: the user's template's own headings."""
    template = own_template(
        tmp_path,
        ["第一部分　资产", "三、国有资产情况", "（二）房屋", "房屋价值{{ f.assets.house_value | amount }}万元", "四、人员", "{% for x in f.staff %}{{ x.name }}{{ x.change.current }}{% endfor %}"],
    )
    unit = blank_cells(loaded.current, [(OM, "房屋价值", "本年数"), *((STAFF, n, "本年人数") for n in layout.STAFF_ITEMS)])
    findings = check_with(loaded, unit, template)
    house = next(f for f in findings if f.code == "blank-left-out")
    assert (house.values["item"], house.values["sentence"]) == ("房屋价值", "第一部分三、国有资产情况（二）房屋「房屋价值…万元」")
    staff = next(f for f in findings if f.code == "section-without-data")
    assert staff.location.sheet == STAFF and "第一部分四、人员" in staff.message
    assert not any("十、其他重要事项" in f.message or "第二部分" in f.message for f in findings)


def test_an_own_template_with_a_manifest_is_checked_by_its_own_needs(loaded: Loaded, tmp_path: Path) -> None:
    manifest = "\n".join(
        [
            "名称: 本省模板",
            "层级: 单位",
            "没有绩效自评表时: 第五节写“未开展”",
            "单元格:",
            "  - {表: 其他重要事项, 项目: 车辆价值, 栏: 本年数, 句子: 第五节「车辆价值…万元」, 必填: 是}",
            "  - {表: 其他重要事项, 项目: 房屋价值, 栏: 本年数, 句子: 第五节「房屋价值…万元」}",
        ]
    )
    template = own_template(tmp_path, ["房屋价值{{ f.assets.house_value | amount }}万元"], manifest)
    kit = template_kit(template)
    assert kit.findings == () and kit.name == "本省模板" and kit.level == "单位"
    unit = blank_cells(loaded.current, [(OM, "房屋价值", "本年数"), (OM, "车辆价值", "本年数"), (OM, "房屋面积", "本年数")])
    found = {(f.code, f.values.get("item"), f.values.get("sentence")) for f in check_with(loaded, unit, template) if f.code.startswith("blank-")}
    assert found == {("blank-left-out", "房屋价值", "第五节「房屋价值…万元」"), ("blank-required", "车辆价值", "第五节「车辆价值…万元」")}


@pytest.mark.parametrize(
    "manifest",
    ["层级: 省", "不认识的键: 1", "单元格:\n  - {表: 其他重要事项, 项目: 不存在的项目, 栏: 本年数}", "单元格:\n  - 房屋价值", "- 一个列表", "名称: [未闭合"],
)
def test_a_manifest_with_a_mistake_is_a_finding_at_the_file(tmp_path: Path, manifest: str) -> None:
    template = own_template(tmp_path, ["{{ unit }}"], manifest)
    kit = template_kit(template)
    assert [(f.code, f.location.file) for f in kit.findings] == [("template-manifest-invalid", str(template.with_suffix(".yaml")))]


def test_check_names_a_manifest_mistake(tmp_path: Path, kit: Any) -> None:
    folder = kit.write_unit(tmp_path, kit.consistent_2024())
    template = own_template(folder, ["{{ unit }}"], "层级: 省")
    checked = api.check_folder(folder, Settings(template=str(template)))
    assert [f.code for f in checked.findings if f.code.startswith("template-")] == ["template-manifest-invalid"]


def test_each_shipped_template_has_a_manifest_that_reads_cleanly() -> None:
    for name in SHIPPED:
        kit = template_kit(shipped_template(name))
        assert kit.findings == () and kit.manifest, name
        assert kit.name == name and kit.level in LEVELS and kit.wording and kit.number_style and kit.tables and kit.self_evaluation_absent


def test_a_loop_variable_stands_for_what_it_runs_over() -> None:
    chains = template_chains(
        "{% for x in (f.three_public.abroad, f.three_public.reception) %}{{ x.initial_budget | completion }}{% endfor %}"
        "{% for i in f.funds.gpb.items | selectattr('purpose') %}{{ i.budget.base }}{% endfor %}"
        "{% set b, name = budget_basis(f.admin_cost, f.funds.gpb.budget) %}{{ b.current }}{{ s9['abroad_groups'] }}"
    )
    assert {"f.three_public.abroad.initial_budget", "f.three_public.reception.initial_budget", "f.funds.gpb.items.budget.base", "s9.abroad_groups"} <= chains
    assert "f.three_public.abroad" not in chains  # a loop's sequence is not read whole
    assert {"f.admin_cost.current", "f.funds.gpb.budget.current"} <= chains


def test_a_short_name_reads_only_what_is_read_through_it() -> None:
    chains = template_chains("{% set tp = f.three_public %}{{ tp.abroad.actual | amount }}{% set a = f.assets %}{{ a }}")
    assert "f.three_public.abroad.actual" in chains and "f.three_public" not in chains
    assert "f.assets" in chains  # printed whole: read whole


def test_the_context_offers_figures_not_sentences(loaded: Loaded) -> None:
    """No pre-worded sentence reaches a template: each shipped template words its own from the figures."""
    from generator.render.document import disclosure_context

    context = disclosure_context(compute_figures(loaded))
    assert set(context) == {"unit", "year", "prior_year", "level", "tables", "se", "f", "performance", "self_evaluation", "final_units", "national", "wording_profile"}
    worded = {f"s{i}" for i in range(1, 13)} | {"staff", "organisation", "functions", "functions_note", "performance_results"}
    for name in SHIPPED:
        roots = {chain.split(".")[0] for chain in template_kit(shipped_template(name)).variables}
        assert "f" in roots and not roots & worded, name


# --- the promise of a kit: what a person edits in Word is what juesuan writes ---------------------------

SAMPLES = {"xinjiang-2024": ROOT / "inputs" / "changji-ybj" / "2024", "shanghai-2024": EXAMPLE, "shanghai-2024-unit": EXAMPLE.parent / "上海市示范区文化馆" / "2024"}
# (a piece of a sentence of the template, what a person types in its place in Word) per shipped template
EDITS = {
    "xinjiang-2024": [
        ("年度收入总计{{ f.statement.income_total | amount }}万元", "年度全部收入{{ f.statement.income_total | amount }}万元整"),
        ('收入支出总体{{ f.statement.change | explained(style="compare") }}', "收入支出总计{{ f.statement.change | explained }}"),
    ],
    "shanghai-2024": [("年度收入支出总计{{ f.statement.income_total | amount }}万元。", "年度收入支出共计{{ f.statement.income_total | amount }}万元整。")],
    "shanghai-2024-unit": [("年度收入支出总计{{ f.statement.income_total | amount }}万元。", "年度收入支出共计{{ f.statement.income_total | amount }}万元整。")],
}


def edited_copy(name: str, folder: Path, edits: list[tuple[str, str]]) -> Path:
    """A copy of the shipped template NAME (and its manifest) with EDITS made through python-docx, as Word saves a changed paragraph:
    the sentence in two runs, cut inside a tag and the second run bold (as Word splits a tag whose letters were
    retyped or formatted)."""
    doc = Document(str(shipped_template(name)))
    for old, new in edits:
        hits = [p for p in doc.paragraphs if old in p.text]
        assert len(hits) == 1, (name, old)
        paragraph = hits[0]
        text = paragraph.text.replace(old, new)
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        cut = text.index("{{", text.index(new)) + 5
        paragraph.runs[0].text = text[:cut]
        paragraph.add_run(text[cut:]).bold = True
    path = folder / f"{name}-{len(edits)}.docx"
    doc.save(str(path))
    path.with_suffix(".yaml").write_bytes(shipped_template(name).with_suffix(".yaml").read_bytes())  # copied with its manifest
    return path


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_a_sentence_edited_in_the_template_is_the_sentence_written(name: str, tmp_path: Path) -> None:
    from generator.render.dump import golden_lines

    def written(template: Path) -> list[str]:
        out = tmp_path / f"{template.stem}.out.docx"
        assert api.generate(SAMPLES[name], output=out, template=template, force=True).ok
        return golden_lines(out)

    before, after = written(edited_copy(name, tmp_path, [])), written(edited_copy(name, tmp_path, EDITS[name]))
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == len(EDITS[name]), changed  # each edited sentence, and nothing else
    if name == "xinjiang-2024":
        assert changed[0][1].startswith("2024年度全部收入1,239.70万元整")
        assert changed[1] == ("收入支出总体与上年相比，减少308.78万元，下降19.94%，主要原因是：" + changed[1][0].split("主要原因是：")[1],
                              "收入支出总计比上年减少308.78万元，下降19.94%，主要原因是：" + changed[1][0].split("主要原因是：")[1])
    elif name == "shanghai-2024":
        assert "2024年度收入支出共计3500.00万元整。与2023年度相比" in changed[0][1]
    else:
        assert "2024年度收入支出共计" in changed[0][1] and "万元整。" in changed[0][1]


def test_a_block_deleted_in_the_template_no_longer_asks_for_its_cells(loaded: Loaded, tmp_path: Path) -> None:
    """check judges blanks by the template in use: a person who deletes the 国有资产 block (its {%p if %} … {%p endif %}
    paragraphs) in Word is no longer asked for 房屋价值 or 房屋面积."""
    doc = Document(str(shipped_template("xinjiang-2024")))
    texts = [p.text for p in doc.paragraphs]
    first = next(i for i, text in enumerate(texts) if text.startswith("{%p if a.house_area"))
    last = next(i for i in range(first, len(texts)) if texts[i] == "{%p endif %}")
    assert "截至{{ year }}年12月31日" in texts[first + 1]
    for paragraph in doc.paragraphs[first : last + 1]:
        paragraph._p.getparent().remove(paragraph._p)
    (tmp_path / "mine").mkdir()
    mine = tmp_path / "mine" / "我的模板.docx"
    doc.save(str(mine))
    unit = blank_cells(loaded.current, [(OM, "房屋价值", "本年数"), (OM, "房屋面积", "本年数")])
    assert {"房屋价值", "房屋面积"} <= named(check_with(loaded, unit, "xinjiang-2024"))
    assert not {"房屋价值", "房屋面积"} & named(check_with(loaded, unit, mine))


def test_a_template_needs_its_cells_in_the_order_it_reads_them() -> None:
    """check names blanks in the document's order: the default template's 人员情况 (第一部分) before its 收入总计."""
    from generator.render.manifest import chains_in_order

    assert chains_in_order("{{ f.b.x }}{% for i in f.a %}{{ i.y }}{{ i.x }}{% endfor %}{{ f.b.x }}") == ("f.b.x", "f.a.y", "f.a.x")
    sheets = [sheet for sheet, _, _ in template_kit(shipped_template("xinjiang-2024")).cells]
    assert sheets.index(STAFF) < sheets.index(layout.SUMMARY.name) < sheets.index(OM)


def test_a_variable_is_placed_under_the_heading_it_is_first_read_under() -> None:
    from generator.render.manifest import chains_with_places

    def p(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    source = (
        p("目录") + '<w:p><w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" </w:instrText></w:r></w:p>'
        + p("第二部分　{{ unit }}决算情况说明") + p("{{ f.statement.income_total }}")
        + p("四、财政拨款收入支出决算总体情况说明") + p("（一）总体情况。") + p("{{ f.funds.fiscal.change }}")
        + p("一、" + "这是一段很长的正文，" * 8 + "{{ f.funds.gpb.total }}")
        + p("五、一般公共预算") + p("{{ f.funds.fiscal.change.known }}{{ f.funds.gpb.items }}")
    )
    placed = dict(chains_with_places(source))
    assert placed["unit"] == ""  # read inside the heading itself, before it ends
    assert placed["f.statement.income_total"] == "第二部分"
    assert placed["f.funds.fiscal.change"] == "第二部分四、财政拨款收入支出决算总体情况说明（一）总体情况"
    assert placed["f.funds.gpb.total"] == placed["f.funds.fiscal.change"]  # a long paragraph is body text, not a heading
    assert placed["f.funds.fiscal.change.known"] == placed["f.funds.gpb.items"] == "第二部分五、一般公共预算"
