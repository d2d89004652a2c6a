"""The library's entry points: one call per job, results as values. The CLI is a thin layer over these.

Pipeline: load (model) → compute (figures) → check (findings) → render (docx).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import codes, layout
from generator.acknowledged import Acknowledged, Acknowledgement, RecordRefused, record_for, split_acknowledged
from generator.acknowledgements import read_records, write_record
from generator.check import RULES, Settings, not_run, run_rules
from generator.check.completeness import TemplateNeeds, template_needs
from generator.checked import Checked as Checked  # re-exported: the library's result types
from generator.checked import Generated as Generated
from generator.compute.figures import Figures, compute_figures
from generator.compute.self_evaluation.stage import SelfEvaluationFigures, scored_stage, settle_self_evaluation
from generator.file_hashes import hashed_files
from generator.files import not_writable, write_together
from generator.findings import Finding, Location, Severity, emit, has_errors
from generator.load.folder import load
from generator.model import Loaded
from generator.render.wording import DEFAULT as DEFAULT_WORDING
from generator.render.wording import WordingProfile
from generator.report import InputFile, Report, RuleOutcome
from generator.self_evaluation.layout import WORKBOOK_NAME
from generator.words import EditRefused as EditRefused  # re-exported: the workbench catches it

if TYPE_CHECKING:
    from collections.abc import Callable

    from generator.batch.run import BatchResult, UnitResult
    from generator.batch.state import Entry
    from generator.compute.self_evaluation.score import ScoredSelfEvaluation
    from generator.diff.compare import Comparison
    from generator.diff.run import DiffResult
    from generator.export.write import ExportResult
    from generator.render.manifest import Kit
    from generator.self_evaluation.model import SelfEvaluationInput
    from generator.verify.audit import Obligation
    from generator.words import ReasonEntry, TextEntry

OUTPUTS = Path("outputs")
BATCH_OUTDIR = OUTPUTS / "batch"  # `juesuan batch` and the workbench write here by default (batch.run.DEFAULT_OUTDIR)
DIFF_OUTDIR = OUTPUTS / "diff"  # `juesuan diff` (diff.run.DEFAULT_OUTPUT)
SELF_EVALUATION_WORKBOOK = WORKBOOK_NAME  # re-exported: the workbench's uploads name it


def check_folder(folder: Path, settings: Settings | None = None, profile: str | None = None, partial: bool = False) -> Checked:
    """Load, compute and check one unit-year folder (and its prior year when present); its report included.

    The self-evaluation is a stage of the same pipeline: loaded, scored and settled with the
    figures (a 自评 figure typed in 其他重要事项 is compared with the tables'), then everything is checked.

    With PARTIAL (for reading, as `diff` does; never for a document to publish), a folder whose cells or
    文字说明.yaml could not all be read still has figures: what was unreadable counts as not reported, the
    findings are the reading's alone, and `complete` is False. When only 文字说明.yaml cannot be read, every
    check runs anyway (the figures do not depend on it) and `complete` is False.

    Warnings that the folder's 核对记录.yaml explains are moved to `acknowledged` (in the report too).
    """
    checked = _check(folder, settings or Settings(), profile, partial)
    findings, acknowledged = apply_acknowledgements(folder, checked.findings)
    report = replace(checked.report, findings=tuple(findings), acknowledged=tuple(acknowledged)) if checked.report else None
    return replace(checked, findings=tuple(findings), acknowledged=tuple(acknowledged), report=report)


def apply_acknowledgements(folder: Path, findings: Iterable[Finding]) -> tuple[list[Finding], list[Acknowledged]]:
    """FINDINGS split into those still to look at and those FOLDER's 核对记录.yaml explains.

    A record explains a warning only while its code, location and values are those recorded;
    errors are never explained away. A bad record file is a warning among the first.
    """
    records, problems = read_records(folder)
    remaining, acknowledged = split_acknowledged(findings, records, folder)
    return remaining + problems, acknowledged


def acknowledge(folder: Path, code: str, location: str, reason: str, who: str = "", when: str | None = None) -> Acknowledgement:
    """Record in FOLDER's 核对记录.yaml that the current finding CODE at LOCATION (relative text) is explained.

    RecordRefused (a Chinese message) when no such warning is found now, it is an error, or REASON is empty.
    """
    import datetime as dt

    from generator.acknowledged import key_of

    checked = check_folder(folder)
    candidates = [*checked.findings, *(a.finding for a in checked.acknowledged)]
    found = next((f for f in candidates if key_of(f, folder)[:2] == (code, location)), None)
    if found is None:
        raise RecordRefused("没有找到这条问题（数据可能已经改变），请刷新页面后重试")
    record = record_for(found, folder, reason, who, when or dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    write_record(folder, record)
    return record


def withdraw_acknowledgement(folder: Path, code: str, location: str) -> bool:
    """Take the record of CODE at LOCATION out of FOLDER's 核对记录.yaml: the warning is shown again."""
    from generator.acknowledgements import remove_record

    return remove_record(folder, code, location)


def carry_acknowledgements(old: Path, new: Path) -> int:
    """Copy into NEW's 核对记录.yaml the records of OLD that explain a finding NEW has now; how many."""
    from generator.acknowledged import key_of

    records, _ = read_records(old)
    if not records:
        return 0
    checked = check_folder(new)
    current = {key_of(f, new): f for f in checked.findings}
    carried = 0
    for record in records:
        if record.key in current:
            write_record(new, record)
            carried += 1
    return carried


def _check(folder: Path, settings: Settings, profile: str | None, partial: bool) -> Checked:
    loaded, findings = load(folder, profile)
    if loaded is None:  # the folder, workbook or its 封面 cannot be read
        return _checked(folder, None, findings, None, settings, profile, not_run("数据文件夹、工作簿或封面无法读取"), readable=False)
    texts_only = has_errors(findings) and all(f.severity is not Severity.ERROR or _in_texts(f) for f in findings)
    if has_errors(findings) and not texts_only:
        # Cells that could not be read would only echo as mismatching totals: report them alone first.
        not_read = not_run("工作簿有无法读取的工作表、表头或单元格，先更正这些错误")
        if partial:
            partly = _checked(folder, compute_figures(loaded), findings, None, settings, profile, not_read, loaded=loaded)
            return replace(partly, complete=False)
        return _checked(folder, None, findings, None, settings, profile, not_read, loaded=loaded)
    # The self-evaluation is scored and its figures settled with the others before anything is checked.
    figures, stage = settle_self_evaluation(compute_figures(loaded), loaded.self_evaluation)
    # The template the folder will be rendered with (option, else the 封面 cell): `check` names a wrong one as `generate`
    # would, and judges blanks by what that template reads (its kit: its variables and its manifest).
    chosen, template_findings = _disclosure_template(figures, settings.template)
    kit = _template_kit(chosen)
    if settings.needs is None:
        settings = replace(settings, needs=_needs(kit))
    findings.extend(_level_findings(settings.level, kit, figures))
    settings = replace(settings, level=document_level(settings.level, kit, figures.base.unit.cover.level))
    rules = run_rules(figures, settings, self_evaluation=stage)
    findings.extend(rules.findings)
    findings.extend(template_findings)
    findings.extend(kit.findings if kit is not None else ())
    findings.extend(_stage_findings(folder, loaded.self_evaluation, stage, _without_self_evaluation(kit)))
    if texts_only:  # what the checks say of the empty texts only echoes the file's own error
        findings = [f for f in findings if f.severity is Severity.ERROR or not _in_texts(f)]
    checked = _checked(folder, figures, findings, stage.scored, settings, profile, rules.coverage, loaded=loaded)
    return replace(checked, complete=not texts_only)


def _stage_findings(folder: Path, read: SelfEvaluationInput | None, stage: SelfEvaluationFigures, absent: str) -> list[Finding]:
    """What reading the 绩效自评表 found (bad cells, a bad profile), and a workbook with no table in it."""
    findings = list(read.findings) if read is not None else []
    summary = stage.scored.summary if stage.scored is not None else None
    if summary is not None and not summary.project_count and not summary.unit_table_count:
        findings.append(emit("self-evaluation-empty", Location(file=str(folder / SELF_EVALUATION_WORKBOOK)), absent=absent))
    return findings


def _in_texts(finding: Finding) -> bool:
    return Path(finding.location.file).name == layout.TEXTS


def _checked(
    folder: Path,
    figures: Figures | None,
    findings: list[Finding],
    performance: ScoredSelfEvaluation | None,
    settings: Settings,
    profile: str | None,
    coverage: tuple[RuleOutcome, ...],
    readable: bool = True,
    loaded: Loaded | None = None,
) -> Checked:
    template = _template_label(figures, settings.template)
    profile_name = profile or "xinjiang-2024"
    read = [folder / layout.WORKBOOK, folder / layout.TEXTS, folder / codes.LOCAL_FUNCTIONAL, folder / codes.LOCAL_ECONOMIC]
    if loaded is not None:  # the prior year's workbook, read when it is there (a warning says when it was unusable)
        read.append(folder.parent / str(loaded.current.cover.year - 1) / layout.WORKBOOK)
    if figures is not None or performance is not None:  # the 绩效自评表 and its profile were read (also for --only self-evaluation)
        read += [folder / SELF_EVALUATION_WORKBOOK, Path(profile_name)]
    if figures is not None and template is not None and not _shipped_name(template):
        read.append(Path(template))
    report = Report(
        command="check",
        folder=str(folder),
        readable=readable,
        findings=tuple(findings),
        coverage=coverage,
        inputs=tuple(InputFile(*hashed) for hashed in hashed_files(read)),
        template=template,
        profile=profile_name,
        version=version(),
    )
    return Checked(folder, figures, tuple(findings), performance, readable, report)


def _template_label(figures: Figures | None, option: str | None) -> str | None:
    """The disclosure template a folder is judged against: a shipped name, or the path given; None when unknown."""
    if figures is None:
        return option
    chosen, _ = _disclosure_template(figures, option)
    if chosen is None:
        return option or figures.base.unit.cover.template or None
    from generator.render.shipped import SHIPPED, template_dir

    names = {template_dir() / file: name for name, file in SHIPPED.items()}
    return names.get(chosen, str(chosen))


def _shipped_name(template: str) -> bool:
    from generator.render.shipped import SHIPPED

    return template in SHIPPED


@lru_cache(maxsize=1)
def version() -> str:
    """juesuan's installed version ("?" when run from a checkout that was never installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("juesuan")
    except PackageNotFoundError:
        return "?"


def check_self_evaluation_folder(folder: Path, profile: str | None = None) -> Checked:
    """Only what the self-evaluation tables need: 绩效自评表.xlsx, and the year from the 封面 when it can be read.

    Errors elsewhere (文字说明.yaml, a cell of 决算数据.xlsx) are not this output's: `check` reports them; only the
    self-evaluation's rules run (the others are listed as not run).
    """
    return _check_self_evaluation(folder, profile)[0]


def _check_self_evaluation(folder: Path, profile: str | None) -> tuple[Checked, str]:
    """check_self_evaluation_folder's result and the 封面's 决算层级 ("" when the 封面 cannot be read)."""
    from generator.check.self_evaluation import SELF_EVALUATION_RULES
    from generator.load.self_evaluation.reader import read_self_evaluation

    loaded, _ = load(folder, profile)
    read = loaded.self_evaluation if loaded is not None else read_self_evaluation(folder, None, profile)
    stage = scored_stage(read)
    rules = run_rules(None, Settings(), SELF_EVALUATION_RULES, stage)
    others = [rule for rule in RULES if rule not in SELF_EVALUATION_RULES]
    skipped = not_run("只生成绩效自评表（--only self-evaluation）：决算数据的核对未运行，请用 check", others)
    findings = rules.findings + _stage_findings(folder, read, stage, "公开说明不附绩效自评表")
    checked = _checked(folder, None, findings, stage.scored, Settings(), profile, skipped + rules.coverage, loaded=loaded)
    return checked, loaded.current.cover.level if loaded is not None else ""


def _forced_figures(folder: Path, profile: str | None) -> Checked | None:
    """`--force` over cells that could not be read: the figures computed with those cells blank, unchecked.

    The findings that refused stay the checked ones; only what can be written is added.
    """
    loaded, _ = load(folder, profile)
    if loaded is None:
        return None
    figures, stage = settle_self_evaluation(compute_figures(loaded), loaded.self_evaluation)
    return Checked(folder, figures, (), stage.scored, readable=True)


def default_output(figures: Figures, suffix: str = "决算公开说明") -> Path:
    return OUTPUTS / f"{_slug(figures)}-{figures.year}-{suffix}.docx"


def _slug(figures: Figures) -> str:
    return _folder_slug(figures.base.unit.folder) or figures.unit_name


def _folder_slug(folder: Path) -> str:
    return folder.resolve().parent.name


def generate(
    folder: Path,
    output: Path | None = None,
    template: Path | str | None = None,
    force: bool = False,
    pdf: bool = False,
    only: str | None = None,
    settings: Settings | None = None,
    profile: str | None = None,
    wording: WordingProfile | None = None,
    level: str | None = None,
) -> Generated:
    """Check FOLDER, then write its disclosure (.docx, and .pdf on request).

    TEMPLATE is a shipped template's name ("shanghai-2024") or a .docx path; without
    it the 封面's 公开模板 cell decides, then the default (generator.render.shipped).
    WORDING overrides the template's wording profile (its manifest's 措辞 and 数字格式);
    LEVEL (部门 or 单位, --level) the level the 封面 (决算层级) or the template (its manifest's 层级) gives, else 部门.

    Errors in the data stop it unless FORCE, in which case the output is still
    written and the findings say so.
    """
    if template is not None:  # check against the template rendered with, as `check --template` does
        settings = replace(settings or Settings(), template=str(template))
    if level is not None:
        settings = replace(settings or Settings(), level=level)
    level = settings.level if settings is not None else None  # --level, or the settings' (None: the template's)
    if only == "self-evaluation":
        return _generate_self_evaluation(folder, output, template, force, pdf, profile, level)
    checked = check_folder(folder, settings, profile)
    findings = list(checked.findings)
    rendered = checked
    if checked.figures is None and force and checked.readable:
        forced = _forced_figures(folder, profile)  # unreadable cells print blank: --force writes what can be written
        rendered = forced if forced is not None else checked
    if rendered.figures is None or (checked.has_errors and not force):
        return Generated(checked, (), tuple(findings))
    figures = rendered.figures
    target_pair = _targets(output, pdf)
    if isinstance(target_pair, Finding):
        return Generated(checked, (), (*findings, target_pair))
    output, pdf_target = target_pair
    if checked.has_errors:
        findings.append(_generated_with_errors(folder, findings))
    if not os.path.lexists(folder / SELF_EVALUATION_WORKBOOK):  # a dangling link is refused by load, not missing
        absent = _without_self_evaluation(_template_kit(_disclosure_template(figures, template)[0]))
        findings.append(
            emit(
                "self-evaluation-missing",
                Location(file=str(folder / SELF_EVALUATION_WORKBOOK)),
                workbook=SELF_EVALUATION_WORKBOOK,
                consequence=f"{absent}；开展了自评请放入绩效自评表",
            )
        )
    data, render_findings = render_checked(rendered, template, wording, level)
    target = output or default_output(figures)
    findings.extend(f for f in render_findings if f not in findings)  # a wrong template was already named by the check
    return _written(checked, findings, data, target, pdf, pdf_target)


def _generate_self_evaluation(
    folder: Path, output: Path | None, template: Path | str | None, force: bool, pdf: bool, profile: str | None, level: str | None
) -> Generated:
    """`generate --only self-evaluation`: needs only 绩效自评表.xlsx; `--force` writes whatever can be scored.

    LEVEL (--level) else the 封面's 决算层级 names the 整体支出 table's 资金 (部门资金 or 单位资金)."""
    checked, cover_level = _check_self_evaluation(folder, profile)
    findings = list(checked.findings)
    if checked.performance is None:
        return Generated(checked, (), (*findings, _no_self_evaluation(folder)))
    if checked.performance.evaluation.year is None:  # the table's title names its year: never "None", even with --force
        why = "决算数据.xlsx 的封面无法读取" if (folder / layout.WORKBOOK).exists() else "数据文件夹中没有决算数据.xlsx"
        return Generated(checked, (), (*findings, emit("self-evaluation-year-unknown", Location(file=str(folder)), folder=folder.name, why=why)))
    if checked.has_errors and not force:
        return Generated(checked, (), tuple(findings))
    target_pair = _targets(output, pdf)
    if isinstance(target_pair, Finding):
        return Generated(checked, (), (*findings, target_pair))
    output, pdf_target = target_pair
    if checked.has_errors:
        findings.append(_generated_with_errors(folder, findings))
    data, render_findings = _self_evaluation_only(checked.performance, template, document_level(level, None, cover_level))
    year = checked.performance.evaluation.year
    target = output or OUTPUTS / f"{_folder_slug(folder)}-{year if year is not None else folder.name}-绩效自评表.docx"
    findings.extend(render_findings)
    return _written(checked, findings, data, target, pdf, pdf_target)


def _targets(output: Path | None, pdf: bool) -> tuple[Path | None, Path | None] | Finding:
    """(the .docx asked for, the PDF's own path when -o names a .pdf), or why -o cannot be written."""
    if output is None:
        return None, None
    problem = output_problem(output, pdf)
    if problem is not None:
        return problem
    if output.suffix.lower() == ".pdf":  # -o x.pdf --pdf: the .docx beside it, the PDF where asked
        return output.with_suffix(".docx"), output
    return output, None


def _generated_with_errors(folder: Path, findings: list[Finding]) -> Finding:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return emit("generated-with-errors", Location(file=str(folder)), errors=errors)


def _written(checked: Checked, findings: list[Finding], data: bytes | None, target: Path, pdf: bool, pdf_target: Path | None) -> Generated:
    if data is None:
        return Generated(checked, (), tuple(findings))
    # The .docx and its .pdf are replaced together; a .docx made without --pdf takes away last time's .pdf of the
    # same name (it would show the old figures beside the new document).
    pdf_target = pdf_target or target.with_suffix(".pdf")
    files = [(target, data)]
    if pdf:
        from generator.render.pdf import pdf_of

        produced, pdf_findings = pdf_of(data, Location(file=str(target)))
        findings.extend(pdf_findings)
        if produced is not None:  # a missing font alias is a warning: the PDF is still written
            files.append((pdf_target, produced))
    failure = _write(files, remove=[] if len(files) > 1 else [pdf_target])
    if failure is not None:
        return Generated(checked, (), (*findings, failure))
    outputs = [path for path, _ in files]
    return Generated(checked, tuple(outputs), tuple(findings))


def render_checked(
    checked: Checked, template: Path | str | None = None, wording: WordingProfile | None = None, level: str | None = None
) -> tuple[bytes | None, list[Finding]]:
    """The disclosure of a checked unit-year as .docx bytes (whatever its findings), with the template chosen as `generate` does.

    WORDING None: the chosen template's own wording profile; LEVEL None: the template's level."""
    assert checked.figures is not None
    chosen, findings = _disclosure_template(checked.figures, template)
    if chosen is None:
        return None, findings
    from generator.render.document import render_disclosure  # the renderer (docxtpl) is not needed to check
    from generator.render.shipped import template_wording

    level = document_level(level, _template_kit(chosen), checked.figures.base.unit.cover.level)
    data, more = render_disclosure(checked.figures, chosen, wording or template_wording(chosen), checked.performance, level)
    return data, findings + more


def _disclosure_template(figures: Figures, template: Path | str | None) -> tuple[Path | None, list[Finding]]:
    cover = figures.base.unit.cover
    row = figures.base.unit.item_table(layout.COVER.name).get("公开模板")
    from generator.render.shipped import resolve_template

    return resolve_template(template, cover.template, row.source.at(layout.CONTENT) if row else None, figures.base.unit.folder)


def _template_kit(template: Path | None) -> Kit | None:
    """What TEMPLATE reads (generator.render.manifest); None when no template could be chosen."""
    if template is None:
        return None
    from generator.render.manifest import template_kit

    return template_kit(template)


def document_level(option: str | None, kit: Kit | None, cover: str = "") -> str:
    """部门 or 单位: the level the template sets itself, else OPTION (--level) when given, else the 封面's 决算层级 (COVER),
    else the template's manifest's 层级, else 部门."""
    for level in (kit.fixed_level if kit is not None else None, option, cover, kit.level if kit is not None else None):
        if level in layout.LEVELS:
            return str(level)
    return "部门"


def _level_findings(option: str | None, kit: Kit | None, figures: Figures) -> list[Finding]:
    """A warning when --level or the 封面 asks for a level the chosen template does not write (it sets its own)."""
    cover = figures.base.unit.cover.level
    asked = option if option in layout.LEVELS else cover if cover in layout.LEVELS else None
    if kit is None or not kit.fixed_level or asked is None or asked == kit.fixed_level:
        return []
    row = figures.base.unit.item_table(layout.COVER.name).get("决算层级")
    where = Location(field="--level") if option == asked else row.source.at(layout.CONTENT) if row else Location(field="决算层级")
    name = Path(kit.template).stem
    return [emit("level-template-mismatch", where, asked=asked, written=kit.fixed_level, template=name)]


def _needs(kit: Kit | None) -> TemplateNeeds | None:
    """The kit as check's data: check judges blanks by it and knows nothing of templates."""
    if kit is None:
        return None
    return template_needs(
        kit.cells, dict(kit.sentences), kit.required, dict(kit.sections), kit.texts, kit.sheets, dict(kit.places), dict(kit.text_places), dict(kit.sheet_places)
    )


def template_needs_of(template: str | Path | None) -> TemplateNeeds | None:
    """The needs of TEMPLATE (a shipped name or a .docx path; None: the default) as `check --template` judges them."""
    from generator.render.shipped import resolve_template

    chosen, _ = resolve_template(template)
    return _needs(_template_kit(chosen))


def _without_self_evaluation(kit: Kit | None) -> str:
    """What the document says when the folder has no 绩效自评表 (the template's manifest says; else only what is sure)."""
    return kit.self_evaluation_absent if kit is not None and kit.self_evaluation_absent else "公开说明不附绩效自评表"


def _no_self_evaluation(folder: Path) -> Finding:
    from generator.self_evaluation.layout import WORKBOOK_NAME

    path = folder / WORKBOOK_NAME
    if os.path.lexists(path):
        return emit("self-evaluation-unreadable", Location(file=str(path)), workbook=WORKBOOK_NAME)
    return emit("self-evaluation-missing", Location(file=str(folder)), workbook=WORKBOOK_NAME, consequence="无法单独生成绩效自评表")


def _self_evaluation_only(performance: ScoredSelfEvaluation, template: Path | str | None, level: str) -> tuple[bytes | None, list[Finding]]:
    from generator.render.document import render_template, self_evaluation_only_context
    from generator.render.self_evaluation import layout_of
    from generator.render.shipped import self_evaluation_template

    context = self_evaluation_only_context(performance, level)
    chosen = Path(template) if template else self_evaluation_template(layout_of(performance))
    year = performance.evaluation.year
    return render_template(chosen, context, year if year is not None else 1980)  # a fixed date: same bytes every run


@dataclass(frozen=True)
class Words:
    """What a person writes for one unit-year, to edit in place (generator/words.py)."""

    texts: tuple[TextEntry, ...]
    reasons: tuple[ReasonEntry, ...]
    texts_problem: str = ""  # why 文字说明.yaml cannot be edited here (it cannot be read)
    reasons_problem: str = ""  # why the workbook's reasons cannot be listed


def words(folder: Path, template: Path | str | None = None) -> Words:
    """The texts of 文字说明.yaml and the workbook's reason cells the document uses, each with its sentence worded as
    the document words it: with the wording profile of the template `generate` would choose (TEMPLATE, else the 封面's)."""
    from generator.words import EditRefused, reason_entries, text_entries

    texts: list[TextEntry] = []
    texts_problem = reasons_problem = ""
    try:
        texts = text_entries(_read_text(folder / layout.TEXTS))
    except EditRefused as refused:
        texts_problem = str(refused)
    checked = check_folder(folder)
    reasons: list[ReasonEntry] = []
    if checked.figures is not None:
        chosen, _ = _disclosure_template(checked.figures, template)
        kit = _template_kit(chosen)
        reasons = reason_entries(checked.figures.base.unit, checked.figures, kit.profile if kit is not None else DEFAULT_WORDING)
    else:
        loaded, _ = load(folder)
        if loaded is None:
            reasons_problem = "决算数据.xlsx 无法读取，请先上传可以读取的工作簿"
        else:
            reasons = reason_entries(loaded.current, None)
    return Words(tuple(texts), tuple(reasons), texts_problem, reasons_problem)


def edited_texts(folder: Path, changes: dict[tuple[str, ...], str | list[str]]) -> bytes:
    """FOLDER's 文字说明.yaml with CHANGES (path -> text or list) made, comments and layout kept; nothing written.

    EditRefused (a Chinese message) when the file cannot be edited that way.
    """
    from generator.words import edit_texts

    return edit_texts(_read_text(folder / layout.TEXTS), changes).encode("utf-8")


def edited_workbook(folder: Path, changes: dict[tuple[str, str], str]) -> bytes:
    """FOLDER's 决算数据.xlsx with each (sheet, cell) of CHANGES set to its text; nothing written."""
    from generator.load.workbook import read_package
    from generator.words import EditRefused, edit_workbook

    path = folder / layout.WORKBOOK
    data, refused = read_package(path, str(path))
    if data is None:
        raise EditRefused(f"决算数据.xlsx 无法读取：{refused.message if refused else ''}")
    return edit_workbook(data, changes)


def _read_text(path: Path) -> str:
    from generator import door
    from generator.words import EditRefused

    try:
        return door.existing_text(path)
    except door.Unreadable as exc:
        raise EditRefused(f"{exc}，请另存为 UTF-8 后上传" if exc.not_utf8 else str(exc)) from exc


def figures_frame(folder: Path) -> Any:
    """Every settled figure of every unit-year under FOLDER as a pandas DataFrame, one row per figure.

    Columns: folder, unit, year, table, code, name, column, measure, value, cell. `value` holds exact
    `decimal.Decimal` objects (dtype object); see generator/export/frame.py.
    """
    from generator.export import figures_frame as frame

    return frame(folder)


def threshold_settings(
    percent: float | Decimal | None,
    template: str | None = None,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    level: str | None = None,
    three_public_percent: float | Decimal | None = None,
) -> Settings:
    """Check settings: PERCENT the change threshold (default 10), TEMPLATE the template the folder is rendered with,
    ONLY/SKIP finding codes choosing the rules to run (those that emit them, or all but those), LEVEL 部门/单位
    (None: the template's), THREE_PUBLIC_PERCENT the 三公 预决算 difference that needs no reason (default 0: every one needs one)."""
    settings = Settings(template=template, only=frozenset(only), skip=frozenset(skip), level=level)
    if three_public_percent is not None:
        settings = replace(settings, three_public_threshold=Decimal(str(three_public_percent)) / 100)
    return settings if percent is None else replace(settings, change_threshold=Decimal(str(percent)) / 100)


def init_folder(folder: Path, source: Path | None = None) -> list[Finding]:
    """A new unit-year FOLDER: blank (every sheet, header and note), or carried forward from SOURCE (last year's folder)."""
    if source is not None:
        from generator.carry import carry_forward

        return carry_forward(source, folder)
    from generator.init import init_folder as blank_folder

    return blank_folder(folder)


def rule_codes() -> frozenset[str]:
    """The finding codes that `check --only/--skip` accept: those some check rule declares."""
    from generator.check import rule_codes_of

    return rule_codes_of()


OUTPUT_CODES = frozenset({"output-suffix", "output-is-folder", "output-not-writable"})


def output_problem(output: Path, pdf: bool) -> Finding | None:
    """Why -o OUTPUT cannot be written, found before anything is rendered; None when it can be tried."""
    where = Location(file=str(output))
    suffix = output.suffix.lower()
    if output.is_dir():
        return emit("output-is-folder", where, path=str(output), example=f"，例如 {output / '公开说明.docx'}")
    if suffix == ".pdf" and not pdf:
        return emit("output-suffix", where, name=output.name, problem=" 是 .pdf：要生成 PDF 请加 --pdf（.docx 写在同一文件夹），或把 -o 改为 .docx 文件名")
    if suffix not in (".docx", ".pdf"):
        return emit("output-suffix", where, name=output.name, problem=" 的扩展名不是 .docx：公开说明是 Word 文档，请把 -o 改为以 .docx 结尾的文件名")
    return None


def report_workbook(report: Report) -> bytes:
    """REPORT as .xlsx bytes (问题清单: one row per finding, the coverage, what was read), e.g. for a download."""
    from generator.report.xlsx import report_workbook as workbook

    return workbook(report)


@dataclass(frozen=True)
class WrittenReport:
    report: Report  # with the workbook among its outputs, or the finding that says why it could not be written
    ok: bool


def write_report_workbook(report: Report, output: Path) -> WrittenReport:
    """Write REPORT as an .xlsx (问题清单) at OUTPUT, atomically; a path that cannot take it is a finding."""
    where = Location(file=str(output))
    failure: Finding | None
    if output.is_dir():
        failure = emit("output-is-folder", where, path=str(output), example=f"，例如 {output / '问题清单.xlsx'}")
    elif output.suffix.lower() != ".xlsx":
        failure = emit("output-suffix", where, name=output.name, problem=" 的扩展名不是 .xlsx：问题清单是 Excel 工作簿，请把 -o 改为以 .xlsx 结尾的文件名")
    else:
        failure = _write([(output, report_workbook(report))], [])
    if failure is not None:
        return WrittenReport(replace(report, findings=(*report.findings, failure)), False)
    return WrittenReport(replace(report, outputs=(*report.outputs, str(output))), True)


def _write(files: list[tuple[Path, bytes]], remove: list[Path]) -> Finding | None:
    """Write the document (and its PDF) together; a failure is a finding that says which and what to do, never a traceback."""
    target = files[0][0]
    try:
        write_together(files, remove)
    except IsADirectoryError:
        return emit("output-is-folder", Location(file=str(target)), path=str(target), example="")
    except OSError as exc:  # a file where a folder should be, read-only, full, locked: worded in files.py
        return not_writable(target, exc)
    return None


# --- the jobs above one folder: two years compared, many units, every figure, a PDF --------------------------------
# The CLI's commands and the workbench reach diff, batch, export and the PDF conversion only through these.


def compare_folders(old: Path, new: Path, threshold: Decimal | None = None, profile: str | None = None) -> Comparison:
    """Check both folders (cells that cannot be read are findings; the rest is compared), then compare every figure.

    THRESHOLD is a ratio (0.10: a change of 10% or more must have its reason); the default is diff's.
    """
    from generator.diff.compare import DEFAULT_THRESHOLD, compare_checked

    old_checked = check_folder(old, profile=profile, partial=True)
    new_checked = check_folder(new, profile=profile, partial=True)
    return compare_checked(old_checked, new_checked, DEFAULT_THRESHOLD if threshold is None else threshold)


def diff_folders(
    old: Path, new: Path, output_dir: Path | None = None, threshold: Decimal | None = None, profile: str | None = None, redline: bool = True
) -> DiffResult:
    """`juesuan diff`: compare OLD with NEW, write <unit>-<old>-<new>-对比.xlsx and (REDLINE) -修订对比.docx into OUTPUT_DIR."""
    from generator.diff.run import write_diff

    comparison = compare_folders(old, new, threshold, profile)
    documents = redline_documents_of(comparison) if redline and comparison.readable else None
    return write_diff(comparison, output_dir or DIFF_OUTDIR, documents)


def redline_documents_of(comparison: Comparison) -> tuple[tuple[bytes | None, list[Finding]], tuple[bytes | None, list[Finding]]]:
    """Both years' disclosures rendered from the figures already checked (even with data errors: they are for reading)."""
    return render_checked(comparison.old), render_checked(comparison.new)


def redline_folders(comparison: Comparison) -> tuple[bytes | None, list[Finding]]:
    """The redline .docx of a comparison's two years (tracked changes from OLD's disclosure to NEW's)."""
    from generator.diff.run import redline_rendered

    return redline_rendered(comparison, redline_documents_of(comparison))


def comparison_workbook(comparison: Comparison) -> bytes:
    """The comparison as .xlsx bytes (逐项对比 and 说明), as `juesuan diff` writes it."""
    from generator.diff.workbook import comparison_workbook as workbook

    return workbook(comparison)


def unit_folders(root: Path) -> list[Path]:
    """The unit-year folders under ROOT (those holding 决算数据.xlsx), sorted, as batch and the workbench see them."""
    from generator.load.discover import find_units

    return find_units(root)


def generate_unit(folder: Path, output: Path, template: Path | None, profile: str | None, level: str | None = None) -> Generated:
    """`generate` for one unit of a batch: a module-level function, so that it can be sent to the worker processes."""
    return generate(folder, output=output, template=template, profile=profile, level=level)


def run_batch(
    root: Path,
    outdir: Path | None = None,
    jobs: int | None = None,
    force_all: bool = False,
    progress: Callable[[int, int, UnitResult], None] | None = None,
    template: Path | str | None = None,
    profile: str | None = None,
    level: str | None = None,
) -> BatchResult:
    """`juesuan batch`: check and generate every unit-year under ROOT into OUTDIR, in JOBS processes, resumably.

    Each unit's result holds its report (the one `generate` gives); LEVEL (部门 or 单位) words every document
    at that level (None: each template's own); see generator/batch/run.py.
    """
    from generator.batch.run import run_batch as run

    return run(root, outdir or BATCH_OUTDIR, generate_unit, jobs, force_all, progress, template, profile, level)


def write_batch_reports(result: BatchResult, outdir: Path) -> tuple[Path, Path]:
    """Write OUTDIR/batch-report.json (juesuan-batch/1) and batch-report.xlsx; return their paths."""
    from generator.batch.report import write_reports

    return write_reports(result, outdir)


def export_figures(root: Path, output: Path) -> ExportResult:
    """`juesuan export`: every figure of every unit-year under ROOT, one row each, into OUTPUT (.xlsx/.csv/.parquet)."""
    from generator.export import export_figures as export

    return export(root, output)


def convert_to_pdf(docx: Path, pdf: Path) -> list[Finding]:
    """DOCX as PDF at PDF (LibreOffice); what went wrong, as findings."""
    from generator.render.pdf import convert_to_pdf as convert

    return list(convert(docx, pdf))


# The batch's state in its output folder, which the workbench shares: a unit generated or checked from its page is
# recorded as a batch run would record it, so the list shows one truth.


def batch_entries(outdir: Path) -> dict[str, Entry]:
    """The last results kept in OUTDIR (batch-state.json and its journal), by absolute unit folder."""
    from generator.batch.state import load_state

    return load_state(outdir)


def batch_run_key(template: Path | None = None, profile: str | None = None) -> str:
    """What every unit of a run shares (version, code, template, profile); TEMPLATE None: the default template."""
    from generator.batch.fingerprint import run_fingerprint
    from generator.render.shipped import default_template

    return run_fingerprint(template or default_template(), profile)


def batch_input_key(folder: Path, year: int | None, run: str) -> str:
    """The hash of everything FOLDER's output is made from (its files, last year's, RUN): a changed key is a stale result."""
    from generator.batch.fingerprint import input_key

    return input_key(folder, year, run)


def prior_folder(folder: Path, year: int | None) -> Path | None:
    """The folder last year is read from: the sibling named YEAR − 1 (FOLDER's own name when YEAR is None)."""
    from generator.batch.fingerprint import prior_folder as prior

    return prior(folder, year)


def generate_into_batch(folder: Path, relative: str, output: Path, template: Path | None, profile: str | None, run: str) -> Entry:
    """Check and generate one unit as a batch run does (never raises); its state entry, not yet recorded."""
    from generator.batch.worker import Task, process_unit

    return process_unit(Task(folder, relative, output, template, profile, run), generate_unit)


def batch_entry_of(folder: Path, relative: str, output: Path, run: str, checked: Checked, key: str) -> Entry:
    """The state entry of a check made outside a batch (CHECKED's report, no document), not yet recorded."""
    from generator.batch.worker import Task, entry_for

    assert checked.report is not None
    task = Task(folder, relative, output, None, None, run)
    year = checked.figures.year if checked.figures is not None else None
    unit_name = checked.figures.unit_name if checked.figures is not None else None
    return entry_for(task, checked.report, unit_name=unit_name, year=year, output=None, crashed=False, seconds=0.0, key=key)


def batch_entry_with_records(folder: Path, entry: Entry) -> Entry:
    """ENTRY (FOLDER's last result) after FOLDER's 核对记录.yaml changed and its data did not: the same document,
    the findings split again by the records as they are now."""
    from generator.batch.worker import with_records

    return with_records(entry, lambda findings: apply_acknowledgements(folder, findings))


def batch_records_changed(folder: Path, entry: Entry) -> bool:
    """Whether FOLDER's 核对记录.yaml is not the one ENTRY's counts reflect."""
    from generator.batch.fingerprint import records_digest

    return entry.get("records") != records_digest(folder)


def record_batch_entries(outdir: Path, entries: Iterable[Entry]) -> None:
    """Add ENTRIES to OUTDIR's state (replacing each unit's earlier one), atomically."""
    from generator.batch.state import Journal, load_state

    journal = Journal(outdir, load_state(outdir))
    for entry in entries:
        journal.record(entry)
    journal.close(complete=True)


def shipped_templates() -> dict[str, Path]:
    """The templates juesuan ships, by name (xinjiang-2024, shanghai-2024, …)."""
    from generator.render.shipped import SHIPPED, shipped_template

    return {name: shipped_template(name) for name in SHIPPED}


# --- what the workbench reads besides a check, and verify: the web imports api alone (tests/test_layers.py) ----------


def workbook_rows(path: Path) -> dict[str, list[list[Any]]] | None:
    """Each sheet of the workbook at PATH as its rows of cell values, read through the guarded reader as `check`
    reads it (bounded extents, no zip bomb, no XML entities); None when it cannot be read (the check says why)."""
    from generator.load.workbook import read_workbook

    book, _ = read_workbook(path, str(path))
    return None if book is None else {name: sheet.rows for name, sheet in book.sheets.items()}


def package_refusal(data: bytes) -> str | None:
    """Why the door every workbook is read through would refuse the .xlsx bytes DATA (a member inflating beyond what it
    declares, XML entities, a scan over its time budget), in Chinese; None when the readers would open it."""
    import io

    from generator.load.package import BUDGET_SECONDS, Deadline, Refusal, scan_package

    scan = scan_package(io.BytesIO(data), Deadline(BUDGET_SECONDS))
    return scan.reason if isinstance(scan, Refusal) else None


def unit_name(root: Path, folder: Path) -> str:
    """The unit-year FOLDER as the path relative to ROOT that names it ("/" separators, "." when ROOT is the unit)."""
    from generator.load.discover import relative_name

    return relative_name(root, folder)


def output_names(root: Path, folders: list[Path]) -> dict[Path, str]:
    """The file name batch and the workbench give each unit's document (unique under ROOT)."""
    from generator.load.discover import output_names as names

    return names(root, folders)


@dataclass(frozen=True)
class KeyFigures:
    """What the workbench shows of the figures, as plain values: the unit and year of its title, and for the charts (万元,
    exact) this year's income and expense by kind (those reported and not zero), and the “三公” items and 机关运行经费 as
    (name, last year, this year), None when not reported."""

    unit: str
    year: int
    income: tuple[tuple[str, Decimal], ...]
    expense: tuple[tuple[str, Decimal], ...]
    against_last_year: tuple[tuple[str, Decimal | None, Decimal | None], ...]


def key_figures(checked: Checked) -> KeyFigures | None:
    """CHECKED's key figures for the charts; None when it has no figures (the folder could not be settled)."""
    figures = checked.figures
    if figures is None:
        return None
    # The one adapter from Figures' fields to the charts: the workbench never reads Figures itself.
    tp = figures.three_public
    rows = [(p.name, p.change.base if p.change else None, p.actual) for p in (tp.total, tp.abroad, tp.vehicle_purchase, tp.vehicle_running, tp.reception)]
    if figures.admin_cost is not None:  # None when not reported
        rows.append(("机关运行经费", figures.admin_cost.base, figures.admin_cost.current))
    return KeyFigures(
        figures.unit_name,
        figures.year,
        tuple((s.name, s.amount) for s in figures.statement.income_sources if s.amount),
        tuple((s.name, s.amount) for s in figures.statement.expense_kinds if s.amount),
        tuple(rows),
    )


VERIFY_TEMPLATES = ("xinjiang-2024", "shanghai-2024")  # what `verify --data` renders the folder with, keeping the closest


def verify_document(path: Path, data: Path | None = None) -> tuple[list[Finding], list[Obligation]]:
    """`juesuan verify`: the findings and coverage of the finished disclosure at PATH (.docx, .pdf, .txt), read on its own
    and, with DATA, against the documents juesuan renders from that folder (at the document's level, in each of
    VERIFY_TEMPLATES). verify reads only documents: the rendering is done here and handed to it as .docx bytes."""
    from generator.verify import verify_document as verify
    from generator.verify.against_data import Expected

    return verify(path, Expected(data, lambda level: _rendered_for_verify(data, level)) if data is not None else None)


def verify_report(path: Path, findings: list[Finding], coverage: list[Obligation], data: Path | None = None) -> Report:
    """verify's findings and coverage of PATH as the one Report value (text, JSON and .xlsx come from it)."""
    from generator.verify.report import verify_report as report

    return report(path, findings, coverage, data)


def _rendered_for_verify(folder: Path, level: str) -> dict[str, bytes]:
    checked = check_folder(folder)
    if checked.figures is None:
        return {}
    rendered = {}
    for template in VERIFY_TEMPLATES:
        data, _ = render_checked(checked, template, level=level)
        if data is not None:
            rendered[template] = data
    return rendered
