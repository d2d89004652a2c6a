"""The workbench without a browser: pages, uploads and their refusals, confinement, tokens, CSRF, locks, faults, load."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import openpyxl
import pytest

import synthetic
from generator import api, layout
from generator.web import make_server
from generator.web.app import create_app
from generator.web.uploads import HISTORY

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "changji-ybj/2024"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs" / "changji-ybj", target / "changji-ybj")  # the sample unit alone: the tests count its years
    return target


@pytest.fixture
def client(root: Path, tmp_path: Path):
    app = create_app(root, tmp_path / "outputs")
    app.config["TESTING"] = True
    with app.test_client() as c:
        yield c


def csrf(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def upload(client, kind: str, name: str, data: bytes, token: str | None = None):
    form = {"csrf": token or csrf(client), "kind": kind, "file": (io.BytesIO(data), name)}
    return client.post(f"/unit/{SAMPLE}/upload", data=form, content_type="multipart/form-data", headers={"Accept": "application/json"})


def test_the_list_shows_every_unit_year(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert page.count('data-status="unchecked"') == 2
    assert "changji-ybj/2023" in page and "changji-ybj/2024" in page


def test_the_unit_page_shows_findings_with_their_row_and_charts(client) -> None:
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    assert 'data-code="rounding-residue"' in page
    assert 'class="hit"' in page  # the cell, highlighted in its row
    assert "本年收入构成" in page and "<svg" in page
    assert '<h1 id="unit-title">昌吉回族自治州医疗保障局 · 2024 年度</h1>' in page  # the title from api.key_figures


def test_check_json_equals_the_library(client, root: Path) -> None:
    got = client.get(f"/unit/{SAMPLE}/check.json").get_json()
    expected = api.check_folder(root / SAMPLE)
    assert [f["code"] for f in got["findings"]] == [f.code for f in expected.findings]


def _xlsx(extra: dict[str, bytes], content_types: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types or "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        for name, data in extra.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "name", "data", "reason"),
    [
        ("workbook", "决算数据.xlsx", b"just text, not a zip", "不是 Excel 工作簿"),
        ("workbook", "决算数据.xlsm", _xlsx({}), "含宏"),
        ("workbook", "决算数据.xlsx", _xlsx({"xl/vbaProject.bin": b"\0" * 100}), "宏"),
        ("workbook", "决算数据.xlsx", _xlsx({}, "<Types>application/vnd.ms-excel.sheet.macroEnabled.main+xml</Types>"), "含宏"),
        ("workbook", "决算数据.xlsx", _xlsx({"xl/worksheets/sheet1.xml": b"\0" * (60 * 1024 * 1024)}), "压缩炸弹"),
        ("workbook", "../决算数据.xlsx", _xlsx({}), "路径"),
        ("workbook", "sub/决算数据.xlsx", _xlsx({}), "路径"),
        ("texts", "文字说明.yaml", "主要职能: [未闭合".encode(), "格式有误"),
        ("texts", "文字说明.yaml", "主要职能".encode("gbk"), "UTF-8"),
        ("texts", "文字说明.txt", b"a: 1", ".yaml"),
        ("nonsense", "x.xlsx", _xlsx({}), "未知"),
    ],
)
def test_uploads_are_refused_with_a_reason_and_nothing_is_written(client, root: Path, kind, name, data, reason) -> None:
    before = {p.name: p.read_bytes() for p in (root / SAMPLE).iterdir() if p.is_file()}
    response = upload(client, kind, name, data)
    assert response.status_code == 400
    assert reason in response.get_json()["message"]
    assert {p.name: p.read_bytes() for p in (root / SAMPLE).iterdir() if p.is_file()} == before
    assert not (root / SAMPLE / HISTORY).exists()


def test_an_upload_is_kept_the_old_file_goes_to_history_and_can_be_restored(client, root: Path) -> None:
    folder = root / SAMPLE
    original = (folder / layout.TEXTS).read_bytes()
    changed = original.replace("主要职能".encode(), "主要职能".encode(), 1) + "\n# 已更正\n".encode()
    token = csrf(client)
    response = upload(client, "texts", "文字说明.yaml", changed, token)
    assert response.status_code == 200 and response.get_json()["ok"]
    assert (folder / layout.TEXTS).read_bytes() == changed
    kept = list((folder / HISTORY).iterdir())
    assert [p.read_bytes() for p in kept] == [original]
    restored = client.post(f"/unit/{SAMPLE}/restore", data={"csrf": token, "version": kept[0].name})
    assert restored.status_code == 302
    assert (folder / layout.TEXTS).read_bytes() == original
    assert len(list((folder / HISTORY).iterdir())) == 2  # the changed file is kept too
    refused = client.post(f"/unit/{SAMPLE}/restore", data={"csrf": token, "version": "../../决算数据.xlsx"}, follow_redirects=True)
    assert "历史版本中没有" in refused.get_data(as_text=True)


def test_a_post_without_the_csrf_token_is_refused(client, root: Path) -> None:
    response = client.post(f"/unit/{SAMPLE}/generate", data={})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert not (root.parent / "outputs").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/unit/../../etc/passwd",
        "/unit/changji-ybj",  # a folder, not a unit-year
        "/unit/%2e%2e/%2e%2e/etc",
        f"/unit/{SAMPLE}/download/..%2f..%2fetc%2fpasswd",
        f"/unit/{SAMPLE}/download/决算数据.xlsx",
        "/diff-output/..%2f..%2fetc%2fpasswd",
        "/compare/changji-ybj/2024/对比.xlsx?old=..",
    ],
)
def test_no_path_outside_the_units_and_outputs_can_be_read(client, path: str) -> None:
    assert client.get(path).status_code in (400, 404)


def test_a_foreign_host_header_is_refused(client) -> None:
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400


def test_with_a_token_every_request_needs_it(root: Path, tmp_path: Path) -> None:
    app = create_app(root, tmp_path / "out", token="s3cret", loopback_only=False)
    with app.test_client() as c:
        assert c.get("/").status_code == 403
        assert c.get("/?token=wrong").status_code == 403
        entered = c.get("/?token=s3cret")
        assert entered.status_code == 302 and "token" not in entered.headers["Location"]
        assert c.get("/").status_code == 200  # the cookie carries it now


def test_a_crash_in_a_request_is_a_page_and_the_server_goes_on(client, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "check_folder", broken)
    page = client.get(f"/unit/{SAMPLE}")
    text = page.get_data(as_text=True)
    assert page.status_code == 500 and "程序出错" in text and "boom" not in text and "RuntimeError" not in text  # no Python text reaches users
    monkeypatch.undo()
    assert client.get(f"/unit/{SAMPLE}").status_code == 200


@pytest.mark.slow
def test_two_tabs_generating_the_same_unit_leave_one_whole_document(client, root: Path, tmp_path: Path) -> None:
    token = csrf(client)
    app = client.application

    def generate() -> int:
        with app.test_client() as tab:
            with tab.session_transaction() as session:
                session["csrf"] = token
            return tab.post(f"/unit/{SAMPLE}/generate", data={"csrf": token}).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda _: generate(), range(4))) == [302] * 4
    outputs = list((tmp_path / "outputs").glob("*.docx"))
    assert [p.name for p in outputs] == ["changji-ybj-2024-决算公开说明.docx"]
    assert any("医疗保障局" in p.text for p in docx.Document(str(outputs[0])).paragraphs)
    assert not list((tmp_path / "outputs").glob(".*.tmp"))
    state = json.loads((tmp_path / "outputs" / "batch-state.json").read_text(encoding="utf-8"))
    assert list(state["units"]) == [str(root / SAMPLE)]
    page = client.get("/").get_data(as_text=True)
    assert page.count('data-status="generated"') == 1


def test_changing_the_data_marks_the_document_out_of_date(client, root: Path) -> None:
    token = csrf(client)
    client.post(f"/unit/{SAMPLE}/generate", data={"csrf": token})
    texts = (root / SAMPLE / layout.TEXTS).read_bytes() + "\n# 改了\n".encode()
    assert upload(client, "texts", "文字说明.yaml", texts, token).status_code == 200
    assert 'data-status="stale"' in client.get("/").get_data(as_text=True)


def test_the_year_comparison_and_its_workbook(client) -> None:
    page = client.get(f"/compare/{SAMPLE}").get_data(as_text=True)
    assert 'id="comparison"' in page and "flagged" in page
    table = client.get(f"/compare/{SAMPLE}/对比.xlsx?old=2023")
    assert table.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(table.data)).sheetnames


@pytest.mark.slow
def test_a_background_batch_reports_progress_and_fills_the_list(client) -> None:
    started = client.post("/batch", data={"csrf": csrf(client)})
    job_url = started.headers["Location"]
    for _ in range(600):
        job = client.get(job_url + ".json").get_json()
        if job["state"] != "running":
            break
        threading.Event().wait(0.1)
    assert job["state"] == "done" and job["done"] == job["total"] == 2, job
    page = client.get("/").get_data(as_text=True)
    assert 'data-status="unchecked"' not in page


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("load")
    size = synthetic.Size(items=10, projects=1)
    for index in range(1, 21):
        kinds = ["total-mismatch"] if index % 4 == 0 else []
        synthetic.write_unit(root, index, seed=13, kinds=kinds, size=size, declared_unit="万元", unit_kind="行政单位")
    return root


@pytest.mark.slow
def test_fifty_concurrent_checks_on_twenty_units_all_answer_correctly(twenty: Path, tmp_path: Path) -> None:
    server = make_server(twenty, "127.0.0.1", 0, tmp_path / "out")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        units = sorted(p.parent.name + "/" + p.name for p in twenty.glob("unit-*/2024"))
        assert len(units) == 20
        expected = {u: [f.code for f in api.check_folder(twenty / u).findings] for u in units}
        requests = [units[i % 20] for i in range(50)]

        def check(unit: str) -> tuple[str, int, list[str]]:
            url = f"http://127.0.0.1:{server.server_port}/unit/{unit}/check.json"
            with urllib.request.urlopen(url, timeout=60) as response:
                return unit, response.status, [f["code"] for f in json.load(response)["findings"]]

        with ThreadPoolExecutor(50) as pool:
            answers = list(pool.map(check, requests))
        assert [(u, s) for u, s, _ in answers] == [(u, 200) for u in requests]
        assert all(codes == expected[u] for u, _, codes in answers)
        assert sum(1 for u in units if "total-mismatch" in expected[u]) == 5
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="页面预览需要 LibreOffice（soffice）和 pdftoppm（poppler-utils）；CI 会安装",
)
def test_a_pdf_and_a_preview_are_made_in_the_background_and_shown_page_by_page(client) -> None:
    token = csrf(client)

    def finished(job_url: str) -> dict:
        for _ in range(1200):
            job = client.get(job_url + ".json").get_json()
            if job["state"] != "running":
                return job
            threading.Event().wait(0.1)
        raise AssertionError("the job did not finish")

    pdf_job = client.post(f"/unit/{SAMPLE}/generate", data={"csrf": token, "pdf": "1"}).headers["Location"]
    assert "/jobs/" in pdf_job
    assert client.get("/").status_code == 200  # other pages answer while the job runs
    job = finished(pdf_job)
    assert job["state"] == "done", job
    pdf = client.get(next(link["url"] for link in job["links"] if "PDF" in link["label"]))
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    job = finished(client.post(f"/unit/{SAMPLE}/preview", data={"csrf": token}).headers["Location"])
    assert job["state"] == "done", job
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    assert f"/unit/{SAMPLE}/preview/1.png" in page
    image = client.get(f"/unit/{SAMPLE}/preview/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert client.get(f"/unit/{SAMPLE}/preview/999.png").status_code == 404


@pytest.mark.slow
def test_the_redline_is_made_in_the_background_and_downloaded(client) -> None:
    token = csrf(client)
    job_url = client.post(f"/compare/{SAMPLE}/redline", data={"csrf": token, "old": "2023"}).headers["Location"]
    for _ in range(1200):
        job = client.get(job_url + ".json").get_json()
        if job["state"] != "running":
            break
        threading.Event().wait(0.1)
    assert job["state"] == "done", job
    document = client.get(job["links"][0]["url"])
    assert document.status_code == 200
    assert docx.Document(io.BytesIO(document.data)).paragraphs


def test_the_list_exports_every_figure_in_the_background(client, root: Path) -> None:
    job_url = client.post("/export", data={"csrf": csrf(client)}).headers["Location"]
    for _ in range(600):
        job = client.get(job_url + ".json").get_json()
        if job["state"] != "running":
            break
        threading.Event().wait(0.1)
    assert job["state"] == "done", job
    table = client.get(job["links"][0]["url"])
    sheet = openpyxl.load_workbook(io.BytesIO(table.data), read_only=True).worksheets[0]
    assert sum(1 for _ in sheet.iter_rows(min_row=2)) == len(api.figures_frame(root))


# --- review work: explained warnings, filters, groups, rules, language (issue 22) -----------------


def _sample_counts(root: Path) -> tuple[int, int]:
    """The sample's warnings and all its findings, as the library counts them."""
    findings = api.check_folder(root / SAMPLE).findings
    return sum(1 for f in findings if f.severity.value == "warning"), len(findings)


