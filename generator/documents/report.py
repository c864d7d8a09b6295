"""The progress report of one round: the summary table, the chart of points, one section per
indicator, and the reporter's signature.

Numbers are shown as a clerk checks them by hand: points and weighted points with two
decimals, subtotals per group and the total out of 100.
"""

from __future__ import annotations

from generator.data import scores
from generator.data.model import Agreement
from generator.data.results import Reporter, Round
from generator.data.scores import two
from generator.documents import context, rows
from generator.text import thai

TEMPLATE = "report.docx"
BAR_CELLS = 20            # the chart draws 5 points a cell
BAR_ON, BAR_OFF, BAR_TARGET = "2F5597", "FFFFFF", "D9D9D9"
DOTS = "." * 50   # -- as long as the agreement page's signature line --


def report_name(number: int) -> str:
    """Return the output path of round `number`'s report.

    >>> report_name(6)
    'reports/report-06.docx'
    """
    return f"reports/report-{int(number):02d}.docx"


def bar(points: float | None) -> list[str]:
    """Return the colours of the chart's cells: filled up to `points`, targets marked grey.

    >>> bar(60)[:12] == [BAR_ON] * 12, bar(None)[9], bar(None)[14], bar(None)[19]
    (True, 'D9D9D9', 'D9D9D9', 'D9D9D9')
    """
    targets = {9, 14, 19}   # the cells that end at 50, 75 and 100 points
    filled = round((points or 0) / (100 / BAR_CELLS))
    return [BAR_ON if i < filled else (BAR_TARGET if i in targets else BAR_OFF) for i in range(BAR_CELLS)]


def row(ind, rnd: Round) -> dict:
    """Return one indicator's row: targets, result, level, points, weighted points."""
    found, result = rnd.scores.get(ind.number), rnd.results.get(ind.number)
    level = scores.LEVEL_NAMES[found.level][0] if found else "-"   # the form is Thai whatever the screen shows
    return {**context.indicator(ind), "result": (result.result if result else None) or "-",
            "level": level + (" *" if found and found.interpolated else ""),
            "points": two(found.points) if found else "-", "weighted": two(found.weighted) if found else "-",
            "bar": bar(found.points if found else None),
            "evidence": list(result.evidence) if result else [],
            "obstacles": list(result.obstacles) if result else [],
            "next_steps": list(result.next_steps) if result else []}


def table_rows(r: dict) -> list[dict]:
    """Return the summary table's rows of one indicator's row `r`: one, or more when it is
    taller than a page (each cell a list of paragraphs, see `rows.fit`)."""
    cells = {"title": [f"{r['number']}. {r['title']}"], "weight": [str(r["weight"])],
             **{key: [r["criteria"][key]] for key in ("basic", "standard", "advanced")},
             **{key: [r[key]] for key in ("result", "level", "points", "weighted")}}
    return rows.fit(cells, rows.REPORT_FORM)


def signature(reporter: Reporter) -> dict:
    """Return the reporter's signature block; what the results file leaves out is dotted.

    >>> signature(Reporter(name="นางสาววิมล ลุมพิกานนท์"))["name"]
    '(นางสาววิมล ลุมพิกานนท์)'
    >>> signature(Reporter())["position"]
    'ตำแหน่ง ..................................................'
    """
    return {"line": DOTS, "name": f"({reporter.name or DOTS})",
            "position": reporter.position or f"ตำแหน่ง {DOTS}",
            "date": thai.signature_date(reporter.date)}


def report(a: Agreement, rnd: Round) -> dict:
    """Return the report's context: groups of rows with subtotals, the total, the note, the signature."""
    groups = []
    for g in a.groups:
        members = [row(i, rnd) for i in a.group_indicators(g.key)]
        subtotal = scores.total([rnd.scores[i.number] for i in a.group_indicators(g.key)
                                 if rnd.scores.get(i.number)])
        groups.append({"name": g.name, "weight": g.weight, "subtotal": two(subtotal), "rows": members,
                       "table": [piece for r in members for piece in table_rows(r)]})
    found = [s for s in rnd.scores.values() if s]
    return {**context.common(a), "round": rnd.number, "note": rnd.note or "",
            "groups": groups, "total": two(scores.total(found)),
            "interpolated": any(s.interpolated for s in found), "reporter": signature(rnd.reporter)}
