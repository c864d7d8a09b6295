"""Time the project against its speed targets in one run; write bench/RESULTS.md.

Whole processes are timed from outside (start-up included) and paired with the stock
way in turn (A B A B …), so that each ratio compares runs made a moment apart; every
figure is a median of `--runs` runs. The editor's latencies are timed in this process,
warm, as the editor runs them. Each measurement has a cache folder of its own: "empty
cache" is a new machine, "warm" is a second run. Not run by CI.

    python bench/run.py                 # every target, 5 runs each, 100 units
    python bench/run.py --runs 3 --units 20 --pdf-units 3
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import report  # noqa: E402
from bench.synthetic import make_unit  # noqa: E402

DATA = ROOT / "data" / "2564"
PYTHON = sys.executable


def run(argv: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run `argv` to the end; return its wall seconds, its peak memory in MiB (the kernel's
    own accounting of that process) and what it printed."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=err,
                                env={**os.environ, **(env or {})})
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"failed: {' '.join(argv)}\n{err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def paired(runs: int, first, second) -> dict:
    """Run first(i) and second(i) in turn `runs` times; return their medians and the median ratio.

    Each returns seconds (and optionally peak MiB); pairing keeps a ratio meaningful
    while the machine's speed drifts.
    """
    a, b = [], []
    for i in range(runs):
        a.append(first(i))
        b.append(second(i))
    return {"seconds": statistics.median(x[0] for x in a), "against": statistics.median(x[0] for x in b),
            "ratio": statistics.median(x[0] / y[0] for x, y in zip(a, b)),
            "peak_mib": max(x[1] for x in a), "runs": runs}


def build_argv(out: Path, data: Path = DATA) -> list[str]:
    return [PYTHON, "-m", "generator", "build", str(data), "-o", str(out)]


def stock_process(contexts: Path, out: Path):
    """Return a run of the stock script as a process: plain docxtpl, then docxcompose."""
    def one(i: int) -> tuple[float, float]:
        wall, peak, _ = run([PYTHON, str(ROOT / "bench" / "stock.py"), str(contexts), str(out / f"stock-{i}.docx")])
        return wall, peak
    return one


STOCK_IN_PROCESS = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from bench import stock
parts = [(Path(sys.argv[2]) / "templates" / t, c) for t, c in json.loads(Path(sys.argv[1]).read_text("utf-8"))]
stock.render_and_join(parts)   # -- warm: imports done, files read once --
times = []
for _ in range(3):
    start = time.perf_counter()
    stock.render_and_join(parts)
    times.append(time.perf_counter() - start)
print(json.dumps(sorted(times)[1]))
"""


def stock_in_process(contexts: Path):
    """Return a run of the stock way's render and join of the same parts, timed inside a warm process."""
    def one(i: int) -> tuple[float, float]:
        _, peak, out = run([PYTHON, "-c", STOCK_IN_PROCESS, str(contexts), str(ROOT)])
        return json.loads(out.splitlines()[-1]), peak
    return one


def builds(tmp: Path, runs: int, contexts: Path) -> dict:
    """Targets 1 and 2: a build with an empty cache against the stock process, a warm build
    against the stock way's own render and join in a warm process."""
    def cold(i: int) -> tuple[float, float]:
        wall, peak, _ = run(build_argv(tmp / f"cold-{i}"), {"XDG_CACHE_HOME": str(tmp / f"cold-cache-{i}")})
        return wall, peak
    warm_cache = {"XDG_CACHE_HOME": str(tmp / "warm-cache")}
    run(build_argv(tmp / "warm-first"), warm_cache)

    def warm(i: int) -> tuple[float, float]:
        wall, peak, _ = run(build_argv(tmp / f"warm-{i}"), warm_cache)
        return wall, peak

    def again(i: int) -> tuple[float, float]:   # -- the same folder, nothing changed --
        wall, peak, _ = run(build_argv(tmp / "warm-first"), warm_cache)
        return wall, peak

    def validate(i: int) -> tuple[float, float]:
        wall, peak, _ = run([PYTHON, "-m", "generator", "validate", str(DATA)], warm_cache)
        return wall, peak
    stock_run = stock_process(contexts, tmp)
    return {"cold": paired(runs, cold, stock_run), "warm": paired(runs, warm, stock_in_process(contexts)),
            "unchanged": paired(runs, again, stock_run), "validate": paired(runs, validate, stock_run)}


