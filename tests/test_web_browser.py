"""The workbench in a real browser: headless Chromium (Debian's, with its chromedriver) driven by selenium.

Skipped only when chromium or chromedriver is not installed (CI installs both). Screenshots of
each page go to outputs/screenshots/.
"""

from __future__ import annotations

import io
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from generator import layout

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "outputs" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [pytest.mark.slow] + [pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="需要 Debian 的 chromium 和 chromium-driver（apt-get install chromium chromium-driver）；CI 会安装",
)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from generator.web import make_server

    work = tmp_path_factory.mktemp("browser")
    root = work / "inputs"
    shutil.copytree(ROOT / "inputs" / "changji-ybj", root / "changji-ybj")  # the sample unit alone
    httpd = make_server(root, "127.0.0.1", 0, work / "outputs")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", root
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000", "--lang=zh-CN",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1400, min(max(height + 120, 800), 6000))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1400, 1000)


def click_and_load(driver, element) -> None:
    """Click something that loads a new page, and wait until the old one is gone."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    # While the new page replaces the old one, chromium can answer a staleness probe with an inspector
    # error ("Node with given id does not belong to the document") instead of a stale reference: probe again.
    WebDriverWait(driver, 60, ignored_exceptions=[WebDriverException]).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_the_whole_flow(server: tuple[str, Path], browser, tmp_path: Path, kit) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, root = server
    driver = browser
    # 1. the list
    driver.get(base + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[3].text for r in rows] == ["changji-ybj/2023", "changji-ybj/2024"]
    shot(driver, "1-单位列表")
    # 2. the sample and its findings
    click_and_load(driver, rows[1].find_element(By.TAG_NAME, "a"))
    codes = [r.get_attribute("data-code") for r in driver.find_elements(By.CSS_SELECTOR, "#findings div.finding")]
    assert "rounding-residue" in codes
    assert driver.find_elements(By.CSS_SELECTOR, ".rowview td.hit")  # the row of the sheet, its cell highlighted
    shot(driver, "2-单位页面")
    errors_before = int(driver.find_element(By.ID, "error-count").text)
    # 3. upload a workbook with an injected error; it is reported at its cell
    values = kit.sample_2024()
    kit.set_value(values, layout.OTHER_MATTERS.name, "机关运行经费", "本年数", "三十")  # text in a number cell
    broken = tmp_path / "决算数据.xlsx"
    from generator.init import workbook_bytes

    broken.write_bytes(workbook_bytes(values))
    original = tmp_path / "original" / "决算数据.xlsx"
    original.parent.mkdir()
    shutil.copy(root / "changji-ybj" / "2024" / layout.WORKBOOK, original)
    driver.find_element(By.ID, "file-workbook").send_keys(str(broken))
    click_and_load(driver, driver.find_element(By.ID, "upload-workbook"))
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    bad = [r for r in driver.find_elements(By.CSS_SELECTOR, "#findings div.finding") if r.get_attribute("data-sheet") == layout.OTHER_MATTERS.name]
    assert bad and bad[0].get_attribute("data-cell") and "sev-error" in bad[0].get_attribute("class")
    shot(driver, "3-上传有错误的工作簿")
    # 4. fix it by uploading the original; the previous file is in the history
    driver.find_element(By.ID, "file-workbook").send_keys(str(original))
    click_and_load(driver, driver.find_element(By.ID, "upload-workbook"))
    assert "原文件已存入历史版本" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    assert int(driver.find_element(By.ID, "error-count").text) == errors_before
    assert len(list((root / "changji-ybj" / "2024" / "历史版本").iterdir())) == 2
    # 5. generate and download the .docx
    click_and_load(driver, driver.find_element(By.ID, "generate-button"))
    link = driver.find_elements(By.CSS_SELECTOR, "#outputs a.download")[0]
    shot(driver, "4-已生成")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(link.get_attribute("href"), headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        document = docx.Document(io.BytesIO(response.read()))
    assert any("昌吉回族自治州医疗保障局" in p.text for p in document.paragraphs)
    # ... and verify it (read on its own and against the data): the document juesuan made has no error
    click_and_load(driver, driver.find_element(By.ID, "verify-button"))
    assert driver.find_element(By.ID, "verified-errors").text == "0"
    assert not driver.find_elements(By.CSS_SELECTOR, '#verified div.finding[data-code="doc-data-mismatch"]')
    shot(driver, "4b-核对生成的文档")
    # 6. a year comparison
    click_and_load(driver, driver.find_element(By.ID, "compare-link"))
    assert driver.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
    assert driver.find_elements(By.CSS_SELECTOR, "#comparison tr.flagged")
    assert driver.find_element(By.ID, "download-compare").get_attribute("href").endswith("old=2023")
    shot(driver, "5-年度对比")
    # back on the list: the sample is generated
    driver.get(base + "/")
    statuses = [r.get_attribute("data-status") for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    assert statuses == ["unchecked", "generated"]
    # a batch over ROOT in the background, with its progress page
    click_and_load(driver, driver.find_element(By.ID, "run-batch"))
    WebDriverWait(driver, 120).until(lambda d: d.find_element(By.ID, "job-state").get_attribute("data-state") == "done")
    assert driver.find_element(By.ID, "job-progress").get_attribute("value") == "2"
    shot(driver, "6-后台任务")
    driver.get(base + "/")
    statuses = [r.get_attribute("data-status") for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    assert "unchecked" not in statuses and statuses[1] == "generated"
    shot(driver, "7-单位列表-全部生成后")


def test_explaining_the_sample_warnings_once_leaves_none(server: tuple[str, Path], browser) -> None:
    """Review work: filter the findings, read a rule, explain each real 尾差 and printed score once, undo one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, root = server
    driver = browser
    folder = root / "changji-ybj" / "2024"
    driver.get(base + "/unit/changji-ybj/2024")  # opening the unit records its check in the list
    driver.get(base + "/")
    listed = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr") if "changji-ybj/2024" in r.text)
    status = listed.get_attribute("data-status")  # generated by an earlier test, or checked
    driver.get(base + "/unit/changji-ybj/2024")
    before = int(driver.find_element(By.ID, "warning-count").text)
    total = len(driver.find_elements(By.CSS_SELECTOR, "#findings div.finding"))
    assert before > 0 and total >= before
    # filter by type from the keyboard: Tab to the select, choose, submit
    select = driver.find_element(By.ID, "filter-code")
    select.send_keys(Keys.ARROW_DOWN)
    click_and_load(driver, driver.find_element(By.ID, "filter-apply"))
    shown = driver.find_element(By.ID, "finding-shown").text
    assert shown.startswith("显示 ") and f"/ {total} 条" in shown and not shown.startswith(f"显示 {total} ")
    shot(driver, "8-筛选问题")
    click_and_load(driver, driver.find_element(By.ID, "filter-clear"))
    # the rule of a finding, in Chinese
    rule = driver.find_element(By.CSS_SELECTOR, "details.rule summary")
    rule.click()
    assert "处理" in driver.find_element(By.CSS_SELECTOR, "details.rule p").text
    # explain every warning (and note), one after the other, as a reviewer would
    explainable = len(driver.find_elements(By.CSS_SELECTOR, "details.explain"))
    assert explainable >= before
    first = True
    while driver.find_elements(By.CSS_SELECTOR, "details.explain"):
        details = driver.find_elements(By.CSS_SELECTOR, "details.explain")[0]
        details.find_element(By.TAG_NAME, "summary").click()
        details.find_element(By.NAME, "reason").send_keys("报表原文即如此，已核对")
        if first:
            details.find_element(By.NAME, "who").send_keys("王五")
            shot(driver, "9-说明原因")
            first = False
        click_and_load(driver, details.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert driver.find_elements(By.CSS_SELECTOR, ".flash-ok")
    assert driver.find_element(By.ID, "warning-count").text == "0"
    assert driver.find_element(By.ID, "acknowledged-count").text == str(explainable)
    assert driver.find_element(By.ID, "all-explained")
    assert (folder / "核对记录.yaml").read_text(encoding="utf-8").count("王五") == explainable  # the name typed once
    shot(driver, "10-全部已说明")
    # withdraw one: it is a warning again
    click_and_load(driver, driver.find_element(By.CSS_SELECTOR, "#acknowledged button"))
    assert driver.find_element(By.ID, "warning-count").text == "1"
    # the list shows the unit as before (核对记录.yaml is not data: a document stays current), with its remaining warning
    driver.get(base + "/")
    row = next(r for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr") if "changji-ybj/2024" in r.text)
    assert status in ("generated", "checked")
    assert row.get_attribute("data-status") == status and row.find_elements(By.TAG_NAME, "td")[6].text == "1"


def test_the_unit_page_fits_1024_pixels_and_a_phone(server: tuple[str, Path], browser) -> None:
    from selenium.webdriver.common.by import By

    base, _ = server
    driver = browser
    try:
        for width, name in ((1024, "11-1024像素"), (390, "12-手机")):
            driver.set_window_size(width, 900)
            driver.get(base + "/unit/changji-ybj/2024")
            inner = driver.execute_script("return document.documentElement.clientWidth")
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            culprits = driver.execute_script(
                "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > arguments[0] && !e.closest('.rowview, .tablewrap'))"
                ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))",
                inner,
            )
            assert wide <= inner, (width, wide, inner, culprits)  # nothing, the location included, off-screen to the right
            where = driver.find_elements(By.CSS_SELECTOR, ".finding .where")[0]
            assert where.rect["x"] + where.rect["width"] <= inner
            driver.save_screenshot(str(SHOTS / f"{name}.png"))
    finally:
        driver.set_window_size(1400, 1000)


