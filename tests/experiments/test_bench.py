"""The benchmark harness: configs, rows, local vs Ray, crashes, kills and --resume."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from experiments.bench import (
    RESULTS_FILE,
    BenchConfigError,
    BenchError,
    ResultStore,
    ScipConfiguration,
    SolveRequest,
    SolveResult,
    load_bench_config,
    parse_bench_config,
    run_benchmark,
)
from experiments.bench.runner import STATUS_CRASHED
from experiments.cli import main
from experiments.executors import make_executor
from solver.exit_codes import EXIT_BAD_INPUT, EXIT_OK

CONFIGS = Path(__file__).resolve().parents[2] / "experiments" / "configs"
SMOKE = CONFIGS / "smoke.toml"


def _rows(folder: Path) -> dict[tuple, dict]:
    return ResultStore(folder / RESULTS_FILE).latest()


def _deterministic(rows: dict[tuple, dict]) -> dict[tuple, tuple]:
    return {key: (row["status"], row["objective"], row["nodes"]) for key, row in rows.items()}


@dataclasses.dataclass(frozen=True)
class KillOnceConfiguration:
    """Test configuration: its worker dies the first time (marker file), then it solves."""

    name: str
    marker_dir: str
    solver = "test"

    def describe(self) -> dict:
        return {"solver": "test", "name": self.name}

    def solve(self, request: SolveRequest) -> SolveResult:
        marker = Path(self.marker_dir) / request.instance.name
        if not marker.exists():
            marker.write_text("died once")
            os.kill(os.getpid(), signal.SIGKILL)
        return ScipConfiguration(self.name).solve(request)


@pytest.mark.parametrize("path", sorted(CONFIGS.glob("*.toml")), ids=lambda p: p.name)
def test_every_committed_config_loads(path: Path) -> None:
    config = load_bench_config(path)
    assert config.configurations and config.instance_sets
    assert config.baseline_name in {c.name for c in config.configurations}
    json.dumps(config.to_json())


def test_a_bad_config_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "x"\n[[instance_sets]]\nname = "a"\nfiles = ["*.mps"]\n'
        '[[configurations]]\nname = "c"\nsolver = "cplex"\n'
    )
    with pytest.raises(BenchConfigError, match=r"bad\.toml: .*unknown solver 'cplex'"):
        load_bench_config(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n")
    with pytest.raises(BenchConfigError, match=r"broken\.toml: not valid TOML"):
        load_bench_config(broken)


def test_cli_bad_config_exits_2_without_traceback(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "experiments.cli", "bench", str(tmp_path / "missing.toml"),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == EXIT_BAD_INPUT
    assert "missing.toml" in process.stderr
    assert "Traceback" not in process.stderr
    assert len(process.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def local_smoke(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The smoke benchmark through local processes, with its calibration."""
    out = tmp_path_factory.mktemp("smoke-local")
    assert main(["bench", str(SMOKE), "--out", str(out), "--workers", "2", "--no-progress"]) == 0
    return out


def test_smoke_rows_are_complete(local_smoke: Path) -> None:
    config = load_bench_config(SMOKE)
    rows = _rows(local_smoke)
    n_instances = sum(s.count for s in config.instance_sets)
    assert len(rows) == n_instances * len(config.configurations) * len(config.seeds)
    assert {row["configuration"] for row in rows.values()} == {
        configuration.name for configuration in config.configurations
    }
    for row in rows.values():
        assert row["status"] == "optimal", row
        assert row["objective"] is not None and row["nodes"] >= 0
        assert row["primal_trajectory"], row
        assert row["primal_trajectory"][-1][1] == pytest.approx(row["objective"])
        assert row["harness_elapsed"] >= row["solve_wall_time"]
        assert row["load_average"] >= 0.0
    # SCIP and HiGHS agree on the optimum of every instance
    by_instance: dict[str, set] = {}
    for row in rows.values():
        if row["objective"] is not None:
            by_instance.setdefault(row["instance"], set()).add(round(row["objective"], 4))
    assert all(len(values) == 1 for values in by_instance.values())
    session = json.loads((local_smoke / "sessions.jsonl").read_text().splitlines()[0])
    assert session["calibration"]["status"] == "optimal"
    assert session["versions"]["pyscipopt"] and session["git_commit"]
    # The command as given to `neuralmip`, never the path of the script that ran it.
    assert session["command"][:3] == ["neuralmip", "bench", str(SMOKE)]
    assert (local_smoke / "config.json").exists()
    assert (local_smoke / "report.md").exists()


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_ray_gives_the_same_rows_as_local_processes(
    local_smoke: Path, ray_session: None, tmp_path: Path
) -> None:
    config = load_bench_config(SMOKE)
    with make_executor(ray_address="auto") as executor:
        summary = run_benchmark(config, tmp_path, executor, progress=False, calibration=False)
    assert summary.ran == summary.total
    assert _deterministic(_rows(tmp_path)) == _deterministic(_rows(local_smoke))

    # a Ray worker that dies costs only its run, which --resume redoes
    markers = tmp_path / "markers"
    markers.mkdir()
    tiny = _tiny_config(
        tmp_path, (ScipConfiguration("scip"), KillOnceConfiguration("dies-once", str(markers)))
    )
    with make_executor(ray_address="auto") as executor:
        first = run_benchmark(tiny, tmp_path / "crash", executor, progress=False, calibration=False)
        second = run_benchmark(
            tiny, tmp_path / "crash", executor, resume=True, progress=False, calibration=False
        )
    assert (first.ran, first.crashed) == (4, 2)
    assert (second.skipped, second.ran, second.crashed) == (2, 2, 0)
    assert all(row["status"] == "optimal" for row in _rows(tmp_path / "crash").values())


