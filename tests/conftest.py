"""Shared fixtures: the default data; builds and PDFs made once per test run; LibreOffice
with the real font; and a stand-in for LibreOffice where it is not what a test is about.

What a session fixture makes is shared by the pytest-xdist workers (`once`): read it, and
copy it before changing it. The cache and state folders are set in the root conftest.py.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from generator import commands
from generator.commands import archives
from generator.store import fonts, pdf
from tests.units import make_other_unit
from tests.wordedit import libreoffice_saved

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "2564"
# -- the real font sits in shared/fonts beside the checkout, or beside a folder of worktrees --
SHARED_FONT = next((folder / "shared" / "fonts" / "THSarabunNew.ttf" for folder in ROOT.parents[:2]
                    if (folder / "shared" / "fonts" / "THSarabunNew.ttf").is_file()),
                   ROOT.parent / "shared" / "fonts" / "THSarabunNew.ttf")


def cpu_seconds() -> float:
    """Return the CPU time of this process and its finished children: the work done, which
    another program's load on the machine does not lengthen (timing tests measure this)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def once(tmp_path_factory, name: str, make: Callable[[Path], object]) -> Path:
    """Return the folder `name` as `make(folder)` filled it, once per test run.

    The pytest-xdist workers share it: the first to ask makes it while the others wait.
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent   # -- the run's own folder; each worker has one below it --
    folder, made = root / f"once-{name}", root / f"once-{name}.made"
    with FileLock(root / f"once-{name}.lock"):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)   # -- what a failed attempt left --
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a private copy of the default FY 2564 data, free to edit."""
    target = tmp_path / "data" / "2564"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Return the output folder of one build of the default data."""
    return once(tmp_path_factory, "built", lambda folder: commands.build(DATA, folder / "2564")) / "2564"


@pytest.fixture(scope="session")
def thai_built(tmp_path_factory) -> Path:
    """Return the output folder of one build of the default data with Thai digits."""
    return once(tmp_path_factory, "thai", lambda folder: commands.build(DATA, folder / "2564", digits="thai")) / "2564"


@pytest.fixture(scope="session")
def other_unit(tmp_path_factory) -> Path:
    """Return the data folder of a second, different unit (six indicators, not yet signed)."""
    return once(tmp_path_factory, "other", lambda folder: make_other_unit(folder / "data" / "2564")) / "data" / "2564"


@pytest.fixture(scope="session")
def two_unit_batch(tmp_path_factory, other_unit) -> Path:
    """Return the output of one batch of the default unit and the second one (with its overview)."""
    def make(folder: Path) -> None:
        shutil.copytree(DATA, folder / "units" / "bic" / "2564")
        shutil.copytree(other_unit, folder / "units" / "plan" / "2564")
        commands.build_batch([folder / "units"], folder / "batch", jobs=1)
    return once(tmp_path_factory, "two-units", make) / "batch"


@pytest.fixture(scope="session")
def thai_two_unit_batch(tmp_path_factory, other_unit) -> Path:
    """Return the output of one batch of the default unit and the second one in Thai digits."""
    return once(tmp_path_factory, "thai-two-units",
                lambda folder: commands.build_batch([DATA, other_unit], folder, digits="thai", jobs=1))


def need_libreoffice() -> None:
    """Skip with a reason when LibreOffice, the font or ICU's gendict (for the print path's
    Thai dictionary) is missing, unless CI requires them."""
    missing = [what for what, ok in (("soffice", shutil.which("soffice")),
                                     ("pdffonts", shutil.which("pdffonts")),
                                     ("gendict (icu-devtools)", shutil.which("gendict")),
                                     (str(SHARED_FONT), SHARED_FONT.is_file())) if not ok]
    if missing:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(f"REQUIRE_LIBREOFFICE=1 but missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")


@pytest.fixture
def need_gendict() -> None:
    """Skip without ICU's gendict (Debian icu-devtools), unless CI requires it."""
    if shutil.which("gendict") is None:
        if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("REQUIRE_LIBREOFFICE=1 but gendict (icu-devtools) is missing")
        pytest.skip("missing: gendict (icu-devtools)")


