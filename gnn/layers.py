"""Graph layers for bipartite variable-constraint graphs.

They follow PyG's layer contract (``in_channels: int | tuple[int, int]`` for bipartite input,
``reset_parameters()``, ``forward(x, edge_index, edge_attr)``) and compute what a PyG
``MessagePassing`` layer with a sum aggregation computes (gather, message, ``scatter_add_``), as
plain ``torch.nn`` modules: building one renders no code from a template (PyG's
``MessagePassing`` writes a module file to the temporary folder per process and never removes
it).
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

__all__ = ["BipartiteGraphConvolution"]


class BipartiteGraphConvolution(nn.Module):
    r"""Gasse et al.'s (2019) half-convolution from one side of a bipartite graph to the other.

    For a target node :math:`i` with neighbours :math:`j` on the source side,

    .. math::

        \mathbf{m}_i = \mathrm{LN}\Big(\sum_{j \in \mathcal{N}(i)}
            \big(\mathbf{W}_f\,\mathrm{ReLU}\big(\mathbf{W}_t \mathbf{x}_i + \mathbf{W}_e \mathbf{e}_{ij}
            + \mathbf{W}_s \mathbf{x}_j\big) + \mathbf{b}_f\big)\Big), \qquad
        \mathbf{x}_i' = g\big([\mathbf{x}_i \,\|\, \mathbf{m}_i]\big)

    where :math:`g` is ``Linear -> ReLU -> Linear``, LN is a layer normalisation and the
    aggregation is a sum (it keeps the degree information, which a mean would lose). Because
    :math:`\mathbf{W}_f` is linear it is applied after the sum, as
    :math:`\mathbf{W}_f \sum_j \mathrm{ReLU}(\cdot) + d_i \mathbf{b}_f` with :math:`d_i` the
    degree: the same function at a cost per node instead of per edge. A full
    Gasse convolution is one variable-to-constraint half-convolution followed by one
    constraint-to-variable half-convolution.

    Parameters
    ----------
    in_channels
        Width of both sides, or ``(source_channels, target_channels)``.
    out_channels
        Width of the updated target embeddings.
    edge_channels
        Width of the edge features.

    Shapes
    ------
    - input: source features :math:`(|\mathcal{S}|, F_s)`, target features
      :math:`(|\mathcal{T}|, F_t)`, ``edge_index`` :math:`(2, E)` as [source; target],
      ``edge_attr`` :math:`(E, F_e)`
    - output: :math:`(|\mathcal{T}|, F_{out})`
    """

    def __init__(
        self,
        in_channels: int | tuple[int, int],
        out_channels: int,
        edge_channels: int,
    ) -> None:
        super().__init__()
        source_channels, target_channels = (
            (in_channels, in_channels) if isinstance(in_channels, int) else in_channels
        )
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.edge_channels = edge_channels
        self.lin_target = nn.Linear(target_channels, out_channels)
        self.lin_edge = nn.Linear(edge_channels, out_channels, bias=False)
        self.lin_source = nn.Linear(source_channels, out_channels, bias=False)
        self.lin_message = nn.Linear(out_channels, out_channels, bias=False)
        self.message_bias = nn.Parameter(torch.empty(out_channels))
        self.norm = nn.LayerNorm(out_channels)
        self.output_hidden = nn.Linear(target_channels + out_channels, out_channels)
        self.output = nn.Linear(out_channels, out_channels)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Re-initialise every weight."""
        for module in (
            self.lin_target,
            self.lin_edge,
            self.lin_source,
            self.lin_message,
            self.norm,
            self.output_hidden,
            self.output,
        ):
            module.reset_parameters()
        bound = 1.0 / self.out_channels**0.5  # nn.Linear's bias initialisation
        nn.init.uniform_(self.message_bias, -bound, bound)

    def forward(
        self,
        x: tuple[Tensor, Tensor],
        edge_index: Tensor,
        edge_attr: Tensor,
    ) -> Tensor:
        """Update the target side.

        Parameters
        ----------
        x
            ``(source_features, target_features)``.
        edge_index
            ``(2, E)``, row 0 indexing sources and row 1 targets.
        edge_attr
            ``(E, F_e)``.
        """
        source, target = x
        sources, targets = edge_index[0], edge_index[1]
        # x_i is W_t x_target, x_j is W_s x_source (projected once per node, not per edge);
        # W_f and b_f are applied after the sum.
        x_i = self.lin_target(target).index_select(0, targets)
        x_j = self.lin_source(source).index_select(0, sources)
        edge_messages = torch.relu(x_i + self.lin_edge(edge_attr) + x_j)
        aggregated = edge_messages.new_zeros((target.size(0), edge_messages.size(1)))
        aggregated.scatter_add_(0, targets.unsqueeze(-1).expand_as(edge_messages), edge_messages)
        degree = torch.bincount(targets, minlength=target.size(0)).to(aggregated.dtype)
        messages = self.lin_message(aggregated) + degree.unsqueeze(-1) * self.message_bias
        hidden = torch.relu(self.output_hidden(torch.cat([target, self.norm(messages)], dim=-1)))
        return self.output(hidden)

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__name__}({self.in_channels}, {self.out_channels}, "
            f"edge_channels={self.edge_channels})"
        )
