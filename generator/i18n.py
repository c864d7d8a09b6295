"""The language of every message: gettext catalogues, Thai by default, English as written.

Messages are written in English in the code and marked with `_` (or `N_` where they are
only named, to be translated when shown); their translations live in
``generator/locale/<language>/LC_MESSAGES/agreement.po``, which Babel compiles to ``.mo``
when the package is built or installed (``setup.py``). The command line, the editor and
click's own messages read the same catalogue: click asks gettext's current domain, which
this module binds, in the language `set_language` chose. ``tools/messages.py`` gathers
the messages and updates the catalogues; ``tests/test_messages.py`` fails on a message
without its translation.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "agreement"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("th", "en")
SOURCE_LANGUAGE = "en"
_LANG = ["th"]


def _(message: str) -> str:
    """Return `message` in the chosen language.

    >>> with in_language("th"):
    ...     _("the whole packet: {packet_file}")
    'เอกสารทั้งเล่ม: {packet_file}'
    """
    return catalogue(_LANG[0]).gettext(message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (a table of messages)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the singular or plural form of a message in the chosen language."""
    return catalogue(_LANG[0]).ngettext(singular, plural, count)


def set_language(lang: str) -> None:
    """Choose the language of every message, click's included: ``th`` (default) or ``en``."""
    _LANG[0] = lang if lang in LANGUAGES else "th"
    # -- click translates with gettext's current domain, whose language comes from LANGUAGE --
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _LANG[0]


def language() -> str:
    """Return the language messages are in: ``th`` or ``en``."""
    return _LANG[0]


@contextlib.contextmanager
def in_language(lang: str):
    """Write messages in `lang` inside the block (records kept in Thai, say), then switch back."""
    saved = _LANG[0]
    set_language(lang)
    try:
        yield
    finally:
        set_language(saved)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """Return the translations of `lang`; English, the language messages are written in, needs none.

    A source checkout whose ``.po`` changed after it was compiled is read from the ``.po``
    itself (with Babel), so a stale ``.mo`` never shows an old message.
    """
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.is_file() and not (po.is_file() and po.stat().st_mtime > mo.stat().st_mtime):
        with mo.open("rb") as file:
            return gettext.GNUTranslations(file)
    return _from_po(po)


def _from_po(po: Path) -> gettext.NullTranslations:
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as file:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(file))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
