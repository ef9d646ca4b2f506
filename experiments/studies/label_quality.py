"""How close are cheaper strong branching labels to full strong branching, and how much cheaper?

``python -m experiments.studies.label_quality --class setcover --count 10 --nodes 20
--out runs/label-quality/setcover.json``

Solves generated instances with the collection's SCIP settings (cuts at the root only, no
restarts; :class:`experiments.collect_branching.CollectBranchingConfig`), following full strong
branching (the expert's trajectory, no exploration). At each of the first ``--nodes`` nodes of
each instance it computes, on that same node, the full label and every variant's label
(:data:`VARIANTS`):

- ``iterations-L``: every candidate, each child limited to ``L`` LP iterations;
- ``history-K``, ``pseudocost-K``, ``lookahead-L-K`` (``+R``): only the ``K`` best candidates
  by the gains strong branching found earlier in the solve (:class:`GainHistory`, learning
  from the variant's own labels), by SCIP's pseudocost score, or by strong branching limited
  to ``L`` iterations (plus ``R`` random others) are scored in full, as
  :attr:`StrongBranchingConfig.candidate_limit` does.

Strong branching runs once per distinct iteration limit, in increasing order (SCIP serves a
child's cached bound to any later call at the same LP with no larger limit), and each
candidate's CPU seconds are recorded (:attr:`StrongBranchingScores.cpu_seconds`); a variant's
cost is the sum over the strong branching calls it makes, its pre-selection included. A
pre-selected label is the full label on the candidates it scores (the same calls).

Per variant it reports: the share of nodes whose scores are a label under the collection's
rule (:attr:`StrongBranchingScores.labelled`: a child stopped at its iteration limit gives no
sample), the argmax agreement (the variant's choice is among full strong branching's
top-scored ties), the full score of its choice over the best, Spearman's and Kendall's rank
correlation with the full scores over all candidates (unscored ones tied last), and the CPU
milliseconds per node with the observation's (:class:`gnn.observation.NodeBipartite`) per
node beside. ``uptime``'s load averages before and after go into the JSON, since the CPU
is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
from pyscipopt import SCIP_RESULT, Branchrule

from experiments.collect_branching import CollectBranchingConfig, instance_scip_seed
from experiments.studies import study_command
from gnn.checkpoint import library_versions
from gnn.observation import NodeBipartite
from instances.generators import generate_instances, preset, sha256_of
from instances.reading import read_instance
from solver.settings import apply_scip_params, seed_scip
from solver.strong_branching import (
    UNLIMITED_ITERATIONS,
    GainHistory,
    StrongBranchingConfig,
    StrongBranchingScores,
    preselect,
    product_scores,
    strong_branch,
)

__all__ = ["VARIANTS", "NodeLabels", "main", "variant_row"]

#: The label variants compared with full strong branching (name -> expert settings).
VARIANTS: dict[str, StrongBranchingConfig] = {
    "full": StrongBranchingConfig(),
    "iterations-10": StrongBranchingConfig(iteration_limit=10),
    "iterations-30": StrongBranchingConfig(iteration_limit=30),
    "history-5": StrongBranchingConfig(candidate_limit=5),
    "history-10": StrongBranchingConfig(candidate_limit=10),
    "history-15": StrongBranchingConfig(candidate_limit=15),
    "history-20": StrongBranchingConfig(candidate_limit=20),
    "history-25": StrongBranchingConfig(candidate_limit=25),
    "history-30": StrongBranchingConfig(candidate_limit=30),
    "history-10+2": StrongBranchingConfig(candidate_limit=10, random_candidates=2),
    "pseudocost-5": StrongBranchingConfig(candidate_limit=5, preselection="pseudocost"),
    "pseudocost-10": StrongBranchingConfig(candidate_limit=10, preselection="pseudocost"),
    "pseudocost-30": StrongBranchingConfig(candidate_limit=30, preselection="pseudocost"),
    "lookahead-3-10": StrongBranchingConfig(
        candidate_limit=10, preselection="lookahead", lookahead_iterations=3
    ),
    "lookahead-10-5": StrongBranchingConfig(
        candidate_limit=5, preselection="lookahead", lookahead_iterations=10
    ),
}

#: Relative tolerance of a tie with full strong branching's best score.
TIE_RTOL = 1e-6


@dataclass
class NodeLabels:
    """Every strong branching computed at one node: one result per iteration limit."""

    candidates: list[pyscipopt.Variable]
    """The node's branching candidates."""
    values: list[float]
    """Their LP values."""
    by_limit: dict[int, StrongBranchingScores]
    """Every candidate strong-branched with each limit (``UNLIMITED_ITERATIONS``: full)."""
    pseudocost: np.ndarray
    """``(K,)`` SCIP's pseudocost scores."""
    pseudocost_seconds: float
    """CPU seconds of reading them."""
    observation_seconds: float
    """CPU seconds of the node's observation."""


