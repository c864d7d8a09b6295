"""Build, PDF, report and archive run as the command line itself, in a child process.

The child prints its progress and the Thai change report line by line, exactly as in a
terminal; it takes the same locks, refuses bad data the same way, and on Ctrl-C or a
stopped editor it cleans up as the command line does (SIGTERM, soffice killed with it).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import manifest
from generator.store.handedits import WHY


@dataclass
class Job:
    title: str
    lines: list[str] = field(default_factory=list)
    done: bool = False
    ok: bool = False
    process: subprocess.Popen | None = None


class Jobs:
    """The commands started from the editor: one at a time, each kept with its transcript."""

    def __init__(self):
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def start(self, title: str, args: list[str]) -> str:
        """Run ``agreement ARGS`` in a child process; return the job's id."""
        with self.lock:
            if any(not job.done for job in self.jobs.values()):
                raise GeneratorError(_("another command is running: wait for it to finish"))
            job_id = secrets.token_hex(8)
            job = self.jobs[job_id] = Job(title)
            env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", "AGREEMENT_LANG": "th"}
            job.process = subprocess.Popen(
                [sys.executable, "-m", "generator", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env=env, text=True, encoding="utf-8", errors="replace",
                start_new_session=os.name == "posix")
        threading.Thread(target=self._follow, args=(job,), daemon=True).start()
        return job_id

    def _follow(self, job: Job) -> None:
        for line in job.process.stdout:
            job.lines.append(line.rstrip("\n"))
        job.ok = job.process.wait() == 0
        job.done = True

    def stop(self) -> None:
        """End every running command as Ctrl-C would (its own clean-up runs)."""
        for job in self.jobs.values():
            if job.process and job.process.poll() is None:
                try:
                    job.process.send_signal(signal.SIGTERM)
                    job.process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    job.process.kill()


def arguments(action: str, data_dir: Path, out_dir: Path, root: Path, round_no: int | None = None,
              reason: str = "") -> tuple[str, list[str]]:
    """Return the Thai title and the command line of an action of the editor's actions page."""
    data, out = str(data_dir), str(out_dir)
    if action == "build":
        return _("build"), ["build", data, "-o", out]
    if action == "pdf":
        return _("build with PDF"), ["build", data, "-o", out, "--pdf"]
    if action == "report" and round_no in (6, 9, 12):
        return (_("report of the {round}-month round").format(round=round_no),
                ["report", data, "--round", str(round_no), "-o", out])
    if action == "archive" and reason.strip():
        return _("archive"), ["archive", data, "--root", str(root), "--reason", reason.strip()]
    if action == "archive":
        raise GeneratorError(_("give a reason, e.g. signed copy"))
    raise GeneratorError(_("unknown action or round"))


def outputs(out_dir: Path) -> list[str]:
    """Return the files of the output folder that its manifest lists and that exist, packet first."""
    try:
        document = manifest.read_document(out_dir)
    except GeneratorError:
        return []
    names = [*document.get("files", {}), *document.get("pdf", {}), *document.get("edited", {}), manifest.LOG] \
        if document else []
    order = {"packet.docx": 0, "agreement.docx": 1}
    return sorted((n for n in names if (out_dir / n).is_file()), key=lambda n: (order.get(n, 2), n))


def describe(name: str) -> str:
    """Return what an output file is, in the clerk's words.

    >>> describe("sheets/indicator-05.pdf"), describe("reports/report-06.docx")
    ('แผ่นตัวชี้วัดที่ 5 (PDF/A)', 'รายงานผลรอบ 6 เดือน')
    """
    stem, _dot, suffix = Path(name).name.rpartition(".")
    number = "".join(c for c in stem if c.isdigit()).lstrip("0")
    what = {"packet": _("the whole packet"), "agreement": _("the front: cover, agreement, linkage table, summary form"),
            "CHANGES": _("the record of every build's changes")}.get(stem)
    if WHY in stem:
        what = _("a copy edited by hand, kept aside when the document was made again")
    elif stem.startswith("indicator-"):
        what = _("indicator sheet {number}").format(number=number)
    elif stem.startswith("report-"):
        what = _("report of the {round}-month round").format(round=number)
    return (what or "") + (" (PDF/A)" if suffix == "pdf" else "")


def edited_by_hand(out_dir: Path) -> list[str]:
    """Return the documents edited by hand (in Word) since the last build, not yet carried into the data."""
    from generator import commands  # the document libraries: not on the way to the first page

    try:
        return [edit.name for edit in commands.hand_edits(out_dir) if not edit.absorbed]
    except GeneratorError:
        return []
