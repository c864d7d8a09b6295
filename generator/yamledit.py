"""Edits to the clerk's YAML that keep their comments, quotes and layout (ruamel.yaml
round trip), checked before any file is replaced.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.store.locks import clean_stale_temp, lock, temp_folder
from generator.data.model import load_agreement
from generator.store.output import write_error

JOURNAL = ".agreement-edit.json"

TITLES = ("ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "นางสาว", "นาง", "นาย", "ดร.")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path):
    """Return a YAML file as ruamel's commented mapping."""
    return _yaml().load(path.read_text(encoding="utf-8"))


def dumps(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def quoted(text: str) -> DoubleQuotedScalarString:
    """Return `text` to be written in double quotes (phones stay text)."""
    return DoubleQuotedScalarString(text)


def rename_key(mapping, old: str, new: str) -> None:
    """Rename `old` to `new` in place, keeping its position and comments."""
    position = list(mapping).index(old)
    value = mapping.pop(old)
    mapping.insert(position, new, value)
    if old in mapping.ca.items:
        mapping.ca.items[new] = mapping.ca.items.pop(old)


def key_for(name: str) -> str:
    """Return a register key for a full Thai name: the first name without its title.

    >>> key_for("นางสาวสุปราณี ค่ายวง"), key_for("นายสมทรง งามวงษ์")
    ('สุปราณี', 'สมทรง')
    """
    for title in TITLES:
        if name.startswith(title) and len(name) > len(title):
            name = name[len(title):]
            break
    return name.split()[0]


def check(files: dict[str, bytes], base: Path | None = None) -> None:
    """Raise DataError unless a data folder made of `base` (if any) plus `files` checks."""
    with temp_folder("agreement-trial") as tmp:
        trial = Path(tmp) / "data"
        if base is not None:
            shutil.copytree(base, trial)
            if (base.parent / "words.txt").is_file():   # or every unit word warns
                shutil.copy(base.parent / "words.txt", Path(tmp) / "words.txt")
        for rel, data in files.items():
            (trial / rel).parent.mkdir(parents=True, exist_ok=True)
            (trial / rel).write_bytes(data)
        load_agreement(trial)


def apply(data_dir: Path, texts: dict[str, str]) -> None:
    """Write `texts` (relative path → YAML text) into `data_dir` only if the result checks.

    The edit is tried on a copy first; a DataError leaves every file as it was. The
    files then land together: all are staged, a journal naming them is written (the
    moment the edit counts as made), then each is renamed into place. A failure
    while renaming puts the old files back; after a kill the next run finishes the edit.
    """
    files = {rel: text.encode("utf-8") for rel, text in texts.items()}
    clean_stale_temp()
    with lock(data_dir):
        recover(data_dir)
        check(files, base=data_dir)
        try:
            _stage(data_dir, files)
            try:
                _land(data_dir)
            except BaseException:
                _undo(data_dir, files)
                raise
        except OSError as exc:
            raise write_error(exc) from exc


def _staged(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.agreement-{kind}")


def _stage(data_dir: Path, files: dict[str, bytes]) -> None:
    """Write the new files and a copy of each old one beside it, then the journal."""
    try:
        for rel, data in files.items():
            target = data_dir / rel
            _staged(target, "new").write_bytes(data)
            shutil.copy2(target, _staged(target, "old"))
        journal = data_dir / f"{JOURNAL}.tmp"
        journal.write_text(json.dumps(sorted(files), ensure_ascii=False), encoding="utf-8")
        os.replace(journal, data_dir / JOURNAL)
    except BaseException:
        _discard(data_dir)
        raise


def _land(data_dir: Path) -> None:
    """Rename every staged file the journal names into place; then drop the journal."""
    journal = data_dir / JOURNAL
    for rel in json.loads(journal.read_text(encoding="utf-8")):
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            continue
        new = _staged(data_dir / rel, "new")
        if new.exists():
            os.replace(new, data_dir / rel)
    journal.unlink()
    _discard(data_dir)


def _undo(data_dir: Path, files: dict[str, bytes]) -> None:
    """Put back the old files after a failed edit (not a kill: that one is finished)."""
    for rel in files:
        old = _staged(data_dir / rel, "old")
        if old.exists():
            os.replace(old, data_dir / rel)
    (data_dir / JOURNAL).unlink(missing_ok=True)
    _discard(data_dir)


def _discard(data_dir: Path) -> None:
    for pattern in (".*.agreement-new", ".*.agreement-old", f"{JOURNAL}.tmp"):
        for path in data_dir.rglob(pattern):
            path.unlink(missing_ok=True)


def recover(data_dir: Path) -> None:
    """Finish an edit that was killed after its journal was written; drop unfinished ones."""
    if (data_dir / JOURNAL).is_file():
        _land(data_dir)
    else:
        _discard(data_dir)


def pending(data_dir: Path) -> bool:
    """Return whether a killed edit left anything in `data_dir`."""
    return (data_dir / JOURNAL).exists() or any(data_dir.rglob(".*.agreement-*"))
