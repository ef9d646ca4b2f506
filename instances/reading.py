"""Read MIP instance files into SCIP and refuse, in one line, those that SCIP would misread.

SCIP picks its reader by file extension (``.mps``, ``.lp``, ``.cip``, ... optionally compressed
as ``.gz``). Some bad files read "successfully": a garbage ``.lp`` file becomes an empty
problem, and NaN coefficients are accepted silently. :func:`read_instance` therefore checks the
file before reading and the model after reading, and raises :class:`InstanceError` whose
message names the file and what is wrong.

SCIP prints its own reading errors on the process's standard error (C level, outside Python);
while reading, that stream is captured so the user sees only the :class:`InstanceError` line,
which quotes SCIP's first error message.

Shipped examples live in the package folder ``instances/examples/``;
:func:`resolve_instance` turns a name such as ``"setcover"`` into that file's path.
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyscipopt

from instances.errors import InstanceError

__all__ = [
    "EXAMPLES_DIR",
    "NONLINEAR_CONSHDLRS",
    "capturing_scip_errors",
    "list_examples",
    "read_instance",
    "resolve_instance",
    "scip_error_reason",
    "validate_model",
]

#: Instance files shipped with the package (``solve NAME`` finds them by their stem).
EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"

#: Problem formats SCIP 10 reads. Reading lets SCIP decide; this set only picks the instance
#: files out of the examples folder (which also holds a README) and names formats in errors.
_PROBLEM_SUFFIXES = (".mps", ".lp", ".cip", ".opb", ".pip", ".fzn", ".cnf", ".wbo", ".rlp")
_COMMON_FORMATS = ", ".join(_PROBLEM_SUFFIXES) + " (optionally .gz)"

#: Compression suffixes SCIP unpacks itself.
_COMPRESSION_SUFFIXES = frozenset({".gz"})

#: Files SCIP has readers for that are not problems: reading them as one gives nonsense.
_NOT_A_PROBLEM = {
    ".sol": "a solution file",
    ".mst": "a MIP start file",
    ".set": "a SCIP settings file",
    ".fix": "a fixings file",
    ".bnd": "a bounds file",
    ".diff": "an objective change file",
    ".dec": "a decomposition file",
}

#: Constraint handlers that make a problem nonlinear (SCIP 10 folds quadratic, SOC, ... into one).
NONLINEAR_CONSHDLRS = frozenset({"nonlinear", "quadratic", "soc", "abspower", "bivariate"})

#: SCIP's error lines look like ``[reader_mps.c:402] ERROR: Syntax error in line 2``.
_SCIP_ERROR_LINE = re.compile(r"^\[[^\]]*\]\s*ERROR:\s*(?P<message>.*)$")
#: The call-stack lines that follow the first error carry no information for a user.
_SCIP_TRACE_LINE = re.compile(r"Error <-?\d+> in function call")

# fd 2 is process-wide: two threads capturing at once would steal each other's messages.
_STDERR_LOCK = threading.Lock()


@contextmanager
def capturing_scip_errors() -> Iterator[list[str]]:
    """Capture what native code (SCIP) writes to the process's standard error.

    SCIP writes its error messages straight to file descriptor 2, which ``hideOutput`` does
    not silence. Inside this context fd 2 points to a temporary file; on exit it is restored and
    the yielded list is filled with the captured lines. If fd 2 cannot be redirected (no
    standard error at all), nothing is captured and the list stays empty.

    Yields
    ------
    list of str
        Empty inside the block; holds the captured lines once the block has exited.
    """
    lines: list[str] = []
    with _STDERR_LOCK, tempfile.TemporaryFile() as sink:
        try:
            sys.stderr.flush()
            saved_fd = os.dup(2)
        except (OSError, ValueError):
            yield lines
            return
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved_fd, 2)
            os.close(saved_fd)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", errors="replace").splitlines())


def scip_error_reason(lines: list[str]) -> str | None:
    """Return SCIP's first meaningful error message among captured stderr lines, or None."""
    for line in lines:
        match = _SCIP_ERROR_LINE.match(line.strip())
        if match and not _SCIP_TRACE_LINE.search(match["message"]):
            return match["message"].strip().rstrip(".")
    return None


