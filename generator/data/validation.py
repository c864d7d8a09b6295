"""Turn JSON Schema violations of one loaded file into positioned, Thai `Problem`s."""

from __future__ import annotations

import jsonschema

from generator.data.loader import Loaded, dotted
from generator.errors import Problem
from generator.i18n import N_, _

_TYPE_NAMES = {"string": N_("text"), "integer": N_("a whole number"),
               "array": N_("a list (lines starting with - )"), "object": N_("a mapping (key: value)"),
               "null": N_("empty"), "boolean": N_("true or false")}


def schema_problems(loaded: Loaded, schema: dict) -> list[Problem]:
    """Return every way `loaded.data` breaks `schema`, each with file, line and field."""
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[Problem] = []
    for error in sorted(validator.iter_errors(loaded.data), key=lambda e: list(map(str, e.path))):
        problems += _convert(error, loaded)
    return list(dict.fromkeys(problems))  # one "required" error per missing key lists them all


def _convert(error: jsonschema.ValidationError, loaded: Loaded) -> list[Problem]:
    path = tuple(error.path)
    kind = error.validator
    if kind == "required":
        return [_at(loaded, "missing", path + (key,), path, params={"key": key},
                    expected=_example(error.schema["properties"].get(key, {})))
                for key in error.validator_value if key not in error.instance]
    if kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        return [_at(loaded, "unknown_key", path + (key,), path + (key,), key_mark=True,
                    params={"key": key, "allowed": allowed})
                for key in error.instance if key not in error.schema.get("properties", {})]
    if kind == "pattern" and error.instance.strip() and "\n" in error.instance:
        return [_at(loaded, "one_line", path, path, expected=_example(error.schema),
                    found=error.instance.replace("\r", "\\r").replace("\n", "\\n"))]
    if kind in ("minLength", "pattern") and not error.instance.strip() \
            or (kind == "type" and error.instance is None):
        return [_at(loaded, "missing", path, path, params={"key": dotted(path)},
                    expected=_example(error.schema))]
    if kind == "type":
        return [_at(loaded, "type", path, path, expected=_expected_type(error.schema),
                    found=_show(error.instance))]
    if kind in ("minItems", "maxItems"):
        code = "too_short" if kind == "minItems" else "too_long"
        expected = _("{validator_value} values").format(validator_value=error.validator_value)
        return [_at(loaded, code, path, path, expected=expected,
                    found=_("{count} values").format(count=len(error.instance)))]
    if kind == "minProperties":
        return [_at(loaded, "too_short", path, path, expected=_example(error.schema), found=_("empty"))]
    if kind == "minimum":
        return [_at(loaded, "weight_positive" if path[-1] == "weight" else "bad_value", path, path,
                    expected=_("{validator_value} or more").format(validator_value=error.validator_value),
                    found=_show(error.instance))]
    if kind == "enum":
        return [_at(loaded, "bad_value", path, path, expected=" | ".join(map(str, error.validator_value)),
                    found=_show(error.instance))]
    return [_at(loaded, "bad_value", path, path, expected=_example(error.schema),
                found=_show(error.instance))]


def _at(loaded: Loaded, code: str, path: tuple, mark_path: tuple, key_mark: bool = False,
        **kw) -> Problem:
    line, col = (loaded.keys.get(mark_path) if key_mark else None) or loaded.place(mark_path)
    return Problem(code, loaded.file, line, col, dotted(path), **kw)


def _expected_type(schema: dict) -> str:
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    names = (" " + _("or") + " ").join(_(_TYPE_NAMES[t]) for t in types if t != "null")
    example = _example(schema)
    return names + _(", e.g.") + f" {example}" if example else names


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    example = examples[0]
    if isinstance(example, bool):
        return "true" if example else "false"
    return " ".join(map(str, example)) if isinstance(example, list) else str(example)


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(map(str, value)) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