def _explain(client, code: str, where: str, reason: str = "报表原文即如此", who: str = "李四"):
    form = {"csrf": csrf(client), "code": code, "where": where, "reason": reason, "who": who}
    return client.post(f"/unit/{SAMPLE}/acknowledge", data=form)


def _shown(client, query: str = "") -> str:
    return client.get(f"/unit/{SAMPLE}{query}").get_data(as_text=True)


def test_a_warning_explained_in_the_page_is_kept_in_the_folder_and_no_longer_counted(client, root: Path) -> None:
    from generator.acknowledged import RECORD_FILE

    warnings, _ = _sample_counts(root)
    page = _shown(client)
    assert re.search(rf'id="warning-count">{warnings}<', page)
    where = "决算数据.xlsx[收入支出决算总表]!B15"
    assert f'value="{where}"' in page
    answer = _explain(client, "rounding-residue", where)
    assert answer.status_code == 302
    record = (root / SAMPLE / RECORD_FILE).read_text(encoding="utf-8")
    assert "rounding-residue" in record and "李四" in record and "报表原文即如此" in record
    page = _shown(client)
    assert re.search(rf'id="warning-count">{warnings - 1}<', page) and re.search(r'id="acknowledged-count">1<', page)
    assert 'id="acknowledged"' in page and "报表原文即如此" in page
    assert 'value="李四"' in _shown(client) and 'value="李四"' in client.get("/").get_data(as_text=True)  # typed once
    client.post(f"/unit/{SAMPLE}/withdraw", data={"csrf": csrf(client), "code": "rounding-residue", "where": where})
    assert re.search(rf'id="warning-count">{warnings}<', _shown(client))


