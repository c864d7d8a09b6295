"""PDF copies through LibreOffice headless, and checks on the PDFs it makes.

`print_pdfs` is the one way a .docx becomes the PDF we print: LibreOffice converts a
print copy of each document (`documents.printing`), with the project's Thai dictionary
for its line breaks (`thaidict`). LibreOffice must also draw Thai with TH Sarabun New,
as Word does, or the pages break differently: `fontconfig_file` points soffice at a
folder holding the font.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from generator.documents.printing import native_page_numbers, print_copy, thai_page_numbers
from generator.errors import GeneratorError, ToolMissing
from generator.i18n import N_, _
from generator.store import fonts, thaidict
from generator.store.locks import temp_folder

FALLBACK_FONTS = ("Loma", "Garuda", "Kinnari", "Umpush", "Norasi", "DejaVu", "Laksaman",
                  "OpenSymbol", "Liberation")
PDFA2_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = N_("LibreOffice is missing: install it with sudo apt-get install libreoffice-writer "
                  "fonts-tlwg-laksaman-ttf poppler-utils (or scripts/install-system-packages)")


def soffice() -> str:
    """Return the LibreOffice program, or raise ToolMissing saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing(_(INSTALL_HINT))


def fontconfig_file(font_dir: Path, cache: Path) -> Path:
    """Write a fonts.conf that adds `font_dir` to the system's fonts; return its path."""
    cache.mkdir(parents=True, exist_ok=True)
    conf = cache / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir.resolve()}</dir>\n"
        f"  <cachedir>{(cache / 'fc-cache').resolve()}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    return conf


def fonts_conf(cache: Path, font_dir: Path | None = None) -> Path | None:
    """Return the fonts.conf that gives soffice TH Sarabun New, or None when it is installed.

    `font_dir` names a folder holding the real font; without it an installed TH Sarabun
    New is used, or else the stand-in family built from Laksaman.
    """
    if font_dir is None and fonts.installed():
        return None
    return fontconfig_file(font_dir or fonts.stand_in(cache / "fonts"), cache / "fontconfig")


def print_pdfs(files: list[Path], out_dir: Path, fonts_conf: Path | None = None, pdfa: bool = False,
               progress=None, words: frozenset[str] = frozenset(), profile: Path | None = None) -> list[Path]:
    """Return the .docx `files` as we print them: PDFs made in one soffice call from their
    print copies, with the project's Thai dictionary when it can be built.

    Each PDF is `out_dir`/<name>.pdf, or <number>-<name>.pdf when two files share a name;
    `words` are the data's accepted words; `progress(done, total)` is called as PDFs appear.
    A document with Thai page numbers goes through LibreOffice's own format first (one
    more soffice call), where its pages get numbered in Thai digits (`native_page_numbers`).
    """
    stems = [f.stem for f in files]
    named = [stem if stems.count(stem) == 1 else f"{i}-{stem}" for i, stem in enumerate(stems, 1)]
    env = {}
    dictionary = thaidict.icu_data(_program_dir(), words)
    if dictionary is not None:
        env["ICU_DATA"] = str(dictionary)
    with temp_folder("agreement-print") as tmp:
        copies, thai = [], []
        for source, name in zip(files, named, strict=True):
            data = source.read_bytes()
            copies.append(Path(tmp) / f"{name}.docx")
            copies[-1].write_bytes(print_copy(data, words))
            if thai_page_numbers(data):
                thai.append(copies[-1])
        if thai:
            native = dict(zip(thai, convert(thai, Path(tmp) / "odt", fonts_conf, env=env, to="odt",
                                            profile=profile)))
            for odt in native.values():
                odt.write_bytes(native_page_numbers(odt.read_bytes()))
            copies = [native.get(copy, copy) for copy in copies]
        return convert(copies, out_dir, fonts_conf, pdfa, progress, env, profile=profile)


def dictionary_note() -> str | None:
    """Return why PDF copies will not get the project's Thai dictionary, or None."""
    try:
        return thaidict.note(_program_dir())
    except ToolMissing:
        return None


def _program_dir() -> Path:
    return Path(os.path.realpath(soffice())).parent


