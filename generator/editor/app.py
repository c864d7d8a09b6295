"""The editor's pages and the calls its script makes; each call does one thing or nothing.

A call that cannot be done answers with a Thai message (and status 400, 409 for a file
changed on disk) and leaves every file as it was.
"""

from __future__ import annotations

import difflib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from ruamel.yaml.error import YAMLError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.data import results, roundtrip
from generator.editor import checks, files, forms, jobs, merge
from generator.editor.guard import Guard
from generator.errors import DataError, GeneratorError
from generator.i18n import N_, _, language, ngettext
from generator.store import edits, locks, manifest

HERE = Path(__file__).resolve().parent
MAX_BODY = 2_000_000


@dataclass
class Unit:
    """The folders the editor works on; it reads and writes nothing else."""

    data_dir: Path
    out_dir: Path
    archive_root: Path
    previews: Path
    jobs: jobs.Jobs = field(default_factory=jobs.Jobs)


# -- the script's own texts, handed to it in the page in the chosen language --
SCRIPT_MESSAGES = {
    "server_error": N_("error from the server ({status})"),
    "tally": N_("{errors} errors, {warnings} warnings"),
    "draft": N_(" — a draft can be saved, but nothing is built until it is fixed"),
    "all_right": N_("the data passes every check"),
    "unsaved": N_("not saved yet"),
    "saving": N_("saving…"),
    "conflict": N_("not saved: the file was changed elsewhere"),
    "saved": N_("saved {time}"),
    "rendering": N_("LibreOffice is drawing the pages…"),
    "preview": N_("page preview (not saved yet)"),
    "download": N_("download the .docx"),
    "page": N_("page preview"),
    "done": N_("{title}: done"),
    "failed": N_("{title}: failed"),
}


def script_messages() -> dict[str, str]:
    """Return the editor script's texts in the chosen language."""
    return {key: _(text) for key, text in SCRIPT_MESSAGES.items()}


def make_app(unit: Unit, token: str, port: int) -> Guard:
    """Return the editor as an ASGI application, guarded by `token` on 127.0.0.1:`port`."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(_, ngettext)
    pages = Pages(unit, env)
    routes = [Route("/", pages.home), Route("/favicon.ico", lambda request: Response(status_code=204)),
              Route("/f/{rel:path}", pages.form), Route("/run", pages.run),
              Route("/out/{name:path}", pages.download), Route("/preview/{folder}/{name}", pages.preview_file),
              Route("/api/check", pages.check, methods=["POST"]), Route("/api/save", pages.save, methods=["POST"]),
              Route("/api/round", pages.start_round, methods=["POST"]),
              Route("/api/staff-replace", pages.staff_replace, methods=["POST"]),
              Route("/api/preview", pages.make_preview, methods=["POST"]),
              Route("/api/run", pages.start_job, methods=["POST"]), Route("/api/job/{job}", pages.job),
              Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    app = Starlette(routes=routes, exception_handlers={GeneratorError: _refused, 404: _not_found, Exception: _crashed})
    return Guard(app, token, port)


async def _refused(request: Request, exc: GeneratorError) -> Response:
    if isinstance(exc, DataError):
        return JSONResponse({"error": "\n".join(str(p) for p in exc.problems)}, 400)
    return JSONResponse({"error": str(exc)}, 400)


async def _crashed(request: Request, exc: Exception) -> Response:
    """Answer a bug with a Thai line in the page; uvicorn prints the traceback in the editor's terminal."""
    return JSONResponse({"error": _("internal error (not a problem in the data): the details are in the "
                                    "terminal; nothing was changed")}, 500)


async def _not_found(request: Request, exc: Exception) -> Response:
    return Response(_("not found"), 404, media_type="text/plain; charset=utf-8")


async def _body(request: Request) -> dict:
    """Return the JSON object a call sent; refuse anything else with a Thai message."""
    raw = await request.body()
    try:
        body = json.loads(raw) if request.headers.get("content-type") == "application/json" \
            and len(raw) <= MAX_BODY else None
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise merge.BadForm()
    return body


