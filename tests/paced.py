"""Run the command line with every output file's staging slowed down, for kill tests.

    python tests/paced.py build DATA_DIR -o OUT_DIR

Before each file is written into the staging folder it prints ``writing`` to stderr and
waits PACE seconds, so a test knows the build is still running when it kills it.
"""

import sys
import time

from generator.cli import main
from generator.store import output

PACE = 0.05
_write_one = output._write_one


def _paced(*args):
    print("writing", file=sys.stderr, flush=True)
    time.sleep(PACE)
    return _write_one(*args)


if __name__ == "__main__":
    output._write_one = _paced
    sys.argv[0] = "agreement"
    main()
