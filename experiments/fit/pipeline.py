"""Run a whole fit: every stage in order, within the budget, resumable.

The stages are :data:`experiments.fit.stages.OWN_STAGES` (discovery and split, baseline,
collection, training) followed by tuning, the gate, the model set's writing, the test and the
report, whose functions live in :mod:`experiments.fit.tuning`, :mod:`~experiments.fit.gate`,
:mod:`~experiments.fit.write`, :mod:`~experiments.fit.evaluate` and
:mod:`~experiments.fit.report` (imported when their stage runs). Each stage's outputs are
saved in the state (:mod:`experiments.fit.state`) when it ends; a resumed fit restores the
finished ones into the context and runs the rest.

``write_fit_report`` receives ``ctx.results``: each finished stage's outputs by stage name
(``discover``, ``baseline``, ``collect_branching``, ``collect_solutions``, ``train_branching``,
``train_diving``: JSON dicts; ``tune``, ``gate``, ``test``: the ``TuningResult``,
``GateDecision`` and ``TestResult``; ``write``: ``{"manifest": path}``), plus ``timings``
(stage -> seconds) and ``budget`` (``total_s``, ``spent_s``).
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.fit.budget import Budget
from experiments.fit.config import FitConfig, FitError
from experiments.fit.context import FitContext
from experiments.fit.progress import FitProgress
from experiments.fit.stages import OWN_STAGES, Stage
from experiments.fit.state import CLOCK_NAME, FitState, StageRecord, write_json_atomic

__all__ = ["CLOCK_PERIOD", "STAGES", "FitOutcome", "run_fit", "stage_names"]

#: Seconds between two records of the time spent (``clock.json``).
CLOCK_PERIOD = 5.0


def _function(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(f"experiments.fit.{module}"), name)


def _decoded(module: str, name: str, record: Any) -> Any:
    return _function(module, name).from_json(record)


def _tune(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    result = _function("tuning", "tune")(ctx, ctx.budget.stage_left("tune"))
    ctx.results["tune"] = result
    return {"result": result.to_json()}


def _gate(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    decision = _function("gate", "gate")(ctx.results["tune"])
    ctx.results["gate"] = decision
    return {"result": decision.to_json()}


def _write(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    manifest = _function("write", "write_model_set")(ctx, ctx.results["gate"])
    return {"manifest": str(manifest)}


def _test(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    result = _function("evaluate", "evaluate_test")(ctx, ctx.budget.stage_left("test"))
    ctx.results["test"] = result
    return {"result": result.to_json()}


def _report(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    ctx.results["budget"] = {"total_s": ctx.budget.total_s, "spent_s": ctx.budget.elapsed()}
    report = _function("report", "write_fit_report")(ctx, ctx.results)
    return {"report": str(report)}


def _restore_result(module: str, cls: str, name: str) -> Callable[[FitContext, Mapping], None]:
    def restore(ctx: FitContext, outputs: Mapping[str, Any]) -> None:
        ctx.results[name] = _decoded(module, cls, outputs["result"])

    return restore


#: Every stage of a fit, in order.
STAGES: tuple[Stage, ...] = (
    *OWN_STAGES,
    Stage(
        "tune", _tune, restore=_restore_result("tuning", "TuningResult", "tune"), leaves=("tuning",)
    ),
    Stage("gate", _gate, restore=_restore_result("gate", "GateDecision", "gate")),
    Stage("write", _write),
    Stage(
        "test", _test, restore=_restore_result("evaluate", "TestResult", "test"), leaves=("test",)
    ),
    Stage("report", _report),
)


def stage_names() -> tuple[str, ...]:
    """The names of :data:`STAGES`, in order."""
    return tuple(stage.name for stage in STAGES)


@dataclass(frozen=True)
class FitOutcome:
    """What a finished fit wrote."""

    out: Path
    """The model set folder."""
    report: Path | None
    """Its ``report.md`` (None when the report stage named none)."""
    seconds: float
    """Seconds the fit took, over all its runs."""
    timings: Mapping[str, float]
    """Seconds each stage took, over all its runs."""


def run_fit(config: FitConfig, *, quiet: bool = False, started: float | None = None) -> FitOutcome:
    """Run (or resume) the fit of ``config``.

    Parameters
    ----------
    config
        What to fit, where, in how long.
    quiet
        No progress display; only the lines a user must see (skipped files, warnings).
    started
        The ``time.monotonic()`` instant this run's time counts from; None (default): now.

    Returns
    -------
    FitOutcome

    Raises
    ------
    experiments.fit.config.FitError
        Bad input (before any work where it can be known then): exit 2.
    KeyboardInterrupt
        Ctrl-C; the state is saved first, so ``--resume`` continues.
    OSError
        A write failed (a full disk: ``errno.ENOSPC``); the state holds every finished stage.
    """
    state = FitState.open(config)
    if config.redo_from is not None:
        _forget_from(state, config.work, config.redo_from)
    now = time.monotonic() if started is None else started
    budget = Budget(config.budget_s, state.spent_s, config.shares, started=now)
    pending = [name for name in stage_names() if not state.done(name)]
    if pending:  # a finished fit, resumed, has nothing left to spend time on
        budget.check(pending, resumed=bool(state.stages))
    with FitProgress(budget, len(STAGES), quiet=quiet) as progress, _Clock(budget, config.work):
        ctx = FitContext(config, config.out, config.work, budget, log=progress.note)
        try:
            for index, stage in enumerate(STAGES, start=1):
                _run_stage(ctx, state, stage, index, progress)
        finally:
            if state.done("discover"):  # before that, there is nothing to resume
                state.spent_s = budget.elapsed()
                _save_quietly(state, config.work)
    report = state.stages["report"].outputs.get("report")
    timings = {name: record.seconds for name, record in state.stages.items()}
    return FitOutcome(config.out, Path(report) if report else None, budget.elapsed(), timings)


def _forget_from(state: FitState, work: Path, stage: str) -> None:
    """Mark ``stage`` and every later stage as not run, and remove what they left in ``work``
    (:attr:`Stage.leaves`), so that they run again from scratch.

    Raises
    ------
    FitError
        For a name that is not a stage.
    """
    names = stage_names()
    if stage not in names:
        raise FitError(f"--redo-from {stage!r}: expected one of {', '.join(names)}")
    for redone in STAGES[names.index(stage) :]:
        state.stages.pop(redone.name, None)
        for relative in redone.leaves:
            path = work / relative
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


class _Clock:
    """Records the seconds the fit has spent in ``work/clock.json`` every :data:`CLOCK_PERIOD`
    seconds, once ``work`` exists, so that a fit killed mid-stage resumes with them counted."""

    def __init__(self, budget: Budget, work: Path) -> None:
        self.budget = budget
        self.work = work
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> _Clock:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(CLOCK_PERIOD):
            if self.work.is_dir():
                with contextlib.suppress(OSError):  # a full disk is the main thread's to report
                    write_json_atomic(self.work / CLOCK_NAME, {"spent_s": self.budget.elapsed()})


def _save_quietly(state: FitState, work: Path) -> None:
    """Save the state on the way out; a failure here must not hide the one that got here."""
    with contextlib.suppress(OSError):
        state.save(work)


def _run_stage(
    ctx: FitContext, state: FitState, stage: Stage, index: int, progress: FitProgress
) -> None:
    """Run one stage (or restore it when an earlier run finished it) and save the state."""
    record = state.stages.get(stage.name)
    if record is not None and record.status == "done":
        stage.restore(ctx, record.outputs)
        ctx.results.setdefault(stage.name, record.outputs)
        ctx.results.setdefault("timings", {})[stage.name] = record.seconds
        progress.finished(stage.name, record.seconds, skipped=True)
        return
    remaining = [s.name for s in STAGES[index - 1 :] if not state.done(s.name)]
    seconds = ctx.budget.start_stage(stage.name, remaining)
    progress.stage(index, stage.name)
    if record is None:
        record = StageRecord(params=stage.plan(ctx, seconds))
        state.stages[stage.name] = record
        if record.params:  # fixed now, so that a resumed stage asks for the same work
            state.spent_s = ctx.budget.elapsed()
            state.save(ctx.work)
    started = time.monotonic()
    try:
        outputs = stage.run(ctx, record.params)
    finally:
        record.seconds += time.monotonic() - started
    record.outputs, record.status = outputs, "done"
    ctx.results.setdefault(stage.name, outputs)
    ctx.results.setdefault("timings", {})[stage.name] = record.seconds
    state.spent_s = ctx.budget.elapsed()
    state.save(ctx.work)
    progress.finished(stage.name, record.seconds)
