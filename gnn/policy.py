"""In-process branching policies: score a node's branching candidates from its observation.

A branching rule builds a :class:`NodeContext` for each node (candidates as LP column positions,
their stable keys, and lazy access to the node's bipartite graph) and asks a policy for one
score per candidate (higher is better). Policies that need the full graph at every node
(:class:`ScorerPolicy` over :class:`ModelScorer`, the GCNN) pay for the observation at every
node; :class:`HybridBranchingPolicy` needs it once per solve and only the candidates' rows after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import torch
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.models import HybridPolicy
from gnn.tensors import graph_tensors

__all__ = [
    "NodeContext",
    "BranchingPolicy",
    "GraphScorer",
    "ModelScorer",
    "ScorerPolicy",
    "HybridBranchingPolicy",
    "POLICY_FOR_MODEL",
    "policy_for_model",
    "load_branching_policy",
]

_LOGGER = logging.getLogger(__name__)


class NodeContext:
    """What a policy may look at in one node; the expensive parts are computed on first use.

    Parameters
    ----------
    candidates
        ``(K,)`` LP column positions of the branching candidates (rows of the graph).
    candidate_keys
        A stable identity per candidate (SCIP variable name), unchanged by restarts and column
        reordering, for policies that cache per-variable state.
    graph
        Returns the node's bipartite graph (variable rows in LP column order).
    column_keys
        Returns the key of every LP column, in LP column order.
    candidate_features
        Returns the ``(K, n_variable_features)`` node features of the candidates only; defaults
        to the candidates' rows of :meth:`graph`.
    """

    def __init__(
        self,
        candidates: np.ndarray,
        candidate_keys: Sequence[Hashable],
        graph: Callable[[], BipartiteGraph],
        column_keys: Callable[[], Sequence[Hashable]],
        candidate_features: Callable[[], np.ndarray] | None = None,
    ) -> None:
        self.candidates = np.asarray(candidates, dtype=np.int64)
        self.candidate_keys = candidate_keys
        self._graph_fn = graph
        self._column_keys_fn = column_keys
        self._candidate_features_fn = candidate_features
        self._graph: BipartiteGraph | None = None
        self._column_keys: Sequence[Hashable] | None = None

    def graph(self) -> BipartiteGraph:
        """The node's bipartite graph, extracted on first call and then reused."""
        if self._graph is None:
            self._graph = self._graph_fn()
        return self._graph

    def column_keys(self) -> Sequence[Hashable]:
        """Keys of every LP column, in LP column order."""
        if self._column_keys is None:
            self._column_keys = self._column_keys_fn()
        return self._column_keys

    def candidate_features(self) -> np.ndarray:
        """``(K, n_variable_features)`` node features of the candidates."""
        if self._candidate_features_fn is not None:
            return self._candidate_features_fn()
        return self.graph().variable_features[self.candidates]


@runtime_checkable
class BranchingPolicy(Protocol):
    """What :class:`solver.branching.LearnedBranching` calls."""

    def reset(self) -> None:
        """Forget per-solve state (called when a new solve starts)."""
        ...

    def score_node(self, node: NodeContext) -> np.ndarray:
        """One finite score per candidate of ``node`` (higher is better), shape ``(K,)``."""
        ...


@runtime_checkable
class GraphScorer(Protocol):
    """Scores candidates of a whole graph: an in-process model or a batching-server client."""

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        """Scores of the variables ``candidates`` of ``graph``, in that order."""
        ...


class ModelScorer:
    """Runs ``model(batch) -> Tensor[total_variables]`` in this process, one graph at a time.

    Parameters
    ----------
    model
        Any branching model of :mod:`gnn.models` (put in eval mode here).
    compile
        Wrap the model with ``torch.compile(dynamic=True)`` (pays only for large graphs; see
        the branching benchmark).

    Inference runs under :func:`torch.inference_mode` with the process's
    ``torch.get_num_threads()``; set it with ``torch.set_num_threads`` before solving.
    """

    def __init__(self, model: nn.Module, *, compile: bool = False) -> None:
        self.model = model.eval()
        self._forward: Callable[..., torch.Tensor] = (
            torch.compile(model, dynamic=True) if compile else model
        )

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            logits = self._forward(graph_tensors(graph))
        return logits[torch.from_numpy(np.asarray(candidates, dtype=np.int64))].numpy()


