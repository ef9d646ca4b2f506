"""Neural Diving's network (Nair et al. 2020): predicted values and a selection score per variable.

The model reads the static graph of a MIP and gives each variable two logits: the value logit of
a Bernoulli over its binary value, and a selection logit (SelectiveNet): how sure the model is,
used to choose which variables to fix.

General integers are skipped: only binary variables (and integers with bounds in [0, 1]) get a
loss and are fixed by the heuristic; general integers and continuous variables are left to the
sub-MIP.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from torch import Tensor, nn

from gnn.features import (
    StaticConstraintFeature,
    StaticEdgeFeature,
    StaticVariableFeature,
)
from gnn.graph import BipartiteGraph
from gnn.models import EncoderModel, register_model

__all__ = ["DIVING_FEATURE_ENUMS", "DivingGNN", "binary_mask", "prepare_graph"]

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


@register_model
class DivingGNN(EncoderModel):
    """Bipartite GCNN with a value head and a selection head per variable.

    Parameters
    ----------
    embedding_size
        Hidden width.
    degree_features
        Give the encoder each node's degree (see :class:`gnn.models.BipartiteEncoder`):
        without it, the static graph of an independent set problem gives every variable the
        same embedding.
    **widths
        ``n_variable_features``, ``n_constraint_features``, ``n_edge_features``: input widths
        (see :class:`~gnn.models.EncoderModel`; default the lengths of the static feature Enums).

    Shapes
    ------
    - input: a batched :class:`~gnn.data.BipartiteData` of prepared static graphs
    - output: ``(value_logits, selection_logits)``, each ``(total_variables,)``
    """

    feature_enums = DIVING_FEATURE_ENUMS

    def __init__(
        self, embedding_size: int = 32, degree_features: bool = False, **widths: int
    ) -> None:
        super().__init__(embedding_size, degree_features=degree_features, **widths)
        self.value_head = nn.Sequential(
            nn.Linear(embedding_size, embedding_size), nn.ReLU(), nn.Linear(embedding_size, 1)
        )
        self.selection_head = nn.Sequential(
            nn.Linear(embedding_size, embedding_size), nn.ReLU(), nn.Linear(embedding_size, 1)
        )

    def forward(self, batch: Any) -> tuple[Tensor, Tensor]:
        embeddings = self.encoder(batch)
        return self.value_head(embeddings).squeeze(-1), self.selection_head(embeddings).squeeze(-1)
