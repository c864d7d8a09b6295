"""OUT_DIR/manifest.json: for each output file, its SHA-256, a hash of its inputs, and
the facts it shows (for the change report of the next build).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from generator.errors import GeneratorError
from generator.i18n import _

NAME = "manifest.json"
LOG = "CHANGES.txt"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(data: bytes, inputs: str, facts: dict) -> dict:
    """Return the manifest entry of one output file."""
    return {"sha256": sha256(data), "inputs": inputs, "facts": facts}


def read(out_dir: Path) -> dict[str, dict]:
    """Return the previous build's entries by file name; empty when there was none."""
    return read_document(out_dir).get("files", {})


def read_document(out_dir: Path) -> dict:
    """Return the whole manifest of `out_dir`, ``{}`` when there is none.

    A manifest of the wrong shape is refused: it is what says which files the tool
    may replace, so a guess could delete a clerk's file.
    """
    path = out_dir / NAME
    if not path.is_file():
        return {}
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
        if _well_formed(document):
            return document
    except (OSError, ValueError):
        pass
    raise GeneratorError(_("{path} is unreadable or of the wrong shape, so which files this tool made is "
                           "unknown: nothing was touched (move the folder away and build again, or choose "
                           "another output folder)").format(path=path))


def digits(out_dir: Path) -> str:
    """Return the digits (``arabic`` or ``thai``) the output folder was built with."""
    try:
        return json.loads((out_dir / NAME).read_text(encoding="utf-8"))["digits"]
    except (OSError, ValueError, KeyError, TypeError):
        return "arabic"


def _well_formed(document: object) -> bool:
    if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
        return False
    tables = [document["files"], document.get("pdf", {}), document.get("edited", {})]
    if not all(isinstance(table, dict) for table in tables[1:]):
        return False
    if not isinstance(document.get("absorbed", []), list):
        return False
    return all(_safe_name(name) and isinstance(item, dict) and isinstance(item.get("sha256"), str)
               for table in tables for name, item in table.items()) \
        and all(isinstance(item.get("of"), str) and _safe_name(item["of"]) and isinstance(item.get("saved"), str)
                for item in tables[2].values())


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def owned(document: dict) -> set[str]:
    """Return the files a build with this manifest wrote: its parts, PDFs, manifest and log,
    and the hand-edited copies it kept."""
    if not document:
        return set()
    return set(document["files"]) | set(document.get("pdf", {})) | set(document.get("edited", {})) | {NAME, LOG}


def dump(entries: dict[str, dict], fiscal_year: int, digits: str,
         pdfs: dict[str, dict] | None = None, edited: dict[str, dict] | None = None,
         absorbed: list[str] | None = None) -> bytes:
    """Return the manifest as stable, readable JSON bytes; `pdfs` records PDF copies,
    `edited` the hand-edited copies kept, `absorbed` the SHA-256 of edits carried into the data."""
    document = {"fiscal_year": fiscal_year, "digits": digits, "files": entries}
    for key, value in (("pdf", pdfs), ("edited", edited), ("absorbed", absorbed)):
        if value:
            document[key] = value
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def redump(document: dict, **tables) -> bytes:
    """Return `document` as manifest bytes with some of its tables replaced (pdf, edited, absorbed)."""
    document = {**document, **tables}
    return dump(document["files"], document.get("fiscal_year"), document.get("digits"),
                document.get("pdf"), document.get("edited"), document.get("absorbed"))


def unchanged(previous: dict, out_dir: Path, name: str, inputs: str) -> bytes | None:
    """Return the bytes already on disk for `name` when its inputs and bytes are as recorded."""
    old = previous.get(name)
    if not old or old.get("inputs") != inputs:
        return None
    return existing(previous, out_dir, name)


def existing(previous: dict, out_dir: Path, name: str) -> bytes | None:
    """Return the bytes of `name` on disk if they are what the manifest recorded."""
    path = out_dir / name
    old = previous.get(name)
    if not old or not path.is_file():
        return None
    data = path.read_bytes()
    return data if sha256(data) == old.get("sha256") else None


def combined_inputs(hashes: list[str]) -> str:
    """Return the input hash of a file made of parts with these hashes (the packet)."""
    return sha256("\n".join(hashes).encode("ascii"))
