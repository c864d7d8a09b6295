"""The output root of a batch: what may lie in it, and the overview files written there.

A batch writes each unit into ``OUT_ROOT/<fiscal year>/<unit code>/`` (an output folder
of its own, with its manifest) and the overview beside them. ``OUT_ROOT/batch.json``
records which overview files the tool wrote. Before anything is written the root is
checked: it may hold only that record, the files it names, and fiscal-year folders of
unit output folders. Anything else (a clerk's file, a single unit's output folder, an
unreadable record) is refused by name, and nothing is touched.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import locks, output
from generator.store.manifest import NAME as MANIFEST

RECORD = "batch.json"
_YEAR = re.compile(r"^\d{4}$")
_SHOWN = 5


def owned(out_root: Path) -> set[str]:
    """Return the overview files the record says the tool wrote (and the record itself)."""
    path = out_root / RECORD
    if not path.exists():
        return set()
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
        files = document["files"]
        if isinstance(files, list) and all(isinstance(f, str) and "/" not in f and f for f in files):
            return set(files) | {RECORD}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raise GeneratorError(_("{path} is unreadable or of the wrong shape, so which files this tool made is "
                           "unknown: nothing was touched (choose another output folder)").format(path=path))


def check(out_root: Path, protected: tuple[Path, ...] = ()) -> None:
    """Refuse a batch root that overlaps a data folder, lies in an archive or another output
    folder, or holds anything a batch did not write (see the module)."""
    output.check_protected(out_root, protected)
    output.check_outside(out_root)
    out_root = Path(os.path.realpath(out_root))
    if not out_root.exists():
        return
    if not out_root.is_dir():
        raise GeneratorError(_("{out_root} is a file, not a folder: not overwritten").format(out_root=out_root))
    if (out_root / MANIFEST).exists():
        raise GeneratorError(_("{out_root} is the output folder of a single unit: choose another folder "
                               "for a batch (default output/batch); nothing was touched").format(out_root=out_root))
    foreign = _foreign(out_root, owned(out_root))
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (" …" if len(foreign) > _SHOWN else "")
        raise GeneratorError(_("{out_root} holds what this tool did not make: {shown} — not removed or "
                               "replaced; nothing was touched (choose a new output folder, or move those "
                               "away)").format(out_root=out_root, shown=shown))


def _foreign(out_root: Path, files: set[str]) -> list[str]:
    found = []
    for entry in sorted(os.scandir(out_root), key=lambda e: e.name):
        if entry.is_file(follow_symlinks=False) and entry.name in files:
            continue
        if not (entry.is_dir(follow_symlinks=False) and _YEAR.match(entry.name)):
            found.append(entry.name + ("/" if entry.is_dir() else ""))
            continue
        if Path(entry.path, MANIFEST).is_file():
            found.append(f"{entry.name}/ " + _("(a single unit's output)"))
            continue
        for unit in sorted(os.scandir(entry.path), key=lambda e: e.name):
            if not (unit.is_dir(follow_symlinks=False) and Path(unit.path, MANIFEST).is_file()):
                found.append(f"{entry.name}/{unit.name}" + ("/" if unit.is_dir() else ""))
    return found


def write(out_root: Path, files: dict[str, bytes]) -> list[Path]:
    """Write the overview `files` into `out_root`: recorded first, each replaced whole,
    none over a file the tool did not write."""
    out_root.mkdir(parents=True, exist_ok=True)
    with locks.lock(Path(os.path.realpath(out_root))):
        known = owned(out_root)
        output.refuse_foreign_files(out_root, [RECORD, *files], known | ({RECORD} if not known else set()))
        names = sorted((known - {RECORD}) | set(files))
        text = (json.dumps({"files": names}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        output.add_files(out_root, {RECORD: text}, known | {RECORD})
        return output.add_files(out_root, files, set(names))
