"""A data folder → one checked, frozen `Agreement`; every problem is collected first.

Files: ``agreement.yaml``, ``staff.yaml``, ``linkage.yaml``, ``indicators/NN.yaml``.
Each is checked against its schema (`generator.data.schema`), then across files: weights,
numbering, staff references, dates.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from generator.data import schema as schemas
from generator.data.loader import Loaded, load, undecodable
from generator.data.proofread import proofread, word_list
from generator.data.validation import schema_problems
from generator.errors import DataError, Problem, shown
from generator.i18n import _
from generator.text import thai


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    full_position: str | None = None   # the position as clause 5 writes it, when it differs


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    short_name: str
    office: str


@dataclass(frozen=True)
class StaffMember:
    key: str
    name: str
    phone: str | None = None
    ext: str | None = None

    @property
    def phone_text(self) -> str:
        """Return the phone as printed on a sheet, or "-" when the register has none."""
        if not self.phone:
            return "-"
        return f"{self.phone} ต่อ {self.ext}" if self.ext else self.phone


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    weight: int


@dataclass(frozen=True)
class Criteria:
    basic: str
    standard: str
    advanced: str


@dataclass(frozen=True)
class Indicator:
    number: int
    group: str
    title: str
    weight: int
    linkage: tuple[str, ...]
    public_benefit: str | None
    description: tuple[str, ...]
    baseline: tuple[str, ...]
    criteria: Criteria
    responsible: tuple[str, ...]
    source: str = ""
    roadmap: tuple[str, ...] | None = None
    criteria_note: str | None = None
    conditions: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    office_benefit: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Strategy:
    number: int
    title: str


@dataclass(frozen=True)
class Linkage:
    national_strategy: str
    plans: tuple[Plan, ...]
    office_strategies: tuple[Strategy, ...]
    ministry_indicators: tuple[str, ...]
    department_indicators: tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    """Everything one packet is made of, checked."""

    fiscal_year: int
    unit: Unit
    receiver: Person
    maker: Person
    signing_date: date | None
    groups: tuple[Group, ...]
    staff: dict
    linkage: Linkage
    indicators: tuple[Indicator, ...]
    warnings: tuple[Problem, ...] = ()

    def group_indicators(self, key: str) -> list[Indicator]:
        """Return the indicators of group `key`, in number order."""
        return [ind for ind in self.indicators if ind.group == key]


def load_agreement(data_dir: Path) -> Agreement:
    """Return the checked agreement in `data_dir`; raise DataError listing every problem."""
    files, problems = _load_files(data_dir)
    problems += _cross_checks(files)
    problems += undecodable(data_dir.parent / "words.txt", "../words.txt") \
        + undecodable(data_dir / "words.txt", "words.txt")
    if any(p.code == "not_utf8" for p in problems):
        raise DataError(problems)
    readable = [f for f in files.values() if f.data is not None]
    problems += proofread(readable, word_list(data_dir / "words.txt")
                          | word_list(data_dir.parent / "words.txt"))
    problems = positioned(problems, data_dir)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise DataError(problems)
    return _build(files, tuple(problems))


def positioned(problems: list[Problem], data_dir: Path) -> list[Problem]:
    """Return `problems` as the clerk reads them: files named from where they are, tabs explained."""
    return [_openable(p, data_dir) for p in problems]


def _openable(problem: Problem, data_dir: Path) -> Problem:
    """Return `problem` with its file named as the clerk can open it from where they are.

    >>> _openable(Problem("no_file", "staff.yaml"), Path("data/2564")).file
    'data/2564/staff.yaml'
    """
    return dataclasses.replace(problem, file=shown((data_dir / problem.file).as_posix())
                               + ("/" if problem.file.endswith("/") else ""))


def _load_files(data_dir: Path) -> tuple[dict[str, Loaded], list[Problem]]:
    """Load and schema-check every data file; return them by relative name."""
    if not data_dir.is_dir():
        raise DataError([Problem("no_folder", str(data_dir))])
    files: dict[str, Loaded] = {}
    problems: list[Problem] = []
    for rel, schema in schemas.FILES.items():
        paths = sorted(data_dir.glob(rel)) if "*" in rel else [data_dir / rel]
        if "*" in rel and not paths:
            problems.append(Problem("no_indicators", rel))
        for path in paths:
            name = path.relative_to(data_dir).as_posix()
            if not path.is_file():
                problems.append(Problem("no_file", name))
                continue
            loaded = load(path, name, schema)
            if loaded.data is not None and not loaded.problems:
                loaded.problems += schema_problems(loaded, schema)
            files[name] = loaded
            problems += loaded.problems
    return files, problems


def _indicator_files(files: dict[str, Loaded]) -> list[Loaded]:
    return [f for name, f in files.items() if name.startswith("indicators/")]


def _cross_checks(files: dict[str, Loaded]) -> list[Problem]:
    """Check what no single file can: weights, numbering, references, dates.

    Each check runs on the files that passed on their own, so one broken file
    does not hide the problems of the others.
    """
    valid = {name: f for name, f in files.items()
             if f.data is not None and not [p for p in f.problems if not p.warning]}
    agreement, staff = valid.get("agreement.yaml"), valid.get("staff.yaml")
    indicators = _indicator_files(valid)
    complete = bool(indicators) and len(indicators) == len(_indicator_files(files))
    problems = []
    if complete:
        problems += _check_numbers(indicators)
    if staff:
        problems += _check_staff(indicators, staff)
    if agreement:
        problems += _check_groups(indicators, agreement) + _check_dates(agreement)
    if agreement and complete:
        problems += _check_weights(indicators, agreement)
    return problems


def _check_numbers(indicators: list[Loaded]) -> list[Problem]:
    problems, seen = [], {}
    for f in indicators:
        number = f.data["number"]
        if number in seen:
            line, col = f.place(("number",))
            problems.append(Problem("number_duplicate", f.file, line, col, "number",
                                    found=str(number), params={"other": seen[number]}))
        seen.setdefault(number, f.file)
    expected = list(range(1, len(seen) + 1))
    if sorted(seen) != expected:
        problems.append(Problem("number_sequence", "indicators/", field="number",
                                expected=", ".join(map(str, expected)),
                                found=", ".join(map(str, sorted(seen)))))
    return problems


def _check_staff(indicators: list[Loaded], staff: Loaded) -> list[Problem]:
    problems = []
    register = staff.data["staff"]
    for f in indicators:
        for i, key in enumerate(f.data["responsible"]):
            if key not in register:
                line, col = f.place(("responsible", i))
                near = difflib.get_close_matches(key, list(register), n=1, cutoff=0.7)
                problems.append(Problem("unknown_staff_near" if near else "unknown_staff", f.file,
                                        line, col, f"responsible[{i + 1}]",
                                        expected="" if near else ", ".join(register), found=key,
                                        params={"near": near[0] if near else ""}))
    return problems


def _check_groups(indicators: list[Loaded], agreement: Loaded) -> list[Problem]:
    problems = []
    groups = agreement.data["groups"]
    for f in indicators:
        if f.data["group"] not in groups:
            line, col = f.place(("group",))
            problems.append(Problem("unknown_group", f.file, line, col, "group",
                                    expected=", ".join(groups), found=f.data["group"]))
    return problems


def _check_weights(indicators: list[Loaded], agreement: Loaded) -> list[Problem]:
    problems = _check_group_sum(agreement)
    total = sum(f.data["weight"] for f in indicators)
    if total != 100:
        detail = " + ".join(f"{f.data['weight']} ({f.file})" for f in indicators)
        problems.append(Problem("weight_total", "indicators/", field="weight", expected="100",
                                found=f"{total} = {detail}", params={"total": total}))
    for key, group in agreement.data["groups"].items():
        members = [f.data["weight"] for f in indicators if f.data["group"] == key]
        if sum(members) != group["weight"]:
            line, col = agreement.place(("groups", key, "weight"))
            problems.append(Problem("group_total", agreement.file, line, col,
                                    f"groups.{key}.weight", expected=str(sum(members)),
                                    found=str(group["weight"]), params={"group": key}))
    return problems


def _check_group_sum(agreement: Loaded) -> list[Problem]:
    """Return a problem when the groups' weights in agreement.yaml do not total 100."""
    groups = agreement.data["groups"]
    total = sum(group["weight"] for group in groups.values())
    if total == 100:
        return []
    line, col = agreement.place(("groups",))
    detail = " + ".join(f"{group['weight']} ({key})" for key, group in groups.items())
    return [Problem("group_sum", agreement.file, line, col, "groups", expected="100",
                    found=f"{total} = {detail}", params={"total": total})]