@pytest.mark.slow
def test_every_sample_warning_explained_in_the_page_leaves_none(client, root: Path) -> None:
    _, total = _sample_counts(root)
    page = _shown(client)
    for code, where in re.findall(r'name="code" value="([^"]+)"><input type="hidden" name="where" value="([^"]+)"', page):
        _explain(client, code, where.replace("&#34;", '"'))
    page = _shown(client)
    assert re.search(r'id="warning-count">0<', page) and 'id="all-explained"' in page
    assert re.search(rf'id="acknowledged-count">{total}<', page)


def test_an_error_cannot_be_explained_in_the_page(client, root: Path) -> None:
    book = root / SAMPLE / layout.WORKBOOK
    wb = openpyxl.load_workbook(book)
    wb["收入支出决算总表"]["B15"] = 1300
    wb.save(book)
    page = _shown(client)
    assert re.search(r'id="error-count">[1-9]', page)
    answer = _explain(client, "total-mismatch", "决算数据.xlsx[收入支出决算总表]!B15")
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "错误不能用核对记录说明" in page and re.search(r'id="error-count">[1-9]', page)


def test_findings_filter_by_severity_code_sheet_and_text(client, root: Path) -> None:
    findings = api.check_folder(root / SAMPLE).findings
    n = len(findings)

    def shown(query: str, keep) -> None:
        assert f"显示 {sum(1 for f in findings if keep(f))} / {n} 条" in _shown(client, query), query

    shown("", lambda f: True)
    shown("?code=printed-score-differs", lambda f: f.code == "printed-score-differs")
    shown("?sheet=财政拨款三公经费支出决算表", lambda f: f.location.sheet == "财政拨款三公经费支出决算表")
    shown("?sev=error", lambda f: f.severity.value == "error")
    shown("?sev=warning", lambda f: f.severity.value == "warning")
    shown("?q=扩面征收劳务费", lambda f: "扩面征收劳务费" in f.message)
    shown("?q=扩面征收劳务费&code=printed-score-differs&sev=warning", lambda f: "扩面征收劳务费" in f.message and f.code == "printed-score-differs")
    # two 尾差 (the 7.65 of 全年预算数 and 决算数 is one, naming the other) and the 上年 difference
    assert "显示 3 / " in _shown(client, "?sheet=财政拨款三公经费支出决算表")


