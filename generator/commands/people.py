"""Commands that edit the staff register: list, replace, set."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.commands.packets import validate
from generator.data import roundtrip
from generator.data.model import load_agreement
from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import edits


@dataclass
class StaffChange:
    key: str
    name: str
    phone: str
    indicators: list[int]


def staff_list(data_dir: Path) -> list[StaffChange]:
    """Return each person in the register with the indicators they answer for."""
    agreement = load_agreement(data_dir)
    return [StaffChange(key, person.name, person.phone_text,
                        [i.number for i in agreement.indicators if key in i.responsible])
            for key, person in agreement.staff.items()]


def staff_replace(data_dir: Path, old: str, new_name: str, phone: str | None = None,
                  ext: str | None = None,
                  new_key: str | None = None) -> tuple[StaffChange, StaffChange]:
    """Put `new_name` in place of person `old` (key or name) in the register and in
    every indicator that names them; keep the clerk's comments and layout.
    Return the person before and after.
    """
    _check_numbers(phone, ext)
    new_key = _check_key(new_key, new_name)
    register = _register(data_dir)
    people = register["staff"]
    key = _find_person(people, old)
    if new_key != key and new_key in people:
        raise GeneratorError(_("the register already has {new_key}; choose another with --key").format(new_key=new_key))
    return _edit_person(data_dir, register, key, new_key, new_name, phone, ext)


def staff_set(data_dir: Path, who: str, name: str | None = None, phone: str | None = None,
              ext: str | None = None) -> tuple[StaffChange, StaffChange]:
    """Change one person's name, phone or extension; return them before and after.

    Refuse an edit that changes nothing, and a phone or extension that is not one.
    """
    if name is None and phone is None and ext is None:
        raise GeneratorError(_("nothing to change: give --name, --phone or --ext"))
    _check_numbers(phone, ext)
    register = _register(data_dir)
    key = _find_person(register["staff"], who)
    person = register["staff"][key]
    if all(value is None or value == person.get(field)
           for field, value in (("name", name), ("phone", phone), ("ext", ext))):
        raise GeneratorError(_("{person} already has these details: no file was changed").format(person=person['name']))
    return _edit_person(data_dir, register, key, key, name, phone, ext)


KEY = re.compile(r"[^\s\x00-\x1f\x7f-\x9f:#\[\]{},&*!|>'\"%@`]+")   # one word, no YAML punctuation


def _check_key(key: str | None, name: str) -> str:
    """Return the register key of a new person (given, or the name's first word); refuse
    a name without one ("", "นาย ") and a key that is not one plain word."""
    if key is None:
        key = roundtrip.key_for(name)
        if not key:
            shown = re.sub(r"[\x00-\x1f]", lambda m: f"[U+{ord(m[0]):04X}]", name)
            raise GeneratorError(_("the new name \"{shown}\" names nobody: give a full name, e.g. \"นายสมทรง "
                                   "งามวงษ์\"").format(shown=shown))
    if not KEY.fullmatch(key):
        raise GeneratorError(_("the key \"{key}\" cannot be used: one word without spaces or punctuation, "
                               "e.g. สมทรง").format(key=key))
    return key


PHONE = re.compile(r"^0[0-9]([ -]?[0-9]){7,8}$")  # 02 628 5646, 081-234-5678


EXT = re.compile(r"^[0-9]{1,6}$")


def _check_numbers(phone: str | None, ext: str | None) -> None:
    """Refuse a phone or extension a caller could not dial, before any file is touched."""
    phone, ext = (None if v is None else re.sub(r"[\x00-\x1f]", lambda m: f"[U+{ord(m[0]):04X}]", v)
                  for v in (phone, ext))
    if phone is not None and not PHONE.match(phone):
        raise GeneratorError(_("phone {phone} is not valid: 9–10 digits starting with 0, e.g. 02 628 5646").format(
                phone=phone))
    if ext is not None and not EXT.match(ext):
        raise GeneratorError(_("extension {ext} is not valid: digits only, e.g. 109").format(ext=ext))


def _register(data_dir: Path):
    """Return staff.yaml for editing, once the whole folder checks (an empty, broken or
    wrongly encoded register is reported with its place, not edited)."""
    validate(data_dir, with_results=False)
    return roundtrip.load(data_dir / "staff.yaml")


def _find_person(people, who: str) -> str:
    for key, person in people.items():
        if who in (key, person["name"]):
            return key
    raise GeneratorError(_("{who} is not in staff.yaml (use a key or full name: {items})").format(
            who=who, items=', '.join(people)))


def _edit_person(data_dir, register, key, new_key, name, phone, ext):
    before = {c.key: c for c in staff_list(data_dir)}[key]
    person = register["staff"][key]
    if name:
        person["name"] = name
    for field, value in (("phone", phone), ("ext", ext)):
        if value is not None:
            person[field] = roundtrip.quoted(value)
    texts = {}
    if new_key != key:
        roundtrip.rename_key(register["staff"], key, new_key)
        for path in sorted((data_dir / "indicators").glob("*.yaml")):
            indicator = roundtrip.load(path)
            refs = indicator.get("responsible") or []
            if key in refs:
                refs[refs.index(key)] = new_key
                texts[f"indicators/{path.name}"] = roundtrip.dumps(indicator)
    texts["staff.yaml"] = roundtrip.dumps(register)
    edits.apply(data_dir, texts)
    return before, {c.key: c for c in staff_list(data_dir)}[new_key]

