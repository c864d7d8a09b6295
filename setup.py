"""Compile the message catalogues (.po → .mo) with Babel whenever the package is built or installed.

Everything else about the package is in setup.cfg; this file only hooks the compilation
into setuptools' build_py, which `pip install` and `pip install -e` both run.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "generator" / "locale"


class BuildWithCatalogues(build_py):
    """build_py that first compiles every generator/locale/*/LC_MESSAGES/*.po beside itself."""

    def run(self):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source)
            with po.with_suffix(".mo").open("wb") as target:
                write_mo(target, catalog)
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
