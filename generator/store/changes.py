"""The change report: which files a build changed, and why, in the clerk's terms.

Each rendered file keeps its facts (its template context, flattened, with Thai
labels) in the manifest; the next build compares them field by field.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from generator.i18n import N_, _, ngettext
from generator.text.numbers import ranges

# field path (numbers stand for list positions) → the label a clerk knows
LABELS = [
    (r"ind\.title", N_("title")), (r"ind\.weight", N_("weight")),
    (r"ind\.number", N_("indicator number")),
    (r"ind\.description\.(\d+)", N_("description item {}")),
    (r"ind\.baseline\.(\d+)", N_("baseline column {}")),
    (r"ind\.roadmap\.(\d+)", N_("roadmap column {}")),
    (r"ind\.criteria\.basic", N_("basic criterion")),
    (r"ind\.criteria\.standard", N_("standard criterion")),
    (r"ind\.criteria\.advanced", N_("advanced criterion")),
    (r"ind\.criteria_note", N_("criteria heading")),
    (r"ind\.conditions\.(\d+)", N_("condition {}")),
    (r"ind\.steps\.(\d+)", N_("step {}")),
    (r"ind\.public_benefit", N_("public benefit")),
    (r"ind\.office_benefit", N_("office benefit")),
    (r"ind\.notes\.(\d+)", N_("note {}")),
    (r"ind\.linkage\.(\d+)", N_("linkage item {}")),
    (r"groups\.\d+\.rows\.\d+\.result", N_("result")),
    (r"groups\.\d+\.rows\.\d+\.level", N_("level reached")),
    (r"groups\.\d+\.rows\.\d+\.points", N_("points")),
    (r"groups\.\d+\.rows\.\d+\.weighted", N_("weighted points")),
    (r"groups\.\d+\.subtotal", N_("group subtotal")),
    (r"total", N_("total")),
    (r"staff\.\d+\.name", N_("responsible")), (r"staff\.\d+\.phone", N_("phone")),
    (r"signing_date", N_("signing date")),
    (r"receiver\.name", N_("receiver")), (r"maker\.name", N_("maker")),
    (r"receiver\.position", N_("receiver's position")),
    (r"maker\.position", N_("maker's position")),
    (r"fiscal_year", N_("fiscal year")), (r"unit\.\w+", N_("unit name")),
    (r"group\.name", N_("indicator group")),
    (r"groups\.\d+\.indicators\.(\d+)\.title", N_("title of indicator {}")),
    (r"groups\.\d+\.indicators\.(\d+)\.weight", N_("weight of indicator {}")),
    (r"groups\.\d+\.weight", N_("group weight")),
    (r"linkage\..*", N_("linkage table")),
]
# derived or repeated fields (a report repeats its indicators): their change is told by the field they come from
SKIPPED = re.compile(r"^(ind\.(responsible|group|last_year_result)|period_\w+|baseline_years|"
                     r"roadmap_years|last_year_short|total_weight|group\.weight|"
                     r"groups\.\d+\.indicators\.\d+\.(?!title$|weight$).*|groups\.\d+\.name|"
                     r"groups\.\d+\.rows\.\d+\.(?!result$|level$|points$|weighted$|evidence\.|obstacles\.|"
                     r"next_steps\.).*)(\.|$)")


_DRAWING = re.compile(r"\.bar\.\d+$")   # a report's chart cells: the points already say it


def facts(context: dict) -> dict[str, str]:
    """Return the template context flattened to ``path → text``.

    >>> facts({"ind": {"steps": ["ก", "ข"]}, "staff": [{"name": "นายก"}]})
    {'ind.steps.0': 'ก', 'ind.steps.1': 'ข', 'staff.0.name': 'นายก'}
    """
    flat: dict[str, str] = {}

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, f"{path}.{i}")
        elif value is not None and not _DRAWING.search(path):
            flat[path] = str(value)

    walk(context, "")
    return flat


def label(path: str) -> str:
    """Return the clerk's name for a fact path.

    >>> label("ind.description.2"), label("staff.1.phone")
    ('คำอธิบาย ข้อ 3', 'โทร')
    """
    for pattern, name in LABELS:
        match = re.fullmatch(pattern, path)
        if match:
            return _(name).format(*(int(g) + 1 for g in match.groups()))
    return path


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Return each changed fact as ``label old → new``, in a stable order, without repeats."""
    lines: list[str] = []
    for path in sorted(set(old) | set(new), key=_natural):
        if SKIPPED.match(path) or old.get(path) == new.get(path):
            continue
        before, after = _trim(old.get(path, "–"), new.get(path, "–"))
        line = f"{label(path)} {before} → {after}"
        if line not in lines:
            lines.append(line)
    return lines


def _natural(path: str) -> list:
    return [int(p) if p.isdigit() else p for p in path.split(".")]


def _trim(before: str, after: str, width: int = 60) -> tuple[str, str]:
    """Drop the words both sides start with (keeping one for context), then shorten long text.

    >>> _trim("02 628 5646 ต่อ 107", "02 628 5646 ต่อ 109")
    ('ต่อ 107', 'ต่อ 109')
    """
    a, b = before.split(" "), after.split(" ")
    while len(a) > 2 and len(b) > 2 and a[:2] == b[:2]:
        a, b = a[1:], b[1:]
    short = [s if len(s) <= width else s[:width - 1] + "…" for s in (" ".join(a), " ".join(b))]
    return short[0], short[1]


