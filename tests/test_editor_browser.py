"""The form editor in a real browser: Playwright drives Debian's chromium, as a clerk would.

One browser serves the whole test run; each test gets its own copy of the data and its own
editor. Under REQUIRE_LIBREOFFICE=1 (CI) a missing chromium or Playwright fails these tests
instead of skipping them. With EDITOR_SCREENSHOTS=DIR the tests leave screenshots in DIR.
"""

from __future__ import annotations

import importlib.util
import os
import re
import statistics
import zipfile
from pathlib import Path

import pytest

from generator.data import roundtrip
from tests import fake_soffice
from tests.conftest import need_libreoffice
from tests.docxtext import text
from tests.test_editor import start_editor

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SCREENSHOTS = os.environ.get("EDITOR_SCREENSHOTS")
LONG = 180_000   # ms: a build or an archive with PDF/A copies on a busy 2-core machine


def need_chromium() -> None:
    """Skip with a reason when chromium or Playwright is missing, unless CI requires them."""
    missing = [what for what, ok in (("/usr/bin/chromium", CHROMIUM.is_file()),
                                     ("playwright", importlib.util.find_spec("playwright") is not None)) if not ok]
    if missing:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"REQUIRE_LIBREOFFICE=1 but missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")


@pytest.fixture(scope="session")
def browser():
    need_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def soffice(request, tmp_path_factory) -> Path | None:
    """Return the folder of the soffice the editor's commands run: None for LibreOffice's
    own; parametrized "stand-in" (indirect), tests/fake_soffice.py's blank PDF/A pages."""
    if getattr(request, "param", None) == "stand-in":
        return fake_soffice.launcher(tmp_path_factory.mktemp("programs"))
    return None


@pytest.fixture
def editor(tmp_path, soffice):
    running = start_editor(tmp_path, soffice)
    yield running
    running.close()


@pytest.fixture
def page(browser, editor):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="th-TH")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(editor.url)
    yield tab
    context.close()
    assert errors == []


def expect(locator):
    from playwright.sync_api import expect as playwright_expect
    return playwright_expect(locator)


def field(tab, path: str):
    """Return the input, text box or choice of the field at `path` (as the checks name it)."""
    return tab.locator(f'[id="f-{path}"] .ctl').first


def messages(tab, path: str):
    return tab.locator(f'[id="f-{path}"] > .msgs .msg')


def open_file(tab, editor, rel: str) -> None:
    tab.goto(f"{editor.base}/f/{rel}")
    expect(tab.locator("#tally")).not_to_have_text("กำลังตรวจข้อมูล…")


def save(tab) -> None:
    tab.click("#save")
    expect(tab.locator("#status")).to_contain_text("บันทึกแล้ว")


def run(tab, editor, action: str, reason: str = "") -> str:
    """Press an action's button on the actions page; return the command's transcript."""
    tab.goto(f"{editor.base}/run")
    if reason:
        tab.fill("#reason", reason)
    tab.click(f"button[data-action={action}]")
    expect(tab.locator("#job-title")).to_contain_text(re.compile("เสร็จแล้ว|ไม่สำเร็จ"), timeout=LONG)
    return tab.locator("#log").inner_text()


def screenshot(tab, name: str) -> None:
    if SCREENSHOTS:
        tab.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


# -- a field, its message, the save --

def test_a_mistake_shows_beside_its_field_and_the_fixed_form_saves_with_its_comments(page, editor):
    open_file(page, editor, "indicators/05.yaml")
    weight = field(page, "weight")
    weight.fill("สิบ")
    message = messages(page, "weight")
    expect(message).to_contain_text("ชนิดข้อมูลไม่ถูกต้อง")
    expect(message).to_contain_text("ที่พบ: สิบ")
    below, under = message.bounding_box(), weight.bounding_box()
    assert 0 <= below["y"] - (under["y"] + under["height"]) < 60          # right under its input
    expect(page.locator("#problem-list a[href='#f-weight']")).to_contain_text("indicators/05.yaml:")
    screenshot(page, "mistake")
    weight.fill("10")
    expect(message).to_have_count(0)
    field(page, "title").fill("ระดับความสำเร็จในการสร้างนวัตกรรมบริการออนไลน์ (e-Service)")
    save(page)
    text = (editor.data_dir / "indicators" / "05.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schema/indicator.schema.json\n"
                           "# ตัวชี้วัดที่ 5 — รูปแบบของแต่ละช่อง: docs/data-format.md\n")
    assert "title: >-\n  ระดับความสำเร็จในการสร้างนวัตกรรมบริการออนไลน์ (e-Service)\nweight: 10\n" in text


