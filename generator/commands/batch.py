"""Many units in one run: find their data folders, build each in a worker process, write
the ministry overview.

A unit is a data folder holding ``agreement.yaml``. A ministry tree is any folder
with units somewhere below it (``data/2564/bic``, ``data/2564/provinces/cmi`` …).
Each unit is built exactly as ``agreement build`` builds it alone, into
``OUT_ROOT/<fiscal year>/<unit code>/`` (OUT_ROOT is ``output/batch`` unless given, so a
batch never writes into ``output/<fiscal year>``, where a single build goes). Before
anything is written the batch is refused if two units share a fiscal year and code, or
if OUT_ROOT holds anything a batch did not write. A unit that fails, for any reason and
at any step (its data, its documents, its PDF copies, its worker process), is reported
with its messages; the others still build, and the overview marks it.
"""

from __future__ import annotations

import gc
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from generator.commands.archives import accepted_words, pdf_copies_many, pdf_of
from generator.commands.packets import build, default_templates
from generator.data.folders import find_units
from generator.data.loader import load
from generator.data.schema import AGREEMENT
from generator.documents import overview
from generator.documents.overview import UnitResult, summary
from generator.errors import DataError, GeneratorError, actionable, os_error_text, shown
from generator.i18n import _, language, set_language
from generator.store import batch_root, crashlog

DEFAULT_ROOT = Path("output") / "batch"


def build_unit(data_dir: Path, out_root: Path, digits: str = "arabic", strict: bool = False,
               templates: Path | None = None) -> UnitResult:
    """Build one unit into OUT_ROOT/<fiscal year>/<unit code>; never raise for anything it meets."""
    start = time.perf_counter()
    try:
        built = build(data_dir, digits=digits, strict=strict, out_root=out_root, templates=templates)
    except DataError as exc:
        errors = [p for p in exc.problems if not p.warning]
        return UnitResult(data_dir, False, messages=tuple(str(p) for p in errors),
                          seconds=time.perf_counter() - start)
    except Exception as exc:   # -- whatever it is, it is this unit's failure alone --
        return UnitResult(data_dir, False, messages=(failure_text(exc),), seconds=time.perf_counter() - start,
                          stage="build")
    finally:
        gc.collect()   # -- the tokenizer's long-lived objects otherwise delay full collections --
    return UnitResult(data_dir, True, built.out_dir, (), summary(built.agreement), len(built.rendered),
                      time.perf_counter() - start)


def failure_text(exc: BaseException) -> str:
    """Return what went wrong, in the clerk's words where the tool knows them.

    An error inside the program itself keeps its traceback in a log file, named here.
    """
    if isinstance(exc, GeneratorError):
        return str(exc)
    if actionable(exc):
        return os_error_text(exc)
    return _("an internal error ({name}: {exc}): the details are in {log}; please send that file to the "
             "program's maintainers").format(name=type(exc).__name__, exc=exc, log=crashlog.write())


def _start_worker(lang: str) -> None:
    """Set a worker's language (a worker process starts with the default one)."""
    set_language(lang)


