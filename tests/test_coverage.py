"""The coverage ledger: every check rule passed, failed, did not apply, or could not run (never counted as passed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from generator import api, finding_codes
from generator.check import RULES, NotApplicable, run_rules
from generator.check.context import CheckContext, Settings
from generator.check.rule import CheckRule, emits
from generator.check.self_evaluation import RULE_PREFIX, SELF_EVALUATION_RULES, check_performance_figures, check_self_evaluation
from generator.cli import main
from generator.findings import Finding, Location, emit
from generator.report import Status
from generator.report.text import coverage_line

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "inputs" / "changji-ybj" / "2024"


def test_every_rule_declares_the_codes_it_emits_and_what_it_reads() -> None:
    bare = [getattr(r, "__name__", repr(r)) for r in RULES if not isinstance(r, CheckRule)]
    assert bare == [], "declare each rule with @emits(code, ..., needs=(...)) (generator/check/rule.py)"
    for rule in RULES:
        assert isinstance(rule, CheckRule)
        assert rule.codes and rule.needs, rule.name
        assert set(rule.codes) <= set(finding_codes.CODES), rule.name


def test_the_sample_has_one_line_per_rule_and_found_counts_its_findings() -> None:
    checked = api.check_folder(SAMPLE)
    assert checked.report is not None
    coverage = checked.report.coverage
    assert [c.rule for c in coverage] == [r.name for r in RULES if isinstance(r, CheckRule)]
    rule_codes = {code for r in RULES if isinstance(r, CheckRule) for code in r.codes}
    assert sum(c.found for c in coverage) == sum(1 for f in checked.findings if f.code in rule_codes)
    for c in checked.report.coverage:
        assert (c.status is Status.FAILED) == (c.found > 0), c


def test_the_self_evaluation_checks_have_their_lines() -> None:
    """The sample's 绩效自评表: one line per self-evaluation rule, in the one ledger; found counts their findings."""
    checked = api.check_folder(SAMPLE)
    assert checked.report is not None
    lines = [c for c in checked.report.coverage if c.rule.startswith(RULE_PREFIX)]
    assert [c.rule for c in lines] == [r.name for r in (*SELF_EVALUATION_RULES, check_performance_figures)]
    assert {c.status for c in lines} <= {Status.PASSED, Status.FAILED}
    assert all(c.codes and c.needs for c in lines)
    assert sum(c.found for c in lines) == len(check_self_evaluation(checked.performance))  # type: ignore[arg-type]


def test_without_a_self_evaluation_workbook_its_checks_do_not_apply(kit, tmp_path: Path) -> None:  # noqa: ANN001
    report = api.check_folder(_folder(kit, tmp_path, prior=False)).report
    assert report is not None
    lines = [c for c in report.coverage if c.rule.startswith(RULE_PREFIX)]
    assert lines and {c.status for c in lines} == {Status.NOT_APPLICABLE}
    assert all("绩效自评表" in c.reason for c in lines)


def test_a_crashing_self_evaluation_rule_is_not_run_and_named() -> None:
    from generator.check.self_evaluation import each_table
    from generator.compute.self_evaluation.stage import SelfEvaluationFigures

    @each_table("total-provisional")
    def check_broken(table, profile):  # noqa: ANN001, ANN202
        raise ZeroDivisionError("boom")

    checked = api.check_folder(SAMPLE)
    run = run_rules(checked.figures, rules=(check_broken, *SELF_EVALUATION_RULES), self_evaluation=SelfEvaluationFigures(checked.performance))
    broken = run.coverage[0]
    assert (broken.rule, broken.status) == (RULE_PREFIX + "check_broken", Status.NOT_RUN) and "crashed" in broken.reason
    assert [f.location.field for f in run.findings if f.code == "crashed"] == [RULE_PREFIX + "check_broken"]
    assert {c.status for c in run.coverage[1:]} <= {Status.PASSED, Status.FAILED}  # the others still ran


def _folder(kit, tmp_path: Path, prior: bool) -> Path:  # noqa: ANN001
    return kit.write_unit(tmp_path, kit.consistent_2024(), prior=kit.consistent_2023() if prior else None)


def test_a_rule_with_nothing_to_check_is_not_applicable_not_passed(kit, tmp_path: Path) -> None:  # noqa: ANN001
    without = {c.rule: c for c in api.check_folder(_folder(kit, tmp_path / "a", prior=False)).report.coverage}  # type: ignore[union-attr]
    with_prior = {c.rule: c for c in api.check_folder(_folder(kit, tmp_path / "b", prior=True)).report.coverage}  # type: ignore[union-attr]
    assert without["check_prior_year"].status is Status.NOT_APPLICABLE and "上年" in without["check_prior_year"].reason
    assert with_prior["check_prior_year"].status is Status.PASSED


