"""Progress for long runs: on a terminal only, silent when stderr is piped."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from parley.pipeline import Counters


class _Bar:
    """A transient rich progress bar: `label`, bar, done of total, a text of figures and
    time left; disabled (and cheap) when not on a terminal."""

    def __init__(
        self, console: Console, label: str, unit: str, total: int | None, enabled: bool
    ) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self._progress = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(f"{unit} · {{task.fields[stats]}}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._task = self._progress.add_task(label, total=total, stats="")

    def __enter__(self) -> Self:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(kind, exc, tb)

    def _rate(self, done: int) -> float:
        return done / max(time.monotonic() - self.started, 1e-6)

    def _show(self, completed: int, stats: str) -> None:
        self._progress.update(self._task, completed=completed, stats=stats)


class RunProgress(_Bar):
    """Files (or shards) done of total, documents/s, events, rejections and time left."""

    def __init__(
        self, console: Console, total: int | None, enabled: bool, unit: str = "files"
    ) -> None:
        super().__init__(console, "coding", unit, total, enabled)

    def update(self, done: int, total: int | None, counters: Counters) -> None:
        """Inputs done of `total` (unknown: None), with the run's figures."""
        if not self.enabled:
            return
        if total is not None:
            self._progress.update(self._task, total=total)
        stats = (
            f"{counters.documents} docs ({self._rate(counters.documents):.0f}/s) · "
            f"{counters.events} events · {counters.rejected} rejected"
        )
        self._show(done, stats)


class RowProgress(_Bar):
    """Rows written of total, rows/s and time left, for exports; on a terminal only."""

    def __init__(self, console: Console, what: str, total: int, enabled: bool) -> None:
        super().__init__(console, what, "rows", total, enabled)
        self._done = 0

    def advance(self, rows: int) -> None:
        if not self.enabled:
            return
        self._done += rows
        self._show(self._done, f"{self._rate(self._done):,.0f}/s")
