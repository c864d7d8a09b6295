"""Atomic output: a failed or killed build never leaves a half-written folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import commands
from generator.store.output import recover, write_folder


def contents(folder: Path) -> dict:
    """Return each file's hash; CHANGES.txt is a log that every build appends to."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "CHANGES.txt"}


def paced_build(data_dir: Path, out: Path) -> subprocess.Popen:
    """Start a build that holds each file back until a line comes on its stdin (tests/paced.py);
    return once it holds back its first."""
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("paced.py")), "build",
                                str(data_dir), "-o", str(out)], stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    held(process)
    return process


def held(process: subprocess.Popen) -> None:
    """Wait until a paced build holds back its next file."""
    for line in process.stderr:   # progress lines come first
        if line.strip() == "writing":
            return
    raise AssertionError("the build ended before it wrote a file")


def let_write(process: subprocess.Popen, files: int) -> None:
    """Let a paced build write `files` more files; return once it holds back the next one."""
    for _ in range(files):
        process.stdin.write("\n")
        process.stdin.flush()
        held(process)


def test_unchanged_file_keeps_its_bytes_and_mtime(tmp_path):
    out = tmp_path / "out"
    write_folder(out, {"a.docx": b"one", "b.docx": b"two"})
    os.utime(out / "a.docx", ns=(1_000_000_000, 1_000_000_000))
    write_folder(out, {"a.docx": b"one", "b.docx": b"three"}, owned={"a.docx", "b.docx"})
    assert (out / "a.docx").stat().st_mtime_ns == 1_000_000_000
    assert (out / "b.docx").read_bytes() == b"three"


def test_output_path_cannot_escape(tmp_path):
    with pytest.raises(ValueError):
        write_folder(tmp_path / "out", {"../escape.docx": b"x"})
    assert not (tmp_path / "escape.docx").exists()
    assert not (tmp_path / "out").exists()


def test_killed_build_leaves_old_or_new_output_never_a_mix(data_copy, tmp_path):
    old_out, new_out, out = tmp_path / "old", tmp_path / "new", tmp_path / "2564"
    commands.build(data_copy, old_out)
    staff = data_copy / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace('ext: "107"', 'ext: "109"'),
                     encoding="utf-8")
    commands.build(data_copy, new_out)
    old, new = contents(old_out), contents(new_out)
    assert old != new
    for files_written in (0, 4, 9, 14):   # of the 15 files the packet stages
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(old_out, out)
        process = paced_build(data_copy, out)
        let_write(process, files_written)
        assert process.poll() is None, files_written   # provably killed mid-build
        process.send_signal(signal.SIGKILL)
        process.communicate()
        recover(out)  # what the next build does first
        assert contents(out) in (old, new), files_written
    commands.build(data_copy, out)
    assert contents(out) == new
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
