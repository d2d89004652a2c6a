"""Every finding code juesuan emits, declared once: severity, Chinese title and help, the keys of its values.

Like frictionless' error classes: a code is declared here before anything emits it, with a message
template over named values; `findings.emit(code, location, **values)` builds the message from it.
Emitting an undeclared or retired code, with a severity it is not declared with, with a value key it
does not declare, or without a value its message names raises FindingDeclarationError in every run
(a bug in juesuan: a check rule's becomes a `crashed` finding, elsewhere the CLI's internal-error exit 3).
There is no way to emit a finding with a written message: `emit` refuses one.
docs/findings.md and docs/findings-self-evaluation.md are generated from this module:

    python -m generator.finding_codes      # rewrite both files after changing a declaration

To add a code: one `Code(...)` line in the right section — code, severity, a short title (a few
words, not the start of the help), the keys of `values` it carries, the help text (what it means,
then 处理：what to do), and its `message`: a template over `values` and `words` (display-only pieces
already worded for a person, such as an amount in the workbook's own unit; they are not kept in values).

Codes are stable and never renamed. A code that is no longer emitted stays declared in RETIRED
with the code that replaced it, so that old `--format json` output and batch reports can still
be read; emitting a retired code fails like an undeclared one.

`values` keys: one name per concept, across all codes —
  stated    the figure as the workbook (or the document, or last year's workbook) states it
  computed  the same figure as juesuan computes it (from its parts, or from another table)
  difference  stated − computed
  current / prior   this year's and last year's figure of one item (changes over the year)
  expected / actual  a count or name that should be there, and the one found
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ERROR, WARNING, INFO, RETIRED_SEVERITY = "error", "warning", "info", "retired"


@dataclass(frozen=True)
class Code:
    code: str
    severity: str  # error | warning | info (Severity's values; this module imports nothing of ours)
    title: str  # a few Chinese words: what happened
    values: tuple[str, ...]  # the keys of Finding.values this code carries (some may be absent)
    help: str  # Chinese: what it means, then 处理：what to do (the text of the docs entry)
    replaced_by: str = ""  # for a retired code: the code emitted instead
    message: str = ""  # the Chinese message as a str.format template over values and words ("" : the emit site writes it)
    words: tuple[str, ...] = ()  # display-only fields of the message, not kept in the finding's values

    def fields(self) -> set[str]:
        """The names the message template reads."""
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(self.message) if name}

    def render(self, values: Mapping[str, Any]) -> str:
        """The message with VALUES (values and words) filled in; FindingDeclarationError when one it names is missing."""
        if not self.message:
            raise FindingDeclarationError(f"finding code {self.code!r} has no message template: add message=... to its Code")
        missing = self.fields() - set(values)
        if missing:
            raise FindingDeclarationError(f"finding code {self.code!r} emitted without {sorted(missing)}, which its message names")
        return self.message.format(**{name: _visible(value) for name, value in values.items()})


# Control characters a cell or file name may hold ("a\x00b"): invisible on a screen and refused by every .xlsx writer
# (the 问题清单 of check, batch and diff), so a message shows them as \x00.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _visible(value: Any) -> Any:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value) if isinstance(value, str) else value


class FindingDeclarationError(Exception):
    """A finding emitted against its declaration: a bug in juesuan, never a problem of the user's data."""


@dataclass(frozen=True)
class Section:
    title: str
    codes: tuple[Code, ...]


MAIN_INTRO = """\
# Findings of juesuan (决算数据的核对结果)

Every finding code emitted by `generator/` outside the self-evaluation stage (whose codes are in
[findings-self-evaluation.md](findings-self-evaluation.md)). Codes are stable and never renamed; tests and
`juesuan check --format json` rely on them. Each entry: the severity and a short title, then in Chinese
what it means and what to do, the keys of its `values`, and its message template (every message is built
from it: a `{name}` is one of the values, or a piece already worded for a person, such as an amount in the
workbook's unit).

Severities: **error** — the data disagrees with itself or cannot be used; `juesuan generate`
refuses to write the document (unless `--force`). **warning** — worth a look, does not stop
anything. An error found while *loading* stops before any figure is computed. Exit codes (the
one table is [exit-codes.md](exit-codes.md)): 2 when the folder, the workbook or its 封面 cannot be
read at all; 1 for errors in readable data, both the cell-level loading errors (a sheet, header or
cell that cannot be used) and the errors of the *checks*; 4 when `generate` cannot write its output. No input ever
produces a traceback: a bug in juesuan itself is not a finding but exit 3, one Chinese line naming
the log file (`juesuan-error-<time>-<pid>.log` in the temporary directory) that holds the traceback.

Where a figure is compared with another, a difference of at most 0.01万元 per part summed (尾差,
rounding) is a warning, beyond it an error.
"""

SELF_EVALUATION_INTRO = """\
# Findings of the self-evaluation (绩效自评)

Codes emitted by the self-evaluation stage of the pipeline: loading 绩效自评表.xlsx and a scoring profile
(`generator/load/self_evaluation/`), scoring (`generator/compute/self_evaluation/`), its check rules
(`generator/check/self_evaluation.py`, in the one registry: `check --only/--skip CODE` choose them). Codes are stable; the message is built from the structured values. Each entry:
severity, then a one-line Chinese explanation. The loader also passes on the workbook codes of
`generator/load/` (`file-unreadable`, `file-too-large`) and the cell codes `formula-without-value` and `not-a-number`
(a number cell — 权重, 金额, 印刷得分, 手工得分 — holding text), documented with those modules, and
`column-unknown` (a header no column takes). The texts a person wrote into the tables (年度总体目标, 三级指标,
目标值/完成值, 偏差原因, 佐证资料, 手工得分原因 …) are checked like those of the main workbook:
`text-placeholder` (error) and `text-repeated` (warning), documented in [findings.md](findings.md).
"""

