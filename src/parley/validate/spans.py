"""What the span-level scorers (toponyms, time expressions) share: moving parley's spans
from the clean text back onto a gold record's text, and pairing them one to one.

parley's spans index `Document.text`, the clean text (straight quotes, one kind of space,
no invisible characters, a title block set apart), while gold offsets index the record's
text as given. `OffsetMap` aligns the two texts once (difflib, on characters) and maps
each clean offset to a gold offset. `pair` matches spans that overlap, each at most once,
as many as can be (TempEval-3's and Gritta et al.'s lenient, one-to-one match).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher


@dataclass(slots=True)
class OffsetMap:
    """Clean-text offsets → gold-text offsets. Equal texts map to themselves; otherwise
    the aligned blocks of the two texts map character for character, and an offset in
    text the other lacks maps to the edge of where it would be."""

    clean: str
    gold: str
    # Aligned blocks: clean start, gold start, length (difflib's matching blocks).
    blocks: list[tuple[int, int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.clean == self.gold:
            return
        self.blocks = aligned_blocks(self.clean, self.gold)
        self.starts = [a for a, _, _ in self.blocks]

    @property
    def identical(self) -> bool:
        return self.clean == self.gold

    def start(self, offset: int) -> int:
        """Where a span starting at clean `offset` starts in the gold text."""
        if self.identical:
            return offset
        at = bisect_right(self.starts, offset) - 1
        if at < 0:
            return 0
        a, b, n = self.blocks[at]
        if offset < a + n:
            return b + offset - a
        # inside a stretch only the clean text has: the next aligned character
        return self.blocks[at + 1][1] if at + 1 < len(self.blocks) else len(self.gold)

    def end(self, offset: int) -> int:
        """Where a span ending at clean `offset` (exclusive) ends in the gold text."""
        if self.identical or offset == 0:
            return offset
        last = offset - 1
        at = bisect_right(self.starts, last) - 1
        if at < 0:
            return 0
        a, b, n = self.blocks[at]
        if last < a + n:
            return b + last - a + 1
        return b + n  # after the last aligned character before it

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A clean `[start, end)` as gold offsets (never reversed)."""
        gold_start, gold_end = self.start(start), self.end(end)
        return gold_start, max(gold_start, gold_end)


_SHORT_GAP = 16  # characters either side may differ by before a wider search
_ANCHOR = 12  # characters that must agree to take up the alignment again


def aligned_blocks(clean: str, gold: str) -> list[tuple[int, int, int]]:
    """(clean start, gold start, length) of the stretches the two texts share, in order.

    Cleaning changes few characters (a curly quote made straight, an invisible one
    dropped, a paragraph set apart), so the texts are walked side by side: equal runs
    are taken whole, and where they part, the nearest point where the next `_ANCHOR`
    characters agree again resumes the walk (characters replaced by others are taken
    as aligned to them). Only where no such point is found does difflib align the
    rest: on characters it costs a second for a long article, the walk milliseconds."""
    blocks: list[tuple[int, int, int]] = []
    i = j = 0
    while i < len(clean) and j < len(gold):
        n = _common(clean, gold, i, j)
        if n:
            blocks.append((i, j, n))
            i, j = i + n, j + n
            continue
        resumed = _resume(clean, gold, i, j)
        if resumed is None:
            matcher = SequenceMatcher(None, clean[i:], gold[j:], autojunk=False)
            blocks += [(i + a, j + b, k) for a, b, k in matcher.get_matching_blocks() if k]
            break
        di, dj = resumed
        if di and dj:  # replaced (`’` → `'`; `é` → `e` + accent): aligned where it was
            blocks += _within(clean, gold, i, j, di, dj)
        i, j = i + di, j + dj
    return blocks


def _within(clean: str, gold: str, i: int, j: int, di: int, dj: int) -> list[tuple[int, int, int]]:
    """The aligned stretches of a short stretch each text has in its own way. Of equal
    length, character for character (`‘Cairo’` → `'Cairo'`); else (invisible characters
    dropped too: `“Japan”`) difflib on those few characters, and where they share
    none, the first characters are taken as aligned (one replaced by another)."""
    if di == dj:
        return [(i, j, di)]
    matcher = SequenceMatcher(None, clean[i : i + di], gold[j : j + dj], autojunk=False)
    found = [(i + a, j + b, k) for a, b, k in matcher.get_matching_blocks() if k]
    return found or [(i, j, 1)]


def _common(a: str, b: str, i: int, j: int) -> int:
    """How many characters `a[i:]` and `b[j:]` share at their start."""
    n, most = 0, min(len(a) - i, len(b) - j)
    while n + 64 <= most and a[i + n : i + n + 64] == b[j + n : j + n + 64]:
        n += 64  # whole chunks first: most of two near-equal texts is equal
    while n < most and a[i + n] == b[j + n]:
        n += 1
    return n


def _resume(a: str, b: str, i: int, j: int) -> tuple[int, int] | None:
    """The skips `(di, dj)`, fewest characters first, after which `a` and `b` agree for
    `_ANCHOR` characters (or to the end); None when no such point is near."""
    for total in range(1, 2 * _SHORT_GAP + 1):
        for di in range(max(0, total - _SHORT_GAP), min(total, _SHORT_GAP) + 1):
            dj = total - di
            if a[i + di : i + di + _ANCHOR] == b[j + dj : j + dj + _ANCHOR]:
                return di, dj  # (a shorter equal stretch: both texts end there)
    # a stretch one text lacks (a title block set apart): find the other side again
    anchor_a, anchor_b = a[i : i + 4 * _ANCHOR], b[j : j + 4 * _ANCHOR]
    in_b = b.find(anchor_a, j) if len(anchor_a) == 4 * _ANCHOR else -1
    in_a = a.find(anchor_b, i) if len(anchor_b) == 4 * _ANCHOR else -1
    options = [(0, in_b - j)] * (in_b >= 0) + [(in_a - i, 0)] * (in_a >= 0)
    return min(options, key=sum, default=None)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(gold: Sequence[tuple[int, int]], found: Sequence[tuple[int, int]]) -> dict[int, int]:
    """A largest one-to-one matching of overlapping spans: gold index → found index.
    Each gold span tries the found spans it shares most with first; a span taken is
    moved to another gold span when that frees it (augmenting paths), so one long span
    overlapping two short ones takes only one, and no pairing is lost to the order."""
    options = [
        sorted(
            (j for j, f in enumerate(found) if overlap(g, f)),
            key=lambda j: (-overlap(g, found[j]), j),
        )
        for g in gold
    ]
    owner: dict[int, int] = {}  # found index → gold index

    def assign(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        if options[i]:
            assign(i, set())
    return {i: j for j, i in owner.items()}
