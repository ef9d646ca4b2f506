"""PyG data types for bipartite graphs: batching offsets constraint and variable indices apart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from torch_geometric.data import Data

from gnn.graph import BipartiteGraph

__all__ = ["BipartiteData", "collate_graphs", "to_data"]


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
    fields: dict[str, Any] = {
        "constraint_features": torch.from_numpy(np.ascontiguousarray(graph.constraint_features)),
        "edge_index": torch.from_numpy(np.ascontiguousarray(graph.edge_index, dtype=np.int64)),
        "edge_attr": torch.from_numpy(np.ascontiguousarray(graph.edge_features)),
        "variable_features": torch.from_numpy(np.ascontiguousarray(graph.variable_features)),
    }
    for key, value in extra.items():
        fields[key] = (
            torch.from_numpy(np.asarray(value)) if isinstance(value, np.ndarray) else value
        )
    return BipartiteData(**fields)


def collate_graphs(graphs: Sequence[BipartiteGraph]) -> BipartiteData:
    """Several graphs as one batch: the disjoint union that PyG's ``Batch.from_data_list`` makes
    of their :func:`to_data` (same features, offset ``edge_index`` and ``batch`` vector).

    Built with one numpy concatenation per field instead of per-graph tensors: a server batching
    requests spends its time here rather than in the model otherwise (about 5x faster for 8 set
    cover graphs of 16,000 edges).
    """
    constraint_offsets = np.cumsum([0] + [graph.n_constraints for graph in graphs[:-1]])
    variable_offsets = np.cumsum([0] + [graph.n_variables for graph in graphs[:-1]])
    edge_index = np.concatenate(
        [
            np.asarray(graph.edge_index, dtype=np.int64)
            + np.array([[c_offset], [v_offset]], dtype=np.int64)
            for graph, c_offset, v_offset in zip(
                graphs, constraint_offsets, variable_offsets, strict=True
            )
        ],
        axis=1,
    )
    batch = np.repeat(np.arange(len(graphs)), [graph.n_variables for graph in graphs])
    return BipartiteData(
        constraint_features=torch.from_numpy(
            np.concatenate([graph.constraint_features for graph in graphs])
        ),
        edge_index=torch.from_numpy(edge_index),
        edge_attr=torch.from_numpy(np.concatenate([graph.edge_features for graph in graphs])),
        variable_features=torch.from_numpy(
            np.concatenate([graph.variable_features for graph in graphs])
        ),
        batch=torch.from_numpy(batch),
    )
