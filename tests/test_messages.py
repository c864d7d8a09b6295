"""Every message a user can see has its Thai translation, and the catalogues are what runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import i18n
from generator.errors import MESSAGES, Problem
from generator.i18n import _, in_language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402  (tools/messages.py)


@pytest.fixture(scope="module")
def gathered() -> dict:
    return messages.all_messages()


def test_every_message_has_a_thai_translation(gathered):
    assert messages.untranslated("th", gathered) == []


def test_messages_come_from_the_code_the_help_and_click(gathered):
    ids = {m if isinstance(m, str) else m[0] for m in gathered}
    assert "the whole packet: {packet_file}" in ids             # _() in the package
    assert any(i.startswith("Check DATA_DIR, then write") for i in ids)   # a command's help
    assert "No such option {name!r}." in ids                     # click's own
    assert set(MESSAGES.values()) <= ids                        # N_() tables


def test_a_message_without_translation_is_found(gathered, tmp_path, monkeypatch):
    catalogue = tmp_path / "th" / "LC_MESSAGES" / "agreement.po"
    catalogue.parent.mkdir(parents=True)
    text = messages.catalogue_path("th").read_text("utf-8")
    catalogue.write_text(text.replace('msgstr "เอกสารทั้งเล่ม: {packet_file}"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    assert messages.untranslated("th", gathered) == ["the whole packet: {packet_file}"]


def test_thai_is_the_default_and_english_the_source():
    with in_language("th"):
        assert _("the whole packet: {packet_file}") == "เอกสารทั้งเล่ม: {packet_file}"
        assert str(Problem("missing", "a.yaml", 3, 1, "unit", params={"key": "code"})) == \
            "a.yaml:3:1: ข้อผิดพลาด: ช่อง unit: ขาดช่อง code ที่ต้องมี"
    with in_language("en"):
        assert _("the whole packet: {packet_file}") == "the whole packet: {packet_file}"


def test_a_stale_compiled_catalogue_is_not_used(tmp_path, monkeypatch):
    # -- a source checkout whose .po changed after install reads the .po, not the old .mo --
    folder = tmp_path / "th" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "agreement.po"
    po.write_text(messages.catalogue_path("th").read_text("utf-8").replace(
        'msgstr "เอกสารทั้งเล่ม: {packet_file}"', 'msgstr "ทั้งเล่ม: {packet_file}"'), encoding="utf-8")
    compiled = folder / "agreement.mo"
    compiled.write_bytes((i18n.LOCALE_DIR / "th" / "LC_MESSAGES" / "agreement.mo").read_bytes())
    os.utime(compiled, (1, 1))   # -- compiled long before the .po changed --
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with in_language("th"):
            assert _("the whole packet: {packet_file}") == "ทั้งเล่ม: {packet_file}"
    finally:
        i18n.catalogue.cache_clear()


def test_clicks_own_messages_follow_the_language():
    thai = subprocess.run([sys.executable, "-m", "generator", "build", "--digits", "roman"],
                          capture_output=True, text=True)
    english = subprocess.run([sys.executable, "-m", "generator", "--lang", "en", "build", "--digits", "roman"],
                             capture_output=True, text=True)
    assert "ข้อผิดพลาด: ค่าของ '--digits' ไม่ถูกต้อง" in thai.stderr and thai.returncode == 2
    assert "Error: Invalid value for '--digits'" in english.stderr and english.returncode == 2
