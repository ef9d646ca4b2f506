"""``neuralmip fit``'s command line and its one progress display."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from experiments.cli import EXIT_BAD_INPUT, build_parser
from experiments.commands.fit import config_from_args
from experiments.fit.budget import Budget
from experiments.fit.progress import FitProgress
from experiments.fit.state import STATE_NAME

REPO = Path(__file__).resolve().parents[2]


def _neuralmip(*args: str, **options: object) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "experiments.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def test_help_and_bad_input_in_a_subprocess(tmp_path: Path) -> None:
    process = _neuralmip("fit", "--help")
    out, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "--budget" in out and "--resume" in out and "--generate" in out
    process = _neuralmip("fit", str(tmp_path), "--out", str(tmp_path / "set"))
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_BAD_INPUT
    assert err.strip().splitlines()[-1] == (
        f"neuralmip fit: {tmp_path}: folder holds no instance files "
        "(.mps, .mps.gz, .lp, .lp.gz, .cip, .cip.gz)"
    )


def test_config_and_recorded_command_from_the_command_line(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["fit", "--generate", "setcover", "--count", "12", "--out", str(tmp_path), "--budget",
         "1h30m", "--workers", "2", "--seed", "3"]
    )  # fmt: skip
    config = config_from_args(args)
    assert config.budget_s == 5400 and config.workers == 2 and config.seed == 3
    assert config.generate == "setcover" and config.count == 12 and config.inputs == ()
    assert config.command == (
        "neuralmip", "fit", "--generate", "setcover", "--preset", "easy", "--count", "12",
        "--out", str(tmp_path), "--budget", "1h30m", "--seed", "3", "--workers", "2",
    )  # fmt: skip


def test_progress_shows_stage_and_budget_and_quiet_keeps_only_notes() -> None:
    budget = Budget(600.0, shares={"tune": 1.0})
    stream = io.StringIO()
    with FitProgress(budget, 11, stream=stream) as progress:
        budget.start_stage("tune", ["tune"])
        progress.stage(7, "tune")
        progress.note("a warning")
        progress.finished("tune", 12.0)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("fit 7/11 tune: 10m00s left of the stage, 10m00s of the budget")
    assert lines[1:] == ["a warning", "tune: done in 12s"]
    quiet = io.StringIO()
    with FitProgress(budget, 11, quiet=True, stream=quiet) as progress:
        progress.stage(7, "tune")
        progress.note("a warning")
        progress.finished("tune", 12.0)
    assert quiet.getvalue() == "a warning\n"


@pytest.mark.slow
def test_a_fit_killed_with_sigkill_resumes_without_redoing_its_finished_stages(
    tmp_path: Path,
) -> None:
    """Kill -9 once solution collection is done; the resumed fit finds its data as it was."""
    from instances.generators import generate_instances, preset

    family = tmp_path / "family"
    generate_instances("setcover", preset("setcover", "tiny"), 10, 0, family)
    out = tmp_path / "set"
    process = _neuralmip("fit", str(family), "--out", str(out), "--budget", "2m", "-q")
    state_file = out / "fit" / STATE_NAME
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if state_file.is_file():
            stages = json.loads(state_file.read_text())["stages"]
            if stages.get("collect_solutions", {}).get("status") == "done":
                break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    before = json.loads(state_file.read_text())
    done = [name for name, record in before["stages"].items() if record["status"] == "done"]
    assert "collect_solutions" in done
    data = {p: p.stat().st_mtime_ns for p in (out / "fit" / "data").rglob("*") if p.is_file()}
    resumed = _neuralmip("fit", str(family), "--out", str(out), "--budget", "2m", "-q", "--resume")
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert (out / "report.md").is_file() and (out / "modelset.toml").is_file()
    after = json.loads(state_file.read_text())
    for name in done:
        assert after["stages"][name] == before["stages"][name]
    assert {p: p.stat().st_mtime_ns for p in data} == data
    assert after["spent_s"] >= before["spent_s"]


def test_on_a_terminal_the_status_line_is_redrawn_in_place() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    budget = Budget(600.0, shares={"tune": 1.0})
    stream = Terminal()
    with FitProgress(budget, 11, stream=stream) as progress:
        budget.start_stage("tune", ["tune"])
        progress.stage(7, "tune")
        progress.note("a warning")
    text = stream.getvalue()
    assert "\r\033[Ka warning\nfit 7/11 tune: " in text  # the note above, the status redrawn
    assert text.endswith("\r\033[K")  # cleared on the way out


@pytest.mark.slow
def test_a_real_one_minute_fit_writes_a_model_set_that_solve_reads(tmp_path: Path) -> None:
    """Every stage for real, on tiny set cover instances, in a subprocess."""
    from solver.modelset import read_model_set
    from solver.solution import solve_instance

    out, budget = tmp_path / "set", 60.0
    start = time.monotonic()
    process = _neuralmip(
        "fit", "--generate", "setcover", "--preset", "tiny", "--count", "12",
        "--out", str(out), "--budget", "60s", "-q",
    )  # fmt: skip
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert time.monotonic() - start <= budget * 1.05 + 5.0  # + the interpreter's start-up
    model_set = read_model_set(out)
    assert model_set.components() and all(c.why for c in model_set.components())
    instance = next((out / "fit" / "instances").glob("*.mps"))
    assert solve_instance(instance, learned=True, model_path=out).status == "optimal"
