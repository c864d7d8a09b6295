"""Carry a clerk's edit of a Word file back into the data: ``agreement absorb``.

The document is compared with what the data makes now (`documents.trace`,
`documents.compare`). Each difference that lies in one value is traced to its
YAML file, line and field (`documents.origins`); with `write`, the new texts land
in their fields together, comments and layout kept, journaled like a staff edit
(`store.edits`). Whatever cannot be carried is listed with its reason, never guessed.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.commands.packets import default_templates, validate
from generator.data import roundtrip
from generator.data.loader import load
from generator.data.model import Agreement
from generator.documents import compare, origins, packet, trace
from generator.documents.compare import Change
from generator.documents.origins import Origin
from generator.errors import GeneratorError
from generator.i18n import N_, _
from generator.store import edits, handedits, locks, manifest, output
from generator.text import thai
from generator.text.reading import fingerprint, reading


@dataclass(frozen=True)
class Source:
    """What the tool knows of an edited document: which one it is and how it was built."""

    of: str                       # its name in an output folder: packet.docx, sheets/indicator-05.docx
    digits: str                   # the digits it was built with
    base: dict = field(default_factory=dict)   # fingerprints of the facts it showed, by part
    out_dir: Path | None = None   # the output folder whose manifest lists it
    name: str | None = None       # its name there


@dataclass(frozen=True)
class Difference:
    """One difference, with the field that produced the text, or why it cannot be carried."""

    change: Change
    origin: Origin | None = None
    line: int | None = None
    value: object = None          # what --write puts in the field
    why: str = ""                 # empty when the value can be written

    @property
    def writable(self) -> bool:
        return not self.why


@dataclass
class Absorbed:
    document: Path
    data_dir: Path
    source: Source
    differences: list[Difference]
    written: list[str]            # YAML files written, relative to the data folder
    absorbed: bool                # the output folder now counts the document as carried back
    numbers: dict[str, int] = field(default_factory=dict)   # each sheet's indicator number
    templates: dict[str, str] = field(default_factory=dict)  # each part's template


def absorb(document: Path, data_dir: Path, write: bool = False,
           templates: Path | None = None) -> Absorbed:
    """List how `document` differs from what `data_dir` makes; with `write`, carry each
    difference that lies in one field into that field."""
    agreement = validate(data_dir)
    data = _read(document)
    source = _source(document, data, agreement)
    parts = _parts(agreement, source.of, document)
    templates = templates or default_templates()
    expected, shapes = [], []
    for part in parts:
        traced, part_shapes = trace.trace(part.name, templates / part.template, part.context, source.digits,
                                          part.properties)
        expected += traced
        shapes += [(part.name, shape) for shape in part_shapes]
    found, found_shapes = trace.units(data)
    changes = compare.compare(expected, [reading(u.text) for u in found]) + compare.tables(shapes, found_shapes)
    differences = _differences(agreement, data_dir, {p.name: p for p in parts}, changes, source)
    written = _write(data_dir, differences) if write else []
    return Absorbed(document, data_dir, source, differences, written, write and _mark_absorbed(source, data),
                    packet.numbers(agreement), {p.name: p.template for p in parts})


def _read(document: Path) -> bytes:
    """Return the bytes of `document`, refusing a missing file or one that is not a .docx."""
    if not document.is_file():
        raise GeneratorError(_("{document} does not exist").format(document=document))
    data = document.read_bytes()
    try:
        with zipfile.ZipFile(document) as z:
            z.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise GeneratorError(_("{document} is not a readable Word (.docx) file").format(document=document)) from None
    return data


def _source(path: Path, data: bytes, agreement: Agreement) -> Source:
    """Return what the output folder holding `path` says of it; else what its name and digits say."""
    for out_dir in (path.parent, path.parent.parent):
        try:
            document = manifest.read_document(out_dir)
        except GeneratorError:
            continue
        name = Path(os.path.relpath(path, out_dir)).as_posix()
        digits = document.get("digits", "arabic")
        if name in document.get("files", {}):
            return Source(name, digits, handedits.base_facts(document, name), out_dir, name)
        record = document.get("edited", {}).get(name)
        if record:
            return Source(record["of"], record.get("digits", digits), record.get("base") or {}, out_dir, name)
    return Source(_named(path, agreement), _digits_in(data))


def _named(path: Path, agreement: Agreement) -> str:
    """Return which document `path` is by its name: packet…, agreement…, or …indicator-NN…."""
    number = re.search(r"indicator-(\d+)", path.name)
    if number:
        for ind in agreement.indicators:
            if ind.number == int(number[1]):
                return packet.sheet_name(ind)
    for name in (packet.PACKET_NAME, packet.FRONT_NAME):
        if not number and path.name.startswith(name.removesuffix(".docx")):
            return name
    raise GeneratorError(_("cannot tell which document of the agreement {path} is: use the file in its "
                           "output folder, or name it starting with packet or agreement, or holding "
                           "indicator-NN (an indicator of the data)").format(path=path))


def _digits_in(data: bytes) -> str:
    """Return ``thai`` when the document's digits are mostly Thai, else ``arabic``."""
    text = "".join(u.text for u in trace.units(data)[0])
    return "thai" if sum(c in "๐๑๒๓๔๕๖๗๘๙" for c in text) > sum(c in "0123456789" for c in text) else "arabic"


