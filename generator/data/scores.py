"""The scoring rules of a progress report: points from levels, weights, subtotals, the total.

Points follow the agreed levels: below basic 0, basic (ขั้นต้น) 50, standard (มาตรฐาน) 75,
advanced (ขั้นสูง) 100. Where the three criteria are numbers in one unit and the result is a
number in that unit, the points run linearly between the levels instead. A weighted score
is points × weight ÷ 100, so the total of a unit is out of 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

POINTS = {"below_basic": 0, "basic": 50, "standard": 75, "advanced": 100}
LEVEL_NAMES = {"below_basic": ("ต่ำกว่าขั้นต้น", "below basic"), "basic": ("ขั้นต้น", "basic"),
               "standard": ("มาตรฐาน", "standard"), "advanced": ("ขั้นสูง", "advanced")}
_AMOUNT = re.compile(r"^(ร้อยละ\s*)?(\d+(?:\.\d+)?)\s*([^\d\s]*)$")


def amount(text: str | None) -> tuple[float, str] | None:
    """Return the number and unit of a text that is only an amount, else None.

    >>> amount("8 โครงการ/กิจกรรม"), amount("ร้อยละ 80"), amount("9"), amount("ไม่น้อยกว่าร้อยละ 80")
    ((8.0, 'โครงการ/กิจกรรม'), (80.0, 'ร้อยละ'), (9.0, ''), None)
    >>> amount("9" * 400 + " แห่ง") is None
    True
    """
    match = _AMOUNT.match((text or "").strip())
    if not match or len(match[2]) > 15:   # -- more digits than a float holds: not a number to score by --
        return None
    return float(match[2]), "ร้อยละ" if match[1] else match[3]


def interpolated(value: float, basic: float, standard: float, advanced: float) -> float:
    """Return the points of `value` between the criteria's numbers (0 below basic, at most 100).

    Indicator 4 of FY 2564 asks 6, 8 and 10 projects: 9 projects lie half way from
    standard (75) to advanced (100).

    >>> interpolated(9, 6, 8, 10), interpolated(7, 6, 8, 10), interpolated(5, 6, 8, 10)
    (87.5, 62.5, 0.0)
    >>> interpolated(12, 6, 8, 10)
    100.0
    """
    if value < basic:
        return 0.0
    for low, high, start in ((basic, standard, 50), (standard, advanced, 75)):
        if value < high:
            return start + 25 * (value - low) / (high - low)
    return 100.0


def level_of(points: float) -> str:
    """Return the highest level whose points `points` reaches.

    >>> level_of(87.5), level_of(50), level_of(49.9)
    ('standard', 'basic', 'below_basic')
    """
    return max((p, level) for level, p in POINTS.items() if points >= p)[1]


@dataclass(frozen=True)
class Score:
    """One indicator's score in a round."""

    number: int
    weight: int
    points: float
    level: str
    interpolated: bool   # points read between the levels from the numbers

    @property
    def weighted(self) -> float:
        """Return points × weight ÷ 100, the share of the unit's 100.

        >>> Score(4, 15, 87.5, "standard", True).weighted
        13.125
        """
        return self.points * self.weight / 100


def score(number: int, weight: int, criteria: tuple[str, str, str], result: str | None,
          level: str | None) -> Score | None:
    """Return the score from the numbers when criteria and result are amounts in one unit,
    else from the stated level; None when neither tells.

    >>> score(4, 15, ("6 โครงการ/กิจกรรม", "8 โครงการ/กิจกรรม", "10 โครงการ/กิจกรรม"), "9 โครงการ/กิจกรรม", None)
    Score(number=4, weight=15, points=87.5, level='standard', interpolated=True)
    >>> score(5, 10, ("ยื่นคำขอเป็นกระดาษ", "ยื่นทางอีเมล", "ยื่นออนไลน์"), "ยื่นทางอีเมล", "standard")
    Score(number=5, weight=10, points=75, level='standard', interpolated=False)
    """
    amounts = [amount(text) for text in (*criteria, result)]
    if all(amounts) and len({unit for _, unit in amounts}) == 1 \
            and amounts[0][0] < amounts[1][0] < amounts[2][0]:
        points = interpolated(amounts[3][0], *(a[0] for a in amounts[:3]))
        return Score(number, weight, points, level_of(points), True)
    if level is None:
        return None
    return Score(number, weight, POINTS[level], level, False)


def two(value: float) -> str:
    """Return points with two decimals, halves rounded up as a clerk rounds by hand.

    >>> two(13.125), two(73.125), two(75)
    ('13.13', '73.13', '75.00')
    """
    return f"{value + 1e-9:.2f}"


def total(scores: list[Score]) -> float:
    """Return the sum of the weighted scores, out of 100.

    >>> total([Score(1, 60, 75, "standard", False), Score(2, 40, 50, "basic", False)])
    65.0
    """
    return sum(s.weighted for s in scores)
