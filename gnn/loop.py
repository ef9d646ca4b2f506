"""The training loop both kinds of model share: epochs of Adam, early stopping, a time limit.

:class:`EpochTrainer` is the base of :class:`gnn.training.BranchingTrainer` and
:class:`gnn.diving.DivingTrainer`. Both take their loop's options as one
:class:`TrainingOptions`, under one set of names:

- ``max_epochs``: upper bound on epochs; epochs are counted from 1;
- ``patience``: epochs without a better validation loss before training stops;
- ``lr_patience`` and ``lr_factor``: epochs without a better validation loss before the learning
  rate is multiplied by ``lr_factor`` (None: a constant learning rate);
- ``time_limit``: wall-clock seconds for the whole loop (None: no limit);

plus ``learning_rate``, ``batch_size``, ``seed`` and ``device``. :class:`EpochTrainer` runs the
epochs (:meth:`EpochTrainer._train_epochs`) and logs one progress line per epoch at INFO level
(``neuralmip -v``); a subclass says how one batch is scored (:meth:`EpochTrainer._batch_loss`)
and how a model is validated (:meth:`EpochTrainer.evaluate`). The weights with the best
validation loss are kept.
"""

from __future__ import annotations

import copy
import logging
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor, nn

__all__ = ["EpochTrainer", "TrainingOptions", "format_seconds"]

_LOGGER = logging.getLogger(__name__)

#: A validation loss must improve by more than this to count as better.
_MIN_IMPROVEMENT = 1e-6


def format_seconds(seconds: float) -> str:
    """``"42 s"``, ``"3.5 min"`` or ``"1.2 h"``: a duration for a progress line."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


@dataclass(frozen=True)
class TrainingOptions:
    """How the loop trains a model (the defaults are branching's; see each trainer's)."""

    learning_rate: float = 1e-3
    """Adam's initial learning rate."""
    batch_size: int = 32
    """Samples (graphs) per step."""
    max_epochs: int = 100
    """Upper bound on epochs."""
    patience: int = 20
    """Epochs without a better validation loss before training stops."""
    lr_patience: int | None = 10
    """Epochs without a better validation loss before the learning rate is multiplied by
    ``lr_factor``; None keeps it constant."""
    lr_factor: float = 0.2
    """Learning-rate decay on plateau."""
    time_limit: float | None = None
    """Wall-clock seconds for training (None: no limit); the best model so far is kept."""
    seed: int = 0
    """Seeds the batch order (and, where the trainer builds the model, its initial weights)."""
    device: str | None = None
    """``"cpu"``, ``"cuda"`` or None (CUDA when present)."""


class EpochTrainer:
    """The loop shared by the trainers (scikit-learn style: ``fit`` returns ``self``).

    Parameters
    ----------
    options
        The loop's options.

    Attributes
    ----------
    history_ : list of dict
        Per epoch: ``epoch`` (from 1), ``train_loss``, ``valid_*`` (the validation metrics),
        ``learning_rate`` and ``seconds`` since training started.
    best_epoch_ : int
        The epoch whose weights the trained model holds (0: none better than the initial ones).
    best_metrics_ : dict
        Validation metrics at ``best_epoch_``.
    best_loss_ : float
        Validation loss at ``best_epoch_``.
    """

    def __init__(self, options: TrainingOptions) -> None:
        self.options = options

    def _device(self) -> torch.device:
        return torch.device(self.options.device or ("cuda" if torch.cuda.is_available() else "cpu"))

    def _batch_loss(self, model: nn.Module, batch: Any) -> tuple[Tensor, int]:
        """The loss of one training batch and the weight of that loss in the epoch's mean."""
        raise NotImplementedError

    def evaluate(
        self, model: nn.Module, dataset: Any, device: torch.device | str = "cpu"
    ) -> dict[str, float]:
        """Validation metrics of ``model`` on ``dataset``; ``"loss"`` is the one minimised."""
        raise NotImplementedError

    def _train_epochs(
        self, model: nn.Module, batches: Iterable[Any], valid: Any, device: torch.device
    ) -> nn.Module:
        """Train ``model`` (prenorm already fitted, already on ``device``) epoch by epoch.

        ``batches`` is iterated once per epoch. Sets ``history_``, ``best_epoch_``,
        ``best_metrics_`` and ``best_loss_``; returns ``model`` with the best weights restored.
        """
        options = self.options
        optimizer = torch.optim.Adam(model.parameters(), lr=options.learning_rate)
        scheduler = None
        if options.lr_patience is not None:
            scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
                optimizer, mode="min", factor=options.lr_factor, patience=options.lr_patience
            )
        started = time.perf_counter()
        best_state = copy.deepcopy(model.state_dict())
        self.history_: list[dict[str, float]] = []
        self.best_epoch_ = 0
        self.best_metrics_: dict[str, float] = {}
        self.best_loss_ = math.inf
        stale = 0
        for epoch in range(1, options.max_epochs + 1):
            train_loss = self._train_one_epoch(model, optimizer, batches, device)
            metrics = self.evaluate(model, valid, device)
            if scheduler is not None:
                scheduler.step(metrics["loss"])
            record = {
                "epoch": epoch,
                "train_loss": train_loss,
                **{f"valid_{key}": value for key, value in metrics.items()},
                "learning_rate": optimizer.param_groups[0]["lr"],
                "seconds": time.perf_counter() - started,
            }
            self.history_.append(record)
            if metrics["loss"] < self.best_loss_ - _MIN_IMPROVEMENT:
                self.best_loss_, stale = metrics["loss"], 0
                best_state = copy.deepcopy(model.state_dict())
                self.best_epoch_, self.best_metrics_ = epoch, metrics
            else:
                stale += 1
            self._log_progress(record, metrics)
            if stale >= options.patience:
                _LOGGER.info("no better validation loss for %d epochs: training stops", stale)
                break
            if options.time_limit is not None and record["seconds"] > options.time_limit:
                _LOGGER.info("training stopped by its %.0f s time limit", options.time_limit)
                break
        model.load_state_dict(best_state)
        return model

    def _train_one_epoch(
        self,
        model: nn.Module,
        optimizer: torch.optim.Optimizer,
        batches: Iterable[Any],
        device: torch.device,
    ) -> float:
        """One pass over ``batches``; returns the weighted mean training loss."""
        model.train()
        loss_sum, weight_sum = 0.0, 0
        for batch in batches:
            loss, weight = self._batch_loss(model, batch.to(device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * weight
            weight_sum += weight
        return loss_sum / max(weight_sum, 1)

    def _log_progress(self, record: Mapping[str, float], metrics: Mapping[str, float]) -> None:
        """One INFO line per epoch: losses, validation metrics, elapsed time and ETA."""
        epoch, elapsed = int(record["epoch"]), record["seconds"]
        remaining = elapsed / epoch * (self.options.max_epochs - epoch)
        if self.options.time_limit is not None:
            remaining = max(min(remaining, self.options.time_limit - elapsed), 0.0)
        shown = ", ".join(
            f"valid {key} {value:.4g}" for key, value in metrics.items() if key != "n_samples"
        )
        _LOGGER.info(
            "epoch %d/%d: train loss %.4g, %s (best epoch %d); %s elapsed, at most %s left",
            epoch,
            self.options.max_epochs,
            record["train_loss"],
            shown,
            self.best_epoch_,
            format_seconds(elapsed),
            format_seconds(remaining),
        )
