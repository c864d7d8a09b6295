"""Many units in one run: find their data folders, build each in a worker process, sum up.

A unit is a data folder holding ``agreement.yaml``. A ministry tree is any folder
with units somewhere below it (``data/2564/bic``, ``data/2564/provinces/cmi`` …).
Each unit is built exactly as ``agreement build`` builds it alone, into
``OUT_ROOT/<fiscal year>/<unit code>/``; a unit whose data is bad is reported with
its messages and the others still build.
"""

from __future__ import annotations

import gc
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from generator import commands, thai
from generator.errors import DataError, GeneratorError, language, set_language, tr
from generator.data.model import Agreement

UNIT_FILE = "agreement.yaml"


def find_units(paths: list[Path]) -> list[Path]:
    """Return every unit folder named in `paths` or lying below them, each once, in order."""
    found: list[Path] = []
    for path in paths:
        if (path / UNIT_FILE).is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(p.parent for p in path.rglob(UNIT_FILE))
        else:
            raise GeneratorError(tr(f"ไม่พบโฟลเดอร์ {path}", f"no folder {path}"))
    unique = list(dict.fromkeys(found))
    if not unique:
        raise GeneratorError(tr(f"ไม่พบข้อมูลหน่วยงาน ({UNIT_FILE}) ใน {', '.join(map(str, paths))}",
                                f"no unit data ({UNIT_FILE}) in {', '.join(map(str, paths))}"))
    return unique


def is_batch(paths: list[Path]) -> bool:
    """Return True when `paths` name more than one unit or a tree of units, not one unit."""
    return len(paths) > 1 or (paths[0].is_dir() and not (paths[0] / UNIT_FILE).is_file()
                              and any(paths[0].rglob(UNIT_FILE)))


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
            "indicators": [{"number": i.number, "title": i.title, "group": groups[i.group],
                            "weight": i.weight} for i in agreement.indicators],
            "warnings": len(agreement.warnings)}


def build_unit(data_dir: Path, out_root: Path, digits: str = "arabic", strict: bool = False,
               templates: Path | None = None) -> UnitResult:
    """Build one unit into OUT_ROOT/<fiscal year>/<unit code>; never raise for its data."""
    start = time.perf_counter()
    try:
        built = commands.build(data_dir, digits=digits, strict=strict, out_root=out_root,
                               templates=templates)
    except DataError as exc:
        errors = [p for p in exc.problems if not p.warning]
        return UnitResult(data_dir, False, messages=tuple(str(p) for p in errors),
                          seconds=time.perf_counter() - start)
    except GeneratorError as exc:
        return UnitResult(data_dir, False, messages=(str(exc),), seconds=time.perf_counter() - start)
    finally:
        gc.collect()   # -- the tokenizer's long-lived objects otherwise delay full collections --
    return UnitResult(data_dir, True, built.out_dir, (), summary(built.agreement), len(built.rendered),
                      time.perf_counter() - start)


def _start_worker(lang: str) -> None:
    """Set a worker's language (a worker process starts with the default one)."""
    set_language(lang)


def build_all(units: list[Path], out_root: Path, digits: str = "arabic", strict: bool = False,
              jobs: int | None = None, progress=None, templates: Path | None = None) -> list[UnitResult]:
    """Build every unit, `jobs` processes at a time (one per core by default), in `units` order.

    `progress(result)` is called in this process as each unit finishes.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(units)))
    if jobs == 1:
        results = []
        for unit in units:
            results.append(build_unit(unit, out_root, digits, strict, templates))
            if progress:
                progress(results[-1])
        return results
    done: dict[Path, UnitResult] = {}
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(language(),)) as pool:
        futures = [pool.submit(build_unit, unit, out_root, digits, strict, templates) for unit in units]
        for future in as_completed(futures):
            result = future.result()
            done[result.data_dir] = result
            if progress:
                progress(result)
    return [done[unit] for unit in units]
