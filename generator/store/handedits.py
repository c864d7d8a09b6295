"""Files a person changed in an output folder after the build that wrote them.

The Word file is the clerk's copy: they correct a word in ``packet.docx`` before
signing. A build never replaces such a file without keeping it. The edited bytes
move aside, in the same swap that brings the new output, under a name that says
when the file was saved and why (``packet.แก้ไขด้วยมือ-2026-11-26-0905.docx``);
the manifest lists the kept copy, so later builds carry it and never delete it.
``agreement absorb`` marks a copy whose edits went back into the data as absorbed.

Word (``~$packet.docx``) and LibreOffice (``.~lock.packet.docx#``) leave a lock file
beside a document they have open: the clerk is asked to close it first.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import manifest
from generator.text.reading import fingerprint

WHY = "แก้ไขด้วยมือ"   # -- in the kept copy's name: the office reads its folder in Thai --
_NOT_DOCUMENTS = {manifest.NAME, manifest.LOG}   # the build itself rewrites these two


@dataclass(frozen=True)
class HandEdit:
    """A file of the output folder that a person changed after the build wrote it."""

    of: str           # the file the tool wrote, relative to the output folder ("packet.docx")
    name: str         # where the edited bytes are now: `of` itself, or the kept copy
    saved: datetime   # when the person saved it (its modification time, local)
    sha256: str
    absorbed: bool = False   # `agreement absorb --write` carried it back into the data

    @property
    def kept(self) -> bool:
        """Tell whether the edit was moved aside already (else it is still in place)."""
        return self.name != self.of


def found(out_dir: Path, document: dict) -> list[HandEdit]:
    """Return every hand edit of `out_dir`: files changed since the build, then kept copies."""
    absorbed = set(document.get("absorbed", []))
    edits = []
    for name in recorded(document):
        data = _changed(out_dir, name, document)
        if data is not None:
            edits.append(_edit(out_dir, name, name, data, absorbed))
    for name, record in sorted(document.get("edited", {}).items()):
        path = out_dir / name
        if path.is_file() and not path.is_symlink():
            digest = manifest.sha256(path.read_bytes())
            edits.append(HandEdit(record["of"], name, _saved(record["saved"], path), digest, digest in absorbed))
    return edits


def _saved(text: str, path: Path) -> datetime:
    """Return when a kept copy was saved: as recorded, else its modification time."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


def recorded(document: dict) -> list[str]:
    """Return the documents and PDF copies a build with this manifest wrote."""
    return sorted(set(document.get("files", {})) | set(document.get("pdf", {})))


def _changed(out_dir: Path, name: str, document: dict) -> bytes | None:
    """Return the bytes of `name` if they are not what the manifest recorded; None if same or gone."""
    path = out_dir / name
    if name in _NOT_DOCUMENTS or not path.is_file() or path.is_symlink():
        return None
    record = document.get("files", {}).get(name) or document.get("pdf", {}).get(name)
    data = path.read_bytes()
    return None if manifest.sha256(data) == record["sha256"] else data


def _edit(out_dir: Path, of: str, name: str, data: bytes, absorbed: set[str]) -> HandEdit:
    digest = manifest.sha256(data)
    saved = datetime.fromtimestamp((out_dir / name).stat().st_mtime).replace(microsecond=0)
    return HandEdit(of, name, saved, digest, digest in absorbed)


def changed_on_disk(out_dir: Path, document: dict, name: str) -> bool:
    """Tell whether `name` is on disk with bytes other than the manifest recorded."""
    return name in recorded(document) and _changed(out_dir, name, document) is not None


@dataclass
class Kept:
    """What a build keeps of the hand edits: files to write, the manifest's tables, what moved now."""

    files: dict[str, bytes]
    edited: dict[str, dict]
    absorbed: list[str]
    moved: list[HandEdit]


def keep(out_dir: Path, document: dict, files: dict[str, bytes]) -> Kept:
    """Return the hand edits a build must write beside `files` so that none is lost.

    An edited file moves to a kept copy (unless the build writes the very same bytes
    there); kept copies of earlier builds are carried as they are on disk now.
    """
    kept = Kept({}, {}, [], [])
    taken = set(files) | set(document.get("edited", {}))
    for edit in found(out_dir, document):
        data = (out_dir / edit.name).read_bytes()
        if not edit.kept and files.get(edit.name) == data:
            continue
        name = edit.name if edit.kept else kept_name(edit.of, edit.saved, taken)
        taken.add(name)
        kept.files[name] = data
        before = document["edited"][name] if edit.kept else \
            {"base": base_facts(document, edit.of), "digits": document.get("digits", "arabic")}
        kept.edited[name] = {"of": edit.of, "saved": edit.saved.isoformat(), "sha256": edit.sha256,
                             "base": before.get("base") or {}, "digits": before.get("digits", "arabic")}
        if edit.absorbed:
            kept.absorbed.append(edit.sha256)
        if not edit.kept:
            kept.moved.append(HandEdit(edit.of, name, edit.saved, edit.sha256, edit.absorbed))
    kept.absorbed = sorted(set(kept.absorbed))
    return kept


