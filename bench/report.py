"""bench/RESULTS.md from one run of bench/run.py: each target, met or not, and where the time goes."""

from __future__ import annotations

import os
import platform
from pathlib import Path

# -- the targets: a ratio or a bound, as the figures they are checked against --
COLD_RATIO, WARM_RATIO = 1.5, 1.0
CHECK_MS, RENDER_MS, PREVIEW_S = 50, 150, 2.0
BATCH_S, BATCH_MIB = 30, 500
CORES_SHARE = 0.75   # -- of the machine's cores, busy through the PDF stage --


def machine() -> str:
    """Return the system, cores, processor and Python this run is measured on."""
    cpuinfo = Path("/proc/cpuinfo")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if cpuinfo.is_file() \
        else platform.processor()
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({model}), "
            f"Python {platform.python_version()}")


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def markdown(r: dict) -> str:
    """Return RESULTS.md for the results `r` of one run."""
    lines = ["# Benchmark results", "",
             f"Measured {r['when']} on {r['machine']}, load average {r['load']:.2f} at the start and "
             f"{r['load_after']:.2f} at the end (other work shares the cores), by `python bench/run.py "
             f"--runs {r['runs']} --units {r['batch']['units']}`. A process is timed from outside, start-up "
             "included, in turn with the stock way (A B A B …); figures are medians, a ratio is the median of "
             "the paired ratios. Peak memory is the kernel's count for each process, which cannot read below "
             f"the bench's own {r['floor_mib']:.0f} MiB. The package's bytecode is compiled first, as an "
             "installation has it.", "",
             "| target | measured | goal | met |", "| --- | --- | --- | --- |"]
    lines += _build_rows(r["builds"]) + _editor_rows(r["editor"]) + _batch_rows(r["batch"], r.get("pdf"))
    join = r["join"]
    lines.append(f"| the join's time per sheet, 30 and 90 indicators | {join[30] * 1000:.1f} ms, "
                 f"{join[90] * 1000:.1f} ms: {join[90] / join[30]:.2f} | flat (1.00) | "
                 f"{yes(join[90] / join[30] < 1.15)} |")
    b = r["builds"]
    lines += ["", "Also measured, as processes with a warm cache: a build that finds nothing changed "
              f"{b['unchanged']['seconds']:.2f} s, `validate` {b['validate']['seconds']:.2f} s; the stock "
              f"script's process {b['cold']['against']:.2f} s.", ""]
    lines += _phase_table(r["phases"]) + [""] + limits(r)
    return "\n".join(lines) + "\n"


def _build_rows(b: dict) -> list[str]:
    cold, warm = b["cold"], b["warm"]
    return [
        f"| 1. build, empty cache (a new machine), as a process | {cold['seconds']:.2f} s, {cold['peak_mib']:.0f} "
        f"MiB: {cold['ratio']:.2f} × the stock script's process ({cold['against']:.2f} s) | at most "
        f"{COLD_RATIO}× | {yes(cold['ratio'] <= COLD_RATIO)} |",
        f"| 2. build, warm cache, as a process | {warm['seconds']:.2f} s, {warm['peak_mib']:.0f} MiB: "
        f"{warm['ratio']:.2f} × the stock way's own render and join in a warm process ({warm['against']:.2f} s) "
        f"| at most {WARM_RATIO:.1f}× | {yes(warm['ratio'] <= WARM_RATIO)} |"]


def _editor_rows(e: dict) -> list[str]:
    rows = [f"| 3. editor: the unit checked again after a one-field change | {e['check'] * 1000:.0f} ms | "
            f"under {CHECK_MS} ms | {yes(e['check'] * 1000 < CHECK_MS)} |",
            f"| 3. editor: one indicator sheet rendered | {e['render'] * 1000:.0f} ms | under {RENDER_MS} ms | "
            f"{yes(e['render'] * 1000 < RENDER_MS)} |"]
    if e["preview"] is None:
        return rows + ["| 3. editor: page images of one sheet | not measured: no LibreOffice | "
                       f"under {PREVIEW_S:.0f} s | |"]
    return rows + [f"| 3. editor: page images of one sheet (LibreOffice started for it) | {e['preview']:.2f} s | "
                   f"under {PREVIEW_S:.0f} s | {yes(e['preview'] < PREVIEW_S)} |"]


