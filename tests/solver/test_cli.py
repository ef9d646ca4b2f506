"""The ``solve`` command: subprocess smoke tests of the console script, and in-process checks of
its exit codes and messages."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyscipopt
import pytest

from instances import reading
from solver import cli, solution
from solver.cli import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    exit_code,
    main,
)
from solver.solution import SolveResult
from tests.instances.test_reading import BAD_FILES, KNAPSACK_LP, Refused

JSON_KEYS = {
    "status",
    "objective",
    "dual_bound",
    "gap",
    "nodes",
    "time",
    "instance",
    "seed",
    "learned",
    "startup_seconds",
}


def _solve_command() -> list[str]:
    """The installed console script if there is one beside this Python, else the module."""
    script = Path(sys.executable).parent / "solve"
    return [str(script)] if script.exists() else [sys.executable, "-m", "solver.cli"]


def _run_solve(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_solve_command(), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def _plain_objective(path: Path) -> float:
    model = pyscipopt.Model()
    model.hideOutput()
    model.readProblem(str(path))
    model.optimize()
    assert model.getStatus() == "optimal"
    value = model.getObjVal()
    model.freeProb()
    return value


@pytest.fixture(scope="module")
def miplib(shared_dir: Path) -> Path:
    return shared_dir / "instances" / "miplib"


@pytest.fixture
def knapsack(tmp_path: Path) -> Path:
    path = tmp_path / "knap.lp"
    path.write_text(KNAPSACK_LP)
    return path


# --- subprocess smoke tests of the console script -------------------------------------------


def test_human_output(miplib: Path) -> None:
    instance = miplib / "egout.mps"
    done = _run_solve(str(instance))
    assert done.returncode == EXIT_OK, done.stderr
    assert "SCIP Status" in done.stdout  # SCIP's own log is shown by default
    summary = dict(
        (part.strip() for part in line.split(":", 1))
        for line in done.stdout.splitlines()[-8:]
        if " : " in line
    )
    assert summary["status"] == "optimal"
    assert float(summary["objective"]) == pytest.approx(_plain_objective(instance), rel=1e-6)
    assert float(summary["dual bound"]) == pytest.approx(float(summary["objective"]), rel=1e-6)
    assert summary["gap"] == "0 %"
    assert int(summary["nodes"]) >= 1
    assert summary["time"].endswith(" s")
    assert done.stderr == ""


def test_json_output_and_solution_file(miplib: Path, tmp_path: Path) -> None:
    instance = miplib / "egout.mps"
    output = tmp_path / "egout.sol"
    output.write_text("an older file that must be replaced whole\n")
    done = _run_solve(str(instance), "--json", "--seed", "5", "--output", str(output))
    assert done.returncode == EXIT_OK, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert JSON_KEYS <= record.keys()
    assert record["status"] == "optimal"
    assert record["seed"] == 5 and record["learned"] is False
    assert record["instance"] == str(instance)
    assert record["objective"] == pytest.approx(_plain_objective(instance), rel=1e-6)
    assert record["solution_file"] == str(output)
    text = output.read_text()
    assert "older file" not in text
    assert float(text.splitlines()[0].split(":")[1]) == pytest.approx(record["objective"])
    # The file is SCIP's .sol format: SCIP reads it back as a feasible solution of that value.
    check = pyscipopt.Model()
    check.hideOutput()
    check.readProblem(str(instance))
    solution = check.readSolFile(str(output))
    assert check.checkSol(solution)
    assert check.getSolObjVal(solution) == pytest.approx(record["objective"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["egout.sol"]  # no temporary left


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.mps"
    done = _run_solve(str(missing))
    assert done.returncode == EXIT_BAD_INPUT
    assert done.stderr.splitlines() == [f"solve: {missing}: no such file"]
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("output", "words"),
    [
        ("no-such-folder/x.sol", "does not exist"),
        ("a-file/x.sol", "is not a folder"),
        ("", "is a directory"),
        ("/proc/neuralmip-test.sol", "cannot write in /proc"),
    ],
)
def test_unusable_output_refused_before_solving(
    miplib: Path, tmp_path: Path, output: str, words: str
) -> None:
    (tmp_path / "a-file").write_text("")
    target = output if output.startswith("/") else str(tmp_path / output)
    started = time.monotonic()
    # markshare1 takes far longer than the timeout to solve: a pass proves nothing was solved.
    done = _run_solve(str(miplib / "markshare1.mps"), "--output", target, timeout=30)
    assert done.returncode == EXIT_BAD_INPUT
    assert len(done.stderr.splitlines()) == 1
    assert words in done.stderr
    assert time.monotonic() - started < 30


def test_learned_without_a_model_is_bad_input(knapsack: Path, tmp_path: Path) -> None:
    done = _run_solve(str(knapsack), "--learned", "--model", str(tmp_path / "no-model"))
    assert done.returncode == EXIT_BAD_INPUT
    assert len(done.stderr.splitlines()) == 1
    assert "no such model file, folder or shipped model set" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_learned_models_stay_out_of_instances_unlike_their_training(
    miplib: Path, workers: str
) -> None:
    instance = miplib / "egout.mps"
    done = _run_solve(str(instance), "--learned", "--json", "--workers", workers, timeout=300)
    assert done.returncode == EXIT_OK, done.stderr
    record = json.loads(done.stdout)
    assert record["learned"] is True
    assert record["learned_plugins"].startswith("none; branching declined: no shipped model")
    assert record["objective"] == pytest.approx(_plain_objective(instance), rel=1e-6)
    named = _run_solve(str(instance), "--learned", "--model", "indset", "--quiet", timeout=300)
    assert named.returncode == EXIT_OK, named.stderr
    assert "diving declined: indset/diving.pt was trained on instances unlike this one" in (
        named.stdout
    )


def test_time_limit_is_respected(miplib: Path) -> None:
    started = time.monotonic()
    _run_solve("--list-examples")
    startup = time.monotonic() - started
    limit = 1.0
    started = time.monotonic()
    done = _run_solve(str(miplib / "markshare1.mps"), "--time-limit", str(limit), "--json")
    wall = time.monotonic() - started
    record = json.loads(done.stdout)
    assert record["status"] == "timelimit"
    assert record["time"] <= limit + 1.0
    # The process may take its start-up time on top (measured above, doubled for a busy machine).
    assert wall <= limit + 1.0 + 2 * startup
    assert done.returncode == (EXIT_OK if record["objective"] is not None else EXIT_NO_SOLUTION)


def test_sigint_reports_and_writes_best_solution(miplib: Path, tmp_path: Path) -> None:
    output = tmp_path / "interrupted.sol"
    process = subprocess.Popen(
        [*_solve_command(), str(miplib / "markshare1.mps"), "--output", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        # Wait for SCIP's node log header: the search has started, with SCIP's handler in place.
        for line in process.stdout:
            if "time | node" in line:
                break
        time.sleep(1.0)
        process.send_signal(signal.SIGINT)
        rest, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == EXIT_INTERRUPTED
    assert "status        : userinterrupt" in rest
    assert "solve: interrupted" in err and "Traceback" not in err
    objective = next(line for line in rest.splitlines() if line.startswith("objective"))
    value = float(objective.split(":")[1])
    assert output.read_text().startswith("objective value:")
    assert float(output.read_text().splitlines()[0].split(":")[1]) == pytest.approx(value)


# --- in-process: exit codes and messages ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_exit_codes(
    name: str, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_dir / "instances" / "bad" / name
    expected = BAD_FILES[name]
    code = main([str(path), "--json"])
    out, err = capsys.readouterr()
    if isinstance(expected, Refused):
        assert code == EXIT_BAD_INPUT
        assert err.splitlines() == [f"solve: {path}: " + err.split(": ", 2)[2].rstrip("\n")]
        assert expected.words in err
        assert out == ""
    else:
        assert code == (EXIT_OK if expected.status == "optimal" else EXIT_NO_SOLUTION)
        assert json.loads(out)["status"] == expected.status


def test_no_solution_leaves_existing_output_alone(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "keep.sol"
    output.write_text("precious\n")
    code = main(
        [str(shared_dir / "instances" / "bad" / "infeasible-mip0.mps"), "-q", "-o", str(output)]
    )
    out, err = capsys.readouterr()
    assert code == EXIT_NO_SOLUTION
    assert "status     : infeasible" in out
    assert err == f"solve: {output}: no solution to write\n"
    assert output.read_text() == "precious\n"


def test_example_name_and_listing(
    knapsack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reading, "EXAMPLES_DIR", knapsack.parent)
    monkeypatch.chdir(knapsack.parent.parent)
    assert main(["--list-examples"]) == EXIT_OK
    assert capsys.readouterr().out == f"knap\t{knapsack}\n"
    assert main(["knap", "--json"]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["instance"] == str(knapsack)
    assert record["objective"] == pytest.approx(9.0)


def test_preset_seed_and_gap_reach_scip(
    knapsack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    models = []

    def keeping_read_instance(*args: object, **kwargs: object) -> pyscipopt.Model:
        models.append(reading.read_instance(*args, **kwargs))
        return models[-1]

    monkeypatch.setattr(solution, "read_instance", keeping_read_instance)
    code = main([str(knapsack), "--preset", "literature", "--gap", "0.05", "--seed", "9", "-q"])
    assert code == EXIT_OK
    capsys.readouterr()
    # Parameters outlive freeProb(): read back what the solve ran with.
    (model,) = models
    assert model.getParam("separating/maxrounds") == 0
    assert model.getParam("presolving/maxrestarts") == 0
    assert model.getParam("limits/gap") == 0.05
    assert model.getParam("randomization/lpseed") == 9


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == EXIT_OK
    text = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "3 ", "130"):
        assert f"\n  {code}" in text
    assert "literature" in text


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["x.mps", "--time-limit", "-1"],
        ["x.mps", "--time-limit", "inf"],
        ["x.mps", "--gap", "nan"],
        ["x.mps", "--seed", "-1"],
        ["x.mps", "--preset", "fast"],
        ["x.mps", "--model", "m.pt"],
        ["x.mps", "--any-instance"],
    ],
)
def test_bad_options_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == EXIT_BAD_INPUT
    assert "error:" in capsys.readouterr().err


def test_internal_error_is_one_line(
    knapsack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> SolveResult:
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(cli, "solve_instance", broken)
    monkeypatch.delenv(cli.DEBUG_ENV_VAR, raising=False)
    assert main([str(knapsack)]) == EXIT_INTERNAL_ERROR
    assert capsys.readouterr().err == "solve: internal error: something broke\n"
    assert main([str(knapsack), "--verbose"]) == EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "Traceback" in err and err.endswith("solve: internal error: something broke\n")
    monkeypatch.setenv(cli.DEBUG_ENV_VAR, "1")
    assert main([str(knapsack)]) == EXIT_INTERNAL_ERROR
    assert "Traceback" in capsys.readouterr().err


def test_ctrl_c_outside_scip_exits_130(
    knapsack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> SolveResult:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "solve_instance", interrupted)
    assert main([str(knapsack)]) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "solve: interrupted\n"


def _result(status: str, objective: float | None) -> SolveResult:
    return SolveResult(
        instance="i.mps",
        status=status,
        objective=objective,
        dual_bound=None,
        gap=None,
        nodes=1,
        time=0.1,
        seed=0,
        preset="default",
        learned=False,
        solutions=int(objective is not None),
    )


@pytest.mark.parametrize(
    ("status", "objective", "code"),
    [
        ("optimal", 1.0, EXIT_OK),
        ("gaplimit", 1.0, EXIT_OK),
        ("timelimit", 1.0, EXIT_OK),
        ("timelimit", None, EXIT_NO_SOLUTION),
        ("nodelimit", None, EXIT_NO_SOLUTION),
        ("infeasible", None, EXIT_NO_SOLUTION),
        ("inforunbd", None, EXIT_NO_SOLUTION),
        ("unbounded", 1.0, EXIT_NO_SOLUTION),
        ("userinterrupt", None, EXIT_INTERRUPTED),
        ("userinterrupt", 1.0, EXIT_INTERRUPTED),
    ],
)
def test_exit_code_mapping(status: str, objective: float | None, code: int) -> None:
    assert exit_code(_result(status, objective)) == code


def test_solve_runs_as_a_module(knapsack: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "solver.cli", str(knapsack), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert json.loads(done.stdout)["objective"] == pytest.approx(9.0)


@pytest.mark.parametrize("learned", [False, True], ids=["default", "learned"])
def test_racing_workers_agree_with_one_solve(miplib: Path, tmp_path: Path, learned: bool) -> None:
    instance = miplib / "bell5.mps"
    output = tmp_path / "raced.sol"
    # bell5 is unlike the classes the shipped models learned from: force them onto it (a set
    # with both components enabled).
    extra = ["--learned", "--model", "indset", "--any-instance"] if learned else []
    done = _run_solve(
        str(instance), "--workers", "2", "--json", "--output", str(output), *extra, timeout=300
    )
    assert done.returncode == EXIT_OK, done.stderr
    record = json.loads(done.stdout)
    assert record["learned_plugins"] == ("indset: branching, diving" if learned else None)
    assert record["status"] == "optimal"
    assert record["objective"] == pytest.approx(_plain_objective(instance), rel=1e-9)
    assert record["solutions"] >= 1 and record["nodes"] >= 1
    first = output.read_text().splitlines()[0]
    assert float(first.split(":")[1]) == pytest.approx(record["objective"], rel=1e-9)


def test_workers_must_be_positive(knapsack: Path) -> None:
    done = _run_solve(str(knapsack), "--workers", "0")
    assert done.returncode == EXIT_BAD_INPUT
    assert "--workers" in done.stderr and "Traceback" not in done.stderr
