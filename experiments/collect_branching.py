"""Collect strong branching samples: solve instances with the expert and record its nodes.

For each instance, SCIP solves with :class:`solver.strong_branching.StrongBranchingRule` in
front of its own rules; the rule records the node observation
(:class:`gnn.observation.NodeBipartite`), the candidates and their strong branching scores, and
interrupts the solve once ``samples_per_instance`` samples are recorded. Each instance's samples
go to ``<out>/<instance stem>.npz`` with ``<stem>.json`` beside it (see :mod:`gnn.dataset`),
written atomically; an instance whose output exists for the same file contents is skipped, so an
interrupted run resumes where it stopped. Instances run in parallel through
:func:`experiments.executors.make_executor`.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from experiments.domain import instance_reference
from experiments.executors import run_collection

# Imported here, not in the worker, so that forked workers run the code this process loaded.
from gnn.dataset import is_complete, read_metadata, write_json_atomic, write_samples
from gnn.observation import NodeBipartite
from instances.generators import library_versions, sha256_of
from instances.reading import read_instance
from solver.settings import check_scip_params
from solver.setup import SolveSetup, configure_model
from solver.strong_branching import (
    InfeasibleScoring,
    Preselection,
    StrongBranchingConfig,
    include_strong_branching,
)

__all__ = [
    "CollectBranchingConfig",
    "CollectBranchingSummary",
    "InstanceJob",
    "InstanceResult",
    "collect_branching",
    "collect_instance",
    "samples_path_for",
    "instance_scip_seed",
    "CONFIG_FILE_NAME",
]

logger = logging.getLogger(__name__)

#: The resolved run configuration, written into the output folder.
CONFIG_FILE_NAME = "collect_config.json"

_INSTANCE_SUFFIXES = (".gz", ".bz2", ".mps", ".lp", ".cip")


@dataclass(frozen=True)
class CollectBranchingConfig:
    """What one branching collection records, and how each instance is solved."""

    samples_per_instance: int = 50
    """Stop an instance's solve after recording this many samples."""
    max_nodes: int | None = None
    """SCIP node limit per instance (``limits/nodes``); None: no limit."""
    explore_prob: float = 0.05
    """Probability of branching on the pseudocost-best candidate instead of the expert's."""
    record_prob: float = 1.0
    """Probability of recording a node at which the expert branched (Gasse et al.: 0.05)."""
    time_limit: float = 120.0
    """Seconds per instance (``limits/time``); samples recorded until then are kept. A solve
    usually stops sooner, once ``samples_per_instance`` samples are recorded; the limit bounds
    the instances where full strong branching is slow."""
    seed: int = 0
    """Master seed: each instance's SCIP and rule seeds derive from it and the file's hash."""
    iteration_limit: int = 2**31 - 1
    """LP iterations per strong branching call (``INT_MAX``: full strong branching)."""
    cut_off_infeasible_nodes: bool = True
    """Let the expert cut off nodes it proves infeasible
    (:attr:`solver.strong_branching.StrongBranchingConfig.cut_off_infeasible_nodes`); data
    collected before this option existed (commit 59870a7, 2026-11-27) branched there (and has
    no such field in its metadata)."""
    infeasible_scoring: InfeasibleScoring = "cutoff-gain"
    """How the expert scores a candidate with an infeasible child
    (:attr:`solver.strong_branching.StrongBranchingConfig.infeasible_scoring`); data collected
    before this option existed (commit 4529ee3, 2026-11-27) has ``"rank-first"`` labels (and no
    such field in its metadata)."""
    candidate_limit: int | None = None
    """Strong-branch on at most this many pre-selected candidates per node; the others are
    recorded as not scored (:attr:`solver.strong_branching.StrongBranchingConfig.candidate_limit`).
    None (the default): every candidate."""
    preselection: Preselection = "history"
    """Ranking of the pre-selection, ``"history"`` (the default), ``"pseudocost"`` or
    ``"lookahead"`` (:attr:`solver.strong_branching.StrongBranchingConfig.preselection`)."""
    lookahead_iterations: int = 3
    """LP iterations per child of the ``"lookahead"`` ranking (default 3)."""
    random_candidates: int = 0
    """Candidates drawn at random among those not pre-selected, also scored (default 0)."""
    scip_params: Mapping[str, Any] = field(
        hash=False, default_factory=lambda: {"separating/maxrounds": 0, "presolving/maxrestarts": 0}
    )
    """SCIP parameters of the solves; default Gasse et al.'s: cuts at the root only, no
    restarts (a restart would change the LP columns mid-collection)."""

    def __post_init__(self) -> None:
        # A private plain copy (picklable for workers; the caller's dict may change later).
        object.__setattr__(self, "scip_params", dict(self.scip_params))
        if self.samples_per_instance < 1:
            raise ValueError(f"samples_per_instance must be >= 1, got {self.samples_per_instance}")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise ValueError(f"max_nodes must be >= 1 or None, got {self.max_nodes}")
        for name in ("explore_prob", "record_prob"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1], got {value}")
        if self.record_prob == 0.0:
            raise ValueError("record_prob must be > 0, or nothing is ever recorded")
        if not self.time_limit > 0:
            raise ValueError(f"time_limit must be > 0, got {self.time_limit}")
        if self.seed < 0:
            raise ValueError(f"seed must be >= 0, got {self.seed}")
        self.expert_config()  # the expert's own checks (e.g. infeasible_scoring), up front

    def expert_config(self) -> StrongBranchingConfig:
        """The strong branching expert's settings for this collection."""
        return StrongBranchingConfig(
            iteration_limit=self.iteration_limit,
            explore_prob=self.explore_prob,
            record_prob=self.record_prob,
            max_samples=self.samples_per_instance,
            infeasible_scoring=self.infeasible_scoring,
            cut_off_infeasible_nodes=self.cut_off_infeasible_nodes,
            candidate_limit=self.candidate_limit,
            preselection=self.preselection,
            lookahead_iterations=self.lookahead_iterations,
            random_candidates=self.random_candidates,
        )

    def to_json(self) -> dict[str, Any]:
        """The config as a JSON-ready dict."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)} | {
            "scip_params": dict(self.scip_params)
        }


@dataclass(frozen=True)
class InstanceJob:
    """One instance to collect from (picklable, sent to a worker)."""

    instance: Path
    """The instance file."""
    output: Path
    """Its samples file (``.npz``)."""
    config: CollectBranchingConfig
    """What to record."""
    command: tuple[str, ...]
    """The command line, recorded in the metadata."""


@dataclass(frozen=True)
class InstanceResult:
    """What collecting one instance gave."""

    n_samples: int
    """Samples written."""
    status: str
    """SCIP's final status (``userinterrupt`` when the sample limit stopped it)."""
    n_nodes: int
    """Nodes SCIP processed."""
    seconds: float
    """Wall time of the solve."""