@pytest.fixture(scope="session")
def real_font_conf(tmp_path_factory) -> Path:
    """Return a fonts.conf that gives LibreOffice the real TH Sarabun New."""
    need_libreoffice()
    folder = tmp_path_factory.mktemp("font")
    shutil.copy(SHARED_FONT, folder / SHARED_FONT.name)
    return pdf.fontconfig_file(folder, tmp_path_factory.mktemp("fc"))


# -- the documents the PDF tests read, printed once: one LibreOffice run of many files costs
#    little more than a run of one (about 1.2 s of CPU before its first page) --

@pytest.fixture(scope="session")
def printed(built, thai_built, two_unit_batch, thai_two_unit_batch, other_unit, real_font_conf,
            tmp_path_factory) -> dict[str, Path]:
    """Return PDF copies made with the real font, by name: the default packet, its agreement
    and its report, the two-unit overview and the second unit's agreement (named as the
    first one is); and as PDF/A-2b, the Thai-digit agreement and two-unit overview.

    Only those are PDF/A: pdftotext reads the PDF/A packet in 1.9 s, the plain one in 0.04 s.
    """
    def make(folder: Path) -> None:
        other = commands.build(other_unit, folder / "other").out_dir
        plain = {"packet": built / "packet.docx", "agreement": built / "agreement.docx",
                 "report": built / "reports" / "report-12.docx", "overview": two_unit_batch / "overview.docx",
                 "other agreement": other / "agreement.docx"}
        pdfa = {"thai agreement": thai_built / "agreement.docx", "thai overview": thai_two_unit_batch / "overview.docx"}
        names = {}
        for kind, documents in (("plain", plain), ("pdfa", pdfa)):
            made = pdf.print_pdfs(list(documents.values()), folder / kind, real_font_conf, pdfa=kind == "pdfa")
            names |= {name: f"{kind}/{path.name}" for name, path in zip(documents, made, strict=True)}
        (folder / "made.json").write_text(json.dumps(names), encoding="utf-8")

    folder = once(tmp_path_factory, "printed", make)
    return {name: folder / made for name, made in json.loads((folder / "made.json").read_text("utf-8")).items()}


@pytest.fixture(scope="session")
def packet_pdf(printed) -> Path:
    """Return the default packet converted to PDF with the real font."""
    return printed["packet"]


@pytest.fixture(scope="session")
def stand_in_fonts(tmp_path_factory) -> Path:
    """Return the folder of the TH Sarabun New family built from Laksaman."""
    return once(tmp_path_factory, "stand-in", fonts.stand_in) / fonts.BUILD


@pytest.fixture(scope="session")
def saved_by_libreoffice(built, tmp_path_factory) -> dict[str, Path]:
    """Return the default packet and agreement as LibreOffice saves them again, by name."""
    def make(folder: Path) -> None:
        need_libreoffice()
        libreoffice_saved([built / "packet.docx", built / "agreement.docx"], folder)

    folder = once(tmp_path_factory, "libreoffice-saved", make)
    return {name: folder / "out" / name for name in ("packet.docx", "agreement.docx")}


# -- LibreOffice where it is not the subject: PDF copies made in no time, never checked --

def fake_pdfs(docx: list[Path], tmp: Path, font_dir, progress, words=frozenset()) -> list[Path]:
    """Stand in for LibreOffice: one small file per document, each in a folder of its own,
    saying which document it copies and the accepted words it was converted with."""
    made = []
    for number, path in enumerate(docx):
        (tmp / str(number)).mkdir(parents=True, exist_ok=True)
        made.append(tmp / str(number) / (path.stem + ".pdf"))
        made[-1].write_bytes(f"%PDF-1.7 copy of {path}\nwords: {' '.join(sorted(words))}".encode())
        if progress:
            progress(number + 1, len(docx))
    return made


@pytest.fixture
def fake_libreoffice(monkeypatch) -> None:
    """Make every PDF copy with `fake_pdfs`, and check none of them."""
    monkeypatch.setattr(archives, "_convert", fake_pdfs)
    monkeypatch.setattr(archives, "_check", lambda pdfs: None)
