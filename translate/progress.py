"""Progress display for long jobs: rich bars on a terminal, plain log lines elsewhere, or none.

A reporter is told the amount of work up front (documents and bytes; the number of sentences
is only known once documents are segmented) and then advanced as documents finish. ETA is
estimated on bytes, which tracks sentences closely for prose.
"""

from __future__ import annotations

import sys
import time
from enum import Enum
from typing import TextIO


class Mode(str, Enum):
    auto = "auto"
    rich = "rich"
    plain = "plain"
    none = "none"


class Reporter:
    """Counts documents, sentences and bytes; subclasses display them. This one is silent."""

    def __init__(self, label: str = "batch") -> None:
        self.label = label
        self.documents = self.total_documents = 0
        self.sentences = 0
        self.bytes = self.total_bytes = 0
        self.failed = 0
        self.started = self._last = time.monotonic()

    def start(self, documents: int, total_bytes: int) -> None:
        self.total_documents, self.total_bytes = documents, max(total_bytes, 1)
        self.started = self._last = time.monotonic()

    def resize(self, total_bytes: int) -> None:
        """The amount of work turned out larger (or smaller) than said at :meth:`start`."""
        self.total_bytes = max(total_bytes, 1)
        self.show()

    def advance(self, documents: int, sentences: int, nbytes: int, failed: int = 0) -> None:
        self.documents += documents
        self.sentences += sentences
        self.bytes += nbytes
        self.failed += failed
        self.show()

    def rate(self) -> float:
        return self.sentences / max(time.monotonic() - self.started, 1e-9)

    def eta(self) -> float | None:
        if not self.bytes:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed * (self.total_bytes - self.bytes) / self.bytes

    def line(self) -> str:
        eta = self.eta()
        eta_text = "?" if eta is None else time.strftime("%H:%M:%S", time.gmtime(eta))
        failed = f" ({self.failed} failed)" if self.failed else ""
        return (f"{self.documents}/{self.total_documents} documents{failed}, {self.sentences} sentences, "
                f"{self.rate():.1f} sentences/s, ETA {eta_text}")

    def show(self) -> None:
        pass

    def stop(self) -> None:
        pass


class PlainReporter(Reporter):
    """One log line every ``interval`` seconds and at the end (for CI logs and pipes)."""

    def __init__(self, label: str = "batch", stream: TextIO | None = None, interval: float = 10.0) -> None:
        super().__init__(label)
        self.stream = stream or sys.stderr
        self.interval = interval

    def show(self) -> None:
        t = time.monotonic()
        if t - self._last >= self.interval:
            self._last = t
            print(f"{self.label}: {self.line()}", file=self.stream, flush=True)

    def stop(self) -> None:
        print(f"{self.label}: {self.line()}", file=self.stream, flush=True)


class RichReporter(Reporter):
    """A rich progress bar: documents, sentences, sentences/s and ETA."""

    def __init__(self, label: str = "batch") -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        super().__init__(label)
        self._progress = Progress(
            TextColumn(f"[bold]{label}"), BarColumn(),
            TextColumn("{task.fields[docs]}/{task.fields[total_docs]} documents"),
            TextColumn("{task.fields[sents]} sentences"), TextColumn("{task.fields[rate]} sent/s"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False)
        self._task = None

    def start(self, documents: int, total_bytes: int) -> None:
        super().start(documents, total_bytes)
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=self.total_bytes, docs=0, total_docs=documents,
                                             sents=0, rate="0.0")

    def show(self) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self.bytes, total=self.total_bytes, docs=self.documents,
                                  sents=self.sentences, rate=f"{self.rate():.1f}")

    def stop(self) -> None:
        self._progress.stop()


def reporter(mode: Mode | str, label: str = "batch") -> Reporter:
    mode = Mode(mode)
    if mode is Mode.auto:
        mode = Mode.rich if sys.stderr.isatty() else Mode.plain
    return {Mode.rich: RichReporter, Mode.plain: PlainReporter, Mode.none: Reporter}[mode](label)
