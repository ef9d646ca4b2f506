"""Training of the diving network: examples, the trainer and the fixing metrics."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch import Tensor
from torch_geometric.loader import DataLoader

from gnn.data import BipartiteData, to_data
from gnn.diving.loss import DivingLoss, diving_loss, soft_targets
from gnn.diving.model import DivingGNN, binary_mask, prepare_graph
from gnn.graph import BipartiteGraph
from gnn.loop import EpochTrainer, TrainingOptions

__all__ = ["DIVING_OPTIONS", "DivingTrainer", "diving_example", "fixing_metrics"]

#: The diving trainer's default loop: 4 graphs a batch, at most 30 epochs, patience 8, a
#: constant learning rate.
DIVING_OPTIONS = TrainingOptions(batch_size=4, max_epochs=30, patience=8, lr_patience=None)


def diving_example(
    graph: BipartiteGraph,
    solutions: np.ndarray,
    objectives: np.ndarray,
    *,
    maximize: bool,
    temperature: float,
) -> BipartiteData:
    """One training example: the prepared graph with ``targets``, ``mask`` and ``best`` (V,).

    ``best`` is the best solution's rounded binary values (for metrics), ``targets`` the
    energy-weighted soft targets (:func:`soft_targets`), ``mask`` the binary variables.
    """
    targets = soft_targets(solutions, objectives, maximize=maximize, temperature=temperature)
    mask = binary_mask(graph)
    best = np.clip(np.round(np.asarray(solutions[0], dtype=np.float64)), 0, 1).astype(np.float32)
    return to_data(
        prepare_graph(graph),
        targets=torch.from_numpy(targets),
        mask=torch.from_numpy(mask),
        best=torch.from_numpy(best),
    )


@torch.no_grad()
def fixing_metrics(
    model: DivingGNN, examples: Sequence[BipartiteData], coverages: Sequence[float]
) -> dict[str, float]:
    """How often fixing by the model agrees with each instance's best known solution.

    For each coverage ``c``, ``fix_accuracy@c`` is the mean over instances of the fraction of the
    ``c`` most confident binaries whose predicted value equals the best solution's, and
    ``all_correct@c`` the fraction of instances where all of them do. ``value_accuracy`` covers
    every binary.
    """
    model.eval()
    accuracy = {c: [] for c in coverages}
    all_correct = {c: [] for c in coverages}
    value_accuracy = []
    for example in examples:
        value_logits, selection_logits = model(example)
        mask = example.mask.bool()
        predicted = (value_logits[mask] > 0).float()
        correct = (predicted == example.best[mask]).float()
        if correct.numel() == 0:
            continue
        value_accuracy.append(float(correct.mean()))
        order = torch.argsort(torch.sigmoid(selection_logits[mask]), descending=True, stable=True)
        for c in coverages:
            top = order[: max(1, int(round(c * order.numel())))]
            accuracy[c].append(float(correct[top].mean()))
            all_correct[c].append(float(correct[top].min()))
    metrics = {"value_accuracy": float(np.mean(value_accuracy)) if value_accuracy else math.nan}
    for c in coverages:
        metrics[f"fix_accuracy@{c:g}"] = float(np.mean(accuracy[c])) if accuracy[c] else math.nan
        metrics[f"all_correct@{c:g}"] = (
            float(np.mean(all_correct[c])) if all_correct[c] else math.nan
        )
    return metrics


def _on_device(example: BipartiteData, device: torch.device) -> BipartiteData:
    """``example`` itself when it is on ``device``, else a copy there (``Data.to`` moves in
    place, and the caller's examples must stay where they are)."""
    if example.variable_features.device == device:
        return example
    return example.clone().to(device)


class DivingTrainer(EpochTrainer):
    """Fit a :class:`DivingGNN` on diving examples (scikit-learn style: ``fit`` returns self).

    Parameters
    ----------
    embedding_size
        Hidden width of the network; default 32.
    degree_features
        Give the network each node's degree (:class:`DivingGNN`); default True.
    coverage, coverage_weight, alpha
        SelectiveNet settings (see :func:`~gnn.diving.loss.diving_loss`); defaults 0.7, 32, 0.5.
    options
        The loop's options (:class:`gnn.loop.TrainingOptions`); default
        :data:`DIVING_OPTIONS`. ``options.seed`` seeds the weight initialisation and the
        batch order.

    Attributes
    ----------
    model_ : DivingGNN
        The network with the best validation loss, on the CPU, in eval mode.
    best_valid_loss_ : float
        Its validation loss.
    history_, best_epoch_, best_metrics_, best_loss_
        See :class:`gnn.loop.EpochTrainer`; the only validation metric is the loss.
    """

    def __init__(
        self,
        *,
        embedding_size: int = 32,
        degree_features: bool = True,
        coverage: float = 0.7,
        coverage_weight: float = 32.0,
        alpha: float = 0.5,
        options: TrainingOptions = DIVING_OPTIONS,
    ) -> None:
        super().__init__(options)
        self.embedding_size = embedding_size
        self.degree_features = degree_features
        self.coverage = coverage
        self.coverage_weight = coverage_weight
        self.alpha = alpha

    def _loss(self, model: DivingGNN, batch: Any) -> DivingLoss:
        value_logits, selection_logits = model(batch)
        return diving_loss(
            value_logits,
            selection_logits,
            batch.targets,
            batch.mask,
            coverage=self.coverage,
            coverage_weight=self.coverage_weight,
            alpha=self.alpha,
        )

    def _batch_loss(self, model: DivingGNN, batch: Any) -> tuple[Tensor, int]:
        return self._loss(model, batch).total, 1  # the epoch's loss is the mean over batches

    @torch.no_grad()
    def evaluate(
        self,
        model: DivingGNN,
        dataset: Sequence[BipartiteData],
        device: torch.device | str = "cpu",
    ) -> dict[str, float]:
        """Mean loss of ``model`` over the examples of ``dataset``, one graph at a time."""
        model.eval()
        device = torch.device(device)
        losses = [
            self._loss(model, _on_device(example, device)).total.item() for example in dataset
        ]
        return {"loss": float(np.mean(losses)) if losses else math.nan}

    def fit(
        self, train: Sequence[BipartiteData], valid: Sequence[BipartiteData] | None = None
    ) -> DivingTrainer:
        """Train on ``train``; keep the weights with the best loss on ``valid`` (or ``train``).

        Returns
        -------
        DivingTrainer
            ``self``.
        """
        if not train:
            raise ValueError("no training examples")
        generator = torch.Generator().manual_seed(self.options.seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(self.options.seed)  # weight initialisation, scoped to this fork
            model = DivingGNN(
                embedding_size=self.embedding_size, degree_features=self.degree_features
            )
        model.fit_prenorm(DataLoader(list(train), batch_size=16))
        device = self._device()
        model.to(device)
        loader = DataLoader(
            list(train), batch_size=self.options.batch_size, shuffle=True, generator=generator
        )
        reference = list(valid) if valid else list(train)
        model = self._train_epochs(model, loader, reference, device)
        self.model_ = model.cpu().eval()
        self.best_valid_loss_ = self.best_loss_
        return self