def test_a_date_is_typed_as_the_cli_reads_it_and_shown_back_in_thai(page, editor):
    open_file(page, editor, "agreement.yaml")
    date = field(page, "signing_date")
    date.fill("10 ก.พ. 2564")
    expect(page.locator('[id="f-signing_date"] .echo')).to_have_text("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564")
    date.fill("31/02/2564")
    expect(messages(page, "signing_date")).to_contain_text("ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2564")
    date.fill("10/02/2564")
    expect(messages(page, "signing_date")).to_have_count(0)
    save(page)
    assert 'signing_date: "10/02/2564"\n' in (editor.data_dir / "agreement.yaml").read_text(encoding="utf-8")


def test_table_rows_are_added_moved_and_removed(page, editor):
    open_file(page, editor, "indicators/05.yaml")
    rows = page.locator('[id="f-notes"] > .rows > .row')
    expect(rows).to_have_count(1)
    page.locator('[id="f-notes"] > .add').click()
    page.locator('[id="f-notes"] > .rows > .row:last-child .ctl').fill("หมายเหตุข้อใหม่")
    rows.nth(1).locator("[data-op=up]").click()
    expect(rows.nth(0).locator(".ctl")).to_have_value("หมายเหตุข้อใหม่")
    page.locator('[id="f-description"] > .add').click()   # an empty new row: the check asks for its text
    expect(messages(page, "description[7]")).to_contain_text("ขาดช่อง description[7] ที่ต้องมี")
    page.locator('[id="f-description"] > .rows > .row:last-child [data-op=remove]').click()
    expect(page.locator("#problems")).to_have_class("warning")   # -- only results/12.yaml's example line left --
    save(page)
    notes = roundtrip.load(editor.data_dir / "indicators" / "05.yaml")["notes"]
    assert notes[0] == "หมายเหตุข้อใหม่" and notes[1].startswith("e-form หรือ แบบฟอร์มอิเล็กทรอนิกส์")


# -- results rounds --

def test_starting_the_6_month_round_lists_every_indicator(page, editor):
    open_file(page, editor, "agreement.yaml")
    page.click("button[data-round='6']")
    expect(page).to_have_url(re.compile(r"/f/results/06\.yaml$"))
    expect(page.locator('[id="f-indicators"] > .rows > .row')).to_have_count(11)
    data = roundtrip.load(editor.data_dir / "results" / "06.yaml")
    assert data["round"] == 6 and [e["number"] for e in data["indicators"]] == list(range(1, 12))
    expect(messages(page, "indicators[3].result")).to_have_text(     # under the row it belongs to
        "คำเตือน: ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ 3 ในรอบ 6 เดือน")
    field(page, "indicators[3].result").fill("ร่างแนวปฏิบัติแล้ว")
    expect(messages(page, "indicators[3].result")).to_have_count(0)
    expect(page.locator("button[data-round='6']")).to_have_count(0)


# -- build, download, hand edits --

def test_build_from_the_browser_and_download_the_packet(page, editor):
    log = run(page, editor, "build")
    assert "สร้างครั้งแรก 14 ไฟล์" in log and "เอกสารทั้งเล่ม: output/2564/packet.docx" in log
    expect(page.locator("#job-title")).to_contain_text("เสร็จแล้ว")
    with page.expect_download() as download:
        page.locator("#outputs a", has_text=re.compile("^packet.docx$")).click()
    packet = Path(download.value.path())
    assert zipfile.is_zipfile(packet) and "คำรับรองการปฏิบัติราชการ" in text(packet)
    assert packet.read_bytes() == (editor.out_dir / "packet.docx").read_bytes()
    (editor.out_dir / "agreement.docx").write_bytes((editor.out_dir / "agreement.docx").read_bytes() + b"\0")
    page.goto(f"{editor.base}/run")
    expect(page.locator("#edited")).to_contain_text("agreement.docx")
    screenshot(page, "run")