def report(previous: dict, entries: dict, numbers: dict[str, int], title: str,
           now: datetime, edited: set[str] = frozenset()) -> list[str]:
    """Return the report lines of one build: which files changed and why.

    A file `edited` by hand since the previous build changed on disk even when the
    data did not: it is counted, never reported as unchanged (`hand_edit_lines` says why).
    """
    head = f"[{now:%Y-%m-%d %H:%M}] {title}"
    remade = [n for n in entries if entries[n]["sha256"] != previous.get(n, {}).get("sha256")]
    changed = remade + sorted(n for n in edited if n in entries and n not in remade)
    if not previous:
        return [head, _("first build: {count} files").format(count=len(entries))]
    if not changed and any(entries[n].get("inputs") != previous.get(n, {}).get("inputs") for n in entries):
        return [head, _("made again by a changed program, template or option; all {count} files came out "
                        "as they were").format(count=len(entries))]
    if not changed:
        return [head, _("nothing changed (all {count} files are as they were)").format(count=len(entries))]
    same = len(entries) - len(changed)
    lines = [head, _("{count} files changed: {what} (the other {same} are unchanged)").format(
            count=len(changed), what=what(changed, numbers), same=same)]
    return lines + [f"  {reason}" for reason in _reasons(previous, entries, remade, numbers)]


def hand_edit_lines(moved: list, out_dir: Path, numbers: dict[str, int], data_dir: Path,
                    out_option: Path | None = None) -> list[str]:
    """Return the report lines of files edited by hand that a build kept aside: which file,
    where its edited copy is, and how to carry the edit into the data."""
    if not moved:
        return []
    lines = [ngettext("{count} file edited by hand since the last build: each edited copy is kept, byte "
                      "for byte; nothing was deleted or overwritten",
                      "{count} files edited by hand since the last build: each edited copy is kept, byte "
                      "for byte; nothing was deleted or overwritten", len(moved)).format(count=len(moved))]
    for edit in moved:
        done = " " + _("(already carried into the data)") if edit.absorbed else ""
        lines.append("  " + _("{what} saved {saved:%Y-%m-%d %H:%M} kept as {copy}{done}").format(
                what=what([edit.of], numbers), saved=edit.saved, copy=out_dir / edit.name, done=done))
    todo = [e for e in moved if not e.absorbed and e.of.endswith(".docx")]
    if todo:
        names = ", ".join(e.of for e in todo)
        lines.append("  " + ngettext("{names} is made from the data again; to use the edited text, carry it "
                                     "back into the data and build again:",
                                     "{names} are made from the data again; to use the edited text, carry it "
                                     "back into the data and build again:", len(todo)).format(names=names))
        build = f"agreement build {_arg(data_dir)}" + (f" -o {_arg(out_option)}" if out_option else "")
        lines += [f"    agreement absorb {_arg(out_dir / e.name)} {_arg(data_dir)} --write" for e in todo]
        lines.append(f"    {build}")
    return lines


def _arg(path: Path) -> str:
    """Return `path` as typed on a command line: in double quotes if it holds a space."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


def what(names: list[str], numbers: dict[str, int]) -> str:
    """Return output files as a clerk names them: sheets by indicator number, then the rest.

    >>> what(["sheets/indicator-05.docx", "sheets/indicator-06.docx", "packet.docx"],
    ...      {"sheets/indicator-05.docx": 5, "sheets/indicator-06.docx": 6})
    'แผ่นตัวชี้วัดที่ 5–6, เล่มรวม packet.docx'
    """
    parts = [_("indicator sheets {ranges}").format(ranges=ranges([numbers[n] for n in names if n in numbers]))]
    parts = parts if any(n in numbers for n in names) else []
    kinds = {"agreement.docx": _("the front agreement.docx"),
             "packet.docx": _("the packet packet.docx")}
    return ", ".join(parts + [kinds.get(n, n) for n in names if n not in numbers])


def _reasons(previous: dict, entries: dict, changed: list[str], numbers: dict[str, int]) -> list[str]:
    grouped: dict[str, list] = {}
    for name in changed:
        if name not in numbers and name not in previous:
            continue
        facts = previous.get(name, {}).get("facts", {})
        diff = differences(facts, entries[name]["facts"])
        if not diff and facts and facts != entries[name]["facts"]:
            continue   # -- only facts shown again or derived changed: their own file's line tells it --
        if entries[name].get("facts") or diff:
            key = "; ".join(diff) or _("the template, an option or the program version changed")
            grouped.setdefault(key, []).append(numbers.get(name, name))
    reasons = []
    for why, who in grouped.items():
        sheets = [n for n in who if isinstance(n, int)]
        others = [n for n in who if not isinstance(n, int)]
        place = ", ".join(([_("indicators {ranges}").format(ranges=ranges(sheets))]
                           if sheets else []) + others)
        reasons.append(f"{place}: {why}")
    return reasons
