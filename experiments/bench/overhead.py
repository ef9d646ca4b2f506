"""Measure the benchmark harness's own cost per run, excluding the solve.

Runs ``--runs`` jobs whose configuration returns at once (no solver), through the same path as
``neuralmip bench``: :func:`~experiments.bench.runner.run_job` in an executor's worker, then one
durable :meth:`~experiments.bench.store.ResultStore.append` per row. Prints, per run:

- ``worker``: submission to result minus the time inside ``solve`` (process start, pickling,
  result transfer, reaping);
- ``store``: the synced append of the row;
- ``total``: wall time of the whole loop divided by the number of runs (with one worker this is
  the full per-run overhead; with more, runs overlap).

Usage::

    python -m experiments.bench.overhead --runs 200 --workers 1
    python -m experiments.bench.overhead --runs 50 --ray auto
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.bench.configurations import SolveRequest, SolveResult
from experiments.bench.runner import RunJob, preload_run_modules, run_job
from experiments.bench.store import ResultStore
from experiments.executors import make_executor
from solver.exit_codes import EXIT_OK

__all__ = ["InstantConfiguration", "measure_overhead", "main"]


@dataclass(frozen=True)
class InstantConfiguration:
    """A configuration that solves nothing: returns a fixed result with a short trajectory."""

    name: str = "instant"
    """Name in the rows."""

    solver = "none"

    def describe(self) -> dict[str, Any]:
        return {"solver": self.solver, "name": self.name}

    def solve(self, request: SolveRequest) -> SolveResult:
        return SolveResult(
            status="optimal",
            objective=1.0,
            dual_bound=1.0,
            gap=0.0,
            nodes=1,
            time=0.0,
            primal_trajectory=((0.0, 2.0), (0.0, 1.0)),
            dual_trajectory=((0.0, 1.0),),
        )


def measure_overhead(
    runs: int, workers: int = 1, ray_address: str | None = None
) -> dict[str, float]:
    """Return mean/median/max worker overhead, mean store time and total time per run (s)."""
    preload_run_modules()
    jobs = [
        RunJob("overhead", f"job{index}", "/dev/null", InstantConfiguration(), 0, 1.0, "default")
        for index in range(runs)
    ]
    worker, store_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        store = ResultStore(Path(folder) / "results.jsonl")
        with make_executor(workers, ray_address) as executor:
            started = time.perf_counter()
            for outcome in executor.map_unordered(run_job, jobs):
                if not outcome.ok:
                    raise RuntimeError(outcome.error)
                row = outcome.value
                worker.append(outcome.elapsed - row["solve_wall_time"])
                before = time.perf_counter()
                store.append({**row, "harness_elapsed": outcome.elapsed})
                store_times.append(time.perf_counter() - before)
            total = time.perf_counter() - started
    return {
        "worker_mean": statistics.fmean(worker),
        "worker_median": statistics.median(worker),
        "worker_max": max(worker),
        "store_mean": statistics.fmean(store_times),
        "total_per_run": total / runs,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--ray", default=None, metavar="auto|ADDRESS")
    args = parser.parse_args(argv)
    figures = measure_overhead(args.runs, args.workers, args.ray)
    executor = f"Ray ({args.ray})" if args.ray else f"local processes x{args.workers}"
    print(f"harness overhead per run, {args.runs} runs, {executor}:")
    for name, value in figures.items():
        print(f"  {name:15s} {value * 1000:8.2f} ms")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
