"""三公 as inspections read it: the four parts always stated, a 0 included, with their counts (外宾 too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import api, layout
from generator.render.dump import document_lines

T, D = layout.THREE_PUBLIC.name, layout.THREE_PUBLIC_DETAILS.name


def lines_of(kit: Any, tmp_path: Path, values: dict[str, Any], template: str) -> list[str]:
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    out = tmp_path / f"{template}.docx"
    result = api.generate(folder, output=out, template=template, force=True)
    assert result.ok
    return document_lines(out)


def test_zero_parts_and_counts_are_stated_in_the_default_template(kit: Any, tmp_path: Path) -> None:
    text = "\n".join(lines_of(kit, tmp_path, kit.consistent_2024(), "xinjiang-2024"))
    assert "因公出国（境）费支出0.00万元" in text and "团组0个，因公出国（境）0人次" in text
    assert "公务用车购置费0.00万元，公务用车运行维护费7.32万元" in text
    assert "公务用车购置数0辆，公务用车保有量1辆" in text
    assert "国内公务接待3批次，28人次。" in text


def test_foreign_reception_counts_are_stated(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    for name, value in (("外宾接待费", 0.10), ("外宾接待批次", 1), ("外宾接待人次", 5)):
        kit.set_value(values, D, name, layout.CONTENT, value)
    text = "\n".join(lines_of(kit, tmp_path, values, "xinjiang-2024"))
    assert "国内公务接待3批次，28人次；外宾接待1批次，5人次。" in text


def test_a_blank_part_is_an_error_in_every_shipped_template(kit: Any, tmp_path: Path) -> None:
    values = kit.consistent_2024()
    kit.set_value(values, T, "公务用车购置费", "决算数", None)
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())
    for template in ("xinjiang-2024", "shanghai-2024"):
        checked = api.check_folder(folder, api.threshold_settings(None, template))
        blank = [(f.code, f.location.sheet, f.location.cell) for f in checked.findings if f.code == "blank-required"]
        assert blank == [("blank-required", T, "C7")]
        assert not api.generate(folder, output=tmp_path / "x.docx", template=template).ok  # refused without --force


def test_the_three_public_reason_threshold_is_an_option_of_check_and_generate(kit: Any, tmp_path: Path) -> None:
    """0.34 spent against a 全年预算 of 0.35 (2.9% under) with no reason: named at the default 0, not at 5%."""
    import json

    from click.testing import CliRunner

    from generator.cli import main

    values = kit.consistent_2024()
    kit.set_value(values, T, "公务接待费", "全年预算数", 0.35)
    kit.set_value(values, T, "合计", "全年预算数", 7.67)
    kit.set_value(values, T, "公务接待费", layout.BUDGET_REASON, None)
    folder = kit.write_unit(tmp_path, values, prior=kit.consistent_2023())

    def named(command: str, *options: str) -> list[str]:
        extra = ["-o", str(tmp_path / "x.docx")] if command == "generate" else []
        result = CliRunner().invoke(main, [command, str(folder), "--format", "json", *extra, *options])
        findings = json.loads(result.output)["findings"]
        return [f["location"]["cell"] for f in findings if f["code"] == "three-public-difference-without-reason"]

    for command in ("check", "generate"):
        assert named(command) == ["F9"]
        assert named(command, "--three-public-threshold", "5") == []
        assert named(command, "--three-public-threshold", "2") == ["F9"]  # 2.9% is over 2%
