"""Where each value of a template context comes from: a YAML file and field, or a rule.

`context` builds what templates see; this module says, for each value it holds, which
field of the data folder a clerk would edit to change it. A value that a rule derives
(a year, a Thai date, a total, a phone with its extension) names its rule instead:
an edit of it cannot be written back into one field.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.model import Agreement, Indicator
from generator.documents import context

AGREEMENT, STAFF, LINKAGE = "agreement.yaml", "staff.yaml", "linkage.yaml"

# -- the rules that derive a value, by code; `why` in the commands says them in Thai --
YEAR, DATE, TOTAL, NUMBER, PHONE, UNKNOWN = "year", "date", "total", "number", "phone", "unknown"
SHEET = "sheet"   # the summary form joins or cuts the value: its indicator's sheet shows it whole


@dataclass(frozen=True)
class Origin:
    """A context value's source: `file` and `path` in the data folder, or the `rule` deriving it."""

    file: str | None = None   # relative to the data folder, e.g. "indicators/05.yaml"
    path: tuple = ()          # keys and 0-based list indexes, e.g. ("criteria", "basic")
    rule: str = ""            # set when the value is derived

    @property
    def writable(self) -> bool:
        return self.file is not None


def origin(a: Agreement, path: tuple, ind: Indicator | None = None) -> Origin:
    """Return where the value at context `path` comes from; `ind` is the sheet's indicator.

    >>> from generator.data.model import Person
    >>> from types import SimpleNamespace as NS
    >>> a = NS(maker=Person("นายก", "ผู้อำนวยการ"), groups=[NS(key="performance")])
    >>> origin(a, ("maker", "full_position"))
    Origin(file='agreement.yaml', path=('maker', 'position'), rule='')
    >>> origin(a, ("groups", 0, "weight")).path, origin(a, ("period_start",)).rule
    (('groups', 'performance', 'weight'), 'date')
    """
    match path:
        case ("fiscal_year",) | ("baseline_years", _) | ("roadmap_years", _) | ("last_year_short",):
            return Origin(rule=YEAR)
        case ("period_start",) | ("period_end",) | ("signing_date",):
            return Origin(rule=DATE)
        case ("total_weight",):
            return Origin(rule=TOTAL)
        case ("unit", key):
            return Origin(AGREEMENT, ("unit", key))
        case (("receiver" | "maker") as who, "full_position"):
            own = getattr(a, who).full_position
            return Origin(AGREEMENT, (who, "full_position" if own else "position"))
        case (("receiver" | "maker") as who, key):
            return Origin(AGREEMENT, (who, key))
        case ("linkage", "plans", i, "lines", j):
            return Origin(LINKAGE, ("plans", i, "items", j))
        case ("linkage", *rest):
            return Origin(LINKAGE, tuple(rest))
        case ("groups", i, "rows", k, cell, _):
            return _summary_cell(a, i, k, cell)
        case ("groups", i, "indicators", j, *rest):
            return _indicator(a.group_indicators(a.groups[i].key)[j], tuple(rest))
        case ("groups", i, key):
            return Origin(AGREEMENT, ("groups", a.groups[i].key, key))
        case ("group", key) if ind is not None:
            return Origin(AGREEMENT, ("groups", ind.group, key))
        case ("ind", *rest) if ind is not None:
            return _indicator(ind, tuple(rest))
        case ("staff", i, "name") if ind is not None:
            return Origin(STAFF, ("staff", ind.responsible[i], "name"))
        case ("staff", _, "phone"):
            return Origin(rule=PHONE)
    return Origin(rule=UNKNOWN)


def _summary_cell(a: Agreement, group: int, row: int, cell: str) -> Origin:
    """Return the source of a summary form cell: its indicator's field where the cell shows
    that field alone and whole; else the sheet, where it stands alone (a title after its
    number, a linkage item after its dash, a weight, a row cut across pages)."""
    for ind in a.group_indicators(a.groups[group].key):
        count = len(context.summary_rows(ind))
        if row >= count:
            row -= count
            continue
        if count > 1:
            return Origin(rule=SHEET)
        match cell:
            case "basic" | "standard" | "advanced":
                return Origin(ind.source, ("criteria", cell))
            case "last_year":
                return Origin(ind.source, ("baseline", len(ind.baseline) - 1))
            case "benefit" if context.optional_text(ind.public_benefit):
                return Origin(ind.source, ("public_benefit",))
        return Origin(rule=SHEET)
    return Origin(rule=UNKNOWN)


def _indicator(ind: Indicator, rest: tuple) -> Origin:
    """Return the source of an indicator's field; last year's result is its newest baseline."""
    match rest:
        case ("number",):
            return Origin(rule=NUMBER)
        case ("last_year_result",):
            return Origin(ind.source, ("baseline", len(ind.baseline) - 1))
    return Origin(ind.source, rest)
