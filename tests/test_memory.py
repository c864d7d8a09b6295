"""Proofreading and the print copy's line-break marks remember their results per text
between runs, so unchanged data needs no tokenizer, and the results are the same as made afresh."""

from __future__ import annotations

import pytest

from generator import commands
from generator.documents import linebreak, printing
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
    assert list((cache.parent / "typeset").glob("*.json"))
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
    assert len(list(cache.glob("*.json"))) == 1
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
    assert len(list(cache.glob("*.json"))) == 2


def test_a_broken_or_unwritable_memory_is_not_used(cache, data_copy, monkeypatch):
    misspell(data_copy)
    commands.validate(data_copy)
    (memory,) = cache.glob("*.json")
    memory.write_text("{not json", encoding="utf-8")
    assert any(p.found == "ประสิทธิภาภ" for p in commands.validate(data_copy).warnings)
    memory.unlink()
    cache.rmdir()
    cache.write_text("a file where the folder should be", encoding="utf-8")   # even root cannot write
    assert any(p.found == "ประสิทธิภาภ" for p in commands.validate(data_copy).warnings)


def test_no_cache_setting_keeps_nothing(cache, data_copy, monkeypatch):
    monkeypatch.setenv("AGREEMENT_NO_CACHE", "1")
    commands.validate(data_copy)
    assert not cache.exists()
    assert Memory.open("proofread").path is None
