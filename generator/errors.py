"""The exceptions users see, and how their messages are shaped.

Every message exists in Thai (the default) and English; `set_language` picks one
for the whole run. A `Problem` carries its place: file, line, column and the field
path as written in the YAML.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from dataclasses import dataclass

_LANG = ["th"]

MESSAGES: dict[str, tuple[str, str]] = {
    # code: (Thai, English); {name} placeholders are filled from Problem.params
    "yaml_syntax": ("รูปแบบ YAML ไม่ถูกต้อง: {detail}", "YAML syntax error: {detail}"),
    "duplicate_key": ("คีย์ {key} ซ้ำกับบรรทัด {first_line} (YAML จะเก็บค่าหลังสุดไว้เงียบ ๆ)",
                      "key {key} repeats the one on line {first_line} (YAML would silently keep the last)"),
    "unknown_key": ("ไม่รู้จักคีย์ {key} (พิมพ์ผิดหรือไม่? คีย์ที่ใช้ได้: {allowed})",
                    "unknown key {key} (a typo? allowed keys: {allowed})"),
    "missing": ("ขาดช่อง {key} ที่ต้องมี", "required field {key} is missing"),
    "type": ("ชนิดข้อมูลไม่ถูกต้อง", "wrong type"),
    "leading_zero": ("ตัวเลขขึ้นต้นด้วย 0 ({found}) อ่านได้สองแบบ", "a number with a leading zero ({found}) is ambiguous"),
    "too_short": ("มีน้อยกว่าที่กำหนด", "too few items"),
    "too_long": ("มีมากกว่าที่กำหนด", "too many items"),
    "bad_value": ("ค่าไม่ถูกต้อง", "invalid value"),
    "yaml11_word": ("ค่า {found} ไม่ได้อยู่ในเครื่องหมายคำพูด จึงเก็บเป็นข้อความตามที่พิมพ์ ถ้าตั้งใจให้เป็นข้อความให้ใส่ \"{found}\"",
                    "{found} is unquoted; it is kept as the text written. Quote it as \"{found}\" to say so"),
    "empty_file": ("ไฟล์ว่างเปล่า", "the file is empty"),
    "not_utf8": ("ไฟล์ไม่ได้บันทึกเป็น UTF-8{guess} ให้บันทึกใหม่เป็น UTF-8",
                 "the file is not UTF-8{guess}; save it again as UTF-8"),
    "too_deep": ("ข้อมูลซ้อนกันลึกเกิน {limit} ชั้น (วงเล็บหรือการย่อหน้าซ้อนกันมากผิดปกติ)",
                 "the data nests deeper than {limit} levels (brackets or indentation nested far too deep)"),
    "too_large": ("ข้อมูลขยายเกิน {limit} ค่าเมื่อแทน alias (*) ด้วย anchor (&) ที่อ้างถึง ให้เขียนค่าออกมาตรง ๆ",
                  "the data expands past {limit} values when aliases (*) are replaced by their anchors (&); "
                  "write the values out"),
    "too_much_text": ("ข้อมูลยาวเกิน {limit} ตัวอักษรเมื่อแทน alias (*) ด้วย anchor (&) ที่อ้างถึง "
                      "(นับทุกครั้งที่ใช้) ให้เขียนค่าออกมาตรง ๆ",
                      "the data is longer than {limit} characters once aliases (*) are replaced by their "
                      "anchors (&), counted each time they are used; write the values out"),
    "file_too_large": ("ไฟล์ใหญ่เกิน {limit} ไบต์ ไม่ใช่ไฟล์ข้อมูลคำรับรอง (ไฟล์จริงใหญ่ไม่ถึง 20,000 ไบต์)",
                       "the file is larger than {limit} bytes: not an agreement data file "
                       "(real ones are under 20,000 bytes)"),
    "number_too_long": ("ตัวเลขยาว {found} หลัก เกิน {limit} หลัก (ปี น้ำหนัก หรือเลขตัวชี้วัดไม่ยาวขนาดนี้)",
                        "a number of {found} digits, more than {limit} (no year, weight or indicator "
                        "number is that long)"),
    "alias_loop": ("alias (*) อ้างถึงตัวเอง ข้อมูลจึงไม่มีที่สิ้นสุด", "an alias (*) refers to itself, so the data never ends"),
    "one_line": ("ต้องเป็นข้อความบรรทัดเดียว (พบการขึ้นบรรทัดใหม่)", "must be a single line (a line break was found)"),
    "control_char": ("มีอักขระควบคุม {found} ซึ่งพิมพ์ไม่ได้ (มักติดมาจากการคัดลอกจาก Word หรือ PDF) ให้ลบออก",
                     "control character {found} cannot be printed (often pasted from Word or PDF); delete it"),
    "no_folder": ("ไม่พบโฟลเดอร์ข้อมูล", "the data folder does not exist"),
    "no_file": ("ไม่พบไฟล์ที่ต้องมี", "a required file is missing"),
    "no_indicators": ("ไม่พบไฟล์ตัวชี้วัดในโฟลเดอร์ indicators/", "no indicator files in indicators/"),
    "yaml_tab": ("ย่อหน้าด้วยแท็บไม่ได้ ให้ใช้ช่องว่าง (เคาะ spacebar) แทนแท็บที่ตำแหน่งนี้",
                 "indentation must use spaces, not a tab: replace the tab at this place with spaces"),
    "weight_total": ("น้ำหนักรวมของทุกตัวชี้วัดเป็น {total} ต้องเท่ากับ 100",
                     "the indicator weights total {total}; they must total 100"),
    "group_sum": ("น้ำหนักของทุกกลุ่มรวมกันเป็น {total} ต้องเท่ากับ 100",
                  "the group weights total {total}; they must total 100"),
    "group_total": ("น้ำหนักของกลุ่ม {group} ต้องเท่ากับผลรวมน้ำหนักตัวชี้วัดในกลุ่ม",
                    "group {group}'s weight must equal the sum of its indicators' weights"),
    "weight_positive": ("น้ำหนักต้องมากกว่า 0", "a weight must be positive"),
    "number_duplicate": ("เลขตัวชี้วัด {found} ซ้ำกับใน {other}", "indicator number {found} repeats the one in {other}"),
    "number_sequence": ("เลขตัวชี้วัดต้องเรียง 1, 2, 3, … ไม่ข้าม", "indicator numbers must run 1, 2, 3, … without gaps"),
    "unknown_staff": ("ไม่พบ {found} ในทะเบียนผู้รับผิดชอบ staff.yaml", "{found} is not in the staff register staff.yaml"),
    "unknown_staff_near": ("ไม่พบ {found} ในทะเบียนผู้รับผิดชอบ staff.yaml หมายถึง {near} หรือไม่?",
                           "{found} is not in the staff register staff.yaml; did you mean {near}?"),
    "unknown_indicator": ("ไม่มีตัวชี้วัดที่ {found} ในคำรับรอง", "the agreement has no indicator {found}"),
    "round_mismatch": ("ไฟล์ของรอบ {file_round} เดือน แต่ระบุ round เป็น {found}",
                       "the file of the {file_round}-month round says round {found}"),
    "missing_result": ("ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ {number} ในรอบ {round} เดือน",
                       "no result yet for indicator {number} in the {round}-month round"),
    "no_level": ("บอกไม่ได้ว่าผลนี้ถึงระดับใด: เกณฑ์ไม่ใช่ตัวเลขหน่วยเดียวกับผล จึงต้องระบุ level",
                 "the level reached cannot be derived (criteria and result are not numbers in one unit): give level"),
    "level_differs": ("level ที่ระบุ ({found}) ไม่ตรงกับที่คำนวณจากตัวเลข ({derived}) ใช้ค่าที่คำนวณ",
                      "the level given ({found}) differs from the one the numbers give ({derived}); the numbers count"),
    "unknown_group": ("ไม่พบกลุ่ม {found} ใน groups ของ agreement.yaml",
                      "group {found} is not in agreement.yaml's groups"),
    "bad_date": ("วันที่ไม่ถูกต้อง: {detail}", "invalid date: {detail}"),
    "bad_fiscal_year": ("ปีงบประมาณต้องเป็นปี พ.ศ.", "the fiscal year must be a Buddhist-era year"),
    "date_outside_year": ("วันที่ลงนามอยู่ห่างจากปีงบประมาณ {fy} มาก ตรวจสอบอีกครั้ง",
                          "the signing date is far outside fiscal year {fy}; check it"),
    "yaml_tag": ("แท็ก YAML {found} ไม่อนุญาต (ข้อมูลต้องเป็นข้อความ ตัวเลข หรือรายการเท่านั้น)",
                 "YAML tag {found} is not allowed (data is text, numbers and lists only)"),
    "zero_width": ("มีอักขระที่มองไม่เห็น (zero-width) ในคำ {found} ให้ลบออก",
                   "an invisible zero-width character in {found}; delete it"),
    "bidi_control": ("มีอักขระควบคุมทิศทางข้อความ (bidi) ที่มองไม่เห็นในคำ {found} ซึ่งทำให้ข้อความแสดงกลับด้านหรือสลับที่ได้ "
                     "ให้ลบออก", "an invisible bidirectional control character in {found} can show the text reversed "
                     "or reordered; delete it"),
    "example_results": ("ไฟล์นี้เป็นผลการดำเนินงานตัวอย่าง (example: true) ไม่ใช่ผลจริงของหน่วยงาน รายงานจะพิมพ์ว่าเป็นตัวอย่าง "
                        "rollover ไม่ใช้เป็นข้อมูลพื้นฐาน และ archive ไม่เก็บเว้นแต่สั่ง --allow-example",
                        "this file holds example results (example: true), not the unit's own: its report says "
                        "so in print, rollover does not take it as a baseline, and archive refuses it unless "
                        "given --allow-example"),
    "thai_order": ("สระหรือวรรณยุกต์ในคำ {found} พิมพ์ผิดลำดับหรือซ้ำ",
                   "Thai vowels or tone marks in {found} are out of order or doubled"),
    "latin_in_thai": ("คำ {found} มีอักษรละตินปนอยู่ในคำภาษาไทย (มักติดมาจาก OCR)",
                      "{found} mixes Latin letters into a Thai word (often OCR damage)"),
    "unknown_word": ("ไม่พบคำ {found} ในพจนานุกรม (ถ้าถูกต้อง ให้เพิ่มใน words.txt ในโฟลเดอร์ข้อมูล)",
                     "{found} is not in the dictionary (if it is right, add it to words.txt in the data folder)"),
    "strict_warnings": ("มีคำเตือน {count} รายการ และสั่ง --strict ไว้", "{count} warnings, and --strict was given"),
    "template_missing_var": ("แม่แบบ {template} ใช้ {name} แต่ข้อมูลไม่มี",
                             "template {template} uses {name}, which the data lacks"),
    "template_error": ("แม่แบบ {template} ผิดพลาด: {detail}", "template {template} failed: {detail}"),
    "template_unsafe": ("แม่แบบ {template} เรียกใช้สิ่งที่ไม่อนุญาต: {detail}",
                        "template {template} uses something not allowed: {detail}"),
    "template_not_found": ("ไม่พบแม่แบบ {template}", "template {template} not found"),
    "template_split_tag": ("แม่แบบ {template} มีแท็ก {detail} ที่ถูกแยกเป็นหลายช่วงข้อความ (เกิดหลังแก้ไขใน Word) "
                           "ให้พิมพ์แท็กนั้นใหม่ทั้งแท็ก",
                           "template {template} has tag {detail} split across runs (Word does this after editing); "
                           "retype the whole tag"),
}

LABELS = {
    "expected": ("ที่ต้องการ", "expected"),
    "found": ("ที่พบ", "found"),
    "line": ("บรรทัด", "line"),
    "column": ("คอลัมน์", "column"),
    "field": ("ช่อง", "field"),
    "warning": ("คำเตือน", "warning"),
    "error": ("ข้อผิดพลาด", "error"),
    "suggestion": ("คำแนะนำ", "suggestion"),
}

SUGGESTING = {"thai_order", "unknown_word"}

# click's own messages, by their gettext msgid (click marks them with gettext and ngettext)
CLICK_TH: dict[str, str] = {
    "Usage:": "วิธีใช้:", "Options": "ตัวเลือก", "Commands": "คำสั่ง",
    "Positional arguments": "อาร์กิวเมนต์",
    "Show this message and exit.": "แสดงวิธีใช้นี้แล้วจบ",
    "Show the version and exit.": "แสดงรุ่นของโปรแกรมแล้วจบ",
    "%(prog)s, version %(version)s": "%(prog)s รุ่น %(version)s",
    "Error: {message}": "ข้อผิดพลาด: {message}",
    "Try '{command} {option}' for help.": "ดูวิธีใช้ด้วย '{command} {option}'",
    "No such option {name!r}.": "ไม่มีตัวเลือก {name!r}",
    "No such command {name!r}.": "ไม่มีคำสั่ง {name!r}",
    "Did you mean {possibility}?": "หมายถึง {possibility} หรือไม่?",
    "(Did you mean one of: {possibilities}?)": "(หมายถึงหนึ่งในนี้หรือไม่: {possibilities})",
    "Option {name!r} requires an argument.": "ตัวเลือก {name!r} ต้องมีค่าตามหลัง",
    "Option {name!r} requires {nargs} arguments.": "ตัวเลือก {name!r} ต้องมีค่าตามหลัง {nargs} ค่า",
    "Option {name!r} does not take a value.": "ตัวเลือก {name!r} ไม่รับค่า",
    "Got unexpected extra argument ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Got unexpected extra arguments ({args})": "มีอาร์กิวเมนต์เกินมา ({args})",
    "Missing argument": "ขาดอาร์กิวเมนต์", "Missing option": "ขาดตัวเลือก",
    "Missing parameter": "ขาดค่า", "Missing command.": "ขาดคำสั่ง",
    "Invalid value for {param_hint}: {message}": "ค่าของ {param_hint} ไม่ถูกต้อง: {message}",
    "Invalid value: {message}": "ค่าไม่ถูกต้อง: {message}",
    "{value!r} is not {choice}.": "{value!r} ไม่ใช่ {choice}",
    "{value!r} is not one of {choices}.": "{value!r} ไม่ใช่ค่าใดใน {choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} ไม่ใช่ตัวเลข",
    "{name} {filename!r} does not exist.": "ไม่พบ {filename!r}",
    "{name} {filename!r} is a file.": "{filename!r} เป็นไฟล์ ต้องเป็นโฟลเดอร์",
    "{name} {filename!r} is a directory.": "{filename!r} เป็นโฟลเดอร์ ต้องเป็นไฟล์",
    "default: {default}": "ค่าเริ่มต้น: {default}", "required": "ต้องระบุ",
    "env var: {var}": "ตัวแปรสภาพแวดล้อม: {var}", "Aborted!": "ยกเลิกแล้ว",
}


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
    where = ", ".join(map(str, names)) or tr("(ระบบไม่ได้บอกชื่อไฟล์)", "(the system named no file)")
    return f"{where}: " + tr("ระบบไม่ยอมให้อ่านหรือเขียน", "the system refused to read or write") + f" ({why})"


def tr(thai: str, english: str) -> str:
    """Return `thai` or `english`, whichever language the run uses.

    >>> tr("ตัวอย่าง", "example")
    'ตัวอย่าง'
    """
    return english if _LANG[0] == "en" else thai


def set_language(lang: str) -> None:
    """Choose the language of every message: ``th`` (default) or ``en``."""
    _LANG[0] = lang


@contextlib.contextmanager
def in_language(lang: str):
    """Write messages in `lang` inside the block (records kept in Thai, say), then switch back."""
    saved = _LANG[0]
    _LANG[0] = lang
    try:
        yield
    finally:
        _LANG[0] = saved


def language() -> str:
    """Return the language messages are in: ``th`` or ``en``."""
    return _LANG[0]


def click_gettext(msgid: str) -> str:
    """Return click's message `msgid` in the chosen language (click calls this as gettext).

    >>> click_gettext("No such option {name!r}.").format(name="--digit")
    "ไม่มีตัวเลือก '--digit'"
    """
    return msgid if _LANG[0] == "en" else CLICK_TH.get(msgid, msgid)


def click_ngettext(singular: str, plural: str, count: int) -> str:
    """Return click's message in the chosen language, singular or plural (as ngettext)."""
    return click_gettext(singular if count == 1 else plural)


def label(key: str) -> str:
    """Return the label `key` in the chosen language."""
    th, en = LABELS[key]
    return en if _LANG[0] == "en" else th


def message(code: str, **params: object) -> str:
    """Return message `code` in the chosen language, filled with `params`.

    >>> message("missing", key="name")
    'ขาดช่อง name ที่ต้องมี'
    """
    th, en = MESSAGES[code]
    return (en if _LANG[0] == "en" else th).format(**params)


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
        if self.found and "{found}" not in MESSAGES[self.code][0]:
            text += f"\n    {label('found')}: {self.found}"
        return text


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
