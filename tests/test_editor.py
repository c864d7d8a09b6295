"""The form editor without a browser: the command, the YAML it writes, and what it refuses."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.data import roundtrip, schema
from generator.editor import merge
from tests.conftest import DATA, ROOT
from tests.docxtext import text as docx_text


@dataclass
class Editor:
    """A running ``agreement edit`` on a private copy of the FY 2564 data."""

    process: subprocess.Popen
    url: str            # the printed address, with its token
    data_dir: Path
    out_dir: Path
    root: Path
    started: float      # seconds from start to the printed address

    @property
    def base(self) -> str:
        return self.url.split("/?")[0]

    def stop(self) -> float:
        """Press Ctrl-C; return how long the editor took to end."""
        start = time.perf_counter()
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=10)
        return time.perf_counter() - start

    def close(self) -> None:
        if self.process.poll() is None:
            self.stop()
        self.process.stdout.close()


def start_editor(folder: Path, programs: Path | None = None) -> Editor:
    """Copy the default data into `folder` and start the editor on it, at a free port; with
    `programs`, a folder it finds programs in first (a stand-in soffice)."""
    data_dir = folder / "data" / "2564"
    if not data_dir.exists():
        shutil.copytree(DATA, data_dir)
    out_dir, root = folder / "output" / "2564", folder / "output" / "archive"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if programs is not None:
        env["PATH"] = f"{programs}{os.pathsep}{env['PATH']}"
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "edit", "data/2564", "--port", "0",
                                "--no-browser", "-o", "output/2564", "--root", "output/archive"],
                               cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = process.stdout.readline()
    started = time.perf_counter() - start
    assert "token=" in line, line + process.stdout.read()
    url = next(word for word in line.split() if word.startswith("http://"))
    return Editor(process, url, data_dir, out_dir, root, started)


@pytest.fixture
def editor(tmp_path):
    running = start_editor(tmp_path)
    yield running
    running.close()


def request(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, str]:
    body = json.dumps(data).encode("utf-8") if data is not None else None
    req = urllib.request.Request(url, body, {"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=20) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


# -- the command: one line, quick, Ctrl-C at once --

def cpu_seconds(pid: int) -> float:
    """Return the CPU time process `pid` has used so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")   # -- utime and stime --


def test_edit_prints_one_line_starts_quickly_and_stops_at_ctrl_c(editor):
    assert editor.url.startswith("http://127.0.0.1:") and "token=" in editor.url
    start = time.perf_counter()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with browser.open(editor.url, timeout=10) as first:   # through the redirect that sets the cookie
        assert first.status == 200 and "หน่วยงานและคู่สัญญา" in first.read().decode("utf-8")
    ready = editor.started + time.perf_counter() - start
    # -- quick is the work done before the first page (0.6 s of CPU here); the time it takes
    #    grows with the machine's load, so it has only a generous bound --
    work = cpu_seconds(editor.process.pid)
    assert work < 2.0 and ready < 10, f"first page after {ready:.2f} s and {work:.2f} s of CPU"
    assert editor.stop() < 5.0
    assert editor.process.stdout.read().strip() == "หยุดตัวแก้ไขแล้ว"
    assert editor.process.returncode == 0


