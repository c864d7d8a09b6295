"""Read one YAML file into plain values, keeping the line and column of every field.

Scalars are converted by the file's JSON Schema, not by YAML 1.1's guesses:
text stays exactly as typed (``0104``, ``no``, ``2563-02-29``), integers must look
like integers. Problems are collected, never raised one at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import Problem
from generator.i18n import N_, _

Path_ = tuple  # a field path: keys and 0-based list indexes

# C0 except tab and line ends, DEL, C1, non-characters, and lone surrogates (only
# reachable through escapes such as "\ud800", which no .docx can hold)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
MAX_DEPTH = 40          # a data file nests 4 levels; 600 brackets would overflow the stack
MAX_NODES = 50_000      # the largest data file has about 300; an alias bomb has billions
MAX_CHARS = 200_000     # letters a file may hold, aliases expanded; a real data file has under 7,000
MAX_DIGITS = 18         # a whole number in the data is a year, a weight or an indicator number
_INT = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")
_BOOLEANS = {"true": True, "false": False}   # YAML 1.2's two; yes/no/on/off stay text
_LEADING_ZERO = re.compile(r"^0[0-9]+$")
_NULLS = {"", "~", "null", "Null", "NULL"}
# -- libyaml's C parser where PyYAML has it (every wheel does): 15 times faster, the same nodes --
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in
               ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


@dataclass
class Loaded:
    """One file's values, where each field sits, and what was wrong with it."""

    file: str
    data: object = None
    marks: dict = field(default_factory=dict)   # path → (line, column) of the value
    keys: dict = field(default_factory=dict)    # path → (line, column) of the key
    problems: list[Problem] = field(default_factory=list)

    def place(self, path: Path_) -> tuple[int | None, int | None]:
        """Return the (line, column) of `path`, or of its nearest ancestor that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (None, None))

    def problem(self, code: str, path: Path_, key_mark: bool = False, **kw) -> None:
        """Record a problem at `path` (at its key when `key_mark`)."""
        line, col = (self.keys.get(path) if key_mark else None) or self.place(path)
        self.problems.append(Problem(code, self.file, line, col, dotted(path), **kw))


def dotted(path: Path_) -> str:
    """Return a field path as the clerk sees it: ``criteria.basic``, ``baseline[3]`` (1-based).

    >>> dotted(("staff", "วิมล", "ext")), dotted(("baseline", 2))
    ('staff.วิมล.ext', 'baseline[3]')
    """
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load(path: Path, rel: str, schema: dict) -> Loaded:
    """Return the values of YAML file `path` converted by `schema`, with positions."""
    loaded = Loaded(rel)
    raw = _read_bounded(path, loaded)
    text = None if raw is None else _decode(raw, loaded)
    if text is None:
        return loaded
    text = _strip_controls(text, loaded)
    try:
        if not _shallow(text, loaded):
            return loaded
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        loaded.problems.append(_syntax_problem(exc, text, rel))
        return loaded
    except yaml.YAMLError as exc:  # a reader error has no mark: a character YAML refuses
        loaded.problems.append(Problem("yaml_syntax", rel, params={"detail": str(exc)}))
        return loaded
    if root is None:
        loaded.problems.append(Problem("empty_file", rel))
        return loaded
    budget = _Budget()
    loaded.data = _convert(root, schema, (), loaded, budget)
    if budget.exceeded:
        loaded.data = None
    return loaded


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, rel: str) -> Problem:
    """Return a YAML syntax error as a positioned problem, in the clerk's words where known."""
    mark = exc.problem_mark or exc.context_mark
    line, column = mark.line + 1, mark.column + 1
    if text[mark.index:mark.index + 1] == "\t":
        return Problem("yaml_tab", rel, line, column)
    explained = _explained(exc.problem or "", exc.context or "")
    if (exc.problem or "").startswith("found invalid Unicode character escape code"):
        escape = text[max(0, mark.index - 2):mark.index + 4]
        explained = _("the escape {escape} is no printable character (a lone surrogate, say): delete it").format(
                escape=escape)
    detail = explained or exc.problem or str(exc)
    if exc.context_mark is not None and exc.context_mark.line != mark.line:
        detail += " " + _("(this part starts on line {line})").format(line=exc.context_mark.line + 1)
    return Problem("yaml_syntax", rel, line, column, params={"detail": detail})


