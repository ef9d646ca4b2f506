"""Benchmark of batched GNN inference: ``python -m experiments.studies.serving_benchmark``.

Three measurements, printed and written as JSON (with the config, library versions and command):

(a) ``throughput``: latency and graphs per second of one batched forward pass (collation,
    transfer and scores' way back included) against the batch size, on the CPU and on CUDA when
    present, for a small graph and a Gasse "easy" set cover sized graph; plus the time the
    in-process server and the process server add to one request over a direct call.
(b) ``end_to_end``: N concurrent learned solves (threads with ``optimizeNogil``, or processes),
    each on its own set cover instance under a node limit, with one shared server against each
    worker doing its own inference on the CPU: wall time and nodes per second.
(c) ``race``: ``solver.racing.race`` on one instance with threads against processes.

The model is a shipped whole-graph GCNN checkpoint (``solver/models/*.pt``) when one loads, else
a randomly initialised :class:`gnn.models.GCNNPolicy` (inference cost does not depend on
weights); the shipped models are hybrids, whose served form (the encoder, once per solve) is
measured by :mod:`experiments.studies.gpu_check`, the one-shot GPU check of this issue. Sized to finish
within 10 minutes on a 16-core machine with one GPU with ``--workers 1 4 16``; the defaults suit
a 2-core machine.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
import torch
from torch import nn

from experiments.studies import study_command
from gnn.checkpoint import CheckpointError, library_versions, load_checkpoint
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.graph import BipartiteGraph
from gnn.models import GCNNPolicy
from gnn.observation import NodeBipartite
from gnn.policy import GraphScorer, ModelScorer, ScorerPolicy
from gnn.serving import (
    InferenceServer,
    ProcessInferenceServer,
    ServerAddress,
    ServerConfig,
    score_batch,
)
from instances.generators.setcover import SetCover
from solver.branching import include_learned_branching
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from solver.plugins import SHIPPED_MODELS_DIR
from solver.racing import RACE_SETUP, RaceBackend, race
from solver.settings import ParamSetting
from solver.setup import SolveSetup, configure_model

__all__ = ["BRANCHING_HEAVY", "ServingBenchmarkConfig", "branching_heavy", "run_benchmark", "main"]


@dataclass(frozen=True)
class ServingBenchmarkConfig:
    """What the serving benchmark measures."""

    cpu_batch_sizes: tuple[int, ...] = (1, 2, 4, 8, 16)
    """Batch sizes of (a) on the CPU."""
    cuda_batch_sizes: tuple[int, ...] = (1, 4, 16, 64, 256)
    """Batch sizes of (a) on CUDA."""
    graph_sizes: tuple[tuple[int, int, int], ...] = ((50, 100, 500), (500, 1000, 25_000))
    """``(constraints, variables, edges)`` of the graphs of (a)."""
    cpu_threads: int = 1
    """Torch intra-op threads for the CPU timings (the solver workers own the other cores)."""
    repeats: int = 7
    """Timed repetitions per point of (a) (the median is reported), after one warm-up."""
    overhead_requests: int = 300
    """Requests timed per path for the added-latency measurement of (a)."""
    workers: tuple[int, ...] = (1, 2)
    """Numbers of concurrent solves in (b)."""
    backends: tuple[str, ...] = ("threads", "processes")
    """How the workers of (b) and (c) run: threads (``optimizeNogil``), processes, or both."""
    set_cover: tuple[int, int, float] = (400, 800, 0.05)
    """Rows, columns and density of the set cover instances of (b) and (c)."""
    node_limit: int = 150
    """Node limit of each solve in (b) (same work for every mode)."""
    solve_time_limit: float = 60.0
    """Time limit of each solve in (b) and (c), seconds (a guard)."""
    time_budget_s: float = 480.0
    """Measurements of (b) and (c) not started within this many seconds of the start are
    skipped (and listed as skipped), so that the whole run stays near 10 minutes."""
    rounds: int = 1
    """Repetitions of each measurement of (b), interleaved; medians are reported."""
    race_workers: int = 2
    """Workers of the race in (c)."""
    seed: int = 0
    """Seed of the instances and graphs."""
    skip: tuple[str, ...] = ()
    """Sections to skip: any of "throughput", "end_to_end", "race"."""


# -- the model ---------------------------------------------------------------------------------


def load_branching_model() -> tuple[nn.Module, str]:
    """The shipped branching model if one loads, else a random GCNNPolicy; and its origin."""
    for path in sorted(SHIPPED_MODELS_DIR.glob("*/*.pt")):
        try:
            model = load_checkpoint(path).model
        except CheckpointError:
            continue
        if isinstance(model, GCNNPolicy):
            return model.eval(), str(path)
    return GCNNPolicy().eval(), "random GCNNPolicy (no shipped GCNN checkpoint)"


def _load_model_in_server() -> nn.Module:
    """Picklable model factory for the server process."""
    return load_branching_model()[0]


def random_graph(
    rng: np.random.Generator, n_constraints: int, n_variables: int, n_edges: int
) -> BipartiteGraph:
    """A graph with the node observation's widths and uniformly random edges."""
    edge_index = np.stack(
        [rng.integers(n_constraints, size=n_edges), rng.integers(n_variables, size=n_edges)]
    ).astype(np.int64)
    return BipartiteGraph(
        constraint_features=rng.random((n_constraints, len(ConstraintFeature)), dtype=np.float32),
        edge_index=edge_index,
        edge_features=rng.random((n_edges, len(EdgeFeature)), dtype=np.float32),
        variable_features=rng.random((n_variables, len(VariableFeature)), dtype=np.float32),
    )


