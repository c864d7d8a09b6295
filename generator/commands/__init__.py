"""One function per command: data folder in, files out. No argument parsing here.

The functions live in a module per domain; this package is what the command line and the
tests call. Its modules import one another one way: packets, then people, years,
archives and handedits (hand edits carried back into the data), then batch.

A name is looked up in its module on first use (PEP 562), so a build loads neither the
archive's libraries nor the PDF path's: ``commands.build`` imports only ``packets``.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "archives": ("ArchiveResult", "accepted_words", "font_build_needed", "make_archive", "pdf_copies",
                 "pdf_copies_many", "print_note", "refresh_output", "verify"),
    "batch": ("BatchResult", "build_batch", "check_batch"),
    "handedits": ("Absorbed", "absorb"),
    "packets": ("CHANGES", "PROJECT_ROOT", "BuildResult", "build", "default_templates", "hand_edits", "report",
                "unit_folder", "validate"),
    "people": ("StaffChange", "staff_list", "staff_replace", "staff_set"),
    "years": ("RolloverResult", "make_rollover"),
}
_RENAMED = {"absorb_reason": ("handedits", "reason")}
_WHERE = {name: (module, name) for module, names in _HOMES.items() for name in names} | _RENAMED

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    """Return command function or result type `name` from its module, importing it now."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _WHERE[name]
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