def test_findings_on_one_row_are_one_group_and_each_code_explains_its_rule(client, root: Path) -> None:
    from generator.finding_codes import CODES

    page = _shown(client)
    sizes = [int(n) for n in re.findall(r'<div class="group" data-size="(\d+)">', page)]
    assert sum(sizes) == len(api.check_folder(root / SAMPLE).findings)
    assert 3 in sizes  # the 三公 合计 row: two 尾差 (one naming the other cell) and the prior-year difference
    assert "同一行：" in page
    assert CODES["rounding-residue"].help in page and CODES["printed-score-differs"].help in page


def test_a_text_error_hides_neither_the_other_findings_nor_the_charts(client, root: Path) -> None:
    warnings, _ = _sample_counts(root)
    (root / SAMPLE / layout.TEXTS).write_text("主要职能:\n  - 第一项\n - 第二项: [\n", encoding="utf-8")
    page = _shown(client)
    assert re.search(r'id="error-count">1<', page) and re.search(rf'id="warning-count">{warnings}<', page)
    assert 'id="charts"' in page and "<svg" in page
    assert "did not find" not in page and "缩进" in page  # the parser's problem in Chinese


def test_opening_a_unit_updates_its_status_in_the_list(client) -> None:
    assert client.get("/").get_data(as_text=True).count('data-status="unchecked"') == 2
    _shown(client)
    listed = client.get("/").get_data(as_text=True)
    assert listed.count('data-status="unchecked"') == 1 and listed.count('data-status="checked"') == 1


