"""The data format as JSON Schemas: one per kind of file in a data folder.

The loader converts YAML scalars by these schemas (so ``ext: 0104`` stays the text
"0104"), `model` validates against them, and ``agreement schema`` prints them for
editors with a YAML language server.
"""

from __future__ import annotations

# "\S": a text of spaces alone would print a blank on a signed page. "(?![\s\S])" ends a
# one-line pattern: Python's "$" also matches before a final newline ("bic\n").
TEXT = {"type": "string", "minLength": 1, "pattern": "\\S"}
TEXTS = {"type": "array", "items": TEXT, "minItems": 1}
ONE_LINE = "^[^\\r\\n]*\\S[^\\r\\n]*(?![\\s\\S])"


def _text(example: str) -> dict:
    return {**TEXT, "examples": [example]}


def _line(example: str) -> dict:
    """Return the schema of a one-line text: a name, a position, a phone."""
    return {**TEXT, "pattern": ONE_LINE, "examples": [example]}


def _int(example: int, minimum: int | None = None) -> dict:
    schema: dict = {"type": "integer", "examples": [example]}
    if minimum is not None:
        schema["minimum"] = minimum
    return schema


def _object(required: list[str], **properties: dict) -> dict:
    return {"type": "object", "additionalProperties": False,
            "required": required, "properties": properties}


def _five(example: str) -> dict:
    return {"type": "array", "items": _text(example), "minItems": 5, "maxItems": 5,
            "examples": [["-", "-", "-", "-", example]]}


PERSON = _object(["name", "position"], name=_line("นายสุภัทร จำปาทอง"),
                 position=_line("ปลัดกระทรวงศึกษาธิการ"),
                 full_position=_line("ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ สป."))

AGREEMENT = _object(
    ["fiscal_year", "unit", "receiver", "maker", "groups"],
    fiscal_year=_int(2564),
    unit=_object(["code", "name", "short_name", "office"],
                 code={**_text("bic"), "pattern": "^[a-z0-9][a-z0-9-]*(?![\\s\\S])"},
                 name=_text("สำนักความสัมพันธ์ต่างประเทศ"),
                 short_name=_text("สำนักความสัมพันธ์ต่างประเทศ สป."),
                 office=_text("สำนักงานปลัดกระทรวงศึกษาธิการ")),
    receiver=PERSON,
    maker=PERSON,
    signing_date={"type": ["string", "null"], "examples": ["2564-02-10"]},
    groups={"type": "object", "minProperties": 1, "additionalProperties": _object(
        ["name", "weight"], name=_text("การประเมินประสิทธิภาพการดำเนินงาน (Performance Base)"),
        weight=_int(60, minimum=1))},
)

STAFF = _object(["staff"], staff={
    "type": "object", "minProperties": 1,
    "additionalProperties": _object(["name"], name=_line("นางสาววิมล ลุมพิกานนท์"),
                                    phone=_line("02 628 5646"), ext=_line("104"))})

LINKAGE = _object(
    ["national_strategy", "plans", "office_strategies", "ministry_indicators",
     "department_indicators"],
    national_strategy=_text("ยุทธศาสตร์ชาติ พ.ศ. 2561 – 2580"),
    plans={"type": "array", "minItems": 1, "items": _object(
        ["heading", "items"], heading=_text("แผนการปฏิรูปประเทศ"), items=TEXTS)},
    office_strategies={"type": "array", "minItems": 1, "items": _object(
        ["number", "title"], number=_int(2, minimum=1),
        title=_text("พัฒนาครูและบุคลากรทางการศึกษา"))},
    ministry_indicators=TEXTS,
    department_indicators=TEXTS,
)

INDICATOR = _object(
    ["number", "group", "title", "weight", "linkage", "description", "baseline", "criteria",
     "responsible"],
    number=_int(1, minimum=1),
    group=_text("performance"),
    title=_text("ระดับความสำเร็จในการจัดฝึกอบรมให้กับนักศึกษาต่างประเทศในประเทศไทย"),
    weight=_int(15, minimum=1),
    linkage=TEXTS,
    public_benefit=_text("ยกระดับงานบริการของหน่วยงานไปสู่การให้บริการแบบออนไลน์"),
    description=TEXTS,
    baseline=_five("30 แห่ง"),
    roadmap=_five("40 แห่ง"),
    criteria_note=_text("ระดับ 1 (Level 1) การยื่นคำขอ"),
    criteria=_object(["basic", "standard", "advanced"], basic=_text("6 โครงการ/กิจกรรม"),
                     standard=_text("8 โครงการ/กิจกรรม"), advanced=_text("10 โครงการ/กิจกรรม")),
    conditions=TEXTS,
    steps=TEXTS,
    office_benefit=TEXT,
    notes=TEXTS,
    responsible=TEXTS,
)

LEVELS = ["below_basic", "basic", "standard", "advanced"]   # ต่ำกว่าขั้นต้น, ขั้นต้น, มาตรฐาน, ขั้นสูง

RESULTS = _object(
    ["round", "indicators"],
    round={"type": "integer", "enum": [6, 9, 12], "examples": [12]},
    note=_text("ตัวอย่าง ไม่ใช่ผลการดำเนินงานจริง"),
    # -- who signs the report; what is left out prints as a dotted line to fill in by hand --
    reporter=_object([], name=_line("นางสาววิมล ลุมพิกานนท์"), position=_line("นักวิเทศสัมพันธ์ชำนาญการ"),
                     date={"type": ["string", "null"], "examples": ["2564-10-15"]}),
    indicators={"type": "array", "minItems": 1, "items": _object(
        ["number"], number=_int(4, minimum=1), result=_text("9 โครงการ/กิจกรรม"),
        level={"type": "string", "enum": LEVELS, "examples": ["standard"]},
        evidence=TEXTS, obstacles=TEXTS, next_steps=TEXTS)},
)

# file name (relative to the data folder) or pattern → schema
FILES = {"agreement.yaml": AGREEMENT, "staff.yaml": STAFF, "linkage.yaml": LINKAGE,
         "indicators/*.yaml": INDICATOR}


KINDS = {"agreement": AGREEMENT, "staff": STAFF, "linkage": LINKAGE, "indicator": INDICATOR,
         "results": RESULTS}
TITLES = {"agreement": "คำรับรองการปฏิบัติราชการ: agreement.yaml",
          "staff": "ทะเบียนผู้รับผิดชอบตัวชี้วัด: staff.yaml",
          "linkage": "ความเชื่อมโยงนโยบาย/ยุทธศาสตร์/แผน: linkage.yaml",
          "indicator": "ตัวชี้วัด: indicators/NN.yaml",
          "results": "ผลการดำเนินงานรอบ 6, 9 หรือ 12 เดือน: results/NN.yaml"}
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def standalone(kind: str) -> dict:
    """Return the JSON Schema of one kind of data file, ready to save as a .json file."""
    return {"$schema": DRAFT, "title": TITLES[kind], **KINDS[kind]}


def full_schema() -> dict:
    """Return one JSON Schema document that defines every kind of data file."""
    return {"$schema": DRAFT, "title": "คำรับรองการปฏิบัติราชการ: data folder",
            "$defs": KINDS, "anyOf": [{"$ref": f"#/$defs/{name}"} for name in KINDS]}
