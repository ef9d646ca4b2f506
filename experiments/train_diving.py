"""``neuralmip train --kind diving``: fit a Neural Diving model on collected solutions.

Example (the README's pipeline)::

    neuralmip collect --kind solutions --instances data/setcover --out data/sols/setcover
    neuralmip train --kind diving --data data/sols/setcover --out models/diving-setcover.pt

The data folder holds the ``.npz`` files of :mod:`experiments.collect_solutions`; instances are
split into training and validation sets by a seeded permutation. The checkpoint records the
resolved config, the validation metrics (fixing accuracy per coverage level), the domain of the
instances the solutions came from (:mod:`experiments.domain`), library versions and the
command; a ``.json`` beside it repeats config and metrics for people.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from experiments.training import TrainConfig, prepare_torch, save_trained_model, seeded_split

__all__ = [
    "CONFIG",
    "REPORTED_COVERAGES",
    "TRAIN",
    "TrainDivingConfig",
    "add_arguments",
    "summary",
    "train_diving",
]

logger = logging.getLogger(__name__)

#: Coverage levels at which validation fixing accuracy is reported.
REPORTED_COVERAGES = (0.3, 0.5, 0.7, 0.9)


@dataclass(frozen=True)
class TrainDivingConfig(TrainConfig):
    """What ``neuralmip train --kind diving`` does (shared options: :class:`TrainConfig`)."""

    embedding_size: int = 32
    """Hidden width of the network."""
    batch_size: int = 4
    """Graphs per batch."""
    max_epochs: int = 40
    """Upper bound on epochs (counted from 1)."""
    patience: int = 8
    """Epochs without a better validation loss before training stops."""
    lr_patience: int | None = None
    """Epochs without a better validation loss before the learning rate is multiplied by 0.2;
    None: a constant learning rate."""
    temperature: float = 0.01
    """Softmax temperature over relative objective gaps (0.01: a 1 % worse solution weighs e^-1)."""
    degree_features: bool = True
    """Give the network each node's degree (``gnn.diving.DivingGNN``); models trained before
    this option existed had none."""
    coverage: float = 0.7
    """SelectiveNet coverage target."""
    coverage_weight: float = 32.0
    """Weight of the coverage penalty."""
    alpha: float = 0.5
    """Weight of the selective loss against the plain cross-entropy."""


#: The config class ``neuralmip train`` builds for this kind.
CONFIG = TrainDivingConfig


def _files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.npz")))
        elif path.is_file():
            files.append(path)
        else:
            raise ValueError(f"{path}: no such file or folder")
    return files


def _load_examples(config: TrainDivingConfig) -> tuple[list[Path], list[Any], list[dict]]:
    """The solution files, one training example per instance with a solution, and the
    files' metadata (one line on bad data)."""
    from experiments.collect_solutions import load_solution_record
    from gnn.diving import diving_example

    files = _files(config.data)
    if not files:
        raise ValueError(f"{', '.join(map(str, config.data))}: no .npz solution files found")
    examples, metadata = [], []
    for path in files:
        record = load_solution_record(path)
        metadata.append(record.metadata)
        if record.solutions.shape[0] == 0:
            logger.warning("%s: no feasible solution, skipped", path)
            continue
        examples.append(
            diving_example(
                record.graph,
                record.solutions,
                record.objectives,
                maximize=record.maximize,
                temperature=config.temperature,
            )
        )
    if not examples:
        raise ValueError(f"{', '.join(map(str, config.data))}: no instance has a solution")
    return files, examples, metadata


def train_diving(config: TrainDivingConfig, command: str | None = None) -> dict[str, Any]:
    """Fit a Neural Diving model on the solutions of ``config.data``, then save it.

    Returns
    -------
    dict
        The recorded metrics: fixing accuracy per coverage on the validation and training
        instances, the best validation loss and the per-epoch history.

    Raises
    ------
    ValueError
        No readable solution files, or no instance with a solution (one line naming the path).
    """
    from gnn.diving import DivingTrainer, fixing_metrics

    prepare_torch(config)
    files, examples, metadata = _load_examples(config)
    valid_positions, train_positions = seeded_split(
        len(examples), config.valid_fraction, config.seed
    )
    valid = [examples[i] for i in valid_positions]
    train = [examples[i] for i in train_positions]
    trainer = DivingTrainer(
        embedding_size=config.embedding_size,
        degree_features=config.degree_features,
        coverage=config.coverage,
        coverage_weight=config.coverage_weight,
        alpha=config.alpha,
        options=config.training_options(),
    ).fit(train, valid)
    metrics: dict[str, Any] = {
        "n_train_instances": len(train),
        "n_valid_instances": len(valid),
        "best_valid_loss": trainer.best_valid_loss_,
        "best_epoch": trainer.best_epoch_,
        "epochs_run": len(trainer.history_),
        "valid": fixing_metrics(trainer.model_, valid or train, REPORTED_COVERAGES),
        "train": fixing_metrics(trainer.model_, train, REPORTED_COVERAGES),
        "history": trainer.history_,
    }
    save_trained_model(
        config,
        trainer.model_,
        metrics=metrics,
        records=zip(files, metadata, strict=True),
        command=command,
        extra_config={"files": [str(path) for path in files]},
    )
    return metrics


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of diving alone to ``neuralmip train``'s parser."""
    defaults = {field.name: field.default for field in dataclasses.fields(TrainDivingConfig)}
    group = parser.add_argument_group("diving (--kind diving)")
    for name, text in (
        ("temperature", "softmax temperature over relative objective gaps"),
        ("coverage", "SelectiveNet coverage target"),
        ("coverage_weight", "weight of the coverage penalty"),
        ("alpha", "weight of the selective loss against the plain cross-entropy"),
    ):
        group.add_argument(
            "--" + name.replace("_", "-"),
            type=float,
            default=None,
            metavar="X",
            help=f"{text} (default {defaults[name]})",
        )
    group.add_argument(
        "--no-degree-features", dest="degree_features", action="store_false", default=None,
        help="train without node degrees (as models trained before they existed)",
    )  # fmt: skip


def summary(config: TrainDivingConfig, metrics: dict[str, Any]) -> str:
    """The line ``neuralmip train --kind diving`` prints when done."""
    valid = ", ".join(f"{key} {value:.3f}" for key, value in metrics["valid"].items())
    return (
        f"wrote {config.out}: {metrics['n_train_instances']} train / "
        f"{metrics['n_valid_instances']} valid instances, valid loss "
        f"{metrics['best_valid_loss']:.4f}, {valid}"
    )


#: What ``neuralmip train --kind diving`` calls with the config and the command line.
TRAIN = train_diving
