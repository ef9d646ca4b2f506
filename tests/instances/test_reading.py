"""Reading and validating instance files: every bad file gives one clear line or a right answer."""

from __future__ import annotations

import gzip
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pyscipopt
import pytest

from instances import reading
from instances.errors import InstanceError
from instances.reading import list_examples, read_instance, resolve_instance, validate_model


@dataclass(frozen=True)
class Refused:
    """The file must be refused with an InstanceError whose problem contains ``words``."""

    words: str


@dataclass(frozen=True)
class Solves:
    """The file must read and solve to ``status`` (and ``objective``, derived by hand)."""

    status: str
    objective: float | None = None


# What each file in shared/instances/bad must give. Objectives are the files' own stated
# optima or worked out by hand from the file (see the comments), not outputs of this code.
BAD_FILES = {
    "comment.mps": Solves("optimal", -4.0),  # the file's first line says so
    "garbage.ems": Refused("unknown file extension '.ems'"),
    "garbage.lp": Refused("empty problem"),
    "garbage.mps": Refused("SCIP cannot read it: Syntax error in line 2"),
    "infeasible-mip0.mps": Solves("infeasible"),
    "infeasible-mip1.mps": Solves("infeasible"),
    "issue-2402.mps": Solves("infeasible"),
    "issue-2874-3.mps": Solves("infeasible"),
    "model.xyz": Refused("unknown file extension '.xyz'"),
    "nan0.mps": Refused("objective coefficient of variable <P1> is NaN"),
    "nan1.mps": Refused("coefficient of <P2> in constraint <FINISHNG> is NaN"),
    "nan2.mps": Refused("right-hand side of constraint <ASSEMBLY> is NaN"),
    # min x0 + x1 with x >= 0 and x0 + x1 <= 1: 0.
    "no-newline-eof.lp": Solves("optimal", 0.0),
    # min -x2 - 3x3 + x1^2 - x1x3 + 0.1x2^2 + x3^2, x1 + x3 <= 2: x2 = 5 gives -2.5; on
    # x1 + x3 = 2 the rest is 3x3^2 - 9x3 + 4, least at x3 = 1.5: -2.75. Total -5.25.
    "qjh_quadobj.mps": Solves("optimal", -5.25),
    # max x1 + 2x2 - 0.1x3 - 3x4: x1 = 5/3, x2 = 10/3 give 25/3; x3 + x4 >= 0.5 is cheapest
    # with x3 = 2 (integer, semi-continuous with lower bound 1.1): -0.2. Total 122/15.
    "semi-continuous.mps": Solves("optimal", 122 / 15),
    "semi-integer.mps": Solves("optimal", 122 / 15),
    # min -(sum of five x >= 0) with -(sum) >= -1: -1.
    "silly-names.mps": Solves("optimal", -1.0),
    "warnings.mps": Refused("SCIP cannot read it: Syntax error in line 58"),
}


@pytest.fixture(scope="module")
def bad_dir(shared_dir: Path) -> Path:
    return shared_dir / "instances" / "bad"


