"""The one-shot GPU check of batched inference: ``python -m experiments.studies.gpu_check``.

Made for one machine with one H100/H200 and 16 cores, within about 7 minutes (``--budget``);
run through ``experiments/studies/gpu_check.sh``, which installs the carried pyscipopt wheel first. On a
machine without CUDA it runs the same sections on the CPU (tiny sizes make it a smoke test).

Sections, in order (each one is skipped, and listed, once the budget is spent; the report is
rewritten after each, so a run cut short still leaves its figures):

1. ``throughput``: latency and graphs/s of one batched call (:func:`gnn.serving.score_batch`:
   collation, transfer, forward, scores back) against the batch size, on CUDA and on the CPU
   (one thread), for the GCNN of Gasse et al. (random weights: the cost does not depend on
   them; no GCNN checkpoint is shipped) and the shipped hybrid model's encoder (what the server
   holds for it), on a small graph and an "easy" set cover sized graph.
2. ``end_to_end``: ``workers`` concurrent learned solves (spawned processes, one set cover
   instance each, same node limit) with one shared :class:`~gnn.serving.ProcessInferenceServer`
   on the GPU (once per ``--max-waits-ms`` value: longer waits trade round-trip time for batch
   size) against each worker running inference itself on its CPU core: nodes per second, mean
   batch size, fallbacks, and the rule's and SCIP's own milliseconds per node. For the GCNN
   (scored at every node) and the shipped hybrid (encoder once per solve, node MLP in the
   worker).
3. ``server_vs_raw``: requests/s of the process server under R concurrent requesters (client
   processes x threads) against the raw batched call at the server's mean batch size.

Writes ``gpu_check.json`` and ``gpu_check.md`` to ``--out``.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
import torch
from torch import nn

from experiments.studies import study_command
from experiments.studies.serving_benchmark import branching_heavy, random_graph, write_instances
from gnn.checkpoint import library_versions, load_checkpoint
from gnn.models import GCNNPolicy
from gnn.observation import NodeBipartite
from gnn.policy import ModelScorer, ScorerPolicy, policy_for_model
from gnn.serving import (
    ProcessInferenceServer,
    ServerAddress,
    ServerConfig,
    score_batch,
    servable_module,
    served_branching_policy,
)
from solver.branching import include_learned_branching
from solver.plugins import SHIPPED_MODELS_DIR
from solver.setup import configure_model

__all__ = ["GpuCheckConfig", "ModelSpec", "main", "run_check"]


@dataclass(frozen=True)
class GpuCheckConfig:
    """What the GPU check measures, and how long it may take."""

    budget_s: float = 420.0
    """Sections not started within this many seconds of the start are skipped."""
    workers: int = 16
    """Concurrent solver processes of section 2."""
    cuda_batch_sizes: tuple[int, ...] = (1, 4, 16, 64, 256)
    """Batch sizes of section 1 on CUDA."""
    cpu_batch_sizes: tuple[int, ...] = (1, 4, 16)
    """Batch sizes of section 1 on the CPU."""
    graph_sizes: tuple[tuple[int, int, int], ...] = ((50, 100, 500), (500, 1000, 25_000))
    """``(constraints, variables, edges)`` of the graphs of sections 1 and 3 (3 uses the last)."""
    repeats: int = 5
    """Timed repetitions per point of section 1 (median reported), after one warm-up."""
    set_cover: tuple[int, int, float] = (400, 800, 0.05)
    """Rows, columns and density of the set cover instances of section 2."""
    node_limit: int = 200
    """Node limit of each solve of section 2 (the same work in every mode)."""
    shared_max_waits_ms: tuple[float, ...] = (1.0, 5.0)
    """``max_wait_s`` of the shared server in section 2, in ms, one run each: longer waits make
    larger batches and longer round trips."""
    solve_time_limit: float = 120.0
    """Time limit of each solve of section 2 (a guard)."""
    requesters: tuple[tuple[int, int], ...] = ((1, 1), (4, 1), (16, 1), (16, 4))
    """``(client processes, threads each)`` of the points of section 3."""
    request_seconds: float = 4.0
    """How long each point of section 3 sends requests."""
    forward_threads: tuple[bool, ...] = (False, True)
    """``ServerConfig.forward_thread`` values of section 3, one server each."""
    seed: int = 0
    """Seed of the instances, graphs and random weights."""
    skip: tuple[str, ...] = ()
    """Sections to skip: any of "throughput", "end_to_end", "server_vs_raw"."""


# -- models ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSpec:
    """A branching model to measure; picklable, so worker and server processes rebuild it."""

    name: str
    """Name in the report."""
    checkpoint: str | None = None
    """A checkpoint file, or None for a GCNNPolicy with seeded random weights."""
    seed: int = 0
    """Seed of the random weights (when ``checkpoint`` is None)."""

    def network(self) -> nn.Module:
        """The branching network (in eval mode)."""
        if self.checkpoint is not None:
            return load_checkpoint(self.checkpoint).model.eval()
        with torch.random.fork_rng(devices=[]):  # seeded weights, global RNG left untouched
            torch.manual_seed(self.seed)
            return GCNNPolicy().eval()

    def served(self) -> nn.Module:
        """What a server holds for it (:func:`gnn.serving.servable_module`)."""
        return servable_module(self.network())


def shipped_hybrid() -> ModelSpec | None:
    """The shipped set cover branching model (a hybrid), if the package has it."""
    path = SHIPPED_MODELS_DIR / "setcover" / "branching.pt"
    return ModelSpec("hybrid (shipped setcover)", str(path)) if path.is_file() else None


def models_to_check(seed: int) -> list[ModelSpec]:
    """The GCNN (random weights) and the shipped hybrid."""
    models = [ModelSpec("gcnn (Gasse architecture, random weights)", None, seed)]
    hybrid = shipped_hybrid()
    return models + ([hybrid] if hybrid is not None else [])


# -- budget and report ---------------------------------------------------------------------------


class _Budget:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()
        self.skipped: list[str] = []

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def allows(self, what: str, needs_s: float = 0.0) -> bool:
        """Whether ``what`` (about ``needs_s`` seconds) may start; else it is listed as skipped."""
        if self.elapsed() + needs_s <= self.seconds:
            return True
        self.skipped.append(what)
        print(f"  skipped (budget of {self.seconds:.0f} s): {what}", flush=True)
        return False


def _median_seconds(call: Callable[[], object], repeats: int, sync: Callable[[], None]) -> float:
    call()
    sync()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        sync()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _devices() -> list[torch.device]:
    return ([torch.device("cuda")] if torch.cuda.is_available() else []) + [torch.device("cpu")]


def _main_device() -> torch.device:
    return _devices()[0]


# -- 1. throughput -------------------------------------------------------------------------------


def _batched_call(
    module: nn.Module, graphs: list[Any], candidates: list[np.ndarray], device: torch.device
) -> Callable[[], object]:
    return lambda: score_batch(module, graphs, candidates, device)


def measure_throughput(
    config: GpuCheckConfig, models: Sequence[ModelSpec], budget: _Budget
) -> list[dict[str, Any]]:
    """Section 1: latency and graphs/s of the raw batched call against the batch size."""
    rng = np.random.default_rng(config.seed)
    torch.set_num_threads(1)  # as in a worker: one core; the other cores run solvers
    graphs = {
        size: [random_graph(rng, *size) for _ in range(max(config.cuda_batch_sizes))]
        for size in config.graph_sizes
    }
    points = []
    for spec in models:
        for device in _devices():
            if not budget.allows(f"throughput {spec.name} on {device}"):
                continue
            module = spec.served().to(device).eval()
            sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
            sizes = config.cuda_batch_sizes if device.type == "cuda" else config.cpu_batch_sizes
            for graph_size, pool in graphs.items():
                candidates = [np.arange(min(graph_size[1], 100)) for _ in pool]
                for batch in sizes:
                    call = _batched_call(module, pool[:batch], candidates[:batch], device)
                    seconds = _median_seconds(call, config.repeats, sync)
                    point = {
                        "model": spec.name,
                        "device": device.type,
                        "graph": list(graph_size),
                        "batch_size": batch,
                        "latency_ms": 1e3 * seconds,
                        "graphs_per_s": batch / seconds,
                    }
                    points.append(point)
                    print(
                        f"  [1] {spec.name[:26]:26s} {device.type:4s} graph "
                        f"{'x'.join(map(str, graph_size)):14s} batch {batch:4d}: "
                        f"{1e3 * seconds:9.2f} ms, {batch / seconds:9.1f} graphs/s",
                        flush=True,
                    )
    return points


# -- 2. end to end -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SolveJob:
    """One learned solve of section 2 (picklable)."""

    instance: str
    seed: int
    node_limit: int
    time_limit: float
    model: ModelSpec
    server: ServerAddress | None = None


def _solve(job: _SolveJob) -> dict[str, Any]:
    """Body of a worker process: one learned solve, scoring through the server or itself."""
    torch.set_num_threads(1)  # one core per worker
    network = job.model.network()
    client = job.server.client() if job.server is not None else None
    _warm_up(network, client)
    model = pyscipopt.Model()
    model.hideOutput()
    try:
        model.readProblem(job.instance)
        setup = branching_heavy(node_limit=job.node_limit, seed=job.seed, time_limit=job.time_limit)
        configure_model(model, setup)
        if client is not None:
            policy = served_branching_policy(network, client)
        elif isinstance(network, GCNNPolicy):
            policy = ScorerPolicy(ModelScorer(network))
        else:
            policy = policy_for_model(network)
        rule = include_learned_branching(model, policy, observation=NodeBipartite())
        started = time.perf_counter()
        model.optimize()
        seconds = time.perf_counter() - started
        return {
            "nodes": int(model.getNNodes()),
            "seconds": seconds,
            "branched": rule.n_branched,
            "fallbacks": rule.n_fallbacks,
            "rule_seconds": rule.seconds,
            "status": model.getStatus(),
        }
    finally:
        model.free()  # freeProb() would leak a model that has Python plugins
        if client is not None:
            client.close()


def _warm_up(network: nn.Module, client: Any = None) -> None:
    """One pass of ``network`` here and one request to the server, on a tiny graph, so that
    neither's first-call costs (lazy initialisation) land inside the timed solve."""
    graph = random_graph(np.random.default_rng(0), 5, 10, 20)
    score_batch(network, [graph], [np.arange(graph.n_variables)], torch.device("cpu"))
    if client is not None:
        client.score(graph, np.arange(graph.n_variables))