def _batch_rows(c: dict, p: dict | None) -> list[str]:
    rows = [f"| 4. {c['units']} units with their own wording, one batch, empty cache | {c['seconds']:.1f} s "
            f"({c['per_unit']:.2f} s a unit), at most {c['total_mib']:.0f} MiB in all processes | under "
            f"{BATCH_S} s and {BATCH_MIB} MiB for 100 | "
            f"{yes(c['per_unit'] * 100 < BATCH_S and c['total_mib'] < BATCH_MIB)} |"]
    if p is None:
        return rows + ["| 5. the PDF stage of a batch | not measured: no LibreOffice | every core | |"]
    return rows + [f"| 5. the PDF stage of a {p['units']}-unit batch | {p['seconds']:.1f} s for {p['documents']} "
                   f"PDF/A copies ({p['per_document']:.2f} s a document); {p['cores_used']:.2f} of {p['cores']} "
                   f"cores busy | every core | {yes(p['cores_used'] >= CORES_SHARE * p['cores'])} |"]


def _phase_table(phases: dict) -> list[str]:
    names = list(phases["cold"])
    rows = ["Where a build's time goes (per-phase timers in one process, medians; imports counted from "
            "Python's own start):", "", "| phase | empty cache | warm cache |", "| --- | --- | --- |"]
    rows += [f"| {name} | {phases['cold'][name]:.3f} s | {phases['warm'][name]:.3f} s |" for name in names]
    return rows


def limits(r: dict) -> list[str]:
    """Return what limits each target, from this run's own figures."""
    b, p, c = r["builds"], r.get("pdf"), r["batch"]
    cold, warm = r["phases"]["cold"], r["phases"]["warm"]
    lines = ["## What limits the figures", "",
             f"- **Imports** are most of a warm build: {warm['imports']:.2f} s of the "
             f"{b['warm']['seconds']:.2f} s. python-docx, docxtpl (with Jinja, docxcompose and babel), lxml, "
             "click, PyYAML and filelock are loaded by every build; jsonschema only when data changed since "
             "it last passed (a pass is remembered), pythainlp only for the print copy and spelling "
             "suggestions. What the stock script imports (docxtpl and python-docx) cannot be removed.",
             f"- **Render and join**: {warm['render']:.2f} s and {warm['join']:.2f} s warm. docxtpl "
             "re-parses each rendered part and python-docx re-reads each part to join it; the project "
             "renders 13 parts (the stock way 12) and then makes them reproducible and Word-valid "
             "(cell-property order, keep-with-next, no-break spaces, its own core properties, a fixed zip).",
             f"- **An empty cache** adds {cold['checks and proofreading'] - warm['checks and proofreading']:.2f} s "
             "of checks: nlpo3's dictionary (62,000 words, about 0.1 s and 60 MB), cutting every text into "
             "words, jsonschema's import, and the no-break spaces of every text "
             f"({cold['render'] - warm['render']:.2f} s more rendering); Jinja's compiled templates are "
             "kept after the first run.",
             f"- **A batch** spends {c['per_unit']:.2f} s a unit on {c['workers']} workers; each worker holds "
             "its own dictionary (60 MB), which bounds the memory per core."]
    if p is not None:
        lines.append(f"- **PDF copies**: LibreOffice converts one document at a time on one core, so a stage "
                     f"runs one soffice per core, each with a private profile ({p['soffice_cpu']:.1f} s of "
                     f"soffice CPU); the print copies' line-break marks are made before, in one process "
                     f"({p['python_cpu']:.1f} s), and each soffice pays about a second to start.")
    lines.append("- **A preview** starts LibreOffice for each request (about a second of its time), with a profile "
                 "kept for the editor's previews (0.15 s sooner than a new one, 0.6 s under load). A headless "
                 "soffice already running with that profile took a conversion handed to it in 0.25 s instead "
                 "of 1.3 s, but it ends after that conversion: keeping one ready means starting one after "
                 "every preview, a background process the editor must never leave behind; not done. "
                 "unoserver needs Debian's python3-uno beside the project's Python (not installed here).")
    return lines
