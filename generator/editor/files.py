"""Which files of a data folder the editor may open and write, and how the clerk sees them.

Only the data files themselves are editable: agreement.yaml, staff.yaml, linkage.yaml,
indicators/NN.yaml and the results rounds. A name from the browser is looked up in that
list, never joined onto a path as it came.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from generator.data import schema
from generator.data.results import ROUNDS, round_file, rounds_in
from generator.errors import GeneratorError
from generator.i18n import N_, _

FIXED = {"agreement.yaml": "agreement", "staff.yaml": "staff", "linkage.yaml": "linkage"}
LABELS = {"agreement.yaml": N_("the unit and the parties"), "staff.yaml": N_("responsible staff"),
          "linkage.yaml": N_("linkage to policy, strategy and plans")}


def editable(data_dir: Path) -> list[str]:
    """Return the data files the editor shows, in the order of the packet."""
    indicators = sorted(p.relative_to(data_dir).as_posix() for p in (data_dir / "indicators").glob("*.yaml")
                        if p.is_file() and not p.is_symlink())
    return [*FIXED, *indicators, *(round_file(n) for n in rounds_in(data_dir))]


def kind(rel: str) -> str:
    """Return the schema kind of data file `rel`.

    >>> kind("indicators/05.yaml"), kind("results/06.yaml"), kind("staff.yaml")
    ('indicator', 'results', 'staff')
    """
    if rel in FIXED:
        return FIXED[rel]
    return "indicator" if rel.startswith("indicators/") else "results"


def schema_of(rel: str) -> dict:
    return schema.KINDS[kind(rel)]


def checked(data_dir: Path, rel: str) -> Path:
    """Return the path of data file `rel`, refusing any name that is not one of the folder's files."""
    if not isinstance(rel, str) or rel not in editable(data_dir):
        raise GeneratorError(_("no data file {rel!s:.80} in this folder: nothing was changed").format(rel=rel))
    return data_dir / rel


def digest(path: Path) -> str:
    """Return the SHA-256 of a file as it is on disk now ("" when it is missing)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def label(data_dir: Path, rel: str) -> str:
    """Return the clerk's name for a data file: the indicator's number and title, the round."""
    return " ".join(part for part in labels(data_dir, rel) if part)


def labels(data_dir: Path, rel: str) -> tuple[str, str]:
    """Return a data file's name in two parts: what it is, and its title (an indicator's)."""
    if rel in LABELS:
        return _(LABELS[rel]), ""
    if rel.startswith("results/"):
        return _("results of the {round}-month round").format(round=int(Path(rel).stem)), ""
    data = _plain(data_dir / rel)
    return (_("indicator {number}").format(number=data.get("number", Path(rel).stem)),
            " ".join(str(data.get("title") or "").split()))


def _plain(path: Path) -> dict:
    """Return a data file's values for labels and choices; {} when it does not read."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def groups(data_dir: Path) -> list[tuple[str, str]]:
    """Return the indicator groups of agreement.yaml as (key, name)."""
    found = _plain(data_dir / "agreement.yaml").get("groups")
    return [(str(k), str((v or {}).get("name", k))) for k, v in found.items()] if isinstance(found, dict) else []


def people(data_dir: Path) -> list[tuple[str, str]]:
    """Return the staff register as (key, full name)."""
    found = _plain(data_dir / "staff.yaml").get("staff")
    return [(str(k), str((v or {}).get("name", k))) for k, v in found.items()] if isinstance(found, dict) else []


def indicator_titles(data_dir: Path) -> dict[int, str]:
    """Return each indicator's title by number."""
    return {n: str(data.get("title") or "") for n, data in indicators(data_dir).items()}


def indicators(data_dir: Path) -> dict[int, dict]:
    """Return each indicator's values by number, as far as they read (for notes beside fields)."""
    found = {}
    for rel in editable(data_dir):
        if rel.startswith("indicators/"):
            data = _plain(data_dir / rel)
            if isinstance(data.get("number"), int):
                found[data["number"]] = data
    return dict(sorted(found.items()))


def fiscal_year(data_dir: Path) -> int | None:
    year = _plain(data_dir / "agreement.yaml").get("fiscal_year")
    return year if isinstance(year, int) else None


def missing_rounds(data_dir: Path) -> list[int]:
    return [n for n in ROUNDS if n not in rounds_in(data_dir)]


def round_text(data_dir: Path, number: int) -> str:
    """Return a new results file of round `number`: every indicator listed, results to fill in."""
    first = (data_dir / "agreement.yaml").read_text(encoding="utf-8").partition("\n")[0]
    lines = []
    if first.startswith("# yaml-language-server: $schema="):   # one folder deeper than agreement.yaml
        lines.append(first.replace("$schema=", "$schema=../", 1).replace("agreement.schema", "results.schema"))
    lines += [f"# ผลการดำเนินงานรอบ {number} เดือน ปีงบประมาณ พ.ศ. {fiscal_year(data_dir) or ''}".rstrip(),
              "# รูปแบบของแต่ละช่อง: docs/data-format.md (หัวข้อ \"ผลการดำเนินงานรอบ 6, 9 และ 12 เดือน\")",
              f"round: {number}", "indicators:"]
    for n, title in indicator_titles(data_dir).items():
        lines.append(f"  - number: {n}   # {' '.join(title.split())[:80]}")
    return "\n".join(lines) + "\n"


def unit_name(data_dir: Path) -> str:
    unit = _plain(data_dir / "agreement.yaml").get("unit")
    return str(unit.get("short_name") or unit.get("name") or "") if isinstance(unit, dict) else ""