def test_data_that_cannot_be_read_leaves_every_rule_not_run(kit, tmp_path: Path) -> None:  # noqa: ANN001
    values = kit.consistent_2024()
    kit.set_value(values, "收入支出决算总表", "收入总计", "金额", "十二万")
    report = api.check_folder(kit.write_unit(tmp_path, values)).report
    assert report is not None
    assert {c.status for c in report.coverage} == {Status.NOT_RUN}
    assert len(report.coverage) == len(RULES)  # the self-evaluation's rules did not run either
    assert all("无法读取" in c.reason for c in report.coverage)
    missing = api.check_folder(tmp_path / "nowhere").report
    assert missing is not None and {c.status for c in missing.coverage} == {Status.NOT_RUN}


def _figures():  # noqa: ANN202
    figures = api.check_folder(SAMPLE).figures
    assert figures is not None
    return figures


def test_a_crashing_rule_is_not_run_and_named() -> None:
    @emits("total-mismatch", needs=("收入支出决算总表",))
    def broken(ctx: CheckContext) -> Iterator[Finding]:
        raise ZeroDivisionError("bug")
        yield  # a generator, as the rules are

    run = run_rules(_figures(), rules=(broken,))
    assert [(c.rule, c.status) for c in run.coverage] == [("broken", Status.NOT_RUN)]
    assert [(f.code, f.location.field) for f in run.findings] == [("crashed", "broken")]


def test_a_rule_emitting_a_code_it_does_not_declare_is_a_crash() -> None:
    @emits("total-mismatch", needs=("收入支出决算总表",))
    def stray(ctx: CheckContext) -> Iterator[Finding]:
        yield emit("rounding-residue", Location(file="x"), stated=1, expected=1, difference=0, tolerance=0, total="x",
                   stated_text="1", expected_text="1", direction="多", difference_text="0", parts="y")

    run = run_rules(_figures(), rules=(stray,))
    assert [c.status for c in run.coverage] == [Status.NOT_RUN]
    assert [f.code for f in run.findings] == ["crashed"]


def test_not_applicable_is_raised_by_the_rule() -> None:
    @emits("total-mismatch", needs=("收入支出决算总表",))
    def nothing(ctx: CheckContext) -> Iterator[Finding]:
        raise NotApplicable("没有这部分数据")
        yield

    run = run_rules(_figures(), rules=(nothing,))
    assert [(c.status, c.reason) for c in run.coverage] == [(Status.NOT_APPLICABLE, "没有这部分数据")]


def test_only_and_skip_choose_rules_by_the_codes_they_emit() -> None:
    figures = _figures()
    only = run_rules(figures, Settings(only=frozenset({"total-mismatch"})))
    ran = {c.rule for c in only.coverage if c.status is not Status.NOT_RUN}
    assert ran == {"check_declared_totals"}
    assert {f.code for f in only.findings} <= {"total-mismatch", "rounding-residue"}
    skipped = run_rules(figures, Settings(skip=frozenset({"rounding-residue"})))
    not_run = {c.rule for c in skipped.coverage if c.status is Status.NOT_RUN}
    assert not_run == {"check_declared_totals", "check_row_totals"}
    assert all(c.reason for c in skipped.coverage if c.status is Status.NOT_RUN)


def test_the_cli_takes_only_and_skip_and_refuses_unknown_codes() -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--only", "total-mismatch", "--skip", "prior-year-mismatch", "--format", "json"])
    report = json.loads(result.stdout)
    statuses = {c["rule"]: c["status"] for c in report["coverage"]}
    assert statuses["check_declared_totals"] == "failed" and statuses["check_prior_year"] == "not-run"
    bad = CliRunner().invoke(main, ["check", str(SAMPLE), "--only", "no-such-code"])
    assert bad.exit_code == 2 and "no-such-code" in bad.output


def test_the_text_ends_with_one_coverage_line() -> None:
    result = CliRunner().invoke(main, ["check", str(SAMPLE)])
    report = api.check_folder(SAMPLE).report
    assert report is not None
    line = coverage_line(report)
    assert line is not None and result.output.rstrip().splitlines()[-1] == line
    assert line.startswith(f"核对规则 {len(RULES)} 条")  # the self-evaluation's rules included
