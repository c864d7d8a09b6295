"""Numbers as a clerk writes them in running text; light enough for the command line to import."""

from __future__ import annotations


def ranges(numbers: list[int]) -> str:
    """Return indicator numbers as the runs a clerk writes.

    >>> ranges([5, 6, 7, 8, 10, 11, 3])
    '3, 5–8, 10–11'
    """
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
