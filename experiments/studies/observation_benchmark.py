"""Milliseconds per node observation of :class:`gnn.observation.NodeBipartite`, on one core.

Two scenarios, both on Gasse et al.'s Easy set cover (500 rows x 1000 columns, density 0.05):

- ``presolved``: SCIP's default settings; after presolve the LP has about 200-350 columns.
- ``full-lp``: presolving off, cuts on: the LP holds all 1000 columns, the 500 rows and the cuts.

A branching rule extracts the observation at every node it is called and lets SCIP branch; the
first extraction (which builds the caches) is reported apart from the others. Wall time is
``time.perf_counter``; CPU time is ``time.thread_time`` (the honest figure on a shared machine).
For comparison the same nodes also time PySCIPOpt's ``getBipartiteGraphRepresentation`` (its
nested lists only, not converted to arrays), and ``MilpBipartite`` is timed once at the root.

The mean can be far above the median: Python's garbage collector runs whenever allocations
pile up anywhere in the solve, and a full collection (100-200 ms with torch loaded) sometimes
falls inside a timed call; the JSON gives the figures without collector time as well.

Usage::

    python -m experiments.studies.observation_benchmark
    python -m experiments.studies.observation_benchmark --nodes 300 --seed 1 --out obs-bench.json

Everything (config, library versions, command, figures) is printed as JSON at the end and
written to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_RESULT

from experiments.studies import study_command
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["BenchmarkConfig", "ScenarioResult", "benchmark", "main"]


@dataclass(frozen=True)
class BenchmarkConfig:
    """What the observation benchmark measures."""

    nodes: int = 200
    """Number of node observations timed per scenario (also the solve's node limit)."""
    seed: int = 0
    """Seed of the generated set cover instance and of SCIP's random seeds."""
    scenarios: tuple[str, ...] = ("presolved", "full-lp")
    """Which scenarios to run: ``presolved`` and/or ``full-lp``."""
    compare_pyscipopt: bool = True
    """Also time ``getBipartiteGraphRepresentation`` at the same nodes."""
    pin_cpu: bool = True
    """Pin the process to one CPU core (``os.sched_setaffinity``) where the OS allows it."""


@dataclass
class ScenarioResult:
    """Timings of one scenario, in milliseconds."""

    name: str
    n_columns: int = 0
    n_lp_rows: int = 0
    n_constraint_sides: int = 0
    n_edges: int = 0
    first_call_wall_ms: float = 0.0
    first_call_cpu_ms: float = 0.0
    wall_ms: dict[str, float] = field(default_factory=dict)
    cpu_ms: dict[str, float] = field(default_factory=dict)
    cpu_ms_excluding_gc: dict[str, float] = field(default_factory=dict)
    calls_with_gc: int = 0
    with_to_data_cpu_ms: dict[str, float] = field(default_factory=dict)
    pyscipopt_lists_cpu_ms: dict[str, float] = field(default_factory=dict)
    milp_bipartite_cpu_ms: float = 0.0
    cache_statistics: dict[str, int] = field(default_factory=dict)
    n_runs: int = 0


def _summary(samples_s: Sequence[float]) -> dict[str, float]:
    values = np.asarray(samples_s, dtype=np.float64) * 1e3
    if values.size == 0:
        return {}
    return {
        "n": int(values.size),
        "median": round(float(np.median(values)), 4),
        "mean": round(float(values.mean()), 4),
        "p90": round(float(np.percentile(values, 90)), 4),
        "max": round(float(values.max()), 4),
    }


class _TimingRule(pyscipopt.Branchrule):
    """Times the observation at each node, then lets SCIP's own rules branch."""

    def __init__(self, on_node: Callable[[pyscipopt.Model], None]) -> None:
        self.on_node = on_node
        self.error: BaseException | None = None

    def branchexeclp(self, allowaddcons: bool) -> dict[str, Any]:
        try:
            self.on_node(self.model)
        except Exception as exc:  # a callback exception would abort the solve
            self.error = exc
            self.model.interruptSolve()
        return {"result": SCIP_RESULT.DIDNOTRUN}


def _build_instance(name: str, seed: int) -> pyscipopt.Model:
    from instances.generators import SetCover
    from solver.setup import SolveSetup, configure_model

    model = SetCover(n_rows=500, n_cols=1000, density=0.05).generate(rng=seed)
    model.hideOutput()
    configure_model(model, SolveSetup(seed=seed))
    if name == "full-lp":
        model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    elif name != "presolved":
        raise ValueError(f"unknown scenario {name!r}; choose from presolved, full-lp")
    return model


class _GarbageCollectionClock:
    """CPU time spent in Python's garbage collector (which runs whenever allocations pile up,
    also inside a timed extraction, for garbage made elsewhere in the solve)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.thread_time()
        else:
            self.seconds += time.thread_time() - self._start


def run_scenario(name: str, config: BenchmarkConfig) -> ScenarioResult:
    """Solve one instance under scenario ``name`` and time ``config.nodes`` observations."""
    from gnn.data import to_data
    from gnn.observation import MilpBipartite, NodeBipartite

    model = _build_instance(name, config.seed)
    observation = NodeBipartite()
    observation.before_reset(model)
    result = ScenarioResult(name=name)
    wall: list[float] = []
    cpu: list[float] = []
    with_to_data: list[float] = []
    lists: list[float] = []
    without_gc: list[float] = []
    gc_clock = _GarbageCollectionClock()

    def on_node(m: pyscipopt.Model) -> None:
        if len(wall) > config.nodes:
            m.interruptSolve()
            return
        gc_before = gc_clock.seconds
        wall_start, cpu_start = time.perf_counter(), time.thread_time()
        graph = observation.extract(m)
        cpu_end, wall_end = time.thread_time(), time.perf_counter()
        if graph is None:
            return
        gc_seconds = gc_clock.seconds - gc_before
        without_gc.append(cpu_end - cpu_start - gc_seconds)
        result.calls_with_gc += gc_seconds > 0
        to_data(graph)
        cpu_with_data = time.thread_time()
        wall.append(wall_end - wall_start)
        cpu.append(cpu_end - cpu_start)
        with_to_data.append(cpu_with_data - cpu_start)
        if len(wall) == 1:
            result.n_columns = graph.n_variables
            result.n_lp_rows = m.getNLPRows()
            result.n_constraint_sides = graph.n_constraints
            result.n_edges = graph.n_edges
            start = time.thread_time()
            MilpBipartite().extract(m)
            result.milp_bipartite_cpu_ms = round((time.thread_time() - start) * 1e3, 3)
        if config.compare_pyscipopt:
            start = time.thread_time()
            m.getBipartiteGraphRepresentation(suppress_warnings=True)
            lists.append(time.thread_time() - start)

    rule = _TimingRule(on_node)
    model.includeBranchrule(rule, "observation-timer", "times observations", 1_000_000, -1, 1.0)
    model.setParam("limits/nodes", config.nodes + 1)
    gc.collect()
    gc.callbacks.append(gc_clock)
    try:
        model.optimize()
    finally:
        gc.callbacks.remove(gc_clock)
    if rule.error is not None:
        raise rule.error
    if wall:
        result.first_call_wall_ms = round(wall[0] * 1e3, 3)
        result.first_call_cpu_ms = round(cpu[0] * 1e3, 3)
    result.wall_ms = _summary(wall[1:])
    result.cpu_ms = _summary(cpu[1:])
    result.cpu_ms_excluding_gc = _summary(without_gc[1:])
    result.with_to_data_cpu_ms = _summary(with_to_data[1:])
    result.pyscipopt_lists_cpu_ms = _summary(lists)
    result.cache_statistics = observation.statistics
    result.n_runs = model.getNRuns()
    model.freeProb()
    return result


def benchmark(config: BenchmarkConfig, argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run every scenario of ``config``; return config, versions, command and results.

    ``argv`` are the arguments the recorded command line names
    (:func:`experiments.studies.study_command`; default: this process's).
    """
    import torch

    torch.set_num_threads(1)
    pinned: list[int] | None = None
    if config.pin_cpu and hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        pinned = [core]
    results = [asdict(run_scenario(name, config)) for name in config.scenarios]
    return {
        "config": asdict(config),
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "pyscipopt": pyscipopt.__version__,
            "torch": torch.__version__,
        },
        "command": " ".join(study_command("experiments.studies.observation_benchmark", argv)),
        "pinned_cpus": pinned,
        "torch_threads": torch.get_num_threads(),
        "results": results,
    }


