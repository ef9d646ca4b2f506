"""The bipartite variable-constraint graph that every observation function returns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BipartiteGraph"]


@dataclass(frozen=True, eq=False)
class BipartiteGraph:
    """A MIP (or one node's LP) as a bipartite graph of constraints and variables, in numpy.

    Attributes
    ----------
    constraint_features : np.ndarray
        ``(n_constraints, n_constraint_features)`` float32.
    edge_index : np.ndarray
        ``(2, n_edges)`` int64; row 0 holds constraint indices, row 1 variable indices.
    edge_features : np.ndarray
        ``(n_edges, n_edge_features)`` float32.
    variable_features : np.ndarray
        ``(n_variables, n_variable_features)`` float32.
    """

    constraint_features: np.ndarray
    edge_index: np.ndarray
    edge_features: np.ndarray
    variable_features: np.ndarray

    @property
    def n_constraints(self) -> int:
        """Number of constraint nodes."""
        return int(self.constraint_features.shape[0])

    @property
    def n_variables(self) -> int:
        """Number of variable nodes."""
        return int(self.variable_features.shape[0])

    @property
    def n_edges(self) -> int:
        """Number of edges (nonzero coefficients)."""
        return int(self.edge_index.shape[1])
