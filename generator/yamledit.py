"""Edits to the clerk's YAML that keep their comments, quotes and layout (ruamel.yaml
round trip), checked before any file is replaced.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.model import load_agreement

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


def apply(data_dir: Path, texts: dict[str, str]) -> None:
    """Write `texts` (relative path → YAML text) into `data_dir` only if the result checks.

    The edit is tried on a copy first; a DataError leaves every file as it was.
    """
    with tempfile.TemporaryDirectory(prefix="agreement-edit-") as tmp:
        trial = Path(tmp) / data_dir.name
        shutil.copytree(data_dir, trial)
        for rel, text in texts.items():
            (trial / rel).write_text(text, encoding="utf-8")
        load_agreement(trial)
    for rel, text in texts.items():
        target = data_dir / rel
        staging = target.with_name(f".{target.name}.new")
        staging.write_text(text, encoding="utf-8")
        os.replace(staging, target)