def _warm_worker() -> int:
    """Import and touch what a solve needs, so the timed rounds do not pay for it."""
    torch.set_num_threads(1)
    return os.getpid()


def _server_config(device: torch.device, **changes: Any) -> ServerConfig:
    values: dict[str, Any] = {"device": str(device), "request_timeout_s": 30.0}
    values.update(changes)
    return ServerConfig(**values)


def measure_end_to_end(
    config: GpuCheckConfig,
    models: Sequence[ModelSpec],
    instances: Sequence[str],
    pool: concurrent.futures.Executor,
    budget: _Budget,
) -> list[dict[str, Any]]:
    """Section 2: ``workers`` learned solves with one shared server against each on its own."""
    device = _main_device()
    rows = []
    for spec in models:
        modes: list[tuple[str, float | None]] = [("independent_cpu", None)] + [
            (f"shared_{device.type} wait {wait:g} ms", wait) for wait in config.shared_max_waits_ms
        ]
        for mode, max_wait_ms in modes:
            if not budget.allows(f"end to end {spec.name} {mode}", needs_s=20.0):
                continue
            jobs = [
                _SolveJob(instances[i], i, config.node_limit, config.solve_time_limit, spec)
                for i in range(config.workers)
            ]
            server = None
            if max_wait_ms is not None:
                server = ProcessInferenceServer(
                    spec.served, _server_config(device, max_wait_s=max_wait_ms / 1e3)
                )
                with server.client() as client:  # the model's first pass is not measured
                    _warm_up(spec.network(), client)
                jobs = [
                    _SolveJob(j.instance, j.seed, j.node_limit, j.time_limit, spec, server.address)
                    for j in jobs
                ]
            try:
                started = time.perf_counter()
                results = list(pool.map(_solve, jobs))
                wall = time.perf_counter() - started
                metrics = server.metrics().to_dict() if server is not None else None
            finally:
                if server is not None:
                    server.close()
            nodes = sum(r["nodes"] for r in results)
            slowest = max(r["seconds"] for r in results)
            row = {
                "model": spec.name,
                "mode": mode,
                "max_wait_ms": max_wait_ms,
                "workers": config.workers,
                "wall_s": wall,
                "slowest_solve_s": slowest,
                "nodes": nodes,
                "nodes_per_s": nodes / slowest,
                "branched": sum(r["branched"] for r in results),
                "fallbacks": sum(r["fallbacks"] for r in results),
                "mean_rule_ms_per_node": 1e3
                * sum(r["rule_seconds"] for r in results)
                / max(1, sum(r["branched"] + r["fallbacks"] for r in results)),
                # SCIP's own work per node (LP, propagation): what no server can speed up.
                "scip_ms_per_node": 1e3
                * sum(r["seconds"] - r["rule_seconds"] for r in results)
                / max(1, nodes),
                "statuses": sorted({r["status"] for r in results}),
                "server": metrics,
            }
            rows.append(row)
            batch = f", mean batch {metrics['mean_batch_size']:.2f}" if metrics else ""
            print(
                f"  [2] {spec.name[:26]:26s} {mode:15s}: {nodes} nodes, slowest solve "
                f"{slowest:7.2f} s, {nodes / slowest:8.1f} nodes/s, fallbacks "
                f"{row['fallbacks']}{batch}",
                flush=True,
            )
    return rows


