"""The language of the command line: chosen anywhere, kept whole, click's own words included.

Help texts are written in English and shown through the catalogues (`generator.i18n`),
in the language that comes from ``--lang`` (before or after the command), else from the
environment variable AGREEMENT_LANG, else Thai. Click translates its own messages (usage
errors, headings) with gettext, whose domain `i18n.set_language` binds to the same
catalogue.
"""

from __future__ import annotations

import inspect
import os
import re
import sys

import click

from generator.i18n import LANGUAGES, _, set_language

ENV = "AGREEMENT_LANG"
# click appends "  [default: …]" after an option's help; it is translated on its own
_EXTRA = re.compile(r"\s\s\[[^\]]*\]$")


def translated(text: str) -> str:
    """Return a help text in the chosen language, click's ``[default: …]`` kept at its end.

    >>> from generator.i18n import in_language
    >>> with in_language("th"):
    ...     translated("show tracebacks  [default: no]")
    'แสดง traceback เมื่อผิดพลาด  [default: no]'
    """
    extra = _EXTRA.search(text)
    core = text[:extra.start()] if extra else text
    return _(inspect.cleandoc(core)) + (extra[0] if extra else "")


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


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)


LANG_OPTION = click.Option(
    ["--lang"], type=click.Choice(LANGUAGES), expose_value=False, is_eager=True,
    envvar=ENV, callback=_set_language,
    help=f"language of messages, th or en (or set {ENV}=en)")


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
            option.help = _("Show this message and exit.")
        return option

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(translated(self.help))

    def get_short_help_str(self, limit: int = 45) -> str:
        original = self.help
        self.help = translated(original) if original else original
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help = original

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(record[0], translated(record[1])) for param in self.get_params(ctx)
                if not isinstance(param, click.Argument)
                and (record := param.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section(_("Options")):
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
        try:
            return super().main(args, **extra)
        finally:
            set_language("th")