@dataclass(frozen=True)
class CollectBranchingSummary:
    """What a collection run did."""

    n_instances: int
    """Instances considered."""
    n_collected: int
    """Instances solved and written by this run."""
    n_skipped: int
    """Instances whose output existed already."""
    n_samples: int
    """Samples written by this run."""
    failures: tuple[str, ...]
    """One line per failed instance."""

    @property
    def n_failed(self) -> int:
        """Instances that failed."""
        return len(self.failures)


def samples_path_for(out_dir: str | Path, instance: str | Path) -> Path:
    """The samples file of ``instance``: ``<out_dir>/<name without .mps/.lp/.gz...>.npz``."""
    name = Path(instance).name
    while True:
        stem, dot, suffix = name.rpartition(".")
        if not dot or f".{suffix.lower()}" not in _INSTANCE_SUFFIXES:
            break
        name = stem
    return Path(out_dir) / f"{name}.npz"


def instance_scip_seed(master_seed: int, instance_sha256: str) -> int:
    """SCIP seed of one instance: depends on the master seed and the file's contents only.

    So a file gets the same seed whichever batch or order it is collected in.
    """
    sequence = np.random.SeedSequence([master_seed, int(instance_sha256[:16], 16)])
    return int(sequence.generate_state(1, dtype=np.uint32)[0] & (2**31 - 1))


def _versions() -> dict[str, str]:
    versions = library_versions()
    versions["torch"] = torch.__version__
    return versions


def _output_is_current(output: Path, instance_sha256: str, config: CollectBranchingConfig) -> bool:
    """An output is kept when it holds this instance's samples recorded with this config."""
    if not is_complete(output):
        return False
    try:
        metadata = read_metadata(output)
    except (OSError, ValueError):
        return False
    # Files from before these fields existed: "rank-first" labels, no cutoffs, every
    # candidate scored.
    before = {
        "infeasible_scoring": "rank-first",
        "cut_off_infeasible_nodes": False,
        "candidate_limit": None,
        "preselection": "history",
        "lookahead_iterations": 3,
        "random_candidates": 0,
    }
    recorded = before | metadata.get("config", {})
    return metadata.get("instance_sha256") == instance_sha256 and recorded == config.to_json()


