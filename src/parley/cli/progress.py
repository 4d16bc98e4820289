"""Progress for long runs: on a terminal only, silent when stderr is piped."""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from parley.pipeline import Counters


class RunProgress:
    """Files done of total, documents/s, events, rejections and time left."""

    def __init__(self, console: Console, total_files: int | None, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self._progress = Progress(
            TextColumn("coding"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[stats]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._task = self._progress.add_task("code", total=total_files, stats="")

    def __enter__(self) -> RunProgress:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(kind, exc, tb)

    def update(self, files_done: int, counters: Counters) -> None:
        if not self.enabled:
            return
        rate = counters.documents / max(time.monotonic() - self.started, 1e-6)
        stats = (
            f"{counters.documents} docs ({rate:.0f}/s) · {counters.events} events · "
            f"{counters.rejected} rejected"
        )
        self._progress.update(self._task, completed=files_done, stats=stats)


class RowProgress:
    """Rows written of total, rows/s and time left, for exports; on a terminal only."""

    def __init__(self, console: Console, what: str, total: int, enabled: bool) -> None:
        self.enabled = enabled
        self._progress = Progress(
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("rows · {task.fields[rate]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._task = self._progress.add_task(what, total=total, rate="")
        self._started = time.monotonic()
        self._done = 0

    def __enter__(self) -> RowProgress:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(kind, exc, tb)

    def advance(self, rows: int) -> None:
        if not self.enabled:
            return
        self._done += rows
        rate = self._done / max(time.monotonic() - self._started, 1e-6)
        self._progress.update(self._task, completed=self._done, rate=f"{rate:,.0f}/s")
