"""核对记录.yaml on disk: the records a unit folder keeps (generator/acknowledged.py holds what they mean).

The file is the source of truth: it is read through the door with the project's YAML reader and
written atomically, by editing its text, so that comments and order stay as a person left them.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from generator import door
from generator.acknowledged import (
    RECORD_FILE,
    Acknowledgement,
    RecordRefused,
    checked_text,
    record_of,
    with_record,
    without_record,
)
from generator.files import write_atomically
from generator.findings import Finding, Location, emit
from generator.yaml_files import load_yaml


def read_records(folder: Path) -> tuple[list[Acknowledgement], list[Finding]]:
    """The records in FOLDER's 核对记录.yaml (none when it is absent); a bad file or entry is a warning at it."""
    path = folder / RECORD_FILE
    where = Location(file=str(path))
    if not os.path.lexists(path):
        return [], []
    try:
        text, refused = door.read_text(path, str(path))
    except UnicodeDecodeError:
        return [], [_invalid(where, "不是 UTF-8 编码")]
    if text is None:
        why = refused.message if refused is not None else "无法读取"
        return [], [_invalid(where, f"无法读取（{why}）")]
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第{mark.line + 1}行" if mark is not None else ""
        return [], [_invalid(where, f"{line}格式有误", advice="：请按文件开头的说明改正")]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [_invalid(where, "应为一条条记录（每条以“- 代码:”开始）")]
    records: list[Acknowledgement] = []
    findings: list[Finding] = []
    for index, item in enumerate(data):
        record = record_of(item)
        if record is None:
            findings.append(_invalid(Location(file=str(path), field=f"[{index + 1}]"), f"第{index + 1}条记录缺少代码、位置或原因", which=""))
        else:
            records.append(record)
    return records, findings


def _invalid(where: Location, problem: str, which: str = "其中的核对记录", advice: str = "") -> Finding:
    return emit("review-record-invalid", where, file=RECORD_FILE, problem=problem, which=which, advice=advice)


def write_record(folder: Path, record: Acknowledgement) -> None:
    """Add RECORD to FOLDER's 核对记录.yaml, replacing the record of the same code and location in place."""
    path = folder / RECORD_FILE
    write_atomically(path, with_record(_current_text(path), record).encode("utf-8"))


def remove_record(folder: Path, code: str, location: str) -> bool:
    """Take the record of CODE at LOCATION out of FOLDER's 核对记录.yaml; False when there was none."""
    path = folder / RECORD_FILE
    text = without_record(_current_text(path), code, location)
    if text is None:
        return False
    write_atomically(path, text.encode("utf-8"))
    return True


def _current_text(path: Path) -> str:
    try:
        return checked_text(door.existing_text(path))
    except door.Unreadable as exc:
        raise RecordRefused(f"{exc}，请先改正后再记录") from exc