def test_a_draft_with_a_mistake_saves_and_build_refuses_it_as_the_cli_does(page, editor):
    open_file(page, editor, "indicators/04.yaml")
    field(page, "weight").fill("20")
    expect(page.locator("#problem-list")).to_contain_text("น้ำหนักรวมของทุกตัวชี้วัดเป็น 105 ต้องเท่ากับ 100")
    save(page)
    assert "\nweight: 20\n" in (editor.data_dir / "indicators" / "04.yaml").read_text(encoding="utf-8")
    log = run(page, editor, "build")
    expect(page.locator("#job-title")).to_contain_text("ไม่สำเร็จ")
    assert "น้ำหนักรวมของทุกตัวชี้วัดเป็น 105 ต้องเท่ากับ 100" in log and "ไม่ได้เขียนไฟล์ใด ๆ" in log
    assert not editor.out_dir.exists()


# -- two tabs, one file --

def test_two_tabs_on_one_file_get_the_conflict_and_nothing_is_overwritten(page, editor):
    other = page.context.new_page()
    open_file(page, editor, "staff.yaml")
    open_file(other, editor, "staff.yaml")
    field(page, "staff.วิมล.ext").fill("105")
    save(page)
    field(other, "staff.วิมล.ext").fill("106")
    other.click("#save")
    expect(other.locator("#conflict")).to_be_visible()
    expect(other.locator("#disk")).to_contain_text('ext: "105"')
    expect(other.locator("#mine")).to_contain_text('ext: "106"')
    screenshot(other, "conflict")
    assert roundtrip.load(editor.data_dir / "staff.yaml")["staff"]["วิมล"]["ext"] == "105"


def test_a_browser_without_the_token_is_refused(browser, editor):
    context = browser.new_context()
    tab = context.new_page()
    answer = tab.goto(f"{editor.base}/f/agreement.yaml")
    assert answer.status == 403 and "token" in tab.locator("body").inner_text()
    context.close()


# -- preview --

def test_a_doubtful_word_is_flagged_and_the_preview_shows_the_sheet_as_pages(browser, editor):
    need_libreoffice()
    # -- docs/editor.png: EDITOR_SCREENSHOTS=DIR, then pngquant DIR/editor.png --
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(editor.url)
    open_file(page, editor, "indicators/05.yaml")
    title = field(page, "title")
    title.fill(title.input_value().replace("สำเร็จ", "สำเร้จ"))
    expect(messages(page, "title")).to_contain_text("ไม่พบคำ สำเร้จ ในพจนานุกรม")
    expect(messages(page, "title")).to_contain_text("คำแนะนำ: สำเร็จ")
    page.click("#preview-button")
    image = page.locator("#preview img").first
    expect(image).to_be_visible(timeout=LONG)
    assert image.evaluate("img => img.naturalWidth") > 300
    expect(page.locator("#preview a")).to_have_attribute("href", re.compile(r"/preview/\w+/preview\.docx$"))
    page.mouse.wheel(0, -2000)
    screenshot(page, "editor")
    context.close()


# -- speed --

def test_a_warm_check_answers_quickly_in_the_browser(page, editor, record_property):
    open_file(page, editor, "indicators/05.yaml")
    title = field(page, "title")
    times = []
    for n in range(8):
        with page.expect_response("**/api/check"):
            title.fill(f"ระดับความสำเร็จในการสร้างนวัตกรรม ครั้งที่ {n}")
        expect(page.locator("body")).to_have_attribute("data-checks", re.compile(r"\d+"))
        page.wait_for_timeout(50)
        times.append(float(page.locator("body").get_attribute("data-check-ms")))
    warm = times[2:]
    record_property("check_ms", times)
    print(f"check after one change, in the browser: median {statistics.median(warm):.0f} ms, "
          f"max {max(warm):.0f} ms ({', '.join(f'{t:.0f}' for t in times)})")
    # -- 131 ms at load 3, 210-220 ms at load 4-5 (README): a generous bound, for a machine
    #    that runs other tests meanwhile; a check that is slow by design stays far above it --
    assert statistics.median(warm) < 1000


