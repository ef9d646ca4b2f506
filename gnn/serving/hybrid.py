"""Serving the hybrid branching policy: the server runs the encoder, the client the node MLP.

:class:`gnn.policy.HybridBranchingPolicy` runs the GCNN encoder once per solve (the first
branched node, and after a restart changed the columns) and then, at every node, a small MLP
over the candidates (about 0.1 ms on a CPU). Only the encoder is worth a server: the server
holds a :class:`HybridEncoder`, which answers a request with one embedding row per requested
variable, and the client side, :class:`ServedHybridPolicy`, keeps the per-solve embedding cache
(by variable name) and runs the MLP in its own process, from its own copy of the checkpoint. A
node's MLP would cost less than the trip to the server and back.

If the server fails (dead, stalled past the deadline, wrong answer), the client runs the encoder
itself for that solve's refresh: the solve goes on exactly as with the in-process policy.
"""

from __future__ import annotations

import logging

import numpy as np
import torch
from torch import Tensor, nn

from gnn.graph import BipartiteGraph
from gnn.models import HybridPolicy
from gnn.policy import HybridBranchingPolicy, NodeContext
from gnn.serving.errors import InferenceError, ServerUnavailable
from gnn.serving.scoring import Scorer
from gnn.torch_threads import use_process_torch_threads

__all__ = ["HybridEncoder", "ServedHybridPolicy"]

_log = logging.getLogger(__name__)


class HybridEncoder(nn.Module):
    """The encoder of a :class:`~gnn.models.HybridPolicy`, as a servable per-variable model.

    Parameters
    ----------
    model
        The trained hybrid policy (its encoder is shared, not copied).

    Shapes
    ------
    - input: a batched :class:`~gnn.data.BipartiteData`
    - output: (total_variables, embedding_size) variable embeddings
    """

    def __init__(self, model: HybridPolicy) -> None:
        super().__init__()
        self.hybrid = model

    def forward(self, batch: object) -> Tensor:
        return self.hybrid.embed(batch)


class ServedHybridPolicy(HybridBranchingPolicy):
    """The hybrid policy with its encoder run by a server; the node MLP stays here.

    Scores equal those of :class:`~gnn.policy.HybridBranchingPolicy` on the same model (the
    embeddings only travel as float32).

    Parameters
    ----------
    model
        The trained hybrid policy (the same checkpoint the server's :class:`HybridEncoder`
        was built from); this process runs its node MLP, and its encoder when the server fails.
    encoder
        A client of a server holding ``HybridEncoder(model)``.
    max_refreshes
        Encoder runs allowed per solve (see :class:`~gnn.policy.HybridBranchingPolicy`).

    Attributes
    ----------
    n_served, n_local : int
        Encoder runs done by the server and in this process (over the policy's lifetime).
    """

    def __init__(self, model: HybridPolicy, encoder: Scorer, *, max_refreshes: int = 5) -> None:
        super().__init__(model, max_refreshes=max_refreshes)
        self.encoder = encoder
        self.n_served = 0
        self.n_local = 0
        self._server_lost = False
        self._logged = False

    def score_node(self, node: NodeContext) -> np.ndarray:
        use_process_torch_threads()
        return super().score_node(node)

    def _embed(self, graph: BipartiteGraph) -> torch.Tensor:
        if not self._server_lost:
            try:
                return self._served_embeddings(graph)
            except ServerUnavailable as error:
                self._server_lost = True  # gone for good: do not wait on it again
                self._log_once(error)
            except InferenceError as error:  # late or wrong: this refresh runs here
                self._log_once(error)
        self.n_local += 1
        return super()._embed(graph)

    def _served_embeddings(self, graph: BipartiteGraph) -> torch.Tensor:
        rows = np.asarray(self.encoder.score(graph, np.arange(graph.n_variables)))
        width = self.model.film.in_features
        if rows.shape != (graph.n_variables, width):
            raise InferenceError(
                f"the server returned embeddings of shape {rows.shape}, expected "
                f"({graph.n_variables}, {width}): does it serve this model's encoder?"
            )
        self.n_served += 1
        return torch.from_numpy(np.ascontiguousarray(rows, dtype=np.float32))

    def _log_once(self, error: Exception) -> None:
        if not self._logged:
            self._logged = True
            _log.warning(
                "hybrid encoder not served (%s: %s); running it in this process",
                type(error).__name__,
                error,
            )
