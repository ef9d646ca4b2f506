"""SCIP's default settings on the validation instances: the reference every choice is made
against, and the time caps of the solves after it.

Each validation instance is solved once with SCIP's default settings (what a user runs
without ``--learned``), through the benchmark's own configuration
(:class:`experiments.bench.configurations.ScipConfiguration`), under a cap that fits the
stage's allotment. The outcome sorts the instances, each case reported, none silent:

- **infeasible** (or unbounded): nothing to learn or compare; left out;
- **failed** (SCIP error): left out;
- **too hard** (hit the cap): left out of tuning, unless nothing else is left, then kept and
  counted at the cap;
- **solved at the root** (one node): kept, as settings and diving still count there, but
  learned branching cannot help them; when all are, branching has nothing to gain.

:attr:`Baseline.time_cap` caps every later solve on these instances: :data:`CAP_FACTOR` times
the slowest solved baseline, at least :data:`MIN_CAP`, at most the baseline's own cap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CAP_FACTOR",
    "MIN_CAP",
    "Baseline",
    "BaselineJob",
    "BaselineRun",
    "classify_baseline",
    "run_baseline",
    "solve_baseline",
]

#: A later solve may take this many times the slowest solved baseline before it is cut off.
CAP_FACTOR = 3.0
#: The shortest per-solve cap, in seconds (SCIP's start-up and presolve need some).
MIN_CAP = 1.0


@dataclass(frozen=True)
class BaselineRun:
    """SCIP's default on one instance."""

    time: float
    """Solving seconds (the cap when it was hit)."""
    status: str
    """SCIP's status (``optimal``, ``timelimit``, ``infeasible``, ... or ``error``)."""
    nodes: int
    """Branch-and-bound nodes."""
    primal_integral: float
    """Primal integral (seconds) against the best objective it found, over the cap."""
    objective: float | None = None
    """Best objective found (None: none)."""


@dataclass(frozen=True)
class BaselineJob:
    """One baseline solve (picklable, sent to a worker)."""

    instance: Path
    """The instance file."""
    seed: int
    """SCIP's seed."""
    time_limit: float
    """Cap in seconds."""


def solve_baseline(job: BaselineJob) -> BaselineRun:
    """Solve one instance with SCIP's default settings (a worker function)."""
    from experiments.bench.configurations import ScipConfiguration, SolveRequest
    from experiments.metrics import primal_integral

    result = ScipConfiguration(name="scip-default").solve(
        SolveRequest(instance=job.instance, seed=job.seed, time_limit=job.time_limit)
    )
    if result.status == "error":
        return BaselineRun(job.time_limit, "error", 0, job.time_limit)
    integral = primal_integral(result.primal_trajectory, result.objective, job.time_limit)
    return BaselineRun(
        time=min(float(result.time or 0.0), job.time_limit),
        status=result.status,
        nodes=int(result.nodes or 0),
        primal_integral=integral,
        objective=result.objective,
    )