@dataclass
class VariantLabel:
    """One variant's label at one node, against the full label."""

    labelled: bool
    agrees: bool
    score_ratio: float
    spearman: float
    kendall: float
    cpu_seconds: float


def _subset_scores(full: StrongBranchingScores, mask: np.ndarray, cutoff_gain: float | None):
    """The scores a pre-selected label gives: the full children's gains, scored on ``mask``
    only (NaN elsewhere), as :func:`strong_branch` with ``scored=mask`` computes them."""
    scores = np.full(len(mask), np.nan)
    scores[mask] = product_scores(
        full.down_gains[mask],
        full.up_gains[mask],
        full.down_infeasible[mask],
        full.up_infeasible[mask],
        cutoff_gain=cutoff_gain,
    )
    return scores


def _compare(full: np.ndarray, label: np.ndarray) -> tuple[bool, float, float, float]:
    """Argmax agreement, score ratio, Spearman and Kendall of ``label`` against ``full``."""
    best = float(full.max())
    choice = int(np.nanargmax(label))
    agrees = bool(full[choice] >= best - TIE_RTOL * abs(best))
    ratio = float(full[choice] / best) if best > 0 else 1.0
    ranked = np.where(np.isnan(label), np.nanmin(label) - 1.0, label)
    if len(full) < 2 or np.ptp(full) == 0 or np.ptp(ranked) == 0:
        return agrees, ratio, float("nan"), float("nan")
    return agrees, ratio, spearman_rho(full, ranked), kendall_tau_b(full, ranked)


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks from 0, ties given the mean of the ranks they span."""
    order = np.argsort(values, kind="mergesort")
    _, inverse, counts = np.unique(values[order], return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    ranks = np.empty(len(values))
    ranks[order] = (starts + (counts - 1) / 2.0)[inverse]
    return ranks


def spearman_rho(first: np.ndarray, second: np.ndarray) -> float:
    """Spearman's rank correlation (ties: average ranks), as ``scipy.stats.spearmanr``."""
    return float(np.corrcoef(_average_ranks(first), _average_ranks(second))[0, 1])


def kendall_tau_b(first: np.ndarray, second: np.ndarray) -> float:
    """Kendall's tau-b (ties in either ranking accounted for), as ``scipy.stats.kendalltau``."""
    upper = np.triu_indices(len(first), 1)
    dx = np.sign(first[:, None] - first[None, :])[upper]
    dy = np.sign(second[:, None] - second[None, :])[upper]
    pairs = len(dx)
    denominator = np.sqrt(float(pairs - np.sum(dx == 0)) * float(pairs - np.sum(dy == 0)))
    return float(np.sum(dx * dy) / denominator) if denominator > 0 else float("nan")


def _ranking(
    labels: NodeLabels, config: StrongBranchingConfig, history: GainHistory
) -> tuple[np.ndarray, float]:
    """The pre-selection's ranking of the node's candidates and its CPU seconds."""
    if config.preselection == "pseudocost":
        return labels.pseudocost, labels.pseudocost_seconds
    if config.preselection == "lookahead":
        lookahead = labels.by_limit[config.lookahead_iterations]
        return lookahead.scores, float(lookahead.cpu_seconds.sum())
    start = time.thread_time()
    ranking = history.predict(labels.candidates, labels.values, config.score_epsilon)
    return ranking, time.thread_time() - start


def variant_row(
    labels: NodeLabels,
    config: StrongBranchingConfig,
    cutoff_gain: float | None,
    rng: np.random.Generator,
    history: GainHistory,
) -> VariantLabel:
    """The label ``config`` gives at the node of ``labels``, compared with the full one.

    ``history`` is the variant's own: it learns from the candidates the variant scored.
    """
    full = labels.by_limit[UNLIMITED_ITERATIONS]
    limited = labels.by_limit[config.iteration_limit]
    n = len(full.scores)
    if config.candidate_limit is None or config.candidate_limit + config.random_candidates >= n:
        history.update(labels.candidates, labels.values, full, cutoff_gain)
        agrees, ratio, rho, tau = _compare(full.scores, limited.scores)
        return VariantLabel(
            limited.labelled, agrees, ratio, rho, tau, float(limited.cpu_seconds.sum())
        )
    ranking, ranking_seconds = _ranking(labels, config, history)
    mask = preselect(ranking, config.candidate_limit, config.random_candidates, rng)
    label = replace(full, scored=mask)
    history.update(labels.candidates, labels.values, label, cutoff_gain)
    agrees, ratio, rho, tau = _compare(full.scores, _subset_scores(full, mask, cutoff_gain))
    seconds = ranking_seconds + float(full.cpu_seconds[mask].sum())
    return VariantLabel(label.labelled, agrees, ratio, rho, tau, seconds)


