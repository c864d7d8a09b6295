"""Many units in one run: find their data folders, build each in a worker process, write
the ministry overview.

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
from dataclasses import dataclass
from pathlib import Path

from generator.commands.archives import pdf_copies_many
from generator.commands.packets import build, default_templates
from generator.data.folders import find_units
from generator.documents import overview
from generator.documents.overview import UnitResult, summary
from generator.errors import DataError, GeneratorError, language, set_language
from generator.store.output import add_files


def build_unit(data_dir: Path, out_root: Path, digits: str = "arabic", strict: bool = False,
               templates: Path | None = None) -> UnitResult:
    """Build one unit into OUT_ROOT/<fiscal year>/<unit code>; never raise for its data."""
    start = time.perf_counter()
    try:
        built = build(data_dir, digits=digits, strict=strict, out_root=out_root,
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


@dataclass
class BatchResult:
    units: list
    overview: list[Path]

    @property
    def failed(self) -> list:
        return [u for u in self.units if not u.ok]


def build_batch(paths: list[Path], out_root: Path = Path("output"), digits: str = "arabic",
                strict: bool = False, jobs: int | None = None, with_pdf: bool = False,
                font_dir: Path | None = None, progress=None, pdf_progress=None,
                templates: Path | None = None) -> BatchResult:
    """Build every unit named in or below `paths`, then write the ministry overview to OUT_ROOT.

    Each unit goes to OUT_ROOT/<fiscal year>/<unit code>/ exactly as a single build would
    write it; a unit with bad data is reported and the others still build. With
    `with_pdf`, every document of every built unit is converted in one LibreOffice call.
    """
    units = build_all(find_units(paths), out_root, digits, strict, jobs, progress, templates)
    built = [u.out_dir for u in units if u.ok]
    if with_pdf and built:
        pdf_copies_many(built, font_dir, pdf_progress)
    out_root.mkdir(parents=True, exist_ok=True)
    written = add_files(out_root, overview.documents(units, templates or default_templates(), digits))
    return BatchResult(units, written)

