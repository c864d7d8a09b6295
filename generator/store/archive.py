"""The yearly archive: each revision an immutable BagIt bag under
ROOT/<fiscal year>/<unit code>/rev-NNN/, never overwritten or deleted.

The revisions of a unit form a hash chain: each bag-info records the SHA-256 of its
predecessor's tag manifest, which covers that bag's bag-info and payload manifest. A
changed, removed or replaced earlier revision therefore breaks a later link.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import bagit

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import records
from generator.store.locks import remove_tree
from generator.store.output import ARCHIVE_MARKER

REVISION = re.compile(r"^rev-(\d{3,})$")
DIGEST_FIELD = "Source-Digest"
PREVIOUS_FIELD = "Previous-Revision"
TAG_MANIFEST = "tagmanifest-sha256.txt"
BAG_TOP = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", TAG_MANIFEST, "data"}


def unit_root(root: Path, fiscal_year: int, unit_code: str) -> Path:
    """Return the folder of one unit's revisions; both parts are checked by the schema."""
    return root / str(int(fiscal_year)) / unit_code


def revisions(folder: Path) -> list[Path]:
    """Return the revisions in `folder`, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and REVISION.match(p.name)]
    return sorted(found, key=lambda p: int(REVISION.match(p.name)[1]))


def bag_info(revision: Path) -> dict[str, str]:
    """Return a revision's bag-info fields."""
    info = bagit.Bag(str(revision)).info
    return {key: value if isinstance(value, str) else value[0] for key, value in info.items()}


def digest(files: dict[str, bytes]) -> str:
    """Return one SHA-256 over file names and contents, independent of order."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def revision_digest(revision: Path) -> str:
    """Return the SHA-256 of a revision's tag manifest: the link its successor records."""
    return hashlib.sha256((revision / TAG_MANIFEST).read_bytes()).hexdigest()


def store(folder: Path, payload: dict[str, Path], info: dict[str, str]) -> Path:
    """Make the next revision in `folder` from `payload` (bag path → file) as a BagIt bag.

    The bag is made beside its final place and renamed into it, so a revision is
    either complete or absent; its files are then made read-only (still readable by
    the group). It records the digest of the revision before it.
    """
    folder.mkdir(parents=True, exist_ok=True)
    existing = revisions(folder)
    number = int(REVISION.match(existing[-1].name)[1]) + 1 if existing else 1
    target = folder / f"rev-{number:03d}"
    link = {PREVIOUS_FIELD: f"{existing[-1].name} {revision_digest(existing[-1])}"} if existing else {}
    staging = folder / f".{target.name}.{records.token()}"
    note = records.record("bag", staging, about=os.path.realpath(folder))
    staging.mkdir(mode=0o755)
    try:
        staging.chmod(0o755)
        for rel, source in payload.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, staging / rel)
        bagit.make_bag(str(staging), bag_info={**info, "Revision": str(number), **link},
                       checksums=["sha256"])
        if target.exists():
            raise GeneratorError(_("{target} exists: not overwritten").format(target=target))
        os.rename(staging, target)
    except BaseException:
        remove_tree(staging)
        raise
    finally:
        if note:
            note.forget()
    _read_only(target)
    return target


def remove_staging(folder: Path) -> None:
    """Remove the half-made bags that killed archives recorded (hold the archive lock).

    A ``.rev-*`` folder no record names is not ours to remove: `verify` names it instead.
    """
    for note in records.stale("bag", about=folder):
        if records.ours(note.path):
            remove_tree(note.path)
        if not note.path.exists():
            note.forget()


