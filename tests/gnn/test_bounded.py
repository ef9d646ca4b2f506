"""Tests of bounded calls: an answer in time, a clear timeout past it, no queueing behind a
stalled call, and no use of the caller's state once the caller stopped waiting."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import time
import weakref

import pytest

from gnn.bounded import (
    BoundedCaller,
    CallerBusy,
    CallGate,
    CallTimeout,
    wait_for_stalled_calls,
)


class Stall:
    """Sleeps until released (or ``seconds``), counting its calls."""

    def __init__(self, seconds: float = 10.0) -> None:
        self.seconds = seconds
        self.release = threading.Event()
        self.calls = 0
        self.returned = threading.Event()

    def __call__(self) -> str:
        self.calls += 1
        self.release.wait(self.seconds)
        self.returned.set()
        return "late"


def test_a_call_in_time_returns_its_value_from_a_worker_thread() -> None:
    caller = BoundedCaller()
    assert caller.call(lambda a, b=0: a + b, 2, b=3, timeout=5.0) == 5
    assert caller.call(threading.current_thread, timeout=5.0) is not threading.current_thread()
    assert not caller.busy and caller.n_timeouts == 0


def test_without_a_bound_the_call_runs_in_the_calling_thread() -> None:
    caller = BoundedCaller()
    assert caller.call(threading.current_thread, timeout=None) is threading.current_thread()
    assert caller.call(threading.current_thread, timeout=float("inf")) is threading.current_thread()


@pytest.mark.parametrize("timeout", [None, 5.0], ids=["direct", "bounded"])
def test_the_function_s_own_exception_reaches_the_caller(timeout: float | None) -> None:
    def explode() -> None:
        raise KeyError("inside")

    with pytest.raises(KeyError, match="inside"):
        BoundedCaller().call(explode, timeout=timeout)


def test_a_stalled_call_times_out_on_time_and_later_calls_fail_fast() -> None:
    caller, stall = BoundedCaller(), Stall()
    started = time.monotonic()
    with pytest.raises(CallTimeout, match="within 0.2 s"):
        caller.call(stall, timeout=0.2)
    # The stall lasts until released: anything short of seconds is its bound at work.
    assert 0.2 <= time.monotonic() - started < 5.0
    assert caller.busy and caller.n_timeouts == 1

    refused = []
    started = time.monotonic()
    for _ in range(3):
        with pytest.raises(CallerBusy):
            caller.call(refused.append, 1, timeout=5.0)
    with pytest.raises(CallerBusy):  # a direct call would run beside the stalled one
        caller.call(refused.append, 1, timeout=None)
    # Refused at once, not after their 5 s bounds (nor never, behind the stall).
    assert time.monotonic() - started < 2.0 and refused == [] and caller.n_refused == 4

    stall.release.set()  # the stalled call returns; its answer is dropped
    assert stall.returned.wait(5.0)
    deadline = time.monotonic() + 5.0
    while caller.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    assert caller.call(lambda: "fresh", timeout=5.0) == "fresh"
    assert stall.calls == 1


@pytest.mark.parametrize("timeout", [0.0, -1.0, float("nan")])
def test_no_time_left_means_no_call(timeout: float) -> None:
    called = []
    with pytest.raises(CallTimeout):
        BoundedCaller().call(called.append, 1, timeout=timeout)
    assert called == []


def test_a_late_call_cannot_reach_the_caller_s_state() -> None:
    caller, gate, stall = BoundedCaller(), CallGate(), Stall()
    state = {"valid": True}
    outcome: list[object] = []

    def read_state() -> bool:
        return state["valid"]

    guarded = gate.guard(read_state)

    def policy() -> None:
        stall()
        try:
            outcome.append(guarded())
        except CallTimeout as error:
            outcome.append(error)

    with pytest.raises(CallTimeout):
        caller.call(policy, timeout=0.1, gate=gate)
    assert not gate.is_open
    state["valid"] = False  # the caller moved on (SCIP left the node)
    stall.release.set()
    deadline = time.monotonic() + 5.0
    while not outcome and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(outcome) == 1 and isinstance(outcome[0], CallTimeout)


def test_closing_the_gate_waits_for_a_guarded_function_already_running() -> None:
    caller, gate = BoundedCaller(), CallGate()
    events: list[str] = []
    entered = threading.Event()

    def slow_read() -> None:
        entered.set()
        time.sleep(0.3)
        events.append("read done")

    def policy() -> None:
        gate.guard(slow_read)()
        time.sleep(2.0)

    with pytest.raises(CallTimeout):
        caller.call(policy, timeout=0.1, gate=gate)
    events.append("caller left")
    assert entered.is_set()
    assert events == ["read done", "caller left"]


def test_the_worker_stops_when_its_caller_is_collected() -> None:
    caller = BoundedCaller(name="bounded-test-worker")
    caller.call(lambda: None, timeout=5.0)
    workers = [t for t in threading.enumerate() if t.name == "bounded-test-worker"]
    assert len(workers) == 1 and workers[0].daemon
    reference = weakref.ref(caller)
    del caller
    gc.collect()
    assert reference() is None
    workers[0].join(5.0)
    assert not workers[0].is_alive()


def test_close_stops_the_worker_and_a_later_call_starts_another() -> None:
    caller = BoundedCaller(name="bounded-test-close")
    caller.call(lambda: None, timeout=5.0)
    (first,) = [t for t in threading.enumerate() if t.name == "bounded-test-close"]
    caller.close()
    caller.close()
    first.join(5.0)
    assert not first.is_alive()
    assert caller.call(lambda: 7, timeout=5.0) == 7


_EXIT_DURING_A_FORWARD = """
import torch
from gnn.bounded import BoundedCaller, CallTimeout