def _median_seconds(call: Callable[[], object], repeats: int) -> float:
    call()  # warm-up
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# -- (a) throughput and added latency ----------------------------------------------------------


def _batched_call(
    model: nn.Module,
    graphs: list[BipartiteGraph],
    candidates: list[np.ndarray],
    device: torch.device,
) -> Callable[[], object]:
    return lambda: score_batch(model, graphs, candidates, device)


def measure_throughput(config: ServingBenchmarkConfig, model: nn.Module) -> dict[str, Any]:
    rng = np.random.default_rng(config.seed)
    torch.set_num_threads(config.cpu_threads)
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    points = []
    for device in devices:
        device_model = copy.deepcopy(model).to(device).eval()
        batch_sizes = config.cuda_batch_sizes if device.type == "cuda" else config.cpu_batch_sizes
        for n_constraints, n_variables, n_edges in config.graph_sizes:
            graphs = [
                random_graph(rng, n_constraints, n_variables, n_edges)
                for _ in range(max(batch_sizes))
            ]
            candidates = [np.arange(min(n_variables, 100)) for _ in graphs]
            for size in batch_sizes:
                seconds = _median_seconds(
                    _batched_call(device_model, graphs[:size], candidates[:size], device),
                    config.repeats,
                )
                point = {
                    "device": str(device),
                    "graph": [n_constraints, n_variables, n_edges],
                    "batch_size": size,
                    "latency_ms": 1e3 * seconds,
                    "graphs_per_s": size / seconds,
                }
                points.append(point)
                print(
                    f"  (a) {device.type:4s} graph {n_constraints}x{n_variables}x{n_edges:<6d} "
                    f"batch {size:4d}: {1e3 * seconds:8.2f} ms, {size / seconds:8.1f} graphs/s"
                )
    return {"points": points, "added_latency": measure_added_latency(config, model, rng)}


