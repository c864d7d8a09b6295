"""The data format as JSON Schemas: one per kind of file in a data folder.

The loader converts YAML scalars by these schemas (so ``ext: 0104`` stays the text
"0104"), `model` validates against them, and ``agreement schema`` prints them for
editors with a YAML language server.
"""

from __future__ import annotations

from generator.data import scores

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


def _about(schema: dict, title: str, description: str = "") -> dict:
    """Return `schema` with the Thai label and help that editors and the form editor show."""
    return {**schema, "title": title, **({"description": description} if description else {})}


def _five(example: str) -> dict:
    return {"type": "array", "items": _text(example), "minItems": 5, "maxItems": 5,
            "examples": [["-", "-", "-", "-", example]]}


def _person(title: str) -> dict:
    return _about(_object(
        ["name", "position"],
        name=_about(_line("นายสุภัทร จำปาทอง"), "ชื่อ-นามสกุล", "มีคำนำหน้า เช่น นาย นาง นางสาว"),
        position=_about(_line("ปลัดกระทรวงศึกษาธิการ"), "ตำแหน่ง", "ตำแหน่งใต้ลายมือชื่อ"),
        full_position=_about(_line("ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ สป."), "ตำแหน่งในข้อ 5",
                             "ไม่บังคับ: กรอกเมื่อตำแหน่งที่เขียนในข้อ 5 ต่างจากใต้ลายมือชื่อ")), title)


AGREEMENT = _object(
    ["fiscal_year", "unit", "receiver", "maker", "groups"],
    fiscal_year=_about(_int(2564), "ปีงบประมาณ (พ.ศ.)",
                       "ปี พ.ศ. ไม่ใช่ ค.ศ. ช่วงเวลา 1 ตุลาคม – 30 กันยายน และปีในตารางคำนวณจากปีนี้เอง"),
    unit=_about(_object(
        ["code", "name", "short_name", "office"],
        code=_about({**_text("bic"), "pattern": "^[a-z0-9][a-z0-9-]*(?![\\s\\S])"}, "รหัสหน่วยงาน",
                    "อักษรอังกฤษตัวเล็ก ตัวเลข และ - ใช้ตั้งชื่อโฟลเดอร์เก็บถาวร"),
        name=_about(_text("สำนักความสัมพันธ์ต่างประเทศ"), "ชื่อหน่วยงานเต็ม"),
        short_name=_about(_text("สำนักความสัมพันธ์ต่างประเทศ สป."), "ชื่อบนปกและหัวตาราง"),
        office=_about(_text("สำนักงานปลัดกระทรวงศึกษาธิการ"), "ส่วนราชการต้นสังกัด")), "หน่วยงาน"),
    receiver=_person("ผู้รับคำรับรอง"),
    maker=_person("ผู้ทำคำรับรอง"),
    signing_date=_about({"type": ["string", "null"], "examples": ["2564-02-10"]}, "วันที่ลงนาม",
                        "พิมพ์ได้ทั้ง 10/02/2564, 10 ก.พ. 2564 หรือ 2564-02-10 ถ้ายังไม่ลงนามให้เว้นว่าง "
                        "(เอกสารพิมพ์เส้นประไว้เขียนด้วยมือ)"),
    groups=_about({"type": "object", "minProperties": 1, "additionalProperties": _object(
        ["name", "weight"],
        name=_about(_text("การประเมินประสิทธิภาพการดำเนินงาน (Performance Base)"), "ชื่อกลุ่ม"),
        weight=_about(_int(60, minimum=1), "น้ำหนักกลุ่ม (ร้อยละ)"))},
        "กลุ่มตัวชี้วัดและน้ำหนัก",
        "รหัสกลุ่ม (เช่น performance) ชื่อ และน้ำหนัก น้ำหนักทุกกลุ่มรวมกันต้องเท่ากับ 100 "
        "และเท่ากับผลรวมน้ำหนักตัวชี้วัดในกลุ่ม"),
)

