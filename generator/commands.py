"""One function per command: data folder in, files out. No argument parsing here."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator import __version__, rollover, yamledit
from generator.documents import packet
from generator.store import archive, changes, fonts, locks, manifest, output, pdf
from generator.errors import DataError, GeneratorError, Problem, TemplateError, in_language, tr
from generator.data import results
from generator.data.model import Agreement, load_agreement
from generator.store.output import add_files, write_folder

PROJECT_ROOT = Path(__file__).resolve().parent.parent
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


def validate(data_dir: Path, strict: bool = False) -> Agreement:
    """Run every check on `data_dir`; raise DataError listing all problems.

    With `strict`, warnings (proofreading, far dates, unquoted yes/no) fail too.
    """
    if data_dir.is_dir() and yamledit.pending(data_dir):
        with locks.lock(data_dir):
            yamledit.recover(data_dir)
    agreement = load_agreement(data_dir)
    if strict and agreement.warnings:
        count = len(agreement.warnings)
        raise DataError(list(agreement.warnings) + [Problem("strict_warnings", str(data_dir),
                                                            params={"count": count})])
    return agreement


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
    agreement = validate(data_dir, strict)
    rounds = [results.load_round(data_dir, agreement, n) for n in results.rounds_in(data_dir)]
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
        report_args = (previous, entries, packet.numbers(agreement), f"agreement build {data_dir}",
                       now or datetime.now())
        report = changes.report(*report_args) + _dropped_lines(dropped)
        with in_language("th"):  # CHANGES.txt is the office's record: Thai whatever the screen shows
            record = changes.report(*report_args) + _dropped_lines(dropped)
        files[manifest.NAME] = manifest.dump(entries, agreement.fiscal_year, digits, pdfs)
        files[CHANGES] = _append(out_dir / CHANGES, record)
        written = write_folder(out_dir, files, manifest.owned(document), (data_dir,))
    return BuildResult(agreement, out_dir, written, report, rendered, stale, rounds)


def _render(agreement, rounds, previous, out_dir, templates, digits, only, progress):
    """Return the packet's files, their manifest entries, and the names rendered anew."""
    parts = packet.parts(agreement, rounds)
    for name in sorted({part.template for part in parts}):
        if not (templates / name).is_file():
            raise TemplateError("template_not_found", template=str(templates / name))
    files, entries, rendered, stale = {}, {}, [], []
    for part in parts:
        inputs = packet.input_hash(part, templates, digits)
        if only is not None and part.number not in only:
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


def report(data_dir: Path, round_no: int, out_dir: Path | None = None, digits: str = "arabic"):
    """Check round `round_no`'s results and build the output folder with its report.

    Return the build and the round (its scores and warnings). The report is one of the
    output folder's files, so it is in the manifest, the change report and the archive.
    """
    results.load_round(data_dir, validate(data_dir), round_no)   # a missing file is said first
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
    return [tr(f"  ลบ {name}: เอกสารเปลี่ยนไป สั่ง agreement build --pdf เพื่อทำสำเนา PDF ใหม่",
               f"  removed {name}: its document changed; run agreement build --pdf for a new copy")
            for name in dropped]


def _check_only(only, agreement, previous, out_dir) -> None:
    if only is None:
        return
    numbers = {ind.number for ind in agreement.indicators}
    unknown = sorted(only - numbers)
    if unknown:
        raise GeneratorError(tr(f"ไม่มีตัวชี้วัดที่ {', '.join(map(str, unknown))} ในข้อมูล",
                                f"no indicator {', '.join(map(str, unknown))} in the data"))
    if not previous:
        raise GeneratorError(tr(f"ยังไม่เคยสร้างเอกสารใน {out_dir}: สั่ง agreement build โดยไม่ใช้ --only ก่อน",
                                f"nothing was built in {out_dir} yet: run agreement build without --only first"))


def _kept(previous: dict, out_dir: Path, name: str) -> tuple[bytes, dict]:
    """Return a part kept as it is on disk (for --only), with its manifest entry."""
    data = manifest.existing(previous, out_dir, name)
    if data is None:
        raise GeneratorError(tr(f"{out_dir / name} หายไปหรือถูกแก้ไขหลังสร้าง: สั่ง agreement build โดยไม่ใช้ --only",
                                f"{out_dir / name} is missing or was edited: run agreement build without --only"))
    return data, previous[name]


def _add_packet(agreement, parts, files, entries, previous, out_dir, rendered) -> None:
    """Join the packet again unless every part is what the previous packet was made of."""
    names = [p.name for p in parts if p.joined]
    inputs = manifest.combined_inputs([entries[n]["sha256"] for n in names])
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


