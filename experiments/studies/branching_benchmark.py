"""Per-node overhead of learned branching: observation plus inference, in milliseconds.

Solves presolved Easy set cover instances (Gasse et al.'s 500 x 1000, density 0.05) with the
literature settings (cuts at the root only, no restarts) on one thread, with the learned rule
driven by each network, and times every node the rule handles: the observation extraction and
the rest of the policy call (inference, and for the hybrid the cache lookups). Untrained
networks are used unless checkpoints are given: the overhead does not depend on the weights,
only the tree does, and the node limit keeps the trees comparable.

Usage::

    python -m experiments.studies.branching_benchmark --instances 2 --nodes 150
    python -m experiments.studies.branching_benchmark --checkpoint solver/models/branching-setcover.pt

The result (config, library versions, command and the per-model figures) is printed as JSON and
written to ``--out`` when given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from experiments.studies import study_command
from solver.exit_codes import EXIT_OK

__all__ = ["BenchmarkConfig", "NodeTimings", "benchmark", "main"]


@dataclass(frozen=True)
class BenchmarkConfig:
    """What the branching overhead benchmark measures."""

    instance_class: str = "setcover"
    """Generated class whose presolved Easy instances are solved (set cover)."""
    instances: int = 2
    """Number of Easy instances (seeds ``seed`` .. ``seed + instances - 1``)."""
    nodes: int = 150
    """Node limit of each solve (``limits/nodes``)."""
    seed: int = 0
    """First instance seed; also seeds the untrained networks."""
    threads: int = 1
    """``torch.set_num_threads`` during the benchmark (SCIP itself is single-threaded)."""
    compile: bool = False
    """Also measure the GCNN under ``torch.compile(dynamic=True)``."""
    checkpoints: tuple[str, ...] = ()
    """Trained checkpoints to measure instead of untrained GCNN and hybrid networks."""


def _clock() -> float:
    # CPU time of this thread: on a shared machine wall time measures the neighbours' load too.
    # SCIP and torch (one thread) both run on the calling thread, so nothing is missed.
    return time.thread_time()


class _TimedObservation:
    """Wraps an observation function and records the time of each extraction."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.last_seconds = 0.0
        self.sizes: list[tuple[int, int]] = []

    def before_reset(self, model: Any) -> None:
        self.inner.before_reset(model)

    def extract(self, model: Any) -> Any:
        started = _clock()
        try:
            graph = self.inner.extract(model)
        finally:
            self.last_seconds += _clock() - started
        if graph is not None:
            self.sizes.append((graph.n_variables, graph.n_constraints))
        return graph

    def candidate_features(self, model: Any, candidates: list[Any]) -> Any:
        started = _clock()
        try:
            return self.inner.candidate_features(model, candidates)
        finally:
            self.last_seconds += _clock() - started


class _TimedPolicy:
    """Wraps a policy and splits each node's time into observation and the rest."""

    def __init__(self, inner: Any, observation: _TimedObservation) -> None:
        self.inner = inner
        self.observation = observation
        self.observation_ms: list[float] = []
        self.inference_ms: list[float] = []

    def reset(self) -> None:
        self.inner.reset()

    def score_node(self, node: Any) -> np.ndarray:
        self.observation.last_seconds = 0.0
        started = _clock()
        scores = self.inner.score_node(node)
        total = _clock() - started
        self.observation_ms.append(1e3 * self.observation.last_seconds)
        self.inference_ms.append(1e3 * (total - self.observation.last_seconds))
        return scores


@dataclass(frozen=True)
class NodeTimings:
    """Per-node milliseconds of one policy over all benchmark solves."""

    name: str
    nodes: int
    observation_mean: float
    inference_mean: float
    total_mean: float
    total_median: float
    total_p90: float
    first_node_total: float
    """The first node of a solve (the hybrid's encoder runs there), mean over solves."""
    later_nodes_total_mean: float
    """Mean over the nodes after the first of each solve (the hybrid's steady state)."""


def _summary(name: str, runs: list[_TimedPolicy]) -> NodeTimings:
    observation = np.concatenate([r.observation_ms for r in runs])
    inference = np.concatenate([r.inference_ms for r in runs])
    total = observation + inference
    first = [r.observation_ms[0] + r.inference_ms[0] for r in runs if r.observation_ms]
    later = (
        np.concatenate([np.add(r.observation_ms[1:], r.inference_ms[1:]) for r in runs])
        if runs
        else np.zeros(0)
    )
    return NodeTimings(
        name=name,
        nodes=int(total.size),
        observation_mean=float(observation.mean()),
        inference_mean=float(inference.mean()),
        total_mean=float(total.mean()),
        total_median=float(np.median(total)),
        total_p90=float(np.percentile(total, 90)),
        first_node_total=float(np.mean(first)),
        later_nodes_total_mean=float(later.mean()) if later.size else float("nan"),
    )


