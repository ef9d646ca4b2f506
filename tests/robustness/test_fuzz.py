"""Hostile input: the fuzz campaign of :mod:`experiments.studies.fuzz`, chosen hostile files, and broken
checkpoints. Every input must give a correct answer or one clear line; never a traceback, a hang
or a crash."""

from __future__ import annotations

import enum
import gzip
import json
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from experiments.studies.fuzz import GOOD_OUTCOMES, FuzzConfig, check_instance, main, run_campaign

_KNAPSACK_MPS = """\
NAME          knap
ROWS
 N  obj
 L  cap
COLUMNS
    MARKER                 'MARKER'                 'INTORG'
    x         obj       -5          cap       3
    y         obj       -4          cap       2
    MARKER                 'MARKER'                 'INTEND'
RHS
    rhs       cap       4
BOUNDS
 UP bnd       x         1
 UP bnd       y         1
ENDATA
"""


def _report_line(report) -> str:
    return f"{report.tried} inputs: {dict(report.outcomes)}; failures: {report.failures[:5]}"


def test_fuzz_campaign_default(shared_dir: Path) -> None:
    config = FuzzConfig(inputs=200, checkpoints=40, seed=2026, shared_dir=str(shared_dir))
    report = run_campaign(config)
    print(_report_line(report))
    assert report.tried == 240
    assert report.ok, _report_line(report)
    # The campaign is not all refusals: some mutated files still read and get solved.
    assert report.outcomes["answered"] > 0 and report.outcomes["refused"] > 0


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.parametrize("seed", [1, 2])
def test_fuzz_campaign_thousands(shared_dir: Path, seed: int) -> None:
    config = FuzzConfig(inputs=2500, checkpoints=300, seed=seed, shared_dir=str(shared_dir))
    report = run_campaign(config)
    print(_report_line(report))
    assert report.tried == 2800
    assert report.ok, _report_line(report)


