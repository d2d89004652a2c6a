"""The self-evaluation's check rules: overrides, printed figures, weights, funds, texts, and its figures typed twice.

Rules of the one registry (generator.check.RULES), each declaring with `@emits` the codes it emits, so that
`check --only/--skip CODE` choose them and the coverage ledger lists each: passed, failed, not applicable (no
绩效自评表.xlsx, or no table in it), or could not run (the workbook or the profile could not be read: why).
Most are a small function over one table, run over every table (unit-wide first) by `each_table`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from generator import layout
from generator.check.context import CheckContext, CouldNotRun
from generator.check.rule import CheckRule, NotApplicable, Rule, emits
from generator.compute.figures import Figures, PerformanceFacts
from generator.compute.self_evaluation.compare import tier_of
from generator.compute.self_evaluation.score import (
    FUNDS_TOTAL,
    ScoredIndicator,
    ScoredSelfEvaluation,
    ScoredTable,
    funds_settlements,
)
from generator.compute.self_evaluation.stage import SelfEvaluationFigures
from generator.compute.totals import part_tolerance
from generator.display import format_amount, format_percent, format_plain, more_or_less, round_half_up
from generator.findings import Finding, Location, emit
from generator.residue import placeholder_in, repetition_in
from generator.self_evaluation.layout import WORKBOOK_NAME
from generator.self_evaluation.model import FundsLine
from generator.self_evaluation.profile import Profile

TableCheck = Callable[[ScoredTable, Profile], Iterable[Finding]]
_HUNDRED = Decimal(100)
RULE_PREFIX = "self_evaluation."  # the self-evaluation rules' names in the coverage ledger (self_evaluation.check_funds)
NEEDS = (WORKBOOK_NAME,)


def _scored(ctx: CheckContext) -> ScoredSelfEvaluation:
    """The scored 绩效自评表, or why the rule does not apply (none in the folder) or could not run (unreadable)."""
    stage = ctx.self_evaluation
    if stage is None or stage.absent:
        raise NotApplicable(f"数据文件夹中没有{WORKBOOK_NAME}")
    if stage.scored is None:
        raise CouldNotRun(stage.unreadable or f"{WORKBOOK_NAME}无法读取")
    return stage.scored


def _tables(ctx: CheckContext) -> tuple[list[ScoredTable], Profile]:
    scored = _scored(ctx)
    tables = ([scored.unit] if scored.unit is not None else []) + list(scored.projects)
    if not tables:
        raise NotApplicable(f"{WORKBOOK_NAME}中没有自评表")
    return tables, scored.profile


def _rule(*codes: str, needs: tuple[str, ...] = NEEDS) -> Callable[[Rule], CheckRule]:
    """`@emits`, the rule named in the ledger with RULE_PREFIX (apart from the disclosure's rules of the same name)."""

    def declare(run: Rule) -> CheckRule:
        run.__name__ = RULE_PREFIX + run.__name__
        return emits(*codes, needs=needs)(run)

    return declare


def each_table(*codes: str) -> Callable[[TableCheck], CheckRule]:
    """A rule that runs CHECK over every table (unit-wide first), emitting CODES."""

    def declare(check: TableCheck) -> CheckRule:
        def run(ctx: CheckContext) -> Iterator[Finding]:
            tables, profile = _tables(ctx)
            for table in tables:
                yield from check(table, profile)

        run.__name__ = RULE_PREFIX + check.__name__
        return CheckRule(run, codes, NEEDS)

    return declare


def check_self_evaluation(scored: ScoredSelfEvaluation) -> list[Finding]:
    """All findings of the self-evaluation rules about SCORED (those of its tables; no figures to compare with)."""
    from generator.check import run_rules

    return run_rules(None, rules=SELF_EVALUATION_RULES, self_evaluation=SelfEvaluationFigures(scored)).findings


def _title(table: ScoredTable) -> str:
    return f"项目「{table.name}」" if table.kind == "project" else "整体支出绩效自评表"


def _way(printed: Decimal, computed: Decimal) -> dict[str, Any]:
    """The words of "印刷值多 0.03": which way the printed figure is off, and by how much."""
    difference = printed - computed
    return {"direction": more_or_less(difference), "difference_text": format_plain(abs(difference))}


# -- per indicator ---------------------------------------------------------------------------------


@each_table("actual-incomparable", "actual-not-applicable", "percent-as-fraction", "qualitative-actual-unclear", "rule-unknown", "target-operator-read", "unit-converted", "unit-mismatch", "unit-missing")
def check_scoring_problems(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """Problems met while scoring: unknown 赋分规则, units, values that cannot be compared."""
    for scored in table.indicators:
        yield from scored.problems


@each_table("score-override", "score-override-no-reason", "score-override-out-of-range", "score-override-outside-tier")
def check_overrides(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    for scored in table.indicators:
        override = scored.indicator.override
        if override is None:
            continue
        rule = "无法按规则计分" if scored.rule_score is None else f"规则得分 {format_plain(scored.rule_score)}"
        values: dict[str, Any] = {"indicator": scored.indicator.level3, "override": override.score, "rule_score": scored.rule_score, "reason": override.reason}
        shown = format_plain(override.score)
        code = "score-override" if override.reason else "score-override-no-reason"
        yield emit(code, override.location, override_text=shown, rule=rule, **values)
        weight = scored.indicator.weight
        if weight is not None and not Decimal(0) <= override.score <= weight:
            yield emit("score-override-out-of-range", override.location, override_text=shown, weight_text=format_plain(weight), **values)
        yield from _override_tier(scored, profile)


def _override_tier(scored: ScoredIndicator, profile: Profile) -> Iterable[Finding]:
    """A qualitative indicator's 手工得分 should stay within its tier (宁夏: 100–80%, 80–50%, 50–0%)."""
    indicator = scored.indicator
    override, target, actual, weight = indicator.override, indicator.target, indicator.actual, indicator.weight
    if override is None or weight is None or target is None or actual is None or actual.kind != "words":
        return
    tier = tier_of(actual.words, target.words, profile.qualitative_tiers)
    if tier is None:
        return
    low, high = tier.min_fraction * weight, tier.max_fraction * weight
    if not low <= override.score <= high:
        yield emit(
            "score-override-outside-tier",
            override.location,
            low=low,
            high=high,
            override=override.score,
            indicator=indicator.level3,
            actual=actual.text,
            tier=tier.label,
            low_text=format_plain(low),
            high_text=format_plain(high),
            override_text=format_plain(override.score),
        )


@each_table("printed-rate-differs", "printed-score-differs")
def check_printed_indicators(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """Printed 完成率 and 得分 against what the profile gives, at the printed cell."""
    for scored in table.indicators:
        indicator = scored.indicator
        if indicator.printed_rate is not None and scored.rate is not None:
            # at the precision printed: "35%" is 34.61% printed whole, "35.00%" is not
            computed = round_half_up(scored.rate * _HUNDRED, min(_decimals(indicator.printed_rate), 2))
            if indicator.printed_rate != computed:
                yield emit(
                    "printed-rate-differs",
                    indicator.cells.get("印刷完成率", indicator.row),
                    indicator=indicator.level3,
                    stated=indicator.printed_rate,
                    expected=computed,
                    stated_text=format_plain(indicator.printed_rate),
                    rate_text=format_percent(scored.rate),
                    actual=indicator.actual_text,
                    target=indicator.target_text,
                    **_way(indicator.printed_rate, computed),
                )
        if indicator.printed_score is not None and (scored.rule_score is not None or indicator.override is not None):
            computed = round_half_up(scored.score)
            if round_half_up(indicator.printed_score) != computed:
                yield emit(
                    "printed-score-differs",
                    indicator.cells.get("印刷得分", indicator.row),
                    indicator=indicator.level3,
                    stated=indicator.printed_score,
                    expected=computed,
                    stated_text=format_plain(indicator.printed_score),
                    expected_text=format_plain(computed),
                    formula=scored.formula,
                    profile=profile.name,
                    **_way(indicator.printed_score, computed),
                )


@each_table("printed-coefficient-score-differs", "printed-coefficient-differs")
def check_printed_coefficients(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A printed 得分系数（%）against the printed 指标得分 (系数 × 权重) and against the coefficient scored.

    Each comparison allows for the rounding of what was printed: half a unit of the coefficient's
    last printed decimal (times 权重) and half a cent of the score.
    """
    for scored in table.indicators:
        indicator = scored.indicator
        printed, weight = indicator.printed_coefficient, indicator.weight
        if printed is None or weight is None or not scored.applicable:
            continue
        where = indicator.cells.get("得分系数", indicator.row)
        places = _decimals(printed)
        step = Decimal(1).scaleb(-places)  # 0.01 for 66.67, 1 for 67
        if indicator.printed_score is not None:
            product = printed * weight / _HUNDRED
            if abs(product - indicator.printed_score) > step / 2 * weight / _HUNDRED + Decimal("0.005"):
                yield emit(
                    "printed-coefficient-score-differs",
                    where,
                    indicator=indicator.level3,
                    stated=indicator.printed_score,
                    expected=round_half_up(product),
                    coefficient_text=format_plain(printed),
                    weight_text=format_plain(weight),
                    product_text=format_plain(product),
                    stated_text=format_plain(indicator.printed_score),
                    **_way(indicator.printed_score, round_half_up(product)),
                )
        if scored.rule_score is None and indicator.override is None:
            continue  # unscored: its cells have their own findings
        computed = scored.coefficient if scored.coefficient is not None and indicator.override is None else scored.score / weight * _HUNDRED
        if round_half_up(printed, places) != round_half_up(computed, places):
            yield emit(
                "printed-coefficient-differs",
                where,
                indicator=indicator.level3,
                stated=printed,
                expected=round_half_up(computed, places),
                stated_text=format_plain(printed),
                computed_text=format_plain(computed),
                score_text=format_plain(scored.score),
                weight_text=format_plain(weight),
                formula=scored.formula,
                profile=profile.name,
                **_way(printed, round_half_up(computed, places)),
            )


def _decimals(value: Decimal) -> int:
    """How many decimals a printed number shows: 2 for 66.67, 0 for 67 (and for 6.7E+1)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# -- per table -------------------------------------------------------------------------------------


@each_table("printed-execution-rate-differs", "printed-execution-score-differs", "printed-total-differs")
def check_printed_table(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """Printed 执行率, 执行率得分 and 总分 against ours."""
    printed, cells = table.table.printed, table.table.printed.cells
    where = table.table.row
    if printed.execution_rate is not None and table.execution_rate is not None:
        computed = round_half_up(table.execution_rate * _HUNDRED, min(_decimals(printed.execution_rate), 2))  # at the printed precision
        if printed.execution_rate != computed:
            yield emit(
                "printed-execution-rate-differs",
                cells.get("印刷执行率", where),
                stated=printed.execution_rate,
                expected=computed,
                table=_title(table),
                stated_text=format_plain(printed.execution_rate),
                rate_text=format_percent(table.execution_rate),
                executed_text=format_amount(table.funds.executed),
                budget_text=format_amount(table.funds.annual_budget),
            )
    if printed.execution_score is not None:
        computed = round_half_up(table.execution_score)
        if round_half_up(printed.execution_score) != computed:
            mode = profile.execution.project if table.kind == "project" else profile.execution.unit
            how = "分值×执行率" if mode == "proportional" else "满分"
            yield emit(
                "printed-execution-score-differs",
                cells.get("印刷执行率得分", where),
                stated=printed.execution_score,
                expected=computed,
                table=_title(table),
                stated_text=format_plain(printed.execution_score),
                profile=profile.name,
                how=how,
                expected_text=format_plain(computed),
                **_way(printed.execution_score, computed),
            )
    if printed.total is not None and not table.provisional:  # a provisional total has its own finding (total-provisional)
        computed = round_half_up(table.total)
        if round_half_up(printed.total) != computed:
            yield emit(
                "printed-total-differs",
                cells.get("印刷总分", where),
                stated=printed.total,
                expected=computed,
                table=_title(table),
                stated_text=format_plain(printed.total),
                expected_text=format_plain(computed),
                **_way(printed.total, computed),
            )


@each_table("printed-parts-total-differs")
def check_printed_parts(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """The printed 总分 equals the printed parts (执行率得分 + each 得分), whichever side is wrong.

    A blank 执行率得分 cell beside a printed total is counted as missing: parts 88 against a printed
    98 is reported, not silently completed.
    """
    printed = table.table.printed
    scores = [i.printed_score for i in table.table.indicators if i.printed_score is not None]
    if printed.total is None or not scores or len(scores) != sum(1 for s in table.indicators if s.applicable):
        return
    parts = sum(scores, Decimal(0)) + (printed.execution_score or Decimal(0))
    if round_half_up(parts) == round_half_up(printed.total):
        return
    blank = "（印刷执行率得分空白，按 0 计）" if printed.execution_score is None else ""
    yield emit(
        "printed-parts-total-differs",
        printed.cells.get("印刷总分", table.table.row),
        stated=printed.total,
        expected=parts,
        table=_title(table),
        stated_text=format_plain(printed.total),
        expected_text=format_plain(parts),
        blank=blank,
        **_way(printed.total, parts),
    )


@each_table("printed-grade-differs")
def check_printed_grade(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A printed 等级 is the band of the total (the printed one when there is one) under the profile."""
    printed = table.table.printed
    if not printed.grade:
        return
    total = printed.total if printed.total is not None else table.total
    expected = profile.grade_for(total)
    names = [grade.label for grade in profile.grades]
    if printed.grade == expected:
        return
    bands = "、".join(f"{g.label}≥{format_plain(g.min_total)}" for g in profile.grades) or "（评分规则未定义等级）"
    yield emit(
        "printed-grade-differs",
        printed.cells.get("印刷等级", table.table.row),
        stated=printed.grade,
        expected=expected,
        total=total,
        table=_title(table),
        total_text=format_plain(total),
        profile=profile.name,
        expected_text=expected or "无",
        bands=bands,
        unknown="" if printed.grade in names else "；该等级名称不在评分规则中",
    )


@each_table("stated-weight-mismatch")
def check_stated_weights(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A weight stated in a group's name ("产出指标（50分）") equals the Σ of its rows' weights."""
    groups: dict[tuple[str, str], tuple[Decimal, list[ScoredIndicator]]] = {}
    for scored in table.indicators:
        indicator = scored.indicator
        for level, name, stated in (
            ("一级指标", indicator.level1, indicator.level1_weight),
            ("二级指标", f"{indicator.level1}/{indicator.level2}", indicator.level2_weight),
        ):
            if stated is not None:
                groups.setdefault((level, name), (stated, []))[1].append(scored)
    for (level, name), (stated, rows) in groups.items():
        weights = [s.indicator.weight for s in rows if s.applicable]
        if any(w is None for w in weights):
            continue
        summed = sum((w for w in weights if w is not None), Decimal(0))
        if summed == stated:
            continue
        first = rows[0].indicator
        yield emit(
            "stated-weight-mismatch",
            first.cells.get(level, first.row),
            stated=stated,
            expected=summed,
            table=_title(table),
            level=level,
            group=name.split("/")[-1],
            stated_text=format_plain(stated),
            expected_text=format_plain(summed),
            direction=more_or_less(summed - stated),
            difference_text=format_plain(abs(summed - stated)),
        )


@each_table("weight-total-mismatch", "execution-weight-mismatch")
def check_weights(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """Indicator weights add to 90 and the 执行率 分值 is 10 (or what the profile says)."""
    indicators = table.table.indicators
    if indicators and all(i.weight is not None for i in indicators) and table.weight_sum != profile.indicator_weight_total:
        difference = table.weight_sum - profile.indicator_weight_total
        yield emit(
            "weight-total-mismatch",
            indicators[0].cells.get("权重", indicators[0].row),
            stated=table.weight_sum,
            expected=profile.indicator_weight_total,
            table=_title(table),
            stated_text=format_plain(table.weight_sum),
            expected_text=format_plain(profile.indicator_weight_total),
            execution_text=format_plain(profile.execution_weight),
            direction=more_or_less(difference),
            difference_text=format_plain(abs(difference)),
        )
    typed = table.table.execution_weight
    if typed is not None and typed != profile.execution_weight:
        yield emit(
            "execution-weight-mismatch",
            table.table.printed.cells.get("分值", table.table.row),
            stated=typed,
            expected=profile.execution_weight,
            table=_title(table),
            stated_text=format_plain(typed),
            profile=profile.name,
            expected_text=format_plain(profile.execution_weight),
        )


@each_table("funds-total-mismatch", "funds-total-rounding", "executed-exceeds-budget", "annual-budget-missing")
def check_funds(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """Each typed total (and each 财政拨款 with its 其中 rows) equals Σ parts within the 尾差 of the
    sheet's unit; 执行数 stays within 全年预算数 per source; a budget exists."""
    funds = table.table.funds
    lines = ([funds.total] if funds.total is not None else []) + list(funds.sources)
    for key, settlement in funds_settlements(funds).items():
        header = key.column
        if any(header in line.unreadable for line in lines):
            continue  # an unreadable cell is reported where it is; a sum without it would only echo it
        if not (settlement.is_residue or settlement.is_mismatch):
            continue
        typed, summed, difference = settlement.declared, settlement.parts_sum, settlement.difference
        assert typed is not None and summed is not None and difference is not None
        of_source = key.row != FUNDS_TOTAL  # a source against its 其中 rows
        words: dict[str, Any] = {
            "table": _title(table),
            "line": settlement.label,
            "stated_text": format_amount(typed),
            "parts": "其中各项" if of_source else "各资金来源",
            "expected_text": format_amount(summed),
            "direction": more_or_less(difference),
            "difference_text": format_amount(abs(difference)),
        }
        values: dict[str, Any] = {"stated": typed, "expected": summed, "difference": difference, "tolerance": settlement.tolerance}
        where = settlement.location or table.table.row
        if settlement.is_residue:
            yield emit("funds-total-rounding", where, **values, **words)
        else:
            yield emit("funds-total-mismatch", where, note="" if of_source else "（按各项合计计算执行率）", **values, **words)
    for line in ([funds.total] if funds.total is not None else []) + list(funds.sources):
        yield from _over_budget(table, line)
    if table.funds.annual_budget <= 0 and not table.funds_unreadable:
        where = funds.total.cells.get("全年预算数", table.table.row) if funds.total is not None else table.table.row
        yield emit("annual-budget-missing", where, annual_budget=table.funds.annual_budget, table=_title(table))


def _over_budget(table: ScoredTable, line: FundsLine) -> Iterable[Finding]:
    if line.executed is not None and line.annual_budget is not None and line.executed > line.annual_budget:
        where: Location = line.cells.get("全年执行数", table.table.row)
        yield emit(
            "executed-exceeds-budget",
            where,
            source=line.source,
            executed=line.executed,
            annual_budget=line.annual_budget,
            table=_title(table),
            executed_text=format_amount(line.executed),
            budget_text=format_amount(line.annual_budget),
            over_text=format_amount(line.executed - line.annual_budget),
        )


@each_table("total-provisional")
def check_provisional(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A total that counts unreadable indicators as 0 is provisional until they are corrected."""
    unscored = [s for s in table.indicators if s.unscored]
    if not unscored and not table.funds_unreadable:
        return
    parts = [f"{'、'.join(f'「{s.indicator.level3}」' for s in unscored)}无法计分，暂按 0 分计入"] if unscored else []
    if table.funds_unreadable:
        parts.append("资金金额有无法读取的单元格，执行率按其余金额计算")
    yield emit(
        "total-provisional",
        table.table.row,
        total=table.total,
        unscored=[s.indicator.level3 for s in unscored],
        table=_title(table),
        total_text=format_plain(table.total),
        why="；".join(parts),
    )


@each_table("text-placeholder", "text-markup", "text-repeated")
def check_written_texts(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """The texts a person wrote into the table, printed as written: no template residue, no doubled marks or words."""
    t = table.table
    texts: list[tuple[str, str, Location]] = [
        (header, text, t.printed.cells.get(header) or t.row)
        for header, text in (("年度总体目标（预期目标）", t.goal_expected), ("年度总体目标（实际完成情况）", t.goal_actual))
    ]
    for scored in table.indicators:
        ind = scored.indicator
        fields = (
            ("三级指标", ind.level3), ("目标值", ind.target_text), ("完成值", ind.actual_text), ("指标值设定依据", ind.basis),
            ("上年完成情况", ind.last_year), ("佐证资料", ind.evidence), ("偏差原因分析及改进措施", ind.deviation),
        )
        texts += [(header, text, ind.cells.get(header) or ind.row) for header, text in fields]
        if ind.override is not None:
            texts.append(("手工得分原因", ind.override.reason, ind.override.location))
    for header, text, where in texts:
        if not text:
            continue
        label = f"{_title(table)}的「{header}」"
        found = placeholder_in(text)
        if found is not None:
            yield emit("text-placeholder", where, found=found, text=text, label=label, document="自评表")
        markup = _MARKUP.search(text)
        if markup is not None:
            yield emit("text-markup", where, found=markup.group(0), text=text, label=label)
        repeated = repetition_in(text)
        if repeated is not None:
            yield emit("text-repeated", where, found=repeated, text=text, label=label)


# -- what inspectors of these tables look for ------------------------------------------------------

# The 一级指标 every project table should have (财政部 共性指标框架: 产出, 效益, 满意度; 成本 from 2021 on is optional).
INDICATOR_CLASSES = ("产出", "效益", "满意度")
DEVIATION = "偏差原因分析及改进措施"
# HTML left in a text pasted from a web form ("<p>…</p>", "<br/>", "&nbsp;"): printed as is, it is not what was meant.
_MARKUP = re.compile(r"</?\s*[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>|&(nbsp|lt|gt|amp|quot|#\d+);")


@each_table("deviation-reason-missing")
def check_deviation_reasons(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A target missed needs its 偏差原因分析及改进措施 (宁夏 注4; review tools for these tables require it).

    Only where the sheet has that column: a form without one (the unit-wide sheet) cannot hold it.
    """
    for scored in table.indicators:
        indicator = scored.indicator
        if scored.met is not False or not scored.applicable or indicator.deviation.strip() or DEVIATION not in indicator.cells:
            continue
        yield emit(
            "deviation-reason-missing",
            indicator.cells[DEVIATION],
            indicator=indicator.level3,
            target=indicator.target_text,
            actual=indicator.actual_text,
            table=_title(table),
        )


@each_table("indicator-class-missing")
def check_indicator_classes(table: ScoredTable, profile: Profile) -> Iterable[Finding]:
    """A project table's indicators cover 产出, 效益 and 满意度 (the unit-wide form has its own classes: 履职效能…)."""
    if table.kind != "project" or not table.indicators:
        return
    present = {s.indicator.level1 for s in table.indicators}
    missing = [name for name in INDICATOR_CLASSES if not any(name in level1 for level1 in present)]
    if missing:
        yield emit(
            "indicator-class-missing",
            table.table.indicators[0].cells.get("一级指标", table.table.row),
            missing=missing,
            table=_title(table),
            missing_text="、".join(f"「{name}指标」" for name in missing),
            present="、".join(sorted(present)),
        )


@_rule("execution-full-marks")
def check_execution_full_marks(ctx: CheckContext) -> Iterable[Finding]:
    """A profile that gives 执行率得分 in full at any rate says so, once, where a rate is short of 100%."""
    tables, profile = _tables(ctx)
    return _full_marks(tables, profile)


def _full_marks(tables: list[ScoredTable], profile: Profile) -> Iterable[Finding]:
    short = [
        t
        for t in tables
        if (profile.execution.project if t.kind == "project" else profile.execution.unit) == "full"
        and t.execution_rate is not None
        and t.execution_rate < 1
    ]
    if not short:
        return
    lowest = min(short, key=lambda t: t.execution_rate or 0)
    rate = lowest.execution_rate
    assert rate is not None
    named = "、".join(f"{_title(t)} {format_percent(t.execution_rate)}" for t in short[:5]) + ("等" if len(short) > 5 else "")
    yield emit(
        "execution-full-marks",
        lowest.table.printed.cells.get("印刷执行率得分", lowest.table.row),
        named=named,
        lowest=_title(lowest),
        proportional_text=format_plain(round_half_up(lowest.execution_weight * rate)),
        tables=len(short),
        rate=rate,
        score=lowest.execution_weight,
        proportional=lowest.execution_weight * rate,
        profile=profile.name,
    )



# -- the 自评 figures typed in 其他重要事项 against the tables' -----------------------------------------------

# (name of the 其他重要事项 row, PerformanceFacts field, how it is compared)
_COMPARED = (
    ("绩效自评项目数", "evaluated", "count"),
    ("绩效自评项目金额", "evaluated_amount", "amount"),
    ("绩效自评平均分", "average_score", "printed"),
)


@_rule("performance-figure-mismatch", "performance-figure-rounding", needs=(layout.OTHER_MATTERS.name, WORKBOOK_NAME))
def check_performance_figures(ctx: CheckContext) -> Iterable[Finding]:
    """Each 自评 figure typed in 其他重要事项 (项目数, 金额, 平均分, 项目数 per 等级) against the tables' (which the
    document prints), like any figure stated in two places: at the typed cell."""
    scored = _scored(ctx)
    stage = ctx.self_evaluation
    if not scored.projects or stage is None or stage.typed is None:
        raise NotApplicable(f"{WORKBOOK_NAME}中没有项目支出绩效自评表：公开说明用填写的数")
    figures = ctx.figures
    return _differences(figures, stage.typed, figures.performance, scored.evaluation.source)


def _differences(figures: Figures, typed: PerformanceFacts, settled: PerformanceFacts, workbook: str) -> list[Finding]:
    table = figures.base.item(layout.OTHER_MATTERS.name)
    found: list[Finding] = []

    def where(name: str) -> Location:
        row = table.get(name)
        return row.source.at("本年数") if row is not None else Location(file=workbook)

    evaluated = int(settled.evaluated or 0)
    for name, field, how in _COMPARED:
        stated, computed = getattr(typed, field), getattr(settled, field)
        if stated is None or computed is None:
            continue
        tolerance = part_tolerance(figures.declared_unit) * max(1, evaluated)
        finding = _compare(name, stated, computed, how, where(name), workbook, tolerance)
        if finding is not None:
            found.append(finding)
    counted = dict(settled.grades)
    for label, stated in typed.grades:
        computed = counted.get(label)
        if stated is None or computed is None:
            continue
        name = f"绩效评级为{label}的项目数"
        finding = _compare(name, stated, computed, "count", where(name), workbook, Decimal(0))
        if finding is not None:
            found.append(finding)
    return found


def _compare(name: str, stated: Decimal, computed: Decimal, how: str, at: Location, workbook: str, tolerance: Decimal) -> Finding | None:
    """None when the typed figure is the tables' (an average at the precision it was typed; an amount within the 尾差)."""
    shown = round_half_up(computed, _decimals(stated)) if how == "printed" else computed
    difference = stated - shown
    if difference == 0:
        return None
    code = "performance-figure-rounding" if how == "amount" and abs(difference) <= tolerance else "performance-figure-mismatch"
    return emit(
        code,
        at,
        name=name,
        stated=stated,
        expected=shown,
        difference=difference,
        tolerance=tolerance,
        stated_text=format_plain(stated),
        workbook=workbook,
        expected_text=format_plain(shown),
        direction=more_or_less(difference),
        difference_text=format_plain(abs(difference)),
    )


# The rules over the tables alone (what `generate --only self-evaluation` checks), in the order they report.
SELF_EVALUATION_RULES: tuple[CheckRule, ...] = (
    check_scoring_problems,
    check_provisional,
    check_funds,
    check_weights,
    check_overrides,
    check_printed_indicators,
    check_printed_coefficients,
    check_printed_table,
    check_printed_parts,
    check_printed_grade,
    check_stated_weights,
    check_written_texts,
    check_deviation_reasons,
    check_indicator_classes,
    check_execution_full_marks,
)
