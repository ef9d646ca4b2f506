"""The fit's own stages: discovery and split, the baseline, collection and training.

Each stage is a :class:`Stage`: ``plan(ctx, seconds)`` fixes its parameters when it first
starts (they are saved, so a resumed stage asks for the same work and its idempotent
collection skips what is finished), ``run(ctx, params)`` does the work and returns its outputs
as JSON, and ``restore(ctx, outputs)`` puts a finished stage's outputs back into the context
when a resumed fit skips it. The tuning, gating, writing, testing and report stages are
:mod:`experiments.fit.pipeline`'s.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from experiments.fit.context import FitContext

__all__ = [
    "BRANCHING_PASSES",
    "COLLECTION_SAFETY",
    "MIN_SOLVE_SECONDS",
    "TRAINING_SAFETY",
    "OWN_STAGES",
    "Stage",
    "pass_seed",
    "per_solve_limit",
]

#: A collection's solves get this fraction of their even share of the allotment (reading,
#: forking and writing take the rest).
COLLECTION_SAFETY = 0.8
#: Training's loop gets this fraction of what is left of its allotment (loading the data,
#: fitting the domain and saving take the rest).
TRAINING_SAFETY = 0.6
#: The shortest time limit a solve is given.
MIN_SOLVE_SECONDS = 0.5
#: Record probability of each branching collection pass: the first records the first nodes of
#: each solve, the later ones, each with its own seed, nodes spread deeper in the tree. Passes
#: after the first run while the stage's allotment lasts.
BRANCHING_PASSES: tuple[float, ...] = (1.0, 0.25, 0.1, 0.05)

Plan = Callable[[FitContext, float], dict[str, Any]]
Run = Callable[[FitContext, Mapping[str, Any]], dict[str, Any]]
Restore = Callable[[FitContext, Mapping[str, Any]], None]


def _no_plan(ctx: FitContext, seconds: float) -> dict[str, Any]:
    return {}


def _no_restore(ctx: FitContext, outputs: Mapping[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class Stage:
    """One stage of the fit."""

    name: str
    """Its name (the key of its share, its state record and its results)."""
    run: Run
    """Does the work with the planned parameters; returns the outputs (JSON)."""
    plan: Plan = _no_plan
    """Fixes the parameters from the seconds allotted when the stage first starts."""
    restore: Restore = _no_restore
    """Refills the context from the outputs of the stage finished in an earlier run."""
    leaves: tuple[str, ...] = ()
    """What it writes in the fit's folder (``out/fit``), relative to it: removed when the stage
    is redone (``--redo-from``)."""


def per_solve_limit(seconds: float, n_solves: int, workers: int, safety: float) -> float:
    """The time limit of each of ``n_solves`` solves sharing ``seconds`` over ``workers``."""
    rounds = max(1, -(-n_solves // max(1, workers)))
    return max(MIN_SOLVE_SECONDS, safety * seconds / rounds)


# -- discovery and split ---------------------------------------------------------------------


def _discover(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """Find (or generate) the instances, check them, split them."""
    from experiments.fit.discover import discover_instances
    from experiments.fit.split import split_instances

    config = ctx.config
    inputs = config.inputs
    if config.generate is not None:
        from instances.generators import generate_instances, preset

        folder = ctx.work / "instances"
        generate_instances(
            config.generate,
            preset(config.generate, config.preset),
            config.count,
            config.seed,
            folder,
            command=list(config.command) or None,
        )
        inputs = (folder,)
    catalog = discover_instances(inputs, ctx.log)
    split = split_instances(catalog.hashes, config)
    sizes = split.sizes()
    ctx.log(
        f"{len(catalog.instances)} instances: {sizes['train']} train, {sizes['valid']} "
        f"validation, {sizes['test']} test ({len(catalog.skipped)} skipped, "
        f"{len(catalog.duplicates)} duplicates dropped)"
    )
    outputs = {"catalog": catalog.to_json(), "split": split.to_json(), "sizes": sizes}
    _restore_discover(ctx, outputs)
    return outputs


def _restore_discover(ctx: FitContext, outputs: Mapping[str, Any]) -> None:
    from experiments.fit.discover import InstanceCatalog
    from experiments.fit.split import Split

    ctx.catalog = InstanceCatalog.from_json(outputs["catalog"])
    ctx.split = Split.from_json(outputs["split"])


# -- baseline --------------------------------------------------------------------------------


def _plan_baseline(ctx: FitContext, seconds: float) -> dict[str, Any]:
    assert ctx.split is not None
    n = len(ctx.split.valid)
    return {"cap": per_solve_limit(seconds, n, ctx.config.workers, COLLECTION_SAFETY)}


def _baseline(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """SCIP's default on the validation instances (:mod:`experiments.fit.baseline`)."""
    from experiments.fit.baseline import run_baseline

    assert ctx.split is not None
    baseline = run_baseline(
        ctx.split.valid,
        float(params["cap"]),
        seed=ctx.config.seed,
        workers=ctx.config.workers,
        ray_address=ctx.config.ray,
        log=ctx.log,
    )
    if not baseline.branching_can_help:
        ctx.log(
            "baseline: every usable validation instance is solved at the root: "
            "learned branching has nothing to gain here"
        )
    ctx.baseline = baseline
    return {"baseline": baseline.to_json()}