torch.set_num_threads(1)
weights = torch.randn(200, 200)

def forward():
    # About 50 ms on one idle core: far longer than the timeout below, far shorter than the
    # exit's grace period, even on a busy machine.
    x = weights
    for _ in range(200):
        x = torch.tanh(x @ weights)
    return x

try:
    BoundedCaller().call(forward, timeout=0.005)
except CallTimeout:
    print("timed out", flush=True)
"""


def test_exiting_while_a_timed_out_forward_runs_does_not_abort_the_process() -> None:
    # Without the exit's wait, finalisation ends the worker inside torch's native code and the
    # process aborts ("terminate called without an active exception", exit 134).
    done = subprocess.run(
        [sys.executable, "-c", _EXIT_DURING_A_FORWARD],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "timed out" and "terminate" not in done.stderr


def test_wait_for_stalled_calls_waits_for_them_and_no_longer() -> None:
    caller, stall = BoundedCaller(), Stall()
    with pytest.raises(CallTimeout):
        caller.call(stall, timeout=0.05)
    started = time.monotonic()
    assert not wait_for_stalled_calls(0.2)
    assert 0.2 <= time.monotonic() - started < 5.0  # the stall itself lasts until released
    threading.Timer(0.1, stall.release.set).start()
    assert wait_for_stalled_calls(5.0)
    assert stall.returned.is_set()


def test_a_late_call_keeps_nothing_of_its_caller_alive() -> None:
    class Plugin:
        """Stands for a SCIP plugin (and, through it, its model)."""

    caller, stall, plugin = BoundedCaller(), Stall(), Plugin()
    reference = weakref.ref(plugin)

    def policy(owner: Plugin) -> None:
        stall()
        raise RuntimeError(f"late failure of {owner!r}")  # its traceback holds ``owner``

    with pytest.raises(CallTimeout):
        caller.call(policy, plugin, timeout=0.05)
    del plugin
    stall.release.set()
    assert wait_for_stalled_calls(5.0)
    assert not caller.busy
    gc.collect()
    assert reference() is None
