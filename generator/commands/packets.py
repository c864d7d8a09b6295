"""Commands that check a data folder and make its documents: validate, build, report, batch."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.data import results
from generator.data.model import Agreement, load_agreement
from generator.documents import packet
from generator.errors import DataError, GeneratorError, Problem, TemplateError, shown
from generator.i18n import _, in_language
from generator.store import changes, edits, handedits, locks, manifest, output
from generator.store.output import write_folder

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent


CHANGES = "CHANGES.txt"


def default_templates() -> Path:
    """Return the templates folder: the project's own, or ./templates."""
    bundled = PROJECT_ROOT / "templates"
    return bundled if bundled.is_dir() else Path("templates")


@dataclass
class BuildResult:
    agreement: Agreement
    out_dir: Path
    written: list[Path]
    report: list[str]
    rendered: list[str]
    stale: list[str] = dataclasses.field(default_factory=list)  # parts --only left out of date
    rounds: list = dataclasses.field(default_factory=list)      # progress rounds reported on
    hand_edits: list = dataclasses.field(default_factory=list)  # edited files kept aside by this build
    pending: list = dataclasses.field(default_factory=list)     # kept before and not yet carried back


def validate(data_dir: Path, strict: bool = False, with_results: bool = True) -> Agreement:
    """Run every check `build` runs on `data_dir`; raise DataError listing all problems.

    The progress rounds' results files are checked too, unless `with_results` is False
    (an edit of the register or a rollover, which read them their own way). With
    `strict`, warnings (proofreading, far dates, unquoted yes/no, example results) fail too.
    """
    return checked(data_dir, strict, with_results)[0]


def checked(data_dir: Path, strict: bool = False, with_results: bool = True) -> tuple[Agreement, list]:
    """Return the checked agreement of `data_dir` and its checked progress rounds."""
    if data_dir.is_dir() and edits.pending(data_dir):
        with locks.lock(data_dir):
            edits.recover(data_dir)
    agreement = load_agreement(data_dir)
    rounds, problems = [], []
    for number in results.rounds_in(data_dir) if with_results else []:
        try:
            rounds.append(results.load_round(data_dir, agreement, number))
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(list(agreement.warnings) + problems)
    warnings = agreement.warnings + tuple(w for rnd in rounds for w in rnd.warnings)
    agreement = dataclasses.replace(agreement, warnings=warnings)
    if strict and warnings:
        raise DataError(list(warnings) + [Problem("strict_warnings", str(data_dir),
                                                  params={"count": len(warnings)})])
    return agreement, rounds


def build(data_dir: Path, out_dir: Path | None = None, digits: str = "arabic",
          templates: Path | None = None, progress=None, strict: bool = False,
          only: set[int] | None = None, now: datetime | None = None,
          out_root: Path | None = None) -> BuildResult:
    """Check `data_dir`, render what changed, and replace the output folder atomically.

    A file whose inputs are unchanged keeps its bytes and mtime. With `only`, just
    those indicator sheets are rendered, the other parts are kept as they are on
    disk, and the packet is joined again. Without `out_dir`, the packet goes to
    output/<fiscal year>, or with `out_root` (a batch) to OUT_ROOT/<fiscal year>/<unit code>.
    """
    agreement, rounds = checked(data_dir, strict)
    out_dir = out_dir or unit_folder(agreement, out_root)
    templates = templates or default_templates()
    with locks.lock(Path(os.path.realpath(out_dir))):   # from reading the manifest to the swap
        output.prepare(out_dir)
        document = manifest.read_document(out_dir)
        output.check_target(out_dir, manifest.owned(document), (data_dir,))
        previous = document.get("files", {})
        _check_only(only, agreement, previous, out_dir)
        files, entries, rendered, stale = _render(agreement, rounds, previous, out_dir, templates, digits,
                                                  only, progress)
        pdfs, dropped = _kept_pdfs(document, out_dir, files)
        kept = handedits.keep(out_dir, document, files)   # last: a save made while rendering counts too
        report, record = _reports(data_dir, out_dir, agreement, previous, entries, kept,
                                  [name for name in dropped if name not in {e.of for e in kept.moved}],
                                  now or datetime.now())
        files.update(kept.files)
        files[manifest.NAME] = manifest.dump(entries, agreement.fiscal_year, digits, pdfs, kept.edited,
                                             kept.absorbed)
        files[CHANGES] = _append(out_dir / CHANGES, record)
        written = write_folder(out_dir, files, manifest.owned(document), (data_dir,))
        output.keep_times(out_dir, {edit.name: edit.saved.timestamp() for edit in kept.moved})
    moved = {edit.name for edit in kept.moved}
    pending = [e for e in handedits.found(out_dir, manifest.read_document(out_dir))
               if e.kept and not e.absorbed and e.name not in moved]
    return BuildResult(agreement, out_dir, written, report, rendered, stale, rounds, kept.moved, pending)


def _reports(data_dir, out_dir, agreement, previous, entries, kept, dropped, now) -> tuple[list[str], list[str]]:
    """Return the change report for the screen and, in Thai, for CHANGES.txt."""
    numbers = packet.numbers(agreement)
    edited = {edit.of for edit in kept.moved}
    command = (data_dir, None if out_dir == unit_folder(agreement) else out_dir)

    def lines() -> list[str]:
        return changes.report(previous, entries, numbers, f"agreement build {shown(data_dir)}", now, edited) \
            + changes.hand_edit_lines(kept.moved, out_dir, numbers, *command) + _dropped_lines(dropped)

    screen = lines()
    with in_language("th"):  # CHANGES.txt is the office's record: Thai whatever the screen shows
        return screen, lines()