@dataclass(frozen=True)
class Baseline:
    """SCIP's default on every validation instance, and what the fit does with each."""

    runs: Mapping[Path, BaselineRun]
    """``instance -> its run``, every validation instance."""
    cap: float
    """The per-solve cap the baseline ran under."""
    time_cap: float
    """Per-solve cap for later solves on these instances (tuning, gating)."""
    usable: tuple[Path, ...]
    """Instances tuning and gating use."""
    root_solved: tuple[Path, ...] = ()
    """Solved at the root: no branching to learn on them (kept)."""
    infeasible: tuple[Path, ...] = ()
    """Infeasible or unbounded (left out)."""
    too_hard: tuple[Path, ...] = ()
    """Hit the cap (left out, unless nothing else was left)."""
    failed: tuple[Path, ...] = ()
    """SCIP failed on them (left out)."""

    @property
    def branching_can_help(self) -> bool:
        """Whether any usable instance needs branching (is not solved at the root)."""
        return any(path not in self.root_solved for path in self.usable)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        lists = ("usable", "root_solved", "infeasible", "too_hard", "failed")
        return {
            "runs": {str(path): asdict(run) for path, run in self.runs.items()},
            "cap": self.cap,
            "time_cap": self.time_cap,
            **{name: [str(path) for path in getattr(self, name)] for name in lists},
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Baseline:
        """The baseline :meth:`to_json` wrote."""
        lists = ("usable", "root_solved", "infeasible", "too_hard", "failed")
        return cls(
            runs={Path(path): BaselineRun(**run) for path, run in record["runs"].items()},
            cap=float(record["cap"]),
            time_cap=float(record["time_cap"]),
            **{name: tuple(Path(path) for path in record[name]) for name in lists},
        )


def classify_baseline(
    runs: Mapping[Path, BaselineRun], cap: float, log: Callable[[str], None] = lambda line: None
) -> Baseline:
    """Sort the validation instances by their baseline runs (see the module docstring).

    Parameters
    ----------
    runs
        ``instance -> its run`` under ``cap``.
    cap
        The baseline's per-solve cap.
    log
        Receives one line per case found (which instances, what is done with them).
    """
    from solver.solution import NO_SOLUTION_STATUSES

    def where(test: Callable[[BaselineRun], bool]) -> tuple[Path, ...]:
        return tuple(sorted(path for path, run in runs.items() if test(run)))

    failed = where(lambda run: run.status == "error")
    infeasible = where(lambda run: run.status in NO_SOLUTION_STATUSES)
    too_hard = where(lambda run: run.status == "timelimit")
    root_solved = where(lambda run: run.status == "optimal" and run.nodes <= 1)
    left_out = set(failed) | set(infeasible)
    usable = tuple(path for path in sorted(runs) if path not in left_out | set(too_hard))
    _report(log, failed, "SCIP failed on it; left out")
    _report(log, infeasible, "infeasible or unbounded: nothing to compare; left out")
    if usable:
        _report(log, too_hard, f"not solved within the {cap:.1f} s cap: too hard; left out")
    else:
        usable = tuple(path for path in sorted(runs) if path not in left_out)
        _report(log, too_hard, f"not solved within the {cap:.1f} s cap; kept, counted at the cap")
    _report(log, root_solved, "solved at the root: no branching to learn; kept for the settings")
    solved = [run.time for path, run in runs.items() if path in usable and path not in too_hard]
    time_cap = min(cap, max(MIN_CAP, CAP_FACTOR * max(solved))) if solved else cap
    return Baseline(dict(runs), cap, time_cap, usable, root_solved, infeasible, too_hard, failed)


def _report(log: Callable[[str], None], paths: Sequence[Path], what: str) -> None:
    if paths:
        log(f"baseline: {len(paths)} validation instance(s) {what}: {_names(paths)}")


def _names(paths: Iterable[Path]) -> str:
    return ", ".join(path.name for path in paths)


def run_baseline(
    instances: Sequence[Path],
    cap: float,
    *,
    seed: int,
    workers: int = 1,
    ray_address: str | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> Baseline:
    """Solve ``instances`` with SCIP's default settings under ``cap`` seconds each, and sort them.

    Parameters
    ----------
    instances
        The validation instances.
    cap
        Seconds per solve.
    seed
        SCIP's seed of every solve.
    workers, ray_address
        Parallelism (:func:`experiments.executors.make_executor`).
    log
        Receives the lines of :func:`classify_baseline`.
    """
    from experiments.executors import make_executor

    if not math.isfinite(cap) or cap <= 0:
        raise ValueError(f"baseline cap must be a positive number of seconds, got {cap}")
    jobs = [BaselineJob(Path(path), seed, cap) for path in instances]
    runs: dict[Path, BaselineRun] = {}
    with make_executor(workers, ray_address) as executor:
        for outcome in executor.map_unordered(solve_baseline, jobs):
            if outcome.ok:
                runs[outcome.job.instance] = outcome.value
            else:
                log(f"baseline: {outcome.job.instance}: {outcome.error}")
                runs[outcome.job.instance] = BaselineRun(cap, "error", 0, cap)
    return classify_baseline(runs, cap, log)
