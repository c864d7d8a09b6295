"""The one Jinja environment every template renders in: sandboxed, strict, autoescaping.

docxtpl hands Jinja each part's XML with ``from_string`` on every render. Each distinct
source is compiled once per process here, and its compiled code is kept between runs in
the cache folder with Jinja's own bytecode cache: compiling the four templates' parts
costs a build about 55 ms, loading them a few.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache

import jinja2
from jinja2 import FileSystemBytecodeCache, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from generator import cache_root, code_digest
from generator.text.memory import private_folder


class _Environment(SandboxedEnvironment):
    """The sandbox, compiling each distinct template source once per process."""

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        return self._compiled(source)

    @lru_cache(maxsize=64)  # noqa: B019 -- the one environment lives as long as the process
    def _compiled(self, source):
        return self.template_class.from_code(self, _code(self, source), self.make_globals(None), None)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """Return the one Jinja environment every template renders in."""
    return _Environment(undefined=StrictUndefined, autoescape=True)


class _Kept(FileSystemBytecodeCache):
    """Jinja's bytecode cache, an entry standing for its source under this Jinja and this code.

    Jinja checks an entry's Python version and the checksum recorded with it; the checksum
    here covers Jinja's version and the program's own code (which sets up the environment)
    besides the source, so an upgrade compiles again.
    """

    def get_source_checksum(self, source: str) -> str:
        return hashlib.sha256(f"{jinja2.__version__}\0{code_digest()}\0{source}".encode()).hexdigest()

    def load_bytecode(self, bucket) -> None:
        """Load the kept code; an entry Jinja cannot read (damaged, cut short) is no entry."""
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()


def _code(env: SandboxedEnvironment, source: str):
    """Return `source` compiled by `env`: kept from an earlier run, or compiled now and kept."""
    kept = _bytecode_cache()
    if kept is None:
        return env.compile(source)
    bucket = kept.get_bucket(env, hashlib.sha256(source.encode()).hexdigest(), None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        try:
            kept.set_bucket(bucket)
        except OSError:   # -- a cache that cannot be written is simply not used --
            pass
    return bucket.code


@lru_cache(maxsize=1)
def _bytecode_cache() -> FileSystemBytecodeCache | None:
    if os.environ.get("AGREEMENT_NO_CACHE"):
        return None
    folder = private_folder(cache_root() / "templates")
    return None if folder is None else _Kept(str(folder))
