"""Tests of the batching inference server (in-process and across processes), on the CPU."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pyscipopt
import pytest
import torch
from pyscipopt import SCIP_PARAMSETTING
from torch import Tensor, nn
from torch_geometric.nn import MessagePassing

from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
from gnn.graph import BipartiteGraph
from gnn.models import HybridPolicy
from gnn.observation import NodeBipartite
from gnn.policy import HybridBranchingPolicy, ModelScorer, NodeContext, ScorerPolicy
from gnn.serving import (
    FallbackScorer,
    InferenceError,
    InferenceServer,
    InferenceTimeout,
    ProcessInferenceServer,
    Scorer,
    ServedHybridPolicy,
    ServerAddress,
    ServerConfig,
    ServerUnavailable,
    score_batch,
    score_batch_splitting,
    servable_module,
    served_branching_policy,
)
from solver.branching import include_learned_branching

CPU = torch.device("cpu")


# -- a small real GNN with the models' contract: model(batch) -> Tensor[total_variables] -------


class HalfConvolution(MessagePassing):
    """One bipartite half-convolution: messages from the source side, summed on the target."""

    def __init__(self, hidden: int) -> None:
        super().__init__(aggr="add")
        self.message_layer = nn.Linear(2 * hidden + len(EdgeFeature), hidden)
        self.update_layer = nn.Linear(2 * hidden, hidden)

    def forward(self, x: tuple[Tensor, Tensor], edge_index: Tensor, edge_attr: Tensor) -> Tensor:
        source, target = x
        size = (source.size(0), target.size(0))
        aggregated = self.propagate(edge_index, x=(source, target), edge_attr=edge_attr, size=size)
        return torch.relu(self.update_layer(torch.cat([target, aggregated], dim=-1)))

    def message(self, x_i: Tensor, x_j: Tensor, edge_attr: Tensor) -> Tensor:
        return torch.relu(self.message_layer(torch.cat([x_i, x_j, edge_attr], dim=-1)))


class TinyBipartiteGNN(nn.Module):
    """Embeddings, a v->c and a c->v half-convolution, and a linear head: one logit per variable."""

    def __init__(self, hidden: int = 16, seed: int = 0) -> None:
        super().__init__()
        self.variable_embedding = nn.Linear(len(VariableFeature), hidden)
        self.constraint_embedding = nn.Linear(len(ConstraintFeature), hidden)
        self.variables_to_constraints = HalfConvolution(hidden)
        self.constraints_to_variables = HalfConvolution(hidden)
        self.head = nn.Linear(hidden, 1)
        generator = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for parameter in self.parameters():
                parameter.copy_(0.3 * torch.randn(parameter.shape, generator=generator))

    def forward(self, batch: object) -> Tensor:
        variables = torch.relu(self.variable_embedding(batch.variable_features))
        constraints = torch.relu(self.constraint_embedding(batch.constraint_features))
        edge_index, edges = batch.edge_index, batch.edge_attr
        constraints = self.variables_to_constraints(
            (variables, constraints), edge_index.flip(0), edges
        )
        variables = self.constraints_to_variables((constraints, variables), edge_index, edges)
        return self.head(variables).squeeze(-1)


class SlowGNN(TinyBipartiteGNN):
    """The same GNN, with a fixed delay before each forward pass (to provoke deadlines)."""

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s = delay_s

    def forward(self, batch: object) -> Tensor:
        time.sleep(self.delay_s)
        return super().forward(batch)


class MemoryHungryGNN(TinyBipartiteGNN):
    """The same GNN, out of device memory on batches of more than ``max_graphs`` graphs."""

    def __init__(self, max_graphs: int) -> None:
        super().__init__()
        self.max_graphs = max_graphs

    def forward(self, batch: object) -> Tensor:
        n_graphs = int(batch.batch.max()) + 1 if getattr(batch, "batch", None) is not None else 1
        if n_graphs > self.max_graphs:
            raise torch.OutOfMemoryError(f"{n_graphs} graphs do not fit")
        return super().forward(batch)


class WrongShapeGNN(TinyBipartiteGNN):
    """A broken model: one logit too many."""

    def forward(self, batch: object) -> Tensor:
        return torch.cat([super().forward(batch), torch.zeros(1)])


def random_graph(
    rng: np.random.Generator, n_constraints: int = 30, n_variables: int = 50
) -> BipartiteGraph:
    n_edges = 4 * n_variables
    edge_index = np.stack(
        [rng.integers(n_constraints, size=n_edges), rng.integers(n_variables, size=n_edges)]
    ).astype(np.int64)
    return BipartiteGraph(
        constraint_features=rng.normal(size=(n_constraints, len(ConstraintFeature))).astype(
            np.float32
        ),
        edge_index=edge_index,
        edge_features=rng.normal(size=(n_edges, len(EdgeFeature))).astype(np.float32),
        variable_features=rng.normal(size=(n_variables, len(VariableFeature))).astype(np.float32),
    )


def random_requests(seed: int, n: int) -> list[tuple[BipartiteGraph, np.ndarray]]:
    rng = np.random.default_rng(seed)
    requests = []
    for _ in range(n):
        graph = random_graph(rng, int(rng.integers(5, 40)), int(rng.integers(10, 60)))
        candidates = rng.choice(graph.n_variables, size=int(rng.integers(1, 10)), replace=False)
        requests.append((graph, candidates))
    return requests


def direct_scores(model: nn.Module, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
    return score_batch(model.eval(), [graph], [candidates], CPU)[0]


# -- scoring ------------------------------------------------------------------------------------


def test_batched_scores_equal_unbatched_scores() -> None:
    model = TinyBipartiteGNN().eval()
    requests = random_requests(seed=1, n=6)
    batched = score_batch(model, [g for g, _ in requests], [c for _, c in requests], CPU)
    for (graph, candidates), scores in zip(requests, batched, strict=True):
        assert scores.shape == candidates.shape and scores.dtype == np.float32
        np.testing.assert_allclose(scores, direct_scores(model, graph, candidates), atol=1e-5)
    # Scores of a variable depend on its graph only, not on the graph's place in the batch.
    swapped = score_batch(
        model, [g for g, _ in requests[::-1]], [c for _, c in requests[::-1]], CPU
    )
    for scores, other in zip(batched, swapped[::-1], strict=True):
        np.testing.assert_allclose(scores, other, atol=1e-5)


def test_out_of_memory_splits_the_batch_and_the_scores_stay_the_same() -> None:
    model = MemoryHungryGNN(max_graphs=2).eval()
    requests = random_requests(seed=11, n=7)
    splits = []
    scores = score_batch_splitting(
        model, [g for g, _ in requests], [c for _, c in requests], CPU, lambda: splits.append(1)
    )
    for (graph, candidates), answer in zip(requests, scores, strict=True):
        np.testing.assert_allclose(answer, direct_scores(model, graph, candidates), atol=1e-5)
    assert len(splits) == 3  # 7 -> 3 + 4, 3 -> 1 + 2, 4 -> 2 + 2
    with pytest.raises(InferenceError, match="one graph does not fit"):
        graph, candidates = requests[0]
        score_batch_splitting(MemoryHungryGNN(max_graphs=0), [graph], [candidates], CPU)


def score_from_threads(
    server: InferenceServer | ProcessInferenceServer,
    requests: list[tuple[BipartiteGraph, np.ndarray]],
    repeats: int,
) -> list[list[np.ndarray]]:
    """Each request scored ``repeats`` times by its own client in its own thread, all at once;
    the clients are closed afterwards. Returns the answers, per request."""
    clients = [server.client() for _ in requests]
    assert all(isinstance(client, Scorer) for client in clients)
    answers: list[list[np.ndarray]] = [[] for _ in requests]

    def work(index: int) -> None:
        graph, candidates = requests[index]
        answers[index] = [clients[index].score(graph, candidates) for _ in range(repeats)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    return answers


def test_concurrent_clients_are_batched_and_get_their_own_scores() -> None:
    model = TinyBipartiteGNN()
    requests = random_requests(seed=2, n=4)
    expected = [direct_scores(model, g, c) for g, c in requests]
    config = ServerConfig(max_batch_size=4, max_wait_s=0.5, request_timeout_s=10.0)
    with InferenceServer(model, config) as server:
        results = score_from_threads(server, requests, repeats=3)
        metrics = server.metrics()
    for index, scores in enumerate(expected):
        for answer in results[index]:
            np.testing.assert_allclose(answer, scores, atol=1e-5)
    assert metrics.n_requests == 12
    # Four clients with a generous wait: the server filled batches of all four.
    assert max(size for size, _ in metrics.batch_size_counts) == 4
    assert metrics.n_batches < 12
    assert metrics.queue_wait.count == 12 and metrics.forward.count == metrics.n_batches
    assert metrics.n_clients == 0


def test_lone_client_is_not_held_back_by_max_wait() -> None:
    graph, candidates = random_requests(seed=3, n=1)[0]
    with InferenceServer(TinyBipartiteGNN(), ServerConfig(max_wait_s=5.0)) as server:
        with server.client() as client:
            started = time.monotonic()
            client.score(graph, candidates)
            # Its only client is waiting, so the batch cannot grow: it runs at once.
            assert time.monotonic() - started < 2.0


def test_deadline_raises_inference_timeout_and_server_goes_on() -> None:
    graph, candidates = random_requests(seed=4, n=1)[0]
    # The server thread runs the model (a caller running it would wait for its own pass).
    config = ServerConfig(request_timeout_s=0.05, caller_runs=False)
    with InferenceServer(SlowGNN(delay_s=2.0), config) as server:
        with server.client() as hasty, server.client(timeout_s=30.0) as patient:
            started = time.monotonic()
            with pytest.raises(InferenceTimeout):
                hasty.score(graph, candidates)
            # At its deadline, well before the 2 s forward pass it was waiting for ends.
            assert time.monotonic() - started < 1.5
            assert isinstance(InferenceTimeout("x"), TimeoutError)
            scores = patient.score(graph, candidates)
    np.testing.assert_allclose(
        scores, direct_scores(TinyBipartiteGNN(), graph, candidates), atol=1e-5
    )


def test_model_failure_raises_inference_error_and_server_goes_on() -> None:
    graph, candidates = random_requests(seed=5, n=1)[0]
    with InferenceServer(WrongShapeGNN()) as server, server.client() as client:
        for _ in range(2):
            with pytest.raises(InferenceError, match="shape"):
                client.score(graph, candidates)
        assert server.metrics().n_failed == 2


def test_closed_server_fails_fast_and_leaves_no_thread() -> None:
    graph, candidates = random_requests(seed=6, n=1)[0]
    threads_before = threading.active_count()
    server = InferenceServer(TinyBipartiteGNN())
    client = server.client()
    client.score(graph, candidates)
    server.close()
    with pytest.raises(ServerUnavailable):
        client.score(graph, candidates)
    client.close()
    assert threading.active_count() == threads_before


@pytest.mark.parametrize(
    "field, value",
    [
        ("max_batch_size", 0),
        ("max_wait_s", -1.0),
        ("request_timeout_s", 0.0),
        ("concurrent_forwards", 0),
    ],
)
def test_config_refuses_bad_values(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        ServerConfig(**{field: value})


# -- across processes --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def process_server() -> ProcessInferenceServer:
    server = ProcessInferenceServer(
        TinyBipartiteGNN(), ServerConfig(request_timeout_s=20.0, torch_threads=1)
    )
    yield server
    server.close()


def _score_forever(address: ServerAddress, seed: int, started: object, buffer_path: object) -> None:
    """Body of a client process that is killed while it scores."""
    graph, candidates = random_requests(seed, 1)[0]
    client = address.client()
    buffer_path.put(client._buffer.path)
    client.score(graph, candidates)
    started.set()
    while True:
        client.score(graph, candidates)


def test_process_server_scores_equal_direct_scores(process_server: ProcessInferenceServer) -> None:
    model = TinyBipartiteGNN()
    # Graphs large enough that the shared buffer must grow once.
    requests = random_requests(seed=7, n=3) + [
        (random_graph(np.random.default_rng(8), 2000, 9000), np.arange(9000))
    ]
    with process_server.client() as client:
        for graph, candidates in requests:
            np.testing.assert_allclose(
                client.score(graph, candidates), direct_scores(model, graph, candidates), atol=1e-5
            )


@pytest.mark.parametrize(
    ("concurrent_forwards", "forward_thread"), [(1, False), (1, True), (2, False)]
)
def test_process_server_batches_concurrent_clients_and_splits_batches_too_large(
    concurrent_forwards: int, forward_thread: bool
) -> None:
    # One forward slot: the server's loop runs each batch itself, unless forward_thread;
    # two: forward threads do.
    model = MemoryHungryGNN(max_graphs=2)
    requests = random_requests(seed=12, n=4)
    expected = [direct_scores(model, g, c) for g, c in requests]
    config = ServerConfig(
        max_batch_size=4,
        max_wait_s=0.5,
        request_timeout_s=20.0,
        torch_threads=1,
        concurrent_forwards=concurrent_forwards,
        forward_thread=forward_thread,
    )
    with ProcessInferenceServer(model, config) as server:
        answers = score_from_threads(server, requests, repeats=3)
        metrics = server.metrics()
    for index, scores in enumerate(expected):
        for answer in answers[index]:
            np.testing.assert_allclose(answer, scores, atol=1e-5)
    assert metrics.n_requests == 12 and metrics.n_failed == 0
    # Four clients with a generous wait fill batches of four, each too large for the "device".
    assert max(size for size, _ in metrics.batch_size_counts) == 4
    assert metrics.n_memory_splits >= 1


def test_client_sending_garbage_is_dropped_and_the_others_are_served(
    process_server: ProcessInferenceServer,
) -> None:
    from multiprocessing.connection import Client

    address = process_server.address
    graph, candidates = random_requests(seed=13, n=1)[0]
    with process_server.client() as client:
        before = client.score(graph, candidates)
        malformed = ("not a request", (1, 2), (1, "/x", (), "soon"), (1, "/nonexistent", (), 1.0))
        for garbage in malformed:
            rogue = Client(address.address, family="AF_UNIX", authkey=address.authkey)
            rogue.send(garbage)
            # A malformed request is dropped with its connection, or answered with an error.
            if rogue.poll(5.0):
                try:
                    sequence, scores, error = rogue.recv()
                except EOFError:
                    pass
                else:
                    assert scores is None and isinstance(error, InferenceError)
            rogue.close()
            np.testing.assert_allclose(client.score(graph, candidates), before, atol=1e-6)


def test_killed_client_does_not_stall_the_server(process_server: ProcessInferenceServer) -> None:
    context = multiprocessing.get_context("spawn")
    started, buffer_path = context.Event(), context.Queue()
    victim = context.Process(
        target=_score_forever, args=(process_server.address, 9, started, buffer_path)
    )
    victim.start()
    path = buffer_path.get(timeout=60)
    assert started.wait(60)
    os.kill(victim.pid, signal.SIGKILL)  # most likely in the middle of a request
    victim.join()
    buffer_path.close()
    graph, candidates = random_requests(seed=10, n=1)[0]
    with process_server.client(timeout_s=5.0) as client:
        for _ in range(5):
            client.score(graph, candidates)
        deadline = time.monotonic() + 5.0
        while process_server.metrics().n_clients > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process_server.metrics().n_clients == 1  # the dead client's thread ended
    assert not Path(path).exists()  # and its shared buffer was removed


def test_killed_server_makes_clients_fail_within_their_deadline_and_leaks_nothing() -> None:
    threads_before = threading.active_count()
    children_before = len(multiprocessing.active_children())
    graph, candidates = random_requests(seed=11, n=1)[0]
    server = ProcessInferenceServer(SlowGNN(delay_s=0.2), ServerConfig(torch_threads=1))
    try:
        client = server.client(timeout_s=2.0)
        client.score(graph, candidates)
        metrics = server.metrics()
        assert metrics.n_requests == 1 and metrics.n_clients == 1
        killer = threading.Timer(0.05, os.kill, args=(server.process.pid, signal.SIGKILL))
        killer.start()
        started = time.monotonic()
        with pytest.raises(ServerUnavailable):
            client.score(graph, candidates)  # in flight when the server dies
        assert time.monotonic() - started < 2.0
        killer.join()
        started = time.monotonic()
        with pytest.raises(ServerUnavailable):
            client.score(graph, candidates)
        assert time.monotonic() - started < 1.0  # later calls fail at once, not at the deadline
        client.close()
        with pytest.raises(ServerUnavailable):
            server.metrics()
    finally:
        server.close()
    assert not server.process.is_alive()
    assert len(multiprocessing.active_children()) == children_before
    assert threading.active_count() == threads_before


def test_process_server_shutdown_leaves_no_process_or_thread() -> None:
    threads_before = threading.active_count()
    children_before = len(multiprocessing.active_children())
    server = ProcessInferenceServer(TinyBipartiteGNN(), ServerConfig(torch_threads=1))
    client = server.client()
    client.score(*random_requests(seed=12, n=1)[0])
    server.close()  # with a client still connected
    with pytest.raises(ServerUnavailable):
        client.score(*random_requests(seed=12, n=1)[0])
    client.close()
    assert not server.process.is_alive()
    assert len(multiprocessing.active_children()) == children_before
    assert threading.active_count() == threads_before


# -- a solve through the server ------------------------------------------------------------------


def knapsack(seed: int, n_items: int = 40, n_dimensions: int = 5) -> pyscipopt.Model:
    """A small multi-dimensional knapsack that needs a few dozen branching nodes."""
    rng = np.random.default_rng(seed)
    model = pyscipopt.Model()
    model.hideOutput()
    weights = rng.integers(5, 30, size=(n_dimensions, n_items))
    profits = rng.integers(10, 40, size=n_items)
    x = [model.addVar(f"x{j}", vtype="B", obj=float(profits[j])) for j in range(n_items)]
    for i in range(n_dimensions):
        capacity = float(weights[i].sum() // 2)
        model.addCons(
            pyscipopt.quicksum(float(weights[i, j]) * x[j] for j in range(n_items)) <= capacity
        )
    model.setMaximize()
    for setting in (model.setHeuristics, model.setSeparating, model.setPresolve):
        setting(SCIP_PARAMSETTING.OFF)
    return model


class KillServerAfter:
    """A scorer forwarding to a client, that kills the server process after ``n_calls`` calls."""

    def __init__(self, client: Scorer, server: ProcessInferenceServer, n_calls: int) -> None:
        self.client, self.server, self.n_calls = client, server, n_calls
        self.errors: list[type[BaseException]] = []

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        if self.n_calls == 0 and self.server.process.is_alive():
            os.kill(self.server.process.pid, signal.SIGKILL)
            self.server.process.join()
        self.n_calls -= 1
        try:
            return self.client.score(graph, candidates)
        except Exception as error:
            self.errors.append(type(error))
            raise


def test_solve_through_the_server_finishes_correctly_when_the_server_dies() -> None:
    reference = knapsack(seed=0)
    reference.optimize()
    server = ProcessInferenceServer(
        TinyBipartiteGNN(), ServerConfig(request_timeout_s=5.0, torch_threads=1)
    )
    try:
        with server.client() as client:
            scorer = KillServerAfter(client, server, n_calls=5)
            model = knapsack(seed=0)
            rule = include_learned_branching(
                model, ScorerPolicy(scorer), observation=NodeBipartite()
            )
            started = time.monotonic()
            model.optimize()
            elapsed = time.monotonic() - started
    finally:
        server.close()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(reference.getObjVal())
    assert rule.n_branched == 5  # learned decisions while the server lived
    assert rule.n_fallbacks > 0 and set(scorer.errors) == {ServerUnavailable}  # then SCIP's rules
    assert elapsed < 30.0


# -- caller-runs keeps the deadline ---------------------------------------------------------------


class ThreadRecordingGNN(TinyBipartiteGNN):
    """The tiny GNN that notes which thread ran each forward pass, and can be made to stall."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []
        self.stall_s = 0.0

    def forward(self, batch: object) -> Tensor:
        self.threads.append(threading.current_thread().name)
        time.sleep(self.stall_s)
        return super().forward(batch)


