import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from gnn.layers import BipartiteGraphConvolution

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _layer(seed: int = 0, **kwargs) -> BipartiteGraphConvolution:
    torch.manual_seed(seed)
    return BipartiteGraphConvolution(
        **({"in_channels": (3, 5), "out_channels": 4, "edge_channels": 2} | kwargs)
    )


def test_output_shape_follows_target_side():
    layer = _layer()
    source, target = torch.randn(6, 3), torch.randn(2, 5)
    edge_index = torch.tensor([[0, 1, 5], [0, 0, 1]])
    out = layer((source, target), edge_index, torch.randn(3, 2))
    assert out.shape == (2, 4)


def test_integer_in_channels_means_both_sides():
    layer = _layer(in_channels=4)
    out = layer((torch.randn(3, 4), torch.randn(2, 4)), torch.tensor([[0], [1]]), torch.randn(1, 2))
    assert out.shape == (2, 4)


def test_sum_aggregation_counts_duplicate_edges():
    # With a mean, a doubled edge would give the same message; with a sum it must not.
    layer = _layer()
    source, target = torch.randn(1, 3), torch.randn(1, 5)
    edge_attr = torch.randn(1, 2)
    once = layer((source, target), torch.tensor([[0], [0]]), edge_attr)
    twice = layer((source, target), torch.tensor([[0, 0], [0, 0]]), edge_attr.repeat(2, 1))
    assert not torch.allclose(once, twice)


def test_targets_depend_only_on_their_own_neighbours():
    layer = _layer()
    source, target = torch.randn(4, 3), torch.randn(2, 5)
    edge_index = torch.tensor([[0, 1, 2], [0, 0, 1]])
    edge_attr = torch.randn(3, 2)
    base = layer((source, target), edge_index, edge_attr)
    moved = source.clone()
    moved[2] += 1.0  # neighbour of target 1 only
    changed = layer((moved, target), edge_index, edge_attr)
    assert torch.allclose(base[0], changed[0])
    assert not torch.allclose(base[1], changed[1])


def test_permuting_sources_with_their_edges_changes_nothing():
    layer = _layer()
    source, target = torch.randn(4, 3), torch.randn(3, 5)
    edge_index = torch.tensor([[0, 1, 2, 3, 1], [0, 0, 1, 2, 2]])
    edge_attr = torch.randn(5, 2)
    permutation = torch.tensor([2, 0, 3, 1])  # new position of each old source
    permuted_source = torch.empty_like(source)
    permuted_source[permutation] = source
    permuted_edges = torch.stack([permutation[edge_index[0]], edge_index[1]])
    expected = layer((source, target), edge_index, edge_attr)
    actual = layer((permuted_source, target), permuted_edges, edge_attr)
    assert torch.allclose(expected, actual, atol=1e-6)


def test_reset_parameters_reinitialises_weights():
    layer = _layer()
    before = [parameter.clone() for parameter in layer.parameters()]
    torch.manual_seed(123)
    layer.reset_parameters()
    after = list(layer.parameters())
    assert any(not torch.equal(b, a) for b, a in zip(before, after, strict=True))


def test_matches_the_per_edge_formula():
    # Reference: W_f relu(W_t x_i + W_e e_ij + W_s x_j) + b_f per edge, summed, then g([x, LN(m)]).
    layer = _layer()
    source, target = torch.randn(5, 3), torch.randn(3, 5)
    edge_index = torch.tensor([[0, 1, 4, 2, 2], [0, 0, 1, 1, 2]])
    edge_attr = torch.randn(5, 2)
    src, tgt = edge_index
    per_edge = (
        layer.lin_message(
            torch.relu(
                layer.lin_target(target)[tgt]
                + layer.lin_edge(edge_attr)
                + layer.lin_source(source)[src]
            )
        )
        + layer.message_bias
    )
    summed = torch.zeros(3, 4).index_add(0, tgt, per_edge)
    expected = layer.output(
        torch.relu(layer.output_hidden(torch.cat([target, layer.norm(summed)], -1)))
    )
    assert torch.allclose(layer((source, target), edge_index, edge_attr), expected, atol=1e-5)


def test_building_a_layer_leaves_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    # PyG renders a specialised ``propagate`` into a temporary file that it never removes, once
    # per process; the layer keeps the generic one, so a learned solve leaves no file behind.
    code = "from gnn.layers import BipartiteGraphConvolution as C; C(4, 4, 1)"
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=300)
    assert list(tmp_path.iterdir()) == []
