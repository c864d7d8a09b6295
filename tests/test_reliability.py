"""Reliability: never lose a file, never wedge, clean up after a kill, and keep the
archive tamper-evident as a whole (a hash chain across revisions).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bagit
import pytest

from generator import commands
from generator.cli import cli
from generator.errors import GeneratorError
from generator.store import archive, edits, locks, manifest, output, records, staging
from tests.conftest import SHARED_FONT, cpu_seconds, need_libreoffice
from tests.docxtext import text
from tests.test_output import let_write, paced_build


def hashes(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def dotfiles(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def change_phone(data: Path) -> None:
    staff = data / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace('ext: "107"', 'ext: "109"'),
                     encoding="utf-8")


# -- output folders ------------------------------------------------------------------

def test_rebuild_keeps_pdfs_of_unchanged_documents_and_names_those_dropped(data_copy, tmp_path, built,
                                                                           fake_libreoffice):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    commands.pdf_copies(out)
    kept = (out / "sheets" / "indicator-01.pdf").read_bytes()
    change_phone(data_copy)
    result = commands.build(data_copy, out)
    assert (out / "sheets" / "indicator-01.pdf").read_bytes() == kept
    assert not (out / "sheets" / "indicator-05.pdf").exists() and not (out / "packet.pdf").exists()
    assert any("ลบ sheets/indicator-05.pdf: เอกสารเปลี่ยนไป" in line for line in result.report)
    commands.build(data_copy, out)
    assert (out / "sheets" / "indicator-01.pdf").read_bytes() == kept


def test_symlinked_out_dir_is_written_through_and_keeps_working(data_copy, tmp_path):
    real, link = tmp_path / "real", tmp_path / "link"
    real.mkdir()
    link.symlink_to(real, target_is_directory=True)
    commands.build(data_copy, link)
    change_phone(data_copy)
    commands.build(data_copy, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "109" in (real / "CHANGES.txt").read_text(encoding="utf-8")
    assert dotfiles(tmp_path) == []


@pytest.mark.parametrize("name", [".2564.old", ".2564.old-kill", ".2564.new-kill", ".2564.new-1-0123456789abcdef"])
def test_a_folder_that_only_looks_like_a_leftover_is_never_touched(name, data_copy, tmp_path, built):
    out = tmp_path / "2564"
    shutil.copytree(built, out)
    shutil.copytree(built, tmp_path / name)
    (tmp_path / name / "บันทึก.txt").write_text("ของฉัน", encoding="utf-8")
    for path in [*(tmp_path / name).rglob("*"), tmp_path / name]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = hashes(tmp_path / name)
    for _ in range(2):
        commands.build(data_copy, out)
    assert hashes(out).keys() == hashes(built).keys()
    assert hashes(tmp_path / name) == before and dotfiles(tmp_path) == [name]


def killed(note) -> None:
    """Make `note` look written by a process that is gone, as after a kill."""
    data = json.loads(note.file.read_text("utf-8"))
    data["pid"] = dead_pid()
    note.file.write_text(json.dumps(data), encoding="utf-8")


def test_the_next_build_restores_an_output_retired_by_a_killed_build(tmp_path, built):
    out = tmp_path / "2564"
    shutil.copytree(built, out)
    folder, note = staging.make(out, ["packet.docx"], manifest.owned(manifest.read_document(built)))
    (folder / "packet.docx").write_bytes(b"half written")
    retired = tmp_path / ".2564.old-killed"
    note.update(retired=str(retired))
    os.rename(out, retired)   # -- killed here, between the two renames --
    killed(note)
    with locks.lock(out):
        output.recover(out)
    assert hashes(out) == hashes(built)
    assert dotfiles(tmp_path) == [] and not note.file.exists()


def test_a_file_saved_into_the_output_folder_during_a_build_is_kept(data_copy, tmp_path, built):
    out = tmp_path / "2564"
    shutil.copytree(built, out)
    change_phone(data_copy)
    process = paced_build(data_copy, out)
    (out / "บันทึก.docx").write_bytes(b"saved by a clerk while the build ran")
    (out / "sheets" / "แก้.docx").write_bytes(b"and another")
    stderr = process.communicate(timeout=120)[1]
    assert process.returncode == 0, stderr
    assert (out / "บันทึก.docx").read_bytes() == b"saved by a clerk while the build ran"
    assert (out / "sheets" / "แก้.docx").read_bytes() == b"and another"
    assert "109" in text(out / "sheets" / "indicator-06.docx") and dotfiles(tmp_path) == []


def test_a_staging_folder_of_a_killed_build_is_emptied_keeping_what_a_clerk_saved(tmp_path, built):
    out = tmp_path / "2564"
    shutil.copytree(built, out)
    folder, note = staging.make(out, ["packet.docx"], set())
    (folder / "packet.docx").write_bytes(b"half written")
    (folder / "บันทึก.docx").write_bytes(b"mine")
    killed(note)
    with locks.lock(out):
        output.recover(out)
    assert not folder.exists() and (out / "บันทึก.docx").read_bytes() == b"mine"
    assert hashes(out).keys() - {"บันทึก.docx"} == hashes(built).keys()


def test_a_build_while_another_holds_the_folder_is_refused_with_a_message(data_copy, tmp_path,
                                                                          runner, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(locks, "WAIT_SECONDS", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from generator.store import locks\nwith locks.lock(Path(sys.argv[1])):\n"
                               "    print('held', flush=True); time.sleep(30)", str(out)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 1
    assert "กำลังถูกใช้โดยคำสั่งอื่นอยู่" in result.output
    assert not out.exists() and dotfiles(tmp_path) == []


def test_three_builds_at_once_into_one_folder_end_whole(data_copy, tmp_path):
    out = tmp_path / "out"
    runs = [subprocess.Popen([sys.executable, "-m", "generator", "build", str(data_copy), "-o", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    for run in runs:
        stderr = run.communicate(timeout=300)[1]
        assert "Traceback" not in stderr
        assert run.returncode == 0 or "กำลังถูกใช้โดยคำสั่งอื่นอยู่" in stderr, stderr
    assert any(run.returncode == 0 for run in runs)
    assert (out / "packet.docx").is_file() and dotfiles(tmp_path) == []


def test_a_failed_write_reports_the_path_and_keeps_the_previous_output(data_copy, tmp_path, built,
                                                                       runner, monkeypatch):
    out = tmp_path / "2564"
    shutil.copytree(built, out)
    before = hashes(out)

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "packet.docx"))

    change_phone(data_copy)
    monkeypatch.setattr(output, "_write_one", full)
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "ดิสก์เต็ม" in result.output and "packet.docx" in result.output
    assert hashes(out) == before and dotfiles(tmp_path) == []


def test_only_refuses_a_reversed_or_huge_range(runner, data_copy):
    for value in ("8-5", "1-99999999999", "0"):
        result = runner.invoke(cli, ["build", str(data_copy), "--only", value])
        assert result.exit_code == 2, result.output
        assert "ต้องเป็นเลขตัวชี้วัด" in result.output


# -- data edits ------------------------------------------------------------------------

def test_staff_replace_lands_whole_when_a_write_fails(data_copy, monkeypatch):
    before = hashes(data_copy)
    real_replace, calls = os.replace, []

    def failing(source, target):
        if Path(target).parent == data_copy / "indicators":   # -- the second file to land --
            calls.append(target)
            if len(calls) == 1:
                raise OSError(errno.EIO, "Input/output error", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(GeneratorError, match="indicators"):
        commands.staff_replace(data_copy, "นายจิรัฏฐ์ แสนดี", "นายสมทรง งามวงษ์")
    monkeypatch.undo()
    assert hashes(data_copy) == before and not edits.pending(data_copy)
    commands.validate(data_copy)


def test_staff_edits_keep_each_files_mode(data_copy):
    (data_copy / "staff.yaml").chmod(0o664)
    (data_copy / "indicators" / "05.yaml").chmod(0o444)
    (data_copy / "indicators" / "06.yaml").chmod(0o600)
    commands.staff_replace(data_copy, "นายจิรัฏฐ์ แสนดี", "นายสมทรง งามวงษ์")
    assert "สมทรง" in (data_copy / "indicators" / "05.yaml").read_text("utf-8")
    assert (data_copy / "staff.yaml").stat().st_mode & 0o777 == 0o664
    assert (data_copy / "indicators" / "05.yaml").stat().st_mode & 0o777 == 0o444
    assert (data_copy / "indicators" / "06.yaml").stat().st_mode & 0o777 == 0o600


def edit_files(data_copy) -> dict[str, bytes]:
    staff = (data_copy / "staff.yaml").read_text(encoding="utf-8")
    indicator = (data_copy / "indicators" / "05.yaml").read_text(encoding="utf-8")
    return {"staff.yaml": staff.replace("จิรัฏฐ์:", "สมทรง:").encode("utf-8"),
            "indicators/05.yaml": indicator.replace("- จิรัฏฐ์", "- สมทรง").encode("utf-8")}


def staged_edit(data_copy, files, land: bool):
    note = records.record("edit", data_copy, about=os.path.realpath(data_copy), token=records.token(),
                          files=sorted(files), state="staging")
    if land:
        edits._stage(data_copy, files, note)   # -- killed here: staged and committed, nothing renamed --
    else:
        for rel, data in files.items():
            edits._staged(data_copy, rel, "new", note).write_bytes(data)
    killed(note)
    return note


def test_an_edit_killed_after_its_journal_is_finished_by_the_next_run(data_copy):
    files = edit_files(data_copy)
    staged_edit(data_copy, files, land=True)
    assert edits.pending(data_copy)
    with pytest.raises(GeneratorError):   # the other indicators still name จิรัฏฐ์: but the edit landed whole
        commands.validate(data_copy)
    assert (data_copy / "staff.yaml").read_bytes() == files["staff.yaml"]
    assert (data_copy / "indicators" / "05.yaml").read_bytes() == files["indicators/05.yaml"]
    assert not edits.pending(data_copy) and dotfiles(data_copy) == []


def test_an_edit_killed_before_its_journal_is_dropped(data_copy):
    before = hashes(data_copy)
    staged_edit(data_copy, edit_files(data_copy), land=False)
    assert dotfiles(data_copy)
    commands.validate(data_copy)
    assert hashes(data_copy) == before and not edits.pending(data_copy)


@pytest.mark.parametrize("name", [".staff.yaml.agreement-new", ".staff.yaml.agreement-old",
                                  ".agreement-edit.json", ".staff.yaml.agreement-new-1-0123456789abcdef"])
def test_a_file_that_only_looks_like_a_staged_edit_is_never_touched(name, data_copy):
    (data_copy / name).write_text("staff: {}\n", encoding="utf-8")
    before = hashes(data_copy)
    commands.validate(data_copy)
    commands.staff_set(data_copy, "จิรัฏฐ์", ext="109")
    assert (data_copy / name).read_text(encoding="utf-8") == "staff: {}\n"
    assert {k: v for k, v in hashes(data_copy).items() if k != "staff.yaml"} == \
        {k: v for k, v in before.items() if k != "staff.yaml"}


@pytest.mark.parametrize("where", ["source", "parent"])
def test_rollover_force_never_replaces_its_source_or_a_parent(where, data_copy, runner):
    before = hashes(data_copy.parent)
    target = data_copy if where == "source" else data_copy.parent
    result = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2565", "-o", str(target), "--force"])
    assert result.exit_code == 1
    assert "เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล" in result.output
    assert hashes(data_copy.parent) == before


def test_rollover_force_replaces_only_a_data_folder(data_copy, runner, tmp_path):
    clerk = tmp_path / "mine"
    clerk.mkdir()
    (clerk / "notes.txt").write_text("ของฉัน", encoding="utf-8")
    result = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2565", "-o", str(clerk), "--force"])
    assert result.exit_code == 1 and "ไม่ใช่โฟลเดอร์ข้อมูล" in result.output
    assert (clerk / "notes.txt").read_text(encoding="utf-8") == "ของฉัน"


# -- hostile text that must stay fast ------------------------------------------------

def test_a_long_latin_run_validates_in_seconds(runner, data_copy):
    path = data_copy / "indicators" / "01.yaml"
    text = path.read_text(encoding="utf-8")
    steps = "steps:\n  - ข้อ " + "a" * 40_000 + "\n  - xorองเรียน\n"   # the run alone took 79 s before
    path.write_text(text.replace("steps:\n", steps, 1), encoding="utf-8")
    started = cpu_seconds()
    result = runner.invoke(cli, ["validate", str(data_copy)])
    assert cpu_seconds() - started < 8
    assert result.exit_code == 0, result.output
    assert "xorองเรียน" in result.output and "อักษรละติน" in result.output


def test_n_missing_fields_make_n_lines(runner, data_copy):
    path = data_copy / "indicators" / "02.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(("number:", "group:", "weight:"))),
                    encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(data_copy)])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "ขาดช่อง" in line] == [
        f"{data_copy}/indicators/02.yaml:4:1: ข้อผิดพลาด: ช่อง {key}: ขาดช่อง {key} ที่ต้องมี"
        for key in ("number", "group", "weight")]
    assert "ข้อผิดพลาด 3 รายการ" in result.output


# -- temporary folders and signals ------------------------------------------------------

def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temp_folders_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    dead, live = dead_pid(), os.getppid()
    look_alikes = [f"agreement-archive-{dead}-x", f"lo-profile-{dead}-y", f"agreement-trial-{dead}-z",
                   "agreement-locks", "agreement-pdf-old-style"]
    for name in look_alikes:
        (tmp_path / name / "inner").mkdir(parents=True)
    recorded = {}
    for name, pid in (("killed", dead), ("running", live)):
        recorded[name] = tmp_path / f"agreement-pdf-{records.token()}"
        note = records.record("temp", recorded[name])
        recorded[name].mkdir()
        data = json.loads(note.file.read_text("utf-8"))
        data["pid"], data["started"] = pid, records._started(pid)
        note.file.write_text(json.dumps(data), encoding="utf-8")
    assert locks.clean_stale_temp() == [recorded["killed"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(look_alikes + [recorded["running"].name])


def test_sigterm_during_a_build_cleans_up_without_a_traceback(data_copy, tmp_path):
    out = tmp_path / "out"
    process = paced_build(data_copy, out)
    let_write(process, 3)
    assert process.poll() is None   # provably still writing its staging folder
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]
    assert "Traceback" not in stderr
    assert process.returncode == 128 + signal.SIGTERM
    assert dotfiles(tmp_path) == [] and not out.exists()


def soffice_running_with(profile_prefix: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if profile_prefix in cmdline:
            found.append(cmdline)
    return found


def test_sigterm_during_pdf_conversion_leaves_no_soffice_and_no_profile(data_copy, tmp_path):
    need_libreoffice()
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(SHARED_FONT, fonts / SHARED_FONT.name)
    commands.build(data_copy, tmp_path / "out")
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", str(data_copy), "-o",
                                str(tmp_path / "out"), "--pdf", "--font-dir", str(fonts)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    prefix = str(Path(tempfile.gettempdir()) / f"lo-profile-{process.pid}-")
    deadline = time.monotonic() + 60
    while not soffice_running_with(prefix) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert soffice_running_with(prefix), "soffice did not start"
    time.sleep(1)
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]
    assert "Traceback" not in stderr and process.returncode == 128 + signal.SIGTERM
    deadline = time.monotonic() + 10   # -- killed at once; the kernel may take a moment to list them gone --
    while soffice_running_with(prefix) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert soffice_running_with(prefix) == []
    assert not list(Path(tempfile.gettempdir()).glob(f"lo-profile-{process.pid}-*"))


# -- the archive chain -----------------------------------------------------------------

@pytest.fixture
def chain(tmp_path) -> Path:
    """Return an archive root holding three revisions of unit bic (small stand-in payloads)."""
    root = tmp_path / "archive"
    source = tmp_path / "payload.txt"
    for number in range(3):
        source.write_text(f"ฉบับที่ {number + 1}", encoding="utf-8")
        archive.store(root / "2564" / "bic", {"packet.docx": source}, {"Reason": "-"})
    (root / output.ARCHIVE_MARKER).touch()
    return root


def unit(root: Path) -> Path:
    return root / "2564" / "bic"


def writable(path: Path) -> None:
    for item in [path, *path.rglob("*")]:
        item.chmod(0o755 if item.is_dir() else 0o644)


def verify_output(runner, root: Path):
    result = runner.invoke(cli, ["verify", str(root)])
    assert "Traceback" not in result.output
    return result


def test_an_intact_chain_verifies_and_revisions_stay_group_readable(chain, runner):
    result = verify_output(runner, chain)
    assert result.exit_code == 0, result.output
    assert result.output.count("ครบถ้วน") == 3
    for path in [unit(chain) / "rev-002", *(unit(chain) / "rev-002").rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o555 if path.is_dir() else 0o444), path
    info = archive.bag_info(unit(chain) / "rev-002")
    assert info[archive.PREVIOUS_FIELD] == "rev-001 " + archive.revision_digest(unit(chain) / "rev-001")


def remove_bagit_after_edit(root):
    rev = unit(root) / "rev-001"
    writable(rev)
    (rev / "data" / "packet.docx").write_text("แก้", encoding="utf-8")
    (rev / "bagit.txt").unlink()


def delete_rev_002(root):
    writable(unit(root) / "rev-002")
    shutil.rmtree(unit(root) / "rev-002")


def extra_top_level_file(root):
    writable(unit(root) / "rev-002")
    (unit(root) / "rev-002" / "notes.txt").write_text("x", encoding="utf-8")


def stray_staging_bag(root):
    (unit(root) / ".rev-004.k1ll3d" / "data").mkdir(parents=True)


def tagmanifest_deleted_then_bag_info_edited(root):
    rev = unit(root) / "rev-002"
    writable(rev)
    (rev / "tagmanifest-sha256.txt").unlink()
    info = rev / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("Reason: -", "Reason: ฉบับลงนาม"),
                    encoding="utf-8")


def earlier_revision_rebagged(root):
    rev = unit(root) / "rev-001"
    writable(rev)
    (rev / "data" / "packet.docx").write_text("แก้", encoding="utf-8")
    bagit.Bag(str(rev)).save(manifests=True)   # its own manifests agree again


TAMPERING = {
    "bagit_txt_removed_after_edit": (remove_bagit_after_edit, ["rev-001: ไม่ผ่าน", "ไฟล์หาย: bagit.txt"]),
    "earlier_revision_deleted": (delete_rev_002, ["ฉบับ rev-002 หายไป", "rev-003: ไม่ผ่าน",
                                                  "ลิงก์ไปยังฉบับก่อนไม่ตรง"]),
    "extra_top_level_file": (extra_top_level_file, ["rev-002: ไม่ผ่าน", "ไฟล์เกิน: notes.txt"]),
    "stray_staging_bag": (stray_staging_bag, ["สิ่งที่ไม่ควรมี: .rev-004.k1ll3d"]),
    "tagmanifest_deleted_then_bag_info_edited": (tagmanifest_deleted_then_bag_info_edited,
                                                 ["ไฟล์หาย: tagmanifest-sha256.txt", "rev-003: ไม่ผ่าน"]),
    "earlier_revision_rebagged": (earlier_revision_rebagged, ["rev-002: ไม่ผ่าน",
                                                              "ลิงก์ไปยังฉบับก่อนไม่ตรง: rev-001"]),
    "stray_file_in_root": (lambda root: (root / "notes.txt").write_text("x", encoding="utf-8"),
                           ["สิ่งที่ไม่ควรมี: notes.txt"]),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_verify_finds_tampering_anywhere_in_the_chain(case, chain, runner):
    tamper, fragments = TAMPERING[case]
    tamper(chain)
    result = verify_output(runner, chain)
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert fragment in result.output, (fragment, result.output)


def test_verify_names_an_unreadable_revision(chain, runner, monkeypatch):
    unreadable = unit(chain) / "rev-002"
    real_iterdir = Path.iterdir

    def iterdir(self):   # chmod 000 does not stop root, so the refusal is simulated
        if self == unreadable:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = verify_output(runner, chain)
    assert result.exit_code == 1
    assert "อ่าน bag ไม่ได้: Permission denied" in result.output


def test_archive_refuses_to_add_to_a_tampered_chain(chain, data_copy):
    earlier_revision_rebagged(chain)
    with pytest.raises(GeneratorError, match="ไม่เพิ่มฉบับใหม่"):
        commands.make_archive(data_copy, chain, allow_example=True)
    assert sorted(p.name for p in unit(chain).iterdir()) == ["rev-001", "rev-002", "rev-003"]


def test_archive_root_inside_the_data_folder_is_refused(data_copy, runner):
    before = hashes(data_copy)
    result = runner.invoke(cli, ["archive", str(data_copy), "--root", str(data_copy / "archive")])
    assert result.exit_code == 1 and "ซ้อนกับโฟลเดอร์ข้อมูล" in result.output
    assert hashes(data_copy) == before and not (data_copy / "archive").exists()


def test_an_unreadable_file_is_named_without_a_traceback(data_copy, runner, monkeypatch):
    real_open = Path.open

    def refusing_open(self, *args, **kwargs):   # chmod 000 does not stop root, so the refusal is simulated
        if self.name == "linkage.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = runner.invoke(cli, ["validate", str(data_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "linkage.yaml: ระบบไม่ยอมให้อ่านหรือเขียน (Permission denied)" in result.output


def test_a_folder_that_only_looks_like_a_half_made_bag_is_named_not_removed(chain, data_copy):
    stray_staging_bag(chain)
    with pytest.raises(GeneratorError, match=r"\.rev-004\.k1ll3d"):
        commands.make_archive(data_copy, chain, allow_example=True)
    assert (unit(chain) / ".rev-004.k1ll3d" / "data").is_dir()


def test_a_half_made_bag_of_a_killed_archive_is_removed_by_its_record(chain):
    staging_bag = unit(chain) / f".rev-004.{records.token()}"
    note = records.record("bag", staging_bag, about=os.path.realpath(unit(chain)))
    (staging_bag / "data").mkdir(parents=True)
    killed(note)
    archive.check_before_adding(unit(chain))
    assert sorted(p.name for p in unit(chain).iterdir()) == ["rev-001", "rev-002", "rev-003"]


def test_a_record_whose_process_id_was_reused_counts_as_gone(tmp_path):
    note = records.record("temp", tmp_path / "x")
    alive = os.getppid()
    data = json.loads(note.file.read_text("utf-8"))
    data["pid"], data["started"] = alive, records._started(alive)
    note.file.write_text(json.dumps(data), encoding="utf-8")
    assert note.file not in [n.file for n in records.stale("temp")]
    data["started"] = (records._started(alive) or 0) - 1   # -- the same id, another process --
    note.file.write_text(json.dumps(data), encoding="utf-8")
    assert note.file in [n.file for n in records.stale("temp")]
    note.forget()
