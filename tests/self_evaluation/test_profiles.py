from pathlib import Path
from textwrap import dedent

from generator.load.self_evaluation.profiles import PROFILE_DIR, available_profiles, load_profile


def test_shipped_profiles_load() -> None:
    assert {"xinjiang-2024", "classic-ratio"} <= set(available_profiles())
    for name in available_profiles():
        profile, findings = load_profile(name)
        assert findings == [] and profile is not None and profile.name == name


def test_a_copied_profile_loads_by_path(tmp_path: Path) -> None:
    copy = tmp_path / "my.yaml"
    copy.write_text(
        (PROFILE_DIR / "xinjiang-2024.yaml").read_text(encoding="utf-8").replace("name: xinjiang-2024", "name: mine"),
        encoding="utf-8",
    )
    profile, findings = load_profile(copy)
    assert findings == [] and profile is not None and profile.name == "mine"


def test_unknown_name() -> None:
    profile, findings = load_profile("nowhere-1999")
    assert profile is None and [f.code for f in findings] == ["profile-unknown"]


def test_broken_yaml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nrules: [unclosed\n", encoding="utf-8")
    _, findings = load_profile(path)
    assert [f.code for f in findings] == ["profile-yaml-invalid"] and findings[0].values["line"] is not None


def test_invalid_fields_are_reported_at_their_path_and_line(tmp_path: Path) -> None:
    text = (PROFILE_DIR / "xinjiang-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("above_target: symmetric_penalty", "above_target: double").replace(
        "default_rule: 比例", "default_rule: 比例\ncolour: red"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    profile, findings = load_profile(path)
    assert profile is None
    by_field = {f.location.field: f for f in findings}
    assert set(by_field) == {"rules.比例.ratio.above_target", "colour"}
    line = by_field["rules.比例.ratio.above_target"].values["line"]
    assert "above_target: double" in text.splitlines()[line - 1]
    assert "取值应为" in by_field["rules.比例.ratio.above_target"].message


def test_rule_names_must_resolve(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        dedent(
            """\
            name: tiny
            title: 最小
            completion_rate: actual_over_target
            rules:
              比例: {kind: proportional}
            wordings: {按照完成比例赋分: 不存在}
            default_rule: 比例
            unit_rule: 比例
            qualitative_tiers:
              - {label: 达成, words: [达到预期指标], fraction: 1, min_fraction: 0.8, max_fraction: 1}
            execution: {project: full, unit: proportional}
            total: exact
            """
        ),
        encoding="utf-8",
    )
    _, findings = load_profile(path)
    assert [f.code for f in findings] == ["profile-invalid"] and "不存在" in findings[0].message
