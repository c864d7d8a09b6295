"""The clerk's YAML read and written back with its comments, quotes and layout kept
(ruamel.yaml's round trip); nothing here writes a file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

from generator.text.thai import TITLES


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path):
    """Return a YAML file as ruamel's commented mapping, every alias (*) made a copy of its own.

    An alias is the same object as its anchor: shifting ``baseline`` would shift a
    ``roadmap: *b`` too. Each use gets its own values, so an edit changes one place.
    """
    data = _yaml().load(path.read_text(encoding="utf-8"))
    _unshare(data, set())
    return data


def _unshare(node, seen: set[int]) -> None:
    """Replace each container met a second time below `node` by a fresh copy."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if not isinstance(value, (dict, list)):
            continue
        if id(value) in seen:
            node[key] = _fresh(value)
            if isinstance(node, CommentedMap) and key in node.ca.items:
                del node.ca.items[key]   # -- the anchor's comments, copied onto the alias --
        else:
            seen.add(id(value))
            _unshare(value, seen)


def _fresh(value):
    if isinstance(value, dict):
        copy = CommentedMap()
        for key, item in value.items():
            copy[key] = _fresh(item)
        return copy
    if isinstance(value, list):
        return CommentedSeq([_fresh(item) for item in value])
    return value


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

    A name that is blank, or a title alone, has no key:

    >>> key_for("   "), key_for("นาย "), key_for("นางสาว")
    ('', '', '')
    """
    name = name.strip()
    for title in TITLES:
        if name.startswith(title):
            name = name[len(title):]
            break
    words = name.split()
    return words[0] if words else ""
