"""A data file as form fields: the schema says what each field is, its Thai label and help.

The labels and help are the schemas' own ``title`` and ``description`` (the same text a
YAML language server shows), so there is no second copy to keep in step. A few fields are
choices drawn from other files: an indicator's group (agreement.yaml), its responsible
staff (staff.yaml), a result's indicator and level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.data import schema as schemas
from generator.i18n import N_, _
from generator.text.numbers import ranges


@dataclass
class Field:
    """One field of the form; `kind` names its widget."""

    kind: str                   # map, dict, list, five, line, text, int, choice, date, fixed
    key: str = ""               # its key in the mapping above it ("" for a row of a list)
    label: str = ""
    help: str = ""
    value: str = ""
    children: list = field(default_factory=list)
    blank: Field | None = None  # a new row, for a list or the register
    options: list = field(default_factory=list)    # (value, label) of a choice
    headers: list = field(default_factory=list)    # the years above a five-year table
    locked: bool = False        # the key of a register row that others refer to
    note: str = ""              # what the clerk needs beside a row: who answers for what, the criteria


@dataclass
class Context:
    """What the form of one file needs from the others."""

    kind: str
    fiscal_year: int | None = None
    groups: list = field(default_factory=list)      # (key, name)
    people: list = field(default_factory=list)      # (key, full name)
    titles: dict = field(default_factory=dict)      # indicator number → title
    indicators: dict = field(default_factory=dict)  # indicator number → its values (for notes)


def form(value: object, schema: dict, ctx: Context) -> Field:
    """Return the form of a whole data file."""
    return _field(schema, value, (), ctx)


def _field(schema: dict, value: object, path: tuple, ctx: Context, key: str = "") -> Field:
    label, help_ = schema.get("title", key), schema.get("description", "")
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        data = value if isinstance(value, dict) else {}
        return Field("map", key, label, help_, children=[
            _field(sub, data.get(name), path + (name,), ctx, name) for name, sub in schema["properties"].items()])
    if kind == "object":
        return _register(schema, value, path, ctx, key)
    if kind == "array":
        return _rows(schema, value, path, ctx, key)
    return _scalar(schema, value, path, ctx, key)


def _register(schema: dict, value: object, path: tuple, ctx: Context, key: str) -> Field:
    """Return a mapping whose keys the clerk chooses (the staff register, the groups)."""
    data = value if isinstance(value, dict) else {}
    entry = schema["additionalProperties"]
    rows = []
    for name, item in data.items():
        row = _field(entry, item, path + (str(name),), ctx, str(name))
        row.locked = True
        row.note = _answers_for(str(name), ctx) if ctx.kind == "staff" else ""
        rows.append(row)
    return Field("dict", key, schema.get("title", key), schema.get("description", ""), children=rows,
                 blank=_field(entry, None, path + ("",), ctx))


def _rows(schema: dict, value: object, path: tuple, ctx: Context, key: str) -> Field:
    items = list(value) if isinstance(value, list) else []
    sub = schema.get("items", {})
    children = [_field(sub, item, path + (i,), ctx) for i, item in enumerate(items)]
    if (ctx.kind, path) == ("results", ("indicators",)):
        for child, item in zip(children, items, strict=True):
            child.note = _criteria(item, ctx)
    label, help_ = schema.get("title", key), schema.get("description", "")
    if schema.get("minItems") == schema.get("maxItems") == 5:
        children += [_field(sub, None, path + (i,), ctx) for i in range(len(children), 5)]
        return Field("five", key, label, help_, children=children[:5], headers=_years(key, ctx))
    return Field("list", key, label, help_, children=children, blank=_field(sub, None, path + (0,), ctx))


def _answers_for(key: str, ctx: Context) -> str:
    """Return which indicators a person of the register answers for.

    >>> _answers_for("วิมล", Context("staff", indicators={5: {"responsible": ["วิมล"]}, 6: {}}))
    'รับผิดชอบตัวชี้วัดที่ 5'
    """
    numbers = [n for n, data in ctx.indicators.items() if key in (data.get("responsible") or [])]
    return _("answers for indicators {numbers}").format(numbers=ranges(numbers)) if numbers \
        else _("answers for no indicator yet")


def _criteria(item: object, ctx: Context) -> str:
    """Return the criteria a result is measured against, to choose its level by."""
    number = item.get("number") if isinstance(item, dict) else None
    criteria = ctx.indicators.get(number, {}).get("criteria")
    if not isinstance(criteria, dict):
        return ""
    levels = (("basic", N_("basic")), ("standard", N_("standard")), ("advanced", N_("advanced")))
    return _("criteria: {levels}").format(levels=" · ".join(
        f"{_(name)} {' '.join(str(criteria.get(k, '')).split())}" for k, name in levels))


def _years(key: str, ctx: Context) -> list[str]:
    """Return the years above a baseline (the five before the fiscal year) or a roadmap table."""
    if ctx.fiscal_year is None:
        return [""] * 5
    first = ctx.fiscal_year - 5 if key == "baseline" else ctx.fiscal_year
    return [str(first + i) for i in range(5)]


def _scalar(schema: dict, value: object, path: tuple, ctx: Context, key: str) -> Field:
    shown = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    made = Field(_widget(schema, path, ctx), key, schema.get("title", key), schema.get("description", ""), shown)
    if made.kind == "choice":
        made.options = _options(schema, path, ctx, shown)
    return made


def _widget(schema: dict, path: tuple, ctx: Context) -> str:
    shape = (ctx.kind,) + tuple("#" if isinstance(p, int) else p for p in path)
    if shape in (("indicator", "group"), ("indicator", "responsible", "#"),
                 ("results", "indicators", "#", "number")) or "enum" in schema and shape != ("results", "round"):
        return "choice"
    if shape == ("results", "round"):
        return "fixed"
    if shape in (("agreement", "signing_date"), ("results", "reporter", "date")):
        return "date"
    types = schema.get("type")
    if types == "boolean":
        return "choice"
    if types == "integer":
        return "int"
    return "line" if schema.get("pattern") in (schemas.ONE_LINE,) or path[-1:] == ("code",) else "text"


def _options(schema: dict, path: tuple, ctx: Context, shown: str) -> list[tuple[str, str]]:
    """Return a choice's options as (value, Thai label); the value found is kept even if unknown."""
    if path[-1:] == ("group",):
        options = [(k, f"{name} ({k})") for k, name in ctx.groups]
    elif "responsible" in path:
        options = [(k, name) for k, name in ctx.people]
    elif schema.get("type") == "boolean":
        options = [("", _("— not chosen yet —")), ("true", _("yes")), ("false", _("no"))]
    elif path[-1:] == ("number",):
        options = [(str(n), _("indicator {number}").format(number=n) + f" {title}") for n, title in ctx.titles.items()]
    else:
        names = schema.get("enumDescriptions") or [str(v) for v in schema["enum"]]
        options = [("", _("— not chosen yet —"))] + [(str(v), n) for v, n in zip(schema["enum"], names, strict=True)]
    if shown not in [v for v, _ in options]:
        options.insert(0, (shown, shown or _("— choose —")))
    return options
