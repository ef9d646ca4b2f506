"""PyG data types for bipartite graphs: batching offsets constraint and variable indices apart."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch_geometric.data import Data

from gnn.graph import BipartiteGraph
from gnn.tensors import graph_tensors

__all__ = ["BipartiteData", "to_data"]


class BipartiteData(Data):
    """One bipartite graph (optionally with branching candidates) as a PyG ``Data``.

    Fields: ``constraint_features`` (C, Fc), ``edge_index`` (2, E) as [constraint; variable],
    ``edge_attr`` (E, Fe), ``variable_features`` (V, Fv), and optionally ``candidates`` (K,)
    indices into the variables, with per-candidate ``candidate_scores`` (K,).

    ``num_nodes`` is the number of variables, so that a batch's ``batch`` vector maps each
    variable to its graph (what per-graph pooling and softmax over variables need).

    When PyG collates several graphs, ``edge_index`` row 0 is offset by the number of constraints
    and row 1 by the number of variables of the graphs before it; ``candidates`` by the number of
    variables.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "num_nodes" not in kwargs and "variable_features" in self:
            self.num_nodes = int(self.variable_features.size(0))

    def __inc__(self, key: str, value: Any, *args: Any, **kwargs: Any) -> Any:
        if key == "edge_index":
            return torch.tensor(
                [[self.constraint_features.size(0)], [self.variable_features.size(0)]]
            )
        if key == "candidates":
            return self.variable_features.size(0)
        return super().__inc__(key, value, *args, **kwargs)


def to_data(
    graph: BipartiteGraph, **extra: np.ndarray | torch.Tensor | float | int
) -> BipartiteData:
    """Convert a :class:`~gnn.graph.BipartiteGraph` (numpy) into a :class:`BipartiteData`.

    Parameters
    ----------
    graph
        The observation.
    **extra
        Additional fields (e.g. ``candidates``, ``candidate_scores``); numpy arrays become tensors.
    """
    tensors = graph_tensors(graph)
    fields: dict[str, Any] = {
        "constraint_features": tensors.constraint_features,
        "edge_index": tensors.edge_index,
        "edge_attr": tensors.edge_attr,
        "variable_features": tensors.variable_features,
    }
    for key, value in extra.items():
        fields[key] = (
            torch.from_numpy(np.asarray(value)) if isinstance(value, np.ndarray) else value
        )
    return BipartiteData(**fields)