def _tiny_config(tmp_path: Path, configurations: tuple, count: int = 2):
    data = {
        "name": "tiny",
        "time_limit": 20.0,
        "instance_sets": [
            {"name": "sc", "generator": "setcover", "level": "tiny", "seed": 7, "count": count}
        ],
        "configurations": [{"name": "scip", "solver": "scip"}],
    }
    config = parse_bench_config(data, tmp_path)
    return dataclasses.replace(config, configurations=configurations)


def test_a_dead_worker_costs_its_run_and_resume_redoes_it(tmp_path: Path) -> None:
    markers = tmp_path / "markers"
    markers.mkdir()
    config = _tiny_config(
        tmp_path, (ScipConfiguration("scip"), KillOnceConfiguration("dies-once", str(markers)))
    )
    out = tmp_path / "bench"
    with make_executor(workers=2) as executor:
        first = run_benchmark(config, out, executor, progress=False, calibration=False)
    assert first.crashed == 2 and first.ran == 4
    rows = _rows(out)
    assert {r["status"] for r in rows.values() if r["configuration"] == "dies-once"} == {
        STATUS_CRASHED
    }
    assert all("SIGKILL" in r["error"] for r in rows.values() if r["status"] == STATUS_CRASHED)
    finished = {k: r for k, r in rows.items() if r["status"] != STATUS_CRASHED}
    assert len(finished) == 2

    with pytest.raises(BenchError, match="--resume"):
        with make_executor(workers=1) as executor:
            run_benchmark(config, out, executor, progress=False, calibration=False)
    with make_executor(workers=2) as executor:
        second = run_benchmark(
            config, out, executor, resume=True, progress=False, calibration=False
        )
    assert (second.skipped, second.ran, second.crashed) == (2, 2, 0)
    rows = _rows(out)
    assert all(r["status"] == "optimal" for r in rows.values())
    for key, row in finished.items():
        assert rows[key] == row  # finished rows were not redone


def test_resume_refuses_another_config(tmp_path: Path) -> None:
    config = _tiny_config(tmp_path, (ScipConfiguration("scip"),), count=1)
    with make_executor() as executor:
        run_benchmark(config, tmp_path / "b", executor, progress=False, calibration=False)
        changed = dataclasses.replace(config, time_limit=5.0)
        with pytest.raises(BenchError, match="different config"):
            run_benchmark(changed, tmp_path / "b", executor, resume=True, progress=False)


