"""Synthetic data folders made from the FY 2564 data: other unit names, any number of indicators."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.data import roundtrip

DATA = Path(__file__).resolve().parent.parent / "data" / "2564"


def split(total: int, count: int) -> list[int]:
    """Return `count` whole weights that add up to `total`, as even as they can be.

    >>> split(40, 30)
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """
    return [total // count + (1 if i < total % count else 0) for i in range(count)]


def make_unit(target: Path, number: int, indicators: int = 11, own_wording: bool = False) -> Path:
    """Write a copy of the FY 2564 data as unit `number` with `indicators` indicators.

    With `own_wording`, every text the unit prints (titles, descriptions, criteria, steps,
    linkage, baseline cells …) ends with the unit's own words, so no two units share a
    text and nothing one unit's build remembers serves another; people, codes and
    numbers stay as they are.
    """
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("results"))   # no progress rounds
    agreement = roundtrip.load(target / "agreement.yaml")
    agreement["unit"]["code"] = f"unit-{number:03d}"
    agreement["unit"]["name"] = f"{agreement['unit']['name']} หน่วยที่ {number}"
    groups = _groups(indicators)
    for key in list(agreement["groups"]):
        if key in groups:
            agreement["groups"][key]["weight"] = sum(groups[key])
        else:
            del agreement["groups"][key]
    (target / "agreement.yaml").write_text(roundtrip.dumps(agreement), encoding="utf-8")
    _indicators(target / "indicators", groups)
    if own_wording:
        for path in [target / "linkage.yaml", target / "agreement.yaml", *sorted(target.glob("indicators/*.yaml"))]:
            data = roundtrip.load(path)
            _reword(data, f" สำหรับหน่วยที่ {number}")
            path.write_text(roundtrip.dumps(data), encoding="utf-8")
    return target


# -- fields that name people, keys, codes or numbers, or hold a date: left as they are --
FIXED = {"code", "name", "short_name", "office", "position", "full_position", "signing_date", "fiscal_year",
         "number", "group", "weight", "responsible", "phone", "ext"}


def _reword(value, words: str) -> None:
    """Append `words` to every text inside `value` (a YAML mapping or list) but the FIXED fields.

    >>> data = {"title": "ระดับความสำเร็จ", "weight": 15, "steps": ["อนุมัติโครงการ"], "name": "นายก"}
    >>> _reword(data, " ของหน่วยที่ 7"); data
    {'title': 'ระดับความสำเร็จ ของหน่วยที่ 7', 'weight': 15, 'steps': ['อนุมัติโครงการ ของหน่วยที่ 7'], 'name': 'นายก'}
    """
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in list(items):
        if isinstance(item, str) and key not in FIXED and item.strip() not in ("", "-"):
            value[key] = type(item)(item + words)   # -- ruamel's folded or quoted text stays so --
        elif isinstance(item, (dict, list)) and key not in FIXED:
            _reword(item, words)


def _groups(count: int) -> dict[str, list[int]]:
    """Return each group's indicator weights: 60/40 as in the seed, one group for one indicator."""
    if count == 1:
        return {"performance": [100]}
    first = max(1, min(count - 1, round(count * 0.6)))
    return {"performance": split(60, first), "potential": split(40, count - first)}


def _indicators(folder: Path, groups: dict[str, list[int]]) -> None:
    """Replace the indicator files with copies of the seed's, numbered and weighted anew."""
    sources = sorted(folder.glob("*.yaml"))
    texts = [p.read_text("utf-8") for p in sources]
    for p in sources:
        p.unlink()
    number = 0
    for group, weights in groups.items():
        for weight in weights:
            number += 1
            text = texts[(number - 1) % len(texts)]
            text = re.sub(r"(?m)^number: \d+$", f"number: {number}", text)
            text = re.sub(r"(?m)^group: \w+$", f"group: {group}", text)
            text = re.sub(r"(?m)^weight: \d+$", f"weight: {weight}", text)
            (folder / f"{number:02d}.yaml").write_text(text, encoding="utf-8")