def benchmark(config: BenchmarkConfig, argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the benchmark; returns ``{"config", "versions", "results", "presolved_size"}``.

    ``argv`` are the arguments the recorded command line names
    (:func:`experiments.studies.study_command`; default: this process's).
    """
    import torch

    from gnn.checkpoint import library_versions, load_checkpoint
    from gnn.models import GCNNPolicy, HybridPolicy
    from gnn.observation import NodeBipartite
    from gnn.policy import policy_for_model
    from instances.generators import preset
    from solver.branching import include_learned_branching
    from solver.settings import LITERATURE
    from solver.setup import SolveSetup, configure_model

    torch.set_num_threads(config.threads)

    def policy_for(network: torch.nn.Module, compiled: bool = False) -> Any:
        return policy_for_model(network, compile=compiled)

    candidates: list[tuple[str, Any]] = []
    if config.checkpoints:
        for path in config.checkpoints:
            network = load_checkpoint(path).model
            candidates.append(
                (f"{type(network).__name__}:{Path(path).name}", lambda n=network: policy_for(n))
            )
    else:
        with torch.random.fork_rng():
            torch.manual_seed(config.seed)
            gcnn, hybrid = GCNNPolicy().eval(), HybridPolicy().eval()
        candidates.append(("GCNNPolicy", lambda: policy_for(gcnn)))
        candidates.append(("HybridPolicy", lambda: policy_for(hybrid)))
        if config.compile:
            candidates.append(("GCNNPolicy+compile", lambda: policy_for(gcnn, compiled=True)))

    params = preset(config.instance_class, "easy")
    setup = SolveSetup(preset=LITERATURE, scip_params={"limits/nodes": config.nodes})
    results, sizes = [], []
    for name, make_policy in candidates:
        runs = []
        for index in range(config.instances):
            model = params.generate(config.seed + index)
            model.hideOutput()
            configure_model(model, setup)
            observation = _TimedObservation(NodeBipartite())
            timed = _TimedPolicy(make_policy(), observation)
            rule = include_learned_branching(model, timed, observation=observation)
            model.optimize()
            if rule.n_fallbacks:
                print(f"warning: {name} fell back on {rule.n_fallbacks} nodes", file=sys.stderr)
            sizes.extend(observation.sizes[:1])
            runs.append(timed)
            model.free()  # freeProb() would leak a model that has Python plugins
        results.append(asdict(_summary(name, runs)))
    return {
        "config": asdict(config),
        "versions": library_versions(),
        "command": " ".join(study_command("experiments.studies.branching_benchmark", argv)),
        "clock": "time.thread_time (CPU milliseconds of the solving thread)",
        "first_lp_size": {
            "columns_mean": float(np.mean([s[0] for s in sizes])),
            "constraint_rows_mean": float(np.mean([s[1] for s in sizes])),
        },
        "results": results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the JSON result."""
    from instances.generators import GENERATORS

    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.branching_benchmark",
        description=__doc__.splitlines()[0],
    )
    defaults = BenchmarkConfig()
    parser.add_argument(
        "--class",
        dest="instance_class",
        default=defaults.instance_class,
        choices=sorted(GENERATORS),
        help="generated class (default: setcover)",
    )
    parser.add_argument("--instances", type=int, default=defaults.instances)
    parser.add_argument("--nodes", type=int, default=defaults.nodes)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--threads", type=int, default=defaults.threads)
    parser.add_argument("--compile", action="store_true", help="also time torch.compile'd GCNN")
    parser.add_argument("--checkpoint", action="append", default=[], metavar="FILE.pt")
    parser.add_argument("--out", type=Path, default=None, help="write the JSON result here")
    args = parser.parse_args(argv)
    config = BenchmarkConfig(
        instance_class=args.instance_class,
        instances=args.instances,
        nodes=args.nodes,
        seed=args.seed,
        threads=args.threads,
        compile=args.compile,
        checkpoints=tuple(args.checkpoint),
    )
    result = benchmark(config, argv=argv)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
