"""The clerk's YAML read and written back with its comments, quotes and layout kept
(ruamel.yaml's round trip); nothing here writes a file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

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


def set_value(data, path: tuple, value) -> None:
    """Put `value` at `path` (keys and list indexes) in the style the old scalar was written in.

    A folded (``>-``), literal or quoted text stays so; a plain text that YAML 1.1 would
    read as something else (``no``, ``0104``) is quoted.

    >>> data = _yaml().load('criteria:\\n  basic: >-\\n    ร้อยละ 80\\nbaseline: ["-", "10"]\\nnote: ก\\n')
    >>> set_value(data, ("criteria", "basic"), "ร้อยละ 85")
    >>> set_value(data, ("baseline", 1), "12")
    >>> set_value(data, ("note",), "no")
    >>> print(dumps(data), end="")
    criteria:
      basic: >-
        ร้อยละ 85
    baseline: ["-", "12"]
    note: "no"
    """
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    node[last] = _styled(node[last], value)


_PLAIN_TRAPS = re.compile(r"^(yes|no|on|off|y|n|true|false|null|~|[-+.0-9][-+.0-9_:eE]*)$", re.I)


def _styled(old, value):
    if not isinstance(value, str):
        return value
    if isinstance(old, ScalarString):
        return type(old)(value)
    return quoted(value) if _PLAIN_TRAPS.match(value) else value


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