def build_all(units: list[Path], out_root: Path, digits: str = "arabic", strict: bool = False,
              jobs: int | None = None, progress=None, templates: Path | None = None) -> list[UnitResult]:
    """Build every unit, `jobs` processes at a time (one per core by default), in `units` order.

    `progress(result)` is called in this process as each unit finishes. A worker process
    that dies (out of memory, killed) fails the unit it was building; the units it had
    not finished are built again, each in a worker of its own, so one unit cannot fail another.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(units)))
    if jobs == 1:
        results = []
        for unit in units:
            results.append(build_unit(unit, out_root, digits, strict, templates))
            if progress:
                progress(results[-1])
        return results
    args = (out_root, digits, strict, templates)
    done = _in_pool(units, args, jobs, progress)
    for unit in [u for u in units if u not in done]:   # -- after a worker died: one at a time --
        done.update(_in_pool([unit], args, 1, progress))
    return [done[unit] for unit in units]


def _in_pool(units: list[Path], args: tuple, jobs: int, progress) -> dict[Path, UnitResult]:
    done: dict[Path, UnitResult] = {}
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(language(),)) as pool:
        futures = {pool.submit(build_unit, unit, *args): unit for unit in units}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                if len(units) > 1:
                    continue   # -- which unit killed it is not known yet --
                result = UnitResult(futures[future], False, stage="build", messages=(_("the process building this unit "
                                                                                       "ended abruptly "
                                                                                       "(out of memory, or "
                                                                                       "killed)"),))
            done[result.data_dir] = result
            if progress:
                progress(result)
    return done


@dataclass
class BatchResult:
    units: list
    overview: list[Path]
    problems: list[str]   # what went wrong with the overview itself

    @property
    def failed(self) -> list:
        return [u for u in self.units if not u.ok]


def build_batch(paths: list[Path], out_root: Path | None = None, digits: str = "arabic",
                strict: bool = False, jobs: int | None = None, with_pdf: bool = False,
                font_dir: Path | None = None, progress=None, pdf_progress=None,
                templates: Path | None = None) -> BatchResult:
    """Build every unit named in or below `paths`, then write the ministry overview to OUT_ROOT.

    Each unit goes to OUT_ROOT/<fiscal year>/<unit code>/ exactly as a single build would
    write it. With `with_pdf`, each unit's documents get their own PDF/A copies and the
    overview one too. Refused before anything is written: two units with one fiscal year
    and code, or an OUT_ROOT holding what a batch did not write.
    """
    out_root = out_root or DEFAULT_ROOT
    units = find_units(paths)
    check_batch(units, out_root)
    results = build_all(units, out_root, digits, strict, jobs, progress, templates)
    if with_pdf:
        results = _with_pdfs(results, font_dir, pdf_progress)
    files = overview.documents(results, templates or default_templates(), digits)
    problems = []
    if with_pdf:
        try:
            files[overview.PDF_NAME] = overview_pdf(files[overview.DOCX_NAME], font_dir)
        except GeneratorError as exc:
            problems.append(str(exc))
    return BatchResult(results, batch_root.write(out_root, files), problems)


def check_batch(units: list[Path], out_root: Path | None = None) -> None:
    """Refuse a batch that would overwrite itself or write where it must not (see `build_batch`)."""
    check_units(units)
    batch_root.check(out_root or DEFAULT_ROOT, tuple(units))


def check_units(units: list[Path]) -> None:
    """Refuse two units with one fiscal year and code: one would silently replace the other."""
    seen: dict[tuple, list[Path]] = {}
    for unit in units:
        key = _identity(unit)
        if key is not None:
            seen.setdefault(key, []).append(unit)
    clashes = [(key, folders) for key, folders in seen.items() if len(folders) > 1]
    if clashes:
        lines = [_("{year}, code {code}:").format(year=year, code=code) + " " + ", ".join(shown(f) for f in folders)
                 for (year, code), folders in clashes]
        raise GeneratorError(_("these units share a fiscal year and unit code (unit.code), so one would "
                               "replace the other:") + " " + "; ".join(lines)
                             + " " + _("— give each its own unit.code; no unit was built"))


def _identity(unit: Path) -> tuple | None:
    """Return a unit's (fiscal year, code) as agreement.yaml says, or None if it cannot tell."""
    try:
        loaded = load(unit / "agreement.yaml", "agreement.yaml", AGREEMENT)
    except OSError:
        return None
    data = loaded.data if isinstance(loaded.data, dict) else {}
    unit_data = data.get("unit") if isinstance(data.get("unit"), dict) else {}
    year, code = data.get("fiscal_year"), unit_data.get("code")
    return (year, code) if isinstance(year, int) and isinstance(code, str) else None


def _with_pdfs(results: list[UnitResult], font_dir: Path | None, progress) -> list[UnitResult]:
    """Add PDF/A copies to every unit built; a unit whose copies fail is marked failed."""
    built = [u for u in results if u.ok]
    made = pdf_copies_many([u.out_dir for u in built], font_dir, progress,
                           {u.out_dir: accepted_words(u.data_dir) for u in built})
    marked = []
    for unit in results:
        outcome = made.get(unit.out_dir) if unit.ok else None
        if isinstance(outcome, Exception):
            unit = replace(unit, ok=False, stage="pdf", messages=(failure_text(outcome),))
        marked.append(unit)
    return marked


def overview_pdf(docx: bytes, font_dir: Path | None) -> bytes:
    """Return the overview's PDF/A copy, checked like a unit's."""
    return pdf_of(docx, overview.DOCX_NAME, font_dir)
