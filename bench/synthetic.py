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


def make_unit(target: Path, number: int, indicators: int = 11) -> Path:
    """Write a copy of the FY 2564 data as unit `number` with `indicators` indicators."""
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
    return target


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
