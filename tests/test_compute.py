"""Compute: settled totals, classification trees, shares, changes."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from generator import code_files, codes
from generator.compute.change import Change, share
from generator.compute.totals import Key, Ledger, Part
from generator.compute.tree import build_tree
from generator.display import format_amount, format_percent
from generator.model import Source, SubjectRow, SubjectTable

WAN = D("0.01")
K, K2 = Key("s", "k", "c"), Key("s", "k2", "c")


def parts(*values) -> list[Part]:
    return [Part(str(i), None if v is None else D(v)) for i, v in enumerate(values)]


def test_a_residue_keeps_the_reported_total() -> None:
    ledger = Ledger(per_part=WAN)
    assert ledger.settle(K, "t", D("1239.70"), parts("1238.41", "0", "1.30")) == D("1239.70")
    s = ledger.get(K)
    assert s is not None and s.is_residue and not s.is_mismatch and s.difference == D("-0.01")


def test_a_mismatch_uses_the_sum_of_the_parts() -> None:
    ledger = Ledger(per_part=WAN)
    assert ledger.settle(K, "t", D("1300"), parts("1238.41", "1.30")) == D("1239.71")
    assert ledger.get(K).is_mismatch


def test_blank_parts_are_not_zeros() -> None:
    ledger = Ledger(per_part=WAN)
    # only one part reported: the total stands, nothing disagrees
    assert ledger.settle(K, "t", D("1548.48"), parts(None, None, "1.30")) == D("1548.48")
    assert ledger.get(K).difference is None
    # but reported parts that exceed the total do disagree
    ledger.settle(K2, "t", D("1"), parts(None, "5"))
    assert ledger.get(K2).is_mismatch


def test_no_parts_keeps_the_declared_total_and_no_total_is_the_sum() -> None:
    ledger = Ledger(per_part=WAN)
    assert ledger.settle(Key("s", "a", "c"), "t", D("5"), []) == D("5")
    assert ledger.settle(Key("s", "b", "c"), "t", None, parts("1", "2")) == D("3")
    assert ledger.settle(Key("s", "c", "c"), "t", None, []) is None


def _row(code: str | None, name: str, total: str | None) -> SubjectRow:
    return SubjectRow(
        code=code,
        name=name,
        amounts={"合计": None if total is None else D(total)},
        source=Source(file="f", sheet="s", row=0),
    )


def test_tree_derives_untyped_levels_and_settles_typed_ones() -> None:
    table = SubjectTable(
        sheet="s",
        declared_total=_row(None, "合计", "100.01"),
        rows=(_row("2101101", "行政单位医疗", "60"), _row("2101102", "事业单位医疗", "40"), _row("210", "卫生健康支出", "100")),
    )
    ledger = Ledger(per_part=WAN)
    tree = build_tree(table, ("合计",), code_files.shipped("functional"), ledger)
    assert tree.find("21011").value("合计") == D(100)  # derived 款
    assert tree.find("21011").name == "行政事业单位医疗"  # named from the code list
    assert tree.total("合计") == D("100.01")  # a one-cent residue keeps the reported total
    assert ledger.get(Key("s", "合计", "合计")).is_residue


money = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(money, min_size=1, max_size=30))
def test_shares_add_up_to_one(values: list[D]) -> None:
    total = sum(values, D(0))
    shares = [share(v, total) for v in values]
    if total:
        assert abs(sum(shares, D(0)) - 1) < D("1e-20")
    else:
        assert all(s == 0 for s in shares)


@given(st.lists(money, min_size=1, max_size=20))
def test_a_tree_without_typed_totals_sums_its_leaves(values: list[D]) -> None:
    rows = tuple(_row(f"2101{i:03d}", f"项{i}", str(v)) for i, v in enumerate(values))
    tree = build_tree(SubjectTable(sheet="s", rows=rows), ("合计",), codes.CodeList({}), Ledger(per_part=WAN))
    assert tree.total("合计") == sum(values, D(0))


@given(money, money)
def test_change_is_current_minus_base(current: D, base: D) -> None:
    c = Change(current, base)
    assert c.difference == current - base
    if base:
        assert c.rate == (current - base) / base
    else:
        assert c.rate is None


def test_display_rounding_is_half_up_and_never_negative_zero() -> None:
    assert format_amount(D("0.125")) == "0.13"
    assert format_amount(D("0.135")) == "0.14"
    assert format_amount(D("-0.001")) == "0.00"
    assert format_amount(D("1239.7")) == "1,239.70"
    assert format_percent(D("0.98730")) == "98.73%"
    assert format_percent(D("1")) == "100.00%"


def test_no_vehicle_kind_listed_is_not_zero_vehicles() -> None:
    """A 其他重要事项 without vehicle rows (the sheet left out) reports no vehicles: None, never 0 (vehicle-count-mismatch
    would otherwise say 公务用车保有量 1 against 0 listed)."""
    from generator.compute.figures import Assets

    def assets(kinds: tuple[tuple[str, D | None], ...]) -> Assets:
        return Assets(None, None, None, kinds, (), "", None)

    assert assets(()).vehicles is None
    assert assets((("其他用车", D(1)), ("执法执勤用车", None))).vehicles is None
    assert assets((("其他用车", D(1)), ("执法执勤用车", D(0)))).vehicles == 1
