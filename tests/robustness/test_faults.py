"""Fault injection: broken inference, a stalled inference server, killed workers, and output
folders that are full or cannot be written. The solve still finishes correctly, or the command
stops with one clear message and nothing already written is lost.

A full disk is a copy of the ``/dev/full`` device node (``mknod NAME c 1 7``) made in the test's
temporary folder: writing to it fails with ENOSPC, as a full file system does, and ``/dev`` itself
is never touched. A folder that cannot be written is a path under a regular file (``file/sub``),
which fails for root too (root ignores permission bits, so ``chmod`` proves nothing here).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyscipopt
import pytest

from experiments.bench import RESULTS_FILE, ResultStore
from instances.generators import preset
from instances.generators.writing import write_instance
from tests.robustness.mips import same_outcome
from tests.robustness.modes import (
    DIVING_CONFIG_FIELDS,
    MODES,
    random_branching_policy,
    solve_in_mode,
)


def _tiny(class_name: str = "setcover", seed: int = 7) -> pyscipopt.Model:
    model = preset(class_name, "tiny").generate(seed)
    model.hideOutput()
    model.setPresolve(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.setSeparating(pyscipopt.SCIP_PARAMSETTING.OFF)
    model.setHeuristics(pyscipopt.SCIP_PARAMSETTING.OFF)
    return model


@pytest.fixture(scope="module")
def reference() -> tuple[str, float | None]:
    outcome = solve_in_mode(_tiny(), MODES[0])
    return outcome.status, outcome.objective


# --- broken inference ------------------------------------------------------------------------


class _Fault:
    """What a broken policy does instead of answering."""

    def __init__(self, name: str, answer: Any) -> None:
        self.name, self.answer = name, answer

    def __repr__(self) -> str:
        return self.name


def _raise(n: int) -> np.ndarray:
    raise RuntimeError("inference exploded")


def _out_of_memory(n: int) -> np.ndarray:
    raise MemoryError("CUDA out of memory (injected)")


FAULTS = [
    _Fault("exception", _raise),
    _Fault("memory-error", _out_of_memory),
    _Fault("nan", lambda n: np.full(n, np.nan)),
    _Fault("inf", lambda n: np.full(n, np.inf)),
    _Fault("-inf", lambda n: np.full(n, -np.inf)),
    _Fault("wrong-shape", lambda n: np.zeros(n + 3)),
    _Fault("empty", lambda n: np.zeros(0)),
    _Fault("not-numbers", lambda n: np.array(["a"] * n)),
    _Fault("none", lambda n: None),
]


class BrokenBranching:
    """Answers every node with the fault."""

    def __init__(self, fault: _Fault) -> None:
        self.fault, self.calls = fault, 0

    def reset(self) -> None:
        pass

    def score_node(self, node: Any) -> Any:
        self.calls += 1
        return self.fault.answer(len(node.candidates))


class BrokenPredictor:
    """Answers every prediction with the fault (both outputs)."""

    def __init__(self, fault: _Fault) -> None:
        self.fault, self.calls = fault, 0

    def predict(self, graph: Any) -> Any:
        self.calls += 1
        answer = self.fault.answer(graph.n_variables)
        return answer, answer


@pytest.mark.parametrize("fault", FAULTS, ids=repr)
def test_broken_branching_inference_never_changes_the_optimum(fault: _Fault, reference) -> None:
    from gnn.observation import NodeBipartite
    from solver.branching import include_learned_branching

    model = _tiny()
    policy = BrokenBranching(fault)
    rule = include_learned_branching(model, policy, observation=NodeBipartite())
    model.optimize()
    outcome = (model.getStatus(), model.getObjVal())
    fallbacks = rule.n_fallbacks
    model.free()
    assert policy.calls > 0 and fallbacks > 0
    assert same_outcome(outcome, reference)


@pytest.mark.parametrize("fault", FAULTS, ids=repr)
def test_broken_diving_inference_never_changes_the_optimum(fault: _Fault, reference) -> None:
    from solver.diving import NeuralDivingConfig, include_neural_diving

    model = _tiny()
    predictor = BrokenPredictor(fault)
    heuristic = include_neural_diving(
        model, predictor, config=NeuralDivingConfig(**DIVING_CONFIG_FIELDS)
    )
    model.optimize()
    outcome = (model.getStatus(), model.getObjVal())
    error = heuristic.stats.error
    model.free()
    assert predictor.calls == 1 and error is not None
    assert same_outcome(outcome, reference)


# --- a stalled inference server -------------------------------------------------------------


class _StallingModel(__import__("torch").nn.Module):
    """A real GCNN whose forward pass first sleeps: a stalled inference server."""

    def __init__(self, inner: Any, seconds: float) -> None:
        super().__init__()
        self.inner, self.seconds = inner, seconds

    def forward(self, batch: Any) -> Any:
        time.sleep(self.seconds)
        return self.inner(batch)


@pytest.mark.parametrize(
    "caller_runs",
    [
        False,
        # With caller_runs a forward may run in the calling thread, where the request's deadline
        # cannot stop it; the rule's own bound per call (inference_timeout_seconds) does.
        pytest.param(True, marks=pytest.mark.slow),
    ],
    ids=["server-thread", "caller-runs"],
)
def test_a_stalled_inference_server_costs_bounded_time(caller_runs: bool, reference) -> None:
    from gnn.observation import NodeBipartite
    from gnn.policy import ScorerPolicy
    from gnn.serving import InferenceServer, ServerConfig
    from solver.branching import include_learned_branching

    inner = random_branching_policy().scorer.model
    config = ServerConfig(request_timeout_s=0.1, caller_runs=caller_runs)
    server = InferenceServer(_StallingModel(inner, seconds=3.0), config)
    try:
        model = _tiny()
        rule = include_learned_branching(
            model, ScorerPolicy(server.client()), observation=NodeBipartite()
        )
        started = time.monotonic()
        model.optimize()
        seconds = time.monotonic() - started
        outcome = (model.getStatus(), model.getObjVal())
        fallbacks = rule.n_fallbacks
        model.free()
    finally:
        server.close(timeout_s=10.0)
    assert same_outcome(outcome, reference)
    assert fallbacks > 0
    # One stalled forward (3 s) at most is waited for; the rest time out in 0.1 s each.
    assert seconds < 10.0, f"the solve waited {seconds:.1f} s on a stalled server"


# --- killed workers ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(child) for child in text.split()]
    return found


@pytest.mark.slow
def test_a_worker_killed_during_collect_loses_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "instances"
    folder.mkdir()
    params = preset("facilities", "tiny")
    for seed in range(5):
        model = params.generate(seed)
        write_instance(model, folder / f"facilities_{seed}.mps")
        model.freeProb()
    out = tmp_path / "out"
    command = [sys.executable, "-m", "experiments.cli", "collect", "--kind", "branching",
               "--instances", str(folder), "--out", str(out), "--no-progress", "--workers", "2",
               "--samples-per-instance", "20"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and killed is None:
        children = [c for c in _children(process.pid) if Path(f"/proc/{c}").exists()]
        if children and list(out.glob("*.npz")):
            killed = children[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    stdout, stderr = process.communicate(timeout=300)
    if killed is None:
        pytest.skip("collect finished before a worker could be killed")
    assert "Traceback" not in stderr, stderr[-3000:]
    finished = {p.name: p.stat().st_mtime_ns for p in out.glob("*.npz")}
    assert not list(out.glob(".*.tmp")), "a killed worker left a temporary file behind"

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.npz")}
    assert len(after) == 5
    for name, mtime in finished.items():  # nothing finished was redone or lost
        assert after[name] == mtime


# --- full and unwritable output ---------------------------------------------------------------


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    """A copy of /dev/full's device node: every write fails with ENOSPC."""
    path = tmp_path / "full"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here ({error})")
    return path