def _parts(agreement: Agreement, of: str, path: Path) -> list[packet.Part]:
    """Return the parts the document `of` is made of: all joined parts for the packet, else one."""
    parts = packet.parts(agreement)
    if of == packet.PACKET_NAME:
        return [p for p in parts if p.joined]
    chosen = [p for p in parts if p.name == of]
    if chosen:
        return chosen
    if of.endswith(".pdf"):
        raise GeneratorError(_("{path} is a PDF copy: use the Word (.docx) file that was edited").format(path=path))
    raise GeneratorError(_("{path} ({of}) is not the packet, the front or an indicator sheet of this data: "
                           "a report comes from results/NN.yaml; edit that file").format(path=path, of=of))


def _differences(agreement, data_dir, parts, changes, source) -> list[Difference]:
    """Return each change with the field it can go into, or why it cannot."""
    marks: dict[str, dict] = {}
    differences = []
    for change in changes:
        if change.kind != compare.VALUE:
            differences.append(Difference(change, why=change.kind))
            continue
        part = parts[change.part]
        ind = next((i for i in agreement.indicators if i.number == part.number), None)
        where = origins.origin(agreement, change.owner, ind)
        if not where.writable:
            differences.append(Difference(change, where, why=f"rule:{where.rule}"))
            continue
        if where.file not in marks:
            marks[where.file] = _text_lines(data_dir / where.file, where.file)
        line = marks[where.file].get(where.path)
        current = _at(part.context, change.owner)
        value, why = _value(change.new, current, source.digits)
        why = why or _since_built(source, change, value, current)
        differences.append(Difference(change, where, line, value, why))
    return _one_value_per_field(differences)


def _text_lines(path: Path, rel: str) -> dict[tuple, int]:
    """Return the line on which each field's text starts (a folded ``>-`` text: the line after)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {}
    for field_path, (line, column) in load(path, rel, {}).marks.items():
        block = lines[line - 1][column - 1:].lstrip().startswith((">", "|"))
        found[field_path] = line + 1 if block else line
    return found


def _at(context: dict, path: tuple):
    """Return the context value at `path`."""
    for key in path:
        context = context[key]
    return context


def _value(text: str, current, digits: str) -> tuple[object, str]:
    """Return the document's text as the field holds it (Arabic digits, a number), or why not."""
    if digits == "thai" and not re.search("[๐-๙]", str(current)):
        text = thai.arabic_digits(text)
    if not text:
        return None, "empty"
    if isinstance(current, int):
        return (int(text), "") if re.fullmatch("[0-9]+", text) else (None, "not_number")
    return text, ""