@pytest.mark.slow
def test_the_list_shows_a_cli_batch_by_default(root: Path, tmp_path: Path, monkeypatch) -> None:
    from generator.api import BATCH_OUTDIR as DEFAULT_OUTDIR
    from generator.api import run_batch

    monkeypatch.chdir(tmp_path)
    run_batch(root, DEFAULT_OUTDIR, jobs=1)  # what `juesuan batch inputs` does
    app = create_app(root)  # what `juesuan serve inputs` does
    with app.test_client() as c:
        page = c.get("/").get_data(as_text=True)
    assert 'data-status="unchecked"' not in page and 'data-status="generated"' in page


def test_every_error_page_is_chinese(client) -> None:
    for path in ("/no/such/page", f"/unit/{SAMPLE}/download/x.docx", "/jobs/nothing"):
        page = client.get(path)
        text = page.get_data(as_text=True)
        assert page.status_code == 404 and "找不到" in text or "没有" in text
        assert "Not Found" not in text and "The requested URL" not in text
    wrong = client.get("/batch")
    assert wrong.status_code == 405 and "Method Not Allowed" not in wrong.get_data(as_text=True) and "不支持" in wrong.get_data(as_text=True)


def test_a_non_ascii_token_is_refused_not_a_crash(root: Path, tmp_path: Path) -> None:
    app = create_app(root, tmp_path / "outputs", token="abc", loopback_only=False)
    with app.test_client() as c:
        for path in ("/?token=令牌", "/"):
            c.set_cookie("juesuan_token", "令牌") if path == "/" else None
            page = c.get(path)
            assert page.status_code == 403, path
            assert "需要访问令牌" in page.get_data(as_text=True)


# --- review state per unit ---------------------------------------------------------------------


@pytest.fixture
def twenty_units(tmp_path: Path) -> Path:
    """Twenty unit-years: the sample's 2024 folder under twenty names."""
    root = tmp_path / "many"
    for n in range(1, 21):
        shutil.copytree(ROOT / "inputs" / "changji-ybj" / "2024", root / f"单位{n:02d}" / "2024")
    return root


def _review(c, units: list[str], **form: str):
    page = c.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return c.post("/review", data={"csrf": token, "unit": units, "who": "赵六", **form})


def test_twenty_units_go_from_pending_to_published_and_the_state_survives_a_restart(twenty_units: Path, tmp_path: Path) -> None:
    twenty = twenty_units
    from datetime import date, timedelta

    from generator.web.review import STATE_FILE

    units = [f"单位{n:02d}/2024" for n in range(1, 21)]
    app = create_app(twenty, tmp_path / "out")
    with app.test_client() as c:
        page = c.get("/").get_data(as_text=True)
        assert page.count('data-review="待核对"') == 20 and re.search(r'id="unpublished-count">20<', page)
        approved = (date.today() - timedelta(days=25)).isoformat()
        assert _review(c, units, state="已核对").status_code == 302
        assert _review(c, units, state="已审定", approved=approved).status_code == 302
        page = c.get("/").get_data(as_text=True)
        assert page.count('data-review="已审定"') == 20 and re.search(r'id="overdue-count">20<', page)  # 25 days after 批复
        published = (date.today() - timedelta(days=10)).isoformat()
        _review(c, units[:15], state="已公开", published=published)  # within 20 days of 批复: not late
        _review(c, units[15:18], state="已公开")  # today: 25 days after 批复, late
    again = create_app(twenty, tmp_path / "out")  # a restart
    with again.test_client() as c:
        page = c.get("/").get_data(as_text=True)
        assert page.count('data-review="已公开"') == 18 and page.count('data-review="已审定"') == 2
        assert re.search(r'id="unpublished-count">2<', page) and re.search(r'id="overdue-count">5<', page)
        assert page.count("逾期公开") == 3 and page.count("已逾期</span>") == 2
        unpublished = c.get("/?review=unpublished").get_data(as_text=True)
        assert unpublished.count("<tr data-status=") == 2 and "单位19/2024" in unpublished and "单位20/2024" in unpublished
        assert c.get("/?review=overdue").get_data(as_text=True).count("<tr data-status=") == 5
        unit = c.get("/unit/单位01/2024").get_data(as_text=True)
        assert 'id="review-current">已公开<' in unit and "赵六" in unit
    text = (twenty / STATE_FILE).read_text(encoding="utf-8")
    assert text.startswith("# 审核状态") and text.count("\n  状态: 已公开") == 18 and "赵六" in text


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"state": "已公开", "approved": "2025-08-01", "published": "2025-07-01"}, "早于批复日期"),
        ({"state": "已审定", "approved": "八月一日"}, "不是日期"),
        ({"state": "作废"}, "没有「作废」这个状态"),
        ({"state": "已核对", "who": ""}, "请填写核对人"),
    ],
)
def test_a_wrong_review_change_is_refused_in_chinese_and_changes_nothing(client, root: Path, form: dict, said: str) -> None:
    from generator.web.review import STATE_FILE

    answer = _review(client, [SAMPLE], **form)
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert said in page and not (root / STATE_FILE).exists()