@dataclass
class StaffChange:
    key: str
    name: str
    phone: str
    indicators: list[int]


def staff_list(data_dir: Path) -> list[StaffChange]:
    """Return each person in the register with the indicators they answer for."""
    agreement = load_agreement(data_dir)
    return [StaffChange(key, person.name, person.phone_text,
                        [i.number for i in agreement.indicators if key in i.responsible])
            for key, person in agreement.staff.items()]


def staff_replace(data_dir: Path, old: str, new_name: str, phone: str | None = None,
                  ext: str | None = None,
                  new_key: str | None = None) -> tuple[StaffChange, StaffChange]:
    """Put `new_name` in place of person `old` (key or name) in the register and in
    every indicator that names them; keep the clerk's comments and layout.
    Return the person before and after.
    """
    _check_numbers(phone, ext)
    register = _register(data_dir)
    people = register["staff"]
    key = _find_person(people, old)
    new_key = new_key or yamledit.key_for(new_name)
    if new_key != key and new_key in people:
        raise GeneratorError(tr(f"มีรหัส {new_key} ในทะเบียนแล้ว ใช้ --key ตั้งรหัสอื่น",
                                f"the register already has {new_key}; choose another with --key"))
    return _edit_person(data_dir, register, key, new_key, new_name, phone, ext)


def staff_set(data_dir: Path, who: str, name: str | None = None, phone: str | None = None,
              ext: str | None = None) -> tuple[StaffChange, StaffChange]:
    """Change one person's name, phone or extension; return them before and after.

    Refuse an edit that changes nothing, and a phone or extension that is not one.
    """
    if name is None and phone is None and ext is None:
        raise GeneratorError(tr("ไม่ได้บอกว่าจะแก้อะไร: ระบุ --name, --phone หรือ --ext อย่างน้อยหนึ่งอย่าง",
                                "nothing to change: give --name, --phone or --ext"))
    _check_numbers(phone, ext)
    register = _register(data_dir)
    key = _find_person(register["staff"], who)
    person = register["staff"][key]
    if all(value is None or value == person.get(field)
           for field, value in (("name", name), ("phone", phone), ("ext", ext))):
        raise GeneratorError(tr(f"{person['name']} มีข้อมูลนี้อยู่แล้ว: ไม่ได้แก้ไฟล์ใด",
                                f"{person['name']} already has these details: no file was changed"))
    return _edit_person(data_dir, register, key, key, name, phone, ext)


PHONE = re.compile(r"^0[0-9]([ -]?[0-9]){7,8}$")  # 02 628 5646, 081-234-5678
EXT = re.compile(r"^[0-9]{1,6}$")


def _check_numbers(phone: str | None, ext: str | None) -> None:
    """Refuse a phone or extension a caller could not dial, before any file is touched."""
    phone, ext = (None if v is None else re.sub(r"[\x00-\x1f]", lambda m: f"[U+{ord(m[0]):04X}]", v)
                  for v in (phone, ext))
    if phone is not None and not PHONE.match(phone):
        raise GeneratorError(tr(f"เบอร์โทร {phone} ไม่ถูกต้อง: ต้องเป็นเลข 9–10 หลักขึ้นต้นด้วย 0 เช่น 02 628 5646",
                                f"phone {phone} is not valid: 9–10 digits starting with 0, "
                                "e.g. 02 628 5646"))
    if ext is not None and not EXT.match(ext):
        raise GeneratorError(tr(f"เลขต่อ {ext} ไม่ถูกต้อง: ต้องเป็นตัวเลขอย่างเดียว เช่น 109",
                                f"extension {ext} is not valid: digits only, e.g. 109"))


def _register(data_dir: Path):
    """Return staff.yaml for editing, once the whole folder checks (an empty, broken or
    wrongly encoded register is reported with its place, not edited)."""
    validate(data_dir)
    return yamledit.load(data_dir / "staff.yaml")


def _find_person(people, who: str) -> str:
    for key, person in people.items():
        if who in (key, person["name"]):
            return key
    raise GeneratorError(tr(f"ไม่พบ {who} ในทะเบียน staff.yaml (ใช้รหัสหรือชื่อเต็ม: {', '.join(people)})",
                            f"{who} is not in staff.yaml (use a key or full name: {', '.join(people)})"))


