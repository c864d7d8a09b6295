"""The clerk's YAML read and written back with its comments, quotes and layout kept
(ruamel.yaml's round trip); nothing here writes a file.
"""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.text.thai import TITLES


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
    """Return `data` (as `load` gave it, edited) as YAML text, comments and quotes kept."""
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