def _restore_baseline(ctx: FitContext, outputs: Mapping[str, Any]) -> None:
    from experiments.fit.baseline import Baseline

    ctx.baseline = Baseline.from_json(outputs["baseline"])


# -- collection ------------------------------------------------------------------------------


def _plan_collection(ctx: FitContext, seconds: float) -> dict[str, Any]:
    assert ctx.split is not None
    n = len(ctx.split.train)
    return {"time_limit": per_solve_limit(seconds, n, ctx.config.workers, COLLECTION_SAFETY)}


def _plan_branching_collection(ctx: FitContext, seconds: float) -> dict[str, Any]:
    """Each pass's solves may take half the allotment: the first pass always runs, a later one
    only while half the allotment is left (so the passes end within it)."""
    return _plan_collection(ctx, seconds / 2)


def pass_seed(master_seed: int, index: int) -> int:
    """The collection seed of branching pass ``index`` (pass 0: the fit's master seed)."""
    if index == 0:
        return master_seed
    sequence = np.random.SeedSequence([master_seed, index])
    return int(sequence.generate_state(1, dtype=np.uint32)[0] & (2**31 - 1))


def _collect_branching(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """Strong branching samples on the training instances (:mod:`experiments.collect_branching`)
    in passes (:data:`BRANCHING_PASSES`), one folder each; the outputs count the samples in the
    folders, earlier runs' included."""
    from gnn.dataset import recorded_instance

    assert ctx.split is not None
    time_limit = float(params["time_limit"])
    rounds = -(-len(ctx.split.train) // max(1, ctx.config.workers))
    worst_case = rounds * time_limit / COLLECTION_SAFETY
    passes = []
    for index, record_prob in enumerate(BRANCHING_PASSES):
        if index > 0 and ctx.budget.stage_left("collect_branching") < worst_case:
            break
        passes.append(_branching_pass(ctx, index, record_prob, time_limit))
    files = _branching_files(ctx.work / "data" / "branching")
    return {
        "folder": str(ctx.work / "data" / "branching"),
        "n_instances": len(ctx.split.train),
        "n_with_samples": len({recorded_instance(path) for path in files}),
        "n_samples": sum(p["n_samples"] for p in passes),
        "passes": passes,
        "failures": [failure for p in passes for failure in p["failures"]],
        "time_limit": time_limit,
    }


def _branching_pass(
    ctx: FitContext, index: int, record_prob: float, time_limit: float
) -> dict[str, Any]:
    """One collection pass over the training instances, into ``data/branching/pass-INDEX``."""
    from experiments.collect_branching import CollectBranchingConfig, collect_branching
    from gnn.dataset import read_metadata

    assert ctx.split is not None
    folder = ctx.work / "data" / "branching" / f"pass-{index}"
    seed = pass_seed(ctx.config.seed, index)
    config = CollectBranchingConfig(seed=seed, time_limit=time_limit, record_prob=record_prob)
    summary = collect_branching(
        ctx.split.train,
        folder,
        config,
        workers=ctx.config.workers,
        ray_address=ctx.config.ray,
        progress=False,
        command=list(ctx.config.command) or None,
    )
    _log_failures(ctx, "branching samples", summary.failures, folder)
    n_samples = sum(int(read_metadata(path)["n_samples"]) for path in _branching_files(folder))
    ctx.log(
        f"collect branching pass {index} (record probability {record_prob}): {n_samples} samples"
    )
    return {
        "index": index,
        "seed": seed,
        "record_prob": record_prob,
        "n_samples": n_samples,
        "failures": list(summary.failures),
    }


def _collect_solutions(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """Feasible solutions of the training instances (:mod:`experiments.collect_solutions`)."""
    from experiments.collect_solutions import CollectSolutionsConfig, collect_solutions

    assert ctx.split is not None
    folder = ctx.work / "data" / "solutions"
    config = CollectSolutionsConfig(
        out=folder,
        instances=ctx.split.train,
        seed=ctx.config.seed,
        workers=ctx.config.workers,
        ray_address=ctx.config.ray,
        time_limit=float(params["time_limit"]),
        command=ctx.config.command,
    )
    summary = collect_solutions(config, progress=False)
    _log_failures(ctx, "solutions", summary.failures, folder)
    return {
        "folder": str(folder),
        "n_instances": summary.n_instances,
        "n_files": len(list(folder.glob("*.npz"))),
        "failures": list(summary.failures),
        "time_limit": float(params["time_limit"]),
    }


def _log_failures(ctx: FitContext, what: str, failures: tuple[str, ...], folder: Path) -> None:
    """Report each failed instance; a full disk in a worker stops the fit as one in the fit
    itself does (the stage stays unfinished, so ``--resume`` collects what is missing)."""
    for failure in failures:
        ctx.log(f"collect {what}: failed: {failure}")
    if any(os.strerror(errno.ENOSPC) in failure for failure in failures):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


# -- training --------------------------------------------------------------------------------


def _training_seconds(ctx: FitContext, name: str) -> float:
    return max(MIN_SOLVE_SECONDS, TRAINING_SAFETY * ctx.budget.stage_left(name))


def _training_threads(ctx: FitContext) -> int:
    """torch threads of the fit's training: one per worker the fit was given (``--workers``).
    torch's own default takes every core, and on a machine shared with other work its threads
    wait on each other: 4x slower for one epoch on 2 busy cores."""
    return max(1, int(ctx.config.workers))


def _not_trained(ctx: FitContext, kind: str, why: str) -> dict[str, Any]:
    ctx.log(f"{kind} model not trained: {why}")
    ctx.checkpoints.pop(kind, None)
    return {"checkpoint": None, "why": why}


def _branching_files(folder: Path) -> list[Path]:
    """The complete samples files of ``folder`` and its pass folders that hold a sample."""
    from gnn.dataset import read_metadata, sample_files

    if not folder.is_dir():
        return []
    folders = [folder, *sorted(path for path in folder.iterdir() if path.is_dir())]
    return [path for path in sample_files(folders) if read_metadata(path).get("n_samples", 0) > 0]


def _train_branching(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """Train the branching model on the samples (:mod:`experiments.train_branching`)."""
    from experiments.train_branching import TrainBranchingConfig, train_branching

    assert ctx.split is not None
    files = _branching_files(ctx.work / "data" / "branching")
    if len(files) < 2:
        return _not_trained(
            ctx, "branching", f"samples from {len(files)} instance(s); training needs 2 or more"
        )
    out = ctx.work / "runs" / "branching.pt"
    out.parent.mkdir(parents=True, exist_ok=True)
    config = TrainBranchingConfig(
        data=tuple(files),
        out=out,
        seed=ctx.config.seed,
        time_limit=_training_seconds(ctx, "train_branching"),
        instances=ctx.split.train,
        threads=_training_threads(ctx),
    )
    try:
        metrics = train_branching(config, command=ctx.command)
    except ValueError as error:
        return _not_trained(ctx, "branching", str(error))
    ctx.checkpoints["branching"] = out
    return {"checkpoint": str(out), "metrics": _summary_metrics(metrics)}


def _train_diving(ctx: FitContext, params: Mapping[str, Any]) -> dict[str, Any]:
    """Train the diving model on the solutions (:mod:`experiments.train_diving`)."""
    from experiments.train_diving import TrainDivingConfig, train_diving

    assert ctx.split is not None
    folder = ctx.work / "data" / "solutions"
    if not folder.is_dir() or not any(folder.glob("*.npz")):
        return _not_trained(ctx, "diving", "no solutions were collected")
    out = ctx.work / "runs" / "diving.pt"
    out.parent.mkdir(parents=True, exist_ok=True)
    config = TrainDivingConfig(
        data=(folder,),
        out=out,
        seed=ctx.config.seed,
        time_limit=_training_seconds(ctx, "train_diving"),
        instances=ctx.split.train,
        threads=_training_threads(ctx),
    )
    try:
        metrics = train_diving(config, command=ctx.command)
    except ValueError as error:
        return _not_trained(ctx, "diving", str(error))
    ctx.checkpoints["diving"] = out
    return {"checkpoint": str(out), "metrics": _summary_metrics(metrics)}


def _summary_metrics(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """The metrics without the per-file lists (the history is kept: the report plots it)."""
    return {k: v for k, v in metrics.items() if k not in ("train_files", "valid_files")}


def _restore_checkpoint(kind: str) -> Restore:
    def restore(ctx: FitContext, outputs: Mapping[str, Any]) -> None:
        if outputs.get("checkpoint"):
            ctx.checkpoints[kind] = Path(outputs["checkpoint"])

    return restore


#: The fit's own stages, in order.
OWN_STAGES: tuple[Stage, ...] = (
    Stage("discover", _discover, restore=_restore_discover),
    Stage("baseline", _baseline, _plan_baseline, _restore_baseline),
    Stage(
        "collect_branching",
        _collect_branching,
        _plan_branching_collection,
        leaves=("data/branching",),
    ),
    Stage("collect_solutions", _collect_solutions, _plan_collection, leaves=("data/solutions",)),
    Stage(
        "train_branching",
        _train_branching,
        restore=_restore_checkpoint("branching"),
        leaves=("runs/branching.pt", "runs/branching.json"),
    ),
    Stage(
        "train_diving",
        _train_diving,
        restore=_restore_checkpoint("diving"),
        leaves=("runs/diving.pt", "runs/diving.json"),
    ),
)
