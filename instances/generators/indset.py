"""Maximum independent set on random graphs, in the clique-partition formulation of Gasse et al.

The graph's nodes are greedily partitioned into cliques; each clique of two or more nodes gives
one clique inequality, and every edge not inside a clique gives an edge inequality. This is
tighter than one inequality per edge and is the formulation of Gasse et al. (2019).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = [
    "IndependentSet",
    "GraphType",
    "barabasi_albert_edges",
    "erdos_renyi_edges",
    "greedy_clique_partition",
]

GraphType = Literal["barabasi_albert", "erdos_renyi"]


def barabasi_albert_edges(n_nodes: int, affinity: int, rng: RngLike = None) -> np.ndarray:
    """Edges of a Barabasi-Albert preferential attachment graph.

    Node ``affinity`` is joined to nodes ``0 .. affinity - 1`` (a star); each later node is joined
    to ``affinity`` distinct earlier nodes drawn with probability proportional to their degree.

    Parameters
    ----------
    n_nodes
        Number of nodes; must exceed ``affinity``.
    affinity
        Number of edges each new node brings (``>= 1``).
    rng
        Random source; see :func:`instances.generators.common.as_rng`.

    Returns
    -------
    numpy.ndarray
        Integer array of shape ``(n_edges, 2)``, each row ``(u, v)`` with ``u < v``.
    """
    if not 1 <= affinity < n_nodes:
        raise ValueError(
            f"Barabasi-Albert graphs need 1 <= affinity < n_nodes, got {affinity} and {n_nodes}"
        )
    rng = as_rng(rng)
    degrees = np.zeros(n_nodes, dtype=np.int64)
    edges: list[tuple[int, int]] = [(old, affinity) for old in range(affinity)]
    degrees[:affinity] = 1
    degrees[affinity] = affinity
    for new in range(affinity + 1, n_nodes):
        weights = degrees[:new] / degrees[:new].sum()
        neighbours = rng.choice(new, size=affinity, replace=False, p=weights)
        for old in np.sort(neighbours).tolist():
            edges.append((old, new))
        degrees[neighbours] += 1
        degrees[new] = affinity
    return np.asarray(edges, dtype=np.int64).reshape(-1, 2)


def erdos_renyi_edges(n_nodes: int, edge_probability: float, rng: RngLike = None) -> np.ndarray:
    """Edges of an Erdos-Renyi graph: each of the ``n (n - 1) / 2`` pairs with ``edge_probability``.

    Returns
    -------
    numpy.ndarray
        Integer array of shape ``(n_edges, 2)``, each row ``(u, v)`` with ``u < v``, sorted.
    """
    if not 0.0 <= edge_probability <= 1.0:
        raise ValueError(f"edge_probability must be in [0, 1], got {edge_probability}")
    rng = as_rng(rng)
    first, second = np.triu_indices(n_nodes, k=1)
    keep = rng.random(first.size) < edge_probability
    return np.stack([first[keep], second[keep]], axis=1).astype(np.int64)


def greedy_clique_partition(n_nodes: int, edges: np.ndarray) -> list[list[int]]:
    """Partition the nodes into cliques, greedily, densest nodes first.

    Each clique starts at the unassigned node of highest degree and adds its unassigned
    neighbours, highest degree first, that are adjacent to every node already in the clique.
    Ties are broken by node index, so the partition is deterministic.

    Returns
    -------
    list of list of int
        The cliques, each sorted; every node is in exactly one.
    """
    neighbours: list[set[int]] = [set() for _ in range(n_nodes)]
    for u, v in edges.tolist():
        neighbours[u].add(v)
        neighbours[v].add(u)
    degrees = np.array([len(n) for n in neighbours], dtype=np.int64)
    by_degree = np.argsort(-degrees, kind="stable").tolist()
    rank = {node: position for position, node in enumerate(by_degree)}
    assigned = np.zeros(n_nodes, dtype=bool)
    cliques: list[list[int]] = []
    for centre in by_degree:
        if assigned[centre]:
            continue
        clique = [centre]
        assigned[centre] = True
        for candidate in sorted(
            (n for n in neighbours[centre] if not assigned[n]), key=rank.__getitem__
        ):
            if all(member in neighbours[candidate] for member in clique):
                clique.append(candidate)
                assigned[candidate] = True
        cliques.append(sorted(clique))
    return cliques


@dataclass(frozen=True)
class IndependentSet:
    """Maximum independent set: the largest set of nodes of a random graph, no two adjacent.

    ``max sum_v x_v`` subject to ``sum_{v in C} x_v <= 1`` for each clique ``C`` of a greedy
    clique partition and ``x_u + x_v <= 1`` for each edge outside the cliques, ``x`` binary.
    Parameter names and defaults are ecole's ``IndependentSetGenerator``.
    """

    n_nodes: int = 500
    """Number of graph nodes, i.e. binary variables."""
    edge_probability: float = 0.25
    """Probability of each edge (``erdos_renyi`` graphs only)."""
    affinity: int = 4
    """Edges each new node brings (``barabasi_albert`` graphs only)."""
    graph_type: GraphType = "barabasi_albert"
    """Random graph model: ``"barabasi_albert"`` (Gasse et al.) or ``"erdos_renyi"``."""

    def __post_init__(self) -> None:
        if self.n_nodes < 1:
            raise ValueError(f"independent set needs n_nodes >= 1, got {self.n_nodes}")
        if self.graph_type not in _GRAPH_BUILDERS:
            raise ValueError(
                f"unknown graph_type {self.graph_type!r}; expected one of {sorted(_GRAPH_BUILDERS)}"
            )
        if self.graph_type == "barabasi_albert" and not 1 <= self.affinity < self.n_nodes:
            raise ValueError(
                f"barabasi_albert graphs need 1 <= affinity < n_nodes, got {self.affinity} and {self.n_nodes}"
            )
        if self.graph_type == "erdos_renyi" and not 0.0 <= self.edge_probability <= 1.0:
            raise ValueError(f"edge_probability must be in [0, 1], got {self.edge_probability}")

    def sample_edges(self, rng: RngLike = None) -> np.ndarray:
        """Sample the graph's edges, shape ``(n_edges, 2)``."""
        return _GRAPH_BUILDERS[self.graph_type](self, as_rng(rng))

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one independent set instance.

        Returns a maximisation problem with binary variables ``x{v}`` and constraints ``clique{k}``,
        ``edge{u}_{v}`` and, for isolated nodes, ``node{v}`` (``x_v <= 1``, so that every variable
        appears in some constraint). ``rng`` is as in :func:`~instances.generators.common.as_rng`.
        """
        edges = self.sample_edges(rng)
        cliques = greedy_clique_partition(self.n_nodes, edges)
        clique_of = np.empty(self.n_nodes, dtype=np.int64)
        for index, clique in enumerate(cliques):
            clique_of[clique] = index

        model = pyscipopt.Model(f"indset_{self.n_nodes}n_{self.graph_type}")
        x = [model.addVar(name=f"x{v}", vtype="B", obj=1.0) for v in range(self.n_nodes)]
        covered = np.zeros(self.n_nodes, dtype=bool)
        for index, clique in enumerate(cliques):
            if len(clique) > 1:
                model.addCons(pyscipopt.quicksum(x[v] for v in clique) <= 1, name=f"clique{index}")
                covered[clique] = True
        for u, v in sorted(map(tuple, edges.tolist())):
            if clique_of[u] != clique_of[v]:
                model.addCons(x[u] + x[v] <= 1, name=f"edge{u}_{v}")
                covered[[u, v]] = True
        for v in np.flatnonzero(~covered).tolist():
            model.addCons(x[v] <= 1, name=f"node{v}")
        model.setMaximize()
        return model


_GRAPH_BUILDERS: dict[str, Callable[[IndependentSet, np.random.Generator], np.ndarray]] = {
    "barabasi_albert": lambda params, rng: barabasi_albert_edges(
        params.n_nodes, params.affinity, rng
    ),
    "erdos_renyi": lambda params, rng: erdos_renyi_edges(
        params.n_nodes, params.edge_probability, rng
    ),
}