_KNAP_LP = "maximize\n obj: 5 x + 4 y\nsubject to\n c: 3 x + 2 y <= 4\nbinary\n x\n y\nend\n"


def _solve_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solver.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_solution_to_a_full_device_is_a_clear_error(full_device: Path, tmp_path: Path) -> None:
    instance = tmp_path / "knap.lp"
    instance.write_text(_KNAP_LP)
    done = _solve_cli(str(instance), "--output", str(full_device), "-q")
    # The device node must still be a device: writing "atomically" must not replace it.
    assert stat.S_ISCHR(full_device.stat().st_mode), "the output device was replaced by a file"
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and str(full_device) in lines[0] and "Traceback" not in done.stderr


def test_solution_under_a_regular_file_is_refused_before_solving(tmp_path: Path) -> None:
    instance = tmp_path / "knap.lp"
    instance.write_text(_KNAP_LP)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = _solve_cli(str(instance), "--output", str(blocker / "sub" / "out.sol"), "-q")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr and done.stdout == ""


_BENCH = """\
name = "faults"
time_limit = 10.0
workers = 1
baseline = "scip"
[[instance_sets]]
name = "sc"
generator = "setcover"
level = "tiny"
seed = 1
count = 2
[[configurations]]
name = "scip"
solver = "scip"
"""


def _bench(config: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "experiments.cli", "bench", str(config), "--out", str(out),
               "--no-progress", "--no-report", *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_bench_into_a_folder_under_a_regular_file_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "faults.toml"
    config.write_text(_BENCH)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = _bench(config, blocker / "out")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert str(blocker) in done.stderr


def test_bench_on_a_disk_that_fills_up_stops_clearly_and_keeps_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from experiments.bench import store
    from experiments.cli import main as neuralmip

    config = tmp_path / "faults.toml"
    config.write_text(_BENCH)
    out = tmp_path / "out"
    real_fsync, synced = os.fsync, []

    def fsync_then_full(fd: int) -> None:
        if synced:  # the first row reaches the disk; then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)
        synced.append(fd)

    monkeypatch.setattr(store.os, "fsync", fsync_then_full)
    args = [
        "bench",
        str(config),
        "--out",
        str(out),
        "--no-progress",
        "--no-report",
        "--workers",
        "1",
    ]
    code = neuralmip(args)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "No space left on device" in lines[0] and "--resume" in lines[0]
    first = ResultStore(out / RESULTS_FILE).latest()
    assert len(first) >= 1

    monkeypatch.setattr(store.os, "fsync", real_fsync)  # space freed
    assert neuralmip([*args, "--resume"]) == 0
    after = ResultStore(out / RESULTS_FILE).latest()
    assert len(after) == 2 and all(row["status"] == "optimal" for row in after.values())
    for key, row in first.items():
        assert after[key]["objective"] == row["objective"]
