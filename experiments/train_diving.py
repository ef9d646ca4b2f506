"""``neuralmip train --kind diving``: fit a Neural Diving model on collected solutions.

Example::

    neuralmip collect --kind solutions --generate setcover --preset easy --count 40 \\
        --seed 0 --time-limit 20 --out /work/data/diving/setcover
    neuralmip train --kind diving --data /work/data/diving/setcover \\
        --out solver/models/diving-setcover.pt --seed 0

The data folder holds the ``.npz`` files of :mod:`experiments.collect_solutions`; instances are
split into training and validation sets by a seeded permutation. The checkpoint records the
resolved config, the validation metrics (fixing accuracy per coverage level), library versions
and the command; a ``.json`` beside it repeats config and metrics for people.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["TrainDivingConfig", "add_arguments", "run", "train_diving"]

logger = logging.getLogger(__name__)

#: Coverage levels at which validation fixing accuracy is reported.
REPORTED_COVERAGES = (0.3, 0.5, 0.7, 0.9)


@dataclass(frozen=True)
class TrainDivingConfig:
    """What ``neuralmip train --kind diving`` does."""

    data: tuple[Path, ...]
    """Folders (or files) of collected solutions (``.npz``)."""
    out: Path
    """Checkpoint file to write (``.pt``)."""
    seed: int = 0
    """Seeds the split, the initialisation and the batch order."""
    valid_fraction: float = 0.2
    """Fraction of instances held out for validation (at least one when there are two or more)."""
    temperature: float = 0.01
    """Softmax temperature over relative objective gaps (0.01: a 1 % worse solution weighs e^-1)."""
    embedding_size: int = 32
    """Hidden width of the network."""
    degree_features: bool = True
    """Give the network each node's degree (``gnn.diving.DivingGNN``); models trained before
    this option existed had none."""
    learning_rate: float = 1e-3
    """Adam step size."""
    batch_size: int = 4
    """Graphs per batch."""
    epochs: int = 40
    """Passes over the training set at most."""
    patience: int = 8
    """Stop after this many epochs without a better validation loss."""
    coverage: float = 0.7
    """SelectiveNet coverage target."""
    coverage_weight: float = 32.0
    """Weight of the coverage penalty."""
    alpha: float = 0.5
    """Weight of the selective loss against the plain cross-entropy."""


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


def train_diving(config: TrainDivingConfig, command: str | None = None) -> dict[str, object]:
    """Train and save a diving model; returns the metrics written into the checkpoint.

    Raises
    ------
    ValueError
        One line naming the file or folder when the data is missing or unreadable.
    """
    from experiments.collect_solutions import load_solution_record
    from experiments.fit_domain import domain_of_folders
    from gnn.checkpoint import save_checkpoint
    from gnn.diving import DIVING_FEATURE_ENUMS, DivingTrainer, diving_example, fixing_metrics

    files = _files(config.data)
    if not files:
        raise ValueError(f"{', '.join(map(str, config.data))}: no .npz solution files found")
    examples = []
    for path in files:
        record = load_solution_record(path)
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
    order = np.random.default_rng(config.seed).permutation(len(examples))
    n_valid = int(round(config.valid_fraction * len(examples)))
    if len(examples) >= 2:
        n_valid = min(max(n_valid, 1), len(examples) - 1)
    else:
        n_valid = 0
    valid = [examples[i] for i in order[:n_valid]]
    train = [examples[i] for i in order[n_valid:]]
    trainer = DivingTrainer(
        embedding_size=config.embedding_size,
        degree_features=config.degree_features,
        learning_rate=config.learning_rate,
        batch_size=config.batch_size,
        epochs=config.epochs,
        coverage=config.coverage,
        coverage_weight=config.coverage_weight,
        alpha=config.alpha,
        patience=config.patience,
        seed=config.seed,
    ).fit(train, valid)
    metrics: dict[str, object] = {
        "n_train_instances": len(train),
        "n_valid_instances": len(valid),
        "best_valid_loss": trainer.best_valid_loss_,
        "epochs_run": len(trainer.history_),
        "valid": fixing_metrics(trainer.model_, valid or train, REPORTED_COVERAGES),
        "train": fixing_metrics(trainer.model_, train, REPORTED_COVERAGES),
        "history": trainer.history_,
    }
    resolved = {
        key: (
            [str(p) for p in value]
            if isinstance(value, tuple)
            else str(value)
            if isinstance(value, Path)
            else value
        )
        for key, value in dataclasses.asdict(config).items()
    }
    resolved["files"] = [str(path) for path in files]
    domain = domain_of_folders(config.data)  # where the model may be used (gnn.domain)
    if domain is None:
        logger.warning("no instance files beside the data: the model records no domain")
    save_checkpoint(
        config.out,
        trainer.model_,
        feature_enums=DIVING_FEATURE_ENUMS,
        training_config=resolved,
        metrics=metrics,
        command=command,
        domain=domain,
    )
    summary = {
        "config": resolved,
        "metrics": metrics,
        "command": command or " ".join(sys.argv),
        "domain": domain.to_dict() if domain is not None else None,
    }
    Path(config.out).with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    return metrics


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the diving options to ``neuralmip train``'s parser (``--out``/``--seed`` included)."""
    defaults = {field.name: field.default for field in dataclasses.fields(TrainDivingConfig)}
    group = parser.add_argument_group("diving (--kind diving)")
    group.add_argument(
        "--data", nargs="+", metavar="PATH", help="folders or .npz files of solutions"
    )
    for name in (
        "valid_fraction",
        "temperature",
        "embedding_size",
        "learning_rate",
        "batch_size",
        "epochs",
        "patience",
        "coverage",
        "coverage_weight",
        "alpha",
    ):
        flag = "--" + name.replace("_", "-")
        kind = type(defaults[name])
        group.add_argument(flag, type=kind, default=None, help=f"default {defaults[name]}")
    group.add_argument(
        "--no-degree-features", dest="degree_features", action="store_false", default=None,
        help="train without node degrees (as models trained before they existed)",
    )  # fmt: skip


def _config_from_args(args: argparse.Namespace) -> TrainDivingConfig:
    values: dict[str, object] = {}
    for field in dataclasses.fields(TrainDivingConfig):
        value = getattr(args, field.name, None)
        if value is not None:
            values[field.name] = value
    if not values.get("data"):
        raise ValueError("--data is required with --kind diving")
    if not values.get("out"):
        raise ValueError("--out is required with --kind diving")
    values["data"] = tuple(Path(p) for p in values["data"])  # type: ignore[union-attr]
    values["out"] = Path(values["out"])  # type: ignore[arg-type]
    return TrainDivingConfig(**values)  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    """Run ``neuralmip train --kind diving``; returns the exit code (2 on bad input)."""
    try:
        config = _config_from_args(args)
        metrics = train_diving(config, command=" ".join(sys.argv))
    except ValueError as error:
        print(f"neuralmip train: {error}", file=sys.stderr)
        return 2
    valid = metrics["valid"]
    print(
        f"wrote {config.out}: {metrics['n_train_instances']} train / "
        f"{metrics['n_valid_instances']} valid instances, valid loss "
        f"{metrics['best_valid_loss']:.4f}, " + ", ".join(f"{k} {v:.3f}" for k, v in valid.items())  # type: ignore[union-attr]
    )
    return 0
