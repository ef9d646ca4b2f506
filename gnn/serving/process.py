"""The batching server in its own process, for solver worker processes on the same machine.

Clients connect over a Unix socket (``multiprocessing.connection``, with an auth key) and pass
each request's arrays through a shared-memory buffer (:mod:`gnn.serving.shared_buffer`); only a
few bytes of metadata and the candidates' scores travel through the socket. Inside the server
process one loop reads every connection and forms the batches, so no request waits for its own
thread to win the GIL (with a thread per connection, 16 requesters got 522 requests/s from an
H200 server where this loop gets 1,427: ``experiments/reports/gpu-check``). A client that dies
only ends its own connection; a server that dies makes every client raise
:class:`~gnn.serving.errors.ServerUnavailable` at once.
"""

from __future__ import annotations

import concurrent.futures
import mmap
import multiprocessing
import os
import secrets
import selectors
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection, Listener

import numpy as np
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.serving.batching import BatchRunner, ServerClient, drop_expired
from gnn.serving.closing import ClosesOnExit
from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout, ServerUnavailable
from gnn.serving.metrics import MetricsRecorder, ServingMetrics
from gnn.serving.scoring import resolve_device
from gnn.serving.shared_buffer import (
    ArrayLayout,
    SharedRequestBuffer,
    read_arrays,
    unlink_quietly,
)

__all__ = ["ModelSource", "ProcessInferenceServer", "ServerAddress", "ProcessClient"]

#: A model, or a picklable zero-argument callable that builds one in the server process
#: (e.g. ``functools.partial`` of a checkpoint loader), so large weights need not be pickled.
ModelSource = nn.Module | Callable[[], nn.Module]

_METRICS, _STOP = "metrics", "stop"  # commands of the private control pipe


@dataclass(frozen=True)
class ServerAddress:
    """Where a :class:`ProcessInferenceServer` listens; picklable, so worker processes can
    receive it and call :meth:`client`."""

    address: str
    """Path of the Unix socket."""
    authkey: bytes
    """Shared secret of the connection handshake."""
    timeout_s: float
    """Default deadline of a client's request, in seconds."""

    def client(self, timeout_s: float | None = None) -> ProcessClient:
        """Connect a new client (in any process on this machine)."""
        return ProcessClient(self, self.timeout_s if timeout_s is None else timeout_s)