def test_a_review_change_for_a_unit_not_served_is_refused(client, root: Path) -> None:
    from generator.web.review import STATE_FILE

    answer = _review(client, ["../elsewhere/2024"], state="已核对")
    assert "没有这个单位年度" in client.get(answer.headers["Location"]).get_data(as_text=True)
    assert not (root / STATE_FILE).exists()


# --- the words edited in the browser --------------------------------------------------------------


def test_the_words_page_lists_every_text_and_reason_with_its_sentence(client) -> None:
    page = client.get(f"/unit/{SAMPLE}/words").get_data(as_text=True)
    assert 'name="t:主要职能"' in page and 'name="t:预算绩效.措施"' in page
    assert 'name="r:一般公共预算财政拨款支出决算表!G24"' in page
    # the sentence the reason makes, from the wording functions: the clause, then the reason
    assert "2101501 行政运行：比上年增加12.52万元，增长2.91%，主要原因是：本年在职人员工资调增" in page
    assert 'data-lead="2101501 行政运行：比上年增加12.52万元，增长2.91%，主要原因是："' in page
    missing = client.get(f"/unit/{SAMPLE}/words?missing=1").get_data(as_text=True)
    assert 'name="r:一般公共预算财政拨款支出决算表!G27"' not in missing  # it has its reason


def test_the_words_page_words_its_sentences_with_the_units_own_template(tmp_path: Path) -> None:
    # a 上海 unit (its 封面 chooses shanghai-2024: no thousands separator) beside a 新疆 one (the default template: 1,234.56)
    target = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs" / "shanghai-example", target / "shanghai-example")
    shutil.copytree(ROOT / "inputs" / "changji-ybj", target / "changji-ybj")
    app = create_app(target, tmp_path / "outputs")
    app.config["TESTING"] = True
    with app.test_client() as client:
        shanghai = client.get("/unit/shanghai-example/2024/words").get_data(as_text=True)
        xinjiang = client.get(f"/unit/{SAMPLE}/words").get_data(as_text=True)
        chosen = client.get("/unit/shanghai-example/2024/words?template=内置：xinjiang-2024").get_data(as_text=True)
    amounts = re.compile(r"数(\d[\d,]*\.\d\d)万元")  # the budget sentences' amounts, in the previews and their leads
    assert amounts.findall(shanghai) and not any("," in a for a in amounts.findall(shanghai))
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", a) for a in amounts.findall(xinjiang))
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+\.\d\d", a) for a in amounts.findall(chosen))  # the template chosen wins


def _words_form(client, path: str) -> dict:
    page = client.get(f"/unit/{SAMPLE}/words").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return {"csrf": token}


@pytest.mark.slow
def test_a_reason_saved_in_the_browser_is_in_the_workbook_with_a_history_version(client, root: Path) -> None:
    book = root / SAMPLE / layout.WORKBOOK
    before = openpyxl.load_workbook(book)
    other = [[c.value for c in row] for row in before["收入支出决算总表"].iter_rows()]
    form = _words_form(client, "")
    form["r:一般公共预算财政拨款支出决算表!G27"] = ""  # remove a reason: the warning comes back
    answer = client.post(f"/unit/{SAMPLE}/words/reasons", data=form)
    assert answer.status_code == 302
    after = openpyxl.load_workbook(book)
    assert after["一般公共预算财政拨款支出决算表"]["G27"].value is None
    assert [[c.value for c in row] for row in after["收入支出决算总表"].iter_rows()] == other  # other cells kept
    assert len(list((root / SAMPLE / HISTORY).glob("决算数据.*.xlsx"))) == 1
    checked = api.check_folder(root / SAMPLE)
    assert ("change-without-reason", "G27") in {(f.code, f.location.cell) for f in checked.findings}
    missing = client.get(f"/unit/{SAMPLE}/words?missing=1").get_data(as_text=True)
    assert 'name="r:一般公共预算财政拨款支出决算表!G27"' in missing
    form = _words_form(client, "")
    form["r:一般公共预算财政拨款支出决算表!G27"] = "能力提升补助资金减少。"
    client.post(f"/unit/{SAMPLE}/words/reasons", data=form)
    assert openpyxl.load_workbook(book)["一般公共预算财政拨款支出决算表"]["G27"].value == "能力提升补助资金减少。"
    assert ("change-without-reason", "G27") not in {(f.code, f.location.cell) for f in api.check_folder(root / SAMPLE).findings}


