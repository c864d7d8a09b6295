"""The command line: `app` holds the group and its error boundary; a module per domain adds commands.

``agreement`` runs `main`; tests and ``python -m generator`` use `cli` the same way.
"""

from generator.cli import absorb, archive, build, data, edit, staff  # noqa: F401  (each adds its commands to `cli`)
from generator.cli.app import cli, main

__all__ = ["cli", "main"]
