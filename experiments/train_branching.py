"""``neuralmip train --kind branching``: imitate strong branching with a GCNN or the hybrid.

Example::

    neuralmip collect --kind branching --generate setcover --preset easy --count 40 \\
        --seed 0 --out /work/data/branching/setcover
    neuralmip train --kind branching --data /work/data/branching/setcover --model hybrid \\
        --out solver/models/branching-setcover.pt --seed 0

Samples files (one per instance) are split into training and validation sets by a seeded
permutation of the files, so no instance contributes to both. The checkpoint records the
resolved config, the validation metrics (top-1, top-5, expert-score ratio), library versions and
the command; a ``.json`` beside it repeats config and metrics for people.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "LOSSES",
    "MODELS",
    "TrainBranchingConfig",
    "add_arguments",
    "run",
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


@dataclass(frozen=True)
class TrainBranchingConfig:
    """What ``neuralmip train --kind branching`` does."""

    data: tuple[Path, ...]
    """Folders (or ``.npz`` files) of strong branching samples."""
    out: Path
    """Checkpoint file to write (``.pt``)."""
    model: str = "hybrid"
    """Network: ``gcnn`` (Gasse et al.) or ``hybrid`` (Gupta et al., fast on a CPU)."""
    seed: int = 0
    """Seeds the split, the initialisation and the batch order."""
    valid_fraction: float = 0.2
    """Fraction of samples files (instances) held out for validation (at least one)."""
    loss: str = "expert"
    """Imitation loss: ``expert`` (cross-entropy to the best) or ``scores`` (to s / sum s)."""
    embedding_size: int = 64
    """Width of the GCNN embeddings."""
    learning_rate: float = 1e-3
    """Adam's initial learning rate."""
    batch_size: int = 32
    """Samples per step."""
    epochs: int = 100
    """Maximum number of epochs."""
    lr_patience: int = 10
    """Epochs without validation improvement before the learning rate is multiplied by 0.2."""
    patience: int = 20
    """Epochs without validation improvement before training stops."""
    max_seconds: float | None = None
    """Wall-clock budget of training (the best model so far is kept); None: none."""
    max_samples: int | None = None
    """Use at most this many training samples (a seeded subset); None: all."""
    device: str | None = None
    """``cpu``, ``cuda`` or None (CUDA when present)."""
    threads: int | None = None
    """``torch.set_num_threads`` for training on a CPU (None: torch's default); on a shared
    machine 1 avoids threads spinning while they wait for a core."""

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise ValueError(f"--model must be one of {', '.join(MODELS)}, got {self.model!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"--loss must be one of {', '.join(LOSSES)}, got {self.loss!r}")
        if not 0.0 < self.valid_fraction < 1.0:
            raise ValueError(f"--valid-fraction must be in (0, 1), got {self.valid_fraction}")
        for name in ("embedding_size", "batch_size", "epochs", "lr_patience", "patience"):
            if getattr(self, name) < 1:
                raise ValueError(
                    f"--{name.replace('_', '-')} must be >= 1, got {getattr(self, name)}"
                )


def split_sample_files(
    files: list[Path], valid_fraction: float, seed: int
) -> tuple[list[Path], list[Path]]:
    """Training and validation files: a seeded permutation, so no instance is in both."""
    if len(files) < 2:
        raise ValueError(
            f"{files[0] if files else 'data'}: need samples from at least two instances "
            "to hold one out for validation"
        )
    order = np.random.default_rng(seed).permutation(len(files))
    n_valid = min(max(1, round(valid_fraction * len(files))), len(files) - 1)
    valid = sorted(files[i] for i in order[:n_valid])
    train = sorted(files[i] for i in order[n_valid:])
    return train, valid


def _materialise(dataset: Any, limit: int | None, seed: int) -> list[Any]:
    indices = np.arange(len(dataset))
    if limit is not None and limit < len(indices):
        indices = np.sort(np.random.default_rng(seed).choice(indices, limit, replace=False))
    return [dataset[int(i)] for i in indices]


def train_branching(config: TrainBranchingConfig, command: str | None = None) -> dict[str, Any]:
    """Train and save a branching model; returns the metrics written into the checkpoint.

    Raises
    ------
    ValueError
        One line naming the file or folder when the data is missing or unreadable.
    """
    import torch

    from experiments.fit_domain import domain_of_folders
    from gnn.checkpoint import save_checkpoint
    from gnn.dataset import BranchingDataset, sample_files
    from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
    from gnn.training import BranchingTrainer

    if config.threads is not None:
        torch.set_num_threads(config.threads)
    try:
        files = sample_files(config.data)
    except FileNotFoundError as error:
        raise ValueError(str(error)) from None
    if not files:
        raise ValueError(f"{', '.join(map(str, config.data))}: no complete samples files found")
    train_files, valid_files = split_sample_files(files, config.valid_fraction, config.seed)
    train = _materialise(BranchingDataset(train_files), config.max_samples, config.seed)
    valid = _materialise(BranchingDataset(valid_files), None, config.seed)
    if not train or not valid:
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

    with torch.random.fork_rng():  # seeded initial weights without touching the caller's RNG
        torch.manual_seed(config.seed)
        model = _models()[config.model](embedding_size=config.embedding_size)
    trainer = BranchingTrainer(
        model,
        loss=_losses()[config.loss],
        learning_rate=config.learning_rate,
        batch_size=config.batch_size,
        max_epochs=config.epochs,
        lr_patience=config.lr_patience,
        early_stopping=config.patience,
        max_seconds=config.max_seconds,
        seed=config.seed,
        device=config.device,
    ).fit(train, valid)
    metrics = {
        "valid": trainer.best_metrics_,
        "best_epoch": trainer.best_epoch_,
        "epochs_run": len(trainer.history_),
        "train_seconds": trainer.history_[-1]["seconds"],
        "n_train_samples": len(train),
        "n_valid_samples": len(valid),
        "n_train_files": len(train_files),
        "n_valid_files": len(valid_files),
        "train_files": [str(p) for p in train_files],
        "valid_files": [str(p) for p in valid_files],
        "history": trainer.history_,
    }
    resolved = {
        field.name: (
            [str(p) for p in value]
            if isinstance(value := getattr(config, field.name), tuple)
            else str(value)
            if isinstance(value, Path)
            else value
        )
        for field in dataclasses.fields(config)
    }
    command = command if command is not None else " ".join(sys.argv)
    domain = domain_of_folders(config.data)  # where the model may be used (gnn.domain)
    if domain is None:
        logger.warning("no instance files beside the data: the model records no domain")
    save_checkpoint(
        config.out,
        trainer.model_,
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
        training_config=resolved,
        metrics=metrics,
        command=command,
        domain=domain,
    )
    sidecar = {
        "config": resolved,
        "metrics": metrics,
        "command": command,
        "domain": domain.to_dict() if domain is not None else None,
    }
    Path(config.out).with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n")
    return metrics


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the branching options to ``neuralmip train``'s parser (``--data/--out/--seed`` too)."""
    defaults = {field.name: field.default for field in dataclasses.fields(TrainBranchingConfig)}
    group = parser.add_argument_group("branching (--kind branching)")
    group.add_argument("--data", nargs="+", metavar="PATH", help="folders or .npz files of samples")
    group.add_argument("--model", choices=MODELS, default=None, help=f"default {defaults['model']}")
    group.add_argument("--loss", choices=LOSSES, default=None, help=f"default {defaults['loss']}")
    for name in (
        "valid_fraction",
        "embedding_size",
        "learning_rate",
        "batch_size",
        "epochs",
        "lr_patience",
        "patience",
        "max_seconds",
        "max_samples",
        "threads",
    ):
        kind = {"max_seconds": float, "max_samples": int, "threads": int}.get(
            name, type(defaults[name])
        )
        flag = "--" + name.replace("_", "-")
        group.add_argument(flag, type=kind, default=None, help=f"default {defaults[name]}")
    group.add_argument("--device", default=None, help="cpu or cuda (default: cuda when present)")


def _config_from_args(args: argparse.Namespace) -> TrainBranchingConfig:
    values: dict[str, Any] = {}
    for field in dataclasses.fields(TrainBranchingConfig):
        value = getattr(args, field.name, None)
        if value is not None:
            values[field.name] = value
    if "data" not in values:
        raise ValueError("--data is required with --kind branching")
    if "out" not in values:
        raise ValueError("--out is required with --kind branching")
    values["data"] = tuple(Path(p) for p in values["data"])
    values["out"] = Path(values["out"])
    return TrainBranchingConfig(**values)


def run(args: argparse.Namespace) -> int:
    """Run ``neuralmip train --kind branching``; returns the exit code (2 on bad input)."""
    try:
        config = _config_from_args(args)
        metrics = train_branching(config, command=" ".join(sys.argv))
    except ValueError as error:
        print(f"neuralmip train: {error}", file=sys.stderr)
        return 2
    valid = metrics["valid"]
    print(
        f"wrote {config.out}: {metrics['n_train_samples']} train / {metrics['n_valid_samples']} "
        f"valid samples, best epoch {metrics['best_epoch']}, valid top1 {valid['top1']:.3f}, "
        f"top5 {valid['top5']:.3f}, score ratio {valid['score_ratio']:.3f}"
    )
    return 0
