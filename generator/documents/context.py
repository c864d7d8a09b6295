"""The checked model → plain dicts that templates see; every derived value is made here.

Years are never typed in the data: the period, the baseline years (five fiscal
years before this one) and the roadmap years (this one and four more) come from
the fiscal year.
"""

from __future__ import annotations

from generator.data.model import Agreement, Indicator, Person
from generator.documents import rows
from generator.text import thai


def baseline_years(fiscal_year: int) -> list[int]:
    """Return the five BE fiscal years before `fiscal_year`, oldest first.

    >>> baseline_years(2564)
    [2559, 2560, 2561, 2562, 2563]
    """
    return list(range(fiscal_year - 5, fiscal_year))


def roadmap_years(fiscal_year: int) -> list[int]:
    """Return `fiscal_year` and the four BE fiscal years after it.

    >>> roadmap_years(2564)
    [2564, 2565, 2566, 2567, 2568]
    """
    return list(range(fiscal_year, fiscal_year + 5))


def common(a: Agreement) -> dict:
    """Return the fields every template may use."""
    return {
        "fiscal_year": a.fiscal_year,
        "unit": vars(a.unit),
        "receiver": person(a.receiver),
        "maker": person(a.maker),
    }


def person(p: Person) -> dict:
    """Return a party; `full_position` (clause 5) falls back to the signature's position."""
    return {**vars(p), "full_position": p.full_position or p.position}


def optional_text(text: str | None) -> str | None:
    """Return `text`, or None when it holds no content ("-" or blank): its heading is left out.

    >>> optional_text(" - "), optional_text(""), optional_text("ลดขั้นตอน")
    (None, None, 'ลดขั้นตอน')
    """
    return None if text is None or text.strip() in ("", "-") else text


def indicator(ind: Indicator) -> dict:
    """Return one indicator as template fields; last year's result is the newest baseline."""
    fields = {k: v for k, v in vars(ind).items() if k not in ("criteria", "source")}
    fields["criteria"] = vars(ind.criteria)
    fields["public_benefit"] = optional_text(ind.public_benefit)
    fields["office_benefit"] = optional_text(ind.office_benefit)
    fields["last_year_result"] = ind.baseline[-1]
    return fields


def front(a: Agreement) -> dict:
    """Return the context of the front: cover, agreement, linkage table, summary form."""
    start, end = thai.fiscal_period(a.fiscal_year)
    groups = [{"name": g.name, "weight": g.weight,
               "indicators": [indicator(i) for i in a.group_indicators(g.key)],
               "rows": [row for i in a.group_indicators(g.key) for row in summary_rows(i)]}
              for g in a.groups]
    link = a.linkage
    return {
        **common(a),
        "period_start": thai.plain_date(start),
        "period_end": thai.plain_date(end),
        "signing_date": thai.signature_date(a.signing_date),
        "linkage": {
            "national_strategy": link.national_strategy,
            "plans": [{"heading": p.heading, "lines": p.items} for p in link.plans],
            "office_strategies": [vars(s) for s in link.office_strategies],
            "ministry_indicators": link.ministry_indicators,
            "department_indicators": link.department_indicators,
        },
        "groups": groups,
        "total_weight": sum(i.weight for i in a.indicators),
        "last_year_short": str(a.fiscal_year - 1)[-2:],
    }


def summary_rows(ind: Indicator) -> list[dict]:
    """Return the summary form's rows of `ind`: one, or more when it is taller than a page.

    Each cell is a list of paragraphs; a row that continues one before it repeats the
    indicator's number and title, marked "(ต่อ)".
    """
    c = ind.criteria
    cells = {"title": [f"{ind.number}. {ind.title}"], "linkage": [f"- {item}" for item in ind.linkage],
             "benefit": [optional_text(ind.public_benefit) or "-"], "weight": [str(ind.weight)],
             "last_year": [ind.baseline[-1]], "basic": [c.basic], "standard": [c.standard],
             "advanced": [c.advanced]}
    return rows.fit(cells, rows.SUMMARY_FORM)


def sheet(a: Agreement, ind: Indicator) -> dict:
    """Return the context of indicator `ind`'s sheet."""
    group = next(g for g in a.groups if g.key == ind.group)
    staff = [a.staff[key] for key in ind.responsible]
    return {
        **common(a),
        "group": {"name": group.name, "weight": group.weight},
        "ind": indicator(ind),
        "baseline_years": baseline_years(a.fiscal_year),
        "roadmap_years": roadmap_years(a.fiscal_year),
        "staff": [{"name": s.name, "phone": s.phone_text} for s in staff],
    }