def test_caller_runs_a_batch_only_once_passes_are_known_to_be_fast() -> None:
    graph, candidates = random_requests(seed=21, n=1)[0]
    model = ThreadRecordingGNN()
    config = ServerConfig(request_timeout_s=10.0, caller_runs=True)
    with InferenceServer(model, config) as server, server.client() as client:
        for _ in range(3):
            client.score(graph, candidates)
    # The first pass (no timing seen yet) goes to the server thread, the others to the caller.
    assert model.threads[0] == "neuralmip-inference"
    assert model.threads[1:] == [threading.current_thread().name] * 2


def test_caller_runs_mode_keeps_the_deadline_when_the_model_stalls() -> None:
    graph, candidates = random_requests(seed=22, n=1)[0]
    model = ThreadRecordingGNN()
    model.stall_s = 3.0
    config = ServerConfig(request_timeout_s=0.1, caller_runs=True)
    with InferenceServer(model, config) as server, server.client() as client:
        started = time.monotonic()
        for _ in range(4):
            with pytest.raises(InferenceTimeout):
                client.score(graph, candidates)
        elapsed = time.monotonic() - started
        # A caller that ran a stalled pass itself would wait it out (3 s).
        assert elapsed < 2.0, f"4 requests with a 0.1 s deadline took {elapsed:.2f} s"
        model.stall_s = 0.0
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline:  # the stalled passes drain, then answers come again
            try:
                scores = client.score(graph, candidates, timeout_s=5.0)
                break
            except InferenceTimeout:
                continue
    assert "neuralmip-inference" in model.threads
    assert threading.current_thread().name not in model.threads[:2]  # no caller ran a stall
    np.testing.assert_allclose(
        scores, direct_scores(TinyBipartiteGNN(), graph, candidates), atol=1e-5
    )


