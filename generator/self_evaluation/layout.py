"""The layout of 绩效自评表.xlsx: its sheets, their titles, instructions and headers.

Shared by the writer of the empty workbook and the loader, so that both agree.
Row 1 is a title, row 2 a short 填写说明, row 3 the headers, data from row 4.
Columns are found by header text, so their order may change.
"""

from __future__ import annotations

from dataclasses import dataclass

WORKBOOK_NAME = "绩效自评表.xlsx"
TITLE_ROW, INSTRUCTION_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2, 3  # 0-based


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = True
    width: int = 12
    text: bool = False  # stored as text, so that "=1辆" is not taken for a formula
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SheetLayout:
    name: str
    title: str
    instruction: str
    columns: tuple[Column, ...]
    # Columns that are optional together: all present, or all absent (another form of the table).
    together: tuple[str, ...] = ()


PROJECTS = SheetLayout(
    name="项目概况",
    title="项目支出绩效自评：项目概况（每个项目一行）",
    instruction=(
        "填写说明：每个项目一行，项目名称须与其他工作表一致；分值为资金执行率分值，空白按评分规则默认（一般为10）。"
        "印刷执行率、印刷执行率得分、印刷总分、印刷等级可选，填已印发文件中的数字，用于核对。"
        "项目总投资、项目总实施期可选；表样可填 新疆、宁夏 或 重庆，决定单独生成的绩效自评表的格式（空白按评分规则）。"
    ),
    columns=(
        Column("项目名称", width=40),
        Column("主管部门", width=24),
        Column("实施单位", width=24),
        Column("年度总体目标（预期目标）", width=60),
        Column("年度总体目标（实际完成情况）", width=60),
        Column("分值", required=False, width=8),
        Column("印刷执行率", required=False, width=12, text=True),
        Column("印刷执行率得分", required=False, width=12),
        Column("印刷总分", required=False, width=12, text=True),
        Column("印刷等级", required=False, width=8, text=True, aliases=("等级", "评价等级")),
        Column("项目总投资", required=False, width=12),
        Column("项目总实施期", required=False, width=16, text=True, aliases=("项目实施期",)),
        Column("表样", required=False, width=8, text=True),
    ),
)

PROJECT_FUNDS = SheetLayout(
    name="项目资金",
    title="项目支出绩效自评：项目资金（金额单位：万元）",
    instruction=(
        "填写说明：每个项目每个资金来源一行；项目名称空白表示同上一行。资金来源填：年度资金总额、当年财政拨款、"
        "上年结转资金、其他资金。金额单位为万元（如用元，请把第1行改为“金额单位：元”）。"
    ),
    columns=(
        Column("项目名称", width=40),
        Column("资金来源", width=16),
        Column("年初预算数", width=14),
        Column("全年预算数", width=14),
        Column("全年执行数", width=14),
    ),
)

PROJECT_INDICATORS = SheetLayout(
    name="项目绩效指标",
    title="项目支出绩效自评：绩效指标（每个三级指标一行）",
    instruction=(
        "填写说明：项目名称、一级指标、二级指标空白表示同上一行。目标值、完成值按文字填写，如 >=95%、<=3.50万元、=1辆、"
        "2024年12月10日前、显著提升、达到预期指标。赋分规则如：按照完成比例赋分、按评判等级赋分、直接赋分、满意度赋分。"
        "印刷完成率、印刷得分可选，用于核对已印发文件；手工得分会替代规则得分，须同时写明手工得分原因。"
        "一级、二级指标可写明分值，如“产出指标（50分）”，会与各行权重之和核对。"
        "年初指标值、计量单位、指标性质（正向/反向/定性）、得分系数、是否核心指标均为可选列；"
        "紧凑表样（重庆式）可不设一级指标、二级指标两列，三级指标列可写作“指标名称”。"
    ),
    columns=(
        Column("项目名称", width=30),
        # A compact (重庆) table has neither 一级 nor 二级 column: both absent is that layout, one absent an error.
        Column("一级指标", required=False, width=12),
        Column("二级指标", required=False, width=14),
        Column("三级指标", width=30, aliases=("指标名称",)),
        Column("权重", width=8, aliases=("权重（分）", "分值")),
        Column("目标值", width=16, text=True, aliases=("年度指标值", "年度指标值（A）", "调整后指标值")),
        Column("完成值", width=16, text=True, aliases=("业绩值", "全年实际值", "全年实际值（B）", "实际完成值", "全年完成值")),
        # Text printed beside the scores; a form that has no such column (宁夏, 重庆) may leave it out.
        Column("指标值设定依据", required=False, width=14),
        Column("上年完成情况", required=False, width=14, text=True),
        Column("赋分规则", required=False, width=18, aliases=("得分计算方法",)),
        Column("佐证资料", required=False, width=12),
        Column("偏差原因分析及改进措施", required=False, width=40),
        Column("印刷完成率", required=False, width=12, text=True),
        Column("印刷得分", required=False, width=10, aliases=("指标得分", "得分")),
        Column("手工得分", required=False, width=10),
        Column("手工得分原因", required=False, width=30),
        Column("年初指标值", required=False, width=16, text=True),
        Column("计量单位", required=False, width=8, text=True),
        Column("指标性质", required=False, width=10, text=True),
        Column("得分系数", required=False, width=10, text=True, aliases=("得分系数（%）",)),
        Column("是否核心指标", required=False, width=10, text=True),
    ),
    together=("一级指标", "二级指标"),
)