def measure_added_latency(
    config: ServingBenchmarkConfig, model: nn.Module, rng: np.random.Generator
) -> dict[str, Any]:
    """Median time per request: direct call, in-process server, process server (CPU)."""
    n_constraints, n_variables, n_edges = config.graph_sizes[0]
    graph = random_graph(rng, n_constraints, n_variables, n_edges)
    candidates = np.arange(min(n_variables, 20))
    cpu = torch.device("cpu")
    cpu_config = ServerConfig(device="cpu", request_timeout_s=30.0)
    threads_before = torch.get_num_threads()
    torch.set_num_threads(1)  # the same intra-op threads for every path
    try:
        paths: dict[str, Callable[[], object]] = {
            "direct": lambda: score_batch(model, [graph], [candidates], cpu)
        }
        results: dict[str, float] = {}
        with InferenceServer(copy.deepcopy(model), cpu_config) as server, server.client() as client:
            paths["in_process_server"] = lambda: client.score(graph, candidates)
            # Interleave the paths so that load from elsewhere on the machine hits all alike.
            samples: dict[str, list[float]] = {name: [] for name in paths}
            for call in paths.values():
                call()
            for _ in range(config.overhead_requests):
                for name, call in paths.items():
                    started = time.perf_counter()
                    call()
                    samples[name].append(time.perf_counter() - started)
        with ProcessInferenceServer(copy.deepcopy(model), cpu_config) as process_server:
            with process_server.client() as process_client:
                process_client.score(graph, candidates)
                samples["process_server"] = []
                for _ in range(config.overhead_requests):
                    started = time.perf_counter()
                    process_client.score(graph, candidates)
                    samples["process_server"].append(time.perf_counter() - started)
    finally:
        torch.set_num_threads(threads_before)
    for name, values in samples.items():
        results[f"{name}_ms"] = 1e3 * statistics.median(values)
    results["in_process_added_ms"] = results["in_process_server_ms"] - results["direct_ms"]
    results["process_added_ms"] = results["process_server_ms"] - results["direct_ms"]
    results["graph"] = list(config.graph_sizes[0])
    print(
        "  (a) per request, median: direct {direct_ms:.3f} ms, in-process server "
        "{in_process_server_ms:.3f} ms (+{in_process_added_ms:.3f}), process server "
        "{process_server_ms:.3f} ms (+{process_added_ms:.3f})".format(**results)
    )
    return results