def _check_dates(agreement: Loaded) -> list[Problem]:
    data, problems = agreement.data, []
    fiscal_year = data["fiscal_year"]
    if not thai.is_plausible_be_year(fiscal_year):
        line, col = agreement.place(("fiscal_year",))
        problems.append(Problem("bad_fiscal_year", agreement.file, line, col, "fiscal_year",
                                expected=_("a BE year, e.g. {year}").format(year=fiscal_year + 543),
                                found=str(fiscal_year)))
        return problems
    text = data.get("signing_date")
    if text is None:
        return problems
    line, col = agreement.place(("signing_date",))
    try:
        day = thai.parse_date(text)
    except ValueError as exc:
        return problems + [Problem("bad_date", agreement.file, line, col, "signing_date",
                                   expected=_("10/02/2564, 2564-02-10 or 10 กุมภาพันธ์ 2564"), found=text,
                                   params={"detail": str(exc)})]
    start, end = thai.fiscal_period(fiscal_year)
    if not start - timedelta(days=366) <= day <= end + timedelta(days=31):
        problems.append(Problem("date_outside_year", agreement.file, line, col, "signing_date",
                                found=text, warning=True, params={"fy": fiscal_year}))
    return problems


def _build(files: dict[str, Loaded], warnings: tuple[Problem, ...]) -> Agreement:
    """Return the frozen model of files that passed every check."""
    a, link = files["agreement.yaml"].data, files["linkage.yaml"].data
    signing = a.get("signing_date")
    register = {key: StaffMember(key, p["name"], p.get("phone"), p.get("ext"))
                for key, p in files["staff.yaml"].data["staff"].items()}
    indicators = sorted((_indicator(f) for f in _indicator_files(files)), key=lambda i: i.number)
    return Agreement(
        fiscal_year=a["fiscal_year"], unit=Unit(**a["unit"]),
        receiver=Person(**a["receiver"]), maker=Person(**a["maker"]),
        signing_date=thai.parse_date(signing) if signing else None,
        groups=tuple(Group(k, g["name"], g["weight"]) for k, g in a["groups"].items()),
        staff=register,
        linkage=Linkage(link["national_strategy"],
                        tuple(Plan(p["heading"], tuple(p["items"])) for p in link["plans"]),
                        tuple(Strategy(**s) for s in link["office_strategies"]),
                        tuple(link["ministry_indicators"]), tuple(link["department_indicators"])),
        indicators=tuple(indicators), warnings=warnings)


def _indicator(f: Loaded) -> Indicator:
    d = dict(f.data)
    for key in ("linkage", "description", "baseline", "roadmap", "conditions", "steps",
                "notes", "responsible"):
        if key in d:
            d[key] = tuple(d[key])
    d["criteria"] = Criteria(**d["criteria"])
    d.setdefault("public_benefit", None)
    return Indicator(source=f.file, **d)