# -- 3. server against raw -----------------------------------------------------------------------


def _hammer(
    address: ServerAddress, graph_size: tuple[int, int, int], seed: int, threads: int,
    start_at: float, seconds: float,
) -> int:  # fmt: skip
    """Body of a client process: ``threads`` clients score as fast as they can for ``seconds``."""
    rng = np.random.default_rng(seed)
    graph = random_graph(rng, *graph_size)
    candidates = np.arange(min(graph_size[1], 100))
    counts = [0] * threads

    def run(index: int) -> None:
        with address.client() as client:
            client.score(graph, candidates)  # connected and warm before the clock starts
            time.sleep(max(0.0, start_at - time.time()))
            stop = start_at + seconds
            while time.time() < stop:
                client.score(graph, candidates)
                counts[index] += 1

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts)


def _raw_graphs_per_s(
    module: nn.Module, device: torch.device, graph_size: tuple[int, int, int], batch: int,
    repeats: int, seed: int,
) -> float:  # fmt: skip
    rng = np.random.default_rng(seed)
    graphs = [random_graph(rng, *graph_size) for _ in range(batch)]
    candidates = [np.arange(min(graph_size[1], 100)) for _ in graphs]
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    seconds = _median_seconds(
        lambda: score_batch(module, graphs, candidates, device), repeats, sync
    )
    return batch / seconds


