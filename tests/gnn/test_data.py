import numpy as np
import torch
from torch_geometric.loader import DataLoader

from gnn.data import to_data
from gnn.graph import BipartiteGraph


def _graph(n_cons: int, n_vars: int, edges: list[tuple[int, int]]) -> BipartiteGraph:
    return BipartiteGraph(
        constraint_features=np.zeros((n_cons, 5), np.float32),
        edge_index=np.array(edges, dtype=np.int64).T,
        edge_features=np.ones((len(edges), 1), np.float32),
        variable_features=np.zeros((n_vars, 19), np.float32),
    )


def test_batching_offsets_constraints_and_variables_separately():
    first = to_data(_graph(2, 3, [(0, 0), (1, 2)]), candidates=np.array([0, 2]))
    second = to_data(_graph(4, 1, [(3, 0), (0, 0)]), candidates=np.array([0]))
    batch = next(iter(DataLoader([first, second], batch_size=2)))
    # The second graph's constraint indices move by 2 (constraints of the first graph),
    # its variable indices by 3 (variables of the first graph).
    assert batch.edge_index.tolist() == [[0, 1, 5, 2], [0, 2, 3, 3]]
    assert batch.candidates.tolist() == [0, 2, 3]
    assert batch.variable_features.shape == (4, 19)
    assert batch.constraint_features.shape == (6, 5)
    assert torch.equal(batch.edge_attr, torch.ones(4, 1))
    # ``batch`` maps each variable to its graph.
    assert batch.batch.tolist() == [0, 0, 0, 1]


def test_collate_graphs_equals_pyg_batching():
    from torch_geometric.data import Batch

    from gnn.tensors import collate_graphs

    rng = np.random.default_rng(0)
    graphs = []
    for n_cons, n_vars, n_edges in [(3, 5, 7), (1, 2, 2), (4, 1, 3), (2, 6, 0)]:
        graphs.append(
            BipartiteGraph(
                constraint_features=rng.random((n_cons, 5), dtype=np.float32),
                edge_index=np.stack(
                    [rng.integers(n_cons, size=n_edges), rng.integers(n_vars, size=n_edges)]
                ).astype(np.int64),
                edge_features=rng.random((n_edges, 1), dtype=np.float32),
                variable_features=rng.random((n_vars, 19), dtype=np.float32),
            )
        )
    ours = collate_graphs(graphs)
    pyg = Batch.from_data_list([to_data(graph) for graph in graphs])
    for field in ("constraint_features", "edge_index", "edge_attr", "variable_features", "batch"):
        assert torch.equal(getattr(ours, field), getattr(pyg, field)), field
    assert ours.num_nodes == pyg.num_nodes == 14