def _render(agreement, rounds, previous, out_dir, templates, digits, only, progress):
    """Return the packet's files, their manifest entries, and the names rendered anew."""
    parts = packet.parts(agreement, rounds)
    for name in sorted({part.template for part in parts}):
        if not (templates / name).is_file():
            raise TemplateError("template_not_found", template=str(templates / name))
    files, entries, rendered, stale = {}, {}, [], []
    for part in parts:
        inputs = packet.input_hash(part, templates, digits)
        if only is not None and part.number not in only \
                and not handedits.changed_on_disk(out_dir, {"files": previous}, part.name):
            # -- kept as it is on disk; a part edited by hand is made again (its copy is kept aside) --
            files[part.name], entries[part.name] = _kept(previous, out_dir, part.name)
            if entries[part.name].get("inputs") != inputs:
                stale.append(part.name)
            continue
        data = None if only is not None else manifest.unchanged(previous, out_dir, part.name, inputs)
        if data is None:
            data = packet.render_part(part, templates, digits)
            rendered.append(part.name)
            if progress:
                progress(part.name)
        files[part.name] = data
        entries[part.name] = manifest.entry(data, inputs, changes.facts(part.context))
    _add_packet(agreement, parts, files, entries, previous, out_dir, rendered)
    return files, entries, rendered, stale


def hand_edits(out_dir: Path) -> list[handedits.HandEdit]:
    """Return the files of `out_dir` that a person changed after the build that wrote them.

    Each is still in place (not built since) or a copy a later build kept aside;
    `absorbed` marks those whose edits `absorb --write` carried into the data. An
    editor shows these as "edited by hand since the last build".
    """
    return handedits.found(out_dir, manifest.read_document(out_dir)) if out_dir.is_dir() else []


def report(data_dir: Path, round_no: int, out_dir: Path | None = None, digits: str = "arabic"):
    """Check round `round_no`'s results and build the output folder with its report.

    Return the build and the round (its scores and warnings). The report is one of the
    output folder's files, so it is in the manifest, the change report and the archive.
    """
    results.load_round(data_dir, validate(data_dir, with_results=False), round_no)   # a missing file first
    built = build(data_dir, out_dir, digits)
    return built, next(r for r in built.rounds if r.number == round_no)


def unit_folder(agreement: Agreement, out_root: Path | None = None) -> Path:
    """Return where a unit's packet goes: output/<fy> alone, OUT_ROOT/<fy>/<unit code> in a batch.

    >>> from types import SimpleNamespace as NS
    >>> unit_folder(NS(fiscal_year=2564, unit=NS(code="bic")), Path("output")).as_posix()
    'output/2564/bic'
    """
    if out_root is None:
        return Path("output") / str(agreement.fiscal_year)
    return out_root / str(agreement.fiscal_year) / agreement.unit.code


def _kept_pdfs(document: dict, out_dir: Path, files: dict[str, bytes]) -> tuple[dict, list[str]]:
    """Keep the PDF copy of each unchanged document; return the kept ones and the dropped names."""
    kept, dropped = {}, []
    for name, record in sorted(document.get("pdf", {}).items()):
        docx = files.get(name[:-len(".pdf")] + ".docx")
        data = manifest.existing(document["pdf"], out_dir, name)
        if data is not None and docx is not None and manifest.sha256(docx) == record.get("docx"):
            files[name], kept[name] = data, record
        elif (out_dir / name).exists():
            dropped.append(name)
    return kept, dropped


def _dropped_lines(dropped: list[str]) -> list[str]:
    return ["  " + _("removed {name}: its document changed; run agreement build --pdf for a new copy").format(name=name)
            for name in dropped]


def _check_only(only, agreement, previous, out_dir) -> None:
    if only is None:
        return
    numbers = {ind.number for ind in agreement.indicators}
    unknown = sorted(only - numbers)
    if unknown:
        raise GeneratorError(_("no indicator {items} in the data").format(items=', '.join(map(str, unknown))))
    if not previous:
        raise GeneratorError(_("nothing was built in {out_dir} yet: run agreement build without --only first").format(
                out_dir=out_dir))


def _kept(previous: dict, out_dir: Path, name: str) -> tuple[bytes, dict]:
    """Return a part kept as it is on disk (for --only), with its manifest entry."""
    data = manifest.existing(previous, out_dir, name)
    if data is None:
        raise GeneratorError(_("{path} is missing or was edited: run agreement build without --only").format(
                path=out_dir / name))
    return data, previous[name]


def _add_packet(agreement, parts, files, entries, previous, out_dir, rendered) -> None:
    """Join the packet again unless every part is what the previous packet was made of."""
    names = [p.name for p in parts if p.joined]
    inputs = manifest.combined_inputs([entries[n]["sha256"] for n in names] + [packet.code_digest()])
    data = manifest.unchanged(previous, out_dir, packet.PACKET_NAME, inputs)
    if data is None:
        data = packet.compose(files[names[0]], [files[n] for n in names[1:]],
                              packet.packet_properties(agreement))
        rendered.append(packet.PACKET_NAME)
    files[packet.PACKET_NAME] = data
    entries[packet.PACKET_NAME] = manifest.entry(data, inputs, {})


def _append(path: Path, lines: list[str]) -> bytes:
    old = path.read_bytes() if path.is_file() else b""
    return old + ("\n".join(lines) + "\n\n").encode("utf-8")
