"""OUT_DIR/manifest.json: for each output file, its SHA-256, a hash of its inputs, and
the facts it shows (for the change report of the next build).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

NAME = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry(data: bytes, inputs: str, facts: dict) -> dict:
    """Return the manifest entry of one output file."""
    return {"sha256": sha256(data), "inputs": inputs, "facts": facts}


def read(out_dir: Path) -> dict[str, dict]:
    """Return the previous build's entries by file name; empty when there was none."""
    try:
        document = json.loads((out_dir / NAME).read_text(encoding="utf-8"))
        return dict(document["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def digits(out_dir: Path) -> str:
    """Return the digits (``arabic`` or ``thai``) the output folder was built with."""
    try:
        return json.loads((out_dir / NAME).read_text(encoding="utf-8"))["digits"]
    except (OSError, ValueError, KeyError, TypeError):
        return "arabic"


def dump(entries: dict[str, dict], fiscal_year: int, digits: str) -> bytes:
    """Return the manifest as stable, readable JSON bytes."""
    document = {"fiscal_year": fiscal_year, "digits": digits, "files": entries}
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def unchanged(previous: dict, out_dir: Path, name: str, inputs: str) -> bytes | None:
    """Return the bytes already on disk for `name` when its inputs and bytes are as recorded."""
    old = previous.get(name)
    if not old or old.get("inputs") != inputs:
        return None
    return existing(previous, out_dir, name)


def existing(previous: dict, out_dir: Path, name: str) -> bytes | None:
    """Return the bytes of `name` on disk if they are what the manifest recorded."""
    path = out_dir / name
    old = previous.get(name)
    if not old or not path.is_file():
        return None
    data = path.read_bytes()
    return data if sha256(data) == old.get("sha256") else None


def combined_inputs(hashes: list[str]) -> str:
    """Return the input hash of a file made of parts with these hashes (the packet)."""
    return sha256("\n".join(hashes).encode("ascii"))