def _print_table(report: dict[str, Any]) -> None:
    print(f"NodeBipartite on Easy set cover, seed {report['config']['seed']}, one core (ms)")
    header = f"{'scenario':<10} {'cols':>5} {'sides':>6} {'edges':>6} {'first':>7} "
    header += f"{'median':>7} {'mean':>7} {'p90':>7} {'+to_data':>8} {'pyscipopt':>9}"
    print(header)
    for r in report["results"]:
        cpu = r["cpu_ms"]
        if not cpu:
            print(f"{r['name']:<10} no observation (solved before branching)")
            continue
        print(
            f"{r['name']:<10} {r['n_columns']:>5} {r['n_constraint_sides']:>6} {r['n_edges']:>6} "
            f"{r['first_call_cpu_ms']:>7.3f} {cpu['median']:>7.3f} {cpu['mean']:>7.3f} "
            f"{cpu['p90']:>7.3f} {r['with_to_data_cpu_ms'].get('median', float('nan')):>8.3f} "
            f"{r['pyscipopt_lists_cpu_ms'].get('median', float('nan')):>9.3f}"
        )
    print("(CPU time; first = first call, cache build; +to_data = median with to_data;")
    print(" pyscipopt = median of getBipartiteGraphRepresentation, lists only;")
    print(" the mean includes Python garbage collections that fell inside a call: see")
    print(" cpu_ms_excluding_gc and calls_with_gc in the JSON)")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.observation_benchmark",
        description="Time NodeBipartite per node on Easy set cover (one core).",
    )
    parser.add_argument("--nodes", type=int, default=BenchmarkConfig.nodes)
    parser.add_argument("--seed", type=int, default=BenchmarkConfig.seed)
    parser.add_argument(
        "--scenario",
        action="append",
        choices=("presolved", "full-lp"),
        help="scenario to run (repeatable; default both)",
    )
    parser.add_argument("--no-compare", action="store_true", help="skip the PySCIPOpt baseline")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU core")
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    args = parser.parse_args(argv)
    if args.nodes < 1:
        print(
            f"observation_benchmark: --nodes must be at least 1, got {args.nodes}", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    if args.seed < 0:
        print(
            f"observation_benchmark: --seed must be non-negative, got {args.seed}", file=sys.stderr
        )
        return EXIT_BAD_INPUT
    if args.out is not None and not args.out.parent.is_dir():
        print(f"observation_benchmark: {args.out}: folder does not exist", file=sys.stderr)
        return EXIT_BAD_INPUT
    config = BenchmarkConfig(
        nodes=args.nodes,
        seed=args.seed,
        scenarios=tuple(args.scenario) if args.scenario else BenchmarkConfig.scenarios,
        compare_pyscipopt=not args.no_compare,
        pin_cpu=not args.no_pin,
    )
    report = benchmark(config, argv=argv)
    _print_table(report)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
