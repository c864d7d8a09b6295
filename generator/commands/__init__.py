"""One function per command: data folder in, files out. No argument parsing here.

The functions live in a module per domain; this package is what the command line and the
tests call. Its modules import one another one way: packets, then people, years and
archives, then batch.
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
from generator.commands.batch import BatchResult, build_batch
from generator.commands.packets import (
                                         CHANGES,
                                         PROJECT_ROOT,
                                         BuildResult,
                                         build,
                                         default_templates,
                                         report,
                                         unit_folder,
                                         validate,
)
from generator.commands.people import StaffChange, staff_list, staff_replace, staff_set
from generator.commands.years import RolloverResult, make_rollover

__all__ = ["ArchiveResult", "BatchResult", "BuildResult", "CHANGES", "PROJECT_ROOT", "RolloverResult",
           "StaffChange", "accepted_words", "build", "build_batch", "default_templates", "font_build_needed",
           "make_archive", "make_rollover", "pdf_copies", "pdf_copies_many", "print_note", "refresh_output",
           "report", "staff_list", "staff_replace", "staff_set", "unit_folder", "validate", "verify"]
