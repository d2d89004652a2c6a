"""A corpus of real shapes (issue 18): every combination a real unit comes in, in every shipped template.

Each corpus unit is a synthetic unit (seeded) made into one or more of the shapes of
`synthetic.shapes` (new unit, 三公 budget without spending, all-zero sections, zero rows blank,
counts 0, mixed 行政/事业 department, several 部门决算单位, tiny unit, optional files absent, 元,
only 政府性基金 spending, long texts). The units are consistent, so `check` must find no error in them; and each is
generated in every shipped template, in-process (check once per template, render the .docx bytes,
read them back as a reader does), and the document must have:

- no empty or dangling clause ("占；", "其中：。", "为万元", "主要原因是：。", …);
- no figure printed that nobody entered (no 0.00 where the inputs are blank);
- every table re-adding as printed, and every figure printed twice printed the same
  (tests/test_table_readd.check_document: tables against tables and against sentences);
- and, for every third unit, nothing that `juesuan verify` reports when it reads the saved .docx.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

import synthetic
from generator import api
from generator.check import Settings, run_checks
from generator.findings import Severity
from generator.verify import verify_document
from synthetic.shapes import SHAPES
from tests.docx_tables import read_document_fast
from tests.test_blanking import EMPTY_CLAUSE, NO_AMOUNT
from tests.test_table_readd import Document, check_document

TEMPLATES = ("xinjiang-2024", "shanghai-2024")
SEED = 18
UNITS = int(__import__("os").environ.get("CORPUS_UNITS", "204"))
EVALUATED = 4  # every 4th unit has a 绩效自评表
VERIFIED = 3  # every 3rd unit's documents are also read back by `juesuan verify` (it must find nothing)
SIZE = synthetic.Size(items=8, projects=1)  # the shape, not the length, is under test
# What a real published document never holds, beyond the blanking test's empty clauses: a share
# with no figure ("占；"), a reason with nothing after it, an amount-less "为万元", "完成…的%".
BROKEN = re.compile(r"占[；。，]|原因(?:是|为)?：[。；]|为万元|的%|[^0-9.]%|，占。|（）|“”")
# A sub-heading ("（二）…") directly followed by another heading: a section printed with nothing under it.
SUB_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")
HEADING = re.compile(r"^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、|^第[一二三四五六]部分")


def empty_headings(paragraphs: list[str]) -> list[str]:
    """Each sub-heading with nothing under it: the next paragraph is a heading, or there is none."""
    lines = [p.strip() for p in paragraphs if p.strip()]
    return [a for a, b in zip(lines, [*lines[1:], ""], strict=True) if SUB_HEADING.match(a) and (not b or HEADING.match(b))]


# What the document of a unit of a shape must say (REQUIRED) and must not (FORBIDDEN), per template
# (None: every template): the official wording of each shape (issue 18).
ALL = None
REQUIRED: dict[str, list[tuple[str | None, str]]] = {
    "three-public-budget-only": [("shanghai-2024", "年度无“三公”经费财政拨款支出。")],
    "zero-sections": [("shanghai-2024", "年度无“三公”经费财政拨款支出。")],
    "zero-blank": [(ALL, r"财政拨款收入[\d,]+\.\d\d万元，占")],
    "counts-zero": [  # (the 三公 counts: not where the whole 三公 section is the one sentence of no spending)
        ("shanghai-2024", "全年安排因公出国（境）团组0个、累计0人次|年度无“三公”经费财政拨款支出。"),
        ("shanghai-2024", "接待外宾0批次、0人次|年度无“三公”经费财政拨款支出。"),
        ("shanghai-2024", "共有车辆0辆，其中：副部（省）级及以上领导用车0辆"),
        ("xinjiang-2024", "团组0个，因公出国（境）0人次"),
    ],
    "gov-fund-only": [  # the whole of 五 is the one sentence (no empty （二）（三） headings), and so is 六
        (ALL, "五、一般公共预算财政拨款支出决算情况说明\n[^\n]*年度无一般公共预算财政拨款支出。\n六、"),
        (ALL, "年度无一般公共预算财政拨款基本支出。"),
    ],
    "stated-totals": [("xinjiang-2024", r"政府采购支出总额[\d,]+\.\d\d万元")],
    "new-unit": [("shanghai-2024", "一般公共预算财政拨款支出全年预算为"), ("xinjiang-2024", "一般公共预算财政拨款支出[^\n]*与全年预算相比")],
    "optional-absent": [  # the two fund sheets left out of the workbook: read as empty tables, worded so
        ("xinjiang-2024", "政府性基金预算财政拨款收入支出决算表为空表。"),
        ("xinjiang-2024", "国有资本经营预算财政拨款收入支出决算表为空表。"),
        ("shanghai-2024", "没有政府性基金预算财政拨款收入和支出，故本表无数据。"),
        ("shanghai-2024", "没有国有资本经营预算财政拨款收入和支出，故本表无数据。"),
    ],
}
FORBIDDEN: dict[str, list[tuple[str | None, str]]] = {
    "gov-fund-only": [(ALL, "未填报[^。]*一般公共预算")],
    "new-unit": [
        (ALL, "一般公共预算财政拨款支出年初预算为0.00万元"),
        (ALL, "一般公共预算财政拨款支出[^\n]*与年初预算相比，年初预算数0.00万元"),
        (ALL, "完成年初预算的"),
    ],
}


# A shape whose requirements another shape of the unit takes away (a new unit with no 一般公共预算 money
# has no 一般公共预算 budget sentence).
UNLESS = {"new-unit": {"gov-fund-only"}, "optional-absent": {"gov-fund-only"}}


def expectations(shapes: tuple[str, ...], template: str, text: str) -> list[str]:
    """What the document TEXT of a unit of SHAPES in TEMPLATE misses or wrongly says."""
    out = []
    for shape in shapes:
        if UNLESS.get(shape, set()) & set(shapes):
            continue
        out += [f"{shape}: missing /{p}/" for t, p in REQUIRED.get(shape, []) if t in (ALL, template) and not re.search(p, text)]
        out += [f"{shape}: says /{p}/" for t, p in FORBIDDEN.get(shape, []) if t in (ALL, template) and re.search(p, text)]
    return out


def corpus() -> list[tuple[int, tuple[str, ...]]]:
    """(index, shapes) of each corpus unit: each shape alone, then seeded combinations of two or three."""
    names = [s.name for s in SHAPES]
    out = [(i + 1, (name,)) for i, name in enumerate(names)]
    rng = random.Random(f"corpus:{SEED}")
    while len(out) < UNITS:
        out.append((len(out) + 1, tuple(sorted(rng.sample(names, rng.choice((1, 2, 2, 3)))))))
    return out


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[int, tuple[str, ...], Path]]:
    root = tmp_path_factory.mktemp("corpus")
    tables = synthetic.code_tables()
    out = []
    for index, shapes in corpus():
        unit = synthetic.draw_unit(index, SEED, prior=index % 3 == 0, size=SIZE, tables=tables, shapes=shapes)
        years = [unit.current] + ([unit.prior] if unit.prior is not None else [])
        for unit_year in years:
            if index % EVALUATED:  # the 绩效自评表 is not under test here, and costs as much to write as the rest
                unit_year.absent = (*unit_year.absent, synthetic.SELF_EVALUATION)
            folder = root / f"unit-{index:03d}" / str(unit_year.year)
            folder.mkdir(parents=True)
            for name, data in synthetic.files(unit_year).items():
                (folder / name).write_bytes(data)
        out.append((index, shapes, root / f"unit-{index:03d}" / str(unit.current.year)))
    return out


def test_the_corpus_covers_every_shape() -> None:
    units = corpus()
    assert len(units) >= 200
    seen = Counter(name for _, shapes in units for name in shapes)
    assert set(seen) == {s.name for s in SHAPES}
    assert min(seen.values()) >= 10


@pytest.mark.slow  # 200+ unit-years checked and rendered in every template: the heaviest test
def test_every_corpus_unit_checks_clean_and_reads_whole_in_every_template(written: list[tuple[int, tuple[str, ...], Path]]) -> None:
    problems: list[str] = []
    documents = 0
    for index, shapes, folder in written:
        checked = api.check_folder(folder, Settings(template=TEMPLATES[0]))
        assert checked.figures is not None, [str(f) for f in checked.findings]
        for template in TEMPLATES:
            at = f"unit {index} {shapes} [{template}]"
            # load and compute once; the checks as each template is checked (as generate --template does)
            findings = list(checked.findings) if template == TEMPLATES[0] else run_checks(checked.figures, Settings(template=template))
            errors = [f for f in findings if f.severity is Severity.ERROR]
            problems += [f"{at}: false error {f.code} at {f.location}: {f.message}" for f in errors]
            data, render_findings = api.render_checked(checked, template)
            assert data is not None, render_findings
            tables, paragraphs = read_document_fast(data)
            documents += 1
            cells = [cell for table in tables for row in table for cell in row]
            for line in paragraphs + cells:
                if EMPTY_CLAUSE.search(line) or BROKEN.search(line):
                    problems.append(f"{at}: broken clause in «{line}»")
                elif NO_AMOUNT.search(line):
                    problems.append(f"{at}: amount left empty in «{line}»")
            problems += [f"{at}: {e}" for e in expectations(shapes, template, "\n".join(paragraphs))]
            problems += [f"{at}: heading with nothing under it «{h}»" for h in empty_headings(paragraphs)]
            reported = {f.location.sheet for f in findings if f.location.sheet and f.code in _WITHIN}
            crossed = {f.location.sheet for f in findings if f.location.sheet and f.code == "cross-table-mismatch"}
            if index % VERIFIED == 0:
                saved = folder.parent / f"{template}.docx"
                saved.write_bytes(data)
                said, _ = verify_document(saved)
                problems += [f"{at}: verify {f.code} at {f.location}: {f.message}" for f in said if f.severity is not Severity.INFO]
            doc = Document(at, tables, paragraphs, reported, crossed)
            try:
                check_document(doc)
            except AssertionError as exc:
                problems.append(f"{at}: {exc}")
            problems += [f"{at}: {failure}" for failure in doc.failures]
    assert documents == len(written) * len(TEMPLATES)
    assert problems == [], "\n".join(problems[:60]) + f"\n… {len(problems)} in all"


_WITHIN = {"rounding-residue", "total-mismatch", "row-total-mismatch", "personnel-public-mismatch", "income-expense-unbalanced"}


UNIT_EVERY = 6  # every 6th unit is also written as a 单位决算 (the 单位 template differs only in its wording)


def test_corpus_units_written_as_a_unit_document_read_as_one(written: list[tuple[int, tuple[str, ...], Path]]) -> None:
    """shanghai-2024-unit: whole clauses, and 部门 only where it names someone else (财政部门, 主管部门, 上级部门)
    or in a text a person wrote that `check` names (level-wording-mixed: the synthetic 新设立 reason says 本部门)."""
    problems: list[str] = []
    for index, shapes, folder in written[::UNIT_EVERY]:
        checked = api.check_folder(folder, Settings(template="shanghai-2024-unit"))
        assert checked.figures is not None and not checked.has_errors, [str(f) for f in checked.findings]
        data, render_findings = api.render_checked(checked, "shanghai-2024-unit")
        assert data is not None, render_findings
        named = [f.values["text"].rstrip("。") for f in checked.findings if f.code == "level-wording-mixed"]
        tables, paragraphs = read_document_fast(data)
        for line in paragraphs + [cell for table in tables for row in table for cell in row]:
            if EMPTY_CLAUSE.search(line) or BROKEN.search(line):
                problems.append(f"unit {index} {shapes}: broken clause in «{line}»")
            others = re.sub("财政部门|主管部门|上级部门", "", line)
            if ("部门" in others and not any(text in line for text in named)) or "单位构成" in line:
                problems.append(f"unit {index} {shapes}: 部门 wording in «{line}»")
    assert problems == [], "\n".join(problems[:40])