class _Budget:
    """Skips measurements once the run's time budget is spent, and lists what it skipped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.skipped: list[str] = []

    def spent(self, what: str) -> bool:
        if time.monotonic() - self.started <= self.seconds:
            return False
        self.skipped.append(what)
        print(f"  skipped (time budget of {self.seconds:.0f} s spent): {what}")
        return True


# -- (b) end to end ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _SolveJob:
    """One learned solve of (b); picklable for worker processes."""

    instance: str
    seed: int
    node_limit: int
    time_limit: float
    server: ServerAddress | None


#: Heuristics and cuts off: the search is mostly branching, where inference is spent.
BRANCHING_HEAVY = SolveSetup(
    heuristics=ParamSetting.OFF,
    scip_params={"separating/maxrounds": 0, "separating/maxroundsroot": 0},
)


def branching_heavy(
    base: SolveSetup = BRANCHING_HEAVY, *, node_limit: int | None = None, **fields: Any
) -> SolveSetup:
    """``base`` with :data:`BRANCHING_HEAVY`'s settings, a node limit and ``fields`` (seed,
    time limit, ...) of :class:`solver.setup.SolveSetup`."""
    params = {**base.scip_params, **BRANCHING_HEAVY.scip_params}
    if node_limit is not None:
        params["limits/nodes"] = node_limit
    return replace(base, heuristics=BRANCHING_HEAVY.heuristics, scip_params=params, **fields)


def _learned_solve(job: _SolveJob, scorer: GraphScorer) -> dict[str, float]:
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(job.instance)
    setup = branching_heavy(node_limit=job.node_limit, seed=job.seed, time_limit=job.time_limit)
    configure_model(model, setup)
    rule = include_learned_branching(model, ScorerPolicy(scorer), observation=NodeBipartite())
    started = time.perf_counter()
    model.optimizeNogil()
    seconds = time.perf_counter() - started
    result = {
        "nodes": float(model.getNNodes()),
        "seconds": seconds,
        "learned_nodes": float(rule.n_branched),
        "fallbacks": float(rule.n_fallbacks),
    }
    model.free()  # freeProb() would leak a model that has Python plugins
    return result


def _learned_solve_in_process(job: _SolveJob) -> dict[str, float]:
    torch.set_num_threads(1)
    if job.server is not None:
        with job.server.client() as client:
            return _learned_solve(job, client)
    return _learned_solve(job, ModelScorer(load_branching_model()[0]))


def _run_threads(
    jobs: Sequence[_SolveJob], scorers: Sequence[GraphScorer]
) -> list[dict[str, float]]:
    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(_learned_solve, jobs, scorers))


def _run_processes(jobs: Sequence[_SolveJob]) -> list[dict[str, float]]:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(len(jobs), mp_context=context) as pool:
        return list(pool.map(_learned_solve_in_process, jobs))


def _run_mode(
    config: ServingBenchmarkConfig,
    model: nn.Module,
    instances: Sequence[str],
    n_workers: int,
    backend: str,
    mode: str,
) -> dict[str, Any]:
    """One measurement of (b): ``n_workers`` learned solves in one mode."""
    jobs = [
        _SolveJob(instances[i], i, config.node_limit, config.solve_time_limit, None)
        for i in range(n_workers)
    ]
    server_config = ServerConfig(
        device="cuda" if mode == "shared_cuda" else "cpu", request_timeout_s=30.0
    )
    started = time.perf_counter()
    metrics = None
    if backend == "threads":
        if mode == "independent_cpu":
            results = _run_threads(jobs, [ModelScorer(copy.deepcopy(model)) for _ in jobs])
        else:
            with InferenceServer(copy.deepcopy(model), server_config) as server:
                clients = [server.client() for _ in jobs]
                results = _run_threads(jobs, clients)
                for client in clients:
                    client.close()
                metrics = server.metrics()
    elif mode == "independent_cpu":
        results = _run_processes(jobs)
    else:
        with ProcessInferenceServer(_load_model_in_server, server_config) as server:
            started = time.perf_counter()  # the server's start-up is not solving
            jobs = [
                _SolveJob(j.instance, j.seed, j.node_limit, j.time_limit, server.address)
                for j in jobs
            ]
            results = _run_processes(jobs)
            metrics = server.metrics()
    wall = time.perf_counter() - started
    nodes = sum(r["nodes"] for r in results)
    slowest = max(r["seconds"] for r in results)
    row = {
        "workers": n_workers,
        "backend": backend,
        "mode": mode,
        "wall_s": wall,
        "slowest_solve_s": slowest,
        "nodes": nodes,
        "nodes_per_s": nodes / slowest,
        "learned_nodes": sum(r["learned_nodes"] for r in results),
        "fallbacks": sum(r["fallbacks"] for r in results),
        "server": metrics.to_dict() if metrics is not None else None,
    }
    batch = f", mean batch {metrics.mean_batch_size:.2f}" if metrics else ""
    print(
        f"  (b) {n_workers:2d} workers, {backend:9s} {mode:15s}: slowest solve {slowest:7.2f} s, "
        f"{nodes / slowest:8.1f} nodes/s, wall {wall:7.2f} s, "
        f"fallbacks {row['fallbacks']:.0f}{batch}"
    )
    return row


def measure_end_to_end(
    config: ServingBenchmarkConfig, model: nn.Module, instances: Sequence[str], budget: _Budget
) -> dict[str, Any]:
    modes = ["independent_cpu", "shared_cpu"] + (
        ["shared_cuda"] if torch.cuda.is_available() else []
    )
    torch.set_num_threads(1)  # one core per worker, whoever runs the model
    runs = []
    summary = []
    for n_workers in config.workers:
        for backend in config.backends:
            # Rounds interleave the modes, so load from elsewhere on the machine hits all alike.
            by_mode: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
            for _ in range(config.rounds):
                for mode in modes:
                    if budget.spent(f"(b) {n_workers} workers, {backend}, {mode}"):
                        continue
                    row = _run_mode(config, model, instances, n_workers, backend, mode)
                    runs.append(row)
                    by_mode[mode].append(row)
            if not all(by_mode.values()):
                continue
            baseline = statistics.median(r["slowest_solve_s"] for r in by_mode["independent_cpu"])
            for mode, rows in by_mode.items():
                median = statistics.median(r["slowest_solve_s"] for r in rows)
                summary.append(
                    {
                        "workers": n_workers,
                        "backend": backend,
                        "mode": mode,
                        "median_slowest_solve_s": median,
                        "median_nodes_per_s": statistics.median(r["nodes_per_s"] for r in rows),
                        "time_vs_independent": median / baseline,
                    }
                )
                print(
                    f"  (b) summary {n_workers:2d} workers, {backend:9s} {mode:15s}: median "
                    f"{median:7.2f} s, {median / baseline:5.2f}x the independent workers' time"
                )
    return {"runs": runs, "summary": summary}


# -- (c) race backends ------------------------------------------------------------------------


def _learned_race_setup(model: pyscipopt.Model, worker: int, scorer: GraphScorer | None) -> None:
    if scorer is not None:
        include_learned_branching(model, ScorerPolicy(scorer), observation=NodeBipartite())


def measure_race(
    config: ServingBenchmarkConfig,
    model: nn.Module,
    trained: bool,
    instance: str,
    budget: _Budget,
) -> list[dict[str, Any]]:
    """Race threads against processes; workers branch with the model only when it is trained
    (a random model's branching makes the race a test of patience, not of the machinery)."""
    rows = []
    server_config = ServerConfig(device="cpu", request_timeout_s=30.0)
    setup = _learned_race_setup if trained else None
    solve_setup = replace(RACE_SETUP, time_limit=config.solve_time_limit)
    if trained:
        solve_setup = branching_heavy(solve_setup)
    for backend_name in config.backends:
        if budget.spent(f"(c) race, {backend_name}"):
            continue
        backend = RaceBackend(backend_name)
        options: dict[str, Any] = {
            "setup": setup,
            "solve_setup": solve_setup,
            "backend": backend,
        }
        started = time.perf_counter()
        if not trained:
            result = race(instance, config.race_workers, **options)
        elif backend is RaceBackend.THREADS:
            with InferenceServer(copy.deepcopy(model), server_config) as server:
                result = race(instance, config.race_workers, server=server, **options)
        else:
            with ProcessInferenceServer(_load_model_in_server, server_config) as process_server:
                started = time.perf_counter()
                result = race(
                    instance, config.race_workers, server=process_server.address, **options
                )
        wall = time.perf_counter() - started
        rows.append(
            {
                "backend": backend.value,
                "learned": trained,
                "wall_s": wall,
                "status": result.status,
                "objective": result.objective,
                "winner": result.winner,
                "worker_seconds": [w.seconds for w in result.workers],
                "worker_nodes": [w.n_nodes for w in result.workers],
            }
        )
        print(
            f"  (c) race, {config.race_workers} workers, {backend.value:9s}, "
            f"{'learned' if trained else 'SCIP default'}: wall {wall:7.2f} s, {result.status}, "
            f"objective {result.objective}, worker times "
            + ", ".join(f"{w.seconds:.2f}" for w in result.workers)
        )
    return rows


# -- driver -----------------------------------------------------------------------------------


def write_instances(config: ServingBenchmarkConfig, folder: Path, count: int) -> list[str]:
    """``count`` seeded set cover instances as MPS files in ``folder``."""
    rows, cols, density = config.set_cover
    generator = SetCover(n_rows=rows, n_cols=cols, density=density)
    seeds = np.random.SeedSequence(config.seed).spawn(count)
    paths = []
    for index, seed in enumerate(seeds):
        path = folder / f"setcover_{index}.mps"
        model = generator.generate(np.random.default_rng(seed))
        model.hideOutput()
        model.writeProblem(str(path), verbose=False)
        model.freeProb()
        paths.append(str(path))
    return paths


def run_benchmark(
    config: ServingBenchmarkConfig, argv: Sequence[str] | None = None
) -> dict[str, Any]:
    """Run every section not skipped; returns the JSON-ready report.

    ``argv`` are the arguments the recorded command line names
    (:func:`experiments.studies.study_command`; default: this process's).
    """
    budget = _Budget(config.time_budget_s)
    model, origin = load_branching_model()
    report: dict[str, Any] = {
        "config": asdict(config),
        "model": origin,
        "versions": library_versions(),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "cuda": torch.cuda.get_device_name() if torch.cuda.is_available() else None,
        },
        "command": study_command("experiments.studies.serving_benchmark", argv),
    }
    print(f"model: {origin}; CUDA: {report['machine']['cuda']}; CPUs: {os.cpu_count()}")
    if "throughput" not in config.skip:
        report["throughput"] = measure_throughput(config, model)
    with tempfile.TemporaryDirectory(prefix="neuralmip-serving-") as folder:
        instances = write_instances(config, Path(folder), max(config.workers + (1,)))
        if "end_to_end" not in config.skip:
            report["end_to_end"] = measure_end_to_end(config, model, instances, budget)
        if "race" not in config.skip:
            trained = not origin.startswith("random")
            report["race"] = measure_race(config, model, trained, instances[0], budget)
    report["skipped_for_time"] = budget.skipped
    return report


