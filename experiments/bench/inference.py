"""Where a benchmark's learned configurations run their networks: one shared server per
machine, or each worker on its own.

``inference = "auto" | "shared" | "local"`` in the TOML config (``--inference`` on the command
line wins):

- ``shared``: the harness starts one :class:`~gnn.serving.ProcessInferenceServer` per distinct
  branching checkpoint that learned configurations use (one per instance class when instance
  sets name their own models, see ``model`` in :mod:`experiments.bench.config`), on CUDA when
  present, else on the CPU, and every worker's learned branching scores through it (the hybrid:
  its encoder; see :mod:`gnn.serving.hybrid`). A worker that cannot reach the server, or whose
  server dies or stalls, falls back to its own in-process inference; no request waits past its
  deadline.
- ``local``: every worker runs its networks itself, on the CPU.
- ``auto`` (the default): ``shared`` when CUDA is available, where one device batches the
  requests of all workers; ``local`` otherwise, where a shared server only adds a hop.

The neural diving heuristic runs once per solve, at the root, and stays in the worker.
Servers listen on Unix sockets of this machine, so with Ray only the workers on this machine
use them; the others cannot connect and run their own inference. Each server's final
metrics (batch sizes, queue wait, forward time) are appended to ``inference.jsonl`` in the
benchmark folder.
"""

from __future__ import annotations

import datetime
import enum
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from experiments.bench.configurations import ScipConfiguration, SolverConfiguration

if TYPE_CHECKING:
    from gnn.serving import ProcessInferenceServer, ServerAddress, ServerConfig

__all__ = [
    "INFERENCE_FILE",
    "InferenceMode",
    "SharedInference",
    "cuda_available",
    "served_checkpoint",
    "uses_learned_branching",
]

_LOG = logging.getLogger(__name__)

_NVML_CHECK = "PYTORCH_NVML_BASED_CUDA_CHECK"

#: File of the benchmark folder that receives each server's metrics, one JSON line per server.
INFERENCE_FILE = "inference.jsonl"


class InferenceMode(enum.Enum):
    """Where the learned configurations of a benchmark run their networks."""

    AUTO = "auto"
    """``shared`` when CUDA is available, else ``local``."""
    SHARED = "shared"
    """One server process per machine (and branching checkpoint) for all workers."""
    LOCAL = "local"
    """Each worker runs its own networks in its own process."""

    def shares(self, cuda: bool | None = None) -> bool:
        """Whether this mode uses a shared server (``cuda``: whether CUDA is available;
        ``None``: ask torch, for ``auto`` only)."""
        if self is InferenceMode.AUTO:
            return cuda_available() if cuda is None else cuda
        return self is InferenceMode.SHARED


def cuda_available() -> bool:
    """Whether torch sees a CUDA device, asked through NVML so that CUDA is not initialised in
    this process (a process that forks workers after initialising CUDA leaves them unable to
    use it)."""
    import torch

    previous = os.environ.get(_NVML_CHECK)
    os.environ[_NVML_CHECK] = "1"
    try:
        return bool(torch.cuda.is_available())
    finally:
        if previous is None:
            del os.environ[_NVML_CHECK]
        else:
            os.environ[_NVML_CHECK] = previous


#: ``(configuration, the instance set's model spec)``: what decides a run's checkpoint.
Pairing = tuple[SolverConfiguration, "str | None"]


def served_checkpoint(configuration: SolverConfiguration, set_model: str | None) -> Path | None:
    """The branching checkpoint ``configuration`` scores with on an instance set whose
    ``model`` is ``set_model``; None when it branches with no learned model, or when neither
    names one (each run then picks the shipped set that matches its instance, so no one
    network can serve them all)."""
    if not isinstance(configuration, ScipConfiguration) or not configuration.learned_branching:
        return None
    spec = configuration.checkpoint_path(set_model)
    if spec is None:
        return None
    from solver.plugins import LearnedModelError, resolve_model_set

    try:
        component = resolve_model_set(spec).branching
    except LearnedModelError:
        return None  # its runs report the error themselves
    return None if component is None else component.path.resolve()