def list_examples() -> dict[str, Path]:
    """Return the shipped example instances, by name (the file name without its suffixes).

    Returns
    -------
    dict of str to Path
        ``{"setcover": .../instances/examples/setcover.mps, ...}``, sorted by name; empty if
        the package ships none.
    """
    if not EXAMPLES_DIR.is_dir():
        return {}
    examples = {}
    for path in sorted(EXAMPLES_DIR.iterdir()):
        is_instance = _problem_suffix(path) in _PROBLEM_SUFFIXES
        if path.is_file() and is_instance and not path.name.startswith("."):
            examples.setdefault(path.name.split(".", 1)[0], path)
    return examples


def resolve_instance(spec: str | os.PathLike[str]) -> Path:
    """Turn a path or the name of a shipped example into a path.

    A path that exists wins; otherwise a name equal to an example's name (``"setcover"``) or
    file name (``"setcover.mps"``) gives that example. A bare name that matches nothing is
    answered with the list of examples; a path (with a folder or an extension) just as missing.

    Parameters
    ----------
    spec
        A file path, or the name of an example in :data:`EXAMPLES_DIR`.

    Returns
    -------
    Path
        The file to read (not yet validated: :func:`read_instance` does that).

    Raises
    ------
    InstanceError
        When ``spec`` is neither an existing path nor an example name.
    """
    path = Path(spec)
    if os.path.lexists(path):
        return path
    examples = list_examples()
    text = os.fspath(spec)
    for name, example in examples.items():
        if text in (name, example.name):
            return example
    if path.suffix or len(path.parts) > 1:
        raise InstanceError(spec, "no such file")
    known = ", ".join(examples) or "none"
    raise InstanceError(
        spec, f"no such file, and no shipped example of that name (examples: {known})"
    )


def _problem_suffix(path: Path) -> str:
    """The format suffix SCIP will dispatch on, lower-cased, compression stripped."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    while suffixes and suffixes[-1] in _COMPRESSION_SUFFIXES:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _check_file(path: Path) -> None:
    """Refuse what is not a readable, non-empty regular file with a problem extension."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InstanceError(path, "no such file") from None
    except OSError as err:
        raise InstanceError(path, f"cannot access the file ({err.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InstanceError(path, "is a directory, not an instance file")
    if not stat.S_ISREG(info.st_mode):
        raise InstanceError(path, "is not a regular file")
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as err:
        raise InstanceError(path, f"cannot read the file ({err.strerror})") from None
    if info.st_size == 0:
        raise InstanceError(path, "the file is empty")
    suffix = _problem_suffix(path)
    if not suffix:
        raise InstanceError(
            path, f"no file extension; SCIP picks its reader by extension ({_COMMON_FORMATS})"
        )
    if suffix in _NOT_A_PROBLEM:
        raise InstanceError(path, f"is {_NOT_A_PROBLEM[suffix]}, not a problem instance")


#: MPS row senses; a ROWS line holding one of these and nothing else has no row name.
_MPS_SENSES = frozenset({"N", "E", "L", "G"})

#: MPS sections of quadratic terms and the fields each of their lines needs.
_MPS_QUADRATIC_SECTIONS = frozenset({"QUADOBJ", "QMATRIX", "QCMATRIX"})


def _mps_text(path: Path) -> bytes:
    """The file's bytes, decompressed if ``.gz``; as much as decompresses if truncated."""
    data = path.read_bytes()
    if path.suffix.lower() != ".gz":
        return data
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data)
    except zlib.error:
        return b""  # not gzip at all: SCIP's reader says so


_MPS_BLANKS = re.compile(rb"[ \t\r\n]+")


