"""Learned diving against SCIP's default on held-out generated instances (primal side only).

For each class, instances are generated with a master seed never used in training; each is solved
twice, with SCIP's defaults and with the class's diving model included, under the same seed and
time limit, one solve at a time. The reference objective of an instance is the best objective
either run found. Reported per run: primal integral (Nair et al.; :mod:`experiments.metrics`),
time to the first solution and to a 1 % primal gap, final objective, and the heuristic's own
cost (inference and sub-MIPs).

Example::

    python -m experiments.studies.diving_benchmark --classes setcover cauctions facilities indset \\
        --models solver/models --count 4 --seed 100000 --time-limit 30 \\
        --instances data/diving/heldout --out runs/diving-bench.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

from experiments.studies import study_command
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

__all__ = ["DivingBenchmarkConfig", "main", "run_benchmark", "summarize"]


@dataclass(frozen=True)
class DivingBenchmarkConfig:
    """What the diving benchmark runs."""

    classes: tuple[str, ...]
    """Instance classes (each needs ``diving-<class>.pt`` in ``models``)."""
    models: Path
    """Folder of diving checkpoints."""
    instances: Path
    """Where held-out instances are generated (``<instances>/<class>``)."""
    out: Path
    """JSON file of per-run rows and the summary."""
    preset: str = "easy"
    """Size preset of the instances."""
    count: int = 4
    """Instances per class."""
    seed: int = 100000
    """Master seed of the held-out batch (training used other seeds)."""
    time_limit: float = 30.0
    """Seconds per solve."""
    scip_seed: int = 0
    """SCIP's random seed for both runs."""


class _PrimalRecorder(Eventhdlr):
    """Records ``(time, objective of the new incumbent)`` at every ``BESTSOLFOUND``.

    The new incumbent's value is read from the best solution itself: while the event is
    processed, ``getPrimalbound()`` still returns the previous incumbent (measured with SCIP 10),
    which would shift every point one solution late.
    """

    def __init__(self) -> None:
        super().__init__()
        self.points: list[tuple[float, float]] = []

    def eventinit(self) -> None:
        self.model.catchEvent(SCIP_EVENTTYPE.BESTSOLFOUND, self)

    def eventexec(self, event: Any) -> None:
        try:
            model = self.model
            value = float(model.getSolObjVal(model.getBestSol()))
            if not self.points or self.points[-1][1] != value:
                self.points.append((float(model.getSolvingTime()), value))
        except Exception:  # recording must not break the solve
            return


def _solve(instance: Path, time_limit: float, seed: int, policy: Any | None) -> dict[str, Any]:
    from instances.reading import read_instance
    from solver.diving import include_neural_diving
    from solver.setup import SolveSetup, configure_model

    model = read_instance(instance)
    try:
        model.hideOutput()
        configure_model(model, SolveSetup(seed=seed, time_limit=time_limit))
        heuristic = include_neural_diving(model, policy) if policy is not None else None
        recorder = _PrimalRecorder()
        model.includeEventhdlr(recorder, "diving_benchmark_primal", "records incumbents")
        start = time.perf_counter()
        model.optimize()
        wall = time.perf_counter() - start
        return {
            "status": str(model.getStatus()),
            "objective": float(model.getObjVal()) if model.getNSols() > 0 else None,
            "solving_time": float(model.getSolvingTime()),
            "wall_seconds": wall,
            "nodes": int(model.getNTotalNodes()),
            "primal": [list(point) for point in recorder.points],
            "heuristic": heuristic.stats.as_dict() if heuristic is not None else None,
        }
    finally:
        model.free()  # freeProb() would leak a model that has Python plugins


def run_benchmark(config: DivingBenchmarkConfig) -> dict[str, Any]:
    """Run every (instance, configuration) pair; returns the rows and the summary."""
    from experiments.metrics import primal_integral, time_to_gap
    from gnn.diving import DivingPolicy
    from instances.generators import generate_instances, preset

    rows: list[dict[str, Any]] = []
    for class_name in config.classes:
        policy = DivingPolicy.from_checkpoint(config.models / f"diving-{class_name}.pt")
        instances = generate_instances(
            class_name,
            preset(class_name, config.preset),
            config.count,
            config.seed,
            config.instances / class_name,
        )
        for instance in instances:
            runs = {
                "scip-default": _solve(instance, config.time_limit, config.scip_seed, None),
                "neural-diving": _solve(instance, config.time_limit, config.scip_seed, policy),
            }
            objectives = [r["objective"] for r in runs.values() if r["objective"] is not None]
            maximize = _is_maximization(instance)
            reference = (max if maximize else min)(objectives) if objectives else None
            for name, run in runs.items():
                primal = [tuple(point) for point in run["primal"]]
                run.update(
                    {
                        "class": class_name,
                        "instance": instance.name,
                        "configuration": name,
                        "reference": reference,
                        "primal_integral": primal_integral(primal, reference, config.time_limit),
                        "time_to_first": time_to_gap(primal, None, 1.0),
                        "time_to_1pct": time_to_gap(primal, reference, 0.01),
                    }
                )
                rows.append(run)
                print(
                    f"{class_name} {instance.name} {name}: integral {run['primal_integral']:.2f} "
                    f"first {run['time_to_first']} 1% {run['time_to_1pct']} obj {run['objective']}",
                    flush=True,
                )
    return {"rows": rows, "summary": summarize(rows, config.time_limit)}


