"""Thai dates, digits and words made without pythainlp's Python code stay what pythainlp makes."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

from generator.text import thai
from tests.conftest import DATA


def test_month_names_are_pythainlps():
    assert list(thai.thai_full_months) == list(thai_full_months)
    assert list(thai.thai_abbr_months) == list(thai_abbr_months)


def test_dates_are_written_as_pythainlp_writes_them():
    day = date(2019, 10, 1)
    for _ in range(0, 3 * 366, 7):
        assert thai.plain_date(day) == thai_strftime(day, "%-d %B %Y")
        assert thai.signature_date(day) == thai_strftime(day, "วันที่ %-d เดือน %B พ.ศ. %Y")
        day += timedelta(days=7)


def test_digits_are_pythainlps():
    typed = "02 628 5646 ต่อ 116, 1,234.50"
    assert thai.thai_digits(typed) == arabic_digit_to_thai_digit(typed)


# -- nlpo3 (Rust) stands in for pythainlp's newmm on runs of Thai letters: same words --

def _proofread_runs(texts):
    """Return the runs of Thai letters that proofreading cuts into words, as it makes them."""
    from generator.data import proofread

    return {run for text in texts
            for run in proofread.THAI_RUN.findall(thai.normalized(proofread.without_abbreviations(text)))}


def _data_texts() -> list[str]:
    import yaml

    def strings(value):
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return [value] if isinstance(value, str) else []
    return [s for path in sorted(DATA.rglob("*.yaml"))
            for s in strings(yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader))]


def _hostile_texts() -> list[str]:
    """The long runs of tests/test_hostile.py, and letters in any order (a fixed seed)."""
    rng = random.Random(21)
    letters = [chr(c) for c in range(0x0E01, 0x0E4F)]
    return ["เเนว" + "การดำเนินงาน" * 5_000 + "นํ้า", "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" * 1_360,
            "ก" + "่" * 60_000, "ก" + "าะ" * 30_000, "เเนว" + "การดำเนินงานตามแผนปฏิบัติราชการ" * 400 + "นํ้า"] \
        + ["".join(rng.choice(letters) for _ in range(rng.randint(2, 40))) for _ in range(2_000)]


@pytest.mark.parametrize("extra", [frozenset(), frozenset({"กยผ", "ตัวชี้วัด", "สป", "ออนไลน์", "กขฃคฅ"})])
def test_nlpo3_cuts_runs_of_thai_letters_as_pythainlps_newmm(extra):
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import dict_trie

    trie = dict_trie(thai.known_words() | extra)
    runs = sorted(_proofread_runs(_data_texts() + _hostile_texts()))
    assert len(runs) > 2_000 and all(thai.THAI_LETTERS_ONLY.fullmatch(run) for run in runs)
    differ = [run[:40] for run in runs if thai._run_words(run, extra)
              != word_tokenize(run, custom_dict=trie, engine="newmm", join_broken_num=False)]
    assert differ == []


def test_the_dictionary_is_pythainlps_word_list():
    from pythainlp.corpus import thai_words

    assert thai.known_words() == thai_words()


def test_accepted_words_reach_nlpo3_in_a_file_checked_before_each_use(tmp_path, monkeypatch):
    from generator.text import wordlists

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert thai.words("ระบบกยผออนไลน์", frozenset({"กยผ"})) == ["ระบบ", "กยผ", "ออนไลน์"]
    content = "\n".join(sorted(thai.known_words() | {"กยผ"})).encode()
    path = wordlists._word_list_file(content)
    assert path.parent == tmp_path / "thai-performance-agreement" / "words" and path.read_bytes() == content
    path.write_text("กยผ")   # -- changed behind the program's back: written again before use --
    assert wordlists._word_list_file(content).read_bytes() == content
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_vowel_and_tone_order_is_pythainlps_normalize():
    from pythainlp.util import normalize

    from generator.text.normalize import normalize as ours

    rng = random.Random(564)
    marks = [chr(c) for c in range(0x0E01, 0x0E5C)] + [" ", " ", "\n", "\u200b", "a"]
    texts = _data_texts() + ["".join(rng.choice(marks) for _ in range(rng.randint(1, 30))) for _ in range(5_000)]
    assert [ours(text) for text in texts] == [normalize(text) for text in texts]