def _check_mps_lines(path: Path) -> None:
    """Refuse the MPS lines that crash SCIP 10's reader before SCIP sees them.

    SCIP 10's MPS reader ends the process with a segmentation fault on a ROWS line holding
    one field (a row type and no name, `` G``, or any other word), and on a QUADOBJ, QMATRIX or QCMATRIX line with one
    field, however the file ends (plain, or a truncated ``.gz``); a line counts up to its first
    NUL byte, where SCIP stops reading it, and its fields are split on blanks and tabs alone, as
    SCIP splits them. The fuzz campaign
    (``python -m experiments.studies.fuzz``) found them; other damage is left to SCIP's reader.
    """
    try:
        text = _mps_text(path)
    except OSError:
        return  # _check_file has already read it once; SCIP reports what is wrong
    section = ""
    for number, raw in enumerate(text.split(b"\n"), start=1):
        # SCIP's reader sees a line only up to its first NUL byte, as C strings end there.
        line = raw.split(b"\0", 1)[0].rstrip(b"\r")
        # SCIP splits fields on blanks and tabs only: a form feed is part of a field for it.
        fields = [field for field in _MPS_BLANKS.split(line) if field]
        if not fields or line.startswith((b"*", b"$")):
            continue
        if line[:1] not in (b" ", b"\t"):  # a section header
            section = fields[0].decode("latin-1").upper()
            continue
        if section == "ROWS" and len(fields) == 1:
            # Every ROWS entry is a type and a name; SCIP crashes on any one-field entry.
            field = fields[0].decode("latin-1")
            if field.upper() in _MPS_SENSES:
                raise InstanceError(path, f"line {number}: a row of type {field} has no name")
            raise InstanceError(
                path, f"line {number}: a ROWS entry needs a row type (N, E, L, G) and a name"
            )
        elif section in _MPS_QUADRATIC_SECTIONS and len(fields) < 3:
            raise InstanceError(
                path,
                f"line {number}: a {section} entry needs two variable names and a coefficient",
            )


def _is_nan_or_inf(value: float, infinity: float) -> bool:
    return math.isnan(value) or abs(value) >= infinity


def _describe(value: float, infinity: float) -> str:
    """Name a bad value as a user reads it: NaN, +infinity, -infinity."""
    if math.isnan(value):
        return "NaN"
    if abs(value) >= infinity:
        return "+infinity" if value > 0 else "-infinity"
    return repr(value)


def validate_model(
    model: pyscipopt.Model, source: str | os.PathLike[str], *, require_linear: bool = False
) -> None:
    """Check a freshly read (or built) model for values SCIP would accept but should not.

    Parameters
    ----------
    model
        The model, in problem stage (before ``optimize``).
    source
        What to name in the error (the file the model came from).
    require_linear
        Also refuse nonlinear constraints (such as a quadratic objective): the learned plugins
        need a MIP whose relaxation is an LP.

    Raises
    ------
    InstanceError
        On an empty problem; a NaN anywhere; an infinite objective or constraint coefficient;
        a lower bound or left-hand side of +infinity, an upper bound or right-hand side of
        -infinity; nonlinear constraints when ``require_linear``.
    """
    variables = model.getVars()
    constraints = model.getConss()
    if not variables and not constraints:
        raise InstanceError(
            source, "reads as an empty problem (no variables, no constraints); is the format right?"
        )
    infinity = model.infinity()
    for var in variables:
        _check_variable(var, source, infinity)
    nonlinear = []
    for cons in constraints:
        handler = cons.getConshdlrName()
        if handler in NONLINEAR_CONSHDLRS:
            nonlinear.append(cons.name)
        elif handler == "linear":
            _check_linear_constraint(model, cons, source, infinity)
    if require_linear and nonlinear:
        raise InstanceError(
            source,
            f"has {len(nonlinear)} nonlinear constraint(s) (e.g. <{nonlinear[0]}>, a quadratic "
            "objective reads as one); SCIP solves it, but the learned plugins need a linear MIP",
        )


