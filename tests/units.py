"""A second, different unit made from the FY 2564 data, for checks that must not fit one unit only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "2564"

# -- another unit of the same office: six indicators, other weights, a longer name, no
#    signing date yet; the maker is a person named in the seed --
AGREEMENT_EDITS = {
    r"code: bic": "code: plan-div",
    r"name: สำนักความสัมพันธ์ต่างประเทศ\n": "name: สำนักนโยบายและยุทธศาสตร์\n",
    r"short_name: สำนักความสัมพันธ์ต่างประเทศ สป\.": "short_name: สำนักนโยบายและยุทธศาสตร์ สป.",
    r"name: นายสมทรง งามวงษ์": "name: นางสาวสุปราณี ค่ายวง",
    r"position: ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ":
        "position: ผู้อำนวยการสำนักนโยบายและยุทธศาสตร์",
    r"(?m)^signing_date:.*$": "signing_date:",
}
WEIGHTS = {5: 30, 6: 10}   # the potential group keeps 40 with two indicators


def make_other_unit(target: Path) -> Path:
    """Copy the FY 2564 data to `target` as a different unit with six indicators."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("results"))   # no progress rounds
    path = target / "agreement.yaml"
    text = path.read_text("utf-8")
    for pattern, replacement in AGREEMENT_EDITS.items():
        text, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, pattern
    path.write_text(text, encoding="utf-8")
    for sheet in sorted((target / "indicators").glob("*.yaml")):
        number = int(sheet.stem)
        if number > 6:
            sheet.unlink()
        elif number in WEIGHTS:
            sheet.write_text(re.sub(r"(?m)^weight: \d+$", f"weight: {WEIGHTS[number]}",
                                    sheet.read_text("utf-8")), encoding="utf-8")
    return target
