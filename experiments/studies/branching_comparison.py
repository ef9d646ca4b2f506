"""A first comparison of learned branching against SCIP's default branching, on one CPU thread.

Held-out instances are generated from seeds ``first_seed ..`` (the collection uses other seeds),
each solved twice with the literature settings (cuts at the root only, no restarts) and the same
SCIP seed: once with SCIP's default branching and once with the learned rule on top. Reported:
per-instance time, nodes and optimum; shifted geometric means (time shift 1 s, nodes shift 10)
and their ratios learned / default; whether every optimum agrees. Times are SCIP's CPU clock
(``timing/clocktype`` 1) of the one solving thread, since the machine may be shared.

Usage::

    python -m experiments.studies.branching_comparison --class setcover \\
        --checkpoint solver/models/branching-setcover.pt --instances 10 --out report.json

This is the quick check of the branching engineer; ``neuralmip bench`` is the full harness.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from experiments.studies import study_command
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["ComparisonConfig", "compare", "main"]


@dataclass(frozen=True)
class ComparisonConfig:
    """What the quick learned-versus-default comparison runs."""

    instance_class: str
    """Generator class (``setcover``, ``cauctions``, ``facilities``, ``indset``)."""
    checkpoint: str
    """The learned model (``.pt``)."""
    level: str = "easy"
    """Size preset."""
    instances: int = 10
    """Number of held-out instances."""
    first_seed: int = 1_000_000
    """Seed of the first held-out instance (far from the collection's seeds)."""
    scip_seed: int = 0
    """SCIP's random seed, the same for both configurations."""
    time_limit: float = 600.0
    """Per solve, seconds."""
    max_depth: int = -1
    """Learned rule down to this depth (-1: every node)."""
    shortlist_size: int = 0
    """Strong-branch the policy's best candidates (``BranchingRuleConfig.shortlist_size``)."""
    shortlist_max_depth: int = -1
    """Deepest depth with a strong-branched shortlist (-1: all)."""
    shortlist_reductions: bool = False
    """Apply what the shortlist's strong branching proves (``BranchingRuleConfig``)."""
    deep_rule: str | None = None
    """SCIP rule for the nodes the learned rule leaves (``BranchingRuleConfig.deep_rule``)."""
    threads: int = 1
    """``torch.set_num_threads``."""


def _shifted_geomean(values: Sequence[float], shift: float) -> float:
    return math.exp(sum(math.log(v + shift) for v in values) / len(values)) - shift


def compare(config: ComparisonConfig, argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the comparison; returns a JSON-ready dict with per-instance rows and summaries.

    ``argv`` are the arguments the recorded command line names
    (:func:`experiments.studies.study_command`; default: this process's).
    """
    import torch

    from gnn.checkpoint import library_versions, load_checkpoint
    from gnn.observation import NodeBipartite
    from gnn.policy import policy_for_model
    from instances.generators import preset
    from solver.branching import BranchingRuleConfig, include_learned_branching
    from solver.settings import LITERATURE
    from solver.setup import SolveSetup, configure_model

    torch.set_num_threads(config.threads)
    network = load_checkpoint(config.checkpoint).model
    params = preset(config.instance_class, config.level)

    def make_policy() -> Any:
        return policy_for_model(network)

    setup = SolveSetup(
        preset=LITERATURE,
        # CPU time: the machine is shared, and wall time would measure the neighbours too.
        scip_params={"timing/clocktype": 1},
        seed=config.scip_seed,
        time_limit=config.time_limit,
    )
    rows = []
    for index in range(config.instances):
        row: dict[str, Any] = {"seed": config.first_seed + index}
        for label in ("default", "learned"):
            model = params.generate(config.first_seed + index)
            model.hideOutput()
            configure_model(model, setup)
            rule = None
            if label == "learned":
                rule = include_learned_branching(
                    model,
                    make_policy(),
                    observation=NodeBipartite(),
                    config=BranchingRuleConfig(
                        max_depth=config.max_depth,
                        shortlist_size=config.shortlist_size,
                        shortlist_max_depth=config.shortlist_max_depth,
                        shortlist_reductions=config.shortlist_reductions,
                        deep_rule=config.deep_rule,
                    ),
                )
            started = time.perf_counter()
            model.optimize()
            wall = time.perf_counter() - started
            row[label] = {
                "status": model.getStatus(),
                "seconds": wall,
                "cpu_seconds": model.getSolvingTime(),
                "nodes": model.getNNodes(),
                "objective": model.getObjVal() if model.getNSols() else None,
                "dual_bound": model.getDualbound(),
            }
            if rule is not None:
                row[label] |= {
                    "branched": rule.n_branched,
                    "fallbacks": rule.n_fallbacks,
                    "shortlisted": rule.n_shortlisted,
                    "reduced": rule.n_reduced,
                    "shortlist_seconds": rule.shortlist_seconds,
                    "rule_seconds": rule.seconds,
                }
            model.free()  # freeProb() would leak a model that has Python plugins
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)

    def summary(label: str, key: str, shift: float) -> float:
        return _shifted_geomean([r[label][key] for r in rows], shift)

    both_optimal = [
        r for r in rows if r["default"]["status"] == r["learned"]["status"] == "optimal"
    ]
    same_optimum = all(
        abs(r["default"]["objective"] - r["learned"]["objective"])
        <= 1e-6 * max(1.0, abs(r["default"]["objective"]))
        for r in both_optimal
    )
    result = {
        "config": asdict(config),
        "versions": library_versions(),
        "command": " ".join(study_command("experiments.studies.branching_comparison", argv)),
        "rows": rows,
        "time_sgm": {label: summary(label, "cpu_seconds", 1.0) for label in ("default", "learned")},
        "nodes_sgm": {label: summary(label, "nodes", 10.0) for label in ("default", "learned")},
        "n_both_optimal": len(both_optimal),
        "same_optimum": same_optimum,
    }
    result["time_ratio"] = result["time_sgm"]["learned"] / result["time_sgm"]["default"]
    result["nodes_ratio"] = result["nodes_sgm"]["learned"] / result["nodes_sgm"]["default"]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; prints the JSON summary (rows go to stderr as they finish)."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.branching_comparison",
        description=__doc__.splitlines()[0],
    )
    defaults = ComparisonConfig(instance_class="setcover", checkpoint="")
    parser.add_argument("--class", dest="instance_class", required=True)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--level", default=defaults.level)
    parser.add_argument("--instances", type=int, default=defaults.instances)
    parser.add_argument("--first-seed", type=int, default=defaults.first_seed)
    parser.add_argument("--scip-seed", type=int, default=defaults.scip_seed)
    parser.add_argument("--time-limit", type=float, default=defaults.time_limit)
    parser.add_argument("--max-depth", type=int, default=defaults.max_depth)
    parser.add_argument(
        "--shortlist", dest="shortlist_size", type=int, default=defaults.shortlist_size
    )
    parser.add_argument(
        "--shortlist-depth",
        dest="shortlist_max_depth",
        type=int,
        default=defaults.shortlist_max_depth,
    )
    parser.add_argument(
        "--shortlist-reductions",
        dest="shortlist_reductions",
        action="store_true",
        help="apply what the shortlist's strong branching proves (bound "
        "changes, cutoffs, children's dual bounds), as SCIP's full strong "
        "branching does",
    )
    parser.add_argument(
        "--deep-rule",
        default=defaults.deep_rule,
        help="SCIP rule below --max-depth, e.g. pscost (default: SCIP's order)",
    )
    parser.add_argument("--threads", type=int, default=defaults.threads)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    config = ComparisonConfig(**{k: v for k, v in vars(args).items() if k != "out"})
    try:
        result = compare(config, argv=argv)
    except ValueError as error:  # bad class/level names, unreadable checkpoint: one line
        print(f"branching_comparison: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    text = json.dumps(result, indent=2)
    print(
        json.dumps(
            {
                k: result[k]
                for k in (
                    "time_sgm",
                    "nodes_sgm",
                    "time_ratio",
                    "nodes_ratio",
                    "n_both_optimal",
                    "same_optimum",
                )
            },
            indent=2,
        )
    )
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