def _parse(argv: Sequence[str] | None) -> tuple[ServingBenchmarkConfig, Path]:
    defaults = ServingBenchmarkConfig()
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.serving_benchmark", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--workers", type=int, nargs="+", default=list(defaults.workers))
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=[b.value for b in RaceBackend],
        default=list(defaults.backends),
    )
    parser.add_argument("--node-limit", type=int, default=defaults.node_limit)
    parser.add_argument(
        "--set-cover",
        type=float,
        nargs=3,
        metavar=("ROWS", "COLS", "DENSITY"),
        default=list(defaults.set_cover),
    )
    parser.add_argument("--repeats", type=int, default=defaults.repeats)
    parser.add_argument("--rounds", type=int, default=defaults.rounds)
    parser.add_argument("--time-budget", type=float, default=defaults.time_budget_s)
    parser.add_argument("--race-workers", type=int, default=defaults.race_workers)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--skip", nargs="*", choices=["throughput", "end_to_end", "race"], default=[]
    )
    parser.add_argument("--output", type=Path, default=Path("serving_benchmark.json"))
    args = parser.parse_args(argv)
    rows, cols, density = args.set_cover
    config = ServingBenchmarkConfig(
        workers=tuple(args.workers),
        backends=tuple(args.backends),
        node_limit=args.node_limit,
        set_cover=(int(rows), int(cols), float(density)),
        repeats=args.repeats,
        rounds=args.rounds,
        time_budget_s=args.time_budget,
        race_workers=args.race_workers,
        seed=args.seed,
        skip=tuple(args.skip),
    )
    return config, args.output


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; returns the exit code."""
    config, output = _parse(argv)
    if min(config.workers) < 1 or min(config.node_limit, config.repeats, config.rounds) < 1:
        print(
            "serving_benchmark: --workers, --node-limit, --repeats and --rounds must be >= 1",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    report = run_benchmark(config, argv=argv)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    print(f"wrote {output}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