def test_editing_a_reason_shows_its_sentence_as_it_is_typed_and_saves_it(server: tuple[str, Path], browser) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base, root = server
    driver = browser
    driver.get(base + "/unit/changji-ybj/2024")
    click_and_load(driver, driver.find_element(By.ID, "words-link"))
    field = driver.find_element(By.NAME, "r:一般公共预算财政拨款支出决算表!G27")
    preview = driver.find_element(By.ID, field.get_attribute("data-preview"))
    lead = preview.get_attribute("data-lead")
    assert lead.startswith("2101599 其他医疗保障管理事务支出：比上年减少") and lead.endswith("主要原因是：")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    assert preview.text == preview.get_attribute("data-empty")
    field.send_keys("补助资金减少")
    assert preview.text == lead + "补助资金减少。"  # live, as typed
    text = driver.find_element(By.NAME, "t:其他需说明的事项")
    text_preview = driver.find_element(By.ID, text.get_attribute("data-preview"))
    text.send_keys(Keys.CONTROL, "a")
    text.send_keys(Keys.DELETE)
    text.send_keys("本年度无其他需说明的事项")
    assert text_preview.text == "本年度无其他需说明的事项。"
    shot(driver, "13-编辑文字与原因")
    click_and_load(driver, driver.find_element(By.ID, "save-reasons"))
    assert "已保存 1 处原因" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text
    book = load_workbook(root / "changji-ybj" / "2024" / layout.WORKBOOK)
    assert book["一般公共预算财政拨款支出决算表"]["G27"].value == "补助资金减少"
    # only the missing ones: none of the document's reasons is missing now
    click_and_load(driver, driver.find_element(By.ID, "show-missing"))
    assert driver.find_element(By.ID, "missing-reasons").text == "0"
    shot(driver, "14-只看缺少的")


