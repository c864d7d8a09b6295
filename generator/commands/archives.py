"""Commands that keep what was made: PDF/A copies, archive revisions, verify."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import __version__, code_digest
from generator.commands.packets import BuildResult, build, hand_edits, validate
from generator.data import results
from generator.data.model import Agreement
from generator.data.proofread import word_list
from generator.documents import packet
from generator.errors import GeneratorError, os_error_text, shown
from generator.i18n import _, ngettext
from generator.store import archive, changes, fonts, locks, manifest, output, pdf
from generator.store.output import add_files


def pdf_copies(out_dir: Path, font_dir: Path | None = None, progress=None,
               words: frozenset[str] = frozenset()) -> list[Path]:
    """Add a checked PDF/A-2b copy beside every .docx in a built output folder."""
    outcome = pdf_copies_many([out_dir], font_dir, progress, {out_dir: words})[out_dir]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def pdf_copies_many(out_dirs: list[Path], font_dir: Path | None = None, progress=None,
                    words: dict[Path, frozenset[str]] | None = None) -> dict[Path, list[Path] | GeneratorError]:
    """Add checked PDF/A-2b copies beside the documents of built folders; return, by folder,
    the copies written or what went wrong.

    Each copy is made from its own document with its own folder's accepted `words` (by
    folder; none if not given): the folders that accept the same words go to LibreOffice in
    one call. If a call fails, each of its folders is converted on its own, so a folder
    whose documents cannot be converted fails alone. Each folder's manifest records its
    copies first, so a kill never leaves an unlisted PDF.
    """
    locks.clean_stale_temp()
    documents = {out_dir: manifest.read_document(out_dir) for out_dir in out_dirs}
    names = {out_dir: sorted(n for n in doc.get("files", {}) if n.endswith(".docx"))
             for out_dir, doc in documents.items()}
    outcome: dict = {}
    with locks.temp_folder("agreement-pdf") as tmp:
        groups: dict[frozenset, list[Path]] = {}
        for out_dir in out_dirs:
            groups.setdefault((words or {}).get(out_dir, frozenset()), []).append(out_dir)
        made: dict[Path, Path] = {}
        total, offset = sum(len(ns) for ns in names.values()), 0
        for number, (accepted, folders) in enumerate(groups.items()):
            everything = [d / n for d in folders for n in names[d]]
            counted = (lambda done, _, start=offset: progress(start + done, total)) if progress else None
            try:
                made.update(zip(everything, _convert(everything, Path(tmp) / f"all-{number}", font_dir,
                                                     counted, accepted)))
            except GeneratorError:
                pass
            offset += len(everything)
        for index, (out_dir, ns) in enumerate(names.items()):
            try:
                docx = [out_dir / n for n in ns]
                pdfs = [made[p] for p in docx] if all(p in made for p in docx) else \
                    _convert(docx, Path(tmp) / str(index), font_dir, None, (words or {}).get(out_dir, frozenset()))
                _check(pdfs)
                files = {n[:-len(".docx")] + ".pdf": made_pdf.read_bytes() for n, made_pdf in zip(ns, pdfs)}
                outcome[out_dir] = _add_pdfs(out_dir, documents[out_dir], files)
            except (GeneratorError, OSError) as exc:
                outcome[out_dir] = exc if isinstance(exc, GeneratorError) else GeneratorError(os_error_text(exc))
    return outcome


def pdf_of(docx: bytes, name: str, font_dir: Path | None = None) -> bytes:
    """Return the checked PDF/A-2b copy of one document given as bytes (the batch overview)."""
    with locks.temp_folder("agreement-pdf") as tmp:
        source = Path(tmp) / name
        source.write_bytes(docx)
        made = _convert_checked([source], Path(tmp) / "pdf", font_dir, None)
        return made[source].read_bytes()


def _add_pdfs(out_dir: Path, document: dict, files: dict[str, bytes]) -> list[Path]:
    records = {name: {"sha256": manifest.sha256(data),
                      "docx": document["files"][name[:-len(".pdf")] + ".docx"]["sha256"]}
               for name, data in files.items()}
    text = manifest.redump(document, pdf=records)
    with locks.lock(Path(os.path.realpath(out_dir))):
        if manifest.read_document(out_dir) != document:
            raise GeneratorError(_("{out_dir} changed while its PDF copies were made: run again").format(
                    out_dir=out_dir))
        owned = manifest.owned(document)
        output.refuse_foreign_files(out_dir, list(files), owned)
        add_files(out_dir, {manifest.NAME: text}, owned)   # -- listed first: a kill leaves no stray PDF --
        return add_files(out_dir, files, owned | set(files))


def accepted_words(data_dir: Path) -> frozenset[str]:
    """Return the words the data folder accepts besides pythainlp's (its words.txt and its parent's)."""
    return frozenset(word_list(data_dir / "words.txt") | word_list(data_dir.parent / "words.txt"))


def print_note() -> str | None:
    """Return what PDF copies will lack on this machine (the Thai dictionary's tool), or None."""
    return pdf.dictionary_note()


def font_build_needed(font_dir: Path | None) -> bool:
    """Tell whether PDF conversion must first build the stand-in font (once, some seconds)."""
    return font_dir is None and fonts.stand_in_missing()


def refresh_output(data_dir: Path) -> BuildResult | None:
    """Rebuild the working folder output/<fiscal year>, if there is one, so it shows
    what was just archived; keep the digits it was built with."""
    out_dir = Path("output") / str(validate(data_dir).fiscal_year)
    if not (out_dir / manifest.NAME).is_file():
        return None
    return build(data_dir, out_dir, manifest.digits(out_dir))


def _convert_checked(docx: list[Path], tmp: Path, font_dir: Path | None, progress,
                     words: frozenset[str] = frozenset()) -> dict:
    """Convert `docx` to PDF/A-2b in one soffice call; fail if any copy is not right."""
    pdfs = _convert(docx, tmp, font_dir, progress, words)
    _check(pdfs)
    return dict(zip(docx, pdfs, strict=True))


def _convert(docx: list[Path], tmp: Path, font_dir: Path | None, progress,
             words: frozenset[str] = frozenset()) -> list[Path]:
    conf = pdf.fonts_conf(fonts.cache_dir().parent, font_dir)
    return pdf.print_pdfs(docx, tmp, conf, pdfa=True, progress=progress, words=words)


def _check(pdfs: list[Path]) -> None:
    problems = [problem for made in pdfs for problem in pdf.check(made, pdfa=True)]
    if problems:
        raise GeneratorError("\n".join(problems))


@dataclass
class ArchiveResult:
    created: bool
    revision: Path
    report: list[str]


def make_archive(data_dir: Path, root: Path, reason: str = "", font_dir: Path | None = None,
                 progress=None, now: datetime | None = None, allow_example: bool = False) -> ArchiveResult:
    """Build the packet and store it as the next immutable revision, unless nothing changed.

    Example results (``example: true``) are refused unless `allow_example`: a revision is
    the office's record. The data folder's hidden files and links leading out of it are
    not stored; the report names them.
    """
    now = now or datetime.now()
    archive.check_root(data_dir, root)
    _check_hand_edits(data_dir, Path("output") / str(validate(data_dir).fiscal_year))
    locks.clean_stale_temp()
    with locks.lock(Path(os.path.realpath(root))):
        return _archive_locked(data_dir, root, reason, font_dir, progress, now, allow_example)


def _archive_locked(data_dir, root, reason, font_dir, progress, now, allow_example) -> ArchiveResult:
    with locks.temp_folder("agreement-archive") as tmp:
        out = Path(tmp) / "out"
        built = build(data_dir, out, now=now)
        agreement = built.agreement
        examples = [results.round_file(r.number) for r in built.rounds if r.example]
        if examples and not allow_example:
            raise GeneratorError(_("{items} holds example results (example: true), not real ones: not "
                                   "archived (enter the real results and delete the example line, or move "
                                   "the file away; to archive the example on purpose, give "
                                   "--allow-example); the archive was not touched").format(items=', '.join(examples)))
        folder = archive.unit_root(root, agreement.fiscal_year, agreement.unit.code)
        archive.check_before_adding(folder)
        sources, skipped = _sources(data_dir, out)
        source_digest = archive.digest({rel: path.read_bytes() for rel, path in sources.items()})
        existing = archive.revisions(folder)
        if existing and archive.bag_info(existing[-1]).get(archive.DIGEST_FIELD) == source_digest:
            return ArchiveResult(False, existing[-1], [_("data and documents are identical to {name}: no "
                                                         "new revision").format(name=existing[-1].name)])
        docx = [path for rel, path in sources.items() if rel.endswith(".docx")]
        made = _convert_checked(docx, Path(tmp) / "pdf", font_dir, progress, accepted_words(data_dir))
        payload = {**sources, **{rel[:-5] + ".pdf": made[path] for rel, path in sources.items()
                                 if rel.endswith(".docx")}}
        report = _revision_report(existing, out, built, now) + _skipped_lines(skipped)
        (Path(tmp) / "CHANGES.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
        payload["CHANGES.txt"] = Path(tmp) / "CHANGES.txt"
        payload["manifest.json"] = out / manifest.NAME
        root.mkdir(parents=True, exist_ok=True)
        if not (root / output.ARCHIVE_MARKER).exists():   # so that no build may write inside the archive
            (root / output.ARCHIVE_MARKER).touch()
        info = _info(agreement, reason, now, source_digest)
        if examples:
            info["Example-Results"] = ", ".join(examples)
        revision = archive.store(folder, payload, info)
    return ArchiveResult(True, revision, report)


def _check_hand_edits(data_dir: Path, out_dir: Path) -> None:
    """Refuse to archive while a document of the working folder holds a hand edit not yet
    carried into the data: the revision is made from the data, so it would lack the edit."""
    pending = [e for e in hand_edits(out_dir) if not e.absorbed and e.of.endswith(".docx")]
    if not pending:
        return
    names = ", ".join(str(out_dir / e.name) for e in pending)
    steps = "\n".join(f"  agreement absorb {out_dir / e.name} {data_dir} --write" for e in pending)
    raise GeneratorError(ngettext(
        "{names} was edited by hand after the build and not yet carried into the data: a revision is made "
        "from the data, so it would lack the edit; no revision was made\nCarry the edit into the data first, "
        "then archive again:\n{steps}\nIf the edit is not wanted, move that file out of {out_dir}",
        "{names} were edited by hand after the build and not yet carried into the data: a revision is made "
        "from the data, so it would lack the edit; no revision was made\nCarry the edit into the data first, "
        "then archive again:\n{steps}\nIf the edit is not wanted, move those files out of {out_dir}",
        len(pending)).format(names=names, steps=steps, out_dir=out_dir))


def _sources(data_dir: Path, out: Path) -> tuple[dict[str, Path], list[str]]:
    """Return what a revision keeps, by bag path (the .docx files and the source data), and
    what of the data folder it leaves out: hidden files and folders (``.git``), links that
    lead out of the data folder, anything but plain files."""
    files = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.docx"))}
    top = Path(os.path.realpath(data_dir))
    skipped, unnamed = [], []
    for root, dirs, names in os.walk(data_dir):
        base = Path(root)
        for name in sorted(dirs):
            if name.startswith(".") or (base / name).is_symlink():
                skipped.append((base / name).relative_to(data_dir).as_posix() + "/")
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for name in sorted(names):
            path, rel = base / name, (base / name).relative_to(data_dir).as_posix()
            real = Path(os.path.realpath(path))
            if name.startswith(".") or not real.is_file() or top not in real.parents:
                skipped.append(rel)
            elif shown(rel) != rel:
                unnamed.append(shown(rel))
            else:
                files[f"source/{rel}"] = path
    if unnamed:
        raise GeneratorError(_("file names that are not UTF-8: {items} — rename them before archiving").format(
                items=', '.join(unnamed)))
    words = data_dir.parent / "words.txt"
    if words.is_file() and "source/words.txt" not in files:  # the data folder's own list wins
        files["source/words.txt"] = words
    return files, skipped


def _skipped_lines(skipped: list[str]) -> list[str]:
    if not skipped:
        return []
    shown_list = ", ".join(shown(s) for s in skipped[:10]) + (" …" if len(skipped) > 10 else "")
    return [_("left out of the data folder (hidden, a link leading outside it, or not a plain file): "
              "{shown_list}").format(shown_list=shown_list)]


def _revision_report(existing: list[Path], out: Path, built: BuildResult, now: datetime) -> list[str]:
    """Return the change list of a new revision against the one before it."""
    previous = manifest.read(existing[-1] / "data") if existing else {}
    entries = manifest.read(out)
    numbers = packet.numbers(built.agreement)
    title = _("revision after {name}").format(name=existing[-1].name) \
        if existing else _("first revision")
    return changes.report(previous, entries, numbers, title, now)


def _info(agreement: Agreement, reason: str, now: datetime, source_digest: str) -> dict:
    return {"Source-Organization": agreement.unit.office,
            "External-Description": f"คำรับรองการปฏิบัติราชการ ปีงบประมาณ พ.ศ. {agreement.fiscal_year} "
                                    f"{agreement.unit.name}",
            "Fiscal-Year": str(agreement.fiscal_year), "Unit-Code": agreement.unit.code,
            "Unit-Name": agreement.unit.name, "Generator-Version": __version__,
            "Generator-Code": code_digest(),
            "Created": now.isoformat(timespec="seconds"), "Reason": reason or "-",
            archive.DIGEST_FIELD: source_digest}


def verify(path: Path) -> dict[Path, list[str]]:
    """Check one bag or every bag under `path`; return each bag's problems."""
    results = archive.verify_tree(path)
    if not results:
        raise GeneratorError(_("no BagIt bag in {path}").format(path=path))
    return results