def test_a_killed_benchmark_loses_no_row_and_resume_completes_it(tmp_path: Path) -> None:
    config_path = tmp_path / "kill.toml"
    config_path.write_text(
        'name = "kill"\ntime_limit = 20.0\nworkers = 1\nbaseline = "scip"\n'
        '[[instance_sets]]\nname = "fl"\ngenerator = "facilities"\nlevel = "tiny"\n'
        "seed = 3\ncount = 6\n"
        '[[configurations]]\nname = "scip"\nsolver = "scip"\n'
    )
    out = tmp_path / "out"
    command = [sys.executable, "-m", "experiments.cli", "bench", str(config_path), "--out", str(out),
               "--workers", "1", "--no-progress"]  # fmt: skip
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    results = out / RESULTS_FILE
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if results.exists() and len(results.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.skip("the benchmark finished before it could be killed (machine too fast)")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    before = _rows(out)
    assert 2 <= len(before) < 6
    resumed = subprocess.run([*command, "--resume", "--no-report"], capture_output=True,
                             text=True, timeout=300)  # fmt: skip
    assert resumed.returncode == EXIT_OK, resumed.stderr
    after = _rows(out)
    assert len(after) == 6
    assert all(row["status"] == "optimal" for row in after.values())
    for key, row in before.items():
        assert after[key] == row


def test_an_instance_sets_model_reaches_its_learned_runs(tmp_path: Path) -> None:
    from experiments.bench.runner import plan_jobs, run_job

    missing = tmp_path / "no-such-model.pt"
    config = parse_bench_config(
        {
            "name": "models",
            "time_limit": 20,
            "instance_sets": [
                {
                    "name": "own",
                    "generator": "setcover",
                    "level": "tiny",
                    "count": 1,
                    "model": str(missing),
                },
                {"name": "default", "generator": "setcover", "level": "tiny", "count": 1},
            ],
            "configurations": [
                {"name": "learned", "solver": "scip", "learned_branching": True},
                {
                    "name": "pinned",
                    "solver": "scip",
                    "learned_branching": True,
                    "model_path": "setcover",
                },
            ],
        },
        tmp_path,
    )
    instances = {s.name: s.materialize(tmp_path / "instances") for s in config.instance_sets}
    rows = {
        (job.instance_set, job.configuration.name): run_job(job)
        for job in plan_jobs(config, instances)
    }
    # The set's model is used where the configuration names none, and only there.
    assert rows["own", "learned"]["status"] == "error"
    assert str(missing) in rows["own", "learned"]["error"]
    assert rows["own", "pinned"]["status"] == "optimal"
    assert rows["default", "learned"]["status"] == "optimal"


@pytest.mark.parametrize(
    ("plugin", "field_name", "params", "unknown", "out_of_range", "range_message"),
    [
        ("learned_branching", "branching_params",
         {"shortlist_size": 4, "shortlist_reductions": True},
         {"shortlist_sise": 4}, {"shortlist_size": -1}, "shortlist_size must be"),
        ("neural_diving", "diving_params",
         {"coverages": [0.9, 0.7], "max_total_seconds": 0.5},
         {"coverage": [0.9]}, {"coverages": [1.5]}, "coverages must be"),
    ],
)  # fmt: skip
def test_plugin_params_are_checked_at_parse_time_and_survive_pickling(
    plugin: str,
    field_name: str,
    params: dict,
    unknown: dict,
    out_of_range: dict,
    range_message: str,
) -> None:
    import pickle

    table = {"name": "tuned", plugin: True, field_name: params}
    configuration = ScipConfiguration.from_table(table)
    assert pickle.loads(pickle.dumps(configuration)) == configuration
    assert configuration.describe()[field_name] == params
    with pytest.raises(ValueError, match=next(iter(unknown))):
        ScipConfiguration.from_table(table | {field_name: unknown})
    with pytest.raises(ValueError, match=range_message):
        ScipConfiguration.from_table(table | {field_name: out_of_range})
    with pytest.raises(ValueError, match=f"needs {plugin}"):
        ScipConfiguration.from_table(table | {plugin: False})


def test_a_baseline_branching_rule_runs_through_the_learned_rules_machinery(
    tmp_path: Path,
) -> None:
    import pickle

    baseline = ScipConfiguration.from_table(
        {"name": "objective", "branching_rule": "largest-objective"}
    )
    assert pickle.loads(pickle.dumps(baseline)) == baseline
    assert baseline.describe()["branching_rule"] == "largest-objective"
    with pytest.raises(ValueError, match="unknown branching_rule"):
        ScipConfiguration("x", branching_rule="smallest-objective")
    with pytest.raises(ValueError, match="exclude each other"):
        ScipConfiguration("x", learned_branching=True, branching_rule="largest-objective")

    # Without cuts and presolve the tiny instances need branching.
    no_cuts = {"separating/maxroundsroot": 0, "separating/maxrounds": 0, "presolving/maxrounds": 0}
    configurations = (
        ScipConfiguration("scip", scip_params=no_cuts),
        dataclasses.replace(baseline, scip_params=no_cuts),
        ScipConfiguration("expert", scip_params=no_cuts, branching_rule="full-strong-expert"),
    )
    data = {
        "name": "baseline-rule",
        "time_limit": 30.0,
        "instance_sets": [
            {"name": "sc", "generator": "setcover", "level": "tiny", "seed": 7, "count": 2,
             "params": {"n_rows": 250, "n_cols": 500, "density": 0.05}}
        ],
        "configurations": [{"name": "scip", "solver": "scip"}],
    }  # fmt: skip
    config = dataclasses.replace(parse_bench_config(data, tmp_path), configurations=configurations)
    with make_executor() as executor:
        run_benchmark(config, tmp_path / "b", executor, progress=False, calibration=False)
    rows = _rows(tmp_path / "b")
    by_instance: dict[str, dict[str, dict]] = {}
    for row in rows.values():
        by_instance.setdefault(row["instance"], {})[row["configuration"]] = row
    for runs in by_instance.values():
        assert runs["scip"]["objective"] == pytest.approx(runs["objective"]["objective"])
        assert runs["scip"]["objective"] == pytest.approx(runs["expert"]["objective"])
        assert runs["expert"]["inference"] is None  # the expert scores by LPs, not a model
    # The rule decided nodes, and its cost is recorded like a learned rule's.
    branched = [runs["objective"]["inference"]["branched"] for runs in by_instance.values()]
    assert sum(branched) > 0
