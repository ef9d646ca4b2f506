"""The hybrid trained as it runs: samples tied to their solve's root graph, batched by root."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from gnn.dataset import BranchingDataset, write_samples
from gnn.loop import TrainingOptions
from gnn.models import HybridPolicy
from gnn.rooted import RootedLoader, collate_rooted, rooted_samples
from gnn.tensors import graph_tensors
from gnn.training import BranchingTrainer
from tests.gnn.test_dataset import random_graph, random_sample, with_new_features

pytestmark = pytest.mark.usefixtures("one_torch_thread")


def _write_solves(folder, rng, sizes=(5, 3, 4), n_vars=9):
    """One samples file per solve; in the second, the last node has one column more (a
    restart), so it is its own root. Returns the samples written, file by file."""
    written = []
    for solve, size in enumerate(sizes):
        root = random_graph(rng, 4, n_vars, 20)
        graphs = [root] + [with_new_features(rng, root) for _ in range(size - 1)]
        if solve == 1:
            graphs[-1] = random_graph(rng, 4, n_vars + 1, 20)
        samples = [random_sample(rng, graph, node) for node, graph in enumerate(graphs)]
        write_samples(folder / f"solve{solve}.npz", samples, {"instance": f"solve{solve}"})
        written.append(samples)
    return written


@pytest.fixture
def solves(tmp_path):
    written = _write_solves(tmp_path, np.random.default_rng(0))
    return written, rooted_samples(BranchingDataset(tmp_path, cache_files=1))


def test_each_sample_is_tied_to_its_solves_first_node_and_keeps_its_own_features(solves):
    written, rooted = solves
    flat = [sample for samples in written for sample in samples]
    assert len(rooted) == len(flat)
    assert len(rooted.roots) == 4  # three solves, one restart
    assert rooted.root_of.tolist() == [0] * 5 + [1, 1, 2] + [3] * 4
    for index, sample in enumerate(flat):
        root = rooted.roots[rooted.root_of[index]]
        np.testing.assert_array_equal(rooted.candidates[index], sample.candidates)
        np.testing.assert_array_equal(
            rooted.candidate_features[index], sample.graph.variable_features[sample.candidates]
        )
        assert rooted.expert_index[index] == sample.expert_index
        assert root.n_variables == sample.graph.n_variables
    first_of_solve = written[0][0].graph
    np.testing.assert_array_equal(
        rooted.roots[0].variable_features, first_of_solve.variable_features
    )
    np.testing.assert_array_equal(
        rooted.roots[2].variable_features, written[1][2].graph.variable_features
    )


def test_rooted_logits_score_each_candidate_as_the_solve_time_policy_does(solves):
    written, rooted = solves
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=8).eval()
    indices = [0, 4, 6, 7, 11, 2]  # samples of every root, out of order
    batch = collate_rooted(rooted, indices)
    with torch.no_grad():
        logits = model.rooted_logits(batch)
        for position, index in enumerate(indices):
            root = rooted.roots[rooted.root_of[index]]
            embeddings = model.embed(graph_tensors(root))
            candidates = torch.from_numpy(rooted.candidates[index])
            features = torch.from_numpy(rooted.candidate_features[index])
            expected = model.score(embeddings[candidates], features)
            mine = logits[batch.segment == position]
            torch.testing.assert_close(mine, expected)
            expert = int(batch.expert[position])
            assert batch.segment[expert] == position
            assert (
                expert - int(torch.nonzero(batch.segment == position)[0])
                == rooted.expert_index[index]
            )


def test_the_loader_visits_every_sample_once_an_epoch_with_few_roots_a_batch(solves):
    _, rooted = solves
    loader = RootedLoader(rooted, batch_size=4, samples_per_root=2, shuffle=True, seed=3)
    epochs = []
    for _ in range(2):
        seen = []
        for indices in loader._batches():
            assert 1 <= len(indices) <= 4
            assert len(np.unique(rooted.root_of[indices])) <= 3
            seen.extend(indices.tolist())
        assert sorted(seen) == list(range(len(rooted)))
        epochs.append(seen)
    assert epochs[0] != epochs[1]
    again = RootedLoader(rooted, batch_size=4, samples_per_root=2, shuffle=True, seed=3)
    assert [b.tolist() for b in again._batches()] == [
        b.tolist()
        for b in RootedLoader(rooted, 4, samples_per_root=2, shuffle=True, seed=3)._batches()
    ]
    in_order = RootedLoader(rooted, batch_size=5, samples_per_root=5)
    assert [b.tolist() for b in in_order._batches()] == [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]


def test_a_subset_keeps_only_the_roots_its_samples_use(solves):
    _, rooted = solves
    subset = rooted.subset([8, 9, 0])
    assert len(subset.roots) == 2 and subset.root_of.tolist() == [1, 1, 0]
    assert subset.roots[1] is rooted.roots[3]
    np.testing.assert_array_equal(subset.candidates[2], rooted.candidates[0])


def _learnable_solves(n_solves: int, seed: int):
    """Rooted samples whose expert picks the candidate with the largest fractionality at its
    own node (the root's features carry no signal)."""
    from gnn.features import VariableFeature
    from gnn.rooted import RootedSamples

    rng = np.random.default_rng(seed)
    roots, root_of, candidates, features, scores, experts = [], [], [], [], [], []
    for solve in range(n_solves):
        roots.append(random_graph(rng, 5, 12, 30))
        for _ in range(6):
            rows = np.sort(rng.choice(12, int(rng.integers(3, 8)), replace=False))
            node = rng.normal(size=(rows.size, len(VariableFeature))).astype(np.float32)
            score = np.exp(node[:, VariableFeature.SOLUTION_FRACTIONALITY]).astype(np.float32)
            root_of.append(solve)
            candidates.append(rows.astype(np.int64))
            features.append(node)
            scores.append(score)
            experts.append(int(np.argmax(score)))
    return RootedSamples(
        roots, np.asarray(root_of), candidates, features, scores, np.asarray(experts)
    )


def test_training_on_rooted_samples_learns_the_experts_node_level_choice():
    train, valid = _learnable_solves(16, seed=1), _learnable_solves(6, seed=2)
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=16)
    before = BranchingTrainer(model).evaluate(model, valid)
    options = TrainingOptions(max_epochs=12, batch_size=12, learning_rate=5e-3, device="cpu")
    trainer = BranchingTrainer(model, samples_per_root=4, options=options).fit(train, valid)
    assert trainer.best_metrics_["n_samples"] == len(valid)
    assert trainer.best_metrics_["top1"] > max(0.6, before["top1"] + 0.2)
