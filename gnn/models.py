"""Branching networks: Gasse et al.'s GCNN and Gupta et al.'s CPU-fast hybrid.

Every model is a :class:`torch.nn.Module` whose ``forward(batch)`` takes a (batched)
:class:`~gnn.data.BipartiteData` and returns one logit per variable, ``Tensor[total_variables]``,
so one batching server can serve any of them. Each stores its constructor arguments in
``config`` (plain JSON values) so a checkpoint can rebuild it; :data:`MODEL_CLASSES` maps the
class names that checkpoints record to the classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

import torch
from torch import Tensor, nn

from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.layers import BipartiteGraphConvolution
from gnn.prenorm import PreNorm

__all__ = [
    "BipartiteEncoder",
    "EncoderModel",
    "GCNNPolicy",
    "HybridPolicy",
    "MODEL_CLASSES",
    "register_model",
]

#: Checkpointed model classes by name; :func:`register_model` adds one (diving models too).
MODEL_CLASSES: dict[str, type[nn.Module]] = {}


def register_model(cls: type[nn.Module]) -> type[nn.Module]:
    """Class decorator: make ``cls`` loadable from checkpoints under its class name."""
    MODEL_CLASSES[cls.__name__] = cls
    return cls


class BipartiteEncoder(nn.Module):
    """Prenorm, per-side embeddings and one v->c then one c->v half-convolution (Gasse et al.).

    Parameters
    ----------
    n_variable_features, n_constraint_features, n_edge_features
        Input widths (from ``len`` of the feature Enums).
    embedding_size
        Width of every hidden embedding.
    degree_features
        Append ``log(1 + degree)`` to each node's features. The convolution's layer
        normalisation cancels a message's scale, so when all of a node's neighbours look alike
        (as every variable and constraint of an independent set problem does in the static
        graph) its degree is lost and all nodes get the same embedding.

    Shapes
    ------
    - input: a batch with ``variable_features`` (V, Fv), ``constraint_features`` (C, Fc),
      ``edge_index`` (2, E) as [constraint; variable], ``edge_attr`` (E, Fe)
    - output: variable embeddings (V, embedding_size)
    """

    def __init__(
        self,
        n_variable_features: int,
        n_constraint_features: int,
        n_edge_features: int,
        embedding_size: int,
        degree_features: bool = False,
    ) -> None:
        super().__init__()
        self.degree_features = degree_features
        n_variable_features += int(degree_features)
        n_constraint_features += int(degree_features)
        self.variable_prenorm = PreNorm(n_variable_features)
        self.constraint_prenorm = PreNorm(n_constraint_features)
        self.edge_prenorm = PreNorm(n_edge_features)
        self.variable_embedding = nn.Sequential(
            nn.Linear(n_variable_features, embedding_size),
            nn.ReLU(),
            nn.Linear(embedding_size, embedding_size),
            nn.ReLU(),
        )
        self.constraint_embedding = nn.Sequential(
            nn.Linear(n_constraint_features, embedding_size),
            nn.ReLU(),
            nn.Linear(embedding_size, embedding_size),
            nn.ReLU(),
        )
        self.variables_to_constraints = BipartiteGraphConvolution(
            embedding_size, embedding_size, n_edge_features
        )
        self.constraints_to_variables = BipartiteGraphConvolution(
            embedding_size, embedding_size, n_edge_features
        )

    def prenorms(self) -> dict[str, PreNorm]:
        """The prenorm layers keyed by the batch field they normalise."""
        return {
            "variable_features": self.variable_prenorm,
            "constraint_features": self.constraint_prenorm,
            "edge_attr": self.edge_prenorm,
        }

    def prenorm_inputs(self, batch: Any) -> dict[str, Tensor]:
        """What each prenorm layer reads from ``batch`` (its features, with degrees if asked)."""
        inputs = {
            "variable_features": batch.variable_features,
            "constraint_features": batch.constraint_features,
            "edge_attr": batch.edge_attr,
        }
        if self.degree_features:
            for side, field in enumerate(("constraint_features", "variable_features")):
                features = inputs[field]
                degree = torch.bincount(batch.edge_index[side], minlength=features.size(0))
                log_degree = torch.log1p(degree.to(features.dtype)).unsqueeze(-1)
                inputs[field] = torch.cat([features, log_degree], dim=-1)
        return inputs

    def forward(self, batch: Any) -> Tensor:
        inputs = self.prenorm_inputs(batch)
        variables = self.variable_embedding(self.variable_prenorm(inputs["variable_features"]))
        constraints = self.constraint_embedding(
            self.constraint_prenorm(inputs["constraint_features"])
        )
        edges = self.edge_prenorm(inputs["edge_attr"])
        edge_index = batch.edge_index
        constraints = self.variables_to_constraints(
            (variables, constraints), edge_index.flip(0), edges
        )
        return self.constraints_to_variables((constraints, variables), edge_index, edges)


class EncoderModel(nn.Module):
    """Base of the checkpointed models: a :class:`BipartiteEncoder`, its config, prenorm fitting.

    Subclasses build their heads after calling ``super().__init__``, so the encoder's
    parameters are drawn first from torch's generator and keep their ``encoder.*`` names.
    A subclass names the feature Enums its inputs follow in :attr:`feature_enums`; their
    lengths are the default input widths.

    Parameters
    ----------
    embedding_size
        Width of the encoder's embeddings.
    n_variable_features, n_constraint_features, n_edge_features
        Input widths of the encoder; None: the length of the matching Enum of
        :attr:`feature_enums`.
    degree_features
        See :class:`BipartiteEncoder`; recorded in ``config`` only when True, so checkpoints
        written before it existed rebuild as they were.
    **extra_config
        The subclass's own constructor arguments (plain JSON values), recorded in ``config``
        after the encoder's so that a checkpoint can rebuild the model.
    """

    #: The (variable, constraint, edge) feature Enums of the model's inputs.
    feature_enums: tuple[type[Enum], type[Enum], type[Enum]] = (
        VariableFeature,
        ConstraintFeature,
        EdgeFeature,
    )

    def __init__(
        self,
        embedding_size: int,
        *,
        n_variable_features: int | None = None,
        n_constraint_features: int | None = None,
        n_edge_features: int | None = None,
        degree_features: bool = False,
        **extra_config: Any,
    ) -> None:
        super().__init__()
        widths = [
            len(enum) if width is None else width
            for width, enum in zip(
                (n_variable_features, n_constraint_features, n_edge_features),
                self.feature_enums,
                strict=True,
            )
        ]
        self.config = {
            "n_variable_features": widths[0],
            "n_constraint_features": widths[1],
            "n_edge_features": widths[2],
            "embedding_size": embedding_size,
            **({"degree_features": True} if degree_features else {}),
            **extra_config,
        }
        self.encoder = BipartiteEncoder(*widths, embedding_size, degree_features=degree_features)

    def prenorms(self) -> dict[str, PreNorm]:
        """The prenorm layers keyed by the batch field they normalise."""
        return self.encoder.prenorms()

    def fit_prenorm(self, batches: Iterable[Any]) -> None:
        """Fit the shift and scale of every prenorm layer on ``batches`` (training data only)."""
        layers = self.prenorms()
        for batch in batches:
            inputs = self.encoder.prenorm_inputs(batch)
            for field, layer in layers.items():
                layer.update(inputs[field])
        for layer in layers.values():
            layer.finish_fit()


@register_model
class GCNNPolicy(EncoderModel):
    """Gasse et al.'s GCNN: encoder, then a 2-layer head giving one logit per variable.

    Parameters
    ----------
    embedding_size
        Hidden width (64 in the paper).
    **widths
        ``n_variable_features``, ``n_constraint_features``, ``n_edge_features``: input widths
        (see :class:`EncoderModel`; default the lengths of the node-observation feature Enums).

    Shapes
    ------
    - input: a batched :class:`~gnn.data.BipartiteData`
    - output: (total_variables,) logits
    """

    def __init__(self, embedding_size: int = 64, **widths: int) -> None:
        super().__init__(embedding_size, **widths)
        self.head = nn.Sequential(
            nn.Linear(embedding_size, embedding_size),
            nn.ReLU(),
            nn.Linear(embedding_size, 1, bias=False),
        )

    def forward(self, batch: Any) -> Tensor:
        return self.head(self.encoder(batch)).squeeze(-1)


@register_model
class HybridPolicy(EncoderModel):
    """Gupta et al.'s (2020) FiLM hybrid: a GCNN once per solve, a small MLP at every node.

    The encoder turns a bipartite graph into variable embeddings; the node scorer is a
    two-hidden-layer MLP over a variable's node features whose first layer is modulated
    (feature-wise linear modulation, FiLM) by that variable's embedding:
    :math:`h = \\mathrm{ReLU}(\\gamma(e) \\odot W_1 x + \\beta(e))`. At solve time the embedding
    comes from the root and is cached, so a node costs only the MLP over its candidates.
    Trained on :class:`gnn.rooted.RootedSamples` (the default of ``neuralmip train``), the
    encoder sees each solve's first recorded node, as at solve time (:meth:`rooted_logits`);
    trained on whole samples, it sees each sampled node's own graph (:meth:`forward`).

    Parameters
    ----------
    embedding_size
        Width of the encoder's embeddings.
    hidden_size
        Width of the node MLP.
    **widths
        Input widths, as for :class:`GCNNPolicy`.

    Shapes
    ------
    - input: a batched :class:`~gnn.data.BipartiteData`
    - output: (total_variables,) logits of the node MLP
    """

    def __init__(self, embedding_size: int = 64, hidden_size: int = 32, **widths: int) -> None:
        super().__init__(embedding_size, hidden_size=hidden_size, **widths)
        self.node_input = nn.Linear(self.config["n_variable_features"], hidden_size)
        self.film = nn.Linear(embedding_size, 2 * hidden_size)
        self.node_hidden = nn.Linear(hidden_size, hidden_size)
        self.node_output = nn.Linear(hidden_size, 1, bias=False)

    def embed(self, batch: Any) -> Tensor:
        """Variable embeddings (V, embedding_size) of a graph: the part computed once per solve."""
        return self.encoder(batch)

    def score(self, embeddings: Tensor, variable_features: Tensor) -> Tensor:
        """Logits (N,) of N variables from their embeddings and raw node features (N, Fv)."""
        gamma, beta = self.film(embeddings).chunk(2, dim=-1)
        features = self.encoder.variable_prenorm(variable_features)
        hidden = torch.relu(gamma * self.node_input(features) + beta)
        hidden = torch.relu(self.node_hidden(hidden))
        return self.node_output(hidden).squeeze(-1)

    def rooted_logits(self, batch: Any) -> Tensor:
        """Logits (K_total,) of the candidates of a :class:`gnn.rooted.RootedBatch`: each scored
        from its root's embedding and its own node's features, as at solve time."""
        embeddings = self.embed(batch.roots)
        return self.score(embeddings[batch.candidate_rows], batch.candidate_features)

    def forward(self, batch: Any) -> Tensor:
        return self.score(self.embed(batch), batch.variable_features)
