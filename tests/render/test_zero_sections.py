"""A section at zero in the default (新疆) template: the template's sentence, never an empty heading.

五 has three sub-headings. With no 一般公共预算 money and nothing to itemise, the section is the one
sentence "本单位…年度无一般公共预算财政拨款支出。" (as 七 and 八 are); when 项 fell to zero this year, the
headings stay and each says what it holds. (tests/test_corpus.py checks every shape in both templates.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import api, layout
from generator.render.dump import document_lines

G = layout.GPB.name


def _section_five(folder: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "out.docx"
    result = api.generate(folder, output=out, force=True)
    assert result.ok, [str(f) for f in result.findings]
    lines = document_lines(out)
    five = "五、一般公共预算财政拨款支出决算情况说明"
    start = len(lines) - 1 - lines[::-1].index(five)  # the section itself, not its line in the 目录
    end = lines.index("六、一般公共预算财政拨款基本支出决算情况说明", start)
    return lines[start + 1 : end]


def _all_gpb_zero(values: dict[str, Any]) -> None:
    """No 一般公共预算 spending this year, in its table and in the 财政拨款 total's spending side."""
    values[G] = [(r[0], r[1], 0, 0, 0, *r[5:]) for r in values[G]]
    fiscal = values[layout.FISCAL.name]
    spending = [n for n in fiscal if n not in ("本年收入", "年初财政拨款结转和结余", "收入总计", "年末财政拨款结转和结余", "支出总计")]
    for name in spending:
        fiscal[name] = [0, 0, *fiscal[name][2:]]


def test_items_that_fell_to_zero_keep_the_headings_and_say_so(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    cur, prior = kit.consistent_2024(), kit.consistent_2023()
    _all_gpb_zero(cur)
    section = _section_five(unit_folder(cur, prior=prior), tmp_path)
    assert section[0] == "（一）一般公共预算财政拨款支出决算总体情况"
    assert section[1].startswith("本单位2024年度无一般公共预算财政拨款支出。与上年相比，减少")
    at = section.index("（二）一般公共预算财政拨款支出决算结构情况")
    assert section[at + 1] == "本单位2024年度无一般公共预算财政拨款支出，无支出结构情况。"
    at = section.index("（三）一般公共预算财政拨款支出决算具体情况")
    assert section[at + 1].startswith("1.一般公共服务支出（类）财政事务（款）信息化建设（项）：支出决算数为0.00万元")


def test_no_money_and_nothing_to_itemise_is_one_sentence(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    cur = kit.consistent_2024()
    _all_gpb_zero(cur)
    cur[G] = [r[:5] for r in cur[G]]  # no prior year either: nothing falls to zero
    assert _section_five(unit_folder(cur), tmp_path) == ["本单位2024年度无一般公共预算财政拨款支出。"]


def test_an_unreported_table_is_one_sentence(kit: Any, unit_folder: Any, tmp_path: Path) -> None:
    cur = kit.consistent_2024()
    cur[G] = []
    for name, cells in cur[layout.FISCAL.name].items():
        cur[layout.FISCAL.name][name] = [cells[0], None, *cells[2:]]  # nothing says how much was 一般公共预算
    assert _section_five(unit_folder(cur), tmp_path) == ["本单位未填报2024年度一般公共预算财政拨款支出决算表。"]