MAIN: tuple[Section, ...] = (
    Section(
        "Reading the folder and the workbook",
        (
            Code("folder-missing", ERROR, "找不到数据文件夹", (),
                 "找不到数据文件夹。处理：检查路径是否写对（应为“单位/年度”文件夹，如 inputs/某单位/2024）。",
                 message="找不到数据文件夹：{path}", words=("path",)),
            Code("file-missing", ERROR, "数据文件夹中没有 决算数据.xlsx", ("path",),
                 "数据文件夹中没有 决算数据.xlsx。处理：放入工作簿，或用 `juesuan init 文件夹` 生成空白模板后填写。",
                 message="找不到文件：{path}"),
            Code("file-unreadable", ERROR, "工作簿无法读取", ("reason",),
                 "文件不是可读取的 .xlsx 工作簿（如改了扩展名的 CSV、.xls 或损坏文件）。处理：用 Excel 或 WPS 打开后另存为 .xlsx。",
                 message="无法读取 {label}：{problem}{advice}", words=("label", "problem", "advice")),
            Code("file-too-large", ERROR, "文件过大", ("size",),
                 "文件超过大小上限（工作簿 20 MB，文字说明.yaml 1 MB，交给 verify 的 .docx/.pdf 50 MB），多半选错了文件。处理：确认选择的是本单位的文件。",
                 message="文件过大（{size_text}上限 {limit_text}），请确认选对了文件", words=("size_text", "limit_text")),
            Code("file-not-regular", ERROR, "要读取的不是普通文件", ("kind",),
                 "工作簿（或文字说明.yaml 等要读取的文件）的位置上是一个文件夹、命名管道（FIFO）、设备文件、指向不存在文件的符号链接，或指向所在文件夹之外的符号链接（kind=link-outside：数据文件夹来自别处，不能借链接读取本机的其他文件），不是普通文件，不予读取（指向同一文件夹内普通文件的符号链接照常读取）。上年文件夹中出现时，本年核对照常进行，另给出 prior-year-unreadable 警告。处理：换成真正的 .xlsx 文件。",
                 message="{label} 是{kind_text}，不是普通文件，不予读取{advice}", words=("label", "kind_text", "advice")),
            Code("file-inflates", ERROR, "工作簿解压后过大", ("limit", "member", "members", "ratio",),
                 "工作簿（.xlsx 是一个 zip 压缩包）解压后超过上限：全部部件合计超过 100 MB，某个超过 1 MB 的部件压缩比超过 100:1（疑似“压缩炸弹”），或部件超过 2000 个。提示中给出部件名和上限。读取前先检查，不会因此耗尽内存。处理：决算数据工作簿通常只有几十 KB，确认选对了文件；确需读取时用 Excel 或 WPS 删除无关内容后另存。",
                 message="{noun}{problem}，超过上限 {limit_text}{note}", words=("noun", "problem", "limit_text", "note")),
            Code("xml-entities", ERROR, "工作簿含 XML 实体声明", ("member",),
                 "工作簿中的某个 XML 部件含有 DOCTYPE 或 ENTITY 声明。Excel 和 WPS 从不写入这种声明，它可以让读取程序展开成无穷大的文本或读取本机文件，所以不予读取。处理：用 Excel 或 WPS 打开后另存为 .xlsx。",
                 message="{noun}部件 {member} 含有 XML 实体或 DOCTYPE 声明（Excel、WPS 和 Word 都不会写入），出于安全不予读取", words=("noun",)),
            Code("file-too-slow", ERROR, "读取工作簿超时", ("seconds",),
                 "读取一个工作簿超过了时间上限（30 秒），已停止读取。正常的决算数据工作簿在 1 秒内读完。处理：用 Excel 或 WPS 打开后另存为 .xlsx，删除无关的工作表和远处的内容后重试。",
                 message="读取工作簿超过时间上限（{seconds:g} 秒），已停止；决算数据工作簿通常在 1 秒内读完"),
            Code("cell-out-of-range", WARNING, "读取范围以外有内容", ("cells",),
                 "工作表在读取范围（前 20000 行、A–BL 列）以外的单元格有内容，位置为第一个这样的单元格，提示中给出个数；这些内容不读取，其余照常读取。决算数据不会填在这么远的位置，多半是误输入（如在 XFD1048576 单元格误打了字）。处理：删除这些单元格的内容。",
                 message="{cell}{more}在读取范围（前 {rows} 行、A–{last_column} 列）之外，其内容未读取；决算数据不会填在这么远的位置，多半是误输入，请删除", words=("cell", "more", "rows", "last_column")),
            Code("formula-scan-failed", WARNING, "公式单元格检查失败", ("reason",),
                 "检查公式单元格的那一遍读取失败（工作表 XML 不规范或超时）；其余数据照常读取，但没有保存计算结果的公式单元格会被当作空白。处理：用 Excel 或 WPS 打开工作簿并保存后重试。",
                 message="无法检查工作簿中的公式（{why}）：公式若没有保存计算结果，会被当作空白读取；请用 Excel 或 WPS 打开并保存后重试", words=("why",)),
            Code("sheet-missing", ERROR, "缺少工作表", ("sheet",),
                 "工作簿缺少某张决算报表（按名称查找；政府性基金、国有资本经营两张表可以没有，见 sheet-absent-empty；juesuan 的补充表缺少时见 sheet-absent）。处理：补上该工作表，或从 `juesuan init` 生成的模板中复制；缺少“封面”时无法继续读取。",
                 message="工作簿缺少工作表「{sheet}」（可用 juesuan init 生成完整模板）"),
            Code("sheet-absent-empty", INFO, "没有基金表，按空表处理", ("sheet",),
                 "工作簿中没有《政府性基金预算财政拨款收入支出决算表》或《国有资本经营预算财政拨款收入支出决算表》：这两张表在没有这类收支时可以为空（财务软件常不导出没有数据的表），按空表处理，公开说明写明本单位无这类收支、该表为空表（上海模板：本表无数据）。其他工作表缺少时是 sheet-missing（错误）。处理：确有这类收支时补上这张表并照决算报表填写。",
                 message="工作簿中没有《{sheet}》：按空表处理，公开说明写明本单位无这类收支、该表为空表"),
            Code("sheet-absent", WARNING, "没有 juesuan 的补充表，按未填报处理", ("sheet",),
                 "工作簿中没有“三公”经费明细、预算及上年情况、其他重要事项或人员情况（juesuan 的补充表，财务软件不导出）：其中各项都按未填报处理，核对空白的规则逐项说明（blank-left-out、blank-required、section-without-data 等），用到的句子不写或写明“未填报”。这是输入格式的缺口，不是数据的矛盾，所以不是错误。处理：从 `juesuan init` 生成的模板中复制这张表并照实填写。",
                 message="工作簿中没有《{sheet}》：其中各项按未填报处理（见下面各项的提示），用到的句子不写或写明未填报；请从 juesuan init 生成的模板中复制这张表并填写"),
            Code("header-missing", ERROR, "找不到表头行", ("column",),
                 "工作表前几行找不到表头行（如“项目”“科目编码”）。处理：第3行应为表头，照模板恢复。",
                 message="找不到表头行：第{row}行应包含「{column}」等列名", words=("row",)),
            Code("column-missing", ERROR, "缺少必需的列", ("column",),
                 "表头行缺少必需的列，位置为表头所在行。处理：按提示补上或改正列名（列的顺序可以不同）。",
                 message="表头（第{row}行）缺少列「{column}」", words=("row",)),
            Code("formula-without-value", ERROR, "公式没有保存计算结果", ("header",),
                 "单元格是公式，但文件没有保存计算结果（由程序生成、未在 Excel/WPS 中打开保存过）。处理：在 Excel 或 WPS 中打开并保存，或直接填写数值。",
                 message="{header}是公式，但文件中没有保存计算结果：请在 Excel 或 WPS 中打开并保存后重试，或直接填写数值"),
            Code("not-a-number", ERROR, "应填数字处不是数字", ("value",),
                 "应填数字的单元格是文字（如“十二万”、“15,73”），或不是有限的普通数字（“NaN”“Infinity”“inf”，带下划线的“1_000”）。处理：改为阿拉伯数字（可带千分位逗号），金额按封面声明的单位填写。",
                 message="{what}{problem}", words=("what", "problem")),
            Code("number-too-large", ERROR, "数字大得不可能", ("value",),
                 "数字的绝对值超过 1,000,000,000,000,000（一千万亿，即 10^15）：任何单位的决算都不会有这样的数（全国一年的预算约为 10^13 元），多半是多输了数字或粘贴了别的内容。处理：改正该单元格。",
                 message="{what}{problem}", words=("what", "problem")),
            Code("negative-amount", ERROR, "金额或数量为负数", ("value",),
                 "金额或数量为负数。处理：决算报表中的金额不应为负，核对后改正。",
                 message="{what}不能为负数（{value}）", words=("what",)),
            Code("not-a-whole-number", ERROR, "人数、车辆数、团组数等数量不是整数", ("value",),
                 "人数、车辆数、团组数等数量不是整数。处理：改为整数。",
                 message="{what}应为整数，实际为 {value}", words=("what",)),
            Code("code-format", ERROR, "科目编码格式不对", ("subject_code",),
                 "科目编码格式不对（功能分类应为3、5、7位数字，经济分类为3、5位数字），本行未读取。处理：照财务软件导出的编码改正（注意字母 O 与数字 0）。",
                 message="科目编码「{subject_code}」格式不对：功能分类应为3位（类）、5位（款）或7位（项）数字，经济分类为3位或5位"),
            Code("code-duplicate", ERROR, "科目编码重复", ("first_row", "subject_code",),
                 "科目表中同一个科目编码出现了两行，后一行未使用（过去会悄悄只保留其中一行，合计仍可能相符，错误不易发现）。位置是重复的那一行的编码单元格，提示中给出第一次出现的行号。处理：删除重复的一行，或改正录错的编码。",
                 message="科目编码「{subject_code}」重复出现（另见第{first_row}行），本行未使用；请删除重复的一行或改正编码"),
            Code("code-missing", ERROR, "缺少科目编码", ("name",),
                 "科目表中一行有名称却没有科目编码（合计行、人员经费合计、公用经费合计除外）。处理：补上编码，或写成“2101501 行政运行”的形式。",
                 message="「{name}」一行缺少科目编码"),
            Code("column-unknown", WARNING, "表头中有不认识的列，此列未读取", ("header",),
                 "决算数据.xlsx 或 绩效自评表.xlsx 某个工作表的表头行中有不认识的列名（或同一列名出现了两次），这一列的内容不会被读取，也不会出现在公开说明中；过去是悄悄忽略。位置为该表头单元格，header 为表头文字。“备注”“序号”“行次”“栏次”“编号”列是有意不读的，不提示。处理：核对拼写，应与模板（`juesuan init`）的表头一致，如“变动原因”“预决算差异原因”；不需要的列可删除或把表头改为“备注”；重复的列删去一列。",
                 message="{problem}，此列未读取：{advice}", words=("problem", "advice")),
            Code("item-unknown", WARNING, "不认识的项目名称", ("name",),
                 "项目表中有不认识的项目名称，本行未使用。处理：核对拼写，应与模板中的项目名称一致。",
                 message="{problem}", words=("problem",)),
            Code("item-duplicate", ERROR, "项目重复", ("name",),
                 "同一项目在表中出现了两次（名称中的空格、括号全半角不计），后一行未使用。处理：删除重复的一行。",
                 message="项目「{name}」重复出现（另见第{first_row}行）", words=("first_row",)),
            Code("cover-missing", ERROR, "封面缺少单位名称或年度", ("item",),
                 "封面缺少“单位名称”，或“年度”不是四位年份（如写成“二〇二四”）。处理：补全封面，年度填 2024 这样的数字。",
                 message="封面{problem}", words=("problem",)),
            Code("cover-year-mismatch", ERROR, "封面年度与文件夹不同", ("stated", "expected"),
                 "封面“年度”与数据文件夹名（如 …/2025）不同：公开说明写的年度和用来比较的上年文件夹都按封面确定，文档会悄悄变成另一年的。stated 为封面年度，expected 为文件夹年份。处理：改正封面年度，或把数据放进正确年份的文件夹。",
                 message="封面「年度」为{stated}，但数据文件夹名为「{folder}」：公开说明的年度和上年数据（{prior_year}）都按封面确定，请核对是封面填错还是文件夹放错", words=("folder", "prior_year")),
            Code("cover-level-unknown", WARNING, "封面决算层级不是部门或单位", ("stated", "expected"),
                 "封面“决算层级”填的既不是“部门”（部门决算）也不是“单位”（所属单位自己的单位决算），未使用：文档按模板说明的层级写（shanghai-2024-unit 为单位，其余为部门）。stated 为填写的内容。处理：填“部门”或“单位”，或留空。",
                 message="封面「决算层级」应为“部门”或“单位”，填的是「{stated}」，未使用：文档按所用模板的层级写"),
            Code("level-template-mismatch", WARNING, "所选模板自定层级，与要求不同", ("asked", "written", "template"),
                 "封面“决算层级”或 --level 要求的层级（部门或单位）与所选模板自己写定的层级不同：如 shanghai-2024-unit 通篇写“本单位”“单位决算”，"
                 "不论封面怎么填。文档按模板的层级写，核对也按它进行（如单位决算中不得出现部门措辞）。asked 为要求的层级，written 为模板写定的层级，template 为模板名称。"
                 "处理：选用与层级相符的模板（部门决算用 shanghai-2024 或 xinjiang-2024，单位决算用 shanghai-2024-unit），或改正封面“决算层级”。",
                 message="要求按{asked}决算写，但模板「{template}」写定为{written}决算：文档和核对都按{written}决算进行；请选用与层级相符的模板，或改正「决算层级」"),
            Code("unit-unknown", ERROR, "金额单位不是元或万元", ("unit",),
                 "封面“金额单位”不是“元”或“万元”（如“千元”）。处理：填“元”或“万元”，并确认全部金额按此单位填写。",
                 message="封面「金额单位」应为“元”或“万元”，实际为「{unit}」"),
            Code("prior-year-unreadable", WARNING, "上年数据无法使用", ("errors",),
                 "上年数据文件夹（同级的“年度−1”文件夹）有错误或无法读取（包括工作簿位置上是文件夹、FIFO、失效的符号链接，解压过大、超时等），未用于与上年比较；提示中给出上年的第一个错误。本年的核对照常进行。处理：对上年文件夹运行 `juesuan check` 并改正。",
                 message="上年数据（{year}）有错误，未用于比较{why}；请先核对并改正上年数据（{path}）", words=("year", "why", "path")),
        ),
    ),
    Section(
        "文字说明.yaml",
        (
            Code("texts-missing", WARNING, "缺少文字说明.yaml", (),
                 "缺少 文字说明.yaml，主要职能、机构设置等段落将为空。处理：用 `juesuan init` 生成模板后填写。",
                 message="缺少文字说明文件：主要职能、机构设置等段落将为空"),
            Code("texts-unreadable", ERROR, "文字说明文件不是 UTF-8 编码", (),
                 "文字说明文件不是 UTF-8 编码。处理：用记事本或 WPS 另存为 UTF-8 编码。",
                 message="文字说明文件不是 UTF-8 编码，请另存为 UTF-8"),
            Code("texts-syntax", ERROR, "文字说明的 YAML 格式有误", (),
                 "文字说明文件的 YAML 格式有误（包括“.nan”“.inf”“1_000”这类不是普通数字的写法），位置给出行号和列号。处理：检查该行附近的缩进、冒号和引号。",
                 message="文字说明文件{problem}", words=("problem",)),
            Code("texts-empty", WARNING, "文字说明.yaml 是空的", (),
                 "文字说明.yaml 存在但是空的（或只有注释），主要职能、机构设置等段落将为空。处理：填写文件内容，或用 `juesuan init` 生成的模板替换。",
                 message="文字说明文件是空的：主要职能、机构设置等段落将为空"),
            Code("texts-duplicate-key", ERROR, "文字说明中的键重复", ("key",),
                 "文字说明.yaml 中同一个键（如“主要职能”）出现了两次；YAML 只会保留后一个，前一个的内容会悄悄丢失，所以不予读取。位置给出第二次出现的行号。处理：把两处内容合并到一个键下，删除另一个。",
                 message="文字说明文件中「{key}」出现了两次（第{first_line}行和第{line}行），只保留一处，把内容合并在一起", words=("first_line", "line")),
            Code("texts-refused", ERROR, "文字说明过大或别名过多", (),
                 "文字说明.yaml 超过 100 万个字符、嵌套超过 64 层，或用 & 和 * 定义的别名（引用）展开后超过 10 万项（疑似“别名炸弹”：几百字节就能让读取程序耗尽内存），或别名引用了包含它自己的内容，所以不予读取；位置给出行号。处理：直接写出内容，不用 & 和 *。",
                 message="文字说明文件不予读取：{problem}", words=("problem",)),
            Code("texts-list-folded", ERROR, "文字说明中几项列表连成了一段文字（缩进错误）", ("text",),
                 "文字说明中一段文字含有“ - ”（如内设机构读成“办公室 - 基金监管科 - 综合科”）：某一行的“- ”比上一行多缩进了一格（或“- ”写在了文字键下面），YAML 把这几行连成了一项，公开说明会原样印出。位置给出键名（及第几项），text 为读到的文字。处理：列表的每一项单独一行，“- ”上下对齐。",
                 message="文字说明「{path}」读成了一段文字「{start}」：其中的“ - ”是列表项，多半是某一行的“- ”缩进不对，使几项连成了一项；列表的每一项单独一行，“- ”上下对齐", words=("path", "start")),
            Code("texts-invalid", ERROR, "文字说明的键或类型不对", (),
                 "文字说明中有不认识的键或类型不对（如把列表写成一段文字），位置给出键名。处理：核对键名拼写，列表每项一行以“- ”开头。",
                 message="{problem}", words=("problem",)),
        ),
    ),
    Section(
        "核对记录.yaml (explained warnings, generator/acknowledgements.py)",
        (
            Code("review-record-invalid", WARNING, "核对记录.yaml 无法读取或某条记录不完整", (),
                 "数据文件夹中的 核对记录.yaml（已核对、已说明原因的警告）不是 UTF-8、YAML 格式有误、不是一条条记录，或某条记录缺少代码、位置或原因；这些记录未应用，它们说明过的警告照常列出。处理：按文件开头的说明改正，或在工作台中重新说明。",
                 message="{file}{problem}，{which}未应用{advice}", words=("file", "problem", "which", "advice")),
        ),
    ),
    Section(
        "Checks of the figures (generator/check)",
        (
            Code("total-mismatch", ERROR, "合计数与组成部分之和不符", ("also", "difference", "expected", "stated", "tolerance", "total",),
                 "报表中填写的合计数（总计、类、款、合计行等）与其组成部分之和相差超过尾差范围，计算时改用组成部分之和。同一差额（填报的合计数相同、组成部分之和也相同）出现在几张表中时只报告一次，位置为第一处，其余各处列在 also（表名!单元格）和消息中。处理：核对该合计数及其各组成部分，改正录错的一项。",
                 message="{total}填报{stated_text}，与各组成部分之和{expected_text}不一致（报表数{direction}{difference_text}；组成部分：{parts}）{also_text}", words=("stated_text", "expected_text", "direction", "difference_text", "parts", "also_text")),
            Code("rounding-residue", WARNING, "合计数有尾差", ("also", "difference", "expected", "stated", "tolerance", "total",),
                 "合计数与组成部分之和相差在尾差范围内（每项 0.01万元），按报表数使用。同一尾差（如同一组项之和的 0.01万元，填报的合计数相同、组成部分之和也相同）出现在几张表中时只报告一次，位置为第一处，其余各处列在 also（表名!单元格）和消息中；不同的差额仍分别报告。处理：一般无需处理；公开说明中可注明尾差。",
                 message="{total}填报{stated_text}，与各组成部分之和{expected_text}存在尾差（报表数{direction}{difference_text}；组成部分：{parts}）（在四舍五入允许范围内，按报表数使用）{also_text}", words=("stated_text", "expected_text", "direction", "difference_text", "parts", "also_text")),
            Code("row-total-mismatch", ERROR, "行合计与各列之和不符", ("difference", "expected", "stated",),
                 "同一行中合计列（如“本年支出合计”）与其右侧各列之和不一致。处理：核对该行各列金额。",
                 message="{label}的「{column}」为{stated_text}，而{columns}之和为{expected_text}，相差{difference_text}", words=("label", "column", "stated_text", "columns", "expected_text", "difference_text")),
            Code("cross-table-mismatch", ERROR, "同一数字在两张表中不同", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "同一数字在两张表中不一致（如收入支出决算总表与支出决算表的“本年支出合计”）；在尾差范围内为警告。公开说明各处只印一个数：汇总表（收入支出决算总表，其次财政拨款收入支出决算总表，其次各明细表；基本支出以一般公共预算财政拨款支出决算表为准）中的数，明细表中该数与其下各行之和因此相差所报告的差额。处理：以财务软件报表为准改正录错的一张表。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("personnel-public-mismatch", ERROR, "人员经费或公用经费合计不符", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "基本支出表中填写的“人员经费合计”或“公用经费合计”与按经济分类（301+303、302+310等）计算的数不一致。处理：核对这两行及各经济分类金额。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("income-expense-unbalanced", ERROR, "收入总计与支出总计不等", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "收入总计与支出总计不相等（收入支出决算总表或财政拨款收入支出决算总表）；在尾差范围内为警告。处理：核对结转结余、结余分配等项目。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("code-unknown", WARNING, "科目编码不在科目表中", ("subject_code",),
                 "科目编码不在科目表中。处理：核对编码；确属本地科目的，在数据文件夹的 功能分类科目.csv 或 经济分类科目.csv 中补充。",
                 message="{named_elsewhere}科目编码「{subject_code}」不在科目表中（可在数据文件夹的 {local_file} 中补充）", words=("named_elsewhere", "local_file")),
            Code("code-not-in-list", INFO, "编码未收录，上级已收录", ("name", "subject_code",),
                 "功能分类科目编码不在内置科目表中，但它的上级科目（款或类）在表中，并且填写了科目名称：多半是科目表尚未收录的新科目（例如 2010101、2010102），按所填名称使用。处理：无需处理；想消除提示，在数据文件夹的 功能分类科目.csv 中补充该编码和名称。名称与已知编码不符的仍是 code-name-mismatch 警告；名称恰是同一款下另一个已知编码的名称时，多半是编码填错，仍是 code-unknown 警告。",
                 message="科目编码「{subject_code} {name}」不在内置科目表中，但其上级科目「{parent_label}」存在，按所填名称使用（可在数据文件夹的 {local_file} 中补充以消除此提示）", words=("parent_label", "local_file")),
            Code("code-name-mismatch", WARNING, "科目名称与科目表中该编码的名称不同", ("actual", "expected", "subject_code",),
                 "科目名称与科目表中该编码的名称不同。处理：核对编码和名称是否对应（空格、括号全半角不计）。",
                 message="科目编码「{subject_code}」在科目表中的名称是「{expected}」，此处写作「{actual}」"),
            Code("code-parent-missing", WARNING, "缺少上级科目", ("parent", "subject_code",),
                 "表中列出了类（或款），却缺少某个科目的上级类或款。处理：补上上级科目一行，或检查编码是否录错。",
                 message="「{subject}」的上级科目「{parent_label}」未在本表列出", words=("subject", "parent_label")),
            Code("amount-looks-like-yuan", WARNING, "金额疑似按元填写", ("typical", "value",),
                 "某个金额远大于本工作簿的一般金额（至少1亿元且为中位数的1000倍以上），疑似按“元”填入了“万元”工作簿；只凭大小判断，证据不足，所以是警告（证据充分时是 amount-in-yuan 错误）。处理：核对该金额的单位，换算为万元；金额确实如此则无需处理。",
                 message="金额{value}万元远大于本工作簿的一般金额（中位数{typical}万元），疑似按“元”填写；本工作簿封面声明的单位是万元"),
            Code("amount-in-yuan", ERROR, "金额按元填入万元工作簿", ("expected", "factor", "reference", "value",),
                 "封面声明金额单位为万元，某个金额远大于一般金额，而且除以 10000（factor）后正好与它所属的合计数相符（reference 说明是哪个合计）：这个金额是按“元”填写的。expected 为换算成万元后的数。不改正，公开说明会把元当作万元写出。处理：把该单元格换算为万元（除以 10000）。",
                 message="金额{value_text}是按“元”填写的（约为应有数的10,000倍）：除以10000后为{expected_text}，{reference}就与各组成部分之和相符；本工作簿封面声明的单位是万元，请换算为万元", words=("value_text", "expected_text")),
            Code("workbook-looks-like-wanyuan", ERROR, "封面写“元”，金额却疑似按“万元”填写", ("stated",),
                 "封面声明金额单位为元，但收入支出总计不到 1 万元（10,000 元），照此生成的公开说明会写出“收入总计0.12万元”；人均人员经费只有几元、或上年数约为本年数的 10000 倍时，说明中一并写出。stated 为按封面单位读到的总计（万元）。处理：把封面的「金额单位」改为“万元”，或把金额换算为元。",
                 message="封面声明金额单位为元，但金额疑似按“万元”填写（{reasons}）；照此生成的公开说明会写出“收入总计{shown}万元”。请把封面的「金额单位」改为“万元”，或把金额换算为元", words=("reasons", "shown")),
            Code("workbook-looks-like-yuan", ERROR, "整个工作簿疑似按元填写", ("cells", "factor", "reference", "typical",),
                 "封面声明金额单位为万元，但有充分证据表明全部金额是按“元”填写的，照此生成的公开说明会写出“收入总计5,052,000.00万元”这样的数：本年的几个主要合计数都约为上年数的 10000 倍（factor 为测得的倍数，cells 为这些合计数的单元格），或人均人员经费按万元计不可能（人员经费÷实有人数，约为一般水平的 1000 倍以上），或全部金额都是整数且中位数达 10 亿元。reference 说明依据。位置是封面的「金额单位」。处理：把封面“金额单位”改为“元”，或把全部金额换算为万元。",
                 message="封面声明金额单位为万元，但金额{factor_text}疑似整个工作簿按“元”填写（{reference}）；照此生成的公开说明会把元当作万元写出。请把封面的「金额单位」改为“元”，或把金额换算为万元", words=("factor_text",)),
            Code("prior-year-mismatch", ERROR, "上年数与上年数据不符", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "本年工作簿中填写的上年数（上年决算数、上年人数）与上年数据文件夹中的数不一致；金额在尾差范围内为警告。处理：以上年公开的决算数为准，改正其中一处。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("opening-balance-mismatch", WARNING, "年初结余与上年年末不符", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "本年“年初结转和结余”不等于上年“年末结转和结余”。这是警告而不是错误：年初数可以含以前年度的调整（内部决算报表有“调整年初”一栏，公开的报表不列），两个数不一定互相矛盾。处理：核对两年的结转结余；没有调整时改正其中一处。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("prior-items-residue", WARNING, "各项上年数之和有尾差", ("difference", "expected", "stated",),
                 "各项（7位科目）的上年决算数之和与上年一般公共预算财政拨款支出合计相差在尾差范围内。处理：一般无需处理；公开说明第五部分（一）与（三）的上年数会有尾差。",
                 message="上年一般公共预算财政拨款支出合计为{stated_text}，而{source}中各项上年决算数之和为{expected_text}，相差{difference_text}；公开说明第五部分的（一）与（三）将因此不能互相印证（尾差）", words=("stated_text", "source", "expected_text", "difference_text")),
            Code("prior-items-mismatch", ERROR, "各项上年数之和与合计不符", ("difference", "expected", "stated",),
                 "各项的上年决算数之和与上年一般公共预算财政拨款支出合计相差超过尾差，第五部分（一）与（三）不能互相印证。处理：核对各项的上年决算数和上年合计。",
                 message="上年一般公共预算财政拨款支出合计为{stated_text}，而{source}中各项上年决算数之和为{expected_text}，相差{difference_text}；公开说明第五部分的（一）与（三）将因此不能互相印证", words=("stated_text", "source", "expected_text", "difference_text")),
            Code("prior-total-missing", WARNING, "上年数据中缺少与上年比较所需的总数", ("current", "item",),
                 "有上年数据文件夹，但其中收入支出总计、财政拨款收入支出总计或一般公共预算财政拨款支出的上年总数为空，也不能由明细得出：公开说明“与上年相比”一句只能不写（不再悄悄略去）。位置为上年工作簿中该总数的单元格。处理：在上年数据中填写该总数。",
                 message="本年{item}为{current_text}，但上年数据（{prior_year}年）中这个总数为空，也无法由明细得出：公开说明中“与上年相比”一句只能不写；请在上年数据中填写", words=("current_text", "prior_year")),
            Code("change-without-reason", WARNING, "变动较大但没有原因", ("current", "prior", "rate",),
                 "与上年相比变动幅度达到阈值（默认10%，可用 --threshold 调整）或从零变为非零、降为零，却没有填写变动原因。处理：在对应的“变动原因”单元格写一句话。",
                 message="{label}本年{current_text}，上年{prior_text}，{rate_text}，但没有填写变动原因", words=("label", "current_text", "prior_text", "rate_text")),
            Code("reason-contradicts-change", WARNING, "变动原因与方向相反", ("current", "prior", "reason",),
                 "变动原因的结论（最后一个“增加/减少”类词语）与实际变动方向相反。处理：改正原因的表述或核对金额。",
                 message="{label}比上年{actual}{difference_text}，但变动原因的结论写的是“{said}”：「{reason}」", words=("label", "actual", "difference_text", "said")),
            Code("fund-closure-mismatch", ERROR, "财政拨款结转结余不衔接", ("difference", "expected", "fund", "stated", "tolerance",),
                 "《财政拨款收入支出决算总表》中某一类财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）的年末财政拨款结转和结余不等于该列的年初财政拨款结转和结余＋本年收入－本年支出。“合计”列收支平衡时，错填到另一类拨款的金额只能由此发现。差额不超过尾差（每项 0.01万元，共三项）为警告，超过为错误；stated 为填报的年末数，expected 为按年初＋收入－支出计算的数。处理：核对该列四项金额，改正录错或填错列的一项。",
                 message="《{sheet}》「{fund}」列的年末财政拨款结转和结余填报{stated_text}，按年初结转和结余{opening_text}＋本年收入{income_text}－本年支出{expense_text}应为{expected_text}，报表数{direction}{difference_text}{advice}", words=("sheet", "stated_text", "opening_text", "income_text", "expense_text", "expected_text", "direction", "difference_text", "advice")),
            Code("budget-text-contradicts", WARNING, "三公有预算，原因却说没有", ("budget", "item", "reason",),
                 "《财政拨款三公经费支出决算表》中某项的全年预算数（或年初预算数）大于零，而它的预决算差异原因写的是“无预算”“未安排预算”等：公开说明会同时写出预算数和“没有预算”。处理：核对预算数（确实没有预算的填0）或改正原因。",
                 message="“三公”经费「{item}」的预算数为{budget_text}，但预决算差异原因说没有预算：「{reason}」；请核对预算数或原因", words=("budget_text",)),
            Code("budget-text-figure-mismatch", WARNING, "文字中的三公预算数与表不符", ("basis", "budget", "item", "reason", "said",),
                 "“三公”经费某项（或合计）的预决算差异原因、变动原因或《三公经费明细》的开支内容写了一个预算数（如“年初预算为5.00万元”），而《财政拨款三公经费支出决算表》中该项的年初预算数（或全年预算数；只写“预算”时两者之一）不是这个数或没有填写（按文字写出的位数比较）。公开说明会同时印出表中的预算数和这段文字。said 为文字中的数（万元），budget 为表中的数，basis 为所说的预算。处理：核对表中的预算数或改正文字。",
                 message="{label}的文字写“{words}”，而《财政拨款三公经费支出决算表》的{column}{table_text}（{cell}）：「{reason}」", words=("label", "words", "column", "table_text", "cell")),
            Code("item-budgets-mismatch", ERROR, "各项预算数之和与合计不符", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "《预算及上年情况》中一个基金总额（「一般公共预算财政拨款支出」「政府性基金预算财政拨款支出」「国有资本经营预算财政拨款支出」，或三者合起来的「财政拨款收入支出总计」）的年初预算数（或全年预算数）不等于相应支出决算表各项的年初预算数（全年预算数）之和（只在每个有支出或预算的项都填了该预算时核对）。公开说明先写总额的预算，再逐项写各项的预算，两者须一致。差额在尾差范围内（0.01 万元）为警告，按填写的总额使用；超过为错误，公开说明改用各项之和。位置为填写的总额，另见各项所在的表和列。处理：核对总额和各项的预算数。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("table-empty", ERROR, "必须公开的决算报表是空表，另一张表却有金额", ("item", "sheet", "source", "stated",),
                 "收入支出决算总表、收入决算表、支出决算表、财政拨款收入支出决算总表、一般公共预算财政拨款支出决算表及其基本支出决算表是每个单位都要公开的报表，其中一张没有填写任何数字，而另一张表说明有这笔钱（如财政拨款收入支出决算总表有一般公共预算财政拨款支出，一般公共预算财政拨款支出决算表却是空表）；位置为空表，source 和 item 为说明有钱的表和项目，stated 为其金额。政府性基金、国有资本经营预算财政拨款收入支出决算表可以为空（公开说明写明本表无数据）。处理：按决算报表填写这张表。",
                 message="《{sheet}》是空表，但《{source}》的「{item}」为{stated_text}：这张表是每个单位都要公开的决算报表，有收支就不能为空；请按决算报表填写（公开说明中依据它的段落会写成“未填报”）", words=("stated_text",)),
            Code("admin-cost-mismatch", ERROR, "机关运行经费与公用经费不符", ("difference", "expected", "expected_label", "stated", "stated_label",),
                 "行政单位（及参公单位）的机关运行经费不等于基本支出中的公用经费；在尾差范围内为警告。由行政单位（或参公单位）和事业单位组成的部门，机关运行经费只是行政单位和参公单位的公用经费，不作此核对（见 admin-cost-exceeds-public）：封面“单位性质”同时写明两类（如“行政单位和事业单位”），或文字说明的下属预算单位中写明某单位是事业单位，即按部门核对。处理：核对机关运行经费或基本支出表；事业单位请在封面“单位性质”填“事业单位”。",
                 message="{stated_label}为{stated_text}，{expected_label}为{expected_text}，前者{direction}{difference_text}{see_also}{hint}{residue}", words=("stated_text", "expected_text", "direction", "difference_text", "see_also", "hint", "residue")),
            Code("admin-cost-exceeds-public", ERROR, "部门的机关运行经费大于基本支出中的公用经费", ("public", "stated",),
                 "由行政单位（或参公单位）和事业单位组成的部门（封面“单位性质”同时写明两类，或下属预算单位中写明有事业单位），机关运行经费只含行政单位和参公单位的公用经费，少于全部门的公用经费是正常的，但不能大于它。stated 为填报的机关运行经费，public 为基本支出中的公用经费。处理：核对机关运行经费或基本支出表。",
                 message="「机关运行经费」为{stated_text}，大于基本支出中的公用经费{public_text}；部门中行政单位和参公单位的机关运行经费是公用经费的一部分，不能超过全部门的公用经费", words=("stated_text", "public_text")),
            Code("three-public-below-basic", ERROR, "基本支出中的三公经费超过三公表", ("basic", "three_public",),
                 "基本支出中的因公出国（境）费用（30212）、公务接待费（30217）、公务用车运行维护费（30231）或公务用车购置（31013）超过“三公”经费表中的对应数。处理：核对两表，“三公”经费应包含基本支出中的这部分。",
                 message="基本支出中的「{subject}」为{basic_text}，超过“三公”经费表中的{name}{three_public_text}", words=("subject", "basic_text", "name", "three_public_text")),
            Code("three-public-difference-without-reason", WARNING, "“三公”预决算差异未说明原因", ("basis", "budget", "current", "difference",),
                 "“三公”经费合计或其中一项（因公出国（境）费、公务用车购置及运行维护费及其两项、公务接待费）的决算数与预算数（填了且不为零的年初预算数，否则全年预算数；basis 为所比的预算）不同，而“预决算差异原因”为空。检查要求“三公”经费每一处预决算差异都说明原因，不论差异大小（阈值默认 0；`check`/`generate --three-public-threshold 百分数` 可设，差异率不超过它的不要求原因）；合计与组成部分之和的尾差不算差异。difference 为决算数减预算数。处理：在该行“预决算差异原因”中写明原因。",
                 message="{label}决算{current_text}，{basis}{budget_text}，{direction}{difference_text}，但没有填写预决算差异原因；“三公”经费决算与预算的每一处差异都要说明原因", words=("label", "current_text", "budget_text", "direction", "difference_text")),
            Code("three-public-over-budget", WARNING, "“三公”经费决算数超过预算数", ("basis", "budget", "current", "difference",),
                 "“三公”经费合计或其中一项（因公出国（境）费、公务用车购置及运行维护费及其两项、公务接待费）的决算数超过全年预算数；全年预算未超而填了年初预算数（不为零）的，超过年初预算数也提示。合计与组成部分之和存在尾差（rounding-residue）时，尾差范围内的超出不提示。basis 为比较的预算（全年预算或年初预算），difference 为超出的金额。“三公”经费超预算是公开说明的读者最关注的一点。处理：核对决算数和预算数；确实超支的，在“预决算差异原因”中写明原因。",
                 message="{label}决算{current_text}，超过{basis}{budget_text}{difference_text}；“三公”经费超预算支出会在公开说明中写明，请核对金额，或在“预决算差异原因”中说明", words=("label", "current_text", "budget_text", "difference_text")),
            Code("three-public-count-missing", WARNING, "三公经费缺少数量", ("current", "item", "stated",),
                 "因公出国（境）费大于零而“因公出国（境）团组数”或“人次”为空或为0；公务用车购置费大于零而“公务用车购置数”为空或为0；国内公务接待费（公务接待费减外宾接待费）大于零而“国内公务接待批次”或“人次”为空或为0；外宾接待费大于零而“外宾接待批次”或“人次”为空或为0。公开说明在写这些支出时写明这些数量，为空时这一句不写，为0时与金额自相矛盾。位置为三公经费明细中的数量单元格；item 为数量名称，stated 为填写的数（空白为 null）。处理：按实际填写数量；金额录错的改正金额。",
                 message="{name}为{current_text}，但「{item}」{typed}：公开说明写这笔支出时要写明{item}，请按实际填写", words=("name", "current_text", "typed")),
            Code("vehicle-count-mismatch", ERROR, "车辆数不同，原因却说一致", ("held", "owned",),
                 "三公经费明细的公务用车保有量与其他重要事项中按类别列出的车辆之和不同（如保有量3辆而列出2辆），而“固定资产车辆与公务用车保有量差异原因”写的是两者一致（无差异、一致、相同）：公开说明会同时写出两个车辆数和“一致”。处理：核对保有量和各类车辆数，或如实写明差异原因。",
                 message="公务用车保有量{held}辆，其他重要事项中按类别列出的车辆共{owned}辆，但差异原因写的是两者一致：「{reason}」", words=("reason",)),
            Code("vehicle-count-unexplained", WARNING, "车辆数不同且无原因", ("held", "owned",),
                 "公务用车保有量与国有资产占用中的车辆数不同，但未填写差异原因。处理：在三公经费明细“固定资产车辆与公务用车保有量差异原因”中说明。",
                 message="公务用车保有量{held}辆，国有资产占用中的车辆共{owned}辆，两者不同但未填写差异原因"),
            Code("vehicle-purchases-mismatch", WARNING, "分类购置车辆数之和不符", ("difference", "expected", "stated",),
                 "其他重要事项中各车辆类别的“本年购置数”之和（expected）与三公经费明细的“公务用车购置数”（stated）不同。上海格式写“购置公务用车N辆（其中：…）”，两者应一致。处理：核对两处数量。",
                 message="公务用车购置数{stated}辆，其他重要事项中按类别填写的本年购置数共{expected}辆（{listed}），两者不同", words=("listed",)),
            Code("procurement-share-exceeds", ERROR, "中小企业合同金额过大", ("small_micro", "sme", "total",),
                 "授予中小企业合同金额超过政府采购支出总额，或授予小微企业合同金额超过授予中小企业合同金额；上海格式的中小企业各行也核对：预留项目中小企业中标金额＋其他项目中小企业中标金额不超过政府采购支出总额，面向小微企业预留（中标）金额不超过面向中小企业预留（中标）金额。处理：核对政府采购各项金额。",
                 message="{part}{part_text}超过{whole}{whole_text}{note}", words=("part", "part_text", "whole", "whole_text", "note")),
            Code("procurement-total-mismatch", ERROR, "政府采购总额与货物、工程、服务之和不符", ("difference", "expected", "stated", "tolerance",),
                 "其他重要事项中填写的「政府采购支出总额」不等于政府采购货物、工程、服务支出之和（某项留空时，只在总额小于已填各项之和时报告）。差额在尾差范围内（每项 0.01 万元）为警告，按填写的总额使用；超过为错误，公开说明改用三项之和。处理：核对总额和三项金额。",
                 message="「政府采购支出总额」填报{stated_text}，与货物、工程、服务之和{expected_text}{verdict}（总额{direction}{difference_text}；组成部分：{parts}）", words=("stated_text", "expected_text", "verdict", "direction", "difference_text", "parts")),
            Code("staff-total-mismatch", ERROR, "实有人数不等于在职、离休、退休人员之和", ("expected", "stated",),
                 "实有人数不等于在职、离休、退休人员之和。处理：核对人员情况表。",
                 message="「实有人数」的{column}为{stated}人，在职、离休、退休人员之和为{expected}人", words=("column",)),
            Code("blank-required", ERROR, "必需的数字留空", ("item", "sentence",),
                 "公开说明某句必需的数字（如「收入总计」「本年收入合计」「支出总计」「本年支出合计」，以及“三公”经费的四项：因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费的决算数——检查要求每项都写明，为零也写）留空，且无法由已填的明细算出。空白不等于 0：不会按 0 写进文档。消息写明是哪一句需要它。处理：照决算报表填写；确为零请填 0。用 `--force` 强制生成时，这一句不写或写明“未填报”。",
                 message="「{item}」未填写（空白不等于0）：公开说明的{sentence}需要它；请填写，确为零请填0"),
            Code("blank-left-out", INFO, "可选内容留空，分句省略", ("item", "sentence",),
                 "某个可选的数字或文字（收入来源、结转结余、“三公”明细的批次人次与开支内容、政府采购、国有资产、人员数、预算绩效的成效/问题/措施、下属单位与内设机构）留空：公开说明中相应的分句不写，不会写成 0 或留下“包括。”“原因是：。”这样的空句。处理：确有此项请填写；确为零请填 0；确实没有下属单位或内设机构，在文字说明中写 `[]`。",
                 message="「{item}」未填写：公开说明{sentence}一处不写{advice}", words=("advice",)),
            Code("section-without-data", WARNING, "整部分没有数据", ("field", "sheet",),
                 "整张表（收入支出决算总表、财政拨款收入支出决算总表、“三公”经费表、人员情况、一般公共预算财政拨款支出表或基本支出表）或主要职能一个数字都没填：公开说明的对应部分只写一句“本单位未填报……”。一般公共预算的两张表为空而财政拨款收入支出决算总表说明这笔钱为 0 时，公开说明写“无…支出”，报 table-empty-none（提示）而不是本问题；政府性基金、国有资本经营预算的表可以为空（写明本表无数据或为空表），从不报本问题。处理：按决算报表填写；确实没有这类收支的表请填 0。",
                 message="{what}：公开说明的{section}只写明“{said}”；请{advice}", words=("what", "section", "said", "advice")),
            Code("table-empty-none", INFO, "空表按另一张表写明“无…支出”", ("section", "sheet",),
                 "一般公共预算财政拨款支出决算表或其基本支出决算表没有填写任何数字，而财政拨款收入支出决算总表的一般公共预算财政拨款本年支出为 0：这张表合理地为空（如只有政府性基金预算财政拨款的单位），公开说明的对应部分写明“本单位…年度无一般公共预算财政拨款（基本）支出”，不写“未填报”。section 为公开说明中的部分。处理：无需处理；确有这类支出请按决算报表填写两张表。",
                 message="《{sheet}》是空表，《{fiscal_sheet}》的一般公共预算财政拨款本年支出为0：公开说明{section}写明本单位“{none}”", words=("fiscal_sheet", "none")),
            Code("text-placeholder", ERROR, "文字中留有模板占位", ("found", "text",),
                 "人工填写的文字（文字说明.yaml 的各项、工作簿中的变动原因、预决算差异原因、主要用于、开支内容等文字单元格，绩效自评表的年度总体目标、指标名称、偏差原因等）中留有模板的占位或填写说明，会原样印进公开说明：XX、XXX、××，省略号（…、……、...；列举请以“等”结尾），待补充、待填写、请填写，TODO，【】或【…】，“增加（减少）”“增长（下降）”“大于（小于）”“增加/减少”这类二选一的写法，“（如持平作持平表述）”“（不涉及的不列）”“（制度名称）”这类说明，以及整段只有一个括号的文字（`juesuan init` 写出的“（第一项职能，照抄“三定”方案）”“（内设科室名称）”）。found 为找到的文字，位置为该单元格或字段。XX 是拉丁字母单词的一部分时（如 XXL）不算。处理：改写成实际内容；没有这项内容就清空该格或删去该项。",
                 message="{label}中留有模板的占位或填写说明“{found}”，会原样印进{document}：「{text}」。请改写成实际内容", words=("label", "document")),
            Code("text-repeated", WARNING, "文字中标点或词语重复", ("found", "text",),
                 "人工填写的文字中同一个标点连写两次（“。。”“，，”“；；”“、、”）或同一个词连写两次（“的的”“增加增加”），多半是输入时的笔误。单字叠用常是正常词语（常常、层层、等等），除“的的”外不提示。处理：删去重复的部分。",
                 message="{label}中“{found}”重复了标点或词语，多半是输入时的笔误：「{text}」", words=("label",)),
            Code("level-wording-mixed", WARNING, "单位决算中人工填写的文字用了部门的措辞", ("found", "text",),
                 "单位决算（`--level 单位`，或模板说明写“层级: 单位”的模板，如 shanghai-2024-unit）中，人工填写的文字（文字说明、变动原因、开支内容等会印进文档的文字）写了“本部门”“部门决算”或“部门预算”。自2021年起部门所属单位单独公开单位决算，通篇用单位的口径；部门、单位措辞混用是检查列出的问题。“财政部门预算”“主管部门决算”“上级部门”说的是别的部门，不报；反过来，部门决算中写“本单位”也不报（部门决算常这样自称，样例亦然）。found 为找到的词。处理：改为“本单位”“单位决算”“单位预算”等。",
                 message="{label}写的是“{found}”，而本文档是单位决算：单位决算通篇用单位的口径（“本单位”“单位决算”），检查把部门、单位措辞混用列为问题；请改写", words=("label",)),
            Code("reason-odd-year", WARNING, "原因中提到的年份既不是本年也不是上年", ("expected", "text", "year",),
                 "变动原因、预决算差异原因或其他“原因”“说明”中写了“20XX年”，而这一年既不是本年也不是上年（expected 为这两个年份）：多半是沿用了往年的原因没有改。文号中的年份（〔2023〕）不算。处理：核对这句原因是否属于本年；确实需要提到该年份时可不处理。",
                 message="{label}提到{year}年，既不是本年（{current_year}年）也不是上年（{prior_year}年），可能是沿用了往年的原因：「{text}」", words=("label", "current_year", "prior_year")),
            Code("crashed", ERROR, "程序自身出错", ("error", "name", "stage", "traceback"),
                 "juesuan 自身出错（程序缺陷），出错的部分被跳过，其余照常进行：values.stage 说明是哪一部分——\"rule\" 为某条检查规则（绩效自评表的规则名以 self_evaluation. 开头；2026 年 12 月前它们的 stage 为 \"self-evaluation-check\"），\"unit\" 为批量处理（juesuan batch）中的某个单位（程序出错或进程意外终止，其他单位不受影响）；values.name 为规则、检查的名称或单位文件夹，values.error 为错误信息。处理：把提示信息（批量处理时连同 values.traceback）反馈给开发者；其余结果仍可参考，修复后再次运行 batch 会重新处理该单位。此代码取代了 rule-crashed、check-crashed 和 unit-crashed（见文末“Retired codes”）。",
                 message="{doing}时程序出错（{error}）{consequence}；请把此信息反馈给开发者", words=("doing", "consequence")),
        ),
    ),
    Section(
        "Generating the document",
        (
            Code("output-is-folder", ERROR, "-o 指向的是文件夹", (),
                 "`generate -o` 或 `check -o` 指向的是一个文件夹，不是文件。退出码 4。处理：在 -o 后写文件名，例如 `-o 公开说明/2024.docx`。",
                 message="输出路径 {path} 是一个文件夹：请在 -o 后写文件名{example}", words=("path", "example")),
            Code("output-suffix", ERROR, "-o 的扩展名不是 .docx", (),
                 "`generate -o` 的扩展名不是 .docx（公开说明是 Word 文档），或为 .pdf 却没有加 `--pdf`；`check -o`（问题清单）的扩展名不是 .xlsx。退出码 4。处理：改用 .docx 文件名；要 PDF 就加 `--pdf`（`-o x.pdf --pdf` 在同一文件夹写 x.docx 和 x.pdf）；问题清单用 .xlsx 文件名。",
                 message="输出文件 {name}{problem}", words=("name", "problem")),
            Code("output-not-writable", ERROR, "无法写出文件", ("reason",),
                 "无法写出文档：文件被占用（例如正在 Word 中打开）、文件或文件夹只读、没有写权限、磁盘只读或已满，消息说明是哪一种。原有文件保持不变。退出码 4。处理：关闭占用的文件、取消只读，或用 -o 指向可写的文件夹。",
                 message="无法写入 {target}：{why}{then}", words=("target", "why", "then")),
            Code("generated-with-errors", WARNING, "有错误仍强制生成", ("errors",),
                 "数据有错误，仍按 --force 生成了文档。处理：更正数据后重新生成，再发布。",
                 message="数据有 {errors} 个错误，仍按 --force 生成；发布前请更正"),
            Code("self-evaluation-missing", WARNING, "没有绩效自评表", (),
                 "数据文件夹中没有 绩效自评表.xlsx：公开说明不附自评表，预算绩效一节按所用模板的写法（模板说明中的“没有绩效自评表时”）写：默认模板十一只写“本单位本年度未开展预算绩效自评”（也不写“评价项目0个”），上海模板按《其他重要事项》填写的数写；要求只生成绩效自评表时无法生成。处理：开展了绩效自评就放入绩效自评表，或用 `juesuan init` 生成模板。",
                 message="数据文件夹中没有{workbook}：{consequence}", words=("workbook", "consequence")),
            Code("self-evaluation-empty", WARNING, "绩效自评表中没有自评表", (),
                 "绩效自评表.xlsx 存在但没有任何整体支出或项目自评表（例如 `juesuan init` 写出的空表）：公开说明不写“评价项目0个，全年预算数0.00万元”，也不附空白的自评表页。处理：填写自评表，或未开展自评时删除该文件。",
                 message="绩效自评表.xlsx 中没有任何自评表（整体支出或项目）：{absent}；请填写自评表", words=("absent",)),
            Code("self-evaluation-unreadable", ERROR, "绩效自评表无法读取", (),
                 "要求只生成绩效自评表（`--only self-evaluation`），但 绩效自评表.xlsx 无法打开、缺少工作表或必需表头，无法读取；`--force` 也不能跳过（单元格错误则不同：其余指标照常计分，`--force` 可生成）。处理：按前面列出的错误更正工作簿后重试。",
                 message="{workbook}缺少工作表、表头或无法打开（见以上错误），未生成绩效自评表；--force 也不能跳过，请先更正", words=("workbook",)),
            Code("budget-difference-without-reason", WARNING, "预决算差异没有原因", ("budget", "current", "rate",),
                 "一个项（一般公共预算、政府性基金、国有资本经营）的决算数与其预算数（年初预算数；年初预算为零而填了全年预算数的，用全年预算数）相差达到变动阈值（默认 10%，`--threshold`），或预算为零而有支出，却没有填写“预决算差异原因”（“三公”经费的每一处差异见 three-public-difference-without-reason）。上海等格式要逐项写“决算数大于（小于）预算数的主要原因”。处理：在该行的“预决算差异原因”列写一句原因。",
                 message="{label}决算{current_text}，预算{budget_text}，{rate_text}，但没有填写预决算差异原因", words=("label", "current_text", "budget_text", "rate_text")),
            Code("income-content-unused", WARNING, "收入主要内容不会被列举", ("amount", "item",),
                 "收入支出决算总表的“收入主要内容”只用于事业收入、经营收入、其他收入，且本年有这项收入时才写入名词解释（上海格式“主要是：…收入等”；无此项收入的单位保留名词解释，不列举主要内容）。这一行填写了说明，但不是这三项之一，或本年金额为零或空白。处理：把说明移到对应的收入行，或删去；确有这项收入请填写金额。",
                 message="「{item}」填写了收入主要内容，但{why}：名词解释不列举它（无此项收入的单位保留名词解释，不列主要内容）", words=("why",)),
            Code("budget-reason-contradicts", ERROR, "预决算差异原因方向相反", ("budget", "current", "reason",),
                 "一个项（一般公共预算、政府性基金、国有资本经营）、预算及上年情况中的财政拨款收入支出总计或一般公共预算财政拨款支出、或“三公”经费的“预决算差异原因”写的是决算大于预算（“大于”“高于”“超”，或没有这类词时，提到“预算”的分句中最后一个“增加/追加/调增”类词语，如“支出较预算增加”），而决算数小于预算数；或写的是小于预算（“小于”“低于”“未完成”“未超过”“结余”，或提到“预算”的分句中最后一个“减少/压减/节约”类词语），而决算数大于预算数。年初预算数和全年预算数都填了的，与其中任一个方向一致即不提示；决算与预算相等的不比较。公开说明会原样印出这句原因，与旁边的数字自相矛盾。处理：改正原因的表述，或核对决算数和预算数。",
                 message="{label}决算{current_text}{actual}预算{budget_text}（相差{difference_text}），但预决算差异原因说的是“{said}”：「{reason}」", words=("label", "current_text", "actual", "budget_text", "difference_text", "said")),
            Code("template-missing", ERROR, "找不到模板", ("template",),
                 "找不到指定的 Word 模板：--template 或封面「公开模板」填写的既不是内置模板名称（xinjiang-2024、shanghai-2024、shanghai-2024-unit），也不是存在的 .docx 文件。处理：改正名称或路径，或留空使用默认模板。",
                 message="找不到模板「{template}」：它既不是内置模板的名称（{shipped}），也不是存在的 .docx 文件", words=("shipped",)),
            Code("template-unreadable", ERROR, "模板文件无法读取", ("reason",),
                 "选用的模板文件（`--template` 或封面“公开模板”给出的路径）存在，但不是可读取的 Word .docx 文件（如写成了 .xlsx、文本文件或损坏的文件），未生成文档。处理：改正路径，或用 Word 或 WPS 把模板另存为 .docx。",
                 message="模板文件 {name} 不是可读取的 Word .docx 文件（{problem}），请用 Word 或 WPS 另存为 .docx", words=("name", "problem",)),
            Code("template-error", ERROR, "模板标记有误", ("detail",),
                 "Word 模板中的 {{ }} 或 {% %} 标记有误，无法生成。处理：按提示的附近文字检查模板标记。",
                 message="模板有误：{problem}{near}；请检查模板中的 {{{{ }}}} 与 {{% %}} 标记", words=("problem", "near",)),
            Code("template-outside-folder", ERROR, "公开模板指向数据文件夹之外", ("template",),
                 "封面「公开模板」填写的路径在数据文件夹之外（用 ..、绝对路径或符号链接）。封面是数据的一部分，只能选内置模板或数据文件夹中的 .docx 文件；相对路径从数据文件夹算起。处理：把模板放进数据文件夹并填写文件名，或在命令行用 --template 指定别处的模板。",
                 message="封面「公开模板」只能填内置模板的名称或数据文件夹中的 .docx 文件：「{template}」{outside}；别处的模板请在命令行用 --template 指定", words=("outside",)),
            Code("template-manifest-invalid", WARNING, "模板说明文件（.yaml）有误", ("reason",),
                 "模板旁的同名 .yaml（模板说明）无法读取，或有不认识的键、写错的层级、不存在的措辞方案或无法识别的数字格式、不存在的单元格。核对按模板中的变量推出的需要进行，说明中写错的部分不起作用（措辞和数字格式用默认方案）。处理：按 docs/templates.md「模板说明文件」改正。",
                 message="模板说明文件有误：{reason}"),
            Code("template-variable-renamed", WARNING, "模板用了改名前的变量", ("old", "new",),
                 "模板中用了本版改名前的变量名（如 f.gpb_total）。结算后的数字已按决算报表分组（f.statement 收入支出决算总表、f.funds 财政拨款及三项资金、f.basic 基本支出）；旧名本版仍可使用，取到的数与新名相同，下一版将不再提供。处理：在 Word 中把模板里的旧名改为提示的新名（对照表见 docs/templates.md「改名的变量」）。",
                 message="模板用了改名前的变量 {old}，请改为 {new}（旧名本版仍可用，下一版将不再提供）"),
            Code("template-refused", ERROR, "模板中有不允许的操作", ("detail",),
                 "模板要做模板不能做的事：调用 juesuan 未提供的函数或方法、读取对象的内部属性、修改数据，或用 include/import/extends 引用其他模板。模板只能读取数据、使用 docs/templates.md 列出的变量和过滤器；未生成文档。处理：删去这段标记，或改用文档列出的写法。",
                 message="模板中有不允许的操作：{detail}；模板只能读取数据、使用 juesuan 的过滤器"),
            Code("template-budget", ERROR, "模板运行超出限制", ("detail",),
                 "模板运行时超出了限制（循环次数、生成的文字长度或运行时间），通常是循环嵌套过深或把文字反复加倍；未生成文档。处理：检查模板中的 {% for %} 循环和 ~、*、% 运算。",
                 message="模板运行超出限制：{detail}；请检查模板中的循环"),
            Code("libreoffice-missing", ERROR, "未安装 LibreOffice", ("install",),
                 "要求生成 PDF，但未找到 LibreOffice（soffice）。处理：安装 LibreOffice，或不加 --pdf。",
                 message="未找到 LibreOffice（soffice），无法生成 PDF。请先安装：{install}"),
            Code("pdf-conversion-failed", ERROR, "PDF 转换失败", ("returncode", "stderr", "timeout",),
                 "LibreOffice 转换 PDF 失败或超时。处理：按提示检查 .docx，或在 Word/WPS 中手动另存为 PDF。",
                 message="无法生成 PDF：{problem}", words=("problem",)),
            Code("pdf-font-aliases-missing", WARNING, "缺少字体替换配置", ("fonts_conf",),
                 "未找到字体替换配置，PDF 中仿宋、黑体等字体将以默认字体显示。处理：安装中文字体，或在 Word/WPS 中另存为 PDF。",
                 message="未找到字体替换配置文件，PDF 中的仿宋、黑体等中文字体将以默认字体显示。"),
            Code("init-exists", ERROR, "目标文件夹已有数据", ("path",),
                 "`juesuan init` 的目标文件夹中已有数据文件，为避免覆盖未做任何修改。处理：换一个空文件夹，或先备份再删除旧文件。",
                 message="文件已存在，为避免覆盖已填写的数据，未做任何修改"),
            Code("init-not-carried", ERROR, "上年文件无法结转", ("path",),
                 "`juesuan init --from` 无法读取上年的 文字说明.yaml 或 绩效自评表.xlsx（不是普通文件、过大、压缩炸弹、超出读取范围或无法改写），提示说明原因。为免上年的内容（如绩效指标）悄悄丢失，没有写出任何文件，也不会用空白文件代替。退出码 2。处理：修复该文件后重试；确认不需要结转时，把它移出上年文件夹再运行。",
                 message="上年的 {name} 无法读取，未结转：{why}。为免内容悄悄丢失，没有写出任何文件；修复该文件（或确认不需要后移走）再运行", words=("name", "why")),
            Code("redline-failed", WARNING, "无法生成修订对比", ("detail",),
                 "两份公开说明之一不是可读取的 Word 文档（不是 zip 包、缺少 word/document.xml 或 XML 有误，多见于自定义模板），未生成修订对比 .docx；对比表不受影响。处理：用 `juesuan generate` 分别生成两个年度的说明，确认能在 Word 中打开；仍有问题请把消息反馈给开发者。",
                 message="修订对比文档生成失败：无法读取 Word 文档（{problem}）", words=("problem",)),
        ),
    ),
    Section(
        "导出全部数字（juesuan export）",
        (
            Code("export-format", ERROR, "导出文件扩展名不对", ("suffix",),
                 "`juesuan export` 的输出文件名不以 `.xlsx`、`.csv` 或 `.parquet` 结尾，未导出。处理：按需要的格式改文件名，扩展名决定格式。",
                 message="不支持的导出格式「{shown_suffix}」：文件名请以 .xlsx、.csv 或 .parquet 结尾", words=("shown_suffix",)),
            Code("export-needs-pyarrow", ERROR, "导出 parquet 需要 pyarrow", (),
                 "要导出 `.parquet`，但没有安装可选组件 pyarrow，未导出。处理：运行 `pip install 'juesuan[parquet]'`（或 `pip install pyarrow`），或改为导出 `.xlsx` / `.csv`。",
                 message="导出 .parquet 需要 pyarrow：请运行 pip install 'juesuan[parquet]'（或 pip install pyarrow），或改为导出 .xlsx / .csv"),
            Code("export-no-units", ERROR, "没有可导出的数据文件夹", (),
                 "指定文件夹下没有任何含 `决算数据.xlsx` 的数据文件夹，没有可导出的数字。处理：检查路径；每个单位每年一个文件夹，如 `inputs/单位/2024/`。",
                 message="「{root}」下没有找到任何数据文件夹（含 决算数据.xlsx 的文件夹）", words=("root",)),
            Code("export-unit-skipped", WARNING, "某单位年度未导出", ("errors", "folder",),
                 "某个单位年度的数据无法读取（缺工作表、单元格无法识别、封面有误），它的数字没有导出，其余单位照常导出。处理：对该文件夹运行 `juesuan check`，按提示更正后重新导出。",
                 message="「{folder}」有 {errors} 个读取错误，未导出；请先运行 juesuan check {path}（第一个：{first}）", words=("path", "first")),
        ),
    ),
    Section(
        "核对公开文档（juesuan verify）",
        (
            Code("doc-unreadable", ERROR, "文档无法读取", ("reason",),
                 "要核对的文件无法作为公开说明读取（不是 .docx/.pdf/.txt、文件损坏、超过大小或解压上限、PDF 没有文字层），没有做任何核对。处理：按 values.reason 更正，或提供 Word 原件。",
                 message="无法读取 {name}：{problem}{consequence}", words=("name", "problem", "consequence")),
            Code("doc-table-unreadable", WARNING, "文档中的某张表无法读取", ("table", "reason"),
                 "这张表的行和栏无法可靠地读出（例如 PDF 文本中空白单元格不留痕迹、左右两栏并排），依赖它的核对在覆盖情况中记为“无法读取”，从不算作通过。处理：核对 Word 原件（.docx），或人工核对该表。",
                 message="{table}无法读取：{reason}；依赖它的核对未进行"),
            Code("doc-table-mismatch", ERROR, "表中的数加不上", ("stated", "expected", "difference", "table", "rule"),
                 "表中某行（合计、类、款）或某栏（合计栏）与其组成部分之和不符，或表内恒等关系（收入总计 = 支出总计等）不成立。差额在尾差范围内（每个组成部分 0.01）为警告，超出为错误。处理：在数据或文档中更正该单元格。",
                 message="{subject} {stated} 与{against} {expected} 不符{tail}", words=("subject", "against", "tail")),
            Code("doc-sum-mismatch", ERROR, "句中的“其中”各项之和与总数不符", ("stated", "expected", "difference"),
                 "句子先写总数再写“其中：”各组成部分，各部分之和与总数不符。差额在尾差范围内为警告（四舍五入造成，如 7.65 与 7.66），超出为错误。处理：更正句中的数字。",
                 message="{subject}与{against} {expected} 万元不符{tail}", words=("subject", "against", "tail")),
            Code("doc-figure-mismatch", ERROR, "同一个数在两处不同", ("stated", "computed", "difference", "other"),
                 "同一个数字（如本年支出合计、某“类”支出、“三公”经费）在句子与表中、或两张表中写得不同；values.other 是另一处的位置。处理：以决算报表为准更正。",
                 message="“{name}”写作{stated}{unit}，而{other}{elsewhere}", words=("name", "unit", "elsewhere")),
            Code("doc-share-mismatch", ERROR, "占比与金额不符", ("stated", "computed", "amount", "base"),
                 "“占X%”按句中的金额与它所占的总数重新计算（按印出的精度）不符。处理：重新计算占比，或更正金额。",
                 message="“{amount_text}占{stated}%”：按总数 {base} 万元计算{result}{note}", words=("amount_text", "result", "note")),
            Code("doc-rate-mismatch", ERROR, "增减率与增减额不符", ("stated", "computed", "current", "change"),
                 "“增长/下降X%”按本年数与增减额重新计算（上年数 = 本年数 − 增减额）不符，或增减方向写反。处理：重新计算增减率，或更正增减额和方向词。",
                 message="“{change_text}，{rate_text}”：{problem}", words=("change_text", "rate_text", "problem")),
            Code("doc-completion-mismatch", ERROR, "完成预算的百分比或预决算差异率与金额不符", ("stated", "computed", "budget", "actual"),
                 "“完成预算的X%”（决算 ÷ 预算）或“预决算差异率X%”（(决算 − 预算) ÷ 预算）按句中的预算数和决算数重新计算不符。处理：重新计算。",
                 message="{name}写作{stated}%，按预算数{budget}万元、决算数{actual}万元计算应为{computed}%", words=("name",)),
            Code("doc-direction-mismatch", ERROR, "方向词与数字相反", ("word", "expected"),
                 "增加/减少、增长/下降、大于/小于、持平与句中数字的方向相反（如“增加…下降”，或决算数小于预算数却写“大于”）。处理：按数字改正方向词。",
                 message="{context}却写“{said}”，方向相反（按数字应为“{expected}”）", words=("context", "said")),
            Code("doc-zero-base-growth", WARNING, "从零增长写作“增长100%”", ("stated",),
                 "上年数为 0 时写了增长率（“增加0.30万元，增长100.00%”）。上年为零时没有增长率，检查机关把零基数上的“增长100%”列为错误（新疆 2024 样例照此书写）。处理：改写为“新增X万元，上年无此项支出”。",
                 message="上年数为零，写了“{word}{rate}%”：上年为零时没有增长率，应写作“新增”", words=("word", "rate")),
            Code("doc-unit-missing", ERROR, "百分数缺“%”或金额缺“万元”", ("snippet", "unit"),
                 "占比、增减率后缺少“%”，或金额后缺少“万元”，或“万元”前没有数字。处理：补上计量单位或数字。",
                 message="“{around}”中的 {number} 后缺少“{unit}”", words=("around", "number")),
            Code("doc-scale-mismatch", ERROR, "元与万元混用", ("stated", "computed", "other"),
                 "句中的金额与表中同一项相差 10000 倍：一处按元、一处按万元书写。处理：统一按表头的金额单位书写。",
                 message="“{name}”写作{stated}，而{other}中为{computed}：相差一万倍，元与万元混用", words=("name",)),
            Code("doc-placeholder", ERROR, "文档中留有模板占位或填写说明", ("snippet",),
                 "文档中留有“XX”“待补充”“增加（减少）”“下降（增长）”“（如持平作持平表述）”等模板文字。处理：按实际情况改写。",
                 message="{place}留有模板占位或填写说明“{snippet}”：请按实际情况改写", words=("place",)),
            Code("doc-dangling-clause", ERROR, "句子残缺", ("snippet",),
                 "句子缺了内容：“主要原因是：。”“开支内容包括。”“占；”“为万元”等。处理：补全或删去该句。",
                 message="句子残缺：“{around}”", words=("around",)),
            Code("doc-repeated", WARNING, "重复的标点或词语", ("snippet",),
                 "同一标点或词语连写两次（“。。”“，，”“支出支出”）。处理：删去重复的部分。",
                 message="重复的标点或词语“{snippet}”"),
            Code("doc-year-mismatch", ERROR, "年份与文档年度不符", ("expected", "actual"),
                 "标题、句首的“XXXX年度”、“截至XXXX年12月31日”写的不是文档的年度，或与上年比较时写的不是上一年度，或原因中出现了本年和上年以外的年份。处理：更正年份。",
                 message="{place}写作{actual}年，{should}{expected}年{note}", words=("place", "should", "note")),
            Code("doc-section-missing", ERROR, "缺少必备的部分或章节", ("expected",),
                 "公开说明缺少必须有的部分或章节（主要职能、机构设置或单位构成、收入支出决算总体情况……“三公”经费、其他重要事项、预算绩效、名词解释）。处理：补上该节；没有内容的写明“本单位无…”。",
                 message="缺少必备的章节“{expected}”"),
            Code("doc-table-missing", ERROR, "缺少必备的决算报表", ("expected",),
                 "九张决算报表中有一张不在文档中（空表也应保留并注明）。处理：补上该表。",
                 message="文档中没有《{expected}》"),
            Code("doc-three-public-missing", ERROR, "“三公”经费说明缺项", ("expected",),
                 "“三公”经费一节缺少某一部分（因公出国（境）费、公务用车购置费、公务用车运行维护费、公务接待费）或其数量（团组和人次、购置数和保有量、接待批次和人次）。处理：逐项补全；没有的写 0。",
                 message="“三公”经费说明中没有{expected}"),
            Code("doc-unit-wording", WARNING, "单位决算中使用了部门措辞", ("snippet",),
                 "标题为单位决算的文档中出现“部门决算”“本部门”等措辞（检查机关的常见问题）。处理：改为“单位决算”“本单位”。",
                 message="单位决算中写了“{snippet}”：应为单位措辞"),
            Code("doc-data-mismatch", ERROR, "文档中的数与数据文件夹不符", ("stated", "computed", "difference", "name"),
                 "`--data` 核对：文档中的数（句子或表格）与数据文件夹结算后的数不符，常见于生成后又在 Word 中改了数字。处理：以数据为准更正文档，或更正数据后重新生成。",
                 message="{subject}写作{stated_text}，按数据应为{computed_text}", words=("subject", "stated_text", "computed_text")),
            Code("doc-text-differs", WARNING, "句子与按数据生成的不同", ("expected", "actual"),
                 "`--data` 核对：这一段与 juesuan 按数据文件夹生成的同一段文字不同（values.expected 为生成的文字）。人工改写的原因等也会列出，请逐条确认。处理：确认改动有意，或以生成的文字为准。",
                 message="{problem}：“{excerpt}”", words=("problem", "excerpt")),
        ),
    ),
)

SELF_EVALUATION: tuple[Section, ...] = (
    Section(
        "Loading 绩效自评表.xlsx",
        (
            Code("self-evaluation-sheet-missing", ERROR, "缺少自评工作表", ("sheet",),
                 "工作簿缺少某个工作表（项目概况、项目资金、项目绩效指标、整体概况、整体资金、整体绩效指标）。",
                 message="缺少工作表「{sheet}」"),
            Code("self-evaluation-column-missing", ERROR, "自评表缺少表头", ("header", "sheet",),
                 "工作表第3行缺少必需的表头，提示中给出工作表和表头名称。",
                 message="工作表「{sheet}」第{row}行缺少表头「{header}」", words=("row",)),
            Code("target-missing", ERROR, "目标值（或整体表的预期指标值）未填写", ("role",),
                 "目标值（或整体表的预期指标值）未填写。",
                 message="{role}未填写"),
            Code("target-unparseable", ERROR, "目标值无法识别", ("reason", "text",),
                 "目标值无法识别，应写成 >=95%、<=3.50万元、=1辆、2024年12月10日前 或定性描述。",
                 message="{role}「{text}」{reason}，{hint}", words=("role", "hint")),
            Code("actual-missing", ERROR, "完成值（或整体表的实际完成指标值）未填写", ("role",),
                 "完成值（或整体表的实际完成指标值）未填写。",
                 message="{role}未填写"),
            Code("actual-unparseable", ERROR, "完成值无法识别，写法同目标值", ("reason", "text",),
                 "完成值无法识别，写法同目标值。",
                 message="{role}「{text}」{reason}，{hint}", words=("role", "hint")),
            Code("weight-missing", ERROR, "权重（分值权重）未填写", (),
                 "权重（分值权重）未填写。",
                 message="{header}未填写", words=("header",)),
            Code("weight-not-positive", ERROR, "权重为 0 或负数", ("weight",),
                 "权重为 0 或负数。",
                 message="{header}应大于0，实际为 {weight}", words=("header",)),
            Code("project-name-missing", ERROR, "项目名称未填", (),
                 "项目名称未填写（首行不能空白，其后空白表示同上一行）。",
                 message="项目名称未填写{note}", words=("note",)),
            Code("project-duplicate", ERROR, "项目概况表中同一项目出现两次", ("project",),
                 "项目概况表中同一项目出现两次。",
                 message="项目「{project}」重复，首次出现在 {first}", words=("first",)),
            Code("project-unknown", ERROR, "项目不在项目概况中", ("project",),
                 "项目资金表或项目绩效指标表中的项目不在项目概况表中（多为名称不一致）。",
                 message="项目「{project}」不在「{sheet}」表中", words=("sheet",)),
            Code("project-funds-missing", ERROR, "项目在项目资金表中没有任何资金行", ("project",),
                 "项目在项目资金表中没有任何资金行。",
                 message="项目「{project}」在「{sheet}」表中没有资金数据", words=("sheet",)),
            Code("project-indicators-missing", ERROR, "项目在项目绩效指标表中没有任何指标", ("project",),
                 "项目在项目绩效指标表中没有任何指标。",
                 message="项目「{project}」在「{sheet}」表中没有绩效指标", words=("sheet",)),
            Code("funds-source-unknown", ERROR, "资金来源无法识别", ("source",),
                 "资金来源无法识别（项目：年度资金总额、当年财政拨款、上年结转资金、其他资金；整体：上级资金、本级资金、其他资金、合计）。",
                 message="资金来源「{source}」无法识别，应为：{known}", words=("known",)),
            Code("funds-source-duplicate", ERROR, "资金来源重复", ("source",),
                 "同一项目（或整体表）中同一资金来源出现两次。",
                 message="资金来源「{source}」重复"),
            Code("indicator-group-missing", ERROR, "一级或二级指标空白", ("header",),
                 "一级指标或二级指标空白，但上一行属于另一组，不能沿用“同上”。",
                 message="{header}未填写（上一行不属于同一组，不能沿用）"),
            Code("indicator-name-missing", ERROR, "三级指标未填", (),
                 "该行填了权重、目标值或完成值，但三级指标未填写。",
                 message="三级指标未填写"),
            Code("indicator-duplicate", WARNING, "同一二级指标下三级指标名称重复", ("indicator",),
                 "同一二级指标下三级指标名称重复。",
                 message="三级指标「{indicator}」在同一二级指标下重复"),
            Code("unit-overview-missing", ERROR, "整体概况表为空", (),
                 "填了整体资金或整体绩效指标，但整体概况表为空。",
                 message="已填整体资金或整体绩效指标，但「{sheet}」表为空", words=("sheet",)),
            Code("unit-name-missing", ERROR, "整体概况表的单位名称未填写", (),
                 "整体概况表的单位名称未填写。",
                 message="单位名称未填写"),
            Code("unit-row-extra", ERROR, "整体概况表只应填一行", (),
                 "整体概况表只应填一行。",
                 message="「{sheet}」表只应填一行", words=("sheet",)),
            Code("unit-funds-missing", ERROR, "整体资金表为空", (),
                 "有整体支出绩效自评表，但整体资金表为空。",
                 message="「{sheet}」表为空", words=("sheet",)),
            Code("unit-indicators-missing", ERROR, "整体绩效指标表为空", (),
                 "有整体支出绩效自评表，但整体绩效指标表为空。",
                 message="「{sheet}」表为空", words=("sheet",)),
            Code("self-evaluation-year-unknown", ERROR, "绩效自评表的年度无法确定", ("folder",),
                 "单独生成绩效自评表（generate --only self-evaluation）时，年度取决算数据.xlsx 封面的「年度」，封面读不出时取文件夹名；两者都没有（文件夹名不是四位年份）时，表头“（……年度）”无从填写，不生成（--force 也不生成：表头不能印一个没有人填写的年度）。处理：把数据文件夹命名为年度（如 …/2024），或放入封面可以读取的决算数据.xlsx。",
                 message="无法确定绩效自评表的年度：{why}，文件夹名「{folder}」也不是四位年份，表头“（……年度）”无从填写，未生成。请把数据文件夹命名为年度（如 2024），或放入封面可以读取的决算数据.xlsx", words=("why",)),
            Code("layout-unknown", WARNING, "表样无法识别", ("layout",),
                 "项目概况的“表样”无法识别（应为 新疆、宁夏 或 重庆）。单独生成的绩效自评表按评分规则（display.layout）的表样。处理：改为三者之一或留空。",
                 message="表样「{layout}」无法识别，应为 新疆、宁夏 或 重庆；按评分规则的表样生成"),
        ),
    ),
    Section(
        "Loading a scoring profile",
        (
            Code("profile-unknown", ERROR, "找不到评分规则", ("profile",),
                 "找不到指定名称的评分规则，也不是存在的 YAML 文件路径；提示中列出可用的评分规则。",
                 message="找不到评分规则「{profile}」，可用的有：{available}，或给出 YAML 文件路径", words=("available",)),
            Code("profile-yaml-invalid", ERROR, "评分规则不是有效的 YAML", ("line",),
                 "评分规则文件不是有效的 YAML，提示中给出行号；同一个键写了两次、数字写成“.nan”“.inf”“1_000”或超过 10^15 也属此类。",
                 message="评分规则文件{problem}", words=("problem",)),
            Code("profile-invalid", ERROR, "评分规则字段有误", ("field", "line",),
                 "评分规则文件某字段缺失、拼写错误或取值无效，位置为字段路径及行号。",
                 message="评分规则{problem}", words=("problem",)),
        ),
    ),
    Section(
        "Scoring",
        (
            Code("rule-unknown", ERROR, "赋分规则写法无法识别", ("profile", "rule_text",),
                 "评分规则不认识该指标的赋分规则写法，暂按默认规则计分；提示中列出可用写法。",
                 message="评分规则「{profile}」不认识赋分规则「{rule_text}」，暂按默认规则「{default}」计分；可用写法：{wordings}", words=("default", "wordings")),
            Code("unit-mismatch", ERROR, "单位不同无法换算", ("actual_unit", "target_unit",),
                 "完成值与目标值单位不同且无法换算（如 人 与 次），该指标无法计分。",
                 message="完成值单位「{actual_unit}」与目标值单位「{target_unit}」不同且无法换算"),
            Code("unit-converted", WARNING, "单位已换算", ("actual_unit", "converted", "target_unit",),
                 "完成值与目标值单位只差数量级（如 万元 与 元），已换算后计算完成率。",
                 message="完成值「{actual}」与目标值「{target}」单位不同，已换算为 {converted_text}（与目标值同一单位）计算完成率", words=("actual", "target", "converted_text")),
            Code("unit-missing", WARNING, "只有一个值写了单位", ("actual", "target",),
                 "目标值与完成值只有一个写了单位，已按相同单位计算。",
                 message="目标值「{target}」与完成值「{actual}」只有一个写了单位，已按相同单位计算"),
            Code("percent-as-fraction", ERROR, "完成值把百分数写成小数", ("actual", "read_as", "target",),
                 "目标值是百分数（如 >=95%），完成值却是不带单位、不超过 1 的小数（如 0.93），多为从百分比格式的单元格粘贴为数值。已按百分数（93%）计分，使完成率和总分不失真；但自评表会照填写印出 0.93，所以是错误。处理：把完成值改写为 93%。",
                 message="「{indicator}」目标值「{target}」是百分数，完成值却写作小数「{actual}」（多为从百分比格式的单元格粘贴为数值）：已按 {read_as_text}% 计分，但自评表会印出「{actual}」；请改写为「{read_as_text}%」", words=("indicator", "read_as_text")),
            Code("actual-incomparable", ERROR, "完成值与目标值无法比较", ("actual", "target",),
                 "完成值与目标值类型不同（数值、日期、定性描述），无法比较，该指标无法计分。位置通常是完成值单元格；目标值是定性描述而完成值是数值时（如目标值写成“大约一百”），位置是目标值单元格：请把目标值写成“>=100”这样的数值。",
                 message="完成值「{actual}」与目标值「{target}」无法比较（一个是{actual_kind}，一个是{target_kind}）", words=("actual_kind", "target_kind")),
            Code("actual-not-applicable", ERROR, "完成值为「/」（不适用），目标值却不是", ("target",),
                 "完成值为「/」（不适用），目标值却不是。整行不适用时目标值也写「/」（该行不计权重、不计分）；否则请填写完成值。该指标暂按 0 分（或手工得分）计。",
                 message="「{indicator}」完成值为「{actual}」（不适用），但目标值「{target}」不是：整行不适用时目标值也写「/」，否则请填完成值", words=("indicator", "actual")),
            Code("target-operator-read", INFO, "目标值未写比较符号", ("indicator", "profile", "reading", "target",),
                 "目标值未写比较符号（如“90%”“8个”“6.27万元”），按指标性质（正向/反向），或按评分规则 untyped_operator 对该指标类别（二级指标、一级指标）的规定读作 不低于、不高于、等于 或 按比例（完成值/目标值），提示写明用了哪一种。处理：读法不对时在目标值前写上比较符号（>=、<=、=），或填写指标性质，或修改评分规则。",
                 message="「{indicator}」{reading_text}（评分规则 {profile}）", words=("reading_text",)),
            Code("qualitative-actual-unclear", ERROR, "定性完成值无法判断档次", ("actual", "target",),
                 "定性指标的完成值无法判断档次，应写“达到预期指标”“部分达成预期指标”“未达成预期指标”，或填手工得分。",
                 message="完成值「{actual}」无法判断是否达成目标「{target}」，请写“达到预期指标”“部分达成预期指标”“未达成预期指标”之一，或填手工得分"),
        ),
    ),
    Section(
        "Checks",
        (
            Code("total-provisional", WARNING, "总分是暂定的", ("total", "unscored",),
                 "表中有指标无法计分（目标值、完成值或权重无法读取或无法比较，且未填手工得分），暂按 0 分计入，所以总分是暂定的。其余指标照常计分。更正提示中列出的指标所在单元格，或填写手工得分及手工得分原因后重新检查。",
                 message="{table}总分 {total_text} 为暂定：{why}；更正这些单元格（或填手工得分及原因）后重新检查", words=("table", "total_text", "why",)),
            Code("score-override", INFO, "使用手工得分", ("indicator", "override", "reason", "rule_score",),
                 "该指标使用手工得分，提示中给出手工得分、规则得分和原因。",
                 message="「{indicator}」使用手工得分 {override_text}（{rule}），原因：{reason}", words=("override_text", "rule",)),
            Code("score-override-no-reason", WARNING, "使用了手工得分但未填写手工得分原因", ("indicator", "override", "reason", "rule_score",),
                 "使用了手工得分但未填写手工得分原因。",
                 message="「{indicator}」使用手工得分 {override_text}（{rule}），但未填写手工得分原因", words=("override_text", "rule",)),
            Code("score-override-out-of-range", ERROR, "手工得分小于 0 或大于该指标权重", ("indicator", "override", "reason", "rule_score",),
                 "手工得分小于 0 或大于该指标权重。",
                 message="「{indicator}」手工得分 {override_text} 应在 0 到权重 {weight_text} 之间", words=("override_text", "weight_text",)),
            Code("score-override-outside-tier", WARNING, "手工得分不在档次区间内", ("high", "low", "override",),
                 "定性指标的手工得分不在其完成档次的得分区间内（如“部分达成”应在权重的 50%—80%）。",
                 message="「{indicator}」完成值「{actual}」属「{tier}」档，得分应在 {low_text} 到 {high_text} 之间，手工得分为 {override_text}", words=("indicator", "actual", "tier", "low_text", "high_text", "override_text",)),
            Code("printed-rate-differs", WARNING, "印刷完成率与计算不同", ("expected", "indicator", "stated",),
                 "印刷完成率与按评分规则计算的完成率（保留两位）不同，给出两个数值和差额。",
                 message="「{indicator}」印刷完成率 {stated_text}% 与计算值 {rate_text}（完成值「{actual}」/目标值「{target}」）不同，印刷值{direction} {difference_text}个百分点", words=("stated_text", "rate_text", "actual", "target", "direction", "difference_text",)),
            Code("printed-score-differs", WARNING, "印刷得分与计算不同", ("expected", "indicator", "stated",),
                 "印刷得分与按评分规则计算的得分（保留两位）不同，给出两个数值、差额和计算方法。",
                 message="「{indicator}」印刷得分 {stated_text} 与计算得分 {expected_text} 不同，印刷值{direction} {difference_text}；计算方法：{formula}（评分规则 {profile}）", words=("stated_text", "expected_text", "direction", "difference_text", "formula", "profile",)),
            Code("printed-coefficient-score-differs", WARNING, "印刷系数×权重与得分不同", ("expected", "indicator", "stated",),
                 "紧凑表样（重庆式）印刷的得分系数（%）乘以权重，与同一行印刷的指标得分不同（已容许两者各自的四舍五入）：印刷的系数或得分有一个有误。处理：核对已印发文件，改正得分系数或指标得分。",
                 message="「{indicator}」印刷得分系数 {coefficient_text}% × 权重 {weight_text} = {product_text}，与印刷指标得分 {stated_text} 不同，印刷值{direction} {difference_text}", words=("coefficient_text", "weight_text", "product_text", "stated_text", "direction", "difference_text",)),
            Code("printed-coefficient-differs", WARNING, "印刷得分系数与计算不同", ("expected", "indicator", "stated",),
                 "印刷的得分系数（%）与按评分规则计算的（规则得分 / 权重，或评分规则 coefficient 设定的保留位数）在印刷的小数位上不同，给出两个数值、差额和计算方法。处理：核对完成值、目标值和指标性质，或选用相符的评分规则（--profile）。",
                 message="「{indicator}」印刷得分系数 {stated_text}% 与计算的 {computed_text}%（得分 {score_text} / 权重 {weight_text}）不同，印刷值{direction} {difference_text}个百分点；计算方法：{formula}（评分规则 {profile}）", words=("stated_text", "computed_text", "score_text", "weight_text", "direction", "difference_text", "formula", "profile",)),
            Code("printed-execution-rate-differs", WARNING, "印刷执行率与计算不同", ("expected", "stated",),
                 "印刷执行率与 全年执行数/全年预算数 不同。",
                 message="{table}印刷执行率 {stated_text}% 与计算值 {rate_text}（全年执行数 {executed_text} / 全年预算数 {budget_text}）不同", words=("table", "stated_text", "rate_text", "executed_text", "budget_text",)),
            Code("printed-execution-score-differs", WARNING, "印刷执行率得分与计算不同", ("expected", "stated",),
                 "印刷执行率得分与按评分规则（满分或 分值×执行率）计算的不同。",
                 message="{table}印刷执行率得分 {stated_text} 与按「{profile}」（{how}）计算的 {expected_text} 不同，印刷值{direction} {difference_text}", words=("table", "stated_text", "profile", "how", "expected_text", "direction", "difference_text",)),
            Code("printed-total-differs", WARNING, "印刷总分与计算不同", ("expected", "stated",),
                 "印刷总分与计算总分（执行率得分 + 各指标得分）不同。",
                 message="{table}印刷总分 {stated_text} 与计算总分 {expected_text} 不同，印刷值{direction} {difference_text}", words=("table", "stated_text", "expected_text", "direction", "difference_text",)),
            Code("printed-parts-total-differs", WARNING, "印刷总分与印刷各项之和不同", ("expected", "stated",),
                 "印刷的总分与印刷的各项得分（执行率得分 + 各指标得分）之和不同。印刷执行率得分空白时按 0 计并在提示中说明（例如各项之和 88、印刷总分 98）。处理：核对已印发文件，改正印刷的总分或漏填的那一项得分。",
                 message="{table}印刷总分 {stated_text} 与印刷的各项得分之和 {expected_text}{blank}不同，印刷值{direction} {difference_text}：印刷的总分或某项得分有误", words=("table", "stated_text", "expected_text", "blank", "direction", "difference_text",)),
            Code("printed-grade-differs", WARNING, "印刷等级与总分不符", ("expected", "stated", "total",),
                 "印刷的等级（优/良/中/差等）与总分按评分规则的等级分档（grades）应得的等级不同，或该等级名称不在评分规则中。有印刷总分时按印刷总分判断。处理：改正等级，或选用分档相符的评分规则（--profile）。",
                 message="{table}印刷等级「{stated}」与总分 {total_text} 按「{profile}」应得的「{expected_text}」不同（{bands}）{unknown}", words=("table", "total_text", "profile", "expected_text", "bands", "unknown",)),
            Code("stated-weight-mismatch", WARNING, "写明的分值与权重之和不同", ("expected", "stated",),
                 "一级或二级指标名称中写明的分值（如“产出指标（50分）”“数量指标（10分）”）与其下各指标权重之和不同。处理：改正写明的分值或各行权重。",
                 message="{table}{level}「{group}」写明 {stated_text} 分，其下各指标权重合计 {expected_text}，{direction} {difference_text}", words=("table", "level", "group", "stated_text", "expected_text", "direction", "difference_text",)),
            Code("weight-total-mismatch", ERROR, "权重合计不是 90 分", ("expected", "stated",),
                 "各指标权重合计不等于评分规则规定的 90 分（另有执行率分值 10 分）。",
                 message="{table}各指标权重合计 {stated_text}，应为 {expected_text}（另有执行率分值 {execution_text}），{direction} {difference_text}", words=("table", "stated_text", "expected_text", "execution_text", "direction", "difference_text",)),
            Code("execution-weight-mismatch", WARNING, "执行率分值与规则不同", ("expected", "stated",),
                 "填写的执行率分值与评分规则规定的（一般为 10 分）不同。",
                 message="{table}执行率分值为 {stated_text}，评分规则「{profile}」为 {expected_text}", words=("table", "stated_text", "profile", "expected_text",)),
            Code("deviation-reason-missing", WARNING, "未达目标却无偏差原因", ("actual", "indicator", "target",),
                 "指标未达到目标值（完成值低于不低于指标、高于不高于指标、定性指标未达成预期），而“偏差原因分析及改进措施”空白。宁夏等地的填报说明（注4）和自评表审核都要求说明。处理：简要写明未完成的原因和改进措施。",
                 message="{table}「{indicator}」未达到目标值（目标值「{target}」，完成值「{actual}」），偏差原因分析及改进措施空白：请简要说明未完成的原因和改进措施", words=("table",)),
            Code("indicator-class-missing", WARNING, "缺少产出、效益或满意度指标", ("missing",),
                 "项目支出绩效自评表的一级指标应包括产出指标、效益指标和满意度指标（共性指标框架；成本指标可单列），提示中列出缺少的类别和现有的一级指标。整体支出表不查（其一级指标为履职效能等）。处理：补齐指标，或核对一级指标名称是否写错。",
                 message="{table}没有{missing_text}：项目支出绩效指标应包括产出、效益和满意度指标（现有一级指标：{present}）", words=("table", "missing_text", "present",)),
            Code("execution-full-marks", INFO, "执行率不足仍得满分", ("profile", "proportional", "rate", "score", "tables",),
                 "评分规则的 execution 为 full：资金执行率不到 100% 时执行率得分仍为满分（新疆 2024 样本如此：92.65%、83.40% 均得 10 分）。每个工作簿提示一次：有几张表如此、执行率最低的一张及其按执行率折算应得的分数，便于核对本地评分办法。处理：本地按执行率折算时改用 proportional 的评分规则（如 classic-ratio），或复制评分规则修改 execution。",
                 message="评分规则「{profile}」的执行率得分不按执行率折算（execution: full）：{tables} 张表执行率不足 100% 仍得满分（{named}）；最低的{lowest}按执行率折算应为 {proportional_text} 分。本地按执行率折算时请改用相应的评分规则", words=("named", "lowest", "proportional_text",)),
            Code("text-markup", WARNING, "文字中有网页标记", ("found", "text",),
                 "年度总体目标、指标名称、偏差原因等文字中有网页标记（如“<p>”“</p>”“<br/>”“&nbsp;”），多为从网页系统复制时带入，会原样印进自评表。处理：删去标记，只留文字。",
                 message="{label}中有网页标记“{found}”，会原样印进自评表：「{text}」。请删去标记，只留文字", words=("label",)),
            Code("funds-total-mismatch", ERROR, "资金总额与来源之和不符", ("difference", "expected", "stated", "tolerance",),
                 "年度资金总额（合计）与各资金来源之和不同，差额超过 0.01 万元。",
                 message="{table}{line} {stated_text} 与{parts}合计 {expected_text} 不同，{direction} {difference_text}万元{note}", words=("table", "line", "stated_text", "parts", "expected_text", "direction", "difference_text", "note",)),
            Code("funds-total-rounding", WARNING, "资金总额有尾差", ("difference", "expected", "stated", "tolerance",),
                 "年度资金总额（合计）与各资金来源之和相差不超过 0.01 万元（四舍五入尾差）。",
                 message="{table}{line} {stated_text} 与{parts}合计 {expected_text} 不同，{direction} {difference_text}万元（在尾差范围内，按填报数使用）", words=("table", "line", "stated_text", "parts", "expected_text", "direction", "difference_text",)),
            Code("executed-exceeds-budget", WARNING, "执行数超过预算数", ("annual_budget", "executed", "source",),
                 "某资金来源（或合计）的全年执行数超过全年预算数。",
                 message="{table}{source}全年执行数 {executed_text} 超过全年预算数 {budget_text}，多 {over_text}万元", words=("table", "executed_text", "budget_text", "over_text",)),
            Code("annual-budget-missing", ERROR, "全年预算数为 0 或未填写，无法计算执行率", ("annual_budget",),
                 "全年预算数为 0 或未填写，无法计算执行率。",
                 message="{table}全年预算数为 0 或未填写，无法计算执行率", words=("table",)),
        ),
    ),
    Section(
        "Settled with the disclosure (其他重要事项)",
        (
            Code("performance-figure-mismatch", ERROR, "绩效自评数字与自评表不同", ("difference", "expected", "name", "stated", "tolerance",),
                 "其他重要事项填写的绩效自评项目数、项目金额、平均分或各等级项目数，与绩效自评表中的项目自评表得出的不同（平均分按填写的小数位比较）。公开说明按自评表印（自评表附在说明后，数字须与之一致）。处理：改正填写的数，或补齐、删去自评表；不填则直接使用自评表的数。",
                 message="其他重要事项「{name}」填写 {stated_text}，{workbook}的项目自评表得出 {expected_text}，{direction} {difference_text}；公开说明按自评表印 {expected_text}。请核对：改正填写的数，或补齐、删去自评表", words=("stated_text", "workbook", "expected_text", "direction", "difference_text")),
            Code("performance-figure-rounding", WARNING, "绩效自评金额只差尾差", ("difference", "expected", "name", "stated", "tolerance",),
                 "其他重要事项填写的绩效自评项目金额与各项目自评表全年预算数之和只差尾差（每个项目 0.01 万元以内）。公开说明按自评表之和印。",
                 message="其他重要事项「{name}」填写 {stated_text}，{workbook}的项目自评表得出 {expected_text}，{direction} {difference_text}；公开说明按自评表印 {expected_text}。请核对：改正填写的数，或补齐、删去自评表", words=("stated_text", "workbook", "expected_text", "direction", "difference_text")),
        ),
    ),
)

# Compared figures are a warning within the 尾差 tolerance and an error beyond it (check/compare.py).
MIXED_SEVERITY = frozenset({"cross-table-mismatch", "fund-closure-mismatch", "income-expense-unbalanced", "prior-year-mismatch",
                            "personnel-public-mismatch", "admin-cost-mismatch", "doc-table-mismatch", "doc-sum-mismatch", "item-budgets-mismatch",
                            "procurement-total-mismatch"})

# No longer emitted; kept so that old output can be read. `crashed` carries values.stage instead.
RETIRED: tuple[Code, ...] = (
    Code("rule-crashed", ERROR, "检查规则运行出错（已停用）", ("rule",),
         "自 2026 年 11 月起不再使用，改为 crashed（values.stage 为 \"rule\"，values.name 为规则名）。", replaced_by="crashed"),
    Code("check-crashed", ERROR, "绩效自评检查出错（已停用）", ("check",),
         "自 2026 年 11 月起不再使用，改为 crashed（values.stage 为 \"self-evaluation-check\"，values.name 为检查名）。", replaced_by="crashed"),
    Code("unit-crashed", ERROR, "批量处理某单位时程序出错（已停用）", (),
         "自 2026 年 11 月起不再使用，改为 crashed（values.stage 为 \"unit\"）。", replaced_by="crashed"),
)

CODES: dict[str, Code] = {c.code: c for part in (MAIN, SELF_EVALUATION) for section in part for c in section.codes}
RETIRED_CODES: dict[str, Code] = {c.code: c for c in RETIRED}

def declaration(code: str) -> Code:
    """The current declaration of CODE; FindingDeclarationError for an undeclared or retired code."""
    entry = CODES.get(code)
    if entry is None:
        retired = RETIRED_CODES.get(code)
        hint = f"retired, emit {retired.replaced_by!r}" if retired else "declare it in generator/finding_codes.py"
        raise FindingDeclarationError(f"finding code {code!r} is not declared ({hint})")
    return entry


def declared(code: str, severity: str, values: Iterable[str]) -> Code:
    """The declaration of CODE, after checking that it may be emitted with SEVERITY and these VALUES keys (in every run)."""
    entry = declaration(code)
    if severity != entry.severity and code not in MIXED_SEVERITY:
        raise FindingDeclarationError(f"finding code {code!r} is declared {entry.severity}, emitted as {severity}")
    extra = set(values) - set(entry.values)
    if extra:
        raise FindingDeclarationError(f"finding code {code!r} carries undeclared values {sorted(extra)}: add them to its Code")
    return entry


# --- the documentation ---------------------------------------------------------------------------

_GENERATED = "<!-- Generated from generator/finding_codes.py by `python -m generator.finding_codes`: edit there, not here. -->"


def markdown(part: str) -> str:
    """docs/findings.md (part "main") or docs/findings-self-evaluation.md (part "self_evaluation")."""
    intro, sections = (MAIN_INTRO, MAIN) if part == "main" else (SELF_EVALUATION_INTRO, SELF_EVALUATION)
    lines = [intro.strip(), "", _GENERATED, ""]
    for section in sections:
        lines += [f"## {section.title}", ""]
        for c in section.codes:
            lines += [f"### {c.code}", f"{c.severity} — **{c.title}**。{c.help}", ""]
            if c.values:
                lines += ["values: " + ", ".join(f"`{v}`" for v in c.values), ""]
            if c.message:
                lines += [f"message: `{c.message}`", ""]
    if part == "main":
        lines += ["## Retired codes", "", "Codes are never renamed: these are no longer emitted, and what replaced them is named.", ""]
        for c in RETIRED:
            lines += [f"### {c.code}", f"{RETIRED_SEVERITY} — {c.help}", ""]
    return "\n".join(lines).rstrip() + "\n"


DOCS = {"main": "findings.md", "self_evaluation": "findings-self-evaluation.md"}


def write_docs(docs: Path) -> list[Path]:
    written = []
    for part, name in DOCS.items():
        path = docs / name
        path.write_text(markdown(part), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in write_docs(Path(__file__).resolve().parents[1] / "docs"):
        print(f"wrote {path}")