def _edit_person(data_dir, register, key, new_key, name, phone, ext):
    before = {c.key: c for c in staff_list(data_dir)}[key]
    person = register["staff"][key]
    if name:
        person["name"] = name
    for field, value in (("phone", phone), ("ext", ext)):
        if value is not None:
            person[field] = yamledit.quoted(value)
    texts = {}
    if new_key != key:
        yamledit.rename_key(register["staff"], key, new_key)
        for path in sorted((data_dir / "indicators").glob("*.yaml")):
            indicator = yamledit.load(path)
            refs = indicator.get("responsible") or []
            if key in refs:
                refs[refs.index(key)] = new_key
                texts[f"indicators/{path.name}"] = yamledit.dumps(indicator)
    texts["staff.yaml"] = yamledit.dumps(register)
    yamledit.apply(data_dir, texts)
    return before, {c.key: c for c in staff_list(data_dir)}[new_key]


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
    from generator import batch, overview

    units = batch.build_all(batch.find_units(paths), out_root, digits, strict, jobs, progress, templates)
    built = [u.out_dir for u in units if u.ok]
    if with_pdf and built:
        pdf_copies_many(built, font_dir, pdf_progress)
    out_root.mkdir(parents=True, exist_ok=True)
    written = add_files(out_root, overview.documents(units, templates or default_templates(), digits))
    return BatchResult(units, written)


def pdf_copies(out_dir: Path, font_dir: Path | None = None, progress=None) -> list[Path]:
    """Add a checked PDF/A-2b copy beside every .docx in a built output folder."""
    return pdf_copies_many([out_dir], font_dir, progress)


def pdf_copies_many(out_dirs: list[Path], font_dir: Path | None = None, progress=None) -> list[Path]:
    """Add checked PDF/A-2b copies beside the documents of built folders, in one soffice call.

    Each folder's manifest records its copies first, so a kill never leaves an unlisted PDF.
    """
    locks.clean_stale_temp()
    documents = {out_dir: manifest.read_document(out_dir) for out_dir in out_dirs}
    names = {out_dir: sorted(n for n in doc.get("files", {}) if n.endswith(".docx"))
             for out_dir, doc in documents.items()}
    with locks.temp_folder("agreement-pdf") as tmp:
        made = _convert_checked([d / n for d, ns in names.items() for n in ns], Path(tmp), font_dir, progress)
        copies = {d: {n[:-len(".docx")] + ".pdf": made[d / n].read_bytes() for n in ns}
                  for d, ns in names.items()}
    written = []
    for out_dir, files in copies.items():
        written += _add_pdfs(out_dir, documents[out_dir], files)
    return written


def _add_pdfs(out_dir: Path, document: dict, files: dict[str, bytes]) -> list[Path]:
    records = {name: {"sha256": manifest.sha256(data),
                      "docx": document["files"][name[:-len(".pdf")] + ".docx"]["sha256"]}
               for name, data in files.items()}
    text = manifest.dump(document["files"], document.get("fiscal_year"), document.get("digits"), records)
    with locks.lock(Path(os.path.realpath(out_dir))):
        add_files(out_dir, {manifest.NAME: text})
        return add_files(out_dir, files)


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


def _convert_checked(docx: list[Path], tmp: Path, font_dir: Path | None, progress) -> dict:
    """Convert `docx` to PDF/A-2b in one soffice call; fail if any copy is not right."""
    conf = pdf.fonts_conf(fonts.cache_dir().parent, font_dir)
    pdfs = pdf.convert(docx, tmp, conf, pdfa=True, progress=progress)
    problems = [problem for made in pdfs for problem in pdf.check(made, pdfa=True)]
    if problems:
        raise GeneratorError("\n".join(problems))
    return dict(zip(docx, pdfs, strict=True))


@dataclass
class ArchiveResult:
    created: bool
    revision: Path
    report: list[str]


def make_archive(data_dir: Path, root: Path, reason: str = "", font_dir: Path | None = None,
                 progress=None, now: datetime | None = None) -> ArchiveResult:
    """Build the packet and store it as the next immutable revision, unless nothing changed."""
    now = now or datetime.now()
    archive.check_root(data_dir, root)
    locks.clean_stale_temp()
    with locks.lock(Path(os.path.realpath(root))):
        return _archive_locked(data_dir, root, reason, font_dir, progress, now)