def _since_built(source: Source, change: Change, value, current) -> str:
    """Return why a difference is not the clerk's edit when the data changed after the build."""
    built = source.base.get(change.part, {}).get(".".join(map(str, change.owner)))
    if built is None or fingerprint(str(current)) == built:
        return ""
    return "data_newer" if fingerprint(str(value)) == built else "both_changed"


def _one_value_per_field(differences: list[Difference]) -> list[Difference]:
    """Mark a field edited to different texts in different places as a conflict."""
    values: dict[tuple, set] = {}
    for d in differences:
        if d.writable:
            values.setdefault((d.origin.file, d.origin.path), set()).add(d.value)
    return [replace(d, why="conflict") if d.writable and len(values[(d.origin.file, d.origin.path)]) > 1 else d
            for d in differences]


def _write(data_dir: Path, differences: list[Difference]) -> list[str]:
    """Write every writable value into its field; all files land together or none."""
    by_file: dict[str, dict] = {}
    for d in differences:
        if d.writable:
            by_file.setdefault(d.origin.file, {})[d.origin.path] = d.value
    texts = {}
    for rel, values in sorted(by_file.items()):
        data = roundtrip.load(data_dir / rel)
        for path, value in values.items():
            roundtrip.set_value(data, path, value)
        texts[rel] = roundtrip.dumps(data)
    if texts:
        edits.apply(data_dir, texts)
    return sorted(texts)


def _mark_absorbed(source: Source, data: bytes) -> bool:
    """Record in its output folder that this edited document went back into the data."""
    if source.out_dir is None:
        return False
    with locks.lock(Path(os.path.realpath(source.out_dir))):
        document = manifest.read_document(source.out_dir)
        digest = manifest.sha256(data)
        recorded = document.get("files", {}).get(source.name, {}).get("sha256")
        path = source.out_dir / source.name
        if recorded == digest or not path.is_file() or manifest.sha256(path.read_bytes()) != digest:
            return False   # -- not an edit, or saved again or gone meanwhile --
        text = manifest.redump(document, absorbed=handedits.absorbed(document, digest))
        output.add_files(source.out_dir, {manifest.NAME: text})
    return True


def reason(difference: Difference, template: str = "") -> str:
    """Return why `difference` cannot be carried into the data, as the clerk reads it."""
    return _(_REASONS[difference.why]).format(template=template)


_REASONS = {
    f"rule:{origins.YEAR}": (N_("years derive from fiscal_year in agreement.yaml (a new year: agreement rollover)")),
    f"rule:{origins.DATE}": (N_("Thai dates derive from fiscal_year or signing_date in agreement.yaml: edit those")),
    f"rule:{origins.TOTAL}": (N_("the total is the sum of the indicators' weights")),
    f"rule:{origins.NUMBER}": (N_("the indicator number is number in its file: not changed from a document")),
    f"rule:{origins.PHONE}": (N_("the phone joins phone and ext of staff.yaml: use agreement staff set")),
    f"rule:{origins.SHEET}": (N_("the summary form shows this value joined to another or cut across rows: edit it "
                                 "on the indicator's sheet")),
    f"rule:{origins.UNKNOWN}": (N_("which field this value comes from is unknown")),
    compare.TEMPLATE: (N_("this text comes from the template {template}, not the data: edit the template in Word")),
    compare.SEVERAL: (N_("the edit spans several fields of the data: edit the YAML by hand")),
    compare.ADDED: (N_("a new paragraph, which no field holds: add it to the YAML by hand")),
    compare.REMOVED: (N_("a paragraph removed or emptied: remove or edit it in the YAML by hand")),
    compare.UNTRACED: (N_("which field this text comes from cannot be told")),
    compare.TABLE: (N_("a table changed shape (rows or cells): the data decides it; edit the YAML by hand")),
    "empty": (N_("the field's text was deleted; it must have text")),
    "not_number": (N_("this field must be a number")),
    "conflict": (N_("the same field was edited differently in several places: choose, and edit the YAML")),
    "data_newer": (N_("the data changed after this file was built and the document shows the earlier text: not a "
                      "hand edit")),
    "both_changed": (N_("both the data and the document changed after this file was built: choose, and edit the YAML")),
}
