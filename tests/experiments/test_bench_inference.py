"""The benchmark's shared inference server: learned runs score through it, fall back without it."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from experiments.bench import (
    RESULTS_FILE,
    BenchConfigError,
    ResultStore,
    ScipConfiguration,
    load_bench_config,
    parse_bench_config,
    run_benchmark,
)
from experiments.bench.inference import INFERENCE_FILE, InferenceMode, SharedInference
from experiments.bench.runner import SESSIONS_FILE, plan_jobs, run_job
from experiments.executors import make_executor
from gnn.serving import ServerConfig

#: Small CPU servers for the tests; a deadline generous for a loaded 2-core machine.
CPU_SERVER = ServerConfig(device="cpu", request_timeout_s=10.0, torch_threads=1)
BRANCHING_HEAVY = {
    "presolving/maxrounds": 0,
    "separating/maxrounds": 0,
    "separating/maxroundsroot": 0,
    "limits/nodes": 60,
}


def _config(tmp_path: Path, count: int = 2, model: str | None = "setcover"):
    named = {} if model is None else {"model": model}
    return parse_bench_config(
        {
            "name": "served",
            "time_limit": 30.0,
            "instance_sets": [
                {"name": "sc", "generator": "setcover", "level": "tiny", "seed": 11,
                 "count": count, "params": {"n_rows": 200, "n_cols": 400}, **named},
            ],
            # No presolve or cuts, few nodes: small instances that still branch, quickly.
            "configurations": [
                {"name": "scip", "solver": "scip", "scip_params": BRANCHING_HEAVY},
                {"name": "learned", "solver": "scip", "learned_branching": True,
                 "scip_params": BRANCHING_HEAVY},
            ],
            "inference": "shared",
        },
        tmp_path,
    )  # fmt: skip


def test_inference_mode_is_read_from_the_config_and_checked(tmp_path: Path) -> None:
    assert _config(tmp_path).inference is InferenceMode.SHARED
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'inference = "gpu"\n[[instance_sets]]\nname = "a"\nfiles = ["x.mps"]\n'
        '[[configurations]]\nname = "s"\n'
    )
    with pytest.raises(BenchConfigError, match=r"bad\.toml: inference must be one of"):
        load_bench_config(bad)


def test_auto_shares_only_with_cuda() -> None:
    assert InferenceMode.AUTO.shares(cuda=True) and not InferenceMode.AUTO.shares(cuda=False)
    assert InferenceMode.SHARED.shares(cuda=False) and not InferenceMode.LOCAL.shares(cuda=True)


def test_learned_runs_score_through_one_shared_server_and_its_metrics_are_kept(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path)
    with make_executor(workers=2) as executor:
        shared = run_benchmark(
            config, tmp_path / "shared", executor, progress=False, calibration=False,
            server_config=CPU_SERVER,
        )  # fmt: skip
        local = run_benchmark(
            config, tmp_path / "local", executor, progress=False, calibration=False,
            inference=InferenceMode.LOCAL,
        )  # fmt: skip
    assert shared.errors == shared.crashed == local.errors == local.crashed == 0
    shared_rows = ResultStore(tmp_path / "shared" / RESULTS_FILE).latest()
    local_rows = ResultStore(tmp_path / "local" / RESULTS_FILE).latest()
    learned = [row for row in shared_rows.values() if row["configuration"] == "learned"]
    assert {row["inference"]["mode"] for row in learned} == {"shared"}
    # The shipped model is a hybrid: one encoder request per solve that branched.
    assert all(row["inference"]["served"] >= 1 for row in learned if row["nodes"] > 1)
    assert sum(row["inference"]["branched"] for row in learned) > 0  # the rule did branch
    assert all(row["inference"]["local"] == 0 for row in learned)
    assert all(
        row["inference"] is None for row in shared_rows.values() if row["configuration"] == "scip"
    )
    for key, row in local_rows.items():
        if row["status"] == shared_rows[key]["status"] == "optimal":
            assert row["objective"] == pytest.approx(shared_rows[key]["objective"])
        if row["configuration"] == "learned":
            assert row["inference"]["mode"] == "local" and "served" not in row["inference"]

    session = json.loads((tmp_path / "shared" / SESSIONS_FILE).read_text().splitlines()[-1])
    assert session["inference"] == {"requested": "shared", "mode": "shared"}
    (server,) = [json.loads(line) for line in (tmp_path / "shared" / INFERENCE_FILE).open()]
    assert server["checkpoint"].endswith("setcover/branching.pt")
    assert server["device"] == "cpu"
    assert server["metrics"]["n_requests"] == sum(row["inference"]["served"] for row in learned)
    assert server["metrics"]["n_clients"] == 0  # every worker disconnected
    assert not (tmp_path / "local" / INFERENCE_FILE).exists()


def test_no_server_starts_where_each_run_picks_its_model_by_instance(tmp_path: Path) -> None:
    config = _config(tmp_path, count=1, model=None)
    instances = {s.name: s.materialize(tmp_path / "instances") for s in config.instance_sets}
    jobs = [job for job in plan_jobs(config, instances) if job.configuration.name == "learned"]
    shared = SharedInference([(job.configuration, job.model) for job in jobs], CPU_SERVER)
    try:
        assert shared.address_for(jobs[0].configuration, jobs[0].model) is None
    finally:
        shared.close()


def test_runs_fall_back_to_their_own_inference_when_the_server_is_dead(tmp_path: Path) -> None:
    config = _config(tmp_path, count=1)
    instances = {s.name: s.materialize(tmp_path / "instances") for s in config.instance_sets}
    jobs = [job for job in plan_jobs(config, instances) if job.configuration.name == "learned"]
    shared = SharedInference([(job.configuration, job.model) for job in jobs], CPU_SERVER)
    try:
        address = shared.address_for(jobs[0].configuration, jobs[0].model)
        assert address is not None
        reference = run_job(dataclasses.replace(jobs[0], inference=address))
        for server in shared._servers.values():
            os.kill(server.process.pid, signal.SIGKILL)
            server.process.join()
        row = run_job(dataclasses.replace(jobs[0], inference=address))
    finally:
        shared.close()
    assert (row["status"], row["objective"]) == (reference["status"], reference["objective"])
    assert row["inference"]["mode"] == "local"  # the worker could not connect: it infers itself


@pytest.mark.slow  # starts two server processes (about 10 s on a loaded 2-core machine)
def test_shared_inference_starts_one_server_per_checkpoint(tmp_path: Path) -> None:
    learned = ScipConfiguration("learned", learned_branching=True)
    pinned = ScipConfiguration("pinned", learned_branching=True, model_path="setcover")
    plain = ScipConfiguration("plain")
    shared = SharedInference(
        [(learned, None), (pinned, None), (pinned, "cauctions"), (plain, None),
         (learned, "cauctions")],
        CPU_SERVER,
    )  # fmt: skip
    try:
        assert shared.n_servers == 2  # setcover (three pairings) and cauctions
        assert shared.address_for(plain, None) is None
        assert shared.address_for(learned, None) == shared.address_for(pinned, "cauctions")
        assert shared.address_for(learned, "cauctions") != shared.address_for(learned, None)
        described = shared.describe()["servers"]
        assert sorted(len(server["configurations"]) for server in described) == [1, 2]
    finally:
        shared.close()
    assert all(not server.process.is_alive() for server in shared._servers.values())


def test_bench_and_collect_help_say_where_inference_runs() -> None:
    def help_of(command: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "experiments.cli", command, "--help"],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip

    assert "--inference {auto,shared,local}" in help_of("bench")
    collect = " ".join(help_of("collect").split())
    assert "--inference" not in collect and "No learned network runs here" in collect