class ProcessClient(ServerClient):
    """A :class:`~gnn.serving.scoring.Scorer` talking to a :class:`ProcessInferenceServer`.

    One client serves one thread at a time. Close it (or use ``with``) when done.

    Raises
    ------
    ServerUnavailable
        When the server cannot be reached.
    """

    def __init__(self, address: ServerAddress, timeout_s: float) -> None:
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        self.timeout_s = timeout_s
        try:
            self._connection: Connection | None = Client(
                address.address, family="AF_UNIX", authkey=address.authkey
            )
        except (OSError, EOFError) as error:
            raise ServerUnavailable(f"cannot reach the inference server: {error}") from error
        self._buffer = SharedRequestBuffer()
        self._sequence = 0

    def _request(
        self, graph: BipartiteGraph, candidates: np.ndarray, timeout_s: float
    ) -> np.ndarray:
        if self._connection is None:
            raise ServerUnavailable("this inference client is closed or lost its server")
        deadline = time.monotonic() + timeout_s
        layout = self._buffer.write(
            [
                graph.constraint_features,
                np.asarray(graph.edge_index, dtype=np.int64),
                graph.edge_features,
                graph.variable_features,
                np.asarray(candidates, dtype=np.int64),
            ]
        )
        self._sequence += 1
        try:
            self._connection.send((self._sequence, self._buffer.path, layout, timeout_s))
            while (remaining := deadline - time.monotonic()) > 0:
                if not self._connection.poll(remaining):
                    continue
                sequence, scores, error = self._connection.recv()
                if sequence != self._sequence:
                    continue  # the late answer to a request that timed out earlier
                if error is not None:
                    raise error
                return scores
        except (OSError, EOFError) as lost:
            self._lose_server()
            raise ServerUnavailable(f"the inference server is gone: {lost!r}") from lost
        # The server may still read this request's buffer: write the next one elsewhere.
        self._buffer.renew()
        raise InferenceTimeout(f"no scores within {timeout_s * 1e3:.1f} ms")

    def _lose_server(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Disconnect and free the request buffer (idempotent)."""
        self._lose_server()
        self._buffer.close()


# -- inside the server process ------------------------------------------------------------


class _Connection:
    """One client's connection, as the server process sees it."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.send_lock = threading.Lock()  # forward threads and the loop may both answer
        self.mapped_path = ""
        self.mapped: mmap.mmap | None = None

    def read_request(self, path: str, layout: ArrayLayout) -> tuple[BipartiteGraph, np.ndarray]:
        """The graph and candidates of a request whose arrays lie in the file ``path``."""
        if path != self.mapped_path:
            self.unmap()
            with open(path, "rb") as file:
                self.mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            self.mapped_path = path
        assert self.mapped is not None
        constraints, edge_index, edges, variables, candidates = read_arrays(self.mapped, layout)
        return BipartiteGraph(constraints, edge_index, edges, variables), candidates

    def answer(self, sequence: int, scores: np.ndarray | None, error: Exception | None) -> None:
        """Send an answer; a client gone meanwhile is noticed by the loop, not here."""
        try:
            with self.send_lock:
                self.connection.send((sequence, scores, error))
        except (OSError, EOFError, ValueError):
            pass

    def unmap(self) -> None:
        if self.mapped is not None:
            self.mapped.close()
        self.mapped, self.mapped_path = None, ""

    def close(self, *, died: bool) -> None:
        """Close; when the client ``died``, its buffer file would otherwise outlive it."""
        if died and self.mapped_path:
            unlink_quietly(self.mapped_path)
        self.unmap()
        self.connection.close()


@dataclass
class _Pending:
    """A request received and waiting for its batch."""

    client: _Connection
    sequence: int
    graph: BipartiteGraph
    candidates: np.ndarray
    arrived: float
    deadline: float


class _ServerLoop:
    """The server process's one loop: it reads every ready request, forms batches and runs them.

    One thread reads all connections (one ``selectors`` selector), so requests never
    wait for a connection thread to win the GIL; batches are formed as in
    :class:`~gnn.serving.server.InferenceServer` (``max_batch_size``, every client waiting, or
    ``max_wait_s``). With one forward slot (the CUDA default) the loop runs each batch itself,
    and the requests that arrive meanwhile form the next one; with more (a CPU), or with
    ``config.forward_thread``, batches go to that many forward threads while the loop keeps
    reading.
    """

    def __init__(self, model: nn.Module, config: ServerConfig) -> None:
        self.config = config
        device = resolve_device(config.device)
        self.device = device
        self.metrics = MetricsRecorder()
        self._runner = BatchRunner(model.to(device).eval(), device, config, self.metrics)
        self._max_wait_s = config.resolved_max_wait_s(device.type)
        self._slots = config.resolved_concurrent_forwards(device.type)
        self._pool = (
            concurrent.futures.ThreadPoolExecutor(self._slots, "neuralmip-forward")
            if self._slots > 1 or config.forward_thread
            else None
        )
        self._in_flight = 0
        self._in_flight_lock = threading.Lock()
        self._clients: dict[Connection, _Connection] = {}
        self._pending: deque[_Pending] = deque()
        self.new_connections: deque[Connection] = deque()
        self._wake_reader, self._wake_writer = multiprocessing.Pipe(duplex=False)
        self._wake_lock = threading.Lock()
        self._selector = selectors.DefaultSelector()

    def wake(self) -> None:
        """Make the loop look at new connections and free forward slots (any thread)."""
        with self._wake_lock:
            self._wake_writer.send_bytes(b"")

    def snapshot(self) -> ServingMetrics:
        return self.metrics.snapshot(len(self._clients))

    def run(self, control: Connection) -> None:
        """Serve until ``control`` says stop or closes (then return, all connections closed)."""
        # One selector for the server's life: connection.wait() would register every
        # connection anew on each call, a cost paid per request that grows with the clients.
        self._selector.register(control, selectors.EVENT_READ, control)
        self._selector.register(self._wake_reader, selectors.EVENT_READ, self._wake_reader)
        try:
            while True:
                for key, _ in self._selector.select(self._wait_timeout()):
                    if key.data is control:
                        command = control.recv()
                        if command == _STOP:
                            return
                        if command == _METRICS:
                            control.send(self.snapshot())
                    elif key.data is self._wake_reader:
                        self._take_new_connections()
                    else:
                        self._receive(key.data)
                self._dispatch()
        except (OSError, EOFError):
            pass  # the parent is gone: stop too
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
            for client in list(self._clients.values()):
                client.close(died=False)
            self._selector.close()

    def _take_new_connections(self) -> None:
        while self._wake_reader.poll():
            self._wake_reader.recv_bytes()
        while self.new_connections:
            connection = self.new_connections.popleft()
            client = _Connection(connection)
            self._clients[connection] = client
            self._selector.register(connection, selectors.EVENT_READ, client)

    def _wait_timeout(self) -> float | None:
        """How long the loop may sleep: until the oldest request's ``max_wait_s`` runs out."""
        if not self._pending or not self._slot_free():
            return None  # only a request, a finished batch or a command can change anything
        return max(0.0, self._pending[0].arrived + self._max_wait_s - time.monotonic())

    def _slot_free(self) -> bool:
        with self._in_flight_lock:
            return self._in_flight < self._slots

    def _receive(self, client: _Connection) -> None:
        try:
            sequence, path, layout, timeout_s = client.connection.recv()
            timeout_s = float(timeout_s)
        # The client died or hung up (OSError, EOFError), or sent what no ProcessClient sends:
        # either way it is dropped, and the loop serves the others.
        except Exception:
            self._drop(client)
            return
        try:
            graph, candidates = client.read_request(path, layout)
        except (OSError, ValueError, TypeError) as error:  # unreadable or malformed buffer
            client.answer(sequence, None, InferenceError(f"bad request: {error}"))
            return
        now = time.monotonic()
        self._pending.append(_Pending(client, sequence, graph, candidates, now, now + timeout_s))

    def _drop(self, client: _Connection) -> None:
        del self._clients[client.connection]
        self._selector.unregister(client.connection)
        self._pending = deque(p for p in self._pending if p.client is not client)
        client.close(died=True)

    def _dispatch(self) -> None:
        """Run (or hand to a forward thread) every batch that is complete, while slots last."""
        while self._pending and self._slot_free():
            target = min(self.config.max_batch_size, max(1, len(self._clients)))
            waited = time.monotonic() - self._pending[0].arrived
            if len(self._pending) < target and waited < self._max_wait_s:
                return
            size = min(len(self._pending), self.config.max_batch_size)
            batch = [self._pending.popleft() for _ in range(size)]
            with self._in_flight_lock:
                self._in_flight += 1
            if self._pool is None:
                self._run_batch(batch)
            else:
                self._pool.submit(self._run_batch, batch)

    def _run_batch(self, batch: list[_Pending]) -> None:
        try:
            now = time.monotonic()
            live = drop_expired(
                batch,
                self.metrics,
                is_live=lambda request: request.deadline > now,
                expire=lambda request, timeout: request.client.answer(
                    request.sequence, None, timeout
                ),
            )
            if live:
                scores, error = self._runner.run(
                    [p.graph for p in live], [p.candidates for p in live], [p.arrived for p in live]
                )  # fmt: skip
                for request, request_scores in zip(live, scores, strict=True):
                    request.client.answer(request.sequence, request_scores, error)
        finally:
            with self._in_flight_lock:
                self._in_flight -= 1
            if self._pool is not None:
                self.wake()  # a slot is free: the loop may dispatch what waited for it


def _accept_connections(listener: Listener, loop: _ServerLoop, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            connection = listener.accept()
        except (OSError, EOFError, multiprocessing.AuthenticationError):
            continue  # a client died in the handshake, or the listener closed
        if stop.is_set():
            connection.close()
            break
        loop.new_connections.append(connection)
        loop.wake()


def _serve_process(
    model_source: ModelSource,
    config: ServerConfig,
    address: str,
    authkey: bytes,
    control: Connection,
) -> None:
    """Main function of the server process."""
    try:
        model = model_source if isinstance(model_source, nn.Module) else model_source()
        loop = _ServerLoop(model, config)
        listener = Listener(address, family="AF_UNIX", authkey=authkey)
    except Exception as error:  # report any start-up failure to the parent in one line
        control.send(("failed", f"{type(error).__name__}: {error}"))
        return
    stop = threading.Event()
    acceptor = threading.Thread(
        target=_accept_connections, args=(listener, loop, stop), name="neuralmip-accept"
    )
    acceptor.start()
    control.send(("ready", str(loop.device)))
    try:
        loop.run(control)
    finally:
        stop.set()
        try:  # wake the acceptor out of accept()
            Client(address, family="AF_UNIX", authkey=authkey).close()
        except (OSError, EOFError, multiprocessing.AuthenticationError):
            pass
        acceptor.join()
        listener.close()
        while loop.new_connections:
            loop.new_connections.popleft().close()


class ProcessInferenceServer(ClosesOnExit):
    """Runs an :class:`~gnn.serving.server.InferenceServer` in a child process (spawned).

    Parameters
    ----------
    model_source
        The model, or a picklable callable that builds it in the server process.
    config
        Batching, deadline and device settings.

    Raises
    ------
    InferenceError
        When the process fails to load the model or to listen within ``config.start_timeout_s``.

    Examples
    --------
    >>> with ProcessInferenceServer(model) as server:  # doctest: +SKIP
    ...     address = server.address  # send this to worker processes
    ...     with address.client() as client:
    ...         scores = client.score(graph, candidates)
    """

    def __init__(self, model_source: ModelSource, config: ServerConfig | None = None) -> None:
        self.config = config if config is not None else ServerConfig()
        context = multiprocessing.get_context("spawn")
        self._socket_dir = tempfile.mkdtemp(prefix="neuralmip-serve-")
        self.address = ServerAddress(
            os.path.join(self._socket_dir, "socket"),
            secrets.token_bytes(32),
            self.config.request_timeout_s,
        )
        self._control, child_control = context.Pipe()
        self._control_lock = threading.Lock()
        self.process = context.Process(
            target=_serve_process,
            args=(
                model_source,
                self.config,
                self.address.address,
                self.address.authkey,
                child_control,
            ),
            name="neuralmip-inference-server",
            daemon=True,
        )
        self.process.start()
        child_control.close()
        try:
            if not self._control.poll(self.config.start_timeout_s):
                raise InferenceError(
                    f"the inference server did not start within {self.config.start_timeout_s} s"
                )
            status, detail = self._control.recv()
        except (OSError, EOFError) as error:
            self.close()
            raise InferenceError(
                f"the inference server process died while starting: {error!r}"
            ) from error
        except InferenceError:
            self.close()
            raise
        if status != "ready":
            self.close()
            raise InferenceError(f"the inference server failed to start: {detail}")
        self.device = detail

    def client(self, timeout_s: float | None = None) -> ProcessClient:
        """Connect a client from this process (worker processes use :attr:`address`)."""
        return self.address.client(timeout_s)

    def metrics(self) -> ServingMetrics:
        """A frozen snapshot of the server's metrics.

        Raises
        ------
        ServerUnavailable
            The server process is gone.
        """
        with self._control_lock:
            try:
                self._control.send(_METRICS)
                return self._control.recv()
            except (OSError, EOFError) as error:
                raise ServerUnavailable(f"the inference server is gone: {error!r}") from error

    def close(self, timeout_s: float = 10.0) -> None:
        """Stop the server process (idempotent); clients then raise ``ServerUnavailable``."""
        with self._control_lock:
            try:
                self._control.send(_STOP)
            except (OSError, EOFError):
                pass  # already gone
            self.process.join(timeout_s)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self._control.close()
        shutil.rmtree(self._socket_dir, ignore_errors=True)