def _explained(problem: str, context: str) -> str | None:
    """Return what libyaml's `problem` means for a clerk typing a data file, or None.

    >>> _explained("did not find expected key", "while parsing a block mapping")
    'ย่อหน้าไม่ตรงกับบรรทัดก่อน: ช่องในระดับเดียวกันต้องย่อหน้าเท่ากัน'
    """
    if problem == "found unexpected end of stream" and "quoted" in context:
        return _("a quotation mark is opened and never closed")
    for start, meaning in _PROBLEMS:
        if problem.startswith(start):
            return _(meaning)
    return None


_PROBLEMS = (
    ("did not find expected key", N_("the indentation does not match the line before: fields of one level are "
                                     "indented alike")),
    ("mapping values are not allowed", N_("a ':' is not allowed here: put a text holding ':' in quotation marks, "
                                          "or indent it like the line before")),
    ("did not find expected '-' indicator", N_("list items (starting with -) and fields (name:) are mixed at one "
                                               "level")),
    ("found character that cannot start any token", N_("a value starts with a character that cannot start one "
                                                       "(such as @ or `): put it in quotation marks")),
    ("did not find expected ',' or ']'", N_("a [ ] bracket is not closed, or a comma is missing between values")),
    ("did not find expected ',' or '}'", N_("a { } bracket is not closed, or a comma is missing between values")),
    ("but found another document", N_("a --- line starts a second document: a data file holds one")),
)


def _read_bounded(path: Path, loaded: Loaded) -> bytes | None:
    """Return the bytes of `path`, or record that it is too large to be a data file."""
    with path.open("rb") as handle:
        raw = handle.read(4 * MAX_CHARS + 1)
    if len(raw) > 4 * MAX_CHARS:
        loaded.problems.append(Problem("file_too_large", loaded.file, params={"limit": 4 * MAX_CHARS}))
        return None
    return raw


def _shallow(text: str, loaded: Loaded) -> bool:
    """Return whether `text` nests at most MAX_DEPTH deep; else record where it goes deeper.

    PyYAML's composer recurses once per level, so this is checked on the event
    stream (which does not recurse) before composing.
    """
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                loaded.problems.append(Problem("too_deep", loaded.file, event.start_mark.line + 1,
                                               event.start_mark.column + 1, params={"limit": MAX_DEPTH}))
                return False
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return True


@dataclass
class _Budget:
    """How many more nodes and letters a file may expand to (aliases count each time they
    are used), so that a few kilobytes of aliases cannot stand for gigabytes of text."""

    left: int = MAX_NODES
    chars: int = MAX_CHARS
    exceeded: bool = False
    open: set = field(default_factory=set)   # ids of the nodes being converted (loop check)


def undecodable(path: Path, rel: str) -> list[Problem]:
    """Return why text file `path` (a word list) is not UTF-8; none when it is or is absent."""
    if not path.is_file():
        return []
    try:
        path.read_bytes().decode("utf-8-sig")
        return []
    except UnicodeDecodeError:
        loaded = Loaded(rel)
        _decode(path.read_bytes(), loaded)
        return loaded.problems


def _decode(raw: bytes, loaded: Loaded) -> str | None:
    """Return `raw` as text, or record why it is not UTF-8 (naming TIS-620 when it looks so)."""
    if not raw.strip():
        loaded.problems.append(Problem("empty_file", loaded.file))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        guess = ""
        if any(0xA1 <= b <= 0xFB for b in raw):
            guess = " " + _("(it looks like TIS-620/Windows-874 from an old Thai editor)")
        loaded.problems.append(Problem("not_utf8", loaded.file, line, params={"guess": guess}))
        return None


