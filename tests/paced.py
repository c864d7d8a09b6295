"""Run the command line holding each output file back until told to write it, for kill tests.

    python tests/paced.py build DATA_DIR -o OUT_DIR

Before each file is written into the staging folder it prints ``writing`` to stderr and
waits for a line on stdin, so a test knows how far the build got, and that it is still
running, when it kills it. Once stdin is closed, the build runs on without waiting.
"""

import sys

from generator.cli import main
from generator.store import output

_write_one = output._write_one


def _held(*args):
    print("writing", file=sys.stderr, flush=True)
    sys.stdin.readline()
    return _write_one(*args)


if __name__ == "__main__":
    output._write_one = _held
    sys.argv[0] = "agreement"
    main()
