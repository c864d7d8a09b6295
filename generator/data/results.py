"""A progress round's results: ``results/06.yaml``, ``09.yaml`` or ``12.yaml`` beside the agreement.

The signed agreement never changes during the year; what each indicator achieved after
6, 9 and 12 months lives in one file per round. Each is checked against the agreement
it reports on: indicator numbers that exist, one of the four levels, and a result for
every indicator (a warning after 6 and 9 months, an error after 12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.data import scores
from generator.data.loader import Loaded, load
from generator.data.model import Agreement, positioned
from generator.data.schema import RESULTS
from generator.data.validation import schema_problems
from generator.errors import DataError, Problem
from generator.i18n import _
from generator.text import thai

ROUNDS = (6, 9, 12)


def round_file(number: int) -> str:
    """Return the data-folder path of round `number`'s file.

    >>> round_file(6), round_file(12)
    ('results/06.yaml', 'results/12.yaml')
    """
    return f"results/{number:02d}.yaml"


def rounds_in(data_dir: Path) -> list[int]:
    """Return the rounds whose results file exists in `data_dir`."""
    return [n for n in ROUNDS if (data_dir / round_file(n)).is_file()]


@dataclass(frozen=True)
class Result:
    """What one indicator achieved by the end of a round, as reported."""

    number: int
    result: str | None = None
    level: str | None = None
    evidence: tuple[str, ...] = ()
    obstacles: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reporter:
    """Who signs a round's report; what is None prints as a dotted line."""

    name: str | None = None
    position: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class Round:
    """One round's results with each indicator's score (None where nothing is reported)."""

    number: int
    note: str | None
    results: dict
    scores: dict
    warnings: tuple = ()
    reporter: Reporter = Reporter()
    example: bool = False   # made-up results for a demonstration (``example: true``), not the unit's own


def load_round(data_dir: Path, agreement: Agreement, number: int) -> Round:
    """Return round `number` of `data_dir`, checked against `agreement`; raise DataError."""
    rel = round_file(number)
    if not (data_dir / rel).is_file():
        raise DataError(positioned([Problem("no_file", rel)], data_dir))
    loaded = load(data_dir / rel, rel, RESULTS)
    if loaded.data is not None and not loaded.problems:
        loaded.problems += schema_problems(loaded, RESULTS)
    problems = list(loaded.problems)
    if loaded.data is not None and not problems:
        problems += _checks(loaded, agreement, number)
        if loaded.data.get("example"):
            line, col = loaded.place(("example",))
            problems.append(Problem("example_results", loaded.file, line, col, "example", warning=True))
    problems = positioned(problems, data_dir)
    if any(not p.warning for p in problems):
        raise DataError(problems)
    return _build(loaded.data, agreement, tuple(problems))


def _checks(loaded: Loaded, agreement: Agreement, number: int) -> list[Problem]:
    data, problems = loaded.data, []
    if data["round"] != number:
        line, col = loaded.place(("round",))
        problems.append(Problem("round_mismatch", loaded.file, line, col, "round", found=str(data["round"]),
                                params={"file_round": number}))
    _check_date(loaded)
    known = {ind.number: ind for ind in agreement.indicators}
    seen: dict[int, int] = {}
    for i, entry in enumerate(data["indicators"]):
        if entry["number"] not in known:
            loaded.problem("unknown_indicator", ("indicators", i, "number"), found=str(entry["number"]))
        elif entry["number"] in seen:
            loaded.problem("number_duplicate", ("indicators", i, "number"), found=str(entry["number"]),
                           params={"other": f"indicators[{seen[entry['number']] + 1}]"})
        else:
            seen[entry["number"]] = i
            _check_level(loaded, i, entry, known[entry["number"]])
    for ind in agreement.indicators:
        if ind.number not in seen or not data["indicators"][seen[ind.number]].get("result"):
            path = ("indicators", seen[ind.number]) if ind.number in seen else ("indicators",)
            line, col = loaded.place(path)
            problems.append(Problem("missing_result", loaded.file, line, col, "result", warning=number != 12,
                                    params={"number": ind.number, "round": number}))
    return problems + loaded.problems


def _check_date(loaded: Loaded) -> None:
    text = (loaded.data.get("reporter") or {}).get("date")
    if text is None:
        return
    try:
        thai.parse_date(text)
    except ValueError as exc:
        loaded.problem("bad_date", ("reporter", "date"), found=text, params={"detail": str(exc)},
                       expected=_("15/10/2564, 2564-10-15 or 15 ตุลาคม 2564"))


def _check_level(loaded: Loaded, i: int, entry: dict, ind) -> None:
    found = _score(entry, ind)
    if entry.get("result") and found is None:
        loaded.problem("no_level", ("indicators", i), expected=" | ".join(scores.POINTS))
    elif found is not None and found.interpolated and entry.get("level") not in (None, found.level):
        line, col = loaded.place(("indicators", i, "level"))
        loaded.problems.append(Problem("level_differs", loaded.file, line, col, f"indicators[{i + 1}].level",
                                       found=entry["level"], warning=True, params={"derived": found.level}))


def _score(entry: dict, ind) -> scores.Score | None:
    criteria = (ind.criteria.basic, ind.criteria.standard, ind.criteria.advanced)
    return scores.score(ind.number, ind.weight, criteria, entry.get("result"), entry.get("level"))


def _build(data: dict, agreement: Agreement, warnings: tuple) -> Round:
    known = {ind.number: ind for ind in agreement.indicators}
    results = {e["number"]: Result(e["number"], e.get("result"), e.get("level"),
                                   *(tuple(e.get(k) or ()) for k in ("evidence", "obstacles", "next_steps")))
               for e in data["indicators"]}
    found = {n: _score({"result": r.result, "level": r.level}, known[n]) if r.result else None
             for n, r in results.items()}
    signer = data.get("reporter") or {}
    reporter = Reporter(signer.get("name"), signer.get("position"),
                        thai.parse_date(signer["date"]) if signer.get("date") else None)
    return Round(data["round"], data.get("note"), results, found, warnings, reporter, bool(data.get("example")))
