"""What a MIP looks like to a network: bipartite observations, graph batches, layers, models,
training, checkpoints and inference.

``gnn`` may import :mod:`instances`, never :mod:`solver` or :mod:`experiments`.
"""

__all__: list[str] = []
