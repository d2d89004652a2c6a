"""The templates that ship with juesuan, and how one is chosen: by name, by path, or by the 封面.

The files live in the repository's templates/ folder, installed as the package
generator.templates; importlib.resources finds them in a checkout, an editable
install and a wheel alike.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from generator.findings import Finding, Location, error

# Name -> file in templates/. A name is what `--template` and the 封面's 公开模板 cell accept.
SHIPPED = {
    "xinjiang-2024": "disclosure.docx",
    "shanghai-2024": "shanghai-2024.docx",
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


def fonts_conf() -> Path:
    return template_dir().joinpath(*FONTS_CONF)


def resolve_template(choice: str | Path | None, cover_choice: str = "", cover_location: Location | None = None) -> tuple[Path | None, list[Finding]]:
    """The template file to render with.

    CHOICE (the --template option) wins; it is a shipped name or a file path. Without it
    the 封面's 公开模板 cell (COVER_CHOICE) decides, then the default. A name that is
    neither shipped nor an existing file is a template-missing finding.
    """
    if choice is not None and str(choice).strip():
        return _resolve(str(choice).strip(), Location(field="--template"))
    if cover_choice.strip():
        return _resolve(cover_choice.strip(), cover_location or Location(field="公开模板"))
    return default_template(), []


def _resolve(value: str, where: Location) -> tuple[Path | None, list[Finding]]:
    if value in SHIPPED:
        return shipped_template(value), []
    path = Path(value)
    try:
        exists = path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL: no such file
        exists = False
    if exists:
        return path, []
    names = "、".join(SHIPPED)
    return None, [
        error(
            "template-missing",
            where,
            f"找不到模板「{value}」：它既不是内置模板的名称（{names}），也不是存在的 .docx 文件",
            template=value,
        )
    ]
