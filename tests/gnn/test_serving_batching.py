"""Batched serving returns each client its own scores, checked against the network run alone.

The reference for every request is the network's forward pass over that request's graph alone,
in this process (``model(to_data(graph))[candidates]``), not the serving code's scoring
function. The requests differ in graph size and number of candidates, so an answer that went to
the wrong client, or was gathered at the wrong offset, has the wrong shape or the wrong values.
Each test checks that the graphs really shared forward passes.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
import torch
from torch import Tensor, nn

from gnn.data import to_data
from gnn.graph import BipartiteGraph
from gnn.models import HybridPolicy
from gnn.policy import HybridBranchingPolicy, NodeContext
from gnn.serving import (
    InferenceServer,
    ProcessInferenceServer,
    ServerConfig,
    score_batch,
    servable_module,
    served_branching_policy,
)
from tests.gnn.test_serving import TinyBipartiteGNN, random_graph

CPU = torch.device("cpu")
N_CLIENTS = 4


pytestmark = pytest.mark.usefixtures("one_torch_thread")


class GraphCountingGNN(TinyBipartiteGNN):
    """The tiny GNN, recording how many graphs each forward pass held."""

    def __init__(self) -> None:
        super().__init__()
        self.graphs_per_forward: list[int] = []

    def forward(self, batch: object) -> Tensor:
        index = getattr(batch, "batch", None)
        self.graphs_per_forward.append(int(index.max()) + 1 if index is not None else 1)
        return super().forward(batch)


def distinct_requests(seed: int, n: int) -> list[tuple[BipartiteGraph, np.ndarray]]:
    """``n`` graphs of different sizes, each with a different number of candidates."""
    rng = np.random.default_rng(seed)
    requests = []
    for i in range(n):
        n_variables = 20 + 7 * i
        graph = random_graph(rng, n_constraints=10 + 3 * i, n_variables=n_variables)
        candidates = rng.choice(n_variables, size=3 + 2 * i, replace=False)
        requests.append((graph, candidates))
    return requests


def reference_scores(model: nn.Module, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
    """The network's outputs for ``candidates`` with ``graph`` alone, in this process."""
    with torch.inference_mode():
        outputs = model.eval()(to_data(graph))
    return outputs[torch.from_numpy(np.asarray(candidates, dtype=np.int64))].float().numpy()


def assert_own_answers(
    model: nn.Module,
    requests: list[tuple[BipartiteGraph, np.ndarray]],
    answers: list[list[np.ndarray]],
) -> None:
    for index, (graph, candidates) in enumerate(requests):
        expected = reference_scores(model, graph, candidates)
        assert answers[index], f"client {index} got no answer"
        for answer in answers[index]:
            assert answer.shape == expected.shape, f"client {index} got another client's scores"
            np.testing.assert_allclose(answer, expected, atol=1e-5, err_msg=f"client {index}")


def score_concurrently(
    server: InferenceServer | ProcessInferenceServer,
    requests: list[tuple[BipartiteGraph, np.ndarray]],
    repeats: int,
) -> list[list[np.ndarray]]:
    """Each request scored ``repeats`` times by its own client, in its own thread, at once.

    All clients connect before any scores, so the server waits (``max_wait_s``) until every one
    has a request waiting and batches them together.
    """
    clients = [server.client() for _ in requests]
    answers: list[list[np.ndarray]] = [[] for _ in requests]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        graph, candidates = requests[index]
        try:
            answers[index] = [clients[index].score(graph, candidates) for _ in range(repeats)]
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    assert not errors, errors
    return answers


def _co_batching_config() -> ServerConfig:
    # A batch runs once every client has a request waiting (or after a generous wait).
    return ServerConfig(
        max_batch_size=N_CLIENTS, max_wait_s=5.0, request_timeout_s=60.0, torch_threads=1
    )


def test_one_forward_pass_over_several_graphs_gives_each_graph_its_own_scores() -> None:
    model = GraphCountingGNN().eval()
    requests = distinct_requests(seed=0, n=N_CLIENTS)
    batched = score_batch(model, [g for g, _ in requests], [c for _, c in requests], CPU)
    assert model.graphs_per_forward == [N_CLIENTS]
    assert_own_answers(model, requests, [[scores] for scores in batched])


def test_in_process_server_batches_clients_together_and_answers_each_its_own() -> None:
    model = GraphCountingGNN()
    requests = distinct_requests(seed=1, n=N_CLIENTS)
    with InferenceServer(model, _co_batching_config()) as server:
        answers = score_concurrently(server, requests, repeats=3)
    assert max(model.graphs_per_forward) == N_CLIENTS  # the clients shared a forward pass
    assert_own_answers(model, requests, answers)


def test_process_server_batches_clients_together_and_answers_each_its_own() -> None:
    model = TinyBipartiteGNN()
    requests = distinct_requests(seed=2, n=N_CLIENTS)
    with ProcessInferenceServer(model, _co_batching_config()) as server:
        answers = score_concurrently(server, requests, repeats=2)
        metrics = server.metrics()
    assert max(size for size, _ in metrics.batch_size_counts) == N_CLIENTS
    assert_own_answers(model, requests, answers)


def _node(graph: BipartiteGraph, candidates: np.ndarray) -> NodeContext:
    keys = [f"x{i}" for i in range(graph.n_variables)]
    return NodeContext(
        candidates, [keys[i] for i in candidates], graph=lambda: graph, column_keys=lambda: keys
    )


def test_served_hybrid_policies_batched_together_score_as_the_network_in_process() -> None:
    torch.manual_seed(0)
    model = HybridPolicy(embedding_size=8, hidden_size=8).eval()
    requests = distinct_requests(seed=3, n=N_CLIENTS)
    expected = []
    for graph, candidates in requests:
        reference = HybridBranchingPolicy(model)  # the whole network, in this process
        expected.append(reference.score_node(_node(graph, candidates)))
    encoder = servable_module(model)
    counted: list[int] = []
    encoder.register_forward_pre_hook(
        lambda _, inputs: counted.append(int(inputs[0].batch.max()) + 1
                                         if getattr(inputs[0], "batch", None) is not None else 1)
    )  # fmt: skip
    answers: list[np.ndarray | None] = [None] * N_CLIENTS
    with InferenceServer(encoder, _co_batching_config()) as server:
        clients = [server.client() for _ in requests]

        def solve(index: int) -> None:
            policy = served_branching_policy(model, clients[index])
            policy.reset()
            answers[index] = policy.score_node(_node(*requests[index]))

        threads = [threading.Thread(target=solve, args=(i,)) for i in range(N_CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for client in clients:
            client.close()
    assert max(counted) == N_CLIENTS  # the encoders of all four ran in one pass
    for index, scores in enumerate(expected):
        assert answers[index] is not None and answers[index].shape == scores.shape
        np.testing.assert_allclose(answers[index], scores, atol=1e-5, err_msg=f"client {index}")