def test_help_does_not_load_the_web_server():
    probe = ("import sys, generator.cli; "
             "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'playwright') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


# -- the safety of a shared machine --

def test_requests_without_the_token_or_from_elsewhere_are_refused(editor):
    base = editor.base
    origin = {"Origin": base}
    assert request(base + "/f/agreement.yaml")[0] == 403
    assert request(base + "/f/agreement.yaml?token=wrong")[0] == 403
    token = editor.url.split("token=")[1]
    cookie = {"Cookie": f"agreement-{base.rsplit(':', 1)[1]}={token}"}
    assert request(base + "/f/agreement.yaml", headers=cookie)[0] == 200
    status, text = request(base + "/f/agreement.yaml", headers={**cookie, "Host": "evil.example:80"})
    assert status == 403 and "Host" in text                              # DNS rebinding
    status, text = request(base + "/api/check", {}, {**cookie, "Origin": "http://evil.example"})
    assert status == 403 and "Origin" in text                            # CSRF
    assert request(base + "/api/check", {}, cookie)[0] == 403            # no Origin at all
    assert request(base + "/api/check", {}, {**cookie, **origin})[0] == 200


def test_no_path_outside_the_data_folder_is_read_or_written(editor):
    token = editor.url.split("token=")[1]
    headers = {"Cookie": f"agreement-{editor.base.rsplit(':', 1)[1]}={token}", "Origin": editor.base}
    before = {p: p.read_bytes() for p in editor.data_dir.rglob("*") if p.is_file()}
    for name in ("../2564/agreement.yaml", "/etc/passwd", "indicators/../../../x.yaml", "words.txt"):
        status, text = request(editor.base + "/api/save", {"file": name, "data": {}, "base": ""}, headers)
        assert status == 400 and "ไม่มีไฟล์ข้อมูลชื่อ" in json.loads(text)["error"]
    for path in ("/out/../../data/2564/staff.yaml", "/out/%2e%2e/data/2564/staff.yaml", "/f/../pyproject.toml",
                 "/preview/x/../../etc/passwd", "/static/../app.py"):
        assert request(editor.base + path, headers=headers)[0] in (400, 404), path
    base = hashlib.sha256((editor.data_dir / "staff.yaml").read_bytes()).hexdigest()
    status, text = request(editor.base + "/api/save", {"file": "staff.yaml", "data": ["not", "a", "form"],
                                                       "base": base}, headers)
    assert status == 400 and "ไม่ถูกรูปแบบ" in json.loads(text)["error"]
    assert {p: p.read_bytes() for p in editor.data_dir.rglob("*") if p.is_file()} == before


# -- the YAML a person can still read --

def form_of(path: Path) -> dict:
    """Return a data file's values as the form sends them: every scalar as the text shown."""
    def shown(value):
        if isinstance(value, dict):
            return {k: shown(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shown(v) for v in value]
        return "" if value is None else str(value)
    return shown(roundtrip.load(path))


@pytest.mark.parametrize("rel", ["agreement.yaml", "staff.yaml", "linkage.yaml", "indicators/05.yaml",
                                 "results/12.yaml"])
def test_an_unchanged_form_gives_back_the_file_byte_for_byte(rel):
    kind = {"indicators": "indicator", "results": "results"}.get(rel.split("/")[0], rel[:-5])
    path = DATA / rel
    assert merge.merged_text(roundtrip.load(path), form_of(path), schema.KINDS[kind]) == path.read_text("utf-8")


def test_an_edit_keeps_comments_quotes_and_folded_texts():
    path = DATA / "indicators" / "05.yaml"
    values = form_of(path)
    values["criteria"]["basic"] = "ยื่นคำขอทางไปรษณีย์"
    values["weight"] = "10"
    values["notes"] = []                   # an optional list emptied: left out
    text = merge.merged_text(roundtrip.load(path), values, schema.INDICATOR)
    old = path.read_text("utf-8").splitlines()
    assert text.splitlines()[:3] == old[:3]                           # the schema line and the comments
    assert "  basic: >-\n    ยื่นคำขอทางไปรษณีย์\n" in text               # still folded
    assert "\nnotes:" not in text and text.endswith("responsible:\n  - วิมล\n  - จิรัฏฐ์\n")
    assert 'baseline: ["-", "-", "-", "-", "-"]' in text               # flow style and quotes kept


def test_an_emptied_optional_field_leaves_the_next_fields_comment_in_place():
    path = DATA / "agreement.yaml"
    values = form_of(path)
    values["maker"]["full_position"] = ""
    text = merge.merged_text(roundtrip.load(path), values, schema.AGREEMENT)
    assert "full_position" not in text
    assert "\n\n# วันที่ลงนาม: เขียนได้ทั้ง" in text and "\nsigning_date: 2564-02-10\n" in text


def test_new_texts_that_yaml_would_misread_are_quoted():
    path = DATA / "staff.yaml"
    values = form_of(path)
    values["staff"][""] = {"name": "นางสาวสมใจ ใจดี", "phone": "02 628 5646", "ext": "0104"}
    values["staff"]["วิมล"]["ext"] = "no"
    text = merge.merged_text(roundtrip.load(path), values, schema.STAFF)
    assert '  สมใจ:\n    name: นางสาวสมใจ ใจดี\n    phone: "02 628 5646"\n    ext: "0104"\n' in text
    assert 'ext: "no"' in text


def test_a_form_of_the_wrong_shape_is_refused():
    with pytest.raises(merge.BadForm):
        merge.merged_text(roundtrip.load(DATA / "staff.yaml"), {"staff": "x"}, schema.STAFF)
    with pytest.raises(merge.BadForm):
        merge.merged_text(roundtrip.load(DATA / "staff.yaml"), {"unknown": ""}, schema.STAFF)


def test_schemas_give_every_field_a_thai_title():
    def untitled(node, path=""):
        found = []
        for key, sub in node.get("properties", {}).items():
            if "title" not in sub:
                found.append(f"{path}{key}")
            found += untitled(sub, f"{path}{key}.")
            found += untitled(sub.get("items", {}), f"{path}{key}[].")
            extra = sub.get("additionalProperties")
            found += untitled(extra, f"{path}{key}.*.") if isinstance(extra, dict) else []
        return found
    assert [f"{kind}: {name}" for kind, node in schema.KINDS.items() for name in untitled(node)] == []
    assert schema.RESULTS["properties"]["indicators"]["items"]["properties"]["level"]["enumDescriptions"] == [
        "ต่ำกว่าขั้นต้น (0 คะแนน)", "ขั้นต้น (50 คะแนน)", "มาตรฐาน (75 คะแนน)", "ขั้นสูง (100 คะแนน)"]


def test_the_install_script_brings_chromium_for_the_browser_tests():
    assert "chromium" in (ROOT / "scripts" / "install-system-packages").read_text(encoding="utf-8")


def test_a_file_that_does_not_read_is_shown_as_text_with_its_problem(editor):
    path = editor.data_dir / "indicators" / "02.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 15", "weight: 15\n  bad: [", 1), "utf-8")
    token = editor.url.split("token=")[1]
    headers = {"Cookie": f"agreement-{editor.base.rsplit(':', 1)[1]}={token}", "Origin": editor.base}
    status, page = request(editor.base + "/f/indicators/02.yaml", headers=headers)
    assert status == 200 and "อ่านเป็นแบบฟอร์มไม่ได้" in page and "weight: 15" in page
    status, text = request(editor.base + "/api/check", {}, headers)
    problems = json.loads(text)["problems"]
    assert any(p["file"] == "indicators/02.yaml" and "รูปแบบ YAML ไม่ถูกต้อง" in p["message"] for p in problems)
    status, text = request(editor.base + "/api/save", {"file": "indicators/02.yaml", "data": {}, "base": ""},
                           headers)
    assert status == 409 and json.loads(text)["mine"] == ""