# -- serving the hybrid policy and falling back ----------------------------------------------------


def _hybrid_node(graph: BipartiteGraph, candidates: np.ndarray) -> NodeContext:
    keys = [f"x{i}" for i in range(graph.n_variables)]
    return NodeContext(
        candidates, [keys[i] for i in candidates], graph=lambda: graph, column_keys=lambda: keys
    )


def _hybrid_model() -> HybridPolicy:
    torch.manual_seed(0)  # explicit seed: the weights only need to be fixed and non-trivial
    return HybridPolicy(embedding_size=8, hidden_size=8).eval()


@pytest.mark.parametrize("server_kind", ["in_process", "process"])
def test_served_hybrid_scores_equal_in_process_hybrid_scores(server_kind: str) -> None:
    model = _hybrid_model()
    requests = random_requests(seed=23, n=3)
    reference = HybridBranchingPolicy(model)
    expected = []
    for graph, candidates in requests:
        reference.reset()  # a new solve per graph: each one runs the encoder
        expected.append(reference.score_node(_hybrid_node(graph, candidates)))
    config = ServerConfig(request_timeout_s=30.0, torch_threads=1)
    make_server = InferenceServer if server_kind == "in_process" else ProcessInferenceServer
    with make_server(servable_module(model), config) as server, server.client() as client:
        served = served_branching_policy(model, client)
        assert isinstance(served, ServedHybridPolicy)
        for (graph, candidates), scores in zip(requests, expected, strict=True):
            served.reset()
            node = _hybrid_node(graph, candidates)
            np.testing.assert_allclose(served.score_node(node), scores, atol=1e-5)
            # Later nodes of the same solve reuse the cached embeddings: no new request.
            np.testing.assert_allclose(served.score_node(node), scores, atol=1e-5)
        metrics = server.metrics()
    assert served.n_served == len(requests) and served.n_local == 0
    assert metrics.n_requests == len(requests)