def test_a_text_saved_in_the_browser_keeps_the_yaml_comments_and_layout(client, root: Path) -> None:
    texts = root / SAMPLE / layout.TEXTS
    original = texts.read_text(encoding="utf-8")
    form = _words_form(client, "")
    form["t:其他需说明的事项"] = "本单位无其他需说明的事项：特此说明。"
    form["t:内设机构"] = "办公室\n基金监管科\n\n新设科室\n"
    client.post(f"/unit/{SAMPLE}/words/texts", data=form)
    now = texts.read_text(encoding="utf-8")
    assert now.splitlines()[0] == original.splitlines()[0] and now.splitlines()[0].startswith("#")  # the comment kept
    changed = [line for line in now.splitlines() if line not in original.splitlines()]
    assert changed == ["  - 新设科室", "其他需说明的事项: 本单位无其他需说明的事项：特此说明。"]
    loaded = api.check_folder(root / SAMPLE).figures
    assert loaded is not None and loaded.base.unit.texts.other_matters == "本单位无其他需说明的事项：特此说明。"
    assert len(list((root / SAMPLE / HISTORY).glob("文字说明.*.yaml"))) == 1


def test_a_workbook_with_formulas_is_not_edited_in_the_browser(client, root: Path) -> None:
    book = root / SAMPLE / layout.WORKBOOK
    wb = openpyxl.load_workbook(book)
    wb["收入支出决算总表"]["Z1"] = "=1+1"
    wb.save(book)
    before = book.read_bytes()
    form = _words_form(client, "")
    form["r:一般公共预算财政拨款支出决算表!G24"] = "新的原因"
    answer = client.post(f"/unit/{SAMPLE}/words/reasons", data=form)
    assert "有公式" in client.get(answer.headers["Location"]).get_data(as_text=True)
    assert book.read_bytes() == before


def test_the_comparison_shows_counts_as_counts_and_offers_only_earlier_years(client, root: Path) -> None:
    shutil.copytree(root / "changji-ybj" / "2024", root / "changji-ybj" / "2025")  # a later year beside it
    page = client.get(f"/compare/{SAMPLE}").get_data(as_text=True)
    row = re.search(r"<td>实有人数</td>(.*?)</tr>", page, re.S)
    assert row is not None, page[:2000]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
    assert cells[0].endswith("人") and "." not in cells[0] and "." not in cells[1]
    options = re.search(r'<select name="old" id="old-year">(.*?)</select>', page, re.S).group(1)
    assert "2023" in options and "2025" not in options and "2024" not in options
    later = client.get(f"/compare/{SAMPLE}?old=2025")
    assert later.status_code == 400 and "上年应早于 2024 年" in later.get_data(as_text=True)


