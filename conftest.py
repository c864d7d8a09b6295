"""Keep every test run away from the developer's own cache and state folders.

Set here, at the root, before anything is collected, so that the doctests in generator/
(run with or without tests/), the child processes the tests start (the kill tests, the
editor) and each pytest-xdist worker get them too. The workers share one cache, as the parallel
workers of a batch do (what one worker compiled or proofread is there for the other); each has a
state folder of its own. The cache starts cold;
AGREEMENT_TEST_CACHE names a folder to reuse, so that the suite can be run again warm.
"""

from __future__ import annotations

import os
import shutil
import tempfile

RUN = "AGREEMENT_TEST_RUN"   # -- the run's own folder, inherited by pytest-xdist's workers --
SAVED: dict[str, str | None] = {}
MADE: list[str] = []


def pytest_configure(config):
    SAVED.update({name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", RUN)})
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get(RUN):   # -- its controller made the cache: shared; the state is its own --
        os.environ["XDG_STATE_HOME"] = os.path.join(os.environ[RUN], f"state-{worker}")
        return
    MADE.append(tempfile.mkdtemp(prefix="pytest-own-folders-"))
    os.environ[RUN] = MADE[-1]
    os.environ["XDG_CACHE_HOME"] = os.environ.get("AGREEMENT_TEST_CACHE") or os.path.join(MADE[-1], "cache")
    os.environ["XDG_STATE_HOME"] = os.path.join(MADE[-1], "state")


def pytest_unconfigure(config):
    for name, value in SAVED.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    for folder in MADE:
        shutil.rmtree(folder, ignore_errors=True)
