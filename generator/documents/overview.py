"""The ministry overview of a batch: every unit, its indicators, signing date and failed checks.

One Word document in the packet's typography (landscape): a table of the units (total
weight, signing date, state), then each unit's indicators by group. The same rows go
to CSV, in Thai whatever language the screen uses, which is what the secretariat's head
reads before the signing round.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.data.model import Agreement
from generator.documents.render import render
from generator.text import thai

TEMPLATE = "overview.docx"
DOCX_NAME = "overview.docx"
CSV_NAME = "overview.csv"
SHOWN_LINES = 12   # of a failed unit's messages in the Word document; the CSV has them all
CSV_FIELDS = ("fiscal_year", "unit_code", "unit_name", "data_dir", "status", "signing_date",
              "total_weight", "indicator", "title", "group", "weight", "problems")


@dataclass(frozen=True)
class UnitResult:
    """What became of one unit: where it went, its messages, and the facts the overview lists."""

    data_dir: Path
    ok: bool
    out_dir: Path | None = None
    messages: tuple[str, ...] = ()
    summary: dict = field(default_factory=dict)
    written: int = 0
    seconds: float = 0.0


def summary(agreement: Agreement) -> dict:
    """Return what the ministry overview shows of one unit."""
    groups = {g.key: g.name for g in agreement.groups}
    return {"name": agreement.unit.name, "code": agreement.unit.code,
            "fiscal_year": agreement.fiscal_year,
            "signing_date": thai.plain_date(agreement.signing_date) if agreement.signing_date else None,
            "groups": [{"name": g.name, "weight": g.weight,
                        "numbers": [i.number for i in agreement.group_indicators(g.key)]}
                       for g in agreement.groups],
            "indicators": [{"number": i.number, "title": i.title, "group": groups[i.group],
                            "weight": i.weight} for i in agreement.indicators],
            "total_weight": sum(i.weight for i in agreement.indicators),
            "warnings": len(agreement.warnings)}


def status(result: UnitResult) -> str:
    """Return a unit's state in the clerk's words.

    >>> status(UnitResult(Path("d"), True, summary={"signing_date": None}))
    'ยังไม่ลงนาม'
    >>> status(UnitResult(Path("d"), True, summary={"signing_date": "10 กุมภาพันธ์ 2564"}))
    'ลงนามวันที่ 10 กุมภาพันธ์ 2564'
    """
    if not result.ok:
        return f"ตรวจข้อมูลไม่ผ่าน {len(result.messages)} ข้อ"
    date = result.summary["signing_date"]
    return f"ลงนามวันที่ {date}" if date else "ยังไม่ลงนาม"


def state(result: UnitResult) -> str:
    """Return a unit's state in the clerk's words, without the date (it has its own column).

    >>> state(UnitResult(Path("d"), True, summary={"signing_date": "10 กุมภาพันธ์ 2564"}))
    'ลงนามแล้ว'
    """
    if not result.ok or not result.summary["signing_date"]:
        return status(result)
    return "ลงนามแล้ว"


def problem_lines(result: UnitResult) -> list[str]:
    """Return a failed unit's messages, one line each."""
    return [line.strip() for message in result.messages for line in message.splitlines()]


def unit_context(result: UnitResult) -> dict:
    """Return one unit as the overview template sees it; a failed unit is named by its folder."""
    facts, lines = result.summary, problem_lines(result)
    if len(lines) > SHOWN_LINES:
        rest = len(lines) - SHOWN_LINES
        lines = lines[:SHOWN_LINES] + [f"… และอีก {rest} บรรทัด (ดูทั้งหมดใน {CSV_NAME})"]
    indicators = facts.get("indicators", [])
    by_number = {i["number"]: i for i in indicators}
    groups = [{"name": g["name"], "weight": g["weight"], "indicators": [by_number[n] for n in g["numbers"]]}
              for g in facts.get("groups", [])]
    return {"name": facts.get("name", result.data_dir.as_posix()), "code": facts.get("code", ""),
            "fiscal_year": facts.get("fiscal_year", ""), "status": status(result),
            "state": state(result), "signed": facts.get("signing_date") or "-",
            "count": len(indicators) if result.ok else "-", "total_weight": facts.get("total_weight", "-"),
            "problems": lines, "indicators": indicators, "groups": groups}


def context(results: list[UnitResult]) -> dict:
    """Return the overview's context: the units in run order and the counts on its first line."""
    years = sorted({r.summary["fiscal_year"] for r in results if r.ok})
    signed = sum(1 for r in results if r.ok and r.summary["signing_date"])
    failed = sum(1 for r in results if not r.ok)
    return {"title": "ปีงบประมาณ พ.ศ. " + ", ".join(map(str, years)) if years else "",
            "units": [unit_context(r) for r in results], "signed": signed,
            "unsigned": len(results) - signed - failed, "failed": failed}


def csv_bytes(results: list[UnitResult]) -> bytes:
    """Return the overview as CSV, one row per indicator (UTF-8 with a BOM, so Excel reads Thai)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        unit = unit_context(result)
        base = {"fiscal_year": unit["fiscal_year"], "unit_code": unit["code"], "unit_name": unit["name"],
                "data_dir": result.data_dir.as_posix(), "status": "ok" if result.ok else "failed",
                "signing_date": result.summary.get("signing_date") or "",
                "total_weight": result.summary.get("total_weight", ""),
                "problems": " | ".join(problem_lines(result))}
        for ind in unit["indicators"] or [{}]:
            writer.writerow({**base, "indicator": ind.get("number", ""), "title": ind.get("title", ""),
                             "group": ind.get("group", ""), "weight": ind.get("weight", "")})
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def documents(results: list[UnitResult], templates: Path, digits: str = "arabic") -> dict[str, bytes]:
    """Return the overview's files by name: the Word document and the CSV."""
    title = "ภาพรวมคำรับรองการปฏิบัติราชการ"
    docx = render(templates / TEMPLATE, context(results), digits,
                  {"title": title, "date": datetime(2000, 1, 1)})
    return {DOCX_NAME: docx, CSV_NAME: csv_bytes(results)}