PHASES = """
import json, sys, time
start = time.perf_counter()
from generator.cli.app import cli
from generator.commands import packets
from generator.documents import packet
spent = {"imports": time.perf_counter() - start, "checks and proofreading": 0.0, "render": 0.0, "join": 0.0}

def timed(name, work):
    def wrapper(*args, **kwargs):
        began = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - began
    return wrapper

packets.checked = timed("checks and proofreading", packets.checked)
packet.render_part = timed("render", packet.render_part)
packet.compose = timed("join", packet.compose)
began = time.perf_counter()
try:
    cli(["build", sys.argv[1], "-o", sys.argv[2]], prog_name="agreement")
except SystemExit:
    pass
spent["writing and the change report"] = time.perf_counter() - began - sum(
    v for k, v in spent.items() if k != "imports")
print(json.dumps(spent))
"""


def phases(tmp: Path, runs: int) -> dict:
    """Where a build's time goes, with an empty cache and warm: medians of per-phase timers."""
    found = {}
    for kind in ("cold", "warm"):
        rows = []
        for i in range(runs):
            cache = tmp / (f"phase-cache-{i}" if kind == "cold" else "warm-cache")
            _, _, out = run([PYTHON, "-c", PHASES, str(DATA), str(tmp / f"phase-{kind}-{i}")],
                            {"XDG_CACHE_HOME": str(cache)})
            rows.append(json.loads(out.splitlines()[-1]))
        found[kind] = {name: statistics.median(r[name] for r in rows) for name in rows[0]}
    return found


def editor(tmp: Path, runs: int) -> dict:
    """Target 3, in this process as the editor runs it (warm): a one-field check, one sheet
    rendered, one sheet's page images."""
    os.environ["XDG_CACHE_HOME"] = str(tmp / "editor-cache")
    from generator import commands
    from generator.documents import packet
    from generator.editor import checks, preview
    from generator.store import pdf

    data = tmp / "editor" / "2564"
    shutil.copytree(DATA, data)
    rel, typed = "indicators/03.yaml", (DATA / "indicators" / "03.yaml").read_text("utf-8")

    def edited(i: int) -> str:   # -- one field changed, as a clerk types into the title --
        return typed.replace("title: >-\n  ", f"title: >-\n  ({i}) ", 1)
    checks.check(data, {rel: edited(-1)})
    check = _median(runs * 2, lambda i: checks.check(data, {rel: edited(i)}))
    templates = commands.default_templates()

    def sheet(i: int) -> None:
        with checks.trial(data, {rel: edited(i)}) as copy:
            part = next(p for p in packet.parts(commands.validate(copy)) if p.number == 3)
            begun = time.perf_counter()
            packet.render_part(part, templates, "arabic")
            return time.perf_counter() - begun
    sheet(-1)
    render = statistics.median(sheet(i) for i in range(runs * 2))
    found = {"check": check, "render": render, "preview": None}
    try:
        pdf.soffice()
    except Exception:
        return found
    root = tmp / "previews"
    preview.make(data, rel, edited(-1), root)   # -- fonts, dictionary and memory made once --
    found["preview"] = _median(runs, lambda i: preview.make(data, rel, edited(i), root))
    return found


def _median(runs: int, work) -> float:
    times = []
    for i in range(runs):
        begun = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - begun)
    return statistics.median(times)


BATCH = """
import json, resource, sys, time
from pathlib import Path
from generator import commands
start = time.perf_counter()
result = commands.build_batch([Path(sys.argv[2])], Path(sys.argv[1]))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "failed": len(result.failed),
                  "parent_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def batch(tmp: Path, units: int) -> dict:
    """Target 4: `units` units of 11 indicators with their own wording, one batch, empty cache.

    Memory in all processes is bounded by the parent's peak plus one worker's peak per core.
    """
    tree = tmp / "units"
    for n in range(1, units + 1):
        make_unit(tree / f"u{n:03d}" / "2564", n, own_wording=True)
    wall, _, out = run([PYTHON, "-c", BATCH, str(tmp / "units-out"), str(tree)],
                       {"XDG_CACHE_HOME": str(tmp / "batch-cache")})
    found = json.loads(out.splitlines()[-1])
    assert found["failed"] == 0, found
    workers = min(os.cpu_count() or 1, units)
    return {"units": units, "seconds": wall, "per_unit": wall / units, "workers": workers,
            "total_mib": found["parent_mib"] + workers * found["worker_mib"]}


PDF_STAGE = """
import json, resource, sys, time
from pathlib import Path
from generator.commands import archives
folders = sorted(p.parent for p in Path(sys.argv[1]).rglob("manifest.json"))
before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
made = archives.pdf_copies_many(folders, None, None, {f: frozenset() for f in folders})
wall = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = [a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before)]
failed = [str(f) for f, o in made.items() if isinstance(o, Exception)]
print(json.dumps({"seconds": wall, "python_cpu": cpu[0], "soffice_cpu": cpu[1], "failed": failed,
                  "documents": sum(len(o) for o in made.values() if not isinstance(o, Exception))}))
