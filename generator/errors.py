"""The exceptions users see, and how their messages are shaped.

Messages are written in English and translated through the catalogues (`generator.i18n`):
Thai by default. A `Problem` carries its place: file, line, column and the field path as
written in the YAML; its message comes from `MESSAGES` by code.
"""

from __future__ import annotations

import dataclasses
import errno
import os
from dataclasses import dataclass

from generator.i18n import N_, _

MESSAGES: dict[str, str] = {
    # code: message; {name} placeholders are filled from Problem.params
    "yaml_syntax": N_("YAML syntax error: {detail}"),
    "duplicate_key": N_("key {key} repeats the one on line {first_line} (YAML would silently keep the last)"),
    "unknown_key": N_("unknown key {key} (a typo? allowed keys: {allowed})"),
    "missing": N_("required field {key} is missing"),
    "type": N_("wrong type"),
    "leading_zero": N_("a number with a leading zero ({found}) is ambiguous"),
    "too_short": N_("too few items"),
    "too_long": N_("too many items"),
    "bad_value": N_("invalid value"),
    "yaml11_word": N_("{found} is unquoted; it is kept as the text written. Quote it as \"{found}\" to say so"),
    "empty_file": N_("the file is empty"),
    "not_utf8": N_("the file is not UTF-8{guess}; save it again as UTF-8"),
    "too_deep": N_("the data nests deeper than {limit} levels (brackets or indentation nested far too deep)"),
    "too_large": N_("the data expands past {limit} values when aliases (*) are replaced by their anchors "
                    "(&); write the values out"),
    "too_much_text": N_("the data is longer than {limit} characters once aliases (*) are replaced by their "
                        "anchors (&), counted each time they are used; write the values out"),
    "file_too_large": N_("the file is larger than {limit} bytes: not an agreement data file (real ones are "
                         "under 20,000 bytes)"),
    "number_too_long": N_("a number of {found} digits, more than {limit} (no year, weight or indicator "
                          "number is that long)"),
    "alias_loop": N_("an alias (*) refers to itself, so the data never ends"),
    "one_line": N_("must be a single line (a line break was found)"),
    "control_char": N_("control character {found} cannot be printed (often pasted from Word or PDF); "
                       "delete it"),
    "no_folder": N_("the data folder does not exist"),
    "no_file": N_("a required file is missing"),
    "no_indicators": N_("no indicator files in indicators/"),
    "yaml_tab": N_("indentation must use spaces, not a tab: replace the tab at this place with spaces"),
    "weight_total": N_("the indicator weights total {total}; they must total 100"),
    "group_sum": N_("the group weights total {total}; they must total 100"),
    "group_total": N_("group {group}'s weight must equal the sum of its indicators' weights"),
    "weight_positive": N_("a weight must be positive"),
    "number_duplicate": N_("indicator number {found} repeats the one in {other}"),
    "number_sequence": N_("indicator numbers must run 1, 2, 3, … without gaps"),
    "unknown_staff": N_("{found} is not in the staff register staff.yaml"),
    "unknown_staff_near": N_("{found} is not in the staff register staff.yaml; did you mean {near}?"),
    "unknown_indicator": N_("the agreement has no indicator {found}"),
    "round_mismatch": N_("the file of the {file_round}-month round says round {found}"),
    "missing_result": N_("no result yet for indicator {number} in the {round}-month round"),
    "no_level": N_("the level reached cannot be derived (criteria and result are not numbers in one unit): "
                   "give level"),
    "level_differs": N_("the level given ({found}) differs from the one the numbers give ({derived}); the "
                        "numbers count"),
    "unknown_group": N_("group {found} is not in agreement.yaml's groups"),
    "bad_date": N_("invalid date: {detail}"),
    "bad_fiscal_year": N_("the fiscal year must be a Buddhist-era year"),
    "date_outside_year": N_("the signing date is far outside fiscal year {fy}; check it"),
    "yaml_tag": N_("YAML tag {found} is not allowed (data is text, numbers and lists only)"),
    "zero_width": N_("an invisible zero-width character in {found}; delete it"),
    "bidi_control": N_("an invisible bidirectional control character in {found} can show the text reversed "
                       "or reordered; delete it"),
    "example_results": N_("this file holds example results (example: true), not the unit's own: its report "
                          "says so in print, rollover does not take it as a baseline, and archive refuses "
                          "it unless given --allow-example"),
    "thai_order": N_("Thai vowels or tone marks in {found} are out of order or doubled"),
    "latin_in_thai": N_("{found} mixes Latin letters into a Thai word (often OCR damage)"),
    "unknown_word": N_("{found} is not in the dictionary (if it is right, add it to words.txt in the data "
                       "folder)"),
    "strict_warnings": N_("{count} warnings, and --strict was given"),
    "template_missing_var": N_("template {template} uses {name}, which the data lacks"),
    "template_error": N_("template {template} failed: {detail}"),
    "template_unsafe": N_("template {template} uses something not allowed: {detail}"),
    "template_not_found": N_("template {template} not found"),
    "template_split_tag": N_("template {template} has tag {detail} split across runs (Word does this after "
                             "editing); retype the whole tag"),
}

