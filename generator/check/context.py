"""What every check rule receives."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.compute.figures import Figures

if TYPE_CHECKING:
    from generator.check.completeness import TemplateNeeds
    from generator.compute.self_evaluation.stage import SelfEvaluationFigures


class CouldNotRun(Exception):  # noqa: N818 - a verdict, not a failure
    """Raised by a rule whose data could not be read (the message, Chinese, says why): never counted as passed."""


@dataclass(frozen=True)
class Settings:
    change_threshold: Decimal = Decimal("0.10")  # a change of 10% or more needs a reason
    # A 三公 决算 that differs from its budget by more than this needs a reason; inspections ask for every one (0).
    three_public_threshold: Decimal = Decimal(0)
    template: str | None = None  # the template rendered with (--template: a shipped name or a path); None: the 封面's
    only: frozenset[str] = frozenset()  # --only CODE: run only the rules that emit one of these codes
    skip: frozenset[str] = frozenset()  # --skip CODE: do not run the rules that emit one of these codes
    # What the template rendered with reads (its kit: generator.api builds it from the template and its
    # manifest); None: the default template's needs. Check judges blanks by this alone.
    needs: TemplateNeeds | None = None
    # 部门 or 单位: the level the document is written at (--level); None: the template's manifest (层级) says,
    # else 部门 (generator.api settles it before the rules run).
    level: str | None = None


@dataclass(frozen=True)
class CheckContext:
    known: Figures | None  # None: only the self-evaluation is checked (generate --only self-evaluation)
    settings: Settings = Settings()
    self_evaluation: SelfEvaluationFigures | None = None  # the scored 绩效自评表 (None: not read)

    @property
    def figures(self) -> Figures:
        if self.known is None:
            raise CouldNotRun("决算数据未读取")
        return self.known


def money(ctx: CheckContext, value: Decimal | None) -> str:
    """An amount in the workbook's own unit, as the person typed it."""
    from generator.display import format_amount

    if value is None:
        return "（空）"
    if ctx.figures.declared_unit == "元":
        return f"{format_amount(value * 10000)}元"
    return f"{format_amount(value)}万元"
