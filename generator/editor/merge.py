"""The values of a form merged into the clerk's YAML, so that it still reads as they wrote it.

The form sends plain values: mappings, lists and texts, exactly as typed. They are merged
into the file as `data.roundtrip` loads it, so comments, key order, quoting and folded
texts stay; a value the clerk did not change keeps its very node. Whole numbers become
integers where the schema asks for one; anything else stays the text typed, so the checks
say what is wrong with it, in the words of ``validate``. An empty optional field is left out.
"""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

from generator.data import roundtrip
from generator.errors import GeneratorError
from generator.i18n import _

MAX_TEXT = 20_000        # characters in one field; the longest text of FY 2564 has about 700
MAX_ITEMS = 500          # rows in one table
_INT = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")
# texts PyYAML's 1.1 rules (our loader) or a reader would take for something else: quote them
_MISREAD = re.compile(r"^(|~|null|Null|NULL|yes|no|on|off|y|n|true|false|[0-9][0-9 ./-]*)$", re.I)


class BadForm(GeneratorError):
    """What the browser sent is not a form of this file; nothing is changed."""

    def __init__(self):
        super().__init__(_("the form's values are not in the expected shape: nothing was changed; reload "
                           "the page and try again"))


def merged_text(document, values: object, schema: dict) -> str:
    """Return the YAML text of `document` (as roundtrip.load gave it) with the form's `values`."""
    return roundtrip.dumps(merge(document, values, schema))


def merge(old, new: object, schema: dict):
    """Return `new` as YAML values for `schema`, reusing the nodes of `old` where they stay."""
    types = schema.get("type", "string")
    if types == "object":
        return _mapping(old, _expect(new, dict), schema)
    if types == "array":
        return _sequence(old, _expect(new, list), schema)
    return _scalar(old, _expect(new, str), types if isinstance(types, list) else [types])


def _expect(value: object, kind: type):
    if not isinstance(value, kind) or (kind is str and len(value) > MAX_TEXT) \
            or (kind is not str and len(value) > MAX_ITEMS):
        raise BadForm()
    return value


def blank(value) -> bool:
    """Tell whether a form value holds nothing: no text, or only empty texts.

    >>> blank(""), blank(["", " "]), blank({"a": ""}), blank(["-"])
    (True, True, True, False)
    """
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, dict):
        return all(blank(v) for v in value.values())
    if isinstance(value, list):
        return all(blank(v) for v in value)
    return value is None


def _mapping(old, new: dict, schema: dict) -> CommentedMap:
    target = old if isinstance(old, CommentedMap) else CommentedMap()
    fixed = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    wanted = {}
    for key, value in new.items():
        sub = fixed.get(key) or (extra if isinstance(extra, dict) else None)
        if sub is None:
            raise BadForm()
        if extra and not key.strip():       # a new row of the register without a key: from the name
            name = value.get("name", "") if isinstance(value, dict) else ""
            key = roundtrip.key_for(name) if isinstance(name, str) and not blank(name) else ""
        if not key or (blank(value) and key not in schema.get("required", [])):
            continue
        wanted[key] = merge(target.get(key), value, sub)
    for key in [k for k in target if k not in wanted]:
        _drop(target, key)
    order = list(fixed) or list(wanted)
    for key, value in wanted.items():
        if key in target:
            target[key] = value
        else:
            target.insert(_position(target, key, order), key, value)
    if extra:                                # rows of the register may have been reordered
        for key in wanted:
            target.move_to_end(key)
    return target


def _position(target: CommentedMap, key: str, order: list[str]) -> int:
    """Return where a new `key` goes: after the last key that comes before it in `order`."""
    before = set(order[:order.index(key)]) if key in order else set(order)
    return max((i + 1 for i, k in enumerate(target) if k in before), default=0)


def _drop(target: CommentedMap, key: str) -> None:
    """Remove `key`; the comment lines that followed it move to the key before it.

    ruamel keeps the comment block above a key with the value before it, so a
    removed optional field would otherwise take the next field's comment with it.
    """
    keys = list(target)
    token = target.ca.items.pop(key, [None, None, None, None])[2]
    del target[key]
    following = token.value.partition("\n")[2] if token is not None else ""
    index = keys.index(key)
    if following.strip() and index > 0:
        before = keys[index - 1]
        slot = target.ca.items.setdefault(before, [None, None, None, None])
        if slot[2] is None:
            slot[2] = CommentToken("\n" + following, token.start_mark, None)
        else:
            slot[2].value += following


def _sequence(old, new: list, schema: dict) -> CommentedSeq:
    target = old if isinstance(old, CommentedSeq) else CommentedSeq()
    items = schema.get("items", {})
    values = [merge(target[i] if i < len(target) else None, v, items) for i, v in enumerate(new)]
    del target[len(values):]
    for index in [i for i in target.ca.items if i >= len(values)]:
        del target.ca.items[index]
    for i, value in enumerate(values):
        if i < len(target):
            target[i] = value
        else:
            target.append(value)
    return target


def _scalar(old, text: str, types: list[str]):
    """Return a typed text as YAML writes it: the old node if unchanged, its quoting kept."""
    if old is not None and str(old) == text:
        return old
    if not text.strip():
        return None
    if "integer" in types and _INT.match(text.strip()):
        return int(text.strip())
    if "boolean" in types and text.strip() in ("true", "false"):
        return text.strip() == "true"
    if isinstance(old, ScalarString):
        return type(old)(text)
    return DoubleQuotedScalarString(text) if _MISREAD.match(text) else text