@pytest.fixture(scope="module")
def twenty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    from generator.web import make_server

    work = tmp_path_factory.mktemp("twenty")
    root = work / "inputs"
    for n in range(1, 21):
        shutil.copytree(ROOT / "inputs" / "changji-ybj" / "2024", root / f"单位{n:02d}" / "2024")
    httpd = make_server(root, "127.0.0.1", 0, work / "outputs")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", root
    httpd.shutdown()
    httpd.server_close()


def test_a_reviewer_takes_twenty_units_to_published_and_sees_the_overdue(twenty_server: tuple[str, Path], browser) -> None:
    from datetime import date, timedelta

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    base, root = twenty_server
    driver = browser
    driver.get(base + "/")
    # the sort headers are buttons: reachable and pressed from the keyboard
    sort = driver.find_elements(By.CSS_SELECTOR, "#units th button.sort")[1]
    driver.execute_script("arguments[0].focus()", sort)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert sort.find_element(By.XPATH, "..").get_attribute("aria-sort") == "ascending"
    approved = (date.today() - timedelta(days=30)).isoformat()

    def apply(state: str, **dates: str) -> None:
        box = driver.find_element(By.ID, "select-all")
        if not box.is_selected():
            box.click()
        Select(driver.find_element(By.ID, "review-state")).select_by_visible_text(state)
        for name, value in dates.items():
            driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, f"review-{name}"), value)
        who = driver.find_element(By.ID, "review-who")
        if not who.get_attribute("value"):
            who.send_keys("孙七")
        click_and_load(driver, driver.find_element(By.ID, "review-apply"))
        assert "已更新 20 个单位年度" in driver.find_element(By.CSS_SELECTOR, ".flash-ok").text

    apply("已核对")
    apply("已审定", approved=approved)
    assert driver.find_element(By.ID, "overdue-count").text == "20"  # 30 days after 批复, not published
    click_and_load(driver, driver.find_element(By.ID, "view-overdue"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")) == 20
    shot(driver, "15-已逾期")
    click_and_load(driver, driver.find_element(By.ID, "view-all"))
    apply("已公开")
    states = {r.get_attribute("data-review") for r in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")}
    assert states == {"已公开"} and driver.find_element(By.ID, "unpublished-count").text == "0"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".flag-overdue")) == 20  # published, but late
    shot(driver, "16-全部已公开")
    assert "已公开" in (root / "审核状态.yaml").read_text(encoding="utf-8")


def test_the_print_view_shows_the_findings_within_the_page_width(server: tuple[str, Path], browser) -> None:
    from selenium.webdriver.common.by import By

    base, _ = server
    driver = browser
    driver.get(base + "/unit/changji-ybj/2024")
    try:
        driver.set_window_size(794, 1123)  # A4 at 96 dpi
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert not driver.find_element(By.ID, "upload").is_displayed()
        assert not driver.find_element(By.ID, "finding-filters").is_displayed()
        assert all(f.is_displayed() for f in driver.find_elements(By.CSS_SELECTOR, "#findings div.finding"))
        inner = driver.execute_script("return document.documentElement.clientWidth")
        assert driver.execute_script("return document.documentElement.scrollWidth") <= inner  # no column cut off
        driver.save_screenshot(str(SHOTS / "17-打印视图.png"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        driver.set_window_size(1400, 1000)