def convert(files: list[Path], out_dir: Path, fonts_conf: Path | None = None,
            pdfa: bool = False, progress=None, env: dict | None = None, to: str = "pdf",
            jobs: int | None = None, profile: Path | None = None) -> list[Path]:
    """Convert `files` as they are with soffice; return the files made, in the order given.
    `print_pdfs` is the one to use for what we print.

    soffice converts one file at a time on one core, so the files are shared among `jobs`
    soffice processes running at once (one per core by default), each with a private
    profile: two sharing a profile lose output. `to` is the format (the extension of the
    files made); `env` adds to soffice's environment; `progress(done, total)` is called
    as files appear. A `profile` folder kept by the caller (who runs one conversion at a
    time in it) is used for a single soffice: starting with a profile made before saves
    soffice about 0.15 s (the editor's previews).
    """
    program = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **(env or {})}
    if fonts_conf is not None:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    target = PDFA2_FILTER if pdfa and to == "pdf" else to
    jobs = 1 if profile is not None else max(1, min(jobs or os.cpu_count() or 1, len(files)))
    shares = [files[i::jobs] for i in range(jobs)]   # -- every jobs-th file: big and small alike --
    tally, stop = _Tally(progress, len(files)), threading.Event()
    with ThreadPoolExecutor(jobs) as pool:
        running = [pool.submit(_convert_share, program, share, out_dir, target, to, env, tally, stop, profile)
                   for share in shares]
        try:
            made = [future.result() for future in running]
        except BaseException:   # -- a failed share, Ctrl-C, SIGTERM: stop every soffice, then say so --
            stop.set()
            raise
    by_source = {source: pdf for share, pdfs in zip(shares, made) for source, pdf in zip(share, pdfs)}
    return [by_source[f] for f in files]


def _convert_share(program: str, files: list[Path], out_dir: Path, target: str, to: str, env: dict,
                   tally: _Tally, stop: threading.Event, kept: Path | None = None) -> list[Path]:
    """Convert `files` in one soffice call with a private profile; return the files made."""
    pdfs = [out_dir / f"{f.stem}.{to}" for f in files]
    with (nullcontext(str(kept)) if kept is not None else temp_folder("lo-profile")) as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", target, "--outdir", str(out_dir)]
        with subprocess.Popen(command + [str(f) for f in files], env=env, text=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=os.name == "posix") as process:
            try:
                _watch(process, pdfs, tally, stop)
            except BaseException:   # Ctrl-C, SIGTERM, another share failed: never leave soffice running
                _stop(process)
                raise
            stderr = process.stderr.read()
    missing = [p.name for p in pdfs if not p.is_file()]
    if process.returncode != 0 or missing:
        raise GeneratorError(_("LibreOffice could not convert")
                             + f" ({', '.join(missing)}): {stderr.strip()[-500:]}")
    return pdfs


class _Stopped(Exception):
    """Another share failed, or the run is stopping: this share's soffice is stopped too."""


class _Tally:
    """The files made so far by every soffice of one conversion, told to one `progress`."""

    def __init__(self, progress, total: int):
        self.progress, self.total, self.done, self._lock = progress, total, {}, threading.Lock()

    def __call__(self, share: int, done: int) -> None:
        if self.progress is None:
            return
        with self._lock:
            self.done[share] = done
            self.progress(sum(self.done.values()), self.total)


def _stop(process: subprocess.Popen) -> None:
    """Kill soffice and every process it started (it runs in a session of its own)."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()


def _watch(process: subprocess.Popen, pdfs: list[Path], tally: _Tally, stop: threading.Event) -> None:
    """Wait for soffice, telling `tally` how many of `pdfs` exist so far (at most 10 minutes)."""
    deadline = time.monotonic() + 600
    share = id(pdfs)
    while process.poll() is None:
        if stop.is_set():   # -- the caller is raising already; this only ends the thread --
            raise _Stopped
        tally(share, sum(p.is_file() for p in pdfs))
        if time.monotonic() > deadline:
            _stop(process)
        stop.wait(0.2)
    tally(share, sum(p.is_file() for p in pdfs))


def check(pdf: Path, pdfa: bool) -> list[str]:
    """Return what is wrong with a PDF copy: a fallback face drew text, or it is not PDF/A-2."""
    problems = [_("{name}: fallback font {name2} drew text instead of TH Sarabun New").format(name=pdf.name, name2=name)
                for name in fallback_fonts(pdf)]
    if pdfa and pdfa_part(pdf) != "2":
        problems.append(_("{name}: not PDF/A-2").format(name=pdf.name))
    return problems


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        raise ToolMissing(_(INSTALL_HINT))
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def font_names(pdf: Path) -> list[str]:
    """Return the names of the fonts embedded in `pdf`, subset prefixes removed."""
    lines = _poppler("pdffonts", str(pdf)).splitlines()[2:]
    return [re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in lines if line.strip()]


def fallback_fonts(pdf: Path) -> list[str]:
    """Return the embedded fonts of `pdf` that are a fallback, not TH Sarabun New."""
    return [name for name in font_names(pdf) if any(f.lower() in name.lower() for f in FALLBACK_FONTS)]


def pdfa_part(pdf: Path) -> str | None:
    """Return the PDF/A part number declared in `pdf`'s XMP metadata, if any."""
    match = re.search(rb"pdfaid:part(?:>|=\")(\d)", pdf.read_bytes())
    return match[1].decode() if match else None
