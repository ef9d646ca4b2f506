"""The executors: results, exceptions and dead workers cost only their own job; retries."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from experiments.executors import JobOutcome, LocalExecutor, make_executor


def square(value: int) -> int:
    return value * value


def fail_on_three(value: int) -> int:
    if value == 3:
        raise ValueError("three is not allowed\nsecond line")
    return value


def kill_self_on_two(value: int) -> int:
    if value == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return value


def kill_self_once(marker: str) -> str:
    """Die the first time (leaving a marker), succeed on the retry."""
    path = Path(marker)
    if not path.exists():
        path.write_text("tried")
        os.kill(os.getpid(), signal.SIGKILL)
    return marker


def report_pid(value: int) -> tuple[int, float, float]:
    started = time.time()
    time.sleep(0.3)
    return os.getpid(), started, time.time()


def _by_job(outcomes: Iterator[JobOutcome]) -> dict:
    return {outcome.job: outcome for outcome in outcomes}


def test_local_executor_returns_every_value() -> None:
    with make_executor(workers=2) as executor:
        outcomes = _by_job(executor.map_unordered(square, range(6)))
    assert {job: o.value for job, o in outcomes.items()} == {i: i * i for i in range(6)}
    assert all(o.ok and o.error is None and o.attempts == 1 for o in outcomes.values())
    assert all(o.elapsed >= 0 for o in outcomes.values())


def test_an_exception_fails_only_its_job_with_one_line() -> None:
    with make_executor(workers=2) as executor:
        outcomes = _by_job(executor.map_unordered(fail_on_three, range(5)))
    assert not outcomes[3].ok
    assert outcomes[3].value is None
    assert outcomes[3].error == "ValueError: three is not allowed"
    assert [outcomes[i].value for i in (0, 1, 2, 4)] == [0, 1, 2, 4]


def test_a_killed_worker_fails_only_its_job() -> None:
    with make_executor(workers=2) as executor:
        outcomes = _by_job(executor.map_unordered(kill_self_on_two, range(6)))
    assert not outcomes[2].ok
    assert "SIGKILL" in outcomes[2].error
    assert all(outcomes[i].ok and outcomes[i].value == i for i in (0, 1, 3, 4, 5))


def test_retries_rerun_a_crashed_job(tmp_path: Path) -> None:
    markers = [str(tmp_path / f"marker-{i}") for i in range(2)]
    with make_executor(workers=2, retries=1) as executor:
        outcomes = list(executor.map_unordered(kill_self_once, markers))
    assert sorted(o.value for o in outcomes) == markers
    assert all(o.ok and o.attempts == 2 for o in outcomes)
    # without retries the first attempt's death is the outcome
    fresh = [str(tmp_path / "fresh")]
    with make_executor(workers=1) as executor:
        (outcome,) = executor.map_unordered(kill_self_once, fresh)
    assert not outcome.ok and outcome.attempts == 1


def test_jobs_run_in_separate_processes_up_to_the_worker_count() -> None:
    with LocalExecutor(workers=2) as executor:
        values = [o.value for o in executor.map_unordered(report_pid, range(4))]
    pids = [pid for pid, _, _ in values]
    assert len(set(pids)) == 4 and os.getpid() not in pids
    intervals = sorted((start, end) for _, start, end in values)
    # two workers: some jobs overlap in time, but never three at once
    overlaps = [
        sum(1 for s, e in intervals if s < t < e) for t in (start + 1e-3 for start, _ in intervals)
    ]
    assert max(overlaps) == 2


def test_invalid_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        LocalExecutor(workers=0)
    with pytest.raises(ValueError):
        LocalExecutor(retries=-1)


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.slow  # starting Ray takes ~10 s here; test_bench covers Ray with a dead worker too
def test_ray_executor_matches_local_and_survives_a_dead_worker(ray_session: None) -> None:
    with make_executor(workers=2) as executor:
        local = _by_job(executor.map_unordered(kill_self_on_two, range(5)))
    with make_executor(workers=2, ray_address="auto") as executor:
        remote = _by_job(executor.map_unordered(kill_self_on_two, range(5)))
    assert {j: (o.ok, o.value) for j, o in remote.items()} == {
        j: (o.ok, o.value) for j, o in local.items()
    }
    assert "died" in remote[2].error
    # the executor left the test's Ray session running
    import ray

    assert ray.is_initialized()
