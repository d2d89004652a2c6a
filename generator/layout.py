"""The input folder's layout: file names, sheets, headers and the fixed items.

This is data, shared by the loader (which reads by header text, so columns may
be reordered) and by `juesuan init` (which writes the empty workbook). Sheet
and item names follow the official 部门决算公开表.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

WORKBOOK = "决算数据.xlsx"
TEXTS = "文字说明.yaml"
TITLE_ROW, HEADER_ROW = 0, 2  # 0-based: row 1 title, row 2 instructions (the note), row 3 headers
FIRST_DATA_ROW = 3

CODE, NAME, ITEM, CONTENT = "科目编码", "科目名称", "项目", "内容"
PRIOR, REASON, BUDGET_REASON = "上年决算数", "变动原因", "预决算差异原因"
# Columns people add to any sheet that juesuan leaves unread on purpose (any other unknown header is column-unknown).
IGNORED_HEADERS = ("备注", "序号", "行次", "栏次", "编号")


class Kind(StrEnum):
    """What a value is: it decides how a cell is parsed and checked."""

    AMOUNT = "amount"  # money, in the workbook's declared unit
    COUNT = "count"  # whole number of people, vehicles, groups…
    AREA = "area"  # 平方米
    NUMBER = "number"  # any other figure, never scaled (an average score)
    TEXT = "text"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.AMOUNT
    required: bool = True
    aliases: tuple[str, ...] = ()  # other header texts meaning this column (generator.load.sheets.match_headers)


BUDGET, ADJUSTED_BUDGET, PURPOSE = "年初预算数", "全年预算数", "主要用于"
# Optional per-项 columns of the 财政拨款 expense sheets: the budget a 项 is explained against
# (上海 and the 财政部 shape: "主要用于…。年初预算为X万元，支出决算为Y万元…"). They are not summed
# into 款/类 trees and are not parts of a row's 合计.
BUDGET_COLUMNS = (BUDGET, ADJUSTED_BUDGET)
_ITEM_BUDGET = (
    Column(BUDGET, required=False),
    Column(ADJUSTED_BUDGET, required=False),
    Column(PURPOSE, Kind.TEXT, required=False),
    Column(BUDGET_REASON, Kind.TEXT, required=False),
)


@lru_cache(maxsize=64)
def _amount_headers(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(c.header for c in columns if c.kind is Kind.AMOUNT)


@dataclass(frozen=True)
class SubjectSheet:
    """A table keyed by classification code (功能分类 or 经济分类), with a 合计 row."""

    name: str
    note: str
    columns: tuple[Column, ...]
    classification: str = "functional"  # or "economic"
    total_column: str | None = None  # the column that must equal the sum of the others

    @property
    def amount_headers(self) -> tuple[str, ...]:
        return _amount_headers(self.columns)


@dataclass(frozen=True)
class Item:
    name: str
    kind: Kind = Kind.AMOUNT
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemSheet:
    """A table of fixed, named rows (项目) with a few value columns."""

    name: str
    note: str
    columns: tuple[Column, ...]
    items: tuple[Item, ...]
    class_rows: bool = False  # also accepts one row per 功能分类 类, by name
    extra: tuple[Item, ...] = field(default_factory=tuple)
    # Rows named "…<suffix>" beyond the listed items are accepted as items of OPEN_KIND: a list
    # of categories that is data, not code (vehicle categories differ by province and year).
    open_suffix: str = ""
    open_kind: Kind = Kind.COUNT


def _amounts(*headers: str) -> tuple[Column, ...]:
    return tuple(Column(h) for h in headers)


# --- the sheets ---------------------------------------------------------------

# 部门决算 (a department with its units) or 单位决算 (one 所属单位's own document, published since 2021).
LEVELS = ("部门", "单位")

COVER = ItemSheet(
    name="封面",
    note="填写说明：每行一项。金额单位填“元”或“万元”，本工作簿所有金额都按此单位填写。数据来源可注明“财务软件导出”或“根据上年公开说明整理（重构）”。公开模板可留空（默认 xinjiang-2024），或填 shanghai-2024 等内置模板名称、或 .docx 文件路径。决算层级填“部门”（部门决算）或“单位”（所属单位自己的单位决算），留空按模板（shanghai-2024-unit 为单位，其余为部门）。",
    columns=(Column(CONTENT, Kind.TEXT),),
    items=(
        Item("单位名称", Kind.TEXT),
        Item("年度", Kind.COUNT),
        Item("金额单位", Kind.TEXT),
        Item("单位性质", Kind.TEXT),
        Item("数据来源", Kind.TEXT),
        Item("公开模板", Kind.TEXT),
        Item("决算层级", Kind.TEXT),  # 部门 or 单位; blank: the template's (its manifest's 层级)
    ),
)

# The sources of 本年收入: the three 财政拨款 funds, then the others.
FISCAL_INCOMES = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")
OTHER_INCOMES = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
INCOME_SOURCES = (*FISCAL_INCOMES, *OTHER_INCOMES)
# 事业收入, 经营收入 and 其他收入 say what they mainly are in the 上海 名词解释 ("主要是：…收入等"),
# for a unit that has them; the text describes the unit, so `init --from` carries it.
INCOME_CONTENT = "收入主要内容"
EXPLAINED_INCOMES = ("事业收入", "经营收入", "其他收入")
SUMMARY_AMOUNT = "金额"  # the one amount column of the 收入支出决算总表
SUMMARY = ItemSheet(
    name="收入支出决算总表",
    note=(
        "填写说明：按财务软件导出的《收入支出决算总表》逐项填写金额；支出按功能分类“类”逐行填写（科目名称即可）。合计、总计行照抄报表，系统会重新计算并核对。"
        "事业收入、经营收入、其他收入可在“收入主要内容”列写明主要是哪些收入（如“文化培训服务收入、场馆租赁收入”），上海等格式的名词解释写作“主要是：…等”。"
    ),
    columns=_amounts("金额") + (Column(INCOME_CONTENT, Kind.TEXT, required=False),),
    items=tuple(Item(n) for n in INCOME_SOURCES)
    + (
        Item("本年收入合计"),
        Item("使用非财政拨款结余", aliases=("使用非财政拨款结余（含专用结余）", "使用非财政拨款结余(含专用结余)")),
        Item("年初结转和结余"),
        Item("收入总计"),
        Item("本年支出合计"),
        Item("结余分配"),
        Item("年末结转和结余"),
        Item("支出总计"),
    ),
    class_rows=True,
)

INCOME_TOTAL = "本年收入合计"
INCOME_COLUMNS = (INCOME_TOTAL, "财政拨款收入", *OTHER_INCOMES)
INCOME = SubjectSheet(
    name="收入决算表",
    note="填写说明：按功能分类科目逐行填写（类3位、款5位、项7位编码），第一行可为“合计”行。本年收入合计应等于右侧各列之和。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT)) + _amounts(*INCOME_COLUMNS),
    total_column="本年收入合计",
)

EXPENSE_TOTAL = "本年支出合计"
EXPENSE_KINDS = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
EXPENSE_COLUMNS = (EXPENSE_TOTAL, *EXPENSE_KINDS)
EXPENSE = SubjectSheet(
    name="支出决算表",
    note="填写说明：按功能分类科目逐行填写，第一行可为“合计”行。本年支出合计应等于基本支出、项目支出等各列之和。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT)) + _amounts(*EXPENSE_COLUMNS),
    total_column="本年支出合计",
)

FISCAL_TOTAL = "合计"
FISCAL_FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")  # in FISCAL_INCOMES' order
FISCAL_COLUMNS = (FISCAL_TOTAL, *FISCAL_FUNDS)
FISCAL = ItemSheet(
    name="财政拨款收入支出决算总表",
    note="填写说明：按《财政拨款收入支出决算总表》填写；支出按功能分类“类”逐行填写。“合计”列应等于右侧三列之和。",
    columns=_amounts(*FISCAL_COLUMNS),
    items=(
        Item("本年收入", aliases=("本年收入合计",)),
        Item("年初财政拨款结转和结余", aliases=("年初结转和结余",)),
        Item("收入总计"),
        Item("本年支出合计", aliases=("本年支出",)),
        Item("年末财政拨款结转和结余", aliases=("年末结转和结余",)),
        Item("支出总计"),
    ),
    class_rows=True,
)

GPB_COLUMNS = ("合计", "基本支出", "项目支出")
GPB = SubjectSheet(
    name="一般公共预算财政拨款支出决算表",
    note="填写说明：按功能分类科目逐行填写本年数；上年有、本年为零的科目也要列出（本年填0）。上年决算数和变动原因用于公开说明第五部分，变动原因请写完整的一句话。年初预算数、全年预算数（调整预算）、主要用于、预决算差异原因可选，按项填写（上海等按预算说明每个项的格式需要）。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT))
    + _amounts(*GPB_COLUMNS)
    + (Column(PRIOR, required=False), Column(REASON, Kind.TEXT, required=False))
    + _ITEM_BUDGET,
    total_column="合计",
)

BASIC = SubjectSheet(
    name="一般公共预算财政拨款基本支出决算表",
    note="填写说明：按支出经济分类科目逐行填写（类3位、款5位），如301工资福利支出、30101基本工资。可另列“人员经费合计”“公用经费合计”两行，系统会核对。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT), Column("决算数")),
    classification="economic",
)

FUND_COLUMNS = ("年初结转和结余", "本年收入", "本年支出合计", "基本支出", "项目支出", "年末结转和结余")
GOV_FUND = SubjectSheet(
    name="政府性基金预算财政拨款收入支出决算表",
    note="填写说明：本单位无此类收支时保持空表，公开说明将写明“为空表”。年初预算数、全年预算数、主要用于、预决算差异原因可选，按项填写。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT)) + _amounts(*FUND_COLUMNS) + _ITEM_BUDGET,
    total_column="本年支出合计",
)
STATE_CAPITAL = SubjectSheet(
    name="国有资本经营预算财政拨款收入支出决算表",
    note="填写说明：本单位无此类收支时保持空表，公开说明将写明“为空表”。年初预算数、全年预算数、主要用于、预决算差异原因可选，按项填写。",
    columns=(Column(CODE, Kind.TEXT), Column(NAME, Kind.TEXT)) + _amounts(*FUND_COLUMNS) + _ITEM_BUDGET,
    total_column="本年支出合计",
)

# The 功能分类 类 in the order the national 收入支出决算总表 and 财政拨款收入支出决算总表 list them
# (财政部 2024 shape, as the 上海 template prints all 24 rows).
NATIONAL_CLASSES = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("234", "抗疫特别国债安排的支出"),
)

ABROAD, VEHICLES, RECEPTION = "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"
THREE_PUBLIC_PARTS = (ABROAD, VEHICLES, RECEPTION)
VEHICLE_PURCHASE, VEHICLE_RUNNING = "公务用车购置费", "公务用车运行维护费"
VEHICLE_PARTS = (VEHICLE_PURCHASE, VEHICLE_RUNNING)
THREE_PUBLIC = ItemSheet(
    name="财政拨款三公经费支出决算表",
    note="填写说明：全年预算数、决算数照抄《财政拨款“三公”经费支出决算表》；年初预算数可选（上海格式按年初预算说明“完成预算的X%”）；上年决算数在有上年数据文件夹时可不填；变动原因、预决算差异原因各写一句话。",
    columns=_amounts("全年预算数", "决算数")
    + (
        Column(PRIOR, required=False),
        Column(REASON, Kind.TEXT, required=False),
        Column(BUDGET_REASON, Kind.TEXT, required=False),
        Column(BUDGET, required=False),
    ),
    items=(
        Item("合计", aliases=("“三公”经费合计", "三公经费合计")),
        Item("因公出国（境）费", aliases=("因公出国(境)费",)),
        Item("公务用车购置及运行维护费"),
        Item("公务用车购置费", aliases=("其中：公务用车购置费",)),
        Item("公务用车运行维护费", aliases=("其中：公务用车运行维护费",)),
        Item("公务接待费"),
    ),
)

THREE_PUBLIC_DETAILS = ItemSheet(
    name="三公经费明细",
    note="填写说明：数量填整数，外宾接待费填金额；开支内容写一句话，将原样写入公开说明。",
    columns=(Column(CONTENT, Kind.TEXT),),
    items=(
        Item("因公出国（境）团组数", Kind.COUNT),
        Item("因公出国（境）人次", Kind.COUNT),
        Item("因公出国（境）费开支内容", Kind.TEXT),
        Item("公务用车购置数", Kind.COUNT),
        Item("公务用车保有量", Kind.COUNT),
        Item("公务用车运行维护费开支内容", Kind.TEXT),
        Item("固定资产车辆与公务用车保有量差异原因", Kind.TEXT),
        Item("国内公务接待批次", Kind.COUNT),
        Item("国内公务接待人次", Kind.COUNT),
        Item("公务接待费开支内容", Kind.TEXT),
        Item("外宾接待费"),
        Item("外宾接待批次", Kind.COUNT),
        Item("外宾接待人次", Kind.COUNT),
        Item("公务用车购置费开支内容", Kind.TEXT),
    ),
)

OVERVIEW = ItemSheet(
    name="预算及上年情况",
    note="填写说明：年初预算数取自年初部门预算；全年预算数（调整预算）可选，不填时按各项的全年预算数之和（年内新设立、年初预算为0的单位按全年预算说明）；填了的总额预算与各项预算之和核对；上年决算数在有上年数据文件夹时可不填（填了会与上年数据核对）；原因各写一句话。",
    columns=(
        Column(PRIOR, required=False),
        Column("年初预算数", required=False),
        Column(REASON, Kind.TEXT, required=False),
        Column(BUDGET_REASON, Kind.TEXT, required=False),
        Column(ADJUSTED_BUDGET, required=False),  # a total's 全年预算 (a new unit's 年初预算 is 0); else Σ项 全年预算
    ),
    items=(
        Item("收入支出总计"),
        Item("财政拨款收入支出总计"),
        Item("一般公共预算财政拨款支出"),
        # the other fund totals: their 年初/全年预算 (the 上年 and reasons of 七/八 are not compared)
        Item("政府性基金预算财政拨款支出"),
        Item("国有资本经营预算财政拨款支出"),
    ),
)

VEHICLE_KINDS = (
    "副部（省）级及以上领导用车",
    "主要负责人用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部服务用车",
    "其他用车",
)
# 政府采购 as 上海 states it: budgets reserved for SMEs and what SMEs won.
SME_ITEMS = (
    "面向中小企业预留项目预算金额",
    "面向小微企业预留项目预算金额",
    "预留项目中小企业中标金额",
    "预留项目小微企业中标金额",
    "其他项目中小企业中标金额",
)
# 政府采购: the stated total (optional) is checked against 货物 + 工程 + 服务.
PROCUREMENT_TOTAL = "政府采购支出总额"
PROCUREMENT_PARTS = ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")
# 预算绩效管理情况 (上海 十): typed here; the 自评 rows are computed from 绩效自评表 when it exists.
PERFORMANCE_ITEMS = (
    ("绩效目标项目数", Kind.COUNT),
    ("绩效目标项目金额", Kind.AMOUNT),
    ("绩效跟踪项目数", Kind.COUNT),
    ("绩效跟踪项目金额", Kind.AMOUNT),
    ("绩效自评项目数", Kind.COUNT),
    ("绩效自评项目金额", Kind.AMOUNT),
    ("绩效自评平均分", Kind.NUMBER),
    ("绩效评级为优的项目数", Kind.COUNT),
    ("绩效评级为良的项目数", Kind.COUNT),
    ("绩效评级为合格的项目数", Kind.COUNT),
    ("绩效评级为不合格的项目数", Kind.COUNT),
    ("绩效自评发现问题数", Kind.COUNT),
    ("绩效自评问题已整改数", Kind.COUNT),
)
# Per vehicle category, the number bought this year (上海: "购置公务用车N辆（其中：…）"); it adds up to the
# 公务用车购置数 of 三公经费明细.
PURCHASED = "本年购置数"
OTHER_MATTERS = ItemSheet(
    name="其他重要事项",
    note=(
        "填写说明：金额按封面单位填写，车辆、设备、项目、问题填数量，房屋填平方米。机关运行经费的变动原因写在“说明”列；"
        "“其他用车”的说明写其主要用途。车辆按类别逐行填写，类别名称以“用车”结尾，可按本地口径增删（如“部级领导干部用车”）；"
        "本年购置的车辆数可按类别填在“本年购置数”列，合计应等于三公经费明细的“公务用车购置数”。"
        "政府采购支出总额可选（填了会与货物、工程、服务之和核对）；面向中小企业预留等行、预算绩效管理各行可选（上海格式需要）；有绩效自评表时，自评项目数、金额、平均分和评级个数按自评表计算。"
    ),
    columns=(Column("本年数"), Column("上年数", required=False), Column("说明", Kind.TEXT, required=False), Column(PURCHASED, Kind.COUNT, required=False)),
    open_suffix="用车",
    items=(
        Item("机关运行经费"),
        Item("政府采购货物支出"),
        Item("政府采购工程支出"),
        Item("政府采购服务支出"),
        Item("授予中小企业合同金额"),
        Item("授予小微企业合同金额"),
        Item("房屋面积", Kind.AREA),
        Item("房屋价值"),
        Item("车辆价值"),
    )
    + tuple(Item(k, Kind.COUNT) for k in VEHICLE_KINDS)
    + (Item("单价100万元（含）以上设备", Kind.COUNT, aliases=("单价100万元以上设备",)),)
    + tuple(Item(n) for n in SME_ITEMS)
    + tuple(Item(n, k) for n, k in PERFORMANCE_ITEMS)
    + (Item(PROCUREMENT_TOTAL, aliases=("政府采购金额", "政府采购总额")),),  # last: earlier rows keep their places
)

STAFF_ITEMS = ("实有人数", "在职人员", "离休人员", "退休人员")
STAFF = ItemSheet(
    name="人员情况",
    note="填写说明：填年末实有人数；上年人数在有上年数据文件夹时可不填。",
    columns=(Column("本年人数", Kind.COUNT), Column("上年人数", Kind.COUNT, required=False)),
    items=tuple(Item(n, Kind.COUNT) for n in STAFF_ITEMS),
)

ITEM_SHEETS = (COVER, SUMMARY, FISCAL, THREE_PUBLIC, THREE_PUBLIC_DETAILS, OVERVIEW, OTHER_MATTERS, STAFF)
SUBJECT_SHEETS = (INCOME, EXPENSE, GPB, BASIC, GOV_FUND, STATE_CAPITAL)
SHEET_ORDER = (
    COVER,
    SUMMARY,
    INCOME,
    EXPENSE,
    FISCAL,
    GPB,
    BASIC,
    GOV_FUND,
    STATE_CAPITAL,
    THREE_PUBLIC,
    THREE_PUBLIC_DETAILS,
    OVERVIEW,
    OTHER_MATTERS,
    STAFF,
)


# The official 一般公共预算财政拨款基本支出决算表 (财政部 and 上海 2024 form): 人员经费 on the left, 公用经费
# on the right, every row printed whether or not the unit spent on it. A code a unit reports beyond
# these rows is printed too, in its block and code order.
BASIC_FORM_PERSONNEL = (
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113", "30114", "30199",
    "303", "30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310", "30311", "30399",
)
BASIC_FORM_PUBLIC = (
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212", "30213", "30214",
    "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299",
    "310", "31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099",
)
