"""Neural Diving's network (Nair et al. 2020): predicted values and a selection score per variable.

The model reads the static graph of a MIP and gives each variable two logits: the value logit of
a Bernoulli over its binary value, and a selection logit (SelectiveNet): how sure the model is,
used to choose which variables to fix.

Training signal. For an instance with feasible solutions :math:`x^{(1..S)}` and objective values
:math:`c^T x^{(s)}`, the solutions are weighted by

.. math:: w_s = \\mathrm{softmax}_s\\big(-\\sigma\\,(c^T x^{(s)} - c^*) / (T \\max(|c^*|, 1))\\big)

with :math:`\\sigma = +1` for minimisation and :math:`-1` for maximisation, :math:`c^*` the best
objective and :math:`T` a temperature (energy relative to the best, so one temperature fits
instances of any objective scale). Because the binary cross-entropy is linear in its target,
:math:`\\sum_s w_s \\mathrm{BCE}(\\ell_i, x^{(s)}_i) = \\mathrm{BCE}(\\ell_i, \\sum_s w_s x^{(s)}_i)`:
the energy-weighted multi-solution loss equals a cross-entropy against one soft target per
variable, which :func:`soft_targets` computes.

Coverage control (SelectiveNet, Geifman and El-Yaniv 2019, as in Nair et al.): with selection
probabilities :math:`g_i` over the binary variables, the loss is
:math:`\\alpha\\,(\\sum_i g_i L_i / \\sum_i g_i + \\lambda \\max(0, C - \\bar g)^2) + (1 - \\alpha)\\,\\bar L`
for a coverage target :math:`C`.

General integers are skipped: only binary variables (and integers with bounds in [0, 1]) get a
loss and are fixed by the heuristic; general integers and continuous variables are left to the
sub-MIP.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch_geometric.loader import DataLoader

from gnn.data import BipartiteData, to_data
from gnn.features import (
    StaticConstraintFeature,
    StaticEdgeFeature,
    StaticVariableFeature,
)
from gnn.graph import BipartiteGraph
from gnn.models import EncoderModel, register_model

__all__ = [
    "DIVING_FEATURE_ENUMS",
    "DivingGNN",
    "DivingLoss",
    "DivingPolicy",
    "DivingTrainer",
    "binary_mask",
    "diving_example",
    "fixing_metrics",
    "diving_loss",
    "prepare_graph",
    "soft_targets",
]

#: The feature Enums a diving model's inputs follow (recorded in its checkpoint).
DIVING_FEATURE_ENUMS = (StaticVariableFeature, StaticConstraintFeature, StaticEdgeFeature)

_BIG = 1e19


def _signed_log(values: np.ndarray) -> np.ndarray:
    """``sign(x) log(1 + |x|)``, with infinite or huge magnitudes capped (bounds may be 1e20)."""
    values = np.nan_to_num(values.astype(np.float64), nan=0.0, posinf=_BIG, neginf=-_BIG)
    values = np.clip(values, -_BIG, _BIG)
    return (np.sign(values) * np.log1p(np.abs(values))).astype(np.float32)


def prepare_graph(graph: BipartiteGraph) -> BipartiteGraph:
    """Scale-free copy of a static graph, the one the diving network reads.

    The objective column is divided by the largest absolute objective coefficient (solutions do
    not depend on the objective's scale); bounds, right-hand sides and coefficients go through a
    signed logarithm (infinite bounds become large finite numbers). The one-hot type and the
    has-bound flags pass through.
    """
    variables = np.array(graph.variable_features, dtype=np.float32, copy=True)
    objective = variables[:, StaticVariableFeature.OBJECTIVE].astype(np.float64)
    scale = float(np.max(np.abs(objective))) if objective.size else 0.0
    variables[:, StaticVariableFeature.OBJECTIVE] = objective / scale if scale > 0 else 0.0
    for column in (StaticVariableFeature.LOWER_BOUND, StaticVariableFeature.UPPER_BOUND):
        variables[:, column] = _signed_log(variables[:, column])
    return BipartiteGraph(
        constraint_features=_signed_log(np.asarray(graph.constraint_features)),
        edge_index=np.asarray(graph.edge_index, dtype=np.int64),
        edge_features=_signed_log(np.asarray(graph.edge_features)),
        variable_features=np.nan_to_num(variables),
    )


def binary_mask(graph: BipartiteGraph) -> np.ndarray:
    """Which variables the model predicts: binaries, and integers with bounds within [0, 1]."""
    features = graph.variable_features
    binary = features[:, StaticVariableFeature.TYPE_BINARY] > 0.5
    integer = (features[:, StaticVariableFeature.TYPE_INTEGER] > 0.5) | (
        features[:, StaticVariableFeature.TYPE_IMPLICIT_INTEGER] > 0.5
    )
    lower = features[:, StaticVariableFeature.LOWER_BOUND]
    upper = features[:, StaticVariableFeature.UPPER_BOUND]
    return binary | (integer & (lower >= -0.5) & (upper <= 1.5))


def soft_targets(
    solutions: np.ndarray,
    objectives: np.ndarray,
    *,
    maximize: bool,
    temperature: float,
) -> np.ndarray:
    """Energy-weighted mean of the solutions: one target in [0, 1] per variable.

    Parameters
    ----------
    solutions
        ``(n_solutions, n_variables)`` values (binary columns in {0, 1}).
    objectives
        ``(n_solutions,)`` objective values in the original sense.
    maximize
        Whether the problem maximises (then higher objectives get more weight).
    temperature
        Softmax temperature on the relative objective gap; small values trust the best solution.

    Returns
    -------
    numpy.ndarray
        ``(n_variables,)`` float32 targets ``sum_s w_s x_s``.
    """
    solutions = np.asarray(solutions, dtype=np.float64)
    objectives = np.asarray(objectives, dtype=np.float64)
    if solutions.ndim != 2 or solutions.shape[0] != objectives.shape[0] or solutions.shape[0] == 0:
        raise ValueError(
            f"need (S, V) solutions and (S,) objectives with S > 0, got {solutions.shape} and "
            f"{objectives.shape}"
        )
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    energy = -objectives if maximize else objectives
    best = energy.min()
    relative = (energy - best) / max(abs(best), 1.0)
    logits = -relative / temperature
    weights = np.exp(logits - logits.max())
    weights /= weights.sum()
    return (weights @ np.clip(solutions, 0.0, 1.0)).astype(np.float32)


@register_model
class DivingGNN(EncoderModel):
    """Bipartite GCNN with a value head and a selection head per variable.

    Parameters
    ----------
    n_variable_features, n_constraint_features, n_edge_features
        Input widths; default to the lengths of the static feature Enums.
    embedding_size
        Hidden width.
    degree_features
        Give the encoder each node's degree (see :class:`gnn.models.BipartiteEncoder`):
        without it, the static graph of an independent set problem gives every variable the
        same embedding.

    Shapes
    ------
    - input: a batched :class:`~gnn.data.BipartiteData` of prepared static graphs
    - output: ``(value_logits, selection_logits)``, each ``(total_variables,)``
    """

    def __init__(
        self,
        n_variable_features: int = len(StaticVariableFeature),
        n_constraint_features: int = len(StaticConstraintFeature),
        n_edge_features: int = len(StaticEdgeFeature),
        embedding_size: int = 32,
        degree_features: bool = False,
    ) -> None:
        super().__init__(
            n_variable_features,
            n_constraint_features,
            n_edge_features,
            embedding_size,
            degree_features=degree_features,
        )
        self.value_head = nn.Sequential(
            nn.Linear(embedding_size, embedding_size), nn.ReLU(), nn.Linear(embedding_size, 1)
        )
        self.selection_head = nn.Sequential(
            nn.Linear(embedding_size, embedding_size), nn.ReLU(), nn.Linear(embedding_size, 1)
        )

    def forward(self, batch: Any) -> tuple[Tensor, Tensor]:
        embeddings = self.encoder(batch)
        return self.value_head(embeddings).squeeze(-1), self.selection_head(embeddings).squeeze(-1)


@dataclass(frozen=True)
class DivingLoss:
    """The parts of the diving loss (tensors, so ``total`` can be back-propagated)."""

    total: Tensor
    """What is minimised."""
    selective_risk: Tensor
    """Cross-entropy weighted by the selection probabilities."""
    full_risk: Tensor
    """Plain mean cross-entropy over the binary variables."""
    coverage: Tensor
    """Mean selection probability."""


def diving_loss(
    value_logits: Tensor,
    selection_logits: Tensor,
    targets: Tensor,
    mask: Tensor,
    *,
    coverage: float = 0.7,
    coverage_weight: float = 32.0,
    alpha: float = 0.5,
) -> DivingLoss:
    """SelectiveNet loss over the energy-weighted soft targets (see the module docstring).

    Parameters
    ----------
    value_logits, selection_logits, targets, mask
        ``(V,)`` each; ``mask`` selects the variables that count (binaries).
    coverage
        Target fraction :math:`C` of selected variables.
    coverage_weight
        :math:`\\lambda`, the weight of the quadratic coverage penalty.
    alpha
        Weight of the selective part against the plain cross-entropy.
    """
    mask = mask.bool()
    if not bool(mask.any()):
        zero = value_logits.sum() * 0.0
        return DivingLoss(zero, zero, zero, zero)
    logits, select, target = value_logits[mask], selection_logits[mask], targets[mask]
    losses = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    selection = torch.sigmoid(select)
    mean_coverage = selection.mean()
    selective_risk = (selection * losses).sum() / selection.sum().clamp_min(1e-6)
    penalty = coverage_weight * torch.clamp(coverage - mean_coverage, min=0.0) ** 2
    full_risk = losses.mean()
    total = alpha * (selective_risk + penalty) + (1.0 - alpha) * full_risk
    return DivingLoss(total, selective_risk.detach(), full_risk.detach(), mean_coverage.detach())


class DivingPolicy:
    """A trained :class:`DivingGNN` behind the heuristic's ``predict(graph)`` interface.

    Parameters
    ----------
    model
        The network (put in eval mode here).
    """

    def __init__(self, model: DivingGNN) -> None:
        self.model = model.eval()

    @classmethod
    def from_checkpoint(cls, path: str | Path) -> DivingPolicy:
        """Load a checkpoint written by ``neuralmip train --kind diving``.

        Raises
        ------
        gnn.checkpoint.CheckpointError
            Missing, unreadable or incompatible file, or a checkpoint of another model class.
        """
        from gnn.checkpoint import CheckpointError, load_checkpoint

        checkpoint = load_checkpoint(path)
        if not isinstance(checkpoint.model, DivingGNN):
            raise CheckpointError(
                f"{path}: holds a {type(checkpoint.model).__name__}, not a diving model"
            )
        return cls(checkpoint.model)

    @torch.no_grad()
    def predict(self, graph: BipartiteGraph) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(probability_one, confidence)`` per variable, numpy float32 in [0, 1]."""
        data: BipartiteData = to_data(prepare_graph(graph))
        value_logits, selection_logits = self.model(data)
        return (
            torch.sigmoid(value_logits).numpy().astype(np.float32),
            torch.sigmoid(selection_logits).numpy().astype(np.float32),
        )


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


class DivingTrainer:
    """Fit a :class:`DivingGNN` on diving examples (scikit-learn style: ``fit`` returns self).

    Parameters
    ----------
    embedding_size
        Hidden width of the network.
    degree_features
        Give the network each node's degree (:class:`DivingGNN`).
    learning_rate, batch_size, epochs
        Adam step size, graphs per batch, passes over the training set.
    coverage, coverage_weight, alpha
        SelectiveNet settings (see :func:`diving_loss`).
    patience
        Stop after this many epochs without a better validation loss.
    seed
        Seeds the weight initialisation and the batch order.

    Attributes
    ----------
    model_ : DivingGNN
        The network with the best validation loss.
    history_ : list of dict
        Per-epoch training and validation losses.
    """

    def __init__(
        self,
        *,
        embedding_size: int = 32,
        degree_features: bool = True,
        learning_rate: float = 1e-3,
        batch_size: int = 4,
        epochs: int = 30,
        coverage: float = 0.7,
        coverage_weight: float = 32.0,
        alpha: float = 0.5,
        patience: int = 8,
        seed: int = 0,
    ) -> None:
        self.embedding_size = embedding_size
        self.degree_features = degree_features
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.epochs = epochs
        self.coverage = coverage
        self.coverage_weight = coverage_weight
        self.alpha = alpha
        self.patience = patience
        self.seed = seed

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

    @torch.no_grad()
    def _evaluate(self, model: DivingGNN, examples: Sequence[BipartiteData]) -> float:
        model.eval()
        losses = [self._loss(model, example).total.item() for example in examples]
        return float(np.mean(losses)) if losses else math.nan

    def fit(
        self, train: Sequence[BipartiteData], valid: Sequence[BipartiteData] | None = None
    ) -> DivingTrainer:
        """Train on ``train``; keep the weights with the best loss on ``valid`` (or ``train``)."""
        if not train:
            raise ValueError("no training examples")
        generator = torch.Generator().manual_seed(self.seed)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(self.seed)  # weight initialisation, scoped to this fork
            model = DivingGNN(
                embedding_size=self.embedding_size, degree_features=self.degree_features
            )
        model.fit_prenorm(DataLoader(list(train), batch_size=16))
        optimizer = torch.optim.Adam(model.parameters(), lr=self.learning_rate)
        loader = DataLoader(
            list(train), batch_size=self.batch_size, shuffle=True, generator=generator
        )
        reference = list(valid) if valid else list(train)
        best_loss, best_state, stale = math.inf, copy.deepcopy(model.state_dict()), 0
        self.history_: list[dict[str, float]] = []
        for epoch in range(self.epochs):
            start = time.perf_counter()
            model.train()
            train_losses = []
            for batch in loader:
                optimizer.zero_grad()
                loss = self._loss(model, batch)
                loss.total.backward()
                optimizer.step()
                train_losses.append(loss.total.item())
            valid_loss = self._evaluate(model, reference)
            self.history_.append(
                {
                    "epoch": epoch,
                    "train_loss": float(np.mean(train_losses)),
                    "valid_loss": valid_loss,
                    "seconds": time.perf_counter() - start,
                }
            )
            if valid_loss < best_loss - 1e-6:
                best_loss, best_state, stale = valid_loss, copy.deepcopy(model.state_dict()), 0
            else:
                stale += 1
                if stale >= self.patience:
                    break
        model.load_state_dict(best_state)
        self.model_ = model.eval()
        self.best_valid_loss_ = best_loss
        return self