def _is_maximization(instance: Path) -> bool:
    from instances.reading import read_instance

    model = read_instance(instance)
    try:
        return model.getObjectiveSense() == "maximize"
    finally:
        model.freeProb()


def _shifted_geomean(values: Sequence[float], shift: float = 1.0) -> float:
    values = np.asarray(values, dtype=float)
    return float(np.exp(np.mean(np.log(values + shift))) - shift)


def summarize(rows: Sequence[dict[str, Any]], time_limit: float) -> dict[str, dict[str, Any]]:
    """Per class: mean primal integral of each configuration, their ratio, and the shifted
    geometric mean (shift 1 s) of the time to a 1 % gap (the time limit where never reached)."""
    summary: dict[str, dict[str, Any]] = {}
    for class_name in sorted({row["class"] for row in rows}):
        by_config: dict[str, dict[str, float]] = {}
        for name in ("scip-default", "neural-diving"):
            selected = [r for r in rows if r["class"] == class_name and r["configuration"] == name]
            to_gap = [
                r["time_to_1pct"] if r["time_to_1pct"] is not None else time_limit for r in selected
            ]
            to_first = [
                r["time_to_first"] if r["time_to_first"] is not None else time_limit
                for r in selected
            ]
            by_config[name] = {
                "n": len(selected),
                "mean_primal_integral": float(np.mean([r["primal_integral"] for r in selected])),
                "sgm_time_to_1pct": _shifted_geomean(to_gap),
                "sgm_time_to_first": _shifted_geomean(to_first),
                "reached_1pct": sum(r["time_to_1pct"] is not None for r in selected),
                "mean_heuristic_seconds": float(
                    np.mean([r["heuristic"]["total_seconds"] for r in selected if r["heuristic"]])
                )
                if name == "neural-diving"
                else 0.0,
            }
        default, learned = by_config["scip-default"], by_config["neural-diving"]
        summary[class_name] = {
            **{
                f"{cfg}/{key}": value
                for cfg, stats in by_config.items()
                for key, value in stats.items()
            },
            "primal_integral_ratio": learned["mean_primal_integral"]
            / default["mean_primal_integral"]
            if default["mean_primal_integral"] > 0
            else math.nan,
            "speedup_to_1pct": default["sgm_time_to_1pct"] / learned["sgm_time_to_1pct"]
            if learned["sgm_time_to_1pct"] > 0
            else math.nan,
        }
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--classes", nargs="+", default=["setcover", "cauctions", "facilities", "indset"]
    )
    parser.add_argument("--models", type=Path, required=True)
    parser.add_argument("--instances", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--preset", default="easy")
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--seed", type=int, default=100000)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--scip-seed", type=int, default=0)
    args = parser.parse_args(argv)
    config = DivingBenchmarkConfig(
        classes=tuple(args.classes),
        models=args.models,
        instances=args.instances,
        out=args.out,
        preset=args.preset,
        count=args.count,
        seed=args.seed,
        time_limit=args.time_limit,
        scip_seed=args.scip_seed,
    )
    missing = [c for c in config.classes if not (config.models / f"diving-{c}.pt").is_file()]
    if missing:
        print(f"{config.models}: no diving model for {', '.join(missing)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = run_benchmark(config)
    result["config"] = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    result["command"] = " ".join(study_command("experiments.studies.diving_benchmark", argv))
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(json.dumps(result, indent=2) + "\n")
    for class_name, stats in result["summary"].items():
        print(
            f"{class_name}: primal integral ratio {stats['primal_integral_ratio']:.3f}, "
            f"speed-up to 1 % gap {stats['speedup_to_1pct']:.2f}x"
        )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
