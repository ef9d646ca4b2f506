"""``neuralmip fit`` end to end, with the tuning, gate, writing, test and report stages faked.

The fakes stand in for :mod:`experiments.fit.tuning`, ``gate``, ``write``, ``evaluate`` and
``report`` (installed in ``sys.modules``, so the pipeline's own lazy imports find them); they
spend the seconds they are given, as a real tuning would, so that the budget is tested.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import re
import sys
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from experiments.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, main
from experiments.fit import pipeline
from experiments.fit.budget import OVERRUN_TOLERANCE
from experiments.fit.context import FitContext
from experiments.fit.pipeline import stage_names
from experiments.fit.state import STATE_NAME, write_json_atomic
from instances.generators import generate_instances, preset


@dataclass(frozen=True)
class _Result:
    """A stand-in for TuningResult, GateDecision and TestResult."""

    value: str

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value}

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> _Result:
        return cls(record["value"])


@dataclass
class _Fakes:
    """The fake stage functions, what they were called with, and how they behave."""

    calls: list[tuple[str, Any]] = field(default_factory=list)
    spend: float = 1.0
    """Fraction of the seconds given that tuning and testing sleep."""
    fail: dict[str, BaseException] = field(default_factory=dict)
    """Stage -> what it raises (once)."""

    def _enter(self, name: str, detail: Any = None) -> None:
        self.calls.append((name, detail))
        if name in self.fail:
            raise self.fail.pop(name)

    def tune(self, ctx: FitContext, seconds: float) -> _Result:
        self._enter("tune", dict(ctx.checkpoints))
        assert ctx.split is not None and ctx.baseline is not None
        time.sleep(self.spend * seconds)
        return _Result("tuned")

    def gate(self, tuning: _Result) -> _Result:
        self._enter("gate", tuning)
        return _Result("gated")

    def write_model_set(self, ctx: FitContext, decision: _Result) -> Path:
        self._enter("write", decision)
        path = ctx.out / "modelset.toml"
        path.write_text("# fake\n")
        return path

    def evaluate_test(self, ctx: FitContext, seconds: float) -> _Result:
        self._enter("test", seconds)
        time.sleep(self.spend * seconds)
        return _Result("tested")

    def write_fit_report(self, ctx: FitContext, results: dict[str, Any]) -> Path:
        self._enter("report", sorted(results))
        path = ctx.out / "report.md"
        path.write_text("# fake report\n")
        return path


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Fakes]:
    """Install the fake stage modules."""
    fake = _Fakes()
    modules = {
        "tuning": {"tune": fake.tune, "TuningResult": _Result},
        "gate": {"gate": fake.gate, "GateDecision": _Result},
        "write": {"write_model_set": fake.write_model_set},
        "evaluate": {"evaluate_test": fake.evaluate_test, "TestResult": _Result},
        "report": {"write_fit_report": fake.write_fit_report},
    }
    for name, members in modules.items():
        module = types.ModuleType(f"experiments.fit.{name}")
        module.__dict__.update(members)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    yield fake


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten tiny set cover instances."""
    folder = tmp_path_factory.mktemp("family")
    generate_instances("setcover", preset("setcover", "tiny"), 10, 0, folder)
    return folder


def _state(out: Path) -> dict[str, Any]:
    return json.loads((out / "fit" / STATE_NAME).read_text())