def _archive_locked(data_dir, root, reason, font_dir, progress, now) -> ArchiveResult:
    with locks.temp_folder("agreement-archive") as tmp:
        out = Path(tmp) / "out"
        built = build(data_dir, out, now=now)
        agreement = built.agreement
        folder = archive.unit_root(root, agreement.fiscal_year, agreement.unit.code)
        archive.check_before_adding(folder)
        sources = _sources(data_dir, out)
        source_digest = archive.digest({rel: path.read_bytes() for rel, path in sources.items()})
        existing = archive.revisions(folder)
        if existing and archive.bag_info(existing[-1]).get(archive.DIGEST_FIELD) == source_digest:
            return ArchiveResult(False, existing[-1], [tr(
                f"ข้อมูลและเอกสารเหมือน {existing[-1].name} ทุกไบต์: ไม่สร้างฉบับใหม่",
                f"data and documents are identical to {existing[-1].name}: no new revision")])
        docx = [path for rel, path in sources.items() if rel.endswith(".docx")]
        made = _convert_checked(docx, Path(tmp) / "pdf", font_dir, progress)
        payload = {**sources, **{rel[:-5] + ".pdf": made[path] for rel, path in sources.items()
                                 if rel.endswith(".docx")}}
        report = _revision_report(existing, out, built, now)
        (Path(tmp) / "CHANGES.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
        payload["CHANGES.txt"] = Path(tmp) / "CHANGES.txt"
        payload["manifest.json"] = out / manifest.NAME
        root.mkdir(parents=True, exist_ok=True)
        (root / output.ARCHIVE_MARKER).touch()   # so that no build may write inside the archive
        revision = archive.store(folder, payload, _info(agreement, reason, now, source_digest))
    return ArchiveResult(True, revision, report)


def _sources(data_dir: Path, out: Path) -> dict[str, Path]:
    """Return what a revision keeps, by bag path: the .docx files and the source data."""
    files = {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*.docx"))}
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            files[f"source/{path.relative_to(data_dir).as_posix()}"] = path
    words = data_dir.parent / "words.txt"
    if words.is_file() and "source/words.txt" not in files:  # the data folder's own list wins
        files["source/words.txt"] = words
    return files


def _revision_report(existing: list[Path], out: Path, built: BuildResult, now: datetime) -> list[str]:
    """Return the change list of a new revision against the one before it."""
    previous = manifest.read(existing[-1] / "data") if existing else {}
    entries = manifest.read(out)
    numbers = packet.numbers(built.agreement)
    title = tr(f"ฉบับแก้ไขต่อจาก {existing[-1].name}", f"revision after {existing[-1].name}") \
        if existing else tr("ฉบับแรก", "first revision")
    return changes.report(previous, entries, numbers, title, now)


def _info(agreement: Agreement, reason: str, now: datetime, source_digest: str) -> dict:
    return {"Source-Organization": agreement.unit.office,
            "External-Description": f"คำรับรองการปฏิบัติราชการ ปีงบประมาณ พ.ศ. {agreement.fiscal_year} "
                                    f"{agreement.unit.name}",
            "Fiscal-Year": str(agreement.fiscal_year), "Unit-Code": agreement.unit.code,
            "Unit-Name": agreement.unit.name, "Generator-Version": __version__,
            "Created": now.isoformat(timespec="seconds"), "Reason": reason or "-",
            archive.DIGEST_FIELD: source_digest}


def verify(path: Path) -> dict[Path, list[str]]:
    """Check one bag or every bag under `path`; return each bag's problems."""
    results = archive.verify_tree(path)
    if not results:
        raise GeneratorError(tr(f"ไม่พบ BagIt bag ใน {path}", f"no BagIt bag in {path}"))
    return results


@dataclass
class RolloverResult:
    target: Path
    checklist: list[str]


def make_rollover(source: Path, to_year: int, target: Path | None = None,
                  force: bool = False) -> RolloverResult:
    """Write next year's data folder from `source`; refuse to replace one unless `force`.

    The 12-month results (results/12.yaml), checked first, become the newest baseline year.
    """
    agreement = validate(source)
    if 12 in results.rounds_in(source):
        try:
            results.load_round(source, agreement, 12)
        except DataError as exc:   # a missing result only leaves its baseline cell "-"
            if any(p.code != "missing_result" for p in exc.problems if not p.warning):
                raise
    target = target or source.parent / str(to_year)
    if target.exists() and not force:
        raise GeneratorError(tr(f"{target} มีอยู่แล้ว: ไม่เขียนทับ (ใช้ --force เพื่อแทนที่)",
                                f"{target} exists: not overwritten (use --force to replace it)"))
    output.check_protected(target, (source,))
    files, checklist = rollover.roll(source, to_year)
    yamledit.check(files)
    write_folder(target, files, _replaceable_data(target), (source,))
    return RolloverResult(target, checklist)


def _replaceable_data(target: Path) -> set[str]:
    """Return the files `rollover --force` may replace: those of a data folder, nothing else."""
    if not target.is_dir():
        return set()
    if not (target / "agreement.yaml").is_file():
        raise GeneratorError(tr(f"{target} ไม่ใช่โฟลเดอร์ข้อมูล (ไม่มี agreement.yaml): ไม่เขียนทับแม้สั่ง --force",
                                f"{target} is not a data folder (no agreement.yaml): not replaced, even with --force"))
    return {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