def _mean_between(before: Any, after: Any) -> float:
    """Mean of the durations recorded between two snapshots of one :class:`LatencySummary`."""
    count = after.count - before.count
    return (after.mean_s * after.count - before.mean_s * before.count) / count if count else 0.0


def measure_server_vs_raw(
    config: GpuCheckConfig,
    spec: ModelSpec,
    pool: concurrent.futures.Executor,
    budget: _Budget,
) -> list[dict[str, Any]]:
    """Section 3: the process server's requests/s against the raw call at its mean batch, once
    with the passes in the server's loop and once in a forward thread of their own."""
    device = _main_device()
    graph_size = config.graph_sizes[-1]
    module = spec.served().to(device).eval()
    rows = []
    max_requesters = max(p * t for p, t in config.requesters)
    for forward_thread in config.forward_threads:
        server = ProcessInferenceServer(
            spec.served,
            _server_config(device, max_batch_size=max_requesters, forward_thread=forward_thread),
        )
        try:
            for processes, threads in config.requesters:
                if not budget.allows(
                    f"server vs raw, {processes}x{threads} requesters, forward thread "
                    f"{forward_thread}",
                    needs_s=config.request_seconds + 10.0,
                ):
                    continue
                before = server.metrics()
                start_at = time.time() + 3.0  # all client processes connected and warm by then
                futures = [
                    pool.submit(
                        _hammer, server.address, graph_size, config.seed + i, threads, start_at,
                        config.request_seconds,
                    )
                    for i in range(processes)
                ]  # fmt: skip
                served = sum(future.result() for future in futures)
                after = server.metrics()
                requests = after.n_requests - before.n_requests
                batches = after.n_batches - before.n_batches
                mean_batch = requests / batches if batches else 0.0
                raw = _raw_graphs_per_s(
                    module, device, graph_size, max(1, round(mean_batch)), config.repeats,
                    config.seed,
                )  # fmt: skip
                rate = served / config.request_seconds
                row = {
                    "model": spec.name,
                    "device": device.type,
                    "graph": list(graph_size),
                    "forward_thread": forward_thread,
                    "requesters": processes * threads,
                    "client_processes": processes,
                    "requests_per_s": rate,
                    "mean_batch_size": mean_batch,
                    "raw_graphs_per_s_at_that_batch": raw,
                    "server_over_raw": rate / raw,
                    # Means over this point's batches only (the snapshots' quantiles would mix
                    # in the earlier points').
                    "forward_mean_ms": 1e3 * _mean_between(before.forward, after.forward),
                    "queue_wait_mean_ms": 1e3 * _mean_between(before.queue_wait, after.queue_wait),
                }
                rows.append(row)
                print(
                    f"  [3] forward thread {forward_thread!s:5s} {processes:2d}x{threads} "
                    f"requesters: {rate:8.1f} requests/s, mean batch {mean_batch:5.1f}; raw at "
                    f"that batch {raw:8.1f} graphs/s: {100 * rate / raw:5.1f} %",
                    flush=True,
                )
        finally:
            server.close()
    return rows


