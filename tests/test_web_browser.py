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

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="需要 Debian 的 chromium 和 chromium-driver（apt-get install chromium chromium-driver）；CI 会安装",
)


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
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 60).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_the_whole_flow(server: tuple[str, Path], browser, tmp_path: Path, kit) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, root = server
    driver = browser
    # 1. the list
    driver.get(base + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["changji-ybj/2023", "changji-ybj/2024"]
    shot(driver, "1-单位列表")
    # 2. the sample and its findings
    click_and_load(driver, rows[1].find_element(By.TAG_NAME, "a"))
    codes = [r.get_attribute("data-code") for r in driver.find_elements(By.CSS_SELECTOR, "tr.finding")]
    assert "rounding-residue" in codes
    assert driver.find_elements(By.CSS_SELECTOR, "tr.sheetrow td.hit")  # the row of the sheet, its cell highlighted
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
    bad = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr.finding") if r.get_attribute("data-sheet") == layout.OTHER_MATTERS.name]
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