# -- the clerk's whole path --

@pytest.mark.parametrize("soffice", ["stand-in"], indirect=True)   # -- PDF/A itself: test_archive.py --
def test_the_clerks_whole_path_in_the_browser_alone(page, editor):
    year_end = editor.data_dir / "results" / "12.yaml"   # -- as an office's own results: no example line --
    year_end.write_text(year_end.read_text("utf-8").replace("example: true", "example: false"), encoding="utf-8")
    assert "สร้างครั้งแรก" in run(page, editor, "build")   # last month's packet
    # 1. a new person answers for จิรัฏฐ์'s indicators
    open_file(page, editor, "staff.yaml")
    page.locator('[id="f-staff.จิรัฏฐ์"]').locator("xpath=..").locator("[data-op=replace]").click()
    page.fill("#replace-form [name=name]", "นายสมชาย ใจดี")
    page.fill("#replace-form [name=ext]", "109")
    page.click("#replace-form button[value=ok]")
    expect(field(page, "staff.สมชาย.name")).to_have_value("นายสมชาย ใจดี")
    assert "สมชาย" in roundtrip.load(editor.data_dir / "indicators" / "05.yaml")["responsible"]
    # 2. an indicator's criteria
    open_file(page, editor, "indicators/04.yaml")
    field(page, "criteria.basic").fill("5 โครงการ/กิจกรรม")
    save(page)
    # 3. the 6-month results
    page.click("button[data-round='6']")
    expect(page).to_have_url(re.compile(r"/f/results/06\.yaml$"))
    field(page, "indicators[1].result").fill("จัดฝึกอบรมแล้ว 1 ครั้ง")
    field(page, "indicators[1].level").select_option(label="ขั้นต้น (50 คะแนน)")
    field(page, "indicators[4].result").fill("7 โครงการ/กิจกรรม")
    save(page)
    entries = roundtrip.load(editor.data_dir / "results" / "06.yaml")["indicators"]
    assert (entries[0]["result"], entries[0]["level"], entries[3]["result"]) == (
        "จัดฝึกอบรมแล้ว 1 ครั้ง", "basic", "7 โครงการ/กิจกรรม")
    # 4. a mistake, seen in the list at the top, followed to its field and fixed
    open_file(page, editor, "indicators/04.yaml")
    field(page, "weight").fill("20")
    link = page.locator("#problem-list a", has_text="น้ำหนักของกลุ่ม performance")
    link.click()
    expect(page).to_have_url(re.compile(r"/f/agreement\.yaml#f-groups\.performance\.weight$"))
    expect(page.locator("#problem-list")).not_to_contain_text("น้ำหนักของกลุ่ม")   # the draft was never saved
    open_file(page, editor, "indicators/04.yaml")
    expect(field(page, "weight")).to_have_value("15")
    # 5. build (with PDF copies), 6. archive
    log = run(page, editor, "pdf")
    assert "เอกสารทั้งเล่ม" in log, log
    assert "แผ่นตัวชี้วัดที่ 4–8, 10–11" in log and "นายสมชาย ใจดี" in log, log   # the Thai change report
    assert "PDF/A 15/15" in log and (editor.out_dir / "packet.pdf").is_file(), log
    expect(page.locator("#outputs")).to_contain_text("packet.pdf เอกสารทั้งเล่ม (PDF/A)")
    log = run(page, editor, "report")
    assert "คะแนนรวมรอบ 6 เดือน" in log, log
    log = run(page, editor, "archive", reason="ฉบับลงนาม")
    expect(page.locator("#job-title")).to_contain_text("เสร็จแล้ว")
    assert (editor.root / "2564" / "bic" / "rev-001" / "bag-info.txt").is_file(), log
    assert "Reason: ฉบับลงนาม" in (editor.root / "2564" / "bic" / "rev-001" / "bag-info.txt").read_text("utf-8")