# -- report --------------------------------------------------------------------------------------


def _targets(report: dict[str, Any]) -> list[str]:
    """The check's targets, checked against what was measured."""
    lines = []
    rows = report.get("end_to_end", [])
    gcnn = [r for r in rows if r["model"].startswith("gcnn")]
    independent = next((r for r in gcnn if r["mode"] == "independent_cpu"), None)
    shared_rows = [r for r in gcnn if r["server"]] if independent is not None else []
    for shared in shared_rows:
        ratio = shared["nodes_per_s"] / independent["nodes_per_s"]
        batch = shared["server"]["mean_batch_size"]
        lines.append(
            f"- GCNN, {shared['workers']} workers, {shared['mode']}: mean batch {batch:.2f} "
            f"(target >= 8: {'met' if batch >= 8 else 'not met'}); nodes/s shared / independent "
            f"{ratio:.2f}x (target >= 3x: {'met' if ratio >= 3 else 'not met'})"
        )
    points = report.get("server_vs_raw", [])
    for forward_thread in sorted({r["forward_thread"] for r in points}):
        ratios = [r["server_over_raw"] for r in points if r["forward_thread"] == forward_thread]
        lines.append(
            f"- server throughput / raw at the same batch, forward thread {forward_thread}: "
            f"{', '.join(f'{r:.0%}' for r in ratios)}"
            f" (target >= 70 %: {'met' if min(ratios) >= 0.7 else 'not met at every point'})"
        )
    return lines