def _check_variable(
    var: pyscipopt.Variable, source: str | os.PathLike[str], infinity: float
) -> None:
    """Refuse a NaN or infinite objective coefficient, and impossible bounds."""
    objective = var.getObj()
    if _is_nan_or_inf(objective, infinity):
        raise InstanceError(
            source,
            f"objective coefficient of variable <{var.name}> is {_describe(objective, infinity)}",
        )
    lower, upper = var.getLbOriginal(), var.getUbOriginal()
    if var.vtype() == "BINARY" and not (-0.5 < lower and upper < 1.5):
        # SCIP reads these, then stops the solve with "error in input data".
        raise InstanceError(
            source,
            f"binary variable <{var.name}> has bounds [{_describe(lower, infinity)}, "
            f"{_describe(upper, infinity)}] outside [0, 1]",
        )
    if math.isnan(lower) or lower >= infinity:
        raise InstanceError(
            source, f"lower bound of variable <{var.name}> is {_describe(lower, infinity)}"
        )
    if math.isnan(upper) or upper <= -infinity:
        raise InstanceError(
            source, f"upper bound of variable <{var.name}> is {_describe(upper, infinity)}"
        )


def _check_linear_constraint(
    model: pyscipopt.Model,
    cons: pyscipopt.Constraint,
    source: str | os.PathLike[str],
    infinity: float,
) -> None:
    """Refuse a NaN or infinite coefficient, and impossible sides."""
    for name, coefficient in model.getValsLinear(cons).items():
        if _is_nan_or_inf(coefficient, infinity):
            raise InstanceError(
                source,
                f"coefficient of <{name}> in constraint <{cons.name}> is {_describe(coefficient, infinity)}",
            )
    lhs, rhs = model.getLhs(cons), model.getRhs(cons)
    if math.isnan(lhs) or lhs >= infinity:
        raise InstanceError(
            source, f"left-hand side of constraint <{cons.name}> is {_describe(lhs, infinity)}"
        )
    if math.isnan(rhs) or rhs <= -infinity:
        raise InstanceError(
            source, f"right-hand side of constraint <{cons.name}> is {_describe(rhs, infinity)}"
        )


def read_instance(path: str | os.PathLike[str], *, require_linear: bool = False) -> pyscipopt.Model:
    """Read an instance file into a new ``pyscipopt.Model`` and validate it.

    Parameters
    ----------
    path
        A file SCIP reads by extension: ``.mps``, ``.lp``, ``.cip``, ... optionally ``.gz``.
    require_linear
        Refuse nonlinear content (see :func:`validate_model`).

    Returns
    -------
    pyscipopt.Model
        The model in problem stage, with SCIP's output at its default verbosity.

    Raises
    ------
    InstanceError
        One line naming the file and what is wrong: missing, a directory, unreadable, empty,
        unknown extension, content SCIP cannot parse (quoting SCIP's message), NaN or infinite
        values, an empty problem, or nonlinear content when ``require_linear``.
    """
    path = Path(path)
    _check_file(path)
    if _problem_suffix(path) == ".mps":
        _check_mps_lines(path)
    model = pyscipopt.Model()
    model.hideOutput()
    try:
        with capturing_scip_errors() as scip_errors:
            model.readProblem(os.fspath(path))
    except Exception as err:  # PySCIPOpt raises bare Exception/OSError for every SCIP code
        model.freeProb()
        reason = scip_error_reason(scip_errors) or str(err).removeprefix("SCIP: ").rstrip(" !")
        if "required plugin was not found" in reason:
            reason = (
                f"unknown file extension '{_problem_suffix(path)}' (SCIP reads {_COMMON_FORMATS})"
            )
        else:
            reason = f"SCIP cannot read it: {reason}"
        raise InstanceError(path, reason) from None
    try:
        validate_model(model, path, require_linear=require_linear)
    except InstanceError:
        model.freeProb()
        raise
    except UnicodeDecodeError as err:
        # SCIP takes any bytes as names; PySCIPOpt decodes them as UTF-8 on first use.
        model.freeProb()
        raise InstanceError(
            path,
            f"a variable or constraint name is not valid UTF-8 text ({err.reason} at byte {err.start})",
        ) from None
    model.hideOutput(quiet=False)
    return model
