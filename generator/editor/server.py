"""Start the editor: a socket on 127.0.0.1, a fresh token, one line with the address, uvicorn.

The socket is bound before uvicorn starts, so ``--port 0`` knows its port in time to print
it and to guard the Host header with it.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import webbrowser
from pathlib import Path

import uvicorn

from generator.editor import checks
from generator.editor.app import Unit, make_app
from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import locks
from generator.text import thai

HOST = "127.0.0.1"
DEFAULT_PORT = 8564


def bind(port: int | None) -> socket.socket:
    """Return a listening socket on 127.0.0.1:`port` (0: any free port); refuse a taken port in Thai.

    Without `port`, DEFAULT_PORT, or any free port when another editor has it.
    """
    if port is None:
        try:
            return bind(DEFAULT_PORT)
        except GeneratorError:
            return bind(0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if os.name == "posix":   # a restarted editor gets its port back at once (not on Windows: there it shares)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise GeneratorError(_("cannot open port {port} ({strerror}): use --port 0 for a free one").format(
                port=port, strerror=exc.strerror)) from None
    sock.listen(64)
    return sock


def serve(data_dir: Path, out_dir: Path, archive_root: Path, port: int | None = 0, browser: bool = True,
          announce=print) -> None:
    """Serve the editor until Ctrl-C; `announce` receives the one line with address and token."""
    sock = bind(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    locks.clean_stale_temp()
    with locks.temp_folder("agreement-preview") as previews:
        unit = Unit(data_dir, out_dir, archive_root, Path(previews))
        config = uvicorn.Config(make_app(unit, token, port), log_level="warning", access_log=False,
                                lifespan="off", timeout_graceful_shutdown=1, timeout_keep_alive=2)
        server = uvicorn.Server(config)
        url = f"http://{HOST}:{port}/?token={token}"
        announce(_("editor: {url}  (Ctrl-C stops it)").format(url=url))
        threading.Thread(target=_warm, args=(data_dir,), daemon=True).start()
        if browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        try:
            server.run(sockets=[sock])
        finally:
            unit.jobs.stop()
            sock.close()


def _warm(data_dir: Path) -> None:
    """Check the folder once in the background, so the first check the clerk waits for is warm."""
    try:
        checks.check(data_dir, {})
        thai.words("ตรวจคำใหม่")   # the dictionary a new word is looked up in: about a second to load
    except Exception:   # noqa: BLE001 -- the page's own check reports whatever this met
        pass
