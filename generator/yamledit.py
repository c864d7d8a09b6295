"""Edits to the clerk's YAML that keep their comments, quotes and layout (ruamel.yaml
round trip), checked before any file is replaced.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.model import load_agreement
from generator.output import add_files

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
    with tempfile.TemporaryDirectory(prefix="agreement-trial-") as tmp:
        trial = Path(tmp) / "data"
        if base is not None:
            shutil.copytree(base, trial)
        for rel, data in files.items():
            (trial / rel).parent.mkdir(parents=True, exist_ok=True)
            (trial / rel).write_bytes(data)
        load_agreement(trial)


def apply(data_dir: Path, texts: dict[str, str]) -> None:
    """Write `texts` (relative path → YAML text) into `data_dir` only if the result checks.

    The edit is tried on a copy first; a DataError leaves every file as it was.
    """
    files = {rel: text.encode("utf-8") for rel, text in texts.items()}
    check(files, base=data_dir)
    add_files(data_dir, files)
