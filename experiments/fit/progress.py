"""The fit's one progress display on standard error: stage i/n, its time left, budget left.

On a terminal the status line is redrawn in place once a second; elsewhere (a log file) one
line is written when a stage starts and one when it ends. Lines the fit reports (skipped
files, warnings, decisions) are written above the status line. ``quiet`` keeps only those.
"""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from experiments.fit.budget import Budget, format_duration

__all__ = ["FitProgress"]


class FitProgress:
    """The progress display of one fit run.

    Parameters
    ----------
    budget
        The fit's budget (what is left is shown).
    n_stages
        Stages of the fit.
    quiet
        Show no progress, only the lines given to :meth:`note`.
    stream
        Where to write; default ``sys.stderr``.
    """

    def __init__(
        self, budget: Budget, n_stages: int, *, quiet: bool = False, stream: TextIO | None = None
    ) -> None:
        self.budget = budget
        self.n_stages = n_stages
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self._live = not quiet and self.stream.isatty()
        self._stage: tuple[int, str] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> FitProgress:
        if self._live:
            self._thread = threading.Thread(target=self._redraw_loop, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            self._clear()

    def status(self) -> str:
        """The status line: ``fit 3/11 collect_branching: 42s left of the stage, 12m05s of the
        budget``."""
        if self._stage is None:
            return f"fit: {format_duration(self.budget.left())} left of the budget"
        index, name = self._stage
        budget_left = format_duration(self.budget.left())
        if not self.budget.timed(name):
            return f"fit {index}/{self.n_stages} {name}: {budget_left} left of the budget"
        stage_left = format_duration(self.budget.stage_left(name))
        return (
            f"fit {index}/{self.n_stages} {name}: {stage_left} left of the stage, "
            f"{budget_left} of the budget"
        )

    def stage(self, index: int, name: str) -> None:
        """Show that stage ``name`` (``index`` of ``n_stages``, from 1) started."""
        with self._lock:
            self._stage = (index, name)
            if not self.quiet and not self._live:
                self.stream.write(self.status() + "\n")
                self.stream.flush()

    def finished(self, name: str, seconds: float, skipped: bool = False) -> None:
        """Show that stage ``name`` ended (``skipped``: it was done in an earlier run)."""
        what = "done in an earlier run" if skipped else f"done in {format_duration(seconds)}"
        self.note(f"{name}: {what}", progress=True)

    def note(self, line: str, *, progress: bool = False) -> None:
        """Write ``line`` above the status line (``progress``: left out when quiet)."""
        if progress and self.quiet:
            return
        with self._lock:
            self._clear()
            self.stream.write(line + "\n")
            self._draw()
            self.stream.flush()

    def _clear(self) -> None:
        if self._live:
            self.stream.write("\r\033[K")

    def _draw(self) -> None:
        if self._live:
            self.stream.write(self.status())

    def _redraw_loop(self) -> None:
        while not self._stop.wait(1.0):
            with self._lock:
                self._clear()
                self._draw()
                self.stream.flush()
