"""``neuralmip train --kind branching``: imitate strong branching with a GCNN or the hybrid.

Example (the README's pipeline)::

    neuralmip collect --kind branching --instances data/setcover --out data/sb/setcover
    neuralmip train --kind branching --data data/sb/setcover --model hybrid \\
        --out models/branching-setcover.pt --seed 0

Samples files (one per instance) are split into training and validation sets by a seeded
permutation of the files, so no instance contributes to both. The hybrid's encoder sees each
solve's first recorded node, as at solve time (``--encoder-graph root``, :mod:`gnn.rooted`).
The checkpoint records the resolved config, the validation metrics (top-1, top-5, expert-score
ratio), the domain of the instances the samples came from (:mod:`experiments.domain`), library
versions and the command; a ``.json`` beside it repeats config and metrics for people.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from experiments.training import (
    TrainConfig,
    prepare_torch,
    save_trained_model,
    seeded_split,
)

__all__ = [
    "CONFIG",
    "TRAIN",
    "ENCODER_GRAPHS",
    "LOSSES",
    "MODELS",
    "TrainBranchingConfig",
    "add_arguments",
    "summary",
    "split_sample_files",
    "train_branching",
]

logger = logging.getLogger(__name__)


def _models() -> dict[str, type]:
    from gnn.models import GCNNPolicy, HybridPolicy

    return {"gcnn": GCNNPolicy, "hybrid": HybridPolicy}


def _losses() -> dict[str, Callable[..., Any]]:
    from gnn.training import expert_cross_entropy, score_distribution_cross_entropy

    return {"expert": expert_cross_entropy, "scores": score_distribution_cross_entropy}


#: ``--model`` choices (the classes are imported when training starts).
MODELS: tuple[str, ...] = ("gcnn", "hybrid")
#: ``--loss`` choices: cross-entropy to the expert's choice (Gasse) or to the score
#: distribution ``s_i / sum s`` (Nair).
LOSSES: tuple[str, ...] = ("expert", "scores")
#: ``--encoder-graph`` choices: what graph the hybrid's encoder sees in training.
ENCODER_GRAPHS: tuple[str, ...] = ("root", "node")


@dataclass(frozen=True)
class TrainBranchingConfig(TrainConfig):
    """What ``neuralmip train --kind branching`` does (shared options: :class:`TrainConfig`)."""

    model: str = "hybrid"
    """Network: ``gcnn`` (Gasse et al.) or ``hybrid`` (Gupta et al., fast on a CPU)."""
    loss: str = "expert"
    """Imitation loss: ``expert`` (cross-entropy to the best) or ``scores`` (to s / sum s)."""
    max_samples: int | None = None
    """Use at most this many training samples (a seeded subset); None: all."""
    encoder_graph: str | None = None
    """The graph the hybrid's encoder sees for a sample: ``root``, its solve's first recorded
    node, as at solve time, batched with up to ``samples_per_root`` samples of the same solve
    (:mod:`gnn.rooted`; on a CPU about ten times faster); ``node``, the sample's own graph.
    None: ``root`` for the hybrid; the GCNN always sees ``node``."""
    samples_per_root: int = 8
    """With ``encoder_graph = root``: samples of one solve batched together."""
    hidden_size: int | None = None
    """Width of the hybrid's node MLP (None: :class:`gnn.models.HybridPolicy`'s default, 32)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.model not in MODELS:
            raise ValueError(f"--model must be one of {', '.join(MODELS)}, got {self.model!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"--loss must be one of {', '.join(LOSSES)}, got {self.loss!r}")
        if self.encoder_graph is not None and self.encoder_graph not in ENCODER_GRAPHS:
            raise ValueError(
                f"--encoder-graph must be one of {', '.join(ENCODER_GRAPHS)}, "
                f"got {self.encoder_graph!r}"
            )
        if self.model == "gcnn" and self.encoder_graph == "root":
            raise ValueError("--encoder-graph root is the hybrid's: the GCNN scores each node")
        if self.encoder_graph is None:  # recorded resolved, as every other default
            object.__setattr__(self, "encoder_graph", "root" if self.model == "hybrid" else "node")
        if self.hidden_size is not None and (self.model != "hybrid" or self.hidden_size < 1):
            raise ValueError("--hidden-size is the hybrid's node MLP width: a positive integer")
        if self.samples_per_root < 1:
            raise ValueError(f"--samples-per-root must be positive, got {self.samples_per_root}")

    @property
    def rooted(self) -> bool:
        """Whether the encoder sees each solve's root graph (see ``encoder_graph``)."""
        return self.encoder_graph == "root"


#: The config class ``neuralmip train`` builds for this kind.
CONFIG = TrainBranchingConfig


def split_sample_files(
    files: list[Path], valid_fraction: float, seed: int
) -> tuple[list[Path], list[Path]]:
    """Training and validation files: a seeded permutation of the instances, so no instance is
    in both (files recorded from the same instance, e.g. by collections with other seeds, go
    together; the instance is the ``instance_sha256`` of a file's metadata, or the file itself
    when it records none). With one file per instance, a seeded permutation of the files."""
    groups = _files_by_instance(files)
    if len(groups) < 2:
        raise ValueError(
            f"{files[0] if files else 'data'}: need samples from at least two instances "
            "to hold one out for validation"
        )
    valid, train = seeded_split(len(groups), valid_fraction, seed)
    return (
        sorted(path for i in train for path in groups[i]),
        sorted(path for i in valid for path in groups[i]),
    )


def _files_by_instance(files: list[Path]) -> list[list[Path]]:
    """``files`` grouped by the instance they were recorded from, in order of first file."""
    from gnn.dataset import recorded_instance

    groups: dict[str, list[Path]] = {}
    for path in files:
        groups.setdefault(recorded_instance(path), []).append(path)
    return list(groups.values())


def _kept_indices(n: int, limit: int | None, seed: int) -> np.ndarray:
    """All of ``range(n)``, or a seeded sorted subset of ``limit`` of them."""
    indices = np.arange(n)
    if limit is not None and limit < n:
        indices = np.sort(np.random.default_rng(seed).choice(indices, limit, replace=False))
    return indices


def _materialise(files: list[Path], rooted: bool, limit: int | None, seed: int) -> Any:
    """The samples of ``files`` (at most ``limit``, a seeded subset): whole graphs, or tied to
    their solve's root graph (:func:`gnn.rooted.rooted_samples`)."""
    from gnn.dataset import BranchingDataset
    from gnn.rooted import rooted_samples

    if rooted:
        samples = rooted_samples(BranchingDataset(files, cache_files=1))
        return samples.subset(_kept_indices(len(samples), limit, seed))
    dataset = BranchingDataset(files)
    return [dataset[int(i)] for i in _kept_indices(len(dataset), limit, seed)]


@dataclass(frozen=True)
class _Data:
    """The samples of one training run, split by file."""

    train_files: list[Path]
    valid_files: list[Path]
    train: list[Any]
    valid: list[Any]


def _load_data(config: TrainBranchingConfig) -> _Data:
    """Find the samples files, split them and load the samples (one line on bad data)."""
    from gnn.dataset import sample_files

    try:
        files = sample_files(config.data)
    except FileNotFoundError as error:
        raise ValueError(str(error)) from None
    if not files:
        raise ValueError(f"{', '.join(map(str, config.data))}: no complete samples files found")
    train_files, valid_files = split_sample_files(files, config.valid_fraction, config.seed)
    train = _materialise(train_files, config.rooted, config.max_samples, config.seed)
    valid = _materialise(valid_files, config.rooted, None, config.seed)
    if not len(train) or not len(valid):
        raise ValueError(
            f"{config.data[0]}: too few samples to train: {len(train)} in the training files "
            f"({len(train_files)}), {len(valid)} in the validation files ({len(valid_files)}); "
            "collect more instances (the split is by file)"
        )
    logger.info(
        "%d training samples (%d files), %d validation samples (%d files)",
        len(train),
        len(train_files),
        len(valid),
        len(valid_files),
    )
    return _Data(train_files, valid_files, train, valid)


def _fit(config: TrainBranchingConfig, data: _Data) -> Any:
    """Build the seeded model and train it; returns the fitted trainer."""
    import torch

    from gnn.training import BranchingTrainer

    with torch.random.fork_rng():  # seeded initial weights without touching the caller's RNG
        torch.manual_seed(config.seed)
        sizes = {} if config.hidden_size is None else {"hidden_size": config.hidden_size}
        model = _models()[config.model](embedding_size=config.embedding_size, **sizes)
    return BranchingTrainer(
        model,
        loss=_losses()[config.loss],
        samples_per_root=config.samples_per_root,
        options=config.training_options(),
    ).fit(data.train, data.valid)


def train_branching(config: TrainBranchingConfig, command: str | None = None) -> dict[str, Any]:
    """Train a branching model on ``config.data``; write its checkpoint and ``.json`` record.

    Returns
    -------
    dict
        The recorded metrics: validation top-1, top-5 and score ratio at the best epoch,
        sample and file counts, and the per-epoch history.

    Raises
    ------
    ValueError
        The samples are missing, unreadable or too few to split (one line naming the path).
    """
    from gnn.dataset import read_metadata

    prepare_torch(config)
    data = _load_data(config)
    trainer = _fit(config, data)
    metrics = {
        "valid": trainer.best_metrics_,
        "best_epoch": trainer.best_epoch_,
        "epochs_run": len(trainer.history_),
        "train_seconds": trainer.history_[-1]["seconds"],
        "n_train_samples": len(data.train),
        "n_valid_samples": len(data.valid),
        "n_train_files": len(data.train_files),
        "n_valid_files": len(data.valid_files),
        "train_files": [str(p) for p in data.train_files],
        "valid_files": [str(p) for p in data.valid_files],
        "history": trainer.history_,
    }
    save_trained_model(
        config,
        trainer.model_,
        metrics=metrics,
        records=((path, read_metadata(path)) for path in data.train_files + data.valid_files),
        command=command,
    )
    return metrics


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of branching alone to ``neuralmip train``'s parser."""
    group = parser.add_argument_group("branching (--kind branching)")
    group.add_argument("--model", choices=MODELS, default=None, help="default hybrid")
    group.add_argument("--loss", choices=LOSSES, default=None, help="default expert")
    group.add_argument(
        "--encoder-graph",
        choices=ENCODER_GRAPHS,
        default=None,
        help="the graph the hybrid's encoder sees for a sample: root (its solve's first "
        "recorded node, as at solve time; default) or node (its own)",
    )
    group.add_argument(
        "--samples-per-root",
        type=int,
        default=None,
        metavar="N",
        help="with --encoder-graph root: samples of one solve batched together (default: 8)",
    )
    group.add_argument(
        "--hidden-size",
        type=int,
        default=None,
        metavar="N",
        help="width of the hybrid's node MLP, the part run at every node (default: 32)",
    )
    group.add_argument(
        "--max-samples",
        type=int,
        default=None,
        metavar="N",
        help="train on at most N samples, a seeded subset (default: all)",
    )


def summary(config: TrainBranchingConfig, metrics: dict[str, Any]) -> str:
    """The line ``neuralmip train --kind branching`` prints when done."""
    valid = metrics["valid"]
    return (
        f"wrote {config.out}: {metrics['n_train_samples']} train / {metrics['n_valid_samples']} "
        f"valid samples, best epoch {metrics['best_epoch']}, valid top1 {valid['top1']:.3f}, "
        f"top5 {valid['top5']:.3f}, score ratio {valid['score_ratio']:.3f}"
    )


#: What ``neuralmip train --kind branching`` calls with the config and the command line.
TRAIN = train_branching