class LabelProbe(Branchrule):
    """At each node: every label variant's strong branching, then full strong branching's
    decision (cut off a node it proves infeasible, else branch on its best)."""

    def __init__(self, variants: dict[str, StrongBranchingConfig], n_nodes: int, seed: int):
        self.variants = variants
        self.n_nodes = n_nodes
        self.rng = np.random.default_rng(seed)
        self.limits = sorted(
            {c.iteration_limit for c in variants.values()}
            | {c.lookahead_iterations for c in variants.values() if c.preselection == "lookahead"}
            | {UNLIMITED_ITERATIONS}
        )
        self.observation = NodeBipartite()
        self.histories = {name: GainHistory() for name in variants}
        self.rows: list[dict[str, Any]] = []

    def branchexeclp(self, allowaddcons: bool) -> dict[str, Any]:
        model = self.model
        variables, values, _, _, n_priority, _ = model.getLPBranchCands()
        candidates, values = variables[:n_priority], values[:n_priority]
        if len(candidates) < 2:
            return {"result": SCIP_RESULT.DIDNOTRUN}
        labels = self._label(model, candidates, values)
        self._compare_variants(model, labels, len(candidates))
        if len(self.rows) >= self.n_nodes:
            model.interruptSolve()
        full = labels.by_limit[UNLIMITED_ITERATIONS]
        if full.node_infeasible:
            return {"result": SCIP_RESULT.CUTOFF}
        model.branchVar(candidates[full.best])
        return {"result": SCIP_RESULT.BRANCHED}

    def _label(self, model: pyscipopt.Model, candidates: list, values: list) -> NodeLabels:
        start = time.thread_time()
        self.observation.extract(model)
        observation_seconds = time.thread_time() - start
        start = time.thread_time()
        pseudocost = np.array(
            [model.getVarPseudocostScore(v, x) for v, x in zip(candidates, values, strict=True)]
        )
        pseudocost_seconds = time.thread_time() - start
        by_limit = {limit: strong_branch(model, candidates, limit) for limit in self.limits}
        return NodeLabels(
            candidates, values, by_limit, pseudocost, pseudocost_seconds, observation_seconds
        )

    def _compare_variants(self, model: pyscipopt.Model, labels: NodeLabels, n: int) -> None:
        cutoff = model.getCutoffbound()
        full = labels.by_limit[UNLIMITED_ITERATIONS]
        cutoff_gain = None if model.isInfinity(cutoff) else cutoff - full.lp_objective
        row: dict[str, Any] = {
            "node": model.getCurrentNode().getNumber(),
            "depth": model.getDepth(),
            "n_candidates": n,
            "observation_seconds": labels.observation_seconds,
        }
        for name, config in self.variants.items():
            label = variant_row(labels, config, cutoff_gain, self.rng, self.histories[name])
            row[name] = asdict(label)
        self.rows.append(row)


