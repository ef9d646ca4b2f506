"""What a MIP looks like to a network: bipartite observations, graph batches, layers, models,
training, checkpoints and inference.

``gnn`` may import :mod:`instances`, never :mod:`solver` or :mod:`experiments`. Scoring a graph
needs torch alone (:mod:`gnn.tensors`); PyG batches training data (:mod:`gnn.data`).
"""

__all__: list[str] = []