class Pages:
    def __init__(self, unit: Unit, env: Environment):
        self.unit, self.env = unit, env
        self.writing = threading.Lock()   # the data lock is per process; this one is per call

    def _page(self, template: str, **values) -> HTMLResponse:
        d = self.unit.data_dir
        nav = [(rel, *files.labels(d, rel)) for rel in files.editable(d)]
        html = self.env.get_template(template).render(
            nav=nav, missing_rounds=files.missing_rounds(d), fiscal_year=files.fiscal_year(d),
            unit=files.unit_name(d), page=template, lang=language(), messages=script_messages(), **values)
        return HTMLResponse(html)

    def _write(self, function, *args):
        """Call `function` (an edit of the data folder) while no other call of the editor writes."""
        with self.writing:
            return function(*args)

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/f/agreement.yaml", 303)

    async def form(self, request: Request) -> Response:
        d, rel = self.unit.data_dir, request.path_params["rel"]
        path = files.checked(d, rel)
        base = files.digest(path)
        try:
            document = roundtrip.load(path)
        except (ValueError, YAMLError) as exc:   # the file must be mended as text
            return self._page("broken.html", rel=rel, title=files.label(d, rel), detail=str(exc),
                              text=path.read_text(encoding="utf-8", errors="replace"))
        ctx = forms.Context(files.kind(rel), files.fiscal_year(d), files.groups(d), files.people(d),
                            files.indicator_titles(d), files.indicators(d))
        root = forms.form(document, files.schema_of(rel), ctx)
        return self._page("form.html", rel=rel, title=files.label(d, rel), base=base, root=root,
                          kind=files.kind(rel))

    async def run(self, request: Request) -> Response:
        d, out = self.unit.data_dir, self.unit.out_dir
        return self._page("run.html", title=_("build"), rounds=results.rounds_in(d),
                          outputs=[(n, jobs.describe(n)) for n in jobs.outputs(out)],
                          edited=jobs.edited_by_hand(out), out_dir=out, archive_root=self.unit.archive_root)

    def _draft(self, body: dict) -> tuple[str, str]:
        """Return the file a call names and its YAML text with the form's values."""
        rel = body.get("file")
        path = files.checked(self.unit.data_dir, rel)
        try:
            document = roundtrip.load(path)
        except (OSError, ValueError, YAMLError) as exc:
            raise GeneratorError(_("{rel} does not read as YAML: reload the page; nothing was changed").format(
                    rel=rel)) from exc
        return rel, merge.merged_text(document, body.get("data"), files.schema_of(rel))

    async def check(self, request: Request) -> Response:
        body = await _body(request)

        def work():
            drafts = dict([self._draft(body)]) if body.get("data") is not None else {}
            return {"problems": self._problems(drafts), "notes": _notes(body)}
        return JSONResponse(await run_in_threadpool(work))

    def _problems(self, drafts: dict[str, str]) -> list[dict]:
        """Return the folder's problems with `drafts` in place, each with a link to its field."""
        found = checks.check(self.unit.data_dir, drafts)
        names = files.editable(self.unit.data_dir)
        for problem in found:
            rel = next((n for n in names if n == problem["file"] or n.startswith(problem["file"] or "?")),
                       "agreement.yaml")
            problem["href"] = f"/f/{rel}#f-{problem['field']}"
        return found

    async def save(self, request: Request) -> Response:
        body = await _body(request)
        return JSONResponse(*await run_in_threadpool(self._save, body))

    def _save(self, body: dict) -> tuple[dict, int]:
        d = self.unit.data_dir
        with self.writing, locks.lock(d):   # the CLI's lock: nothing else writes between the comparison and the write
            path = files.checked(d, body.get("file"))
            if files.digest(path) != body.get("base"):
                try:
                    mine = self._draft(body)[1]
                except GeneratorError:   # the file on disk no longer reads: show it as it is
                    mine = ""
                return _conflict(path.read_text(encoding="utf-8", errors="replace"), mine), 409
            rel, text = self._draft(body)
            if text.encode("utf-8") != path.read_bytes():
                edits.apply(d, {rel: text}, checked=False)
        return {"base": files.digest(path), "problems": self._problems({}), "notes": _notes(body)}, 200

    async def start_round(self, request: Request) -> Response:
        body = await _body(request)
        number = body.get("round")
        if number not in files.missing_rounds(self.unit.data_dir):
            raise GeneratorError(_("round exists or is not 6, 9, 12"))
        rel = results.round_file(number)
        d = self.unit.data_dir
        await run_in_threadpool(self._write, edits.apply, d, {rel: files.round_text(d, number)}, False)
        return JSONResponse({"url": f"/f/{rel}"})

    async def staff_replace(self, request: Request) -> Response:
        body = await _body(request)
        texts = [body.get(k) or None for k in ("old", "name", "phone", "ext")]
        if not all(isinstance(t, str | None) for t in texts) or not texts[0] or not texts[1]:
            raise GeneratorError(_("give the new person's full name"))
        from generator import commands  # with the document libraries: only when needed

        before, after = await run_in_threadpool(self._write, commands.staff_replace, self.unit.data_dir, *texts)
        numbers = ", ".join(map(str, after.indicators)) or "-"
        return JSONResponse({"message": _("{old} ({old_phone}) → {new} ({new_phone}); indicators affected: "
                                          "{numbers}").format(old=before.name, old_phone=before.phone, new=after.name,
                                                             new_phone=after.phone, numbers=numbers)})

    async def make_preview(self, request: Request) -> Response:
        body = await _body(request)

        def work():
            from generator.editor import preview  # LibreOffice and the templates: only when asked

            rel, text = self._draft(body)
            made = preview.make(self.unit.data_dir, rel, text, self.unit.previews,
                                manifest.digits(self.unit.out_dir))
            base = f"/preview/{made.folder}/"
            return {"pages": [base + p for p in made.pages], "docx": base + made.docx, "message": made.message}
        return JSONResponse(await run_in_threadpool(work))

    async def preview_file(self, request: Request) -> Response:
        folder, name = request.path_params["folder"], request.path_params["name"]
        path = self.unit.previews / folder / name
        if not (folder.isalnum() and (name == "preview.docx" or name.startswith("page-")) and name.isascii()
                and "/" not in name and path.is_file()):
            return await _not_found(request, None)
        return FileResponse(path, filename=name if name.endswith(".docx") else None)

    async def start_job(self, request: Request) -> Response:
        body = await _body(request)
        u = self.unit
        title, args = jobs.arguments(str(body.get("action")), u.data_dir, u.out_dir, u.archive_root,
                                     body.get("round"), str(body.get("reason") or ""))
        return JSONResponse({"job": u.jobs.start(title, args), "title": title})

    async def job(self, request: Request) -> Response:
        job = self.unit.jobs.jobs.get(request.path_params["job"])
        if job is None:
            return await _not_found(request, None)
        answer = {"title": job.title, "lines": job.lines, "done": job.done, "ok": job.ok}
        if job.done:
            answer["outputs"] = [(name, jobs.describe(name)) for name in jobs.outputs(self.unit.out_dir)]
            answer["edited"] = jobs.edited_by_hand(self.unit.out_dir)
        return JSONResponse(answer)

    async def download(self, request: Request) -> Response:
        name, out = request.path_params["name"], self.unit.out_dir
        if name not in jobs.outputs(out):
            return await _not_found(request, None)
        path = Path(os.path.realpath(out / name))
        if Path(os.path.realpath(out)) not in path.parents:
            return await _not_found(request, None)
        return FileResponse(path, filename=Path(name).name)


def _conflict(disk: str, mine: str) -> dict:
    """Return both versions of a file, with the lines where they differ (0-based), for the clerk to compare."""
    a, b = disk.split("\n"), mine.split("\n")
    blocks = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    return {"conflict": True, "disk": disk, "mine": mine,
            "disk_changed": [i for _, i1, i2, _, _ in blocks for i in range(i1, i2)],
            "mine_changed": [j for _, _, _, j1, j2 in blocks for j in range(j1, j2)]}


def _notes(body: dict) -> dict:
    """Return what the form shows beside a field besides problems: a typed date, in Thai."""
    data, rel = body.get("data"), str(body.get("file"))
    if rel == "agreement.yaml" and isinstance(data, dict):
        return {"signing_date": checks.date_note(data.get("signing_date"))}
    if rel.startswith("results/") and isinstance(data, dict) and isinstance(data.get("reporter"), dict):
        return {"reporter.date": checks.date_note(data["reporter"].get("date"))}
    return {}
