"""One function per command: data folder in, files out. No argument parsing here.

The functions live in a module per domain; this package is what the command line and the
tests call. Its modules import one another one way: packets, then people, years,
archives and handedits (hand edits carried back into the data), then batch.
"""

from generator.commands.archives import (
    ArchiveResult,
    accepted_words,
    font_build_needed,
    make_archive,
    pdf_copies,
    pdf_copies_many,
    print_note,
    refresh_output,
    verify,
)
from generator.commands.batch import BatchResult, build_batch, check_batch
from generator.commands.handedits import Absorbed, absorb
from generator.commands.handedits import reason as absorb_reason
from generator.commands.packets import (
    CHANGES,
    PROJECT_ROOT,
    BuildResult,
    build,
    default_templates,
    hand_edits,
    report,
    unit_folder,
    validate,
)
from generator.commands.people import StaffChange, staff_list, staff_replace, staff_set
from generator.commands.years import RolloverResult, make_rollover

__all__ = [
    "absorb", "absorb_reason", "Absorbed", "accepted_words", "ArchiveResult", "BatchResult", "build",
    "build_batch", "BuildResult", "CHANGES", "check_batch", "default_templates", "font_build_needed",
    "hand_edits", "make_archive", "make_rollover", "pdf_copies", "pdf_copies_many", "print_note", "PROJECT_ROOT",
    "refresh_output", "report", "RolloverResult", "staff_list", "staff_replace", "staff_set", "StaffChange",
    "unit_folder", "validate", "verify",
]
