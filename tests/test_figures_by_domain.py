"""Issue 23: `Figures` grouped by the domain (statement, funds, basic), one pairing of last year's
figures, and the old flat names of a user's template: aliases for one release with a warning naming the new."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from generator import api
from generator.compute.figures import Figures, compute_figures
from generator.compute.prior import PriorFigure, PriorPair
from generator.findings import Location
from generator.load.folder import load
from generator.render.document import disclosure_context
from generator.render.manifest import template_kit
from generator.render.renamed import RENAMED, current_chain, renamed_chain
from generator.render.values import Values

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


@pytest.fixture(scope="module")
def figures() -> Figures:
    loaded, _ = load(SAMPLE)
    assert loaded is not None
    return compute_figures(loaded)


@pytest.fixture(scope="module")
def frozen(figures: Figures) -> Values:
    f = disclosure_context(figures)["f"]
    assert isinstance(f, Values)
    return f


def resolve(f: Values, path: str) -> object:
    value: object = f
    for name in path.split("."):
        assert isinstance(value, Values), path
        value = value[name]
    return value


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_each_old_name_is_the_same_value_as_its_new_one(frozen: Values, old: str) -> None:
    assert frozen[old] is resolve(frozen, RENAMED[old])


def test_the_groups_hold_the_statements_and_funds(figures: Figures) -> None:
    s, funds = figures.statement, figures.funds
    assert s.income_total == Decimal("1239.70") and s.expense_this_year is not None
    assert funds.gpb.total == figures.agreed.gpb.known_total("合计")
    assert funds.gpb.share == funds.gpb.total / s.expense_this_year  # type: ignore[operator]
    assert funds.gov_fund.items == () and funds.gov_fund.is_empty
    assert figures.basic.total is not None and figures.basic.personnel_items


def test_each_comparison_with_last_year_takes_its_base_from_the_one_pairing(figures: Figures) -> None:
    pairs = figures.prior_pairs
    assert figures.statement.change is not None and figures.statement.change.base == pairs.total.base.value
    assert figures.funds.fiscal.change is not None and figures.funds.fiscal.change.base_location == pairs.fiscal.base.location
    assert figures.admin_cost is not None and figures.admin_cost.base == pairs.admin_cost.base.value
    for item in figures.funds.gpb.items:
        pair = pairs.gpb_row(item.code)
        if pair is not None:
            assert (item.change.base, item.change.base_location) == (pair.base.value, pair.base.location)
    assert figures.prior is not None and all(p.last is not None for p in (pairs.total, pairs.fiscal, pairs.admin_cost))


def test_a_pair_takes_last_years_folder_then_the_settled_total_then_the_typed_cell() -> None:
    typed, settled, last = (PriorFigure(Decimal(n), Location(cell=c)) for n, c in ((1, "A1"), (2, "A2"), (3, "A3")))
    assert PriorPair(typed, last, settled=settled).base == last
    assert PriorPair(typed, None, settled=settled).base == settled
    assert PriorPair(typed, None).base == typed


@pytest.mark.parametrize(
    "chain, expected",
    [
        ("f.gpb_total", ("f.gpb_total", "f.funds.gpb.total")),
        ("f.gov_fund.is_empty", ("f.gov_fund", "f.funds.gov_fund.is_empty")),
        ("f.gov_fund_items.budget", ("f.gov_fund_items", "f.funds.gov_fund.items.budget")),
        ("f.total_change.known", ("f.total_change", "f.statement.change.known")),
        ("f.funds.gpb.total", None),
        ("f.three_public.total", None),
        ("x.gpb_total", None),
        ("f", None),
    ],
)
def test_an_old_chain_is_named_with_its_replacement(chain: str, expected: tuple[str, str] | None) -> None:
    assert renamed_chain(chain) == expected
    assert current_chain(chain) == (expected[1] if expected else chain)


def own_template(folder: Path, paragraphs: list[str]) -> Path:
    path = folder / "我的模板.docx"
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


OLD = ["收入{{ f.income_total | amount }}万元，{{ f.total_change | change }}", "{% for i in f.gpb_items %}{{ i.name }}{% endfor %}{{ f.gpb_total | amount }}"]
NEW = [
    "收入{{ f.statement.income_total | amount }}万元，{{ f.statement.change | change }}",
    "{% for i in f.funds.gpb.items %}{{ i.name }}{% endfor %}{{ f.funds.gpb.total | amount }}",
]


def test_a_template_with_old_names_warns_once_per_name_and_needs_what_the_new_names_need(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = template_kit(own_template(tmp_path / "old", OLD)), template_kit(own_template(tmp_path / "new", NEW))
    assert new.findings == ()
    found = sorted((f.code, f.location.field, f.values["new"]) for f in old.findings)
    assert found == [
        ("template-variable-renamed", "f.gpb_items", "f.funds.gpb.items"),
        ("template-variable-renamed", "f.gpb_total", "f.funds.gpb.total"),
        ("template-variable-renamed", "f.income_total", "f.statement.income_total"),
        ("template-variable-renamed", "f.total_change", "f.statement.change"),
    ]
    assert all(f.location.file == old.template for f in old.findings)
    assert (old.cells, old.sheets, old.variables) == (new.cells, new.sheets, new.variables)


def test_generate_with_old_names_writes_the_same_document_and_says_what_to_rename(tmp_path: Path) -> None:
    from generator.render.dump import document_lines

    texts = {}
    for name, paragraphs in (("old", OLD), ("new", NEW)):
        (tmp_path / name).mkdir()
        template = own_template(tmp_path / name, paragraphs)
        generated = api.generate(SAMPLE, output=tmp_path / f"{name}.docx", template=str(template), force=True)
        assert (tmp_path / f"{name}.docx").is_file()
        texts[name] = "\n".join(document_lines(tmp_path / f"{name}.docx"))
        renamed = {f.location.field for f in generated.findings if f.code == "template-variable-renamed"}
        assert renamed == (set() if name == "new" else {"f.income_total", "f.total_change", "f.gpb_items", "f.gpb_total"})
    assert texts["old"] == texts["new"] and "1,239.70" in texts["new"]
