"""Gather every message users can see and keep the catalogues in step with the code.

    python tools/messages.py            # add new messages to each catalogue, mark gone ones obsolete
    python tools/messages.py --check    # exit 1 naming every message without a translation

Messages come from three places: ``_``, ``N_`` and ``ngettext`` in the package (Babel's
extractor), the help of every command and option of the command line, and click's own
messages (extracted from the installed click, which translates them through gettext).
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE  # noqa: E402

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def package_messages() -> dict[object, set[str]]:
    """Return the messages marked in the package's code, each with where it is used."""
    found: dict[object, set[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "generator"), method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
            keywords=KEYWORDS):
        found.setdefault(message, set()).add(f"generator/{filename}:{lineno}")
    return found


def help_messages() -> dict[object, set[str]]:
    """Return the help texts of every command and option of the command line."""
    from generator.cli import cli
    from generator.i18n import in_language

    found: dict[object, set[str]] = {}
    with in_language("en"):   # -- the help option's text is set in the language of the moment --
        commands = list(_commands(cli))
        params = {path: command.get_params(click.Context(command, info_name="agreement")) for path, command in commands}
    for path, command in commands:
        where = " ".join(("agreement", *path))
        if command.help:
            found.setdefault(inspect.cleandoc(command.help), set()).add(where)
        for param in params[path]:
            if getattr(param, "help", None):
                found.setdefault(param.help, set()).add(f"{where} {param.opts[0]}")
    return found


def _commands(group: click.Group, prefix=()):
    yield prefix, group
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        else:
            yield prefix + (name,), command


def click_messages() -> dict[object, set[str]]:
    """Return click's own messages (it marks them for gettext)."""
    folder = Path(click.__file__).parent
    found: dict[object, set[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords={"_": None, "ngettext": (1, 2)}):
        found.setdefault(message, set()).add(f"click/{filename}:{lineno}")
    return found


def all_messages() -> dict[object, set[str]]:
    """Return every message a user can see, with where each is used."""
    found: dict[object, set[str]] = {}
    for source in (package_messages(), help_messages(), click_messages()):
        for message, places in source.items():
            found.setdefault(message, set()).update(places)
    return found


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as file:
        return read_po(file, locale=lang)


def untranslated(lang: str, messages: dict[object, set[str]] | None = None) -> list[str]:
    """Return each message of the code that the catalogue of `lang` does not translate."""
    catalog, missing = read(lang), []
    for message in messages if messages is not None else all_messages():
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(msgid)
        strings = entry.string if entry is not None else None
        if entry is None or entry.fuzzy or not all(strings if isinstance(strings, tuple) else [strings]):
            missing.append(msgid)
    return sorted(missing)


def update(lang: str) -> None:
    """Add the code's new messages to the catalogue of `lang`, untranslated; keep the rest."""
    messages = all_messages()
    template = Catalog(domain=DOMAIN)
    for message, places in sorted(messages.items(), key=lambda item: str(item[0])):
        # -- files, not lines: the catalogue changes only when a message does --
        template.add(message, locations=sorted({(place.partition(":")[0], None) for place in places}))
    catalog = read(lang)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with catalogue_path(lang).open("wb") as file:
        write_po(file, catalog, width=100, sort_output=True, include_previous=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only list messages without a translation")
    args = parser.parse_args()
    failed = False
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        if not args.check:
            update(lang)
        for msgid in untranslated(lang):
            failed = True
            print(f"{lang}: no translation: {msgid!r}")
    sys.exit(1 if failed and args.check else 0)


if __name__ == "__main__":
    main()
