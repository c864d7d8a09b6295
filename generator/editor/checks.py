"""A draft checked exactly as ``agreement validate`` checks the folder, and its problems placed.

The draft is written into a private copy of the data folder, which then goes through
`commands.validate` (schema, cross-file checks, weights, proofreading) and every results
round through `data.results`. Each problem comes back with the data file and field it
belongs to, so the form can show it beside that field, in the words the command line uses.
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

from generator.data import results
from generator.data.loader import load
from generator.data.model import positioned
from generator.data.schema import RESULTS
from generator.data.validation import schema_problems
from generator.errors import DataError, Problem
from generator.store import locks
from generator.text import thai

_ONE_AT_A_TIME = threading.Lock()   # proofreading's memory and tokenizer are shared by the process


@contextmanager
def trial(data_dir: Path, drafts: dict[str, str]):
    """Yield a private copy of `data_dir` with `drafts` (relative path → YAML text) written in."""
    with locks.temp_folder("agreement-check") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".*"))
        if (data_dir.parent / "words.txt").is_file():   # the list beside the unit, as validate reads it
            shutil.copy(data_dir.parent / "words.txt", Path(tmp) / "words.txt")
        for rel, text in drafts.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(text, encoding="utf-8")
        yield copy


def check(data_dir: Path, drafts: dict[str, str]) -> list[dict]:
    """Return every problem of `data_dir` with `drafts` in place, as the form shows them."""
    with _ONE_AT_A_TIME, trial(data_dir, drafts) as copy:
        return [shown(p, copy, data_dir, _row_field(p, copy)) for p in problems(copy)]


def problems(data_dir: Path) -> list[Problem]:
    """Return what validate reports on `data_dir`, then the problems of each results round."""
    from generator import commands  # with the document libraries: not before the first check

    try:
        agreement = commands.validate(data_dir, with_results=False)   # -- the rounds just below --
    except DataError as exc:
        return exc.problems + _rounds_alone(data_dir)
    found = list(agreement.warnings)
    for number in results.rounds_in(data_dir):
        try:
            found += results.load_round(data_dir, agreement, number).warnings
        except DataError as exc:
            found += exc.problems
    return found


def _rounds_alone(data_dir: Path) -> list[Problem]:
    """Return the problems of the results files on their own (the agreement does not check yet)."""
    found = []
    for number in results.rounds_in(data_dir):
        rel = results.round_file(number)
        loaded = load(data_dir / rel, rel, RESULTS)
        if loaded.data is not None and not loaded.problems:
            loaded.problems += schema_problems(loaded, RESULTS)
        found += positioned(loaded.problems, data_dir)
    return found


def _row_field(problem: Problem, copy: Path) -> str:
    """Return where the form shows `problem`: a missing result under its own row (``indicators[4].result``)."""
    if problem.code != "missing_result" or "round" not in problem.params:
        return problem.field
    try:
        entries = yaml.safe_load((copy / results.round_file(problem.params["round"])).read_text("utf-8"))["indicators"]
        row = next(i for i, e in enumerate(entries) if e.get("number") == problem.params["number"])
    except (OSError, ValueError, yaml.YAMLError, KeyError, TypeError, AttributeError, StopIteration):
        return problem.field
    return f"indicators[{row + 1}].result"


def shown(problem: Problem, copy: Path, data_dir: Path, field: str | None = None) -> dict:
    """Return `problem` as the form shows it: its file and field, the CLI's line, the message alone."""
    rel = _relative(problem.file, copy)
    as_cli = dataclasses.replace(problem, file=(data_dir / rel).as_posix() + ("/" if rel.endswith("/") else ""))
    alone = dataclasses.replace(problem, file="", line=None, column=None, field="")
    return {"file": rel, "field": problem.field if field is None else field, "line": problem.line,
            "warning": problem.warning, "text": str(as_cli), "message": str(alone).removeprefix(": ")}


def _relative(file: str, copy: Path) -> str:
    try:
        rel = Path(file).relative_to(copy).as_posix()
    except ValueError:
        return file
    return rel + "/" if file.endswith("/") else rel


def date_note(text: object) -> str:
    """Return a typed date as the signature line prints it, or "" when it is not a date.

    >>> date_note("10 ก.พ. 2564"), date_note("31/02/2564")
    ('วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564', '')
    """
    if not isinstance(text, str) or not text.strip():
        return ""
    try:
        return thai.signature_date(thai.parse_date(text))
    except ValueError:
        return ""
