"""Where units' data folders are: a unit is a folder holding ``agreement.yaml``.

A ministry tree is any folder with units somewhere below it (``data/2564/bic``,
``data/2564/provinces/cmi`` …). Nothing here reads a file, so the command line can
tell a batch from one unit before it loads anything heavy.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import GeneratorError
from generator.i18n import _

UNIT_FILE = "agreement.yaml"


def find_units(paths: list[Path]) -> list[Path]:
    """Return every unit folder named in `paths` or lying below them, each once, in order."""
    found: list[Path] = []
    for path in paths:
        if (path / UNIT_FILE).is_file():
            found.append(path)
        elif path.is_dir():
            found += sorted(p.parent for p in path.rglob(UNIT_FILE))
        else:
            raise GeneratorError(_("no folder {path}").format(path=path))
    unique = list(dict.fromkeys(found))
    if not unique:
        raise GeneratorError(_("no unit data ({UNIT_FILE}) in {items}").format(
                UNIT_FILE=UNIT_FILE, items=', '.join(map(str, paths))))
    return unique


def is_batch(paths: list[Path]) -> bool:
    """Return True when `paths` name more than one unit or a tree of units, not one unit."""
    return len(paths) > 1 or (paths[0].is_dir() and not (paths[0] / UNIT_FILE).is_file()
                              and any(paths[0].rglob(UNIT_FILE)))