UNIT = SheetLayout(
    name="整体概况",
    title="单位整体支出绩效自评：概况（填一行）",
    instruction=(
        "填写说明：填一行；没有整体支出绩效自评表的单位，本表及“整体资金”“整体绩效指标”留空。"
        "分值空白按评分规则默认；印刷执行率、印刷执行率得分、印刷总分可选，用于核对。"
    ),
    columns=(
        Column("单位名称", width=30),
        Column("年度总体目标（预期目标）", width=60),
        Column("年度总体目标（实际完成情况）", width=60),
        Column("分值", required=False, width=8),
        Column("印刷执行率", required=False, width=12, text=True),
        Column("印刷执行率得分", required=False, width=12),
        Column("印刷总分", required=False, width=12, text=True),
        Column("印刷等级", required=False, width=8, text=True, aliases=("等级", "评价等级")),
    ),
)

UNIT_FUNDS = SheetLayout(
    name="整体资金",
    title="单位整体支出绩效自评：部门资金（金额单位：万元）",
    instruction="填写说明：资金来源填：上级资金、本级资金、其他资金、合计，每个一行；也可填 财政拨款（其中：当年财政拨款、上年结转资金）、其他资金、合计。"
    "金额单位为万元（如用元，请把第1行改为“金额单位：元”）；单元格里也可写明单位，如“2403万”“24030000元”。",
    columns=(
        Column("资金来源", width=16),
        Column("年初预算数", width=14),
        Column("全年预算数", width=14),
        Column("全年执行数", width=14),
    ),
)

UNIT_INDICATORS = SheetLayout(
    name="整体绩效指标",
    title="单位整体支出绩效自评：绩效指标（每个三级指标一行）",
    instruction=(
        "填写说明：一级指标、二级指标空白表示同上一行。预期指标值、实际完成指标值按文字填写，如 <=8个、>=95%。"
        "印刷得分可选，用于核对；手工得分会替代规则得分，须写明手工得分原因。"
        "年初指标值、计量单位、指标性质、得分系数、是否核心指标为可选列（紧凑表样印这些列）；"
        "紧凑表样（重庆式）可不设一级指标、二级指标两列。"
    ),
    columns=(
        # A compact (重庆) table has neither 一级 nor 二级 column: both absent is that layout, one absent an error.
        Column("一级指标", required=False, width=12),
        Column("二级指标", required=False, width=14),
        Column("三级指标", width=36, aliases=("指标名称",)),
        Column("预期指标值", width=16, text=True, aliases=("调整后指标值",)),
        Column("指标值设定依据", required=False, width=14),
        Column("分值权重", width=10, aliases=("权重（分）", "权重")),
        Column("实际完成指标值", width=16, text=True, aliases=("全年完成值",)),
        Column("印刷得分", required=False, width=10, aliases=("指标得分", "得分")),
        Column("手工得分", required=False, width=10),
        Column("手工得分原因", required=False, width=30),
        Column("年初指标值", required=False, width=16, text=True),
        Column("计量单位", required=False, width=8, text=True),
        Column("指标性质", required=False, width=10, text=True),
        Column("得分系数", required=False, width=10, text=True, aliases=("得分系数（%）",)),
        Column("是否核心指标", required=False, width=10, text=True),
    ),
    together=("一级指标", "二级指标"),
)

SHEETS: tuple[SheetLayout, ...] = (PROJECTS, PROJECT_FUNDS, PROJECT_INDICATORS, UNIT, UNIT_FUNDS, UNIT_INDICATORS)

# 资金来源 as people write them -> the canonical label printed in the table.
PROJECT_SOURCES = {
    "年度资金总额": "年度资金总额",
    "合计": "年度资金总额",
    "当年财政拨款": "当年财政拨款",
    "财政拨款": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
    "其他资金": "其他资金",
}
UNIT_SOURCES = {
    "上级资金": "上级资金",
    "本级资金": "本级资金",
    "其他资金": "其他资金",
    "合计": "合计",
    "年度资金总额": "合计",
    "财政拨款": "财政拨款",
    "当年财政拨款": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
}
# A "财政拨款" line, when a table has one, is broken down into these ("其中：当年财政拨款 / 上年结转资金").
FISCAL, FISCAL_PARTS = "财政拨款", ("当年财政拨款", "上年结转资金")
PROJECT_TOTAL, UNIT_TOTAL = "年度资金总额", "合计"