def test_without_libreoffice_the_preview_says_so_and_offers_the_docx(tmp_path, monkeypatch):
    from generator.editor import preview
    from generator.errors import ToolMissing
    from generator.store import pdf

    def missing():
        raise ToolMissing(pdf.INSTALL_HINT)
    monkeypatch.setattr(pdf, "soffice", missing)
    text = (DATA / "indicators" / "05.yaml").read_text(encoding="utf-8")
    made = preview.make(DATA, "indicators/05.yaml", text, tmp_path)
    assert made.pages == [] and "ไม่มี LibreOffice" in made.message
    docx = tmp_path / made.folder / made.docx
    assert zipfile.is_zipfile(docx) and "ระดับความสำเร็จในการสร้างนวัตกรรม" in docx_text(docx)


def test_an_edit_may_add_a_file_and_a_draft_may_be_saved_unchecked(data_copy):
    from generator.errors import DataError
    from generator.store import edits

    shutil.rmtree(data_copy / "results")
    edits.apply(data_copy, {"results/06.yaml": "round: 6\nindicators:\n  - number: 1\n"})
    assert (data_copy / "results" / "06.yaml").read_text(encoding="utf-8").startswith("round: 6\n")
    broken = (data_copy / "indicators" / "04.yaml").read_text(encoding="utf-8").replace("weight: 15", "weight: 20")
    with pytest.raises(DataError):
        edits.apply(data_copy, {"indicators/04.yaml": broken})
    edits.apply(data_copy, {"indicators/04.yaml": broken}, checked=False)
    assert "weight: 20" in (data_copy / "indicators" / "04.yaml").read_text(encoding="utf-8")
    assert not edits.pending(data_copy)


def test_a_yes_or_no_field_is_a_choice_and_saved_as_yaml_true_or_false():
    from generator.editor import forms

    path = DATA / "results" / "12.yaml"
    assert "\nexample: true" in path.read_text("utf-8")
    values = form_of(path)
    values["example"] = "false"
    text = merge.merged_text(roundtrip.load(path), values, schema.RESULTS)
    assert "\nexample: false" in text and '"false"' not in text
    field = forms._scalar(schema.RESULTS["properties"]["example"], True, ("example",),
                          forms.Context("results"), "example")
    assert (field.kind, field.value, [v for v, _label in field.options]) == ("choice", "true", ["", "true", "false"])