def test_served_hybrid_runs_the_encoder_itself_once_the_server_is_gone() -> None:
    model = _hybrid_model()
    graph, candidates = random_requests(seed=24, n=1)[0]
    expected = HybridBranchingPolicy(model).score_node(_hybrid_node(graph, candidates))
    server = InferenceServer(servable_module(model))
    client = server.client()
    served = ServedHybridPolicy(model, client)
    server.close()
    for _ in range(2):
        served.reset()
        np.testing.assert_allclose(
            served.score_node(_hybrid_node(graph, candidates)), expected, atol=1e-5
        )
    client.close()
    assert served.n_served == 0 and served.n_local == 2


def test_served_hybrid_refuses_embeddings_of_another_model() -> None:
    model = _hybrid_model()
    graph, candidates = random_requests(seed=25, n=1)[0]
    expected = HybridBranchingPolicy(model).score_node(_hybrid_node(graph, candidates))
    # The server holds a whole-graph model: one logit per variable, not embeddings.
    with InferenceServer(TinyBipartiteGNN()) as server, server.client() as client:
        served = ServedHybridPolicy(model, client)
        scores = served.score_node(_hybrid_node(graph, candidates))
    np.testing.assert_allclose(scores, expected, atol=1e-5)
    assert served.n_local == 1 and served.n_served == 0


