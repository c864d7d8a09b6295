"""Next fiscal year's data from this year's: shift the tables, clear the dates, and
list what a person must review. Comments and layout are kept (round-trip YAML).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.data import roundtrip
from generator.data.results import round_file
from generator.errors import GeneratorError
from generator.i18n import _
from generator.text.numbers import ranges

# "แผนฯ 12 (ปี 60-64)", "พ.ศ. 2561 – 2580", "2560-2564": a span of years that ends
SPAN = re.compile(r"(?<!\d)(\d{2}|25\d{2})\s*[-–]\s*(\d{2}|25\d{2})(?!\d)")
DATA_FILES = ("agreement.yaml", "staff.yaml", "linkage.yaml")
WORDS = "words.txt"  # the accepted-words list travels with the data


def be_year(text: str) -> int:
    """Return a BE year written with two or four digits.

    >>> be_year("64"), be_year("2580")
    (2564, 2580)
    """
    year = int(text)
    return year + 2500 if year < 100 else year


def roll(source: Path, to_year: int) -> tuple[dict[str, bytes], list[str]]:
    """Return the files of the next year's data folder and the review checklist."""
    agreement = roundtrip.load(source / "agreement.yaml")
    from_year = int(agreement["fiscal_year"])
    if to_year != from_year + 1:
        raise GeneratorError(_("rollover goes one year at a time: {from_year} to {next_year}, not {to_year}").format(
                from_year=from_year, next_year=from_year + 1, to_year=to_year))
    agreement["fiscal_year"] = to_year
    agreement["signing_date"] = None
    files = {"agreement.yaml": roundtrip.dumps(agreement)}
    for name in DATA_FILES[1:]:
        files[name] = (source / name).read_text(encoding="utf-8")
    if (source / WORDS).is_file():
        files[WORDS] = (source / WORDS).read_text(encoding="utf-8")
    checklist = _people(agreement) + _old_plans(roundtrip.load(source / "linkage.yaml"), to_year)
    year_end, checked = _year_end(source, from_year)
    checklist += checked
    missing, copied = [], []
    for path in sorted((source / "indicators").glob("*.yaml")):
        indicator = roundtrip.load(path)
        number = indicator["number"]
        if not _shift(indicator, year_end.get(number)):
            missing.append(number)
        if indicator.get("roadmap"):
            copied.append(number)
        files[f"indicators/{path.name}"] = roundtrip.dumps(indicator)
        checklist += _old_year_mentions(indicator, from_year, f"indicators/{path.name}")
    checklist += _table_notes(missing, copied, from_year, to_year)
    return {name: text.encode("utf-8") for name, text in files.items()}, checklist


def _year_end(source: Path, from_year: int) -> tuple[dict[int, str], list[str]]:
    """Return each indicator's 12-month result (results/12.yaml) and what to check about it."""
    path = source / round_file(12)
    if not path.is_file():
        return {}, []
    data = roundtrip.load(path)
    if data.get("example") is True:
        return {}, [_("{round_file} holds example results (example: true): not taken as the {from_year} "
                      "baseline; fill the last baseline value with the real result when known").format(
                              round_file=round_file(12), from_year=from_year)]
    found = {int(e["number"]): str(e["result"]) for e in data["indicators"] if e.get("result")}
    notes = [_("the {from_year} baseline comes from the 12-month results ({round_file})").format(
            from_year=from_year, round_file=round_file(12))]
    if data.get("note"):
        notes.append(_("{round_file} notes \"{data}\": check it before it becomes the baseline").format(
                round_file=round_file(12), data=data['note']))
    return found, notes


def _shift(indicator, result: str | None) -> bool:
    """Shift baseline and roadmap by one year; return whether the year's result was known."""
    baseline = indicator["baseline"]
    del baseline[0]
    baseline.append(roundtrip.quoted(result if result else "-"))
    roadmap = indicator.get("roadmap")
    if roadmap:
        del roadmap[0]
        roadmap.append(roundtrip.quoted(str(roadmap[-1])))
    return bool(result)


def _people(agreement) -> list[str]:
    receiver, maker = agreement["receiver"], agreement["maker"]
    return [_("is the maker (unit director) still {maker}, {maker2}?").format(
            maker=maker['name'], maker2=maker['position']),
            _("is the receiver (signer) still {receiver}, {receiver2}?").format(
                    receiver=receiver['name'], receiver2=receiver['position']),
            _("the signing date was cleared: the packet prints blank lines until signing_date is filled")]


def _old_plans(linkage, to_year: int) -> list[str]:
    notes = []
    for text in strings_in(linkage):
        for match in SPAN.finditer(text):
            end = be_year(match[2])
            if be_year(match[1]) < end < to_year:
                notes.append(_("linkage.yaml: \"{text}\" ends in {end}, before fiscal year {to_year}: is "
                               "there a new plan?").format(text=text, end=end, to_year=to_year))
    return notes


def _old_year_mentions(indicator, from_year: int, name: str) -> list[str]:
    found = sorted({text for text in strings_in(indicator) if str(from_year) in text})
    return [_("{name}: text still names {from_year}: \"{short}\"").format(
            name=name, from_year=from_year, short=_short(text)) for text in found]


def _table_notes(missing: list[int], copied: list[int], from_year: int, to_year: int) -> list[str]:
    notes = []
    if missing:
        notes.append(_("indicators {ranges}: no {from_year} result recorded ({round_file}); its baseline "
                       "cell is \"-\": fill the last baseline value when known").format(
                               ranges=ranges(missing), from_year=from_year, round_file=round_file(12)))
    if copied:
        notes.append(_("indicators {ranges}: the {last_year} roadmap target copies {year_before}'s: review it").format(
                ranges=ranges(copied), last_year=to_year + 4, year_before=to_year + 3))
    notes.append(_("criteria, steps and weights come from {from_year}: review them for {to_year}").format(
            from_year=from_year, to_year=to_year))
    return notes


def strings_in(value):
    """Yield every string in `value`, a loaded YAML document, depth first."""
    if isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, str):
        yield str(value)


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
