"""The self-evaluation as entered: one unit-wide table and the project tables.

The same model family as the unit-year (generator.model): frozen, no extra fields, on its `Frozen` base.

Values are kept "as reported" (typed totals, printed figures) next to what is
needed to compute; the scoring stage computes, the checks compare. Amounts are
exact Decimals in 万元. Every field that came from a cell keeps its Location.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from pydantic import SkipValidation

from generator.findings import Finding, Location
from generator.model import Frozen
from generator.self_evaluation.profile import Profile
from generator.self_evaluation.targets import Measure

# Where each cell of a row stands. Not validated: the loader builds them (lazily, see
# generator.load.self_evaluation.sheets.LazyCells) and validating would build every Location up front.
CellMap = SkipValidation[Mapping[str, Location]]


class FundsLine(Frozen):
    """One row of the 资金 block: 年度资金总额 / 当年财政拨款 / … or 上级资金 / 合计."""

    source: str
    initial_budget: Decimal | None  # 年初预算数
    annual_budget: Decimal | None  # 全年预算数
    executed: Decimal | None  # 全年执行数
    cells: CellMap = {}  # header -> cell
    unreadable: tuple[str, ...] = ()  # headers whose cell could not be read (a finding was emitted there)
    parent: str = ""  # "财政拨款" for its "其中" rows (当年财政拨款, 上年结转资金); "" for a top-level source


class Funds(Frozen):
    total: FundsLine | None  # the typed total row (年度资金总额 or 合计), if any
    sources: tuple[FundsLine, ...]  # in sheet order, "其中" rows after their parent
    total_label: str  # 年度资金总额 for projects, 合计 for the unit
    unit: str = "万元"  # the unit the sheet was typed in: what a 尾差 is measured against

    @property
    def top_level(self) -> tuple[FundsLine, ...]:
        """The sources that add up to the total (not the "其中" rows)."""
        return tuple(line for line in self.sources if not line.parent)

    def children(self, parent: str) -> tuple[FundsLine, ...]:
        return tuple(line for line in self.sources if line.parent == parent)


class Override(Frozen):
    """A score typed by hand (手工得分) that replaces the rule's score."""

    score: Decimal
    reason: str
    location: Location


class Indicator(Frozen):
    """One 三级指标 row."""

    level1: str
    level2: str
    level3: str
    weight: Decimal | None
    target_text: str
    actual_text: str
    target: Measure | None  # None when unparseable (a finding was emitted)
    actual: Measure | None
    basis: str = ""  # 指标值设定依据
    last_year: str = ""  # 上年完成情况
    rule_text: str = ""  # 赋分规则 as typed
    evidence: str = ""  # 佐证资料
    deviation: str = ""  # 偏差原因分析及改进措施
    printed_rate: Decimal | None = None  # 印刷完成率 in percent points (97.95)
    printed_score: Decimal | None = None
    override: Override | None = None
    initial_target: str = ""  # 年初指标值, when the target was adjusted during the year
    unit_text: str = ""  # 计量单位
    nature: str = ""  # 指标性质: 正向 / 反向 / 定性
    printed_coefficient: Decimal | None = None  # 得分系数 in percent points, as printed
    core: str = ""  # 是否核心指标
    level1_weight: Decimal | None = None  # stated in the group's name: "产出指标（50分）"
    level2_weight: Decimal | None = None  # "数量指标（10分）"
    row: Location  # the whole row
    cells: CellMap = {}


class Printed(Frozen):
    """Figures a previous document printed for a table, to compare with ours."""

    execution_rate: Decimal | None = None  # percent points
    execution_score: Decimal | None = None
    total: Decimal | None = None
    grade: str = ""  # 等级 as printed (优/良/中/差)
    cells: CellMap = {}


class ProjectTable(Frozen):
    name: str
    department: str  # 主管部门
    implementer: str  # 实施单位
    goal_expected: str
    goal_actual: str
    execution_weight: Decimal | None  # 分值; None means the profile's default
    funds: Funds
    indicators: tuple[Indicator, ...]
    printed: Printed
    row: Location
    total_investment: Decimal | None = None  # 项目总投资 (万元)
    period: str = ""  # 项目总实施期


class UnitTable(Frozen):
    unit_name: str
    goal_expected: str
    goal_actual: str
    execution_weight: Decimal | None
    funds: Funds
    indicators: tuple[Indicator, ...]
    printed: Printed
    row: Location


class SelfEvaluation(Frozen):
    source: str  # the workbook, as named in messages
    year: int | None
    layout: str = ""  # the 表样 the workbook asks for (新疆/宁夏/重庆), "" for the profile's
    unit: UnitTable | None
    projects: tuple[ProjectTable, ...]


@dataclass(frozen=True)
class SelfEvaluationInput:
    """What load read of a folder's self-evaluation: the workbook and the profile to score it under.

    Nothing to score is a fact of the data: no 绩效自评表.xlsx (ABSENT, the checks do not apply), or one
    that could not be read (UNREADABLE says why; its FINDINGS say where). FINDINGS are the reading's own
    (a bad cell, a bad profile): they never stop the disclosure's checks.
    """

    evaluation: SelfEvaluation | None = None
    profile: Profile | None = None
    findings: tuple[Finding, ...] = ()
    absent: bool = False  # the folder has no 绩效自评表.xlsx
    unreadable: str = ""  # why nothing can be scored though the workbook is there ("" when it can)
    year: int | None = None  # the year it was read for (the 封面's, else the folder's name, else the workbook's title)