class ScriptedScorer:
    """A scorer that raises the given errors in turn, then answers with zeros."""

    def __init__(self, errors: list[Exception]) -> None:
        self.errors = list(errors)
        self.calls = 0

    def score(self, graph: BipartiteGraph, candidates: np.ndarray) -> np.ndarray:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return np.zeros(len(candidates), dtype=np.float32)


def test_fallback_scorer_gives_up_a_stalled_server_after_consecutive_timeouts() -> None:
    graph, candidates = random_requests(seed=26, n=1)[0]
    model = TinyBipartiteGNN().eval()
    served = ScriptedScorer([InferenceTimeout("late"), InferenceTimeout("late")])
    scorer = FallbackScorer(served, lambda: ModelScorer(model), max_consecutive_timeouts=3)
    for _ in range(2):  # late answers: SCIP's rule takes those nodes
        with pytest.raises(InferenceTimeout):
            scorer.score(graph, candidates)
    assert np.all(scorer.score(graph, candidates) == 0.0)  # on time again: the count restarts
    assert scorer.fell_back is None
    served.errors = [InferenceTimeout("late")] * 3
    for _ in range(2):
        with pytest.raises(InferenceTimeout):
            scorer.score(graph, candidates)
    np.testing.assert_allclose(  # the third in a row: the local model answers, from now on
        scorer.score(graph, candidates), direct_scores(model, graph, candidates), atol=1e-5
    )
    calls = served.calls
    scorer.score(graph, candidates)
    assert served.calls == calls and scorer.n_local == 2 and scorer.n_served == 1
    assert "timeouts" in scorer.fell_back


