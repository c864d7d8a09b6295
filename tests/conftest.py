"""Shared fixtures: the default data, a built packet, and LibreOffice with the real font."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import commands
from generator.store import pdf
from tests.units import make_other_unit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "2564"
# -- the real font sits in shared/fonts beside the checkout, or beside a folder of worktrees --
SHARED_FONT = next((folder / "shared" / "fonts" / "THSarabunNew.ttf" for folder in ROOT.parents[:2]
                    if (folder / "shared" / "fonts" / "THSarabunNew.ttf").is_file()),
                   ROOT.parent / "shared" / "fonts" / "THSarabunNew.ttf")


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
    out = tmp_path_factory.mktemp("built") / "2564"
    commands.build(DATA, out)
    return out


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


@pytest.fixture(scope="session")
def packet_pdf(built: Path, real_font_conf: Path, tmp_path_factory) -> Path:
    """Return the default packet converted to PDF with the real font."""
    return pdf.print_pdfs([built / "packet.docx"], tmp_path_factory.mktemp("pdf"), real_font_conf)[0]


@pytest.fixture(scope="session")
def other_unit(tmp_path_factory) -> Path:
    """Return the data folder of a second, different unit (six indicators, not yet signed)."""
    return make_other_unit(tmp_path_factory.mktemp("other") / "data" / "2564")
