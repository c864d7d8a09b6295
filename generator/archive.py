"""The yearly archive: each revision an immutable BagIt bag under
ROOT/<fiscal year>/<unit code>/rev-NNN/, never overwritten or deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

import bagit

from generator.errors import GeneratorError, tr

REVISION = re.compile(r"^rev-(\d{3,})$")
DIGEST_FIELD = "Source-Digest"


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


def store(folder: Path, payload: dict[str, Path], info: dict[str, str]) -> Path:
    """Make the next revision in `folder` from `payload` (bag path → file) as a BagIt bag.

    The bag is made beside its final place and renamed into it, so a revision is
    either complete or absent; its files are then made read-only.
    """
    folder.mkdir(parents=True, exist_ok=True)
    existing = revisions(folder)
    number = int(REVISION.match(existing[-1].name)[1]) + 1 if existing else 1
    target = folder / f"rev-{number:03d}"
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=folder))
    try:
        for rel, source in payload.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, staging / rel)
        bagit.make_bag(str(staging), bag_info={**info, "Revision": str(number)},
                       checksums=["sha256"])
        if target.exists():
            raise GeneratorError(tr(f"{target} มีอยู่แล้ว: ไม่เขียนทับ", f"{target} exists: not overwritten"))
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _read_only(target)
    return target


def _read_only(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def find_bags(path: Path) -> list[Path]:
    """Return `path` if it is a bag, else every bag below it."""
    if (path / "bagit.txt").is_file():
        return [path]
    return sorted(p.parent for p in path.rglob("bagit.txt"))


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
    except bagit.BagError as exc:
        return [str(exc)]
    return []


def _differences(bag: bagit.Bag) -> list[str]:
    root, listed = Path(bag.path), bag.entries
    problems = []
    for rel in sorted(listed):
        path = root / rel
        expected = listed[rel].get("sha256")
        if not path.is_file():
            problems.append(tr(f"ไฟล์หาย: {rel}", f"missing: {rel}"))
        elif expected and hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            problems.append(tr(f"ไฟล์ถูกแก้ไข: {rel}", f"changed: {rel}"))
    for rel in sorted(set(bag.payload_files()) - set(listed)):
        problems.append(tr(f"ไฟล์เกิน: {rel}", f"extra: {rel}"))
    return problems