def test_history_versions_are_told_apart(client, root: Path) -> None:
    folder = root / SAMPLE
    original = (folder / layout.TEXTS).read_bytes()
    token = csrf(client)
    upload(client, "texts", "文字说明.yaml", original + "# 第二版\n".encode(), token)
    upload(client, "texts", "文字说明.yaml", original + "# 第三版，更长一些\n".encode(), token)
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    table = re.search(r'<table id="versions">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r"<tr[^>]*><td>文字说明.yaml.*?</tr>", table, re.S)
    assert len(rows) == 2
    digests = [re.search(r"<code>([0-9a-f]{8})</code>", r).group(1) for r in rows]
    assert len(set(digests)) == 2 and all(re.search(r'<td class="num">[0-9.]+ (KB|字节)</td>', r) for r in rows)
    client.post(f"/unit/{SAMPLE}/restore", data={"csrf": token, "version": sorted(p.name for p in (folder / HISTORY).iterdir())[0]})
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    assert page.count("与当前文件相同") == 1  # the version just restored


def test_the_findings_download_as_an_xlsx_with_the_explained_ones(client, root: Path) -> None:
    warnings, total = _sample_counts(root)
    _explain(client, "rounding-residue", "决算数据.xlsx[收入支出决算总表]!B15")
    answer = client.get(f"/unit/{SAMPLE}/问题清单.xlsx")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    rows = list(openpyxl.load_workbook(io.BytesIO(answer.data))["问题清单"].iter_rows(values_only=True))
    assert len(rows) == 1 + total
    assert [r[1] for r in rows[1:]].count("已说明") == 1 and [r[1] for r in rows[1:]].count("警告") == warnings - 1


def test_the_list_shows_the_errors_of_an_uploaded_workbook(client, root: Path, kit) -> None:
    from generator.init import workbook_bytes

    values = kit.sample_2024()
    kit.set_value(values, layout.OTHER_MATTERS.name, "机关运行经费", "本年数", "三十")  # text in a number cell
    assert upload(client, "workbook", "决算数据.xlsx", workbook_bytes(values)).get_json()["ok"]
    client.get(f"/unit/{SAMPLE}")  # the page the upload leads to
    listed = client.get("/").get_data(as_text=True)
    row = re.search(r'<tr data-status="errors"[^>]*>(.*?)</tr>', listed, re.S)
    assert row is not None and "changji-ybj/2024" in row.group(1)
    assert re.findall(r'<td class="num">(\d+)</td>', row.group(1))[0] != "0"


def test_a_failing_background_job_speaks_chinese() -> None:
    from generator.web.jobs import Jobs

    jobs = Jobs(workers=1)
    try:
        def boom(job) -> None:
            raise KeyError("internal")

        def ours(job) -> None:
            raise RuntimeError("未能生成修订对比文档")

        first, second = jobs.start("一", boom), jobs.start("二", ours)
        for job in (first, second):
            for _ in range(200):
                if job.state != "running":
                    break
                threading.Event().wait(0.02)
        assert first.state == "failed" and "KeyError" not in first.message and "程序缺陷" in first.message
        assert second.message == "后台任务出错：未能生成修订对比文档"
    finally:
        jobs.shutdown()


@pytest.mark.parametrize("text", ["主要职能: [未闭合", "主要职能:\n  - 一\n - 二: [\n", "主要职能: a: b\n", "主要职能:\n\t- 制表符\n"])
def test_a_refused_yaml_upload_says_why_in_chinese(client, text: str) -> None:
    message = upload(client, "texts", "文字说明.yaml", text.encode()).get_json()["message"]
    english = re.findall(r"[A-Za-z]{3,}", message.replace("文字说明.yaml", ""))
    assert "未保存" in message and english == [], message


def test_explaining_a_warning_keeps_the_document_current_and_updates_the_counts(client, root: Path, tmp_path: Path) -> None:
    """核对记录.yaml is not data: explaining a warning neither marks the document out of date nor drops it from the list."""
    token = csrf(client)
    client.post(f"/unit/{SAMPLE}/generate", data={"csrf": token})
    state_file = tmp_path / "outputs" / "batch-state.json"
    before = json.loads(state_file.read_text(encoding="utf-8"))["units"][str(root / SAMPLE)]
    assert before["output"] and before["warnings"] > 0
    assert _explain(client, "rounding-residue", "决算数据.xlsx[收入支出决算总表]!B15").status_code == 302
    _shown(client)  # opening the unit records its check
    listed = client.get("/").get_data(as_text=True)
    assert listed.count('data-status="generated"') == 1 and 'data-status="stale"' not in listed
    after = json.loads(state_file.read_text(encoding="utf-8"))["units"][str(root / SAMPLE)]
    assert (after["output"], after["output_hash"], after["key"]) == (before["output"], before["output_hash"], before["key"])
    assert after["warnings"] == before["warnings"] - 1 and len(after["report"]["acknowledged"]) == 1


def _edited_in_word(docx_path: Path, old: str, new: str) -> None:
    document = docx.Document(str(docx_path))
    paragraph = next(p for p in document.paragraphs if old in p.text)
    for run_ in paragraph.runs:
        run_.text = run_.text.replace(old, new)
    document.save(str(docx_path))


@pytest.mark.slow
def test_the_generated_document_is_verified_on_its_page_and_a_figure_changed_in_word_is_found(client, root: Path, tmp_path: Path) -> None:
    token = csrf(client)
    assert 'id="verify-button"' not in client.get(f"/unit/{SAMPLE}").get_data(as_text=True)  # nothing generated yet
    client.post(f"/unit/{SAMPLE}/generate", data={"csrf": token})
    assert client.get(f"/unit/{SAMPLE}/verify.json").status_code == 404
    assert client.post(f"/unit/{SAMPLE}/verify", data={"csrf": token}).status_code == 302
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    assert 'id="verified-summary"' in page and "重新核对文档" in page
    kept = client.get(f"/unit/{SAMPLE}/verify.json").get_json()
    (document,) = (tmp_path / "outputs").glob("*.docx")
    findings, _ = api.verify_document(document, root / SAMPLE)
    assert kept["command"] == "verify" and [f["code"] for f in kept["findings"]] == [f.code for f in findings]
    assert not {f.code for f in findings} & {"doc-data-mismatch", "doc-text-differs"}  # the document is the data's

    _edited_in_word(document, "机关运行经费支出41.02万元", "机关运行经费支出41.20万元")
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    assert 'id="verified-summary"' not in page  # the kept report was another document's
    client.post(f"/unit/{SAMPLE}/verify", data={"csrf": token})
    page = client.get(f"/unit/{SAMPLE}").get_data(as_text=True)
    section = page[page.index('<section id="verified">') : page.index('<section id="upload">')]
    assert 'data-code="doc-data-mismatch"' in section and "十、其他重要事项" in section
    assert "explain-form" not in section  # a document's findings are not recorded in 核对记录.yaml


def test_verifying_before_generating_says_so(client) -> None:
    answer = client.post(f"/unit/{SAMPLE}/verify", data={"csrf": csrf(client)}, follow_redirects=True)
    assert "请先生成文档" in answer.get_data(as_text=True)
