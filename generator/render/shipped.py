"""The templates that ship with juesuan, and how one is chosen: by name, by path, or by the 封面.

The files live in the repository's templates/ folder, installed as the package
generator.templates; importlib.resources finds them in a checkout, an editable
install and a wheel alike.
"""

from __future__ import annotations

import zipfile
from importlib import resources
from pathlib import Path

from generator.findings import Finding, Location, emit
from generator.render.wording import WordingProfile

# Name -> file in templates/. A name is what `--template` and the 封面's 公开模板 cell accept.
SHIPPED = {
    "xinjiang-2024": "disclosure.docx",
    "shanghai-2024": "shanghai-2024.docx",
    "shanghai-2024-unit": "shanghai-2024-unit.docx",
}
DEFAULT_NAME = "xinjiang-2024"
SELF_EVALUATION_FILE = "self_evaluation.docx"
# The self-evaluation table forms (a profile's display.layout, or the workbook's 表样) -> file in templates/.
SELF_EVALUATION_LAYOUTS = {
    "xinjiang": SELF_EVALUATION_FILE,
    "ningxia": "self_evaluation-ningxia.docx",
    "chongqing": "self_evaluation-chongqing.docx",
}
FONTS_CONF = ("fonts", "fontconfig-cjk.conf")


def template_dir() -> Path:
    """The folder holding the shipped templates (a real directory: templates are not zipped)."""
    try:
        return Path(str(resources.files("generator.templates")))
    except ModuleNotFoundError:  # run from a checkout without installing: templates/ beside generator/
        return Path(__file__).resolve().parents[2] / "templates"


def shipped_template(name: str) -> Path:
    return template_dir() / SHIPPED[name]


def default_template() -> Path:
    return shipped_template(DEFAULT_NAME)


def self_evaluation_template(layout: str = "xinjiang") -> Path:
    """The standalone self-evaluation template of LAYOUT (xinjiang, ningxia, chongqing)."""
    return template_dir() / SELF_EVALUATION_LAYOUTS.get(layout, SELF_EVALUATION_FILE)


def template_wording(template: Path) -> WordingProfile:
    """The wording profile of TEMPLATE: its manifest's 措辞 and 数字格式 (shipped or one's own), DEFAULT without one."""
    from generator.render.manifest import template_kit

    return template_kit(template).profile


def fonts_conf() -> Path:
    return template_dir().joinpath(*FONTS_CONF)


def resolve_template(
    choice: str | Path | None, cover_choice: str = "", cover_location: Location | None = None, folder: Path | None = None
) -> tuple[Path | None, list[Finding]]:
    """The template file to render with.

    CHOICE (the --template option) wins; it is a shipped name or a file path given by the person
    running juesuan. Without it the 封面's 公开模板 cell (COVER_CHOICE) decides, then the default.
    The cell is part of the data: it may name a shipped template or a file inside the data FOLDER
    (a relative path is read from FOLDER, never from the current directory); a path leaving the
    folder (by "..", an absolute path or a symbolic link) is refused. A template that does not
    exist, or is not a Word .docx, is a finding at the option or the cell.
    """
    if choice is not None and str(choice).strip():
        return _resolve(str(choice).strip(), Location(field="--template"), None)
    if cover_choice.strip():
        return _resolve(cover_choice.strip(), cover_location or Location(field="公开模板"), folder)
    return default_template(), []


def _resolve(value: str, where: Location, folder: Path | None) -> tuple[Path | None, list[Finding]]:
    """VALUE as a shipped name, else a path (inside FOLDER when FOLDER is given)."""
    if value in SHIPPED:
        return shipped_template(value), []
    path = Path(value)
    if folder is not None:
        path = folder / path  # an absolute VALUE stays absolute, and is then checked like any other
        outside = _outside(path, folder)
        if outside:
            return None, [
                emit("template-outside-folder", where, template=value, outside=outside)
            ]
    try:
        exists = path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL: no such file
        exists = False
    if not exists:
        names = "、".join(SHIPPED)
        return None, [
            emit("template-missing", where, template=value, shipped=names)
        ]
    problem = docx_problem(path)
    if problem:
        return None, [
            emit("template-unreadable", where, reason=problem, name=value, problem=problem)
        ]
    return path, []


def _outside(path: Path, folder: Path) -> str:
    """Why PATH is not a file inside FOLDER ("" when it is)."""
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return "无法解析"
    if inside:
        return ""
    return "经符号链接指向数据文件夹之外" if path.is_symlink() or any(p.is_symlink() for p in path.parents) else "在数据文件夹之外"


def docx_problem(path: Path) -> str:
    """Why PATH cannot be a Word template ("" when it looks like one): a .docx is a zip with word/document.xml."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return f"不是 zip 格式的 .docx：{type(exc).__name__}"
    if "word/document.xml" not in names:
        return "缺少 word/document.xml，不是 Word 文档"
    return ""