def test_fallback_scorer_switches_at_once_when_the_server_is_gone() -> None:
    graph, candidates = random_requests(seed=27, n=1)[0]
    model = TinyBipartiteGNN().eval()
    served = ScriptedScorer([])
    scorer = FallbackScorer(served, lambda: ModelScorer(model))
    assert np.all(scorer.score(graph, candidates) == 0.0)  # the server's answer
    served.errors = [ServerUnavailable("gone")]
    np.testing.assert_allclose(
        scorer.score(graph, candidates), direct_scores(model, graph, candidates), atol=1e-5
    )
    assert scorer.n_served == 1 and scorer.n_local == 1 and "unavailable" in scorer.fell_back
    served.errors = [InferenceError("not asked again")]
    scorer.score(graph, candidates)
    assert served.calls == 2


def test_served_policy_goes_on_in_process_when_the_server_dies_mid_solve() -> None:
    reference = knapsack(seed=0)
    reference.optimize()
    server = ProcessInferenceServer(
        TinyBipartiteGNN(), ServerConfig(request_timeout_s=5.0, torch_threads=1)
    )
    # One intra-op thread for the in-process fallback, as a solver worker has: torch's team of
    # threads waiting on each other beside a busy 2-core machine made nodes 100x slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with server.client() as client:
            killer = KillServerAfter(client, server, n_calls=5)
            policy = served_branching_policy(TinyBipartiteGNN(), killer)
            model = knapsack(seed=0)
            rule = include_learned_branching(model, policy, observation=NodeBipartite())
            model.optimize()
    finally:
        torch.set_num_threads(threads)
        server.close()
    assert model.getStatus() == "optimal"
    assert model.getObjVal() == pytest.approx(reference.getObjVal())
    fallback = policy.scorer
    assert isinstance(fallback, FallbackScorer)
    assert fallback.n_served == 5 and fallback.n_local > 0 and "unavailable" in fallback.fell_back
    # Every node was still decided by the model: first through the server, then in-process.
    assert rule.n_fallbacks == 0 and rule.n_branched == fallback.n_served + fallback.n_local
