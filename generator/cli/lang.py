"""The language of the command line: chosen anywhere, kept whole, click's own words included.

Help texts hold both languages: Thai, a form feed (``\\f``), then English. Click itself shows
only the part before the form feed; these classes show the part of the chosen language.
The language comes from ``--lang`` (before or after the command), else from the
environment variable AGREEMENT_LANG, else Thai. Click's own messages (usage errors,
headings) go through `errors.click_gettext`, where click calls gettext.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import sys

import click

from generator.errors import click_gettext, click_ngettext, language, set_language

ENV = "AGREEMENT_LANG"
LANGUAGES = ("th", "en")
# click appends "  [default: …]" after an option's help; it belongs to either language
_EXTRA = re.compile(r"(\s\s\[[^\]]*\])$")
CLICK_MODULES = ("core", "exceptions", "parser", "types", "decorators", "formatting", "termui",
                 "utils", "_termui_impl")


def pick(text: str) -> str:
    """Return the chosen language's part of a help text written as ``Thai\\fEnglish``.

    >>> pick("ภาษาของข้อความ\\fmessage language  [default: th]")
    'ภาษาของข้อความ  [default: th]'
    """
    thai, sep, english = text.partition("\f")
    if not sep:
        return text
    if language() == "en":
        return english.strip("\n")
    extra = _EXTRA.search(english)
    return thai.strip("\n") + (extra[1] if extra else "")


def chosen_language(args: list[str], environ=os.environ) -> str:
    """Return the language asked for by ``--lang`` anywhere in `args`, else by AGREEMENT_LANG.

    >>> chosen_language(["build", "--lang", "en"], {}), chosen_language(["build"], {ENV: "en"})
    ('en', 'en')
    >>> chosen_language(["--lang=en", "validate"], {ENV: "th"}), chosen_language([], {})
    ('en', 'th')
    """
    chosen = environ.get(ENV, "th")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    return chosen if chosen in LANGUAGES else "th"


def translate_click() -> None:
    """Send click's gettext calls to the project's catalog (click marks every message it prints)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = click_gettext
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)


LANG_OPTION = click.Option(
    ["--lang"], type=click.Choice(LANGUAGES), expose_value=False, is_eager=True,
    envvar=ENV, callback=_set_language,
    help=f"ภาษาของข้อความ th หรือ en (หรือตั้งตัวแปร {ENV}=en)\f"
         f"language of messages, th or en (or set {ENV}=en)")


class Localized:
    """Mixin for click commands: help in one language, and --lang accepted after the command."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        if not any(param.name == "lang" for param in params):
            params.insert(len(params) - 1, LANG_OPTION)
        return params

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # -- click caches the --help option with its text in the language of the first call --
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = click_gettext("Show this message and exit.")
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(pick(inspect.cleandoc(self.help)))

    def get_short_help_str(self, limit: int = 45) -> str:
        original = self.help
        self.help = pick(inspect.cleandoc(original)) if original else original
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = original

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(record[0], pick(record[1])) for param in self.get_params(ctx)
                if not isinstance(param, click.Argument)
                and (record := param.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section(click_gettext("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Command(Localized, click.Command):
    """A command whose help is shown in the chosen language."""


class Group(Localized, click.Group):
    """A group whose commands and subgroups are localized too."""

    command_class = Command
    group_class = type

    def main(self, args=None, **extra):
        """Choose the language before click parses anything, so its usage errors follow it."""
        args = list(sys.argv[1:] if args is None else args)
        set_language(chosen_language(args))
        translate_click()
        try:
            return super().main(args, **extra)
        finally:
            set_language("th")