"""


def pdf_stage(tmp: Path, units: int) -> dict | None:
    """Target 5: the PDF stage of a batch of `units` units: seconds a document and cores used."""
    if shutil.which("soffice") is None:
        return None
    tree, out, cache = tmp / "pdf-units", tmp / "pdf-out", {"XDG_CACHE_HOME": str(tmp / "pdf-cache")}
    for n in range(1, units + 1):
        make_unit(tree / f"u{n:03d}" / "2564", n, own_wording=True)
    run([PYTHON, "-c", BATCH, str(out), str(tree)], cache)
    # -- the stand-in font and the Thai dictionary are made once a machine: by a unit of other wording --
    make_unit(tmp / "pdf-first" / "u" / "2564", 999, own_wording=True)
    run([PYTHON, "-c", BATCH, str(tmp / "pdf-first-out"), str(tmp / "pdf-first")], cache)
    run([PYTHON, "-c", PDF_STAGE, str(tmp / "pdf-first-out")], cache)
    _, _, printed = run([PYTHON, "-c", PDF_STAGE, str(out)], cache)
    found = json.loads(printed.splitlines()[-1])
    assert not found["failed"], found
    cpu = found["python_cpu"] + found["soffice_cpu"]
    return {**found, "units": units, "per_document": found["seconds"] / found["documents"],
            "cores_used": cpu / found["seconds"], "cores": os.cpu_count()}


def join_scaling(tmp: Path, runs: int) -> dict:
    """The join's time per sheet for 30 and 90 indicators, in this process."""
    from generator import commands
    from generator.documents import packet

    found = {}
    for count in (30, 90):
        agreement = commands.validate(make_unit(tmp / f"scale-{count}" / "2564", 900 + count, count))
        parts = packet.parts(agreement)
        data = [packet.render_part(p, commands.default_templates(), "arabic") for p in parts]
        props = packet.packet_properties(agreement)
        seconds = _median(runs, lambda i, data=data, props=props: packet.compose(data[0], data[1:], props))
        found[count] = seconds / count
    return found


CONTEXTS = """
import json, sys
from pathlib import Path
from generator import commands
from generator.documents import packet
parts = packet.parts(commands.validate(Path(sys.argv[1])))
Path(sys.argv[2]).write_text(json.dumps([(p.template, p.context) for p in parts], ensure_ascii=False), "utf-8")
"""


def contexts_file(tmp: Path) -> Path:
    """Write the contexts of the default packet's parts for the stock script (in a process of its own:
    this one stays small, since a child's peak memory as the kernel counts it starts at its parent's)."""
    run([PYTHON, "-c", CONTEXTS, str(DATA), str(tmp / "contexts.json")])
    return tmp / "contexts.json"


def own_peak() -> float:
    """Return this process's peak memory in MiB: the floor under every child's peak."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def installed_like() -> None:
    """Compile the package's bytecode and message catalogues, as installing it does: a checkout
    run with PYTHONDONTWRITEBYTECODE, or with a catalogue newer than its .mo, would compile
    them again in every process timed."""
    compileall.compile_dir(ROOT / "generator", quiet=1)
    for po in (ROOT / "generator" / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po

            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--pdf-units", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    installed_like()
    with tempfile.TemporaryDirectory(prefix="agreement-bench-") as folder:
        tmp = Path(folder)
        os.environ["XDG_CACHE_HOME"] = str(tmp / "bench-cache")
        contexts = contexts_file(tmp)
        results = {"when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "machine": report.machine(),
                   "load": os.getloadavg()[0], "runs": args.runs}
        # -- processes first, while this one is small; then what is timed in this process --
        for key, work in (("builds", lambda: builds(tmp, args.runs, contexts)),
                          ("phases", lambda: phases(tmp, args.runs)),
                          ("batch", lambda: batch(tmp, args.units)),
                          ("pdf", lambda: pdf_stage(tmp, args.pdf_units)),
                          ("floor_mib", own_peak),
                          ("editor", lambda: editor(tmp, args.runs)),
                          ("join", lambda: join_scaling(tmp, args.runs))):
            print(f"… {key}", file=sys.stderr, flush=True)
            results[key] = work()
        results["load_after"] = os.getloadavg()[0]
    (args.out.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    text = report.markdown(results)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