STAFF = _object(["staff"], staff=_about({
    "type": "object", "minProperties": 1,
    "additionalProperties": _object(
        ["name"], name=_about(_line("นางสาววิมล ลุมพิกานนท์"), "ชื่อ-นามสกุล"),
        phone=_about(_line("02 628 5646"), "เบอร์โทร", "ไม่มีเบอร์ให้เว้นว่าง แผ่นตัวชี้วัดจะพิมพ์ -"),
        ext=_about(_line("104"), "เลขต่อ"))},
    "ทะเบียนผู้รับผิดชอบตัวชี้วัด",
    "รหัส (ชื่อสั้น) ที่ตัวชี้วัดใช้อ้างถึง ชื่อเต็ม เบอร์โทร และเลขต่อ แก้ที่นี่ที่เดียว ทุกแผ่นที่อ้างถึงคนนั้นเปลี่ยนตาม"))

LINKAGE = _object(
    ["national_strategy", "plans", "office_strategies", "ministry_indicators",
     "department_indicators"],
    national_strategy=_about(_text("ยุทธศาสตร์ชาติ พ.ศ. 2561 – 2580"), "ยุทธศาสตร์ชาติ (หัวตาราง)"),
    plans=_about({"type": "array", "minItems": 1, "items": _object(
        ["heading", "items"], heading=_about(_text("แผนการปฏิรูปประเทศ"), "ชื่อแผน/นโยบาย"),
        items=_about(TEXTS, "รายการในแผน"))}, "แผน/นโยบาย", "หนึ่งแผนต่อหนึ่งคอลัมน์ของตาราง"),
    office_strategies=_about({"type": "array", "minItems": 1, "items": _object(
        ["number", "title"], number=_about(_int(2, minimum=1), "ยุทธศาสตร์ที่"),
        title=_about(_text("พัฒนาครูและบุคลากรทางการศึกษา"), "ชื่อยุทธศาสตร์"))},
        "แผนยุทธศาสตร์สำนักงานปลัดฯ"),
    ministry_indicators=_about(TEXTS, "ตัวชี้วัดกระทรวง", "ใส่ - ถ้าไม่มี"),
    department_indicators=_about(TEXTS, "ตัวชี้วัดระดับกรม"),
)

INDICATOR = _object(
    ["number", "group", "title", "weight", "linkage", "description", "baseline", "criteria",
     "responsible"],
    number=_about(_int(1, minimum=1), "ตัวชี้วัดที่", "เรียง 1, 2, 3, … ไม่ซ้ำ ไม่ข้าม"),
    group=_about(_text("performance"), "กลุ่ม", "รหัสกลุ่มใน agreement.yaml"),
    title=_about(_text("ระดับความสำเร็จในการจัดฝึกอบรมให้กับนักศึกษาต่างประเทศในประเทศไทย"), "ชื่อตัวชี้วัด",
                 "ไม่ต้องมีเลขนำหน้า"),
    weight=_about(_int(15, minimum=1), "น้ำหนัก (ร้อยละ)",
                  "จำนวนเต็มมากกว่า 0 ทุกตัวรวมกันต้องได้ 100 และรวมในกลุ่มต้องเท่าน้ำหนักกลุ่ม"),
    linkage=_about(TEXTS, "ความเชื่อมโยงกับนโยบาย/ยุทธศาสตร์", "พิมพ์ในแบบฟอร์มสรุปตัวชี้วัด"),
    public_benefit=_about(_text("ยกระดับงานบริการของหน่วยงานไปสู่การให้บริการแบบออนไลน์"),
                          "ประโยชน์ที่ประชาชนจะได้รับ", "ไม่บังคับ: ถ้าไม่มีให้เว้นว่าง"),
    description=_about(TEXTS, "คำอธิบาย", "ทีละหัวข้อย่อย"),
    baseline=_about(_five("30 แห่ง"), "ข้อมูลพื้นฐาน",
                    "5 ปีก่อนปีงบประมาณ เรียงจากปีเก่าไปใหม่ ไม่มีข้อมูลใส่ -"),
    roadmap=_about(_five("40 แห่ง"), "ค่าเป้าหมาย (Roadmap)", "ไม่บังคับ: ปีนี้และอีก 4 ปี"),
    criteria_note=_about(_text("ระดับ 1 (Level 1) การยื่นคำขอ"), "ข้อความต่อท้ายหัวข้อเกณฑ์", "ไม่บังคับ"),
    criteria=_about(_object(
        ["basic", "standard", "advanced"],
        basic=_about(_text("6 โครงการ/กิจกรรม"), "ขั้นต้น (50 คะแนน)"),
        standard=_about(_text("8 โครงการ/กิจกรรม"), "มาตรฐาน (75 คะแนน)"),
        advanced=_about(_text("10 โครงการ/กิจกรรม"), "ขั้นสูง (100 คะแนน)")), "เกณฑ์การประเมิน"),
    conditions=_about(TEXTS, "เงื่อนไข", "ไม่บังคับ"),
    steps=_about(TEXTS, "ขั้นตอนการดำเนินงาน", "ไม่บังคับ: ไม่ต้องพิมพ์เลขข้อ"),
    office_benefit=_about(TEXT, "ประโยชน์ที่ส่วนราชการจะได้รับ", "ไม่บังคับ"),
    notes=_about(TEXTS, "หมายเหตุ", "ไม่บังคับ"),
    responsible=_about(TEXTS, "ผู้รับผิดชอบ", "เลือกจากทะเบียนผู้รับผิดชอบ ตามลำดับที่พิมพ์"),
)

