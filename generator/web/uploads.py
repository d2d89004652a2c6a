"""Uploaded data files: refused unless they are what they claim, then kept with the old one in history.

A file is checked before anything is written: its name (no path), its kind and size, and
for a workbook its zip structure (no macros, no zip bomb, a real spreadsheet). The file it
replaces is first copied into 历史版本/ beside it, so nothing is ever lost and any version
can be restored; the new file is then written atomically.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from generator import api, layout
from generator.files import write_atomically
from generator.yaml_files import load_yaml, yaml_problem

HISTORY = "历史版本"
MAX_BYTES = 20 * 1024 * 1024  # a 决算数据.xlsx of a large unit is well under 1 MB
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100  # XML compresses about 10:1; a zip bomb far beyond
MAX_MEMBERS = 5000


@dataclass(frozen=True)
class Kind:
    name: str  # the file name in the unit folder
    suffix: str
    label: str


KINDS = {
    "workbook": Kind(layout.WORKBOOK, ".xlsx", "决算数据"),
    "self-evaluation": Kind(api.SELF_EVALUATION_WORKBOOK, ".xlsx", "绩效自评表"),
    "texts": Kind(layout.TEXTS, ".yaml", "文字说明"),
}
_VERSION = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6}-\d{6})(?P<suffix>\.xlsx|\.yaml)$")


class Refused(ValueError):
    """An upload that is not kept; the message (Chinese) says why."""


def check_upload(kind: str, filename: str, data: bytes) -> Kind:
    """The kind of file DATA is, or Refused with the reason. Nothing is written."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Refused("未知的文件类型：只能上传 决算数据.xlsx、绩效自评表.xlsx 或 文字说明.yaml")
    if not filename or any(c in filename for c in "/\\\0") or filename in (".", "..") or ":" in filename:
        raise Refused(f"文件名「{filename}」中含有路径或非法字符：请只上传文件本身")
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlsb", ".xls"):
        raise Refused(f"不能上传「{filename}」：只接受 .xlsx 工作簿（含宏的 .xlsm 和旧版 .xls 不接受，请在 Excel 中另存为 .xlsx）")
    wanted = (spec.suffix, ".yml") if spec.suffix == ".yaml" else (spec.suffix,)
    if suffix not in wanted:
        raise Refused(f"「{filename}」不是 {spec.suffix} 文件：{spec.label}应上传 {spec.name}")
    if not data:
        raise Refused(f"「{filename}」是空文件")
    if len(data) > MAX_BYTES:
        raise Refused(f"「{filename}」太大（{len(data) / 1024 / 1024:.1f} MB），上限为 {MAX_BYTES // 1024 // 1024} MB")
    if spec.suffix == ".xlsx":
        _check_workbook(filename, data)
    else:
        _check_yaml(filename, data)
    return spec


def _check_workbook(filename: str, data: bytes) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise Refused(f"「{filename}」不是 Excel 工作簿（.xlsx 文件是一个 zip 包，这个文件不是）")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise Refused(f"「{filename}」包含的部件过多（{len(members)} 个），不像正常的工作簿，未保存")
        names = {m.filename for m in members}
        if any(m.filename.startswith("/") or ".." in m.filename.split("/") for m in members):
            raise Refused(f"「{filename}」内含带路径的部件，未保存")
        unpacked = sum(m.file_size for m in members)
        bomb = any(m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
        if unpacked > MAX_UNPACKED or bomb:
            raise Refused(f"「{filename}」解压后异常巨大（{unpacked / 1024 / 1024:.0f} MB），可能是压缩炸弹，未保存")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise Refused(f"「{filename}」含有宏（VBA），不能上传：请在 Excel 中另存为不含宏的 .xlsx")
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise Refused(f"「{filename}」不是 Excel 工作簿（缺少 xl/workbook.xml）")
        types = package.read("[Content_Types].xml").decode("utf-8", "replace").lower()
        if "macroenabled" in types or "vbaproject" in types:
            raise Refused(f"「{filename}」是含宏的工作簿（xlsm），不能上传：请在 Excel 中另存为不含宏的 .xlsx")
    # The same door as every reader (api.package_refusal): every member inflates as declared, no XML entities.
    # A value far out (XFD1048576) is accepted: the readers read the bounded range and name the stray cell.
    refusal = api.package_refusal(data)
    if refusal is not None:
        raise Refused(f"「{filename}」未保存：{refusal}")


def _check_yaml(filename: str, data: bytes) -> None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(f"「{filename}」不是 UTF-8 编码的文本文件，未保存") from exc
    try:
        load_yaml(text)  # the readers' loader: duplicate keys, alias bombs and overlong text are refused here too
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise Refused(f"「{filename}」{where}格式有误，未保存：{yaml_problem(exc)}") from exc


def keep(folder: Path, spec: Kind, data: bytes, now: datetime | None = None) -> Path | None:
    """Write DATA as FOLDER/spec.name; the file it replaces goes to 历史版本/ first. Returns that version."""
    target = folder / spec.name
    kept = _to_history(target, now) if target.is_file() else None
    write_atomically(target, data)
    return kept


def _to_history(target: Path, now: datetime | None) -> Path:
    history = target.parent / HISTORY
    history.mkdir(exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    kept = history / f"{target.stem}.{stamp}{target.suffix}"
    shutil.copy2(target, kept)
    return kept


@dataclass(frozen=True)
class Version:
    path: Path
    name: str  # the data file it is a version of
    stamp: str

    @property
    def when(self) -> str:
        d, t, _ = self.stamp.split("-")
        return f"{d[:4]}-{d[4:6]}-{d[6:]} {t[:2]}:{t[2:4]}:{t[4:]}"


def versions(folder: Path) -> list[Version]:
    """The kept versions of FOLDER's data files, newest first."""
    history = folder / HISTORY
    found = []
    if history.is_dir():
        for path in history.iterdir():
            match = _VERSION.match(path.name)
            if match and path.is_file():
                name = match["stem"] + match["suffix"]
                if name in {k.name for k in KINDS.values()}:
                    found.append(Version(path, name, match["stamp"]))
    return sorted(found, key=lambda v: v.stamp, reverse=True)


def restore(folder: Path, version_name: str) -> Version:
    """Put a kept version back in place; the current file goes to history first. Refused for unknown names."""
    for version in versions(folder):
        if version.path.name == version_name:
            spec = next(k for k in KINDS.values() if k.name == version.name)
            keep(folder, spec, version.path.read_bytes())
            return version
    raise Refused(f"历史版本中没有「{version_name}」")
