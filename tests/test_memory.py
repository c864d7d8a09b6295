"""Proofreading and the print copy's line-break marks remember their results per text
between runs, so unchanged data needs no tokenizer, and the results are the same as made afresh."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from generator import commands
from generator.documents import linebreak, printing
from generator.documents import packet as packets
from generator.text import memory as memory_module
from generator.text import thai
from generator.text.memory import Memory
from tests.conftest import DATA


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AGREEMENT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "thai-performance-agreement" / "proofread"


def test_a_remembered_build_needs_no_tokenizer_and_no_marks(cache, tmp_path, monkeypatch):
    commands.build(DATA, tmp_path / "first")
    assert not (cache.parent / "typeset").exists()   # -- a build marks nothing: Word breaks Thai lines --
    for name in ("line_breaks", "words", "whole"):
        monkeypatch.setattr(linebreak, name, lambda *a: pytest.fail("marked"))
    no_tokenizer(monkeypatch)
    commands.build(DATA, tmp_path / "second")
    for path in sorted((tmp_path / "first").rglob("*.docx")):
        assert path.read_bytes() == (tmp_path / "second" / path.relative_to(tmp_path / "first")).read_bytes()


def test_a_print_copy_is_the_same_from_memory_and_needs_no_tokenizer(cache, tmp_path, monkeypatch):
    commands.build(DATA, tmp_path / "out")
    packet = (tmp_path / "out" / "packet.docx").read_bytes()
    first = printing.print_copy(packet)
    assert list((cache.parent / "typeset").glob("*.sqlite"))
    for name in ("line_breaks", "words", "whole"):
        monkeypatch.setattr(linebreak, name, lambda *a: pytest.fail("marked again"))
    no_tokenizer(monkeypatch)
    assert printing.print_copy(packet) == first


def misspell(data_dir, word="ประสิทธิภาภ"):
    path = data_dir / "indicators" / "02.yaml"
    path.write_text(path.read_text("utf-8").replace("ประสิทธิภาพ", word, 1), encoding="utf-8")


def no_tokenizer(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tokenized although the text was remembered")
    monkeypatch.setattr(thai, "words", refuse)
    monkeypatch.setattr(thai, "tokens", refuse)


def test_a_second_check_gives_the_same_warnings_without_tokenizing(cache, data_copy, monkeypatch):
    misspell(data_copy)
    first = [str(p) for p in commands.validate(data_copy).warnings]
    assert any("ประสิทธิภาภ" in line and "ประสิทธิภาพ" in line for line in first)
    assert len(list(cache.glob("*.sqlite"))) == 1
    no_tokenizer(monkeypatch)
    assert [str(p) for p in commands.validate(data_copy).warnings] == first


def test_changed_text_is_proofread_again(cache, data_copy, monkeypatch):
    commands.validate(data_copy)
    misspell(data_copy)
    calls = []
    words = thai.words
    monkeypatch.setattr(thai, "words", lambda *a, **k: calls.append(a) or words(*a, **k))
    warnings = commands.validate(data_copy).warnings
    assert any(p.found == "ประสิทธิภาภ" for p in warnings)
    assert 0 < len(calls) < 10     # only the changed text, not all 240


def test_accepting_a_word_starts_a_new_memory(cache, data_copy):
    misspell(data_copy)
    assert commands.validate(data_copy).warnings
    with (data_copy / "words.txt").open("a", encoding="utf-8") as words:
        words.write("ประสิทธิภาภ\n")
    assert not [p for p in commands.validate(data_copy).warnings if p.found == "ประสิทธิภาภ"]
    assert len(list(cache.glob("*.sqlite"))) == 2


def test_a_broken_or_unwritable_memory_is_not_used(cache, data_copy, monkeypatch):
    misspell(data_copy)
    commands.validate(data_copy)
    (memory,) = cache.glob("*.sqlite")
    memory.write_text("{not a database", encoding="utf-8")
    assert any(p.found == "ประสิทธิภาภ" for p in commands.validate(data_copy).warnings)
    shutil.rmtree(cache)
    cache.write_text("a file where the folder should be", encoding="utf-8")   # even root cannot write
    assert any(p.found == "ประสิทธิภาภ" for p in commands.validate(data_copy).warnings)


def test_no_cache_setting_keeps_nothing(cache, data_copy, monkeypatch):
    monkeypatch.setenv("AGREEMENT_NO_CACHE", "1")
    commands.validate(data_copy)
    assert not cache.exists()
    assert Memory.open("proofread").path is None


# -- a kept result is trusted only as far as it is checked --

def rewrite_entries(folder, change):
    """Rewrite every memory in `folder` with `change(value)` for each entry."""
    for path in folder.glob("*.sqlite"):
        with sqlite3.connect(path) as db:
            db.executemany("UPDATE entries SET value = ? WHERE name = ?",
                           [(json.dumps(change(json.loads(value)), ensure_ascii=False), name)
                            for name, value in db.execute("SELECT name, value FROM entries").fetchall()])
        db.close()


def stored(path) -> list:
    """Return the values a memory file holds."""
    db = sqlite3.connect(path)
    try:
        return [json.loads(value) for (value,) in db.execute("SELECT value FROM entries")]
    finally:
        db.close()


@pytest.mark.parametrize("poison", [lambda value: "ข้อความปลอม\u200b" + value, lambda value: 42,
                                    lambda value: value.replace("\u00a0", "x")])
def test_a_poisoned_marking_never_reaches_a_print_copy_and_is_rewritten(poison, cache, tmp_path):
    commands.build(DATA, tmp_path / "out")
    packet = (tmp_path / "out" / "packet.docx").read_bytes()
    first = printing.print_copy(packet)
    typeset = cache.parent / "typeset"
    rewrite_entries(typeset, poison)
    assert printing.print_copy(packet) == first
    (kept,) = typeset.glob("*.sqlite")
    assert not [v for v in stored(kept) if "ข้อความปลอม" in str(v)]   # -- the poisoned entries were replaced --


@pytest.mark.parametrize("poison", [
    [["no_such_code", "ประสิทธิภาภ", ""]],          # a code this program does not know
    [["unknown_word", "ประสิทธิภาภ"]],              # the wrong shape
    [["latin_in_thai", "ไม่มีในข้อความนี้", ""]],    # a finding of some other text
    "not a list",
    [[1, 2, 3]],
])
def test_a_poisoned_finding_is_ignored_and_hides_no_warning(poison, cache, data_copy):
    misspell(data_copy)
    first = [str(p) for p in commands.validate(data_copy).warnings]
    rewrite_entries(cache, lambda value: poison)
    assert [str(p) for p in commands.validate(data_copy).warnings] == first


@pytest.mark.parametrize("content", ["[]", '{"key": [], "entries": {}}', '{"entries": []}', "\u0000", ""])
def test_a_memory_file_of_the_wrong_shape_or_key_is_not_read(content, cache, data_copy):
    misspell(data_copy)
    first = [str(p) for p in commands.validate(data_copy).warnings]
    (path,) = cache.glob("*.sqlite")
    path.write_text(content, encoding="utf-8")
    assert [str(p) for p in commands.validate(data_copy).warnings] == first
    assert stored(path)   # -- made again --


def test_a_memory_of_other_code_is_not_read(cache, data_copy, monkeypatch):
    misspell(data_copy)
    commands.validate(data_copy)
    text = "ร่างเเนวปฏิบัติ"
    kept = Memory.open("proofread", [])
    kept.put(text, [])
    kept.save()
    assert Memory.open("proofread", []).get(text) == []
    monkeypatch.setattr(memory_module, "code_digest", lambda: "another program")
    assert Memory.open("proofread", []).get(text) is None


def test_the_manifest_input_hash_covers_the_code(monkeypatch, tmp_path):
    part = packets.parts(commands.validate(DATA, with_results=False))[0]
    before = packets.input_hash(part, commands.default_templates(), "arabic")
    monkeypatch.setattr(packets, "code_digest", lambda: "another program")
    assert packets.input_hash(part, commands.default_templates(), "arabic") != before


def test_a_rebuild_by_changed_code_renders_again_and_says_so(cache, tmp_path, monkeypatch):
    commands.build(DATA, tmp_path / "out")
    monkeypatch.setattr(packets, "code_digest", lambda: "another program")
    again = commands.build(DATA, tmp_path / "out")
    assert sorted(again.rendered) == sorted(p.relative_to(tmp_path / "out").as_posix()
                                            for p in (tmp_path / "out").rglob("*.docx"))
    assert "ไม่มีไฟล์เปลี่ยน" not in again.report[1] and "โปรแกรม" in again.report[1]


def test_parallel_workers_keep_each_others_entries(cache):
    first, second = Memory.open("proofread", ["x"]), Memory.open("proofread", ["x"])
    first.put("ข้อความหนึ่ง", [])
    second.put("ข้อความสอง", [])
    first.save()
    second.save()
    merged = Memory.open("proofread", ["x"])
    assert merged.get("ข้อความหนึ่ง") == [] and merged.get("ข้อความสอง") == []


def test_workers_in_processes_all_land_their_entries(cache):
    code = ("import sys\nfrom generator.text.memory import Memory\nm = Memory.open('proofread', ['y'])\n"
            "for i in range(200):\n    m.put(f'{sys.argv[1]}-{i}', [])\nm.save()\n")
    runs = [subprocess.Popen([sys.executable, "-c", code, str(n)]) for n in range(4)]
    assert all(run.wait(60) == 0 for run in runs)
    kept = Memory.open("proofread", ["y"])
    assert all(kept.get(f"{n}-{i}") == [] for n in range(4) for i in range(200))


def test_the_cache_folder_is_private_and_a_stranger_folder_is_not_used(cache, data_copy):
    commands.validate(data_copy)
    assert cache.stat().st_mode & 0o077 == 0
    for path in cache.glob("*.sqlite"):
        assert path.stat().st_mode & 0o077 == 0
    cache.chmod(0o777)
    commands.validate(data_copy)
    assert cache.stat().st_mode & 0o777 == 0o700
    if os.getuid() == 0:   # -- root can hand the folder to another user, as a shared machine has --
        os.chown(cache, 65534, 65534)
        assert Memory.open("proofread", []).path is None


def test_values_that_passed_their_schema_pass_again_without_a_validator(cache, data_copy, monkeypatch):
    from generator.data import validation

    commands.validate(data_copy)
    assert len(list((cache.parent / "schema").glob("*.sqlite"))) == 1
    checked = []
    real = validation._checked
    monkeypatch.setattr(validation, "_checked", lambda loaded, schema: checked.append(loaded.file)
                        or real(loaded, schema))
    commands.validate(data_copy)
    assert checked == []
    path = data_copy / "indicators" / "03.yaml"
    path.write_text(path.read_text("utf-8").replace("weight: 15", "weight: สิบห้า", 1), encoding="utf-8")
    with pytest.raises(Exception, match="weight"):   # -- changed values are checked, and a failure not kept --
        commands.validate(data_copy)
    with pytest.raises(Exception, match="weight"):
        commands.validate(data_copy)
    assert checked == ["indicators/03.yaml", "indicators/03.yaml"]


def test_a_memory_recorded_for_another_key_is_made_again_empty(cache):
    kept = Memory.open("proofread", ["z"])
    kept.put("ข้อความ", [])
    kept.save()
    with sqlite3.connect(kept.path) as db:
        db.execute("UPDATE about SET key = '[\"another key\"]'")
    db.close()
    again = Memory.open("proofread", ["z"])
    assert again.get("ข้อความ") is None and again.path == kept.path and stored(kept.path) == []
