"""Explained warnings as values: a record of 核对记录.yaml, which findings it explains, and its text.

Each record names a finding by its code, its location (the file relative to the unit folder)
and the values it carried when it was explained (the stated and computed figures), with the
reason, who and when. A record applies to a finding only while all of these are equal: when a
figure changes, the record no longer matches and the warning is shown again. Errors are never
acknowledged away. Reading and writing the file is generator/acknowledgements.py's; here the
records are matched, and the file's text is edited as text (a record appended, or replaced in
place), so that comments and order stay as a person left them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from generator.findings import Finding, Location, Severity
from generator.yaml_files import compose_yaml, load_yaml

RECORD_FILE = "核对记录.yaml"
HEADER = (
    "# 核对记录：已核对、确认无需更正的警告及其原因（juesuan 工作台写入，也可手工编辑）。\n"
    "# 每条记录：代码、位置、数值（说明时警告所带的数值）、原因、核对人、时间。\n"
    "# 数值变了，这条记录就不再适用，警告会重新出现；错误不能用核对记录说明。\n"
)


class RecordRefused(ValueError):
    """A record that cannot be written: the message says why, in Chinese."""


@dataclass(frozen=True)
class Acknowledgement:
    code: str
    location: str  # Location as text, its file relative to the unit folder: 决算数据.xlsx[收入支出决算总表]!B15
    values: tuple[tuple[str, str], ...]  # the finding's values as text, in their order
    reason: str
    who: str = ""
    when: str = ""

    @property
    def key(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return (self.code, self.location, self.values)


@dataclass(frozen=True)
class Acknowledged:
    """A finding that a record explains: shown as 已说明 with the reason, not counted."""

    finding: Finding
    record: Acknowledgement

    def as_json(self) -> dict[str, Any]:
        return {
            **self.finding.as_json(),
            "acknowledgement": {"reason": self.record.reason, "who": self.record.who, "when": self.record.when},
        }


def value_text(value: Any) -> str:
    """One value as the record keeps it: exact decimals as written, anything else as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return json.dumps([value_text(v) for v in value], ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def relative_location(location: Location, folder: Path) -> str:
    """LOCATION as text with its file relative to FOLDER (a record survives moving or renaming the root)."""
    file = location.file
    if file:
        path = Path(file)
        try:
            file = os.path.relpath(path.resolve(), folder.resolve())  # both resolved: a symlinked root names the same file
        except ValueError:  # another drive on Windows
            pass
        file = file.replace(os.sep, "/")
    return str(location.model_copy(update={"file": file}))


def key_of(finding: Finding, folder: Path) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """What a record must equal to explain FINDING: code, location, values (the message when there are none)."""
    values = tuple((k, value_text(v)) for k, v in finding.values.items())
    if not values:
        values = (("说明", finding.message),)
    return (finding.code, relative_location(finding.location, folder), values)


def can_acknowledge(finding: Finding) -> bool:
    return finding.severity is not Severity.ERROR


def record_of(item: Any) -> Acknowledgement | None:
    """One entry of the file as a record; None when it lacks its code, location or reason."""
    if not isinstance(item, dict):
        return None
    code, location, reason = item.get("代码"), item.get("位置"), item.get("原因")
    values = item.get("数值") or {}
    if not (isinstance(code, str) and isinstance(location, str) and isinstance(reason, str) and reason.strip()):
        return None
    if not isinstance(values, dict):
        return None
    return Acknowledgement(
        code=code,
        location=location,
        values=tuple((str(k), value_text(v)) for k, v in values.items()),
        reason=reason.strip(),
        who=str(item.get("核对人") or ""),
        when=str(item.get("时间") or ""),
    )


def split_acknowledged(
    findings: Iterable[Finding], records: Iterable[Acknowledgement], folder: Path
) -> tuple[list[Finding], list[Acknowledged]]:
    """FINDINGS without those a record explains, and those with their record. Errors always stay."""
    by_key = {r.key: r for r in records}
    remaining: list[Finding] = []
    explained: list[Acknowledged] = []
    for finding in findings:
        record = by_key.get(key_of(finding, folder)) if can_acknowledge(finding) else None
        if record is None:
            remaining.append(finding)
        else:
            explained.append(Acknowledged(finding, record))
    return remaining, explained


def record_for(finding: Finding, folder: Path, reason: str, who: str, when: str) -> Acknowledgement:
    """The record that explains FINDING; RecordRefused for an error or an empty reason."""
    if not can_acknowledge(finding):
        raise RecordRefused("错误不能用核对记录说明，只能更正数据")
    if not reason.strip():
        raise RecordRefused("请写明原因（例如：报表本身即有此尾差，按报表数公开）")
    code, location, values = key_of(finding, folder)
    return Acknowledgement(code, location, values, reason.strip(), who.strip(), when)


def checked_text(text: str) -> str:
    """TEXT, the file as it is, when a record may be written into it; RecordRefused when it is not a list of records."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise RecordRefused(f"{RECORD_FILE}格式有误，请先改正后再记录") from exc
    if data is not None and not isinstance(data, list):
        raise RecordRefused(f"{RECORD_FILE}应为一条条记录（每条以“- 代码:”开始），请先改正后再记录")
    return text


def with_record(text: str, record: Acknowledgement) -> str:
    """TEXT with RECORD added, replacing the record of the same code and location in place."""
    block = _entry_text(record)
    span = _span_of(text, lambda item: item.get("代码") == record.code and item.get("位置") == record.location)
    if span is None:
        if text and not text.endswith("\n"):
            text += "\n"
        return (text or HEADER) + block
    return text[: span[0]] + block + text[span[1] :]


def without_record(text: str, code: str, location: str) -> str | None:
    """TEXT without the record of CODE at LOCATION; None when it has none."""
    span = _span_of(text, lambda item: item.get("代码") == code and item.get("位置") == location)
    return None if span is None else text[: span[0]] + text[span[1] :]


def _span_of(text: str, wanted: Any) -> tuple[int, int] | None:
    """The character range of the first top-level list item WANTED accepts: whole lines, up to the next item."""
    if not text.strip():
        return None
    root = compose_yaml(text)
    data = load_yaml(text)
    if not isinstance(root, yaml.SequenceNode) or not isinstance(data, list):
        return None
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    items = root.value
    for index, (node, item) in enumerate(zip(items, data, strict=True)):
        if isinstance(item, dict) and wanted(item):
            first = node.start_mark.line
            last = items[index + 1].start_mark.line if index + 1 < len(items) else len(lines)
            while last > first + 1 and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
                last -= 1  # comments and blank lines after an item belong to what follows
            return starts[first], starts[last]
    return None


def _entry_text(record: Acknowledgement) -> str:
    entry: dict[str, Any] = {"代码": record.code, "位置": record.location, "数值": dict(record.values), "原因": record.reason}
    if record.who:
        entry["核对人"] = record.who
    if record.when:
        entry["时间"] = record.when
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)