def _read_only(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def verify_tree(path: Path) -> dict[Path, list[str]]:
    """Check a bag, a unit's revisions, or a whole archive; return problems by place.

    Beyond each bag's own manifests: every rev-NNN folder counts (a bag whose
    bagit.txt was removed is not skipped), numbers run 1, 2, 3 … without a gap, each
    link to the previous revision holds, and anything else in the tree is named.
    """
    results: dict[Path, list[str]] = {}
    units: dict[Path, list[Path] | None] = {}
    if REVISION.match(path.name) and path.parent.is_dir():
        units[path.parent] = [path]
    elif (path / "bagit.txt").exists():
        return {path: check_bag(path)}
    else:
        _walk(path, results, units)
    for unit, chosen in sorted(units.items()):
        _check_unit(unit, chosen, results)
    return results


def _walk(folder: Path, results: dict, units: dict) -> None:
    """Sort the entries of `folder` into unit folders, deeper folders and strays."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        results[folder] = [_("unreadable folder: {strerror}").format(strerror=exc.strerror)]
        return
    if any(REVISION.match(p.name) or p.name.startswith(".rev-") for p in entries):
        units[folder] = None
        return
    for entry in entries:
        if entry.name == ARCHIVE_MARKER and entry.is_file():
            continue
        if entry.is_dir() and not entry.is_symlink():
            _walk(entry, results, units)
        else:
            results.setdefault(folder, []).append(_("unexpected entry: {name}").format(name=entry.name))


def _check_unit(unit: Path, chosen: list[Path] | None, results: dict) -> None:
    """Check the revisions of one unit folder (all, or `chosen`) and the links between them."""
    found = sorted(unit.iterdir())
    strays = [p.name for p in found if not (REVISION.match(p.name) and p.is_dir() and not p.is_symlink())]
    revs = revisions(unit)
    numbers = [int(REVISION.match(p.name)[1]) for p in revs]
    problems = [_("unexpected entry: {name} (e.g. an unfinished bag)").format(name=name)
                for name in strays if chosen is None]
    missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
    problems += [_("revision rev-{n:03d} is missing").format(n=n) for n in missing
                 if chosen is None]
    if problems:
        results[unit] = problems
    for index, revision in enumerate(revs):
        if chosen is None or revision in chosen:
            previous = revs[index - 1] if index else None
            results[revision] = check_bag(revision) + _check_link(revision, previous) + _check_place(revision)


def check_bag(bag_path: Path) -> list[str]:
    """Return what is wrong with one bag: unreadable, missing tag files, extra top-level
    entries, or changed, missing or extra payload files."""
    try:
        top = {p.name for p in bag_path.iterdir()}
    except OSError as exc:
        return [_("cannot read the bag: {strerror}").format(strerror=exc.strerror)]
    problems = [_("missing: {name}").format(name=name) for name in sorted(BAG_TOP - top)]
    problems += [_("extra: {name}").format(name=name) for name in sorted(top - BAG_TOP)]
    if problems:
        return problems
    return verify(bag_path)


def _check_place(revision: Path) -> list[str]:
    """Return a problem for each way a bag's fiscal year or unit differs from where it stands
    (ROOT/<fiscal year>/<unit code>/rev-NNN): a copy filed under another year or unit."""
    try:
        info = bag_info(revision)
    except Exception:   # a broken bag: check_bag already names it
        return []
    unit, year = revision.parent.name, revision.parent.parent.name
    problems = []
    if info.get("Unit-Code") is not None and info["Unit-Code"] != unit:
        problems.append(_("this bag belongs to unit {info} but stands in folder {unit}").format(
                info=info['Unit-Code'], unit=unit))
    if info.get("Fiscal-Year") is not None and re.fullmatch(r"\d{4}", year) and info["Fiscal-Year"] != year:
        problems.append(_("this bag is of fiscal year {info} but stands in the {year} folder").format(
                info=info['Fiscal-Year'], year=year))
    return problems


def _check_link(revision: Path, previous: Path | None) -> list[str]:
    try:
        info = bag_info(revision)
        recorded = info.get(PREVIOUS_FIELD)
        number = info.get("Revision")
        expected = f"{previous.name} {revision_digest(previous)}" if previous else None
    except (bagit.BagError, OSError, ValueError, UnicodeError) as exc:  # a broken bag: check_bag names it
        return [_("cannot read bag-info: {exc}").format(exc=exc)]
    problems = []
    if number != str(int(REVISION.match(revision.name)[1])):
        problems.append(_("the revision number in bag-info ({number}) does not match the folder").format(number=number))
    if recorded != expected:
        problems.append(_("the link to the previous revision does not hold: {name} was changed, removed or "
                          "replaced after this one was made").format(name=previous.name if previous else '-'))
    return problems


def verify(bag_path: Path) -> list[str]:
    """Return what is wrong with one bag: changed, missing or extra files, by name.

    bagit gives the verdict; it stops at the first failed stage (a size check comes
    first), so the names are then read off the bag's own manifests, every one at once.
    """
    try:
        bag = bagit.Bag(str(bag_path))
        bag.validate()
    except bagit.BagValidationError as exc:
        return _differences(bag) or [str(exc)]
    except (bagit.BagError, OSError, ValueError, UnicodeError) as exc:
        return [_("cannot read the bag: {exc}").format(exc=exc)]
    return []


def _differences(bag: bagit.Bag) -> list[str]:
    root, listed = Path(bag.path), bag.entries
    problems = []
    for rel in sorted(listed):
        path = root / rel
        expected = listed[rel].get("sha256")
        if not path.is_file():
            problems.append(_("missing: {rel}").format(rel=rel))
        elif expected and hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            problems.append(_("changed: {rel}").format(rel=rel))
    for rel in sorted(set(bag.payload_files()) - set(listed)):
        problems.append(_("extra: {rel}").format(rel=rel))
    return problems


def check_root(data_dir: Path, root: Path) -> None:
    """Refuse an archive root inside the data folder, or one that holds it."""
    data, top = Path(os.path.realpath(data_dir)), Path(os.path.realpath(root))
    if data == top or data in top.parents or top in data.parents:
        raise GeneratorError(_("the archive {root} overlaps the data folder {data_dir}: choose another "
                               "--root, e.g. output/archive").format(root=root, data_dir=data_dir))


def check_before_adding(folder: Path) -> None:
    """Refuse to add to a unit whose revisions do not verify: it would build on a tampered one."""
    remove_staging(folder)
    if not folder.is_dir():
        return
    problems = [f"{place}: {p}" for place, found in verify_tree(folder).items() for p in found]
    if problems:
        raise GeneratorError(_("the stored revisions do not verify, so no revision is added:") + "\n"
                             + "\n".join(problems))
