"""Tests of the diving network, its loss and its trainer."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import torch
from torch_geometric.loader import DataLoader

from gnn.checkpoint import CheckpointError, save_checkpoint
from gnn.data import to_data
from gnn.diving import (
    DIVING_FEATURE_ENUMS,
    DIVING_OPTIONS,
    DivingGNN,
    DivingPolicy,
    DivingTrainer,
    binary_mask,
    diving_example,
    diving_loss,
    fixing_metrics,
    prepare_graph,
    soft_targets,
)
from gnn.features import StaticVariableFeature
from gnn.graph import BipartiteGraph
from gnn.models import GCNNPolicy


def _graph(n_constraints: int, n_variables: int, seed: int) -> BipartiteGraph:
    rng = np.random.default_rng(seed)
    n_edges = 3 * n_variables
    edge_index = np.stack(
        (rng.integers(n_constraints, size=n_edges), rng.integers(n_variables, size=n_edges))
    )
    variables = np.zeros((n_variables, len(StaticVariableFeature)), dtype=np.float32)
    variables[:, StaticVariableFeature.OBJECTIVE] = rng.integers(1, 100, size=n_variables)
    variables[:, StaticVariableFeature.TYPE_BINARY] = 1.0
    variables[:, StaticVariableFeature.HAS_LOWER_BOUND] = 1.0
    variables[:, StaticVariableFeature.HAS_UPPER_BOUND] = 1.0
    variables[:, StaticVariableFeature.UPPER_BOUND] = 1.0
    return BipartiteGraph(
        constraint_features=rng.normal(size=(n_constraints, 1)).astype(np.float32),
        edge_index=edge_index.astype(np.int64),
        edge_features=np.ones((n_edges, 1), dtype=np.float32),
        variable_features=variables,
    )


def test_soft_targets_weigh_better_solutions_more() -> None:
    solutions = np.array([[1.0, 0.0], [0.0, 1.0]])
    cheap_first = soft_targets(solutions, np.array([10.0, 11.0]), maximize=False, temperature=0.01)
    assert cheap_first[0] > 0.99 and cheap_first[1] < 0.01
    # Maximisation prefers the larger objective.
    large_second = soft_targets(solutions, np.array([10.0, 11.0]), maximize=True, temperature=0.01)
    assert large_second[1] > 0.99
    # Equal objectives: the plain mean; a high temperature tends to it too.
    np.testing.assert_allclose(
        soft_targets(solutions, np.array([5.0, 5.0]), maximize=False, temperature=0.01), [0.5, 0.5]
    )
    warm = soft_targets(solutions, np.array([10.0, 11.0]), maximize=False, temperature=100.0)
    np.testing.assert_allclose(warm, [0.5, 0.5], atol=1e-3)
    # The weights are exactly softmax(-(c - c*) / (T |c*|)): gap 0.1 at T = 0.1 gives e^-1.
    exact = soft_targets(solutions, np.array([10.0, 11.0]), maximize=False, temperature=0.1)
    assert exact[0] == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-5)


def test_soft_targets_reject_bad_input() -> None:
    with pytest.raises(ValueError):
        soft_targets(np.zeros((0, 3)), np.zeros(0), maximize=False, temperature=1.0)
    with pytest.raises(ValueError):
        soft_targets(np.zeros((1, 3)), np.zeros(1), maximize=False, temperature=0.0)


def test_weighted_loss_equals_loss_against_soft_targets() -> None:
    # BCE is linear in the target: the energy-weighted multi-solution loss is one soft-target BCE.
    rng = np.random.default_rng(0)
    solutions = rng.integers(0, 2, size=(4, 6)).astype(np.float64)
    objectives = np.array([3.0, 3.5, 4.0, 10.0])
    logits = torch.tensor(rng.normal(size=6))
    targets = torch.tensor(
        soft_targets(solutions, objectives, maximize=False, temperature=0.2), dtype=torch.float64
    )
    relative = (objectives - 3.0) / 3.0
    weights = np.exp(-relative / 0.2) / np.exp(-relative / 0.2).sum()
    per_solution = sum(
        w * torch.nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(s)).item()
        for w, s in zip(weights, solutions, strict=True)
    )
    soft = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets).item()
    assert soft == pytest.approx(per_solution, rel=1e-5)


def test_diving_loss_coverage_penalty_and_mask() -> None:
    values = torch.zeros(4, requires_grad=True)
    targets = torch.tensor([1.0, 0.0, 1.0, 0.0])
    mask = torch.tensor([True, True, True, False])
    selected = diving_loss(values, torch.full((4,), 20.0), targets, mask, coverage=0.7)
    half = diving_loss(values, torch.zeros(4), targets, mask, coverage=0.7)
    assert selected.coverage == pytest.approx(1.0)
    assert half.coverage == pytest.approx(0.5)
    # Every loss is log 2 here, so both risks are log 2 and only the penalty differs:
    # coverage 0.5 pays 32 * (0.7 - 0.5)^2 = 1.28, times alpha = 0.5; full coverage pays nothing.
    assert selected.full_risk == pytest.approx(math.log(2), rel=1e-5)
    assert half.selective_risk == pytest.approx(math.log(2), rel=1e-5)
    assert float(half.total.detach() - selected.total.detach()) == pytest.approx(0.64, rel=1e-4)
    selected.total.backward()
    assert values.grad is not None and values.grad[3] == 0  # masked variable has no gradient
    empty = diving_loss(values, values, targets, torch.zeros(4, dtype=torch.bool))
    assert float(empty.total.detach()) == 0.0


def test_prepare_graph_is_finite_and_scale_free() -> None:
    graph = _graph(5, 8, seed=1)
    variables = graph.variable_features.copy()
    variables[0, StaticVariableFeature.UPPER_BOUND] = 1e20
    variables[1, StaticVariableFeature.LOWER_BOUND] = -np.inf
    huge = BipartiteGraph(
        graph.constraint_features, graph.edge_index, graph.edge_features, variables
    )
    prepared = prepare_graph(huge)
    assert np.isfinite(prepared.variable_features).all()
    assert np.abs(
        prepared.variable_features[:, StaticVariableFeature.OBJECTIVE]
    ).max() == pytest.approx(1.0)
    scaled = BipartiteGraph(
        graph.constraint_features,
        graph.edge_index,
        graph.edge_features,
        variables * np.array([10.0] + [1.0] * (len(StaticVariableFeature) - 1), dtype=np.float32),
    )
    np.testing.assert_allclose(
        prepare_graph(scaled).variable_features[:, StaticVariableFeature.OBJECTIVE],
        prepared.variable_features[:, StaticVariableFeature.OBJECTIVE],
        rtol=1e-6,
    )


def test_binary_mask_skips_general_integers_and_continuous() -> None:
    graph = _graph(3, 4, seed=2)
    variables = graph.variable_features.copy()
    variables[1, StaticVariableFeature.TYPE_BINARY] = 0.0
    variables[1, StaticVariableFeature.TYPE_INTEGER] = 1.0
    variables[1, StaticVariableFeature.UPPER_BOUND] = 7.0
    variables[2, StaticVariableFeature.TYPE_BINARY] = 0.0
    variables[2, StaticVariableFeature.TYPE_CONTINUOUS] = 1.0
    mask = binary_mask(
        BipartiteGraph(graph.constraint_features, graph.edge_index, graph.edge_features, variables)
    )
    assert mask.tolist() == [True, False, False, True]


def _examples(count: int, seed: int) -> list:
    """Graphs whose best solution sets the variables with even objective to 1 (learnable)."""
    examples = []
    for i in range(count):
        graph = _graph(6, 12, seed=seed + i)
        objective = graph.variable_features[:, StaticVariableFeature.OBJECTIVE]
        best = (objective % 2 == 0).astype(np.float64)
        noisy = best.copy()
        noisy[0] = 1 - noisy[0]
        examples.append(
            diving_example(
                graph,
                np.stack((best, noisy)),
                np.array([1.0, 2.0]),
                maximize=False,
                temperature=0.1,
            )
        )
    return examples


def test_model_batches_two_graphs_like_one_at_a_time() -> None:
    examples = _examples(2, seed=10)
    model = DivingGNN(embedding_size=8).eval()
    batch = next(iter(DataLoader(examples, batch_size=2)))
    values, selection = model(batch)
    assert values.shape == selection.shape == (24,)
    first_values, _ = model(examples[0])
    second_values, _ = model(examples[1])
    torch.testing.assert_close(
        values, torch.cat((first_values, second_values)), atol=1e-5, rtol=1e-5
    )


def test_trainer_is_seeded_and_learns() -> None:
    train, valid = _examples(4, seed=100), _examples(2, seed=200)
    options = dataclasses.replace(
        DIVING_OPTIONS, max_epochs=5, batch_size=2, seed=3, learning_rate=1e-2
    )
    first = DivingTrainer(embedding_size=8, options=options).fit(train, valid)
    second = DivingTrainer(embedding_size=8, options=options).fit(train, valid)
    for key, tensor in first.model_.state_dict().items():
        torch.testing.assert_close(tensor, second.model_.state_dict()[key])
    history = first.history_
    assert [record["epoch"] for record in history] == list(range(1, len(history) + 1))
    assert history[-1]["train_loss"] < history[0]["train_loss"]
    metrics = fixing_metrics(first.model_, valid, (0.5, 1.0))
    assert set(metrics) == {
        "value_accuracy",
        "fix_accuracy@0.5",
        "all_correct@0.5",
        "fix_accuracy@1",
        "all_correct@1",
    }
    assert 0.0 <= metrics["value_accuracy"] <= 1.0


def _alike_nodes_graph() -> BipartiteGraph:
    """Every variable and every constraint looks the same; only degrees differ (as in an
    independent set problem's cliques)."""
    edge_index = np.array([[0, 0, 0, 1, 1, 2], [0, 1, 2, 0, 1, 0]], dtype=np.int64)
    variables = np.zeros((3, len(StaticVariableFeature)), dtype=np.float32)
    variables[:, StaticVariableFeature.OBJECTIVE] = 1.0
    variables[:, StaticVariableFeature.TYPE_BINARY] = 1.0
    return BipartiteGraph(
        constraint_features=np.ones((3, 1), dtype=np.float32),
        edge_index=edge_index,
        edge_features=np.ones((6, 1), dtype=np.float32),
        variable_features=variables,
    )


def test_only_degree_features_tell_alike_nodes_apart() -> None:
    data = to_data(prepare_graph(_alike_nodes_graph()))
    torch.manual_seed(0)
    blind, _ = DivingGNN(embedding_size=8).eval()(data)
    # Layer normalisation cancels a message's scale: variables of degree 3, 2 and 1 match.
    torch.testing.assert_close(blind, blind[:1].expand(3))
    torch.manual_seed(0)
    seeing, _ = DivingGNN(embedding_size=8, degree_features=True).eval()(data)
    assert len(set(seeing.tolist())) == 3


@pytest.mark.parametrize("degree_features", [False, True])
def test_checkpoint_round_trip_and_wrong_class(tmp_path, degree_features: bool) -> None:
    examples = _examples(1, seed=5)
    model = DivingGNN(embedding_size=8, degree_features=degree_features)
    model.fit_prenorm(examples)
    path = save_checkpoint(tmp_path / "diving.pt", model, feature_enums=DIVING_FEATURE_ENUMS)
    policy = DivingPolicy.from_checkpoint(path)
    graph = _graph(6, 12, seed=5)
    probability, confidence = policy.predict(graph)
    assert probability.shape == confidence.shape == (12,)
    expected_values, expected_selection = model.eval()(examples[0])
    np.testing.assert_allclose(
        probability, torch.sigmoid(expected_values).detach().numpy(), rtol=1e-5
    )
    np.testing.assert_allclose(
        confidence, torch.sigmoid(expected_selection).detach().numpy(), rtol=1e-5
    )
    # Checkpoints written before degree features existed record no such key.
    assert ("degree_features" in model.config) == degree_features
    branching = save_checkpoint(
        tmp_path / "branching.pt", GCNNPolicy(embedding_size=8), feature_enums=()
    )
    with pytest.raises(CheckpointError, match="not a diving model"):
        DivingPolicy.from_checkpoint(branching)
    with pytest.raises(CheckpointError):
        DivingPolicy.from_checkpoint(tmp_path / "missing.pt")