def _strip_controls(text: str, loaded: Loaded) -> str:
    """Record each control character with its place; blank it so parsing can go on."""
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = f"U+{ord(match.group()):04X}"
        loaded.problems.append(Problem("control_char", loaded.file, line, col, found=code))
    return _CONTROL.sub(" ", text)


def _convert(node: yaml.Node, schema: dict | None, path: Path_, loaded: Loaded,
             budget: _Budget) -> object:
    """Return `node` as plain values, converting scalars by `schema`.

    An alias that contains itself, or aliases that expand past MAX_NODES, are
    recorded once at the place they are used and not expanded.
    """
    loaded.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    budget.left -= 1
    if isinstance(node, yaml.ScalarNode):
        budget.chars -= len(node.value)
    if budget.exceeded or id(node) in budget.open or budget.left < 0 or budget.chars < 0:
        if not budget.exceeded:
            code = "alias_loop" if id(node) in budget.open else "too_large" if budget.left < 0 \
                else "too_much_text"
            loaded.problem(code, path, params={"limit": MAX_NODES if code == "too_large" else MAX_CHARS})
        budget.exceeded = True
        return None
    if node.tag not in _PLAIN_TAGS:
        loaded.problem("yaml_tag", path, found=node.tag.replace("tag:yaml.org,2002:", "!!"))
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, schema, path, loaded)
    budget.open.add(id(node))
    if isinstance(node, yaml.MappingNode):
        value = _mapping(node, schema, path, loaded, budget)
    else:
        items = (schema or {}).get("items")
        value = [_convert(n, items, path + (i,), loaded, budget) for i, n in enumerate(node.value)]
    budget.open.discard(id(node))
    return value


def _mapping(node: yaml.MappingNode, schema: dict | None, path: Path_, loaded: Loaded,
             budget: _Budget) -> dict:
    """Return a mapping node as a dict, recording repeated keys."""
    result: dict = {}
    schema = schema or {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_path = path + (key,)
        if key in result:
            first = loaded.keys[key_path][0]
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            loaded.problems.append(Problem("duplicate_key", loaded.file, line, col, dotted(key_path),
                                           params={"key": key, "first_line": first}))
            continue
        loaded.keys[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        sub = schema.get("properties", {}).get(key)
        if sub is None and isinstance(schema.get("additionalProperties"), dict):
            sub = schema["additionalProperties"]
        result[key] = _convert(value_node, sub, key_path, loaded, budget)
    return result


def _scalar(node: yaml.ScalarNode, schema: dict | None, path: Path_, loaded: Loaded) -> object:
    """Return a scalar as the schema's type; text stays exactly as written."""
    value, plain = node.value, not node.style   # -- libyaml says "" where PyYAML says None --
    for match in _CONTROL.finditer(value):  # also those written as escapes, e.g. "\v"
        loaded.problem("control_char", path, found=f"U+{ord(match.group()):04X}")
    types = (schema or {}).get("type", "string")
    types = types if isinstance(types, list) else [types]
    if plain and value in _NULLS:
        return None
    if "integer" in types and plain:
        if _INT.match(value) and len(value.lstrip("+-")) > MAX_DIGITS:
            loaded.problem("number_too_long", path, found=f"{len(value.lstrip('+-'))}",
                           params={"limit": MAX_DIGITS})
            return None
        if _INT.match(value):
            return int(value)
        if _LEADING_ZERO.match(value):
            loaded.problem("leading_zero", path, found=value, expected=str(int(value)))
            return value
    if "boolean" in types and plain and value in _BOOLEANS:
        return _BOOLEANS[value]
    if "string" in types and plain and value.lower() in _YAML11_WORDS:
        loaded.problems.append(Problem("yaml11_word", loaded.file, *loaded.marks[path],
                                       dotted(path), found=value, warning=True))
    return value