LEVELS = list(scores.POINTS)   # below_basic, basic, standard, advanced

RESULTS = _object(
    ["round", "indicators"],
    round=_about({"type": "integer", "enum": [6, 9, 12], "examples": [12]}, "รอบรายงาน (เดือน)",
                 "6, 9 หรือ 12 ต้องตรงกับชื่อไฟล์"),
    # -- true marks made-up results (a demonstration): reports print so, archive and rollover refuse them --
    example=_about({"type": "boolean", "examples": [True]}, "ผลตัวอย่าง",
                   "true: ผลสมมุติเพื่อสาธิต ไม่ใช่ผลจริงของหน่วยงาน (รายงานพิมพ์ว่าเป็นตัวอย่าง archive ไม่เก็บ "
                   "rollover ไม่ใช้เป็นข้อมูลพื้นฐาน) ไม่ใส่ = ผลจริง"),
    note=_about(_text("ตัวอย่าง ไม่ใช่ผลการดำเนินงานจริง"), "หมายเหตุหัวรายงาน", "ไม่บังคับ"),
    # -- who signs the report; what is left out prints as a dotted line to fill in by hand --
    reporter=_about(_object(
        [], name=_about(_line("นางสาววิมล ลุมพิกานนท์"), "ชื่อ-นามสกุล"),
        position=_about(_line("นักวิเทศสัมพันธ์ชำนาญการ"), "ตำแหน่ง"),
        date=_about({"type": ["string", "null"], "examples": ["2564-10-15"]}, "วันที่รายงาน",
                    "พิมพ์ได้ทั้ง 15/10/2564 หรือ 15 ต.ค. 2564")),
        "ผู้รายงาน", "ไม่บังคับ: ช่องที่เว้นว่างพิมพ์เป็นเส้นประไว้เขียนด้วยมือ"),
    indicators=_about({"type": "array", "minItems": 1, "items": _object(
        ["number"], number=_about(_int(4, minimum=1), "ตัวชี้วัดที่"),
        result=_about(_text("9 โครงการ/กิจกรรม"), "ผลการดำเนินงาน",
                      "ถ้ายังไม่มี: รอบ 6 และ 9 เดือนเป็นคำเตือน รอบ 12 เดือนเป็นข้อผิดพลาด"),
        level=_about({"type": "string", "enum": LEVELS, "examples": ["standard"],
                      "enumDescriptions": [f"{scores.LEVEL_NAMES[k][0]} ({p} คะแนน)"
                                           for k, p in scores.POINTS.items()]},
                     "ระดับที่ทำได้",
                     "ไม่ต้องเลือกเมื่อเกณฑ์และผลเป็นตัวเลขหน่วยเดียวกัน (คิดคะแนนเชิงเส้นให้เอง)"),
        evidence=_about(TEXTS, "หลักฐาน"), obstacles=_about(TEXTS, "ปัญหาอุปสรรค"),
        next_steps=_about(TEXTS, "แนวทางดำเนินการต่อไป"))}, "ผลของแต่ละตัวชี้วัด"),
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