def _markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = [
        "# GPU check of batched inference",
        "",
        f"- command: `{' '.join(report['command'])}`",
        f"- device: {machine['cuda'] or 'no CUDA (CPU only)'}; {machine['cpus']} CPUs; "
        f"{machine['platform']}",
        f"- versions: {', '.join(f'{k} {v}' for k, v in report['versions'].items())}",
        f"- elapsed {report['elapsed_s']:.0f} s of a {report['config']['budget_s']:.0f} s budget;"
        f" skipped: {', '.join(report['skipped']) or 'nothing'}",
        "",
        "## Targets",
        "",
        *(_targets(report) or ["- (not measured)"]),
        "",
        "## 1. Raw batched call: latency and throughput against the batch size",
        "",
        "| model | device | graph (cons x vars x edges) | batch | latency ms | graphs/s |",
        "|---|---|---|---|---|---|",
    ]
    for p in report.get("throughput", []):
        lines.append(
            f"| {p['model']} | {p['device']} | {'x'.join(map(str, p['graph']))} | "
            f"{p['batch_size']} | {p['latency_ms']:.2f} | {p['graphs_per_s']:.1f} |"
        )
    lines += [
        "",
        "## 2. Concurrent learned solves: one shared server against inference in each worker",
        "",
        "| model | mode | workers | nodes | slowest solve s | nodes/s | mean batch | "
        "fallbacks | rule ms/node | SCIP ms/node |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report.get("end_to_end", []):
        batch = f"{r['server']['mean_batch_size']:.2f}" if r["server"] else "-"
        lines.append(
            f"| {r['model']} | {r['mode']} | {r['workers']} | {r['nodes']} | "
            f"{r['slowest_solve_s']:.2f} | {r['nodes_per_s']:.1f} | {batch} | {r['fallbacks']} | "
            f"{r['mean_rule_ms_per_node']:.2f} | {r['scip_ms_per_node']:.2f} |"
        )
    lines += [
        "",
        "## 3. Process server against the raw call at the same batch size",
        "",
        "| forward thread | requesters | requests/s | mean batch | raw graphs/s at that batch | "
        "server / raw | forward mean ms | queue wait mean ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in report.get("server_vs_raw", []):
        lines.append(
            f"| {r['forward_thread']} | {r['requesters']} | {r['requests_per_s']:.1f} | "
            f"{r['mean_batch_size']:.1f} | {r['raw_graphs_per_s_at_that_batch']:.1f} | "
            f"{r['server_over_raw']:.0%} | {r['forward_mean_ms']:.2f} | "
            f"{r['queue_wait_mean_ms']:.2f} |"
        )
    if report.get("errors"):
        lines += ["", "## Errors", ""] + [f"- {error}" for error in report["errors"]]
    return "\n".join(lines) + "\n"


def _write(report: dict[str, Any], out: Path, budget: _Budget) -> None:
    report["elapsed_s"] = budget.elapsed()
    report["skipped"] = list(budget.skipped)
    (out / "gpu_check.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "gpu_check.md").write_text(_markdown(report))


def run_check(
    config: GpuCheckConfig, out: Path, argv: Sequence[str] | None = None
) -> dict[str, Any]:
    """Run every section within the budget; write and return the report.

    ``argv`` are the arguments the recorded command line names
    (:func:`experiments.studies.study_command`; default: this process's).
    """
    budget = _Budget(config.budget_s)
    out.mkdir(parents=True, exist_ok=True)
    models = models_to_check(config.seed)
    report: dict[str, Any] = {
        "config": asdict(config),
        "models": [asdict(spec) for spec in models],
        "versions": {**library_versions(), "pyscipopt": pyscipopt.__version__},
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "cuda": torch.cuda.get_device_name() if torch.cuda.is_available() else None,
        },
        "command": study_command("experiments.studies.gpu_check", argv),
        "errors": [],
    }
    print(f"device: {report['machine']['cuda']}; CPUs: {os.cpu_count()}", flush=True)
    sections: list[tuple[str, Callable[[], Any]]] = []
    context = multiprocessing.get_context("spawn")
    # The model is in CUDA's hands only in the server processes; this one measures section 1
    # on CUDA too, before any worker is spawned (spawned workers do not inherit it anyway).
    with (
        concurrent.futures.ProcessPoolExecutor(config.workers, mp_context=context) as pool,
        tempfile.TemporaryDirectory(prefix="neuralmip-gpu-check-") as folder,
    ):
        warm = [pool.submit(_warm_worker) for _ in range(config.workers)]
        # Not under ``out``: only the report files should come back from the GPU machine.
        instances = write_instances(_instance_config(config), Path(folder), config.workers)
        sections = [
            ("throughput", lambda: measure_throughput(config, models, budget)),
            ("end_to_end", lambda: measure_end_to_end(config, models, instances, pool, budget)),
            ("server_vs_raw", lambda: measure_server_vs_raw(config, models[0], pool, budget)),
        ]
        concurrent.futures.wait(warm)
        for name, section in sections:
            if name in config.skip:
                continue
            print(f"[{name}] at {budget.elapsed():.0f} s", flush=True)
            try:
                report[name] = section()
            except Exception as error:  # one failing section must not lose the others' figures
                report["errors"].append(f"{name}: {type(error).__name__}: {error}")
                print(f"  {name} failed: {type(error).__name__}: {error}", flush=True)
            _write(report, out, budget)
    _write(report, out, budget)
    return report


def _instance_config(config: GpuCheckConfig) -> Any:
    from experiments.studies.serving_benchmark import ServingBenchmarkConfig

    return ServingBenchmarkConfig(set_cover=config.set_cover, seed=config.seed)


def _parse(argv: Sequence[str] | None) -> tuple[GpuCheckConfig, Path]:
    defaults = GpuCheckConfig()
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.gpu_check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=Path("runs/gpu-check"))
    parser.add_argument("--budget", type=float, default=defaults.budget_s, metavar="SECONDS")
    parser.add_argument("--workers", type=int, default=defaults.workers)
    parser.add_argument("--node-limit", type=int, default=defaults.node_limit)
    parser.add_argument("--repeats", type=int, default=defaults.repeats)
    parser.add_argument("--request-seconds", type=float, default=defaults.request_seconds)
    parser.add_argument(
        "--max-waits-ms",
        type=float,
        nargs="+",
        default=list(defaults.shared_max_waits_ms),
        help="max_wait_s of the shared server in section 2, in ms: one run each",
    )
    parser.add_argument(
        "--set-cover", type=float, nargs=3, metavar=("ROWS", "COLS", "DENSITY"),
        default=list(defaults.set_cover),
    )  # fmt: skip
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="smoke-test sizes (seconds on a laptop's CPU): small graphs, batches and solves",
    )
    parser.add_argument(
        "--skip", nargs="*", choices=["throughput", "end_to_end", "server_vs_raw"], default=[]
    )
    args = parser.parse_args(argv)
    rows, cols, density = args.set_cover
    values: dict[str, Any] = {
        "budget_s": args.budget,
        "workers": args.workers,
        "node_limit": args.node_limit,
        "repeats": args.repeats,
        "request_seconds": args.request_seconds,
        "shared_max_waits_ms": tuple(args.max_waits_ms),
        "set_cover": (int(rows), int(cols), float(density)),
        "skip": tuple(args.skip),
    }
    if args.tiny:
        values.update(
            cuda_batch_sizes=(1, 4),
            cpu_batch_sizes=(1, 2),
            graph_sizes=((20, 40, 100),),
            repeats=1,
            set_cover=(200, 400, 0.05),
            shared_max_waits_ms=(1.0,),
            node_limit=min(args.node_limit, 10),
            requesters=((1, 1), (2, 2)),
            request_seconds=min(args.request_seconds, 0.5),
        )
    if values["workers"] < 1 or values["node_limit"] < 1 or values["repeats"] < 1:
        parser.error("--workers, --node-limit and --repeats must be >= 1")
    return GpuCheckConfig(**values), args.out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check from the command line; 0 when every section that ran succeeded."""
    config, out = _parse(argv)
    report = run_check(config, out, argv=argv)
    print(_markdown(report))
    print(f"wrote {out / 'gpu_check.md'} and {out / 'gpu_check.json'}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
