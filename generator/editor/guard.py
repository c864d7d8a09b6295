"""What keeps the editor to its own user on a shared machine: token, Host, Origin, headers.

- Every request needs the access token printed at start: in the address once, then in a
  cookie that no other site can send (HttpOnly, SameSite=Strict).
- The Host header must be the server's own address, so a web page whose name resolves to
  127.0.0.1 (DNS rebinding) cannot read it.
- A POST must come from the editor's own pages (Origin), so another site cannot submit.
- Every answer forbids framing, outside scripts and caching.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs

from generator.i18n import _

HEADERS = [(b"content-security-policy", b"default-src 'self'; img-src 'self'; frame-ancestors 'none'; "
                                        b"base-uri 'none'; form-action 'self'"),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"x-frame-options", b"DENY"), (b"cache-control", b"no-store")]


class Guard:
    """ASGI middleware that answers 403 (in Thai) to any request that is not the editor's own."""

    def __init__(self, app, token: str, port: int):
        self.app, self.token = app, token
        self.cookie = f"agreement-{port}"
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal:
            return await _answer(send, 403, refusal)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        if scope["method"] == "GET" and self._valid(query.get("token", [""])[0]):
            cookie = f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            return await _answer(send, 303, "", [(b"location", scope.get("raw_path") or b"/"),
                                                 (b"set-cookie", cookie.encode("latin-1"))])
        if not self._valid(_cookies(headers.get("cookie", "")).get(self.cookie, "")):
            return await _answer(send, 403, _("open the address agreement edit printed (with its token)"))

        async def secured(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)
        return await self.app(scope, receive, secured)

    def _refusal(self, scope, headers: dict) -> str:
        if headers.get("host") not in self.hosts:
            return _("wrong server address (Host)")
        if scope["method"] not in ("GET", "HEAD", "POST"):
            return _("this kind of request is not taken (method)")
        if scope["method"] == "POST" and headers.get("origin") not in self.origins:
            return _("a request from another site is refused (Origin)")
        return ""

    def _valid(self, given: str) -> bool:
        return bool(given) and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))


def _cookies(header: str) -> dict[str, str]:
    """Return the cookies of a Cookie header by name.

    >>> _cookies("a=1; agreement-8000=xyz")
    {'a': '1', 'agreement-8000': 'xyz'}
    """
    found = {}
    for part in header.split(";"):
        name, _equals, value = part.strip().partition("=")
        found.setdefault(name, value)
    return found


async def _answer(send, status: int, text: str, headers: list | None = None) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(headers or []), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