def probe_instance(
    path: Path,
    variants: dict[str, StrongBranchingConfig],
    n_nodes: int,
    seed: int,
    scip_params: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Label the first ``n_nodes`` nodes of one instance with every variant.

    ``scip_params``: SCIP parameters of the solve; default the collection's.
    """
    collect = CollectBranchingConfig(seed=seed)
    if scip_params is not None:
        collect = CollectBranchingConfig(seed=seed, scip_params=scip_params)
    scip_seed = instance_scip_seed(seed, sha256_of(path))
    model = read_instance(path, require_linear=True)
    try:
        model.hideOutput()
        apply_scip_params(model, collect.scip_params)
        seed_scip(model, scip_seed)
        model.setParam("limits/time", collect.time_limit)
        probe = LabelProbe(variants, n_nodes, scip_seed)
        model.includeBranchrule(
            probe, "label_probe", "label variants", priority=10**6, maxdepth=-1, maxbounddist=1.0
        )
        probe.observation.before_reset(model)
        model.optimize()
        for row in probe.rows:
            row["instance"] = path.name
        return probe.rows
    finally:
        model.free()


def summarise(rows: Sequence[dict[str, Any]], variants: Sequence[str]) -> list[dict[str, Any]]:
    """One line per variant: label yield, agreement, correlations and cost, over ``rows``."""
    full_seconds = sum(row["full"]["cpu_seconds"] for row in rows)
    observation = float(np.mean([row["observation_seconds"] for row in rows]))
    lines = []
    for name in variants:
        cells = [row[name] for row in rows]
        seconds = np.array([c["cpu_seconds"] for c in cells])
        labelled = np.array([c["labelled"] for c in cells])
        lines.append(
            {
                "variant": name,
                "nodes": len(cells),
                "label_yield": float(labelled.mean()),
                "argmax_agreement": float(np.mean([c["agrees"] for c in cells])),
                "score_ratio": float(np.mean([c["score_ratio"] for c in cells])),
                "spearman": float(np.nanmean([c["spearman"] for c in cells])),
                "kendall": float(np.nanmean([c["kendall"] for c in cells])),
                "sb_ms_per_node": 1e3 * float(seconds.mean()),
                "speedup": full_seconds / max(float(seconds.sum()), 1e-12),
                "label_s_per_sample": float(
                    (seconds.sum() + observation * len(cells)) / max(int(labelled.sum()), 1)
                ),
            }
        )
    return lines


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _print_table(name: str, lines: Sequence[dict[str, Any]]) -> None:
    print(f"\n{name}: {lines[0]['nodes'] if lines else 0} nodes")
    print(
        f"{'variant':<18}{'yield':>7}{'agree':>7}{'ratio':>7}{'rho':>7}{'tau':>7}"
        f"{'SB ms':>9}{'speedup':>9}{'s/sample':>10}"
    )
    for line in lines:
        print(
            f"{line['variant']:<18}{line['label_yield']:>7.2f}{line['argmax_agreement']:>7.2f}"
            f"{line['score_ratio']:>7.3f}{line['spearman']:>7.2f}{line['kendall']:>7.2f}"
            f"{line['sb_ms_per_node']:>9.1f}{line['speedup']:>9.1f}"
            f"{line['label_s_per_sample']:>10.3f}"
        )


def _summarise_files(paths: Sequence[Path]) -> None:
    """Print one table per class over the nodes of every ``--out`` file in ``paths``."""
    documents = [json.loads(path.read_text()) for path in paths]
    for name in dict.fromkeys(c for d in documents for c in d["classes"]):
        rows = [row for d in documents for row in d["classes"].get(name, {}).get("nodes", [])]
        variants = [v for v in documents[0]["variants"] if all(v in row for row in rows)]
        _print_table(name, summarise(rows, variants))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.label_quality",
        description=__doc__.split("\n")[0],
    )
    parser.add_argument("--class", dest="classes", nargs="+", default=["setcover"])
    parser.add_argument("--preset", default="easy", help="size preset (default: easy)")
    parser.add_argument("--count", type=int, default=10, help="instances per class (default: 10)")
    parser.add_argument("--nodes", type=int, default=20, help="nodes per instance (default: 20)")
    parser.add_argument("--seed", type=int, default=0, help="master seed (default: 0)")
    parser.add_argument(
        "--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS), metavar="NAME"
    )
    parser.add_argument("--instances-dir", type=Path, default=Path("runs/label-quality/instances"))
    parser.add_argument("--out", type=Path, default=None, help="JSON of every node and summary")
    parser.add_argument(
        "--summarise",
        nargs="+",
        type=Path,
        default=None,
        metavar="JSON",
        help="solve nothing: print the tables of earlier runs' --out files, their nodes pooled",
    )
    args = parser.parse_args(argv)
    if args.summarise is not None:
        _summarise_files(args.summarise)
        return 0
    variants = {name: VARIANTS[name] for name in dict.fromkeys(["full", *args.variants])}
    document: dict[str, Any] = {
        "command": study_command("experiments.studies.label_quality", argv),
        "uptime_before": _uptime(),
        "cpu_count": os.cpu_count(),
        "library_versions": library_versions(),
        "variants": {name: asdict(config) for name, config in variants.items()},
        "classes": {},
    }
    for name in args.classes:
        paths = generate_instances(
            name,
            preset(name, args.preset),
            args.count,
            args.seed,
            args.instances_dir / f"{name}-{args.preset}-seed{args.seed}",
        )
        rows = [row for p in paths for row in probe_instance(p, variants, args.nodes, args.seed)]
        lines = summarise(rows, list(variants))
        _print_table(name, lines)
        document["classes"][name] = {"summary": lines, "nodes": rows}
    document["uptime_after"] = _uptime()
    print(f"\nuptime before: {document['uptime_before']}\nuptime after: {document['uptime_after']}")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(document, indent=1, default=float) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