def test_every_bad_file_has_an_expected_outcome(bad_dir: Path) -> None:
    assert sorted(p.name for p in bad_dir.iterdir()) == sorted(BAD_FILES)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file(name: str, bad_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = bad_dir / name
    expected = BAD_FILES[name]
    if isinstance(expected, Refused):
        with pytest.raises(InstanceError) as info:
            read_instance(path)
        message = str(info.value)
        assert "\n" not in message
        assert message.startswith(f"{path}: ")
        assert expected.words in message
    else:
        model = read_instance(path)
        model.hideOutput()
        model.optimize()
        assert model.getStatus() == expected.status
        if expected.objective is not None:
            assert model.getObjVal() == pytest.approx(expected.objective, rel=1e-6, abs=1e-6)
        model.freeProb()
    # SCIP's own error lines are swallowed: the InstanceError is all a user sees.
    captured = capfd.readouterr()
    assert "ERROR" not in captured.err and "ERROR" not in captured.out


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


TINY_LP = "Minimize\n obj: x\nBounds\n x >= 1\nEnd\n"
KNAPSACK_LP = """Maximize
 obj: 5 x + 4 y + 3 z
Subject To
 cap: 2 x + 3 y + z <= 5
Binaries
 x y z
End
"""


def test_tiny_file_without_constraints_reads(tmp_path: Path) -> None:
    model = read_instance(_write(tmp_path / "tiny.lp", TINY_LP))
    assert [v.name for v in model.getVars()] == ["x"]
    assert model.getConss() == []
    model.hideOutput()
    model.optimize()
    assert model.getObjVal() == pytest.approx(1.0)


def test_reads_lp_mps_gz_and_cip_alike(tmp_path: Path) -> None:
    source = read_instance(_write(tmp_path / "knap.lp", KNAPSACK_LP))
    source.hideOutput()
    source.writeProblem(str(tmp_path / "knap.mps"), verbose=False)
    source.writeProblem(str(tmp_path / "knap.cip"), verbose=False)
    (tmp_path / "knap.mps.gz").write_bytes(gzip.compress((tmp_path / "knap.mps").read_bytes()))
    objectives = []
    for name in ["knap.lp", "knap.mps", "knap.cip", "knap.mps.gz"]:
        model = read_instance(tmp_path / name)
        model.hideOutput()
        model.optimize()
        objectives.append(model.getObjVal())
    # Capacity 5: x + y (weight 5) is worth 9; x + z 8, y + z 7; all three weigh 6.
    assert objectives == pytest.approx([9.0] * 4)


def test_output_is_visible_again_after_reading(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    model = read_instance(_write(tmp_path / "knap.lp", KNAPSACK_LP))
    model.optimize()
    assert "SCIP Status" in capfd.readouterr().out


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("missing.mps", None, "no such file"),
        ("empty.mps", "", "the file is empty"),
        ("noextension", TINY_LP, "no file extension"),
        ("instance.sol", "objective value: 1\nx 1\n", "is a solution file"),
        ("params.set", "limits/time = 1\n", "is a SCIP settings file"),
        ("only-end.lp", "Minimize\nEnd\n", "empty problem"),
        (
            "nan-bound.mps",
            "NAME t\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 1\nRHS\n rhs c1 1\n"
            "BOUNDS\n UP BND x nan\nENDATA\n",
            "upper bound of variable <x> is NaN",
        ),
        (
            "inf-coef.mps",
            "NAME t\nROWS\n N obj\n L c1\nCOLUMNS\n x obj 1 c1 1e30\nRHS\n rhs c1 1\nENDATA\n",
            "coefficient of variable <x> in constraint <c1> is infinite",
        ),
        (
            "inf-lhs.lp",
            "Minimize\n obj: x + y\nSubject To\n c: x + y >= inf\nEnd\n",
            "left-hand side of constraint <c> is +infinity",
        ),
        (
            "bad-syntax.lp",
            "Minimize\n obj: x + [ x^2 ]\nSubject To\n c: x >= 1\nEnd\n",
            "SCIP cannot read it: Syntax error in line 3",
        ),
    ],
)
def test_refused_files(
    tmp_path: Path, name: str, content: str | None, words: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(InstanceError) as info:
        read_instance(path)
    assert str(info.value) == f"{path}: {info.value.problem}"
    assert words in info.value.problem
    assert "\n" not in str(info.value)
    assert capfd.readouterr().err == ""


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InstanceError, match="is a directory"):
        read_instance(tmp_path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.lp", TINY_LP)
    path.chmod(0)
    with pytest.raises(InstanceError, match="cannot read the file"):
        read_instance(path)


def test_quadratic_objective_refused_only_when_linear_required(shared_dir: Path) -> None:
    path = shared_dir / "instances" / "bad" / "qjh_quadobj.mps"
    read_instance(path).freeProb()
    with pytest.raises(
        InstanceError, match="nonlinear constraint.*learned plugins need a linear MIP"
    ):
        read_instance(path, require_linear=True)


def test_validate_model_catches_nan_in_a_built_model() -> None:
    model = pyscipopt.Model()
    x = model.addVar("x", obj=float("nan"))
    model.addCons(x <= 1, name="c")
    with pytest.raises(
        InstanceError, match=r"^generated: objective coefficient of variable <x> is NaN$"
    ):
        validate_model(model, "generated")


def test_error_survives_pickling() -> None:
    err = InstanceError("a.mps", "it is\nbroken")
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) == "a.mps: it is broken"
    assert (again.path, again.problem) == ("a.mps", "it is broken")


def test_examples_resolve_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "knap.lp", KNAPSACK_LP)
    monkeypatch.setattr(reading, "EXAMPLES_DIR", tmp_path)
    assert list_examples() == {"knap": tmp_path / "knap.lp"}
    assert resolve_instance("knap") == tmp_path / "knap.lp"
    assert resolve_instance("knap.lp") == tmp_path / "knap.lp"
    with pytest.raises(InstanceError, match=r"^nope: no such file, and no shipped example .*knap"):
        resolve_instance("nope")
    with pytest.raises(InstanceError, match=r"^nope.mps: no such file$"):
        resolve_instance("nope.mps")
    with pytest.raises(InstanceError, match=r"^dir/nope: no such file$"):
        resolve_instance("dir/nope")


def test_existing_path_wins_over_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    examples = tmp_path / "examples"
    examples.mkdir()
    _write(examples / "knap.lp", KNAPSACK_LP)
    monkeypatch.setattr(reading, "EXAMPLES_DIR", examples)
    local = _write(tmp_path / "knap", TINY_LP)
    monkeypatch.chdir(tmp_path)
    assert resolve_instance("knap") == Path("knap")
    assert resolve_instance(local) == local


def test_shipped_examples_read() -> None:
    examples = list_examples()
    if not examples:
        pytest.skip("the package ships no examples yet")
    for path in examples.values():
        model = read_instance(path)
        assert model.getNVars() > 0
        model.freeProb()
