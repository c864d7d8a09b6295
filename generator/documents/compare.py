"""A document as a clerk edited it, against the paragraphs the data makes (`trace`).

Paragraphs are compared as a person reads them. Each paragraph that differs is cut
into its changes, and each change is given to the one value whose printed text it
falls in; a change in template text, across two values, in a paragraph the clerk
added or removed, or in a table whose rows or cells changed, is said to be so.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.documents.trace import Traced

VALUE, TEMPLATE, SEVERAL, ADDED, REMOVED, UNTRACED, TABLE = (
    "value", "template", "several", "added", "removed", "untraced", "table")
_SIMILAR = 0.6   # -- how alike two paragraphs must read to be one paragraph edited --


@dataclass(frozen=True)
class Change:
    """One difference between the document and the data, at a paragraph of part `part`."""

    kind: str            # VALUE when one value's text changed; else why no value can take it
    part: str            # the output file the paragraph belongs to ("sheets/indicator-05.docx")
    where: tuple         # the paragraph's place in that part (after it, for an added paragraph)
    old: str             # as the data prints it: the value's text, or the whole paragraph
    new: str             # as the document reads now
    owner: tuple = ()    # for VALUE: the context path of the value
    after: str = ""      # for ADDED: the text of the paragraph it follows


def compare(expected: list[Traced], found: list[str]) -> list[Change]:
    """Return every difference between the data's paragraphs and the document's (`found`, as read)."""
    ours = [t for t in expected if t.text]
    theirs = [text for text in found if text]
    matcher = SequenceMatcher(None, [t.text for t in ours], theirs, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs, removed, added = _pair(ours[i1:i2], theirs[j1:j2])
        for traced, new, _index in pairs:
            changes += paragraph(traced, new)
        changes += [Change(REMOVED, t.part, t.where, t.text, "") for t in removed]
        for j, new in added:
            before = [(t, text) for t, text, k in pairs if k < j] or [(t, t.text) for t in ours[max(i1 - 1, 0):i1]]
            place, text = before[-1] if before else (ours[0] if ours else None, "")
            changes.append(Change(ADDED, place.part, place.where, "", new, after=text) if place
                           else Change(ADDED, "", (), "", new))
    return changes


def tables(expected: list[tuple[str, tuple]], found: list[tuple]) -> list[Change]:
    """Return a change for each table whose rows or cells differ (`expected`: part and shape)."""
    if len(expected) != len(found):
        return [Change(TABLE, "", (), str(len(expected)), str(len(found)))]
    changes = []
    for n, ((part, shape), other) in enumerate(zip(expected, found)):
        if shape != other:
            number = sum(1 for p, _ in expected[:n] if p == part)   # -- counted within its part --
            changes.append(Change(TABLE, part, ("table", number), _shape(shape), _shape(other)))
    return changes


def _shape(shape: tuple) -> str:
    """Return a table's shape as rows × cells.

    >>> _shape((2, 6, 6))
    '3×2–6'
    """
    low, high = min(shape, default=0), max(shape, default=0)
    return f"{len(shape)}×{low}" + (f"–{high}" if high != low else "")


def _pair(ours: list[Traced], theirs: list[str]):
    """Pair the paragraphs of two differing stretches: one for one when they are as many,
    else each of ours with the next of theirs that reads alike. Return the pairs (with the
    index of theirs), ours left over, and theirs left over (with their index)."""
    if len(ours) == len(theirs):
        return [(t, new, j) for j, (t, new) in enumerate(zip(ours, theirs))], [], []
    pairs, removed, used = [], [], 0
    for traced in ours:
        scores = [(SequenceMatcher(None, traced.text, new, autojunk=False).ratio(), j)
                  for j, new in enumerate(theirs[used:], used)]
        best = max(scores, key=lambda score: (score[0], -score[1]), default=(0.0, -1))
        if best[0] >= _SIMILAR:
            pairs.append((traced, theirs[best[1]], best[1]))
            used = best[1] + 1
        else:
            removed.append(traced)
    paired = {j for _, _, j in pairs}
    return pairs, removed, [(j, new) for j, new in enumerate(theirs) if j not in paired]


def paragraph(traced: Traced, new: str) -> list[Change]:
    """Return the changes from `traced` to `new`, each given to the value it falls in."""
    if not traced.traced:
        return [Change(UNTRACED, traced.part, traced.where, traced.text, new)]
    matcher = SequenceMatcher(None, traced.text, new, autojunk=False)
    ops = matcher.get_opcodes()
    owned: dict[object, list] = {}
    for op in ops:
        if op[0] != "equal":
            owned.setdefault(_owner(traced, op[1], op[2]), []).append(op)
    changes = []
    for owner in owned:
        if owner is None or owner == SEVERAL:
            kind = TEMPLATE if owner is None else SEVERAL
            changes.append(Change(kind, traced.part, traced.where, traced.text, new))
        else:
            old = "".join(c for c, o in zip(traced.text, traced.owners) if o == owner)
            changes.append(Change(VALUE, traced.part, traced.where, old, _new_value(traced, new, ops, owner),
                                  owner[0]))
    return changes


def _owner(traced: Traced, start: int, end: int):
    """Return who owns the text from `start` to `end`: a value, None (template) or SEVERAL.

    An insertion between a value and template text belongs to the value.
    """
    if start < end:
        owners = set(traced.owners[start:end])
        return owners.pop() if len(owners) == 1 else SEVERAL
    around = [traced.owners[i] for i in (start - 1, start) if 0 <= i < len(traced.owners)]
    return next((o for o in around if o is not None), None)


def _new_value(traced: Traced, new: str, ops: list, owner) -> str:
    """Return the document's text in place of `owner`'s value: its unchanged characters,
    and every change given to it."""
    text = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            text += [new[j1 + k - i1] for k in range(i1, i2) if traced.owners[k] == owner]
        elif _owner(traced, i1, i2) == owner:
            text.append(new[j1:j2])
    return "".join(text)
