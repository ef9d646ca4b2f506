"""The batching server in its own process, for solver worker processes on the same machine.

Clients connect over a Unix socket (``multiprocessing.connection``, with an auth key) and pass
each request's arrays through a shared-memory buffer (:mod:`gnn.serving.shared_buffer`); only a
few bytes of metadata and the candidates' scores travel through the socket. Inside the server
process, one thread per connection hands requests to an :class:`~gnn.serving.server.InferenceServer`
core, which batches them. A client that dies only ends its own connection thread; a server that
dies makes every client raise :class:`~gnn.serving.errors.ServerUnavailable` at once.
"""

from __future__ import annotations

import logging
import mmap
import multiprocessing
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection, Listener

import numpy as np
from torch import nn

from gnn.graph import BipartiteGraph
from gnn.serving.closing import ClosesOnExit
from gnn.serving.config import ServerConfig
from gnn.serving.errors import InferenceError, InferenceTimeout, ServerUnavailable
from gnn.serving.metrics import ServingMetrics
from gnn.serving.server import InferenceServer
from gnn.serving.shared_buffer import SharedRequestBuffer, read_arrays, unlink_quietly

__all__ = ["ModelSource", "ProcessInferenceServer", "ServerAddress", "ProcessClient"]

_log = logging.getLogger(__name__)

#: A model, or a picklable zero-argument callable that builds one in the server process
#: (e.g. ``functools.partial`` of a checkpoint loader), so large weights need not be pickled.
ModelSource = nn.Module | Callable[[], nn.Module]

_POLL_S = 0.2  # how often idle connection threads look at the stop flag
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


class ProcessClient(ClosesOnExit):
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

    def score(
        self, graph: BipartiteGraph, candidates: np.ndarray, *, timeout_s: float | None = None
    ) -> np.ndarray:
        """Scores (float32 logits) of the variables ``candidates`` of ``graph``.

        Parameters
        ----------
        graph
            The node's observation.
        candidates
            Indices of the variables to score.
        timeout_s
            Deadline of this request; default the client's ``timeout_s``.

        Raises
        ------
        InferenceTimeout
            No answer within the deadline.
        ServerUnavailable
            The server process is gone (or this client is closed); later calls fail at once.
        InferenceError
            The model failed on the batch this request was in.
        """
        if self._connection is None:
            raise ServerUnavailable("this inference client is closed or lost its server")
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
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


def _serve_connection(connection: Connection, core: InferenceServer, stop: threading.Event) -> None:
    """Answer one client's requests until it disconnects or the server stops."""
    client = core.client()
    mapped_path = ""
    mapped: mmap.mmap | None = None
    try:
        while not stop.is_set():
            if not connection.poll(_POLL_S):
                continue
            sequence, path, layout, timeout_s = connection.recv()
            try:
                if path != mapped_path:
                    if mapped is not None:
                        mapped.close()
                    mapped, mapped_path = None, ""
                    with open(path, "rb") as file:
                        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
                    mapped_path = path
                assert mapped is not None
                constraints, edge_index, edges, variables, candidates = read_arrays(mapped, layout)
                graph = BipartiteGraph(constraints, edge_index, edges, variables)
                reply = (sequence, client.score(graph, candidates, timeout_s=timeout_s), None)
            except InferenceError as error:
                reply = (sequence, None, error)
            except (OSError, ValueError, TypeError) as error:  # unreadable or malformed buffer
                reply = (sequence, None, InferenceError(f"bad request: {error}"))
            connection.send(reply)
    except (OSError, EOFError):
        # The client died or hung up; its buffer file would otherwise outlive it.
        if mapped_path:
            unlink_quietly(mapped_path)
    finally:
        client.close()
        connection.close()
        if mapped is not None:
            mapped.close()


def _accept_connections(
    listener: Listener,
    core: InferenceServer,
    stop: threading.Event,
    threads: list[threading.Thread],
) -> None:
    while not stop.is_set():
        try:
            connection = listener.accept()
        except (OSError, EOFError, multiprocessing.AuthenticationError):
            continue  # a client died in the handshake, or the listener closed
        if stop.is_set():
            connection.close()
            break
        thread = threading.Thread(
            target=_serve_connection, args=(connection, core, stop), name="neuralmip-connection"
        )
        thread.start()
        threads[:] = [t for t in threads if t.is_alive()] + [thread]


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
        core = InferenceServer(model, config)
        listener = Listener(address, family="AF_UNIX", authkey=authkey)
    except Exception as error:  # report any start-up failure to the parent in one line
        control.send(("failed", f"{type(error).__name__}: {error}"))
        return
    stop = threading.Event()
    threads: list[threading.Thread] = []
    acceptor = threading.Thread(
        target=_accept_connections, args=(listener, core, stop, threads), name="neuralmip-accept"
    )
    acceptor.start()
    control.send(("ready", str(core.device)))
    try:
        while True:
            command = control.recv()
            if command == _METRICS:
                control.send(core.metrics())
            elif command == _STOP:
                break
    except (OSError, EOFError):
        pass  # the parent is gone: stop too
    finally:
        stop.set()
        try:  # wake the acceptor out of accept()
            Client(address, family="AF_UNIX", authkey=authkey).close()
        except (OSError, EOFError, multiprocessing.AuthenticationError):
            pass
        acceptor.join()
        listener.close()
        for thread in list(threads):
            thread.join()
        core.close()


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