def test_fuzz_command_line_reports_what_it_tried(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--inputs", "12", "--seed", "5", "--shared", str(shared_dir), "--out", str(tmp_path)]
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "fuzz: 12 inputs tried" in out and "0 failures" in out
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["command"] == ["python", "-m", "experiments.studies.fuzz", *argv]


_MPS_LINES = _KNAPSACK_MPS.splitlines(keepends=True)


def _hostile_files(folder: Path) -> dict[str, Path]:
    text = _KNAPSACK_MPS
    files = {
        "bound 1e30": text.replace(" UP bnd       x         1", " UP bnd       x         1e30"),
        "lower bound 1e30": text.replace(
            " UP bnd       y         1", " LO bnd       y         1e30"
        ),
        "huge coefficient": text.replace("cap       3", "cap       1e300"),
        "overflowing coefficient": text.replace("cap       3", "cap       1e400"),
        "tiny coefficient": text.replace("cap       3", "cap       1e-320"),
        "nan rhs": text.replace("cap       4", "cap       nan"),
        "duplicate column": text.replace(
            "    y         obj       -4", "    x         obj       -4"
        ),
        "duplicate row": text.replace(" L  cap\n", " L  cap\n L  cap\n"),
        "empty columns": "".join(
            line for line in _MPS_LINES if not line.startswith("    ") or "rhs" in line
        ),
        "empty rows": text.replace(" N  obj\n L  cap\n", ""),
        "only a name": "NAME x\nENDATA\n",
    }
    # A name PySCIPOpt cannot decode, on a variable of the objective alone (no row reads it).
    files["name not utf-8"] = text.replace(" UP bnd       y         1\n", "").replace(
        "    MARKER                 'MARKER'                 'INTEND'",
        "    z\udce9       obj       1\n    MARKER                 'MARKER'                 'INTEND'",
    )
    paths = {}
    for number, (label, content) in enumerate(files.items()):
        path = folder / f"hostile-{number}.mps"
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
        paths[label] = path
    junk = folder / "junk.mps"
    junk.write_bytes(bytes(range(256)) * 8)
    paths["binary junk"] = junk
    whole = gzip.compress(_KNAPSACK_MPS.encode())
    for cut in (5, len(whole) // 2, len(whole) - 4):
        truncated = folder / f"truncated-{cut}.mps.gz"
        truncated.write_bytes(whole[:cut])
        paths[f"gzip cut at {cut}"] = truncated
    not_gzip = folder / "plain.mps.gz"
    not_gzip.write_text(_KNAPSACK_MPS)
    paths["plain text named .gz"] = not_gzip
    lp_junk = folder / "junk.lp"
    lp_junk.write_bytes(b"\x00\xff" * 100)
    paths["binary .lp"] = lp_junk
    return paths


@pytest.mark.parametrize("learned", [False, True], ids=["default", "learned"])
def test_chosen_hostile_files_get_an_answer_or_one_clear_line(tmp_path: Path, learned) -> None:
    outcomes = {}
    for label, path in _hostile_files(tmp_path).items():
        outcome, detail = check_instance(str(path), time_limit=5.0, learned=learned)
        outcomes[label] = (outcome, detail)
    bad = {label: o for label, o in outcomes.items() if o[0] not in GOOD_OUTCOMES}
    assert not bad, bad
    # Values SCIP would take silently are refused, naming what is wrong.
    assert outcomes["nan rhs"][0] == "refused" and "NaN" in outcomes["nan rhs"][1]
    assert outcomes["lower bound 1e30"][0] == "refused"
    assert outcomes["binary junk"][0] == "refused"


# --- checkpoints --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    from gnn.checkpoint import save_checkpoint
    from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
    from gnn.models import GCNNPolicy

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        model = GCNNPolicy(embedding_size=4)
    folder = tmp_path_factory.mktemp("checkpoints")
    return save_checkpoint(
        folder / "gcnn.pt", model, feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature)
    )


def _broken_checkpoints(original: Path, folder: Path) -> dict[str, Path]:
    import torch

    data = original.read_bytes()
    files: dict[str, bytes] = {
        "truncated half": data[: len(data) // 2],
        "truncated tail": data[:-10],
        "empty": b"",
        "bytes flipped in the middle": data[:2000] + bytes(64) + data[2064:],
        "text": b"not a checkpoint\n",
        "pickle": pickle.dumps({"format": "neuralmip-checkpoint"}),
    }
    paths = {}
    for number, (label, content) in enumerate(files.items()):
        path = folder / f"broken-{number}.pt"
        path.write_bytes(content)
        paths[label] = path
    foreign = folder / "foreign.pt"
    torch.save({"model": torch.zeros(2)}, foreign)
    paths["foreign torch file"] = foreign
    plain_tensor = folder / "tensor.pt"
    torch.save(torch.ones(3), plain_tensor)
    paths["a bare tensor"] = plain_tensor
    paths["a directory"] = folder
    paths["missing"] = folder / "missing.pt"
    return paths


def test_broken_checkpoints_are_one_clear_error(real_checkpoint: Path, tmp_path: Path) -> None:
    from gnn.checkpoint import CheckpointError, load_checkpoint

    assert load_checkpoint(real_checkpoint).model is not None
    for label, path in _broken_checkpoints(real_checkpoint, tmp_path).items():
        with pytest.raises(CheckpointError) as caught:
            load_checkpoint(path)
        message = str(caught.value)
        assert "\n" not in message and str(path) in message, (label, message)


def test_checkpoint_of_another_feature_schema_is_refused(tmp_path: Path) -> None:
    from gnn.checkpoint import CheckpointError, load_checkpoint, save_checkpoint
    from gnn.features import ConstraintFeature, EdgeFeature
    from gnn.models import GCNNPolicy

    # A build whose variable features had one column fewer (same Enum name, other members).
    VariableFeature = enum.IntEnum(  # noqa: N806 - it stands for the Enum of that name
        "VariableFeature", ["OBJECTIVE", "TYPE_BINARY", "SOLUTION_VALUE"]
    )
    model = GCNNPolicy(n_variable_features=len(VariableFeature), embedding_size=4)
    path = save_checkpoint(
        tmp_path / "old-schema.pt",
        model,
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
    )
    with pytest.raises(CheckpointError, match="feature schema VariableFeature differs"):
        load_checkpoint(path)


def test_a_branching_checkpoint_is_not_a_diving_model(real_checkpoint: Path) -> None:
    from gnn.checkpoint import CheckpointError
    from gnn.diving import DivingPolicy

    with pytest.raises(CheckpointError, match="not a diving model"):
        DivingPolicy.from_checkpoint(real_checkpoint)


def test_solve_with_a_broken_model_is_one_line_exit_2(tmp_path: Path) -> None:
    from solver.cli import EXIT_BAD_INPUT
    from solver.cli import main as solve_main

    instance = tmp_path / "knap.mps"
    instance.write_text(_KNAPSACK_MPS)
    broken = tmp_path / "models"
    broken.mkdir()
    (broken / "branching.pt").write_bytes(b"\x00" * 100)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = solve_main([str(instance), "--learned", "--model", str(broken), "-q"])
    assert code == EXIT_BAD_INPUT
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and str(broken) in lines[0] and "Traceback" not in err.getvalue()


# --- the command line's options -----------------------------------------------------------------

_OPTION_VALUES = st.sampled_from(
    [
        "0",
        "-1",
        "1e-9",
        "1e30",
        "nan",
        "inf",
        "-inf",
        "abc",
        "",
        "2147483648",
        "0.5",
        "3",
        "ü",
        "--",
    ]
)
_OPTIONS = st.sampled_from(
    ["--time-limit", "--gap", "--seed", "--preset", "--output", "--model", "--json", "--quiet",
     "--learned", "--verbose", "--list-examples", "-o", "-q", "--bogus"]
)  # fmt: skip


@settings(deadline=None, max_examples=60, derandomize=True)
@given(st.lists(st.one_of(_OPTIONS, _OPTION_VALUES), max_size=6))
def test_any_command_line_gives_an_answer_or_a_clear_error(arguments: list[str]) -> None:
    import contextlib
    import io
    import tempfile

    from solver.cli import main as solve_main

    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder) / "knap.mps"
        instance.write_text(_KNAPSACK_MPS)
        argv = [str(instance), *arguments]
        out, err = io.StringIO(), io.StringIO()
        here = os.getcwd()
        os.chdir(folder)  # a relative --output lands in the temporary folder
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = solve_main(argv)
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
        finally:
            os.chdir(here)
    assert "Traceback" not in err.getvalue(), (argv, err.getvalue())
    assert code in (0, 1, 2), (argv, code, err.getvalue())
    if code == 2:
        assert err.getvalue().strip(), argv


# --- inputs that crashed the interpreter (segmentation faults in SCIP 10's MPS reader) --------

_MPS_HEAD = _KNAPSACK_MPS.split("ENDATA")[0]

#: Found by the fuzz campaign; each one ended the process with SIGSEGV before the guard in
#: instances.reading. Run in a subprocess, so a regression fails the test, not the test run.
_CRASHERS = {
    "row type without a name": "NAME t\nROWS\n N  obj\n G\n",
    "row type without a name at the end": "NAME t\nROWS\n N  obj\n L  c1\n G",
    "ROWS entry of one unknown word": "NAME x\nROWS\n X\n",
    "ROWS entry of one brace": "NAME x\nROWS\n }\n",
    # C reads a line only up to a NUL byte: one field for SCIP, two for Python's split.
    "ROWS entry cut by a NUL byte": "NAME x\nROWS\n L  c1\n X\x00Y Z\n N  obj\n",
    # SCIP splits on blanks and tabs only: a form feed does not separate fields for it.
    "ROWS entry joined by a form feed": "NAME x\nROWS\n L  c1\n X\x0cY\n N  obj\n",
    "QUADOBJ entry with one field": _MPS_HEAD + "QUADOBJ\n    x\nENDATA\n",
    "QMATRIX entry with one field": _MPS_HEAD + "QMATRIX\n    x         y         1.0\n    y\n",
    "QCMATRIX entry with one field": _MPS_HEAD + "QCMATRIX   cap\n    x\nENDATA\n",
}


@pytest.mark.parametrize("content", list(_CRASHERS.values()), ids=list(_CRASHERS))
@pytest.mark.parametrize("compressed", [False, True], ids=["plain", "truncated-gz"])
def test_mps_lines_that_crashed_scip_are_refused(
    content: str, compressed: bool, tmp_path: Path
) -> None:
    import subprocess
    import sys

    if compressed:
        path = tmp_path / "crasher.mps.gz"
        whole = gzip.compress(content.encode())
        path.write_bytes(whole[:-8])  # the gzip trailer is cut: the content is all there
    else:
        path = tmp_path / "crasher.mps"
        path.write_text(content)
    done = subprocess.run(
        [sys.executable, "-m", "solver.cli", str(path), "-q"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "line " in lines[0], done.stderr


def test_a_checkpoint_claiming_several_disks_is_one_clear_error(
    real_checkpoint: Path, tmp_path: Path
) -> None:
    from gnn.checkpoint import CheckpointError, load_checkpoint

    data = bytearray(real_checkpoint.read_bytes())
    locator = data.rfind(b"PK\x06\x07")  # the ZIP64 end-of-central-directory locator
    assert locator > 0, "torch.save no longer writes a ZIP64 archive"
    data[locator + 16 : locator + 20] = (2).to_bytes(4, "little")  # "one of 2 disks"
    path = tmp_path / "spanned.pt"
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError):
        load_checkpoint(path)