def base_facts(document: dict, of: str) -> dict[str, dict[str, str]]:
    """Return, by file, a fingerprint of each fact that the edited file `of` showed when built.

    The packet has no facts of its own: it shows those of every part. Fingerprints
    keep the manifest small; `agreement absorb` needs only to recognise a text.
    """
    files = document.get("files", {})
    if files.get(of, {}).get("facts"):
        names = [of]
    elif of.endswith(".docx") and of in files:
        names = [name for name, entry in files.items() if entry.get("facts")]
    else:
        return {}
    return {name: {path: fingerprint(value) for path, value in files[name]["facts"].items()}
            for name in names}


def kept_name(of: str, saved: datetime, taken: set[str]) -> str:
    """Return the name of the kept copy of `of`: beside it, saying why and when it was saved.

    >>> kept_name("sheets/indicator-05.docx", datetime(2026, 11, 26, 9, 5), set())
    'sheets/indicator-05.แก้ไขด้วยมือ-2026-11-26-0905.docx'
    >>> kept_name("packet.docx", datetime(2026, 11, 26, 9, 5), {"packet.แก้ไขด้วยมือ-2026-11-26-0905.docx"})
    'packet.แก้ไขด้วยมือ-2026-11-26-0905-2.docx'
    """
    path = PurePosixPath(of)
    base = f"{path.stem}.{WHY}-{saved:%Y-%m-%d-%H%M}"
    name, n = str(path.with_name(base + path.suffix)), 1
    while name in taken:
        n += 1
        name = str(path.with_name(f"{base}-{n}{path.suffix}"))
    return name


def absorbed(document: dict, sha256: str) -> list[str]:
    """Return the manifest's list of absorbed edits with `sha256` added."""
    return sorted(set(document.get("absorbed", [])) | {sha256})


# -- lock files of office programs: Word's owner file and LibreOffice's lock --
_WORD_LOCK = re.compile(r"^~\$(.+)$")
_LIBREOFFICE_LOCK = re.compile(r"^\.~lock\.(.+)#$")


def open_documents(out_dir: Path, owned: set[str]) -> list[tuple[str, str, str]]:
    """Return (document, lock file, program) for each lock file beside an owned document.

    Word names its lock ``~$`` plus the file's name, losing up to two first letters
    (``agreement.docx`` → ``~$reement.docx``); LibreOffice ``.~lock.NAME#``.
    """
    folders = {str(PurePosixPath(rel).parent) for rel in owned} | {"."}
    found_locks = []
    for folder in sorted(folders):
        if not (out_dir / folder).is_dir():
            continue
        for entry in sorted(os.listdir(out_dir / folder)):
            lock = (PurePosixPath(folder) / entry).as_posix()
            document = _locked_document(entry, folder, owned)
            if document is not None:
                found_locks.append((document[0], lock, document[1]))
    return found_locks


def _locked_document(entry: str, folder: str, owned: set[str]) -> tuple[str, str] | None:
    """Return the document `entry` locks and the program, if `entry` is an office lock file."""
    names = {PurePosixPath(rel).name: rel for rel in owned if str(PurePosixPath(rel).parent) == folder}
    word, libre = _WORD_LOCK.match(entry), _LIBREOFFICE_LOCK.match(entry)
    if libre:
        return names.get(libre[1], libre[1]), "LibreOffice"
    if word:
        tail = word[1]
        match = [rel for name, rel in names.items() if name.endswith(tail) and len(name) - len(tail) <= 2]
        return (match[0] if match else tail), "Word"
    return None


def close_first(out_dir: Path, locks: list[tuple[str, str, str]]) -> GeneratorError:
    """Return the refusal for documents open in Word or LibreOffice: close them first."""
    document, lock, program = locks[0]
    more = [d for d, _, _ in locks[1:]]
    others = " " + _("(and {items})").format(items=', '.join(more)) if more else ""
    return GeneratorError(_("close {document} in {program} first{others}, then run again: it is open ({lock} "
                            "is there). If it is closed, delete {lock_file}, which {program} left behind; "
                            "nothing was touched").format(
                                    document=out_dir / document, program=program, others=others, lock=lock,
                                    lock_file=out_dir / lock))


def busy(exc: PermissionError, untouched: bool = True) -> GeneratorError:
    """Return the refusal for a file the system would not let us replace (open on Windows).

    A refused rename names two paths; the one the clerk knows is the one that exists
    and is not a staging name of ours (those start with a dot).
    """
    paths = [Path(p) for p in (exc.filename2, exc.filename) if p]
    where = next((p for p in paths if p.exists() and not p.name.startswith(".")), paths[0])
    names = [str(where / name) for name in _open_elsewhere(where)] if where.is_dir() else [str(where)]
    what = _("{items}").format(items=', '.join(names)) if names else \
        _("the files of {where} that are open").format(where=where)
    kept = _("; the previous output is untouched") if untouched else ""
    return GeneratorError(_("close {what} in Word first (or whatever program has it open), then run again: "
                            "the system will not replace a file that is open{kept}").format(what=what, kept=kept))


def _open_elsewhere(folder: Path) -> list[str]:
    """Return the files under `folder` that cannot be opened for writing (Windows: open in Word)."""
    names = []
    for path in sorted(folder.rglob("*")):
        try:
            if path.is_file():
                with open(path, "r+b"):
                    pass
        except PermissionError:
            names.append(path.relative_to(folder).as_posix())
        except OSError:
            continue
    return names
