"""What a MIP looks like to a network: bipartite observations, graph batches, layers, models,
training, checkpoints and inference.

``gnn`` may import :mod:`instances`, never :mod:`solver` or :mod:`experiments`.
"""

from gnn.lean_imports import defer_torch_dynamo

# Before any gnn module imports torch_geometric: keeps torch._dynamo off the inference path.
defer_torch_dynamo()

__all__: list[str] = []
