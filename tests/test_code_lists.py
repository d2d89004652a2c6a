"""Structural checks on the shipped code lists (generator/data/*.csv).

These files are data a user may extend, so the invariants tested here are the ones a user's
appended row must also keep: unique codes, 3/5/7-digit codes whose parents are present,
non-empty names, an honest verified flag, and (economic) a kind that follows the 类.
"""

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "generator" / "data"
FUNCTIONAL = DATA / "functional_codes.csv"
ECONOMIC = DATA / "economic_codes.csv"


def _load(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def functional() -> list[dict[str, str]]:
    header, rows = _load(FUNCTIONAL)
    assert header == ["code", "name", "verified", "source"]
    return rows


@pytest.fixture(scope="module")
def economic() -> list[dict[str, str]]:
    header, rows = _load(ECONOMIC)
    assert header == ["code", "name", "kind", "verified", "source"]
    return rows


def _by_code(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in rows}


# --- shared invariants -------------------------------------------------------------------


@pytest.mark.parametrize("path", [FUNCTIONAL, ECONOMIC], ids=["functional", "economic"])
def test_codes_unique(path: Path) -> None:
    _, rows = _load(path)
    codes = [r["code"] for r in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    assert duplicates == []


@pytest.mark.parametrize("path", [FUNCTIONAL, ECONOMIC], ids=["functional", "economic"])
def test_names_nonempty_and_clean(path: Path) -> None:
    _, rows = _load(path)
    for r in rows:
        name = r["name"]
        assert name and name == name.strip(), r
        # Official names carry no level suffix; "(类)/(款)/(项)" belong to the narrative only.
        for suffix in ("(类)", "（类）", "(款)", "（款）", "(项)", "（项）"):
            assert suffix not in name, r


@pytest.mark.parametrize("path", [FUNCTIONAL, ECONOMIC], ids=["functional", "economic"])
def test_verified_flag_and_source(path: Path) -> None:
    _, rows = _load(path)
    for r in rows:
        assert r["verified"] in {"yes", "no"}, r
        # A "yes" must say what it was checked against.
        if r["verified"] == "yes":
            assert r["source"].strip(), r


# --- functional classification -------------------------------------------------------------


def test_functional_code_shape_and_parents(functional: list[dict[str, str]]) -> None:
    codes = {r["code"] for r in functional}
    for code in codes:
        assert code.isdigit() and len(code) in (3, 5, 7), code
        if len(code) == 5:
            assert code[:3] in codes, f"款 {code} has no 类 {code[:3]}"
        if len(code) == 7:
            assert code[:5] in codes, f"项 {code} has no 款 {code[:5]}"


def test_functional_has_every_lei(functional: list[dict[str, str]]) -> None:
    codes = _by_code(functional)
    expected = {
        "201": "一般公共服务支出",
        "204": "公共安全支出",
        "205": "教育支出",
        "206": "科学技术支出",
        "207": "文化旅游体育与传媒支出",
        "208": "社会保障和就业支出",
        "210": "卫生健康支出",
        "211": "节能环保支出",
        "212": "城乡社区支出",
        "213": "农林水支出",
        "214": "交通运输支出",
        "220": "自然资源海洋气象等支出",
        "221": "住房保障支出",
        "224": "灾害防治及应急管理支出",
        "227": "预备费",
        "229": "其他支出",
        "230": "转移性支出",
        "231": "债务还本支出",
        "232": "债务付息支出",
        "233": "债务发行费用支出",
    }
    for code, name in expected.items():
        assert codes[code]["name"] == name


# The 15 items of the sample's 五(三) (昌吉州医疗保障局 2024), as 类/款/项 name paths, with
# the 项 code each must resolve to.
SAMPLE_PATHS = {
    ("一般公共服务支出", "财政事务", "信息化建设"): "2010607",
    ("一般公共服务支出", "统战事务", "宗教事务"): "2013404",
    ("社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休"): "2080501",
    (
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位基本养老保险缴费支出",
    ): "2080505",
    (
        "社会保障和就业支出",
        "行政事业单位养老支出",
        "机关事业单位职业年金缴费支出",
    ): "2080506",
    ("社会保障和就业支出", "企业改革补助", "其他企业改革发展补助"): "2080699",
    ("卫生健康支出", "行政事业单位医疗", "行政单位医疗"): "2101101",
    ("卫生健康支出", "行政事业单位医疗", "事业单位医疗"): "2101102",
    ("卫生健康支出", "行政事业单位医疗", "公务员医疗补助"): "2101103",
    ("卫生健康支出", "行政事业单位医疗", "其他行政事业单位医疗支出"): "2101199",
    ("卫生健康支出", "医疗保障管理事务", "行政运行"): "2101501",
    ("卫生健康支出", "医疗保障管理事务", "一般行政管理事务"): "2101502",
    ("卫生健康支出", "医疗保障管理事务", "医疗保障经办事务"): "2101506",
    ("卫生健康支出", "医疗保障管理事务", "其他医疗保障管理事务支出"): "2101599",
    ("住房保障支出", "住房改革支出", "住房公积金"): "2210201",
}


def _resolve(rows: list[dict[str, str]], path: tuple[str, str, str]) -> list[str]:
    """All 项 codes whose 类/款/项 names equal the given path."""
    names = {r["code"]: r["name"] for r in rows}
    lei, kuan, xiang = path
    return [
        code
        for code, name in names.items()
        if len(code) == 7
        and name == xiang
        and names.get(code[:5]) == kuan
        and names.get(code[:3]) == lei
    ]


@pytest.mark.parametrize(
    "path,code",
    SAMPLE_PATHS.items(),
    ids=lambda p: "/".join(p) if isinstance(p, tuple) else p,
)
def test_sample_paths_resolve_uniquely(
    functional: list[dict[str, str]], path: tuple[str, str, str], code: str
) -> None:
    assert _resolve(functional, path) == [code]


def test_xiang_name_alone_is_ambiguous(functional: list[dict[str, str]]) -> None:
    # 信息化建设 and 行政运行 sit under several 款: a 项 name never identifies a code by itself.
    for name in ("信息化建设", "行政运行"):
        assert (
            len([r for r in functional if len(r["code"]) == 7 and r["name"] == name])
            > 1
        )


def test_other_expenditure_kuan(functional: list[dict[str, str]]) -> None:
    codes = _by_code(functional)
    assert codes["229"]["name"] == "其他支出"
    assert codes["22999"]["name"] == "其他支出"


# --- economic classification ---------------------------------------------------------------


def test_economic_code_shape_and_parents(economic: list[dict[str, str]]) -> None:
    codes = {r["code"] for r in economic}
    for code in codes:
        assert code.isdigit() and len(code) in (3, 5), code
        if len(code) == 5:
            assert code[:3] in codes, f"款 {code} has no 类 {code[:3]}"


def test_economic_kind_follows_lei(economic: list[dict[str, str]]) -> None:
    for r in economic:
        expected = "personnel" if r["code"][:3] in ("301", "303") else "public"
        assert r["kind"] == expected, r


REQUIRED_ECONOMIC = {
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30106": "伙食补助费",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30114": "医疗费",
    "30199": "其他工资福利支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30217": "公务接待费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "30301": "离休费",
    "30302": "退休费",
    "30305": "生活补助",
    "30307": "医疗费补助",
    "30309": "奖励金",
    "30399": "其他对个人和家庭的补助",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
    "31007": "信息网络及软件购置更新",
    "31013": "公务用车购置",
}


def test_required_economic_codes(economic: list[dict[str, str]]) -> None:
    codes = _by_code(economic)
    for code, name in REQUIRED_ECONOMIC.items():
        assert codes[code]["name"] == name, code


# The 经济分类 names the sample's section 六 lists under 人员经费 and 公用经费.
SAMPLE_PERSONNEL = [
    "基本工资",
    "津贴补贴",
    "奖金",
    "绩效工资",
    "机关事业单位基本养老保险缴费",
    "职业年金缴费",
    "职工基本医疗保险缴费",
    "公务员医疗补助缴费",
    "其他社会保障缴费",
    "住房公积金",
    "其他工资福利支出",
    "退休费",
    "奖励金",
]
SAMPLE_PUBLIC = [
    "办公费",
    "印刷费",
    "水费",
    "电费",
    "邮电费",
    "物业管理费",
    "差旅费",
    "维修（护）费",
    "公务接待费",
    "劳务费",
    "委托业务费",
    "工会经费",
    "福利费",
    "公务用车运行维护费",
    "其他交通费用",
    "其他商品和服务支出",
]


@pytest.mark.parametrize(
    "names,kind", [(SAMPLE_PERSONNEL, "personnel"), (SAMPLE_PUBLIC, "public")]
)
def test_sample_basic_expenditure_items_have_one_code_of_the_right_kind(
    economic: list[dict[str, str]], names: list[str], kind: str
) -> None:
    kuan = [r for r in economic if len(r["code"]) == 5]
    for name in names:
        matches = [r for r in kuan if r["name"] == name]
        assert len(matches) == 1, name
        assert matches[0]["kind"] == kind, name