def uses_learned_branching(configurations: Iterable[SolverConfiguration]) -> bool:
    """Whether any configuration branches with a learned model (so a server could serve it)."""
    return any(isinstance(c, ScipConfiguration) and c.learned_branching for c in configurations)


class SharedInference:
    """The servers of one benchmark invocation: started here, closed on :meth:`close`.

    Parameters
    ----------
    pairings
        ``(configuration, instance set model)`` of every run to come; one server starts per
        distinct branching checkpoint among them.
    server_config
        Settings of every server; default: CUDA when available, requests of 1 s at most.

    Raises
    ------
    gnn.serving.InferenceError
        When a server fails to start (the others are closed first).
    """

    def __init__(
        self,
        pairings: Iterable[Pairing],
        server_config: ServerConfig | None = None,
    ) -> None:
        from gnn.serving import ProcessInferenceServer, ServableCheckpoint, ServerConfig

        self.server_config = server_config if server_config is not None else ServerConfig()
        self.started_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        self._servers: dict[Path, ProcessInferenceServer] = {}
        self._checkpoints: dict[tuple[str, str | None], Path] = {}
        try:
            for configuration, set_model in pairings:
                key = (configuration.name, set_model)
                if key in self._checkpoints:
                    continue
                path = served_checkpoint(configuration, set_model)
                if path is None:
                    continue
                if path not in self._servers:
                    self._servers[path] = ProcessInferenceServer(
                        ServableCheckpoint(str(path)), self.server_config
                    )
                self._checkpoints[key] = path
        except BaseException:
            self.close()
            raise

    def address_for(
        self, configuration: SolverConfiguration, set_model: str | None
    ) -> ServerAddress | None:
        """The address of the server a run of ``configuration`` on an instance set whose
        ``model`` is ``set_model`` scores through; None when it has none."""
        path = self._checkpoints.get((configuration.name, set_model))
        return None if path is None else self._servers[path].address

    @property
    def n_servers(self) -> int:
        """Servers started."""
        return len(self._servers)

    def describe(self) -> dict[str, Any]:
        """The servers, for the session record: checkpoint, device and configurations."""
        return {
            "servers": [
                {
                    "checkpoint": str(path),
                    "device": server.device,
                    "configurations": sorted(
                        {name for (name, _), p in self._checkpoints.items() if p == path}
                    ),
                }
                for path, server in self._servers.items()
            ],
            "server_config": {
                "max_batch_size": self.server_config.max_batch_size,
                "max_wait_s": self.server_config.max_wait_s,
                "request_timeout_s": self.server_config.request_timeout_s,
                "device": self.server_config.device,
            },
        }

    def metrics(self) -> list[dict[str, Any]]:
        """Each server's metrics so far (``None`` for a server that died)."""
        from gnn.serving import ServerUnavailable

        rows = []
        for path, server in self._servers.items():
            try:
                metrics: dict[str, Any] | None = server.metrics().to_dict()
            except ServerUnavailable:
                metrics = None
            rows.append({"checkpoint": str(path), "device": server.device, "metrics": metrics})
        return rows

    def record(self, folder: Path) -> None:
        """Append each server's metrics to ``folder / INFERENCE_FILE`` (one line per server)."""
        ended_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        with (folder / INFERENCE_FILE).open("a", encoding="utf-8") as stream:
            for row in self.metrics():
                line = {"started_at": self.started_at, "ended_at": ended_at, **row}
                stream.write(json.dumps(line, sort_keys=True) + "\n")

    def close(self) -> None:
        """Stop every server (idempotent)."""
        for server in self._servers.values():
            try:
                server.close()
            except Exception:  # closing the others matters more than this one's error
                _LOG.warning("closing an inference server failed", exc_info=True)
        self._servers.clear()