def _mtimes(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


def _fit(*args: str) -> Callable[[], int]:
    return lambda: main(["fit", *args])


def test_interrupted_fit_resumes_redoes_nothing_and_keeps_its_budget(
    family: Path, tmp_path: Path, fakes: _Fakes, capsys: pytest.CaptureFixture
) -> None:
    out, budget = tmp_path / "set", 20.0
    command = [str(family), "--out", str(out), "--budget", f"{budget:.0f}s"]
    fakes.fail["tune"] = KeyboardInterrupt()
    start = time.monotonic()
    assert main(["fit", *command]) == EXIT_INTERRUPTED
    assert "--resume" in capsys.readouterr().err
    state = _state(out)
    finished = [name for name, record in state["stages"].items() if record["status"] == "done"]
    assert finished == list(stage_names()[:6])
    assert state["stages"]["tune"]["status"] == "running"
    kept = _mtimes(out / "fit" / "data") | _mtimes(out / "fit" / "runs")
    assert any(path.suffix == ".pt" for path in kept)  # the diving model was trained

    assert main(["fit", *command]) == EXIT_BAD_INPUT  # not empty, and no --resume
    assert "give --resume" in capsys.readouterr().err
    assert main(["fit", *command, "--resume"]) == EXIT_OK
    wall = time.monotonic() - start

    assert _mtimes(out / "fit" / "data") | _mtimes(out / "fit" / "runs") == kept
    resumed = _state(out)
    for name in finished:
        assert resumed["stages"][name] == state["stages"][name]
    assert [call[0] for call in fakes.calls] == ["tune", "tune", "gate", "write", "test", "report"]
    assert "diving" in fakes.calls[1][1]  # the restored context holds the trained model
    assert resumed["spent_s"] <= budget * (1 + OVERRUN_TOLERANCE)
    assert wall <= budget * (1 + OVERRUN_TOLERANCE) + 1.0  # + the refused run in between
    assert (out / "report.md").is_file()

    # redoing from the gate decides again from the stored tuning, reruns the later stages only
    # (within the budget: the whole fit's, so a spent one is raised)
    fakes.calls.clear()
    command[-1] = f"{2 * budget:.0f}s"
    assert main(["fit", *command, "--resume", "--redo-from", "gate"]) == EXIT_OK
    assert [call[0] for call in fakes.calls] == ["gate", "write", "test", "report"]
    assert _state(out)["stages"]["tune"] == resumed["stages"]["tune"]
    # from training: the models are trained anew, the collected data is kept
    fakes.calls.clear()
    command[-1] = f"{4 * budget:.0f}s"
    assert main(["fit", *command, "--resume", "--redo-from", "train_diving"]) == EXIT_OK
    assert [call[0] for call in fakes.calls] == ["tune", "gate", "write", "test", "report"]
    assert _mtimes(out / "fit" / "data") == {k: v for k, v in kept.items() if "data" in str(k)}
    assert _mtimes(out / "fit" / "runs") != {k: v for k, v in kept.items() if "runs" in str(k)}
    assert main(["fit", *command, "--resume", "--redo-from", "nothing"]) == EXIT_BAD_INPUT
    assert "--redo-from 'nothing': expected one of discover" in capsys.readouterr().err
    assert main(["fit", *command, "--redo-from", "gate"]) == EXIT_BAD_INPUT
    assert "--redo-from needs --resume" in capsys.readouterr().err


def test_budget_too_small_is_refused_before_any_work(
    family: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "set"
    assert main(["fit", str(family), "--out", str(out), "--budget", "5s"]) == EXIT_BAD_INPUT
    assert "give at least --budget 17s" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: None, "folder holds no instance files"),
        (
            lambda folder: generate_instances("setcover", preset("setcover", "tiny"), 5, 0, folder),
            r"5 usable instance\(s\); the split needs at least 10",
        ),
    ],
    ids=["empty folder", "too few"],
)
def test_bad_input_exits_2_and_leaves_no_state(
    tmp_path: Path, capsys: pytest.CaptureFixture, make: Callable[[Path], object], message: str
) -> None:
    folder, out = tmp_path / "family", tmp_path / "set"
    folder.mkdir()
    make(folder)
    assert main(["fit", str(folder), "--out", str(out), "--budget", "1h"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "\nneuralmip fit: " in err
    assert re.search(message, err)
    assert not (out / "fit" / STATE_NAME).exists()


def test_full_disk_keeps_the_finished_stages(
    family: Path, tmp_path: Path, fakes: _Fakes, capsys: pytest.CaptureFixture, monkeypatch
) -> None:
    skipped = ("collect_branching", "collect_solutions", "train_branching", "train_diving")
    monkeypatch.setattr(
        pipeline,
        "STAGES",
        tuple(
            dataclasses.replace(stage, run=lambda ctx, params: {"faked": True})
            if stage.name in skipped
            else stage
            for stage in pipeline.STAGES
        ),
    )
    out = tmp_path / "set"
    fakes.spend = 0.0
    fakes.fail["write"] = OSError(errno.ENOSPC, "No space left on device", str(out / "x.pt"))
    command = [str(family), "--out", str(out), "--budget", "1h", "-q"]
    assert main(["fit", *command]) == EXIT_FAILURE
    err = capsys.readouterr().err
    assert "the disk is full; the finished stages are kept" in err and "--resume" in err
    state = _state(out)
    assert state["stages"]["gate"]["status"] == "done"
    assert main(["fit", *command, "--resume"]) == EXIT_OK
    assert [call[0] for call in fakes.calls] == ["tune", "gate", "write", "write", "test", "report"]


def test_a_state_write_that_fails_leaves_the_old_state(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / STATE_NAME
    write_json_atomic(path, {"old": True})

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("os.fsync", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_json_atomic(path, {"new": True})
    assert json.loads(path.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == [STATE_NAME]


def test_resume_of_another_fit_is_refused(
    family: Path, tmp_path: Path, fakes: _Fakes, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "set"
    (out / "fit").mkdir(parents=True)
    (out / "fit" / STATE_NAME).write_text(json.dumps({"format": "neuralmip-fit-state-v1",
        "identity": "other", "spent_s": 1.0, "config": {}, "stages": {}}))  # fmt: skip
    assert main(["fit", str(family), "--out", str(out), "--resume"]) == EXIT_BAD_INPUT
    assert "holds a fit of other instances" in capsys.readouterr().err


@pytest.mark.slow
def test_a_two_minute_fit_of_easy_set_cover_ends_within_its_budget(
    tmp_path: Path, fakes: _Fakes
) -> None:
    """The real collection and training stages on Easy instances; the later stages faked."""
    out, budget = tmp_path / "set", 120.0
    start = time.monotonic()
    command = ["--generate", "setcover", "--count", "10", "--out", str(out), "--budget", "2m"]
    assert main(["fit", *command, "-q"]) == EXIT_OK
    assert time.monotonic() - start <= budget * (1 + OVERRUN_TOLERANCE)
    diving = json.loads((out / "fit" / "runs" / "diving.json").read_text())
    split = _state(out)["stages"]["discover"]["outputs"]["split"]
    source = diving["domain"]["source"]  # fitted on the training instances alone
    assert all(path in source for path in split["train"])
    assert not any(path in source for path in split["valid"] + split["test"])
    assert diving["command"].startswith("neuralmip fit --generate setcover")


def test_a_fit_stopped_in_discovery_resumes_from_the_start(
    tmp_path: Path, fakes: _Fakes, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "set"
    (out / "fit" / "instances").mkdir(parents=True)  # generated, then Ctrl-C before the state
    (tmp_path / "family").mkdir()
    command = ["fit", str(tmp_path / "family"), "--out", str(out), "--budget", "1h"]
    assert main(command) == EXIT_BAD_INPUT
    assert "give --resume" in capsys.readouterr().err
    assert main([*command, "--resume"]) == EXIT_BAD_INPUT  # it got to discovery: empty folder
    assert "folder holds no instance files" in capsys.readouterr().err
    (out / "other.txt").write_text("someone's file")
    assert main([*command, "--resume"]) == EXIT_BAD_INPUT
    assert "holds no fit to resume" in capsys.readouterr().err
    assert (
        main(["fit", str(tmp_path / "family"), "--out", str(out / "other.txt")]) == EXIT_BAD_INPUT
    )
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_full_disk_in_a_collection_worker_stops_the_stage(tmp_path: Path) -> None:
    from experiments.fit import stages
    from experiments.fit.budget import Budget
    from experiments.fit.config import FitConfig

    config = FitConfig(out=tmp_path, inputs=(tmp_path,))
    lines: list[str] = []
    ctx = FitContext(config, tmp_path, tmp_path / "fit", Budget(60.0), log=lines.append)
    stages._log_failures(ctx, "solutions", ("a.mps: ValueError: bad",), tmp_path)
    full = f"b.mps: OSError: [Errno {errno.ENOSPC}] No space left on device"
    with pytest.raises(OSError) as raised:
        stages._log_failures(ctx, "solutions", (full,), tmp_path)
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(tmp_path)
    assert len(lines) == 2


def test_a_resumed_fit_counts_the_time_its_clock_recorded(tmp_path: Path) -> None:
    from experiments.fit.config import FitConfig
    from experiments.fit.state import CLOCK_NAME, FitState

    config = FitConfig(out=tmp_path / "set", inputs=(tmp_path,), resume=True)
    state = FitState(config.identity(), spent_s=10.0)
    state.save(config.work)
    assert FitState.open(config).spent_s == 10.0
    write_json_atomic(config.work / CLOCK_NAME, {"spent_s": 25.0})  # killed after its last save
    assert FitState.open(config).spent_s == 25.0