LABELS = {
    "expected": N_("expected"),
    "found": N_("found"),
    "line": N_("line"),
    "column": N_("column"),
    "field": N_("field"),
    "warning": N_("warning"),
    "error": N_("error"),
    "suggestion": N_("suggestion"),
}

SUGGESTING = {"thai_order", "unknown_word"}

def shown(path: object) -> str:
    """Return a path as text any message or file can hold.

    A name that is not UTF-8 (a Thai name unzipped from a Windows zip, in Windows-874) is
    read as Windows-874, one part of the path at a time; what is neither becomes U+FFFD.

    >>> shown(os.fsdecode(b"data/" + "ข้อมูล".encode("cp874") + b"/2564"))
    'data/ข้อมูล/2564'
    """
    text = os.fspath(path) if not isinstance(path, str) else path
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        parts = os.fsencode(text).split(b"/")
        return "/".join(_readable(part) for part in parts)


def _readable(part: bytes) -> str:
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError:
        return part.decode("cp874", errors="replace")


def os_error_text(exc: OSError) -> str:
    """Return a refused read or write in the clerk's words, with the file it was about."""
    names = [name for name in (exc.filename, exc.filename2) if name]
    if not names and exc.args and isinstance(exc.args[0], list):   # shutil's copytree: (source, target, why)
        names = [str(item[0]) for item in exc.args[0][:3] if isinstance(item, tuple) and item]
    why = exc.strerror or (str(exc.args[0][0][-1]) if names and not exc.filename else str(exc))
    where = ", ".join(map(str, names)) or _("(the system named no file)")
    return f"{where}: " + _("the system refused to read or write") + f" ({why})"


def label(key: str) -> str:
    """Return the label `key` in the chosen language."""
    return _(LABELS[key])


def message(code: str, **params: object) -> str:
    """Return message `code` in the chosen language, filled with `params`.

    >>> message("missing", key="name")
    'ขาดช่อง name ที่ต้องมี'
    """
    return _(MESSAGES[code]).format(**params)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in the data, with its place."""

    code: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    field: str = ""
    expected: str = ""
    found: str = ""
    warning: bool = False
    params: dict = dataclasses.field(default_factory=dict, hash=False, compare=False)

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        kind = label("warning" if self.warning else "error")
        text = f"{place}: {kind}: "
        if self.field:
            text += f"{label('field')} {self.field}: "
        text += message(self.code, found=self.found, **self.params)
        if self.expected:
            kind = "suggestion" if self.code in SUGGESTING else "expected"
            text += f"\n    {label(kind)}: {self.expected}"
        if self.found and "{found}" not in MESSAGES[self.code]:
            text += f"\n    {label('found')}: {self.found}"
        return text


# -- errno values that mean "the system would not let us", which a user can fix --
REFUSALS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EBUSY,
            errno.ETXTBSY, errno.ENAMETOOLONG}


def actionable(exc: BaseException) -> bool:
    """Tell whether the user can act on `exc`: the project's own errors, or a refusal by the system."""
    return isinstance(exc, GeneratorError) or isinstance(exc, OSError) and exc.errno in REFUSALS


class GeneratorError(Exception):
    """A problem the user can fix; the CLI prints it and exits 1."""


class DataError(GeneratorError):
    """The data folder has problems the user must fix; each carries its place."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(GeneratorError):
    """A template cannot render with the data given."""

    def __init__(self, code: str, **params: object):
        self.code = code
        super().__init__(message(code, **params))


class ToolMissing(GeneratorError):
    """An outside program the command needs (LibreOffice, pdffonts) is not installed."""
