"""What ``neuralmip train`` does for every kind of model: options, split, domain, checkpoint.

Both kinds (:mod:`experiments.train_branching`, :mod:`experiments.train_diving`) take a
:class:`TrainConfig` subclass, so their shared options have one name, one meaning and one
command-line flag (:data:`SHARED_OPTIONS`), and both train through the loop of
:class:`gnn.loop.EpochTrainer`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

if TYPE_CHECKING:
    from gnn.loop import TrainingOptions

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "SHARED_OPTIONS",
    "TrainConfig",
    "add_shared_arguments",
    "config_from_args",
    "prepare_torch",
    "save_trained_model",
    "seeded_split",
]

logger = logging.getLogger(__name__)

#: Default wall-clock limit of training, in seconds (the best model so far is kept).
DEFAULT_TIME_LIMIT = 3600.0


@dataclass(frozen=True)
class TrainConfig:
    """The options every kind of model is trained with (subclasses set their own defaults)."""

    data: tuple[Path, ...]
    """Folders (or ``.npz`` files) of collected data."""
    out: Path
    """Checkpoint file to write (``.pt``)."""
    seed: int = 0
    """Seeds the split, the initialisation and the batch order."""
    valid_fraction: float = 0.2
    """Fraction of instances held out for validation (at least one)."""
    embedding_size: int = 64
    """Width of the network's embeddings."""
    learning_rate: float = 1e-3
    """Adam's initial learning rate."""
    batch_size: int = 32
    """Samples (graphs) per step."""
    max_epochs: int = 100
    """Upper bound on epochs (counted from 1)."""
    patience: int = 20
    """Epochs without a better validation loss before training stops."""
    lr_patience: int | None = 10
    """Epochs without a better validation loss before the learning rate is multiplied by 0.2;
    None: a constant learning rate."""
    time_limit: float | None = DEFAULT_TIME_LIMIT
    """Wall-clock seconds of training (the best model so far is kept); None: no limit."""
    instances: tuple[Path, ...] = ()
    """Instance files or folders to fit the model's domain on; empty: the instances the data
    records (see :mod:`experiments.domain`)."""
    device: str | None = None
    """``cpu``, ``cuda`` or None (CUDA when present)."""
    threads: int | None = None
    """``torch.set_num_threads`` for training on a CPU (None: torch's default); on a shared
    machine 1 avoids threads spinning while they wait for a core."""

    def __post_init__(self) -> None:
        if not 0.0 < self.valid_fraction < 1.0:
            raise ValueError(f"--valid-fraction must be in (0, 1), got {self.valid_fraction}")
        for name in ("embedding_size", "batch_size", "max_epochs", "patience", "lr_patience"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"--{name.replace('_', '-')} must be >= 1, got {value}")
        if self.time_limit is not None and self.time_limit <= 0:
            raise ValueError(f"--time-limit must be positive, got {self.time_limit}")

    def training_options(self) -> TrainingOptions:
        """The options of the training loop (:class:`gnn.loop.TrainingOptions`)."""
        from gnn.loop import TrainingOptions

        return TrainingOptions(
            learning_rate=self.learning_rate,
            batch_size=self.batch_size,
            max_epochs=self.max_epochs,
            patience=self.patience,
            lr_patience=self.lr_patience,
            time_limit=self.time_limit,
            seed=self.seed,
            device=self.device,
        )

    def resolved(self) -> dict[str, Any]:
        """The config as plain JSON values (paths as strings), for the checkpoint's record."""
        return {field.name: _plain(getattr(self, field.name)) for field in dataclasses.fields(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, Path) else value


#: Flags of the shared options: ``field name -> (flags, metavar, type, help)``.
SHARED_OPTIONS: dict[str, tuple[tuple[str, ...], str, type, str]] = {
    "valid_fraction": (("--valid-fraction",), "F", float, "instances held out for validation"),
    "embedding_size": (("--embedding-size",), "N", int, "width of the embeddings"),
    "learning_rate": (("--learning-rate",), "LR", float, "Adam's initial learning rate"),
    "batch_size": (("--batch-size",), "N", int, "samples (graphs) per step"),
    "max_epochs": (("--max-epochs", "--epochs"), "N", int, "upper bound on epochs"),
    "patience": (("--patience",), "N", int, "epochs without improvement before stopping"),
    "lr_patience": (
        ("--lr-patience",),
        "N",
        int,
        "epochs without improvement before the learning rate is multiplied by 0.2",
    ),
    "time_limit": (
        ("--time-limit", "--max-seconds"),
        "SECONDS",
        float,
        "wall-clock limit of training; the best model so far is kept",
    ),
    "device": (("--device",), "DEVICE", str, "cpu or cuda; none: cuda when present"),
    "threads": (("--threads",), "N", int, "torch threads on a CPU; none: torch's default"),
}


def add_shared_arguments(
    parser: argparse.ArgumentParser, configs: Mapping[str, type[TrainConfig]]
) -> None:
    """Declare the options every kind shares, once, with each kind's default in the help.

    Parameters
    ----------
    parser
        ``neuralmip train``'s parser.
    configs
        ``kind -> config class``, whose field defaults the help states.
    """
    group = parser.add_argument_group("both kinds")
    group.add_argument(
        "--data",
        nargs="+",
        metavar="PATH",
        help="folders or .npz files of collected samples (branching) or solutions (diving)",
    )
    group.add_argument(
        "--instances",
        nargs="+",
        metavar="PATH",
        help="instance files or folders to fit the model's domain on (default: the instances "
        "the data records, else the data folder's instances/)",
    )
    for name, (flags, metavar, kind, text) in SHARED_OPTIONS.items():
        defaults = {
            label: _describe({f.name: f.default for f in dataclasses.fields(config)}[name])
            for label, config in configs.items()
        }
        if len(set(defaults.values())) == 1:
            stated = f"default {next(iter(defaults.values()))}"
        else:
            stated = "; ".join(f"{label}: default {value}" for label, value in defaults.items())
        group.add_argument(
            *flags, dest=name, metavar=metavar, type=kind, default=None, help=f"{text} ({stated})"
        )


def _describe(default: Any) -> str:
    return "none" if default is None else str(default)


_Config = TypeVar("_Config", bound=TrainConfig)


def config_from_args(cls: type[_Config], args: argparse.Namespace) -> _Config:
    """Build ``cls`` from the options given on the command line (the others keep defaults).

    Raises
    ------
    ValueError
        ``--data`` or ``--out`` is missing, or a value is out of range.
    """
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        value = getattr(args, field.name, None)
        if value is not None:
            values[field.name] = value
    for required in ("data", "out"):
        if not values.get(required):
            raise ValueError(f"--{required} is required with --kind {getattr(args, 'kind', '')}")
    values["data"] = tuple(Path(p) for p in values["data"])
    values["instances"] = tuple(Path(p) for p in values.get("instances", ()))
    values["out"] = Path(values["out"])
    return cls(**values)


def seeded_split(n: int, valid_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Validation and training positions of ``n`` items: a seeded permutation.

    At least one item is held out, and at least one kept, when ``n >= 2``; with one item,
    nothing is held out.
    """
    order = np.random.default_rng(seed).permutation(n)
    n_valid = min(max(1, round(valid_fraction * n)), n - 1) if n >= 2 else 0
    return order[:n_valid], order[n_valid:]


def save_trained_model(
    config: TrainConfig,
    model: Any,
    *,
    metrics: Mapping[str, Any],
    records: Iterable[tuple[Path, dict]],
    command: str | None,
    extra_config: Mapping[str, Any] | None = None,
) -> None:
    """Write the checkpoint, with the model's domain, and the ``.json`` record beside it.

    Parameters
    ----------
    config
        The training config (recorded, resolved).
    model
        The trained model (a registered :class:`gnn.models.EncoderModel`, whose
        ``feature_enums`` the checkpoint records).
    metrics
        Validation metrics and history.
    records
        ``(data file, metadata)`` of the training data: the instances they name give the
        domain unless ``config.instances`` is set (:func:`experiments.domain.training_domain`).
    command
        The command line (default: this process's).
    extra_config
        More entries for the recorded config (e.g. the data files).
    """
    from experiments.domain import training_domain
    from gnn.checkpoint import save_checkpoint

    command = command if command is not None else " ".join(sys.argv)
    resolved = config.resolved() | dict(extra_config or {})
    domain = training_domain(config.data, records, config.instances)
    if domain is None:
        logger.warning(
            "no instances found for %s: the model records no domain (pass --instances, or "
            "add one later with neuralmip domain)",
            config.out,
        )
    save_checkpoint(
        config.out,
        model,
        feature_enums=model.feature_enums,
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


def prepare_torch(config: TrainConfig) -> None:
    """Apply ``config.threads`` to torch (before any tensor work)."""
    if config.threads is not None:
        import torch

        torch.set_num_threads(config.threads)
