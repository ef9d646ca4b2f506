"""Strong branching samples on disk: round trip, shared structures, atomicity, Dataset, batching."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from torch_geometric.loader import DataLoader

from gnn.dataset import (
    BranchingData,
    BranchingDataset,
    BranchingSample,
    is_complete,
    metadata_path,
    read_metadata,
    read_samples,
    sample_files,
    write_samples,
)
from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.graph import BipartiteGraph


def random_graph(
    rng: np.random.Generator, n_cons: int, n_vars: int, n_edges: int
) -> BipartiteGraph:
    return BipartiteGraph(
        constraint_features=rng.normal(size=(n_cons, len(ConstraintFeature))).astype(np.float32),
        edge_index=np.stack(
            [rng.integers(n_cons, size=n_edges), rng.integers(n_vars, size=n_edges)]
        ).astype(np.int64),
        edge_features=rng.normal(size=(n_edges, len(EdgeFeature))).astype(np.float32),
        variable_features=rng.normal(size=(n_vars, len(VariableFeature))).astype(np.float32),
    )


def with_new_features(rng: np.random.Generator, graph: BipartiteGraph) -> BipartiteGraph:
    """Same edges (structure), new node features: what consecutive nodes of one LP look like."""
    return BipartiteGraph(
        constraint_features=rng.normal(size=graph.constraint_features.shape).astype(np.float32),
        edge_index=graph.edge_index,
        edge_features=graph.edge_features,
        variable_features=rng.normal(size=graph.variable_features.shape).astype(np.float32),
    )


def random_sample(rng: np.random.Generator, graph: BipartiteGraph, node: int) -> BranchingSample:
    k = int(rng.integers(1, graph.n_variables + 1))
    scores = rng.random(k) * 10
    return BranchingSample(
        graph=graph,
        candidates=rng.choice(graph.n_variables, size=k, replace=False).astype(np.int64),
        candidate_scores=scores,
        expert_index=int(np.argmax(scores)),
        node_number=node,
        depth=node // 2,
        lp_objective=float(rng.normal()),
        down_gains=rng.random(k),
        up_gains=rng.random(k),
        down_infeasible=rng.random(k) < 0.2,
        up_infeasible=rng.random(k) < 0.2,
    )


@pytest.fixture
def samples() -> list[BranchingSample]:
    rng = np.random.default_rng(0)
    first = random_graph(rng, 7, 11, 30)
    second = random_graph(rng, 5, 11, 20)  # another LP (e.g. after cuts): another structure
    graphs = [first, with_new_features(rng, first), second, with_new_features(rng, first)]
    return [random_sample(rng, graph, node) for node, graph in enumerate(graphs, start=1)]


def assert_same_sample(a: BranchingSample, b: BranchingSample) -> None:
    for name in ("constraint_features", "edge_index", "edge_features", "variable_features"):
        np.testing.assert_array_equal(getattr(a.graph, name), getattr(b.graph, name))
    for name in ("candidates", "candidate_scores", "down_gains", "up_gains"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    np.testing.assert_array_equal(a.down_infeasible, b.down_infeasible)
    np.testing.assert_array_equal(a.up_infeasible, b.up_infeasible)
    assert (a.expert_index, a.node_number, a.depth, a.lp_objective) == (
        b.expert_index,
        b.node_number,
        b.depth,
        b.lp_objective,
    )


def test_round_trip_keeps_every_field_and_stores_shared_structures_once(tmp_path, samples):
    path = tmp_path / "instance.npz"
    written = write_samples(path, samples, {"instance": "x.mps", "seed": 3})
    assert written["n_samples"] == 4 and written["n_structures"] == 2
    assert read_metadata(path)["seed"] == 3
    loaded = read_samples(path)
    assert len(loaded) == len(samples)
    for original, back in zip(samples, loaded, strict=True):
        assert_same_sample(original, back)
    assert loaded[0].candidates.dtype == np.int64 and loaded[0].graph.edge_index.dtype == np.int64


class Unprintable:
    """Metadata that fails while being written out."""

    def __str__(self) -> str:
        raise RuntimeError("cannot describe myself")


def test_writes_are_atomic_and_the_metadata_marks_completion(tmp_path, samples):
    path = tmp_path / "instance.npz"
    with pytest.raises(RuntimeError, match="cannot describe"):  # the pair stays incomplete
        write_samples(path, samples, {"bad": Unprintable()})
    assert not is_complete(path) and not metadata_path(path).exists()
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file may be left behind"
    assert sample_files(tmp_path) == []
    write_samples(path, samples, {})
    assert is_complete(path) and sample_files(tmp_path) == [path]
    with pytest.raises(FileNotFoundError, match="not a complete samples file"):
        sample_files([tmp_path / "missing.npz"])


def test_an_instance_without_samples_round_trips(tmp_path):
    path = tmp_path / "empty.npz"
    write_samples(path, [], {"instance": "solved-at-root.mps"})
    assert read_samples(path) == []
    assert len(BranchingDataset(tmp_path)) == 0


def test_other_format_versions_are_refused(tmp_path, samples):
    path = tmp_path / "old.npz"
    write_samples(path, samples[:1], {})
    with np.load(path) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["format_version"] = np.array(99)
    np.savez_compressed(path, **arrays)
    with pytest.raises(ValueError, match="format version 99"):
        read_samples(path)


def test_dataset_items_have_the_branching_fields(tmp_path, samples):
    write_samples(tmp_path / "a.npz", samples[:3], {})
    write_samples(tmp_path / "b.npz", samples[3:], {})
    dataset = BranchingDataset(tmp_path, cache_files=1)
    assert len(dataset) == 4
    item = dataset[3]
    assert isinstance(item, BranchingData)
    assert item.candidates.dtype == torch.long and item.candidate_scores.dtype == torch.float32
    assert item.expert_index.dtype == torch.long and item.expert_index.dim() == 0
    np.testing.assert_array_equal(
        item.variable_features.numpy(), samples[3].graph.variable_features
    )
    np.testing.assert_array_equal(item.candidates.numpy(), samples[3].candidates)
    assert int(item.expert_index) == samples[3].expert_index
    assert item.edge_attr.shape == (samples[3].graph.n_edges, len(EdgeFeature))
    np.testing.assert_array_equal(dataset[-1].candidates.numpy(), item.candidates.numpy())
    with pytest.raises(IndexError):
        dataset[4]


def test_batching_offsets_candidates_but_not_the_expert_position(tmp_path, samples):
    write_samples(tmp_path / "a.npz", samples, {})
    dataset = BranchingDataset(tmp_path)
    batch = next(iter(DataLoader(dataset, batch_size=3, follow_batch=["candidates"])))
    n_vars = [s.graph.n_variables for s in samples[:3]]
    n_cons = [s.graph.n_constraints for s in samples[:3]]
    k = [len(s.candidates) for s in samples[:3]]
    expected_candidates = np.concatenate(
        [
            samples[0].candidates,
            samples[1].candidates + n_vars[0],
            samples[2].candidates + n_vars[0] + n_vars[1],
        ]
    )
    np.testing.assert_array_equal(batch.candidates.numpy(), expected_candidates)
    np.testing.assert_array_equal(batch.expert_index.numpy(), [s.expert_index for s in samples[:3]])
    np.testing.assert_array_equal(batch.candidates_batch.numpy(), np.repeat([0, 1, 2], k))
    second_edges = batch.edge_index[:, samples[0].graph.n_edges :][:, : samples[1].graph.n_edges]
    np.testing.assert_array_equal(
        second_edges.numpy(), samples[1].graph.edge_index + np.array([[n_cons[0]], [n_vars[0]]])
    )
    # The expert's choice, looked up through the batch, is the sample's expert candidate.
    start = np.concatenate([[0], np.cumsum(k)])[:3]
    chosen = batch.candidates[torch.as_tensor(start) + batch.expert_index].numpy()
    np.testing.assert_array_equal(
        chosen - np.array([0, n_vars[0], n_vars[0] + n_vars[1]]),
        [s.candidates[s.expert_index] for s in samples[:3]],
    )


def test_metadata_is_plain_json(tmp_path, samples):
    write_samples(tmp_path / "a.npz", samples, {"config": {"seed": 1}})
    document = json.loads((tmp_path / "a.json").read_text())
    assert document["config"] == {"seed": 1} and document["samples_file"] == "a.npz"