class ScorerPolicy:
    """A :class:`BranchingPolicy` that scores the full graph at every node with a :class:`GraphScorer`."""

    def __init__(self, scorer: GraphScorer) -> None:
        self.scorer = scorer

    def reset(self) -> None:
        """Nothing is kept between nodes."""

    def score_node(self, node: NodeContext) -> np.ndarray:
        return np.asarray(self.scorer.score(node.graph(), node.candidates))


class HybridBranchingPolicy:
    """Gupta et al.'s hybrid: the GCNN encoder once, then a small MLP per node over candidates.

    The encoder's variable embeddings are cached by variable key (the SCIP variable name), not by
    LP position, because restarts and new columns move positions. A node whose candidates are
    not all in the cache (the first node, or after a restart added or renamed columns) re-runs
    the encoder on that node's graph, at most ``max_refreshes`` times per solve; beyond that the
    missing candidates raise ``KeyError`` and the rule falls back to SCIP for that node.

    Parameters
    ----------
    model
        A trained :class:`gnn.models.HybridPolicy`.
    max_refreshes
        Encoder runs allowed per solve.
    """

    def __init__(self, model: HybridPolicy, *, max_refreshes: int = 5) -> None:
        self.model = model.eval()
        self.max_refreshes = max_refreshes
        self.reset()

    def reset(self) -> None:
        """Drop the cached embeddings (a new solve)."""
        self._embeddings: torch.Tensor | None = None
        self._rows: dict[Hashable, int] = {}
        self.refreshes_ = 0

    def _refresh(self, node: NodeContext) -> None:
        if self.refreshes_ >= self.max_refreshes:
            raise KeyError(
                f"candidates missing from the embedding cache after {self.refreshes_} encoder runs"
            )
        self._embeddings = self._embed(node.graph())
        self._rows = {key: row for row, key in enumerate(node.column_keys())}
        self.refreshes_ += 1

    def _embed(self, graph: BipartiteGraph) -> torch.Tensor:
        """Variable embeddings ``(V, embedding_size)`` of ``graph``, by the encoder in this
        process; a hook for policies that run the encoder elsewhere
        (:class:`gnn.serving.hybrid.ServedHybridPolicy`)."""
        with torch.inference_mode():
            return self.model.embed(graph_tensors(graph))

    def score_node(self, node: NodeContext) -> np.ndarray:
        if self._embeddings is None or any(key not in self._rows for key in node.candidate_keys):
            self._refresh(node)
        assert self._embeddings is not None
        rows = torch.tensor([self._rows[key] for key in node.candidate_keys], dtype=torch.int64)
        features = torch.from_numpy(
            np.ascontiguousarray(node.candidate_features(), dtype=np.float32)
        )
        with torch.inference_mode():
            scores = self.model.score(self._embeddings[rows], features)
        return scores.numpy()


#: Model classes that need their own policy object; any other model scores whole graphs.
POLICY_FOR_MODEL: dict[type[nn.Module], Callable[[nn.Module], BranchingPolicy]] = {
    HybridPolicy: HybridBranchingPolicy,  # type: ignore[dict-item]
}


def policy_for_model(model: nn.Module, *, compile: bool = False) -> BranchingPolicy:
    """The in-process policy that serves ``model``: the hybrid's cache, or whole-graph scoring.

    Parameters
    ----------
    model
        A branching model of :mod:`gnn.models`.
    compile
        For whole-graph models, run them under ``torch.compile`` (see :class:`ModelScorer`).
    """
    make = POLICY_FOR_MODEL.get(type(model))
    if make is not None:
        return make(model)
    return ScorerPolicy(ModelScorer(model, compile=compile))


def load_branching_policy(path: str | Path) -> BranchingPolicy:
    """Load a branching checkpoint and wrap it in its policy.

    Raises
    ------
    gnn.checkpoint.CheckpointError
        When the file is missing, unreadable, foreign or incompatible.
    """
    from gnn.checkpoint import load_checkpoint  # checkpoint imports models; keep policy light

    return policy_for_model(load_checkpoint(path).model)