def collect_instance(job: InstanceJob) -> InstanceResult:
    """Solve one instance with the recording expert and write its samples (worker function).

    Raises
    ------
    KeyboardInterrupt
        If the solve was interrupted by the user (SCIP caught Ctrl-C): nothing is written.
    instances.errors.InstanceError
        If the file cannot be read or is not a valid problem.
    """
    config = job.config
    sha256 = sha256_of(job.instance)
    scip_seed = instance_scip_seed(config.seed, sha256)
    model = read_instance(job.instance, require_linear=True)
    try:
        model.hideOutput()
        params = dict(config.scip_params)
        if config.max_nodes is not None:
            params["limits/nodes"] = int(config.max_nodes)
        setup = SolveSetup(scip_params=params, seed=scip_seed, time_limit=float(config.time_limit))
        configure_model(model, setup)
        observation = NodeBipartite()
        rule = include_strong_branching(
            model,
            config.expert_config(),
            rng=np.random.default_rng(scip_seed),
            observation=observation,
        )
        observation.before_reset(model)
        start = time.perf_counter()
        model.optimize()
        seconds = time.perf_counter() - start
        status = model.getStatus()
        if status == "userinterrupt" and not rule.stopped_by_sample_limit:
            raise KeyboardInterrupt(f"{job.instance}: solve interrupted by the user")
        n_nodes = int(model.getNNodes())
        metadata = {
            "kind": "branching",
            "instance": instance_reference(job.instance, job.output),
            "instance_sha256": sha256,
            "master_seed": config.seed,
            "scip_seed": scip_seed,
            "config": config.to_json(),
            "command": list(job.command),
            "library_versions": _versions(),
            "scip_status": status,
            "stopped_by_sample_limit": rule.stopped_by_sample_limit,
            "n_nodes": n_nodes,
            "n_branching_calls": rule.n_calls,
            "n_expert_branchings": rule.n_expert,
            "n_explored_branchings": rule.n_explored,
            "n_failed_calls": rule.n_failed,
            "n_unlabelled_nodes": rule.n_unlabelled,
            "solve_seconds": seconds,
            "strong_branching_seconds": rule.strong_branching_seconds,
            "observation_seconds": rule.observation_seconds,
        }
        write_samples(job.output, rule.samples, metadata)
        return InstanceResult(len(rule.samples), status, n_nodes, seconds)
    finally:
        model.free()  # freeProb() leaks the SCIP instance of a model with Python plugins


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Delete temporary files a killed run left behind (one run per output folder at a time)."""
    for stale in out_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


def _outputs_of(paths: list[Path], out_dir: Path) -> dict[Path, Path]:
    """``samples file -> instance`` for every instance (a ``ValueError`` for a missing
    instance, or two that would write the same samples file)."""
    outputs: dict[Path, Path] = {}
    for path in paths:
        if not path.is_file():
            raise ValueError(f"{path}: instance file not found")
        output = samples_path_for(out_dir, path)
        if output in outputs:
            raise ValueError(
                f"{path}: same output name {output.name} as {outputs[output]}; rename one"
            )
        outputs[output] = path
    return outputs


def collect_branching(
    instances: Sequence[str | Path],
    out_dir: str | Path,
    config: CollectBranchingConfig | None = None,
    *,
    workers: int = 1,
    ray_address: str | None = None,
    progress: bool = True,
    command: Sequence[str] | None = None,
) -> CollectBranchingSummary:
    """Collect strong branching samples from ``instances`` into ``out_dir``; skip finished ones.

    Parameters
    ----------
    instances
        Instance files. Their names (without extension) must be distinct: they name the outputs.
    out_dir
        Output folder (created). Receives one ``.npz`` + ``.json`` per instance and
        :data:`CONFIG_FILE_NAME`.
    config
        What to record; default :class:`CollectBranchingConfig()`.
    workers, ray_address
        Parallelism, see :func:`experiments.executors.make_executor`.
    progress
        Show a progress bar on stderr.
    command
        Command line to record; default ``sys.argv``.

    Returns
    -------
    CollectBranchingSummary

    Raises
    ------
    ValueError
        If two instances map to the same output name, an instance file does not exist, or a
        SCIP parameter is unknown or of the wrong type.
    """
    config = CollectBranchingConfig() if config is None else config
    command = tuple(sys.argv if command is None else command)
    out_dir = Path(out_dir)
    paths = [Path(p) for p in instances]
    outputs = _outputs_of(paths, out_dir)
    check_scip_params(config.scip_params)  # a ScipParamError now, not one per worker
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(out_dir)
    write_json_atomic(
        out_dir / CONFIG_FILE_NAME,
        {
            "kind": "branching",
            "config": config.to_json(),
            "command": list(command),
            "library_versions": _versions(),
            "instances": [str(p) for p in paths],
        },
    )
    jobs = [
        InstanceJob(path, output, config, command)
        for output, path in outputs.items()
        if not _output_is_current(output, sha256_of(path), config)
    ]
    tally = run_collection(
        collect_instance,
        jobs,
        items="samples",
        count=lambda result: result.n_samples,
        n_total=len(paths),
        workers=workers,
        ray_address=ray_address,
        progress=progress,
    )
    return CollectBranchingSummary(
        n_instances=len(paths),
        n_collected=tally.n_done,
        n_skipped=len(paths) - len(jobs),
        n_samples=tally.n_items,
        failures=tally.failures,
    )
