"""A fuzz campaign on the instance reader, the ``solve`` command and the checkpoint loader.

Usage::

    python -m experiments.studies.fuzz --inputs 300 --seed 0 [--checkpoints 50] [--out DIR]
                               [--per-input-timeout 20] [--batch-size 100] [--time-limit 0.2]

Inputs are made by mutating seed files: the MIPLIB and "bad" files of the shared instance folder
(``--shared DIR``, found beside the repository by default) and tiny generated instances written as
``.mps`` and ``.lp``. Mutations: flipped bytes, truncation, binary junk, huge or non-finite numbers
(1e30 bounds, 1e300, nan, inf), duplicated lines (duplicate names), dropped sections (empty
sections), deleted or swapped lines, gzip compression (whole or truncated), an empty file, a
wrong extension. Checkpoints are mutated copies of a real, randomly initialised model's
checkpoint, plus foreign torch files.

Every input goes through ``solver.cli.main([FILE, --json, --time-limit T])`` (instances) or
``gnn.checkpoint.load_checkpoint`` (checkpoints) inside a worker subprocess that runs a batch of
inputs, so a segmentation fault ends only the worker and is pinned to the input it was on; an
input that makes no progress for ``--per-input-timeout`` seconds is a hang. An outcome is good
when it is a correct answer (exit 0 or 1 with a JSON result) or a clear error (exit 2 and one
line on standard error naming the file; a one-line ``CheckpointError``); anything else (a
traceback, exit 3, several lines, a hang, a crash) is a failure, and the input is kept in
``--out`` for replay. The summary says how many inputs were tried and what they gave.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from experiments.studies import study_command

__all__ = [
    "FuzzConfig",
    "FuzzInput",
    "FuzzReport",
    "MUTATIONS",
    "check_checkpoint",
    "check_instance",
    "main",
    "make_inputs",
    "run_campaign",
]

RngLike = np.random.Generator | int | None

#: Outcomes that are fine: a correct answer or a clear error.
GOOD_OUTCOMES = frozenset({"answered", "refused", "loaded"})


@dataclass(frozen=True)
class FuzzConfig:
    """Settings of one fuzz campaign."""

    inputs: int = 300
    """Number of mutated instance files to try."""
    checkpoints: int = 0
    """Number of mutated checkpoint files to try (needs torch)."""
    seed: int = 0
    """Seed of every random choice of the campaign."""
    per_input_timeout: float = 20.0
    """Seconds without progress after which an input counts as a hang."""
    batch_size: int = 100
    """Inputs per worker subprocess."""
    time_limit: float = 0.2
    """``--time-limit`` given to ``solve`` for inputs that read."""
    max_seed_bytes: int = 40_000
    """Seed files larger than this are not used (keeps reading fast)."""
    shared_dir: str | None = None
    """The shared folder (``instances/miplib``, ``instances/bad``); None: beside the repository."""


@dataclass(frozen=True)
class FuzzInput:
    """One input of the campaign."""

    index: int
    """Position in the campaign."""
    kind: str
    """``instance`` or ``checkpoint``: which checker runs it."""
    path: str
    """The mutated file."""
    origin: str
    """The seed file it was made from."""
    mutations: tuple[str, ...]
    """What was done to it."""
    learned: bool = False
    """Solve with ``--learned`` (every other instance input)."""


@dataclass
class FuzzReport:
    """What a campaign gave."""

    config: dict[str, Any]
    """The resolved :class:`FuzzConfig`."""
    tried: int = 0
    """Inputs run."""
    outcomes: Counter = field(default_factory=Counter)
    """Outcome name -> count."""
    failures: list[dict[str, Any]] = field(default_factory=list)
    """One record per failing input (outcome, detail, file, origin, mutations)."""
    seconds: float = 0.0
    """Wall time of the campaign."""
    versions: dict[str, str] = field(default_factory=dict)
    """Python, SCIP, PySCIPOpt and numpy versions the campaign ran with."""
    command: list[str] = field(default_factory=lambda: study_command("experiments.studies.fuzz"))
    """The command line that ran it."""

    @property
    def ok(self) -> bool:
        """No failure."""
        return not self.failures

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        record = asdict(self)
        record["outcomes"] = dict(self.outcomes)
        return record


# --- mutations ---------------------------------------------------------------------------------

_NUMBER = re.compile(rb"(?<![\w.])[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?(?![\w.])")
_HOSTILE_NUMBERS = (
    b"1e30", b"-1e30", b"1e+30", b"1e300", b"-1e300", b"1e400", b"nan", b"NaN", b"inf",
    b"-inf", b"1e-320", b"99999999999999999999999", b"-0", b"0x1F",
)  # fmt: skip


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _flip(data: bytes, rng: np.random.Generator) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(int(rng.integers(1, 6))):
        buffer[int(rng.integers(len(buffer)))] = int(rng.integers(256))
    return bytes(buffer)


def _truncate(data: bytes, rng: np.random.Generator) -> bytes:
    return data[: int(rng.integers(0, max(len(data), 1)))]


def _junk(data: bytes, rng: np.random.Generator) -> bytes:
    junk = rng.integers(0, 256, size=int(rng.integers(1, 512)), dtype=np.uint8).tobytes()
    at = int(rng.integers(0, len(data) + 1))
    return data[:at] + junk + data[at:]


def _hostile_number(data: bytes, rng: np.random.Generator) -> bytes:
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return data
    for _ in range(int(rng.integers(1, 4))):
        match = matches[int(rng.integers(len(matches)))]
        value = _HOSTILE_NUMBERS[int(rng.integers(len(_HOSTILE_NUMBERS)))]
        data = data[: match.start()] + value + data[match.end() :]
        matches = list(_NUMBER.finditer(data))
        if not matches:
            break
    return data


def _duplicate_line(data: bytes, rng: np.random.Generator) -> bytes:
    lines = _lines(data)
    at = int(rng.integers(len(lines)))
    lines.insert(at, lines[at])
    return b"\n".join(lines)


def _drop_section(data: bytes, rng: np.random.Generator) -> bytes:
    lines = _lines(data)
    headers = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    if not headers:
        return data
    start = headers[int(rng.integers(len(headers)))]
    end = next((i for i in headers if i > start), len(lines))
    return b"\n".join(lines[: start + 1] + lines[end:])  # keep the header: an empty section


def _delete_line(data: bytes, rng: np.random.Generator) -> bytes:
    lines = _lines(data)
    del lines[int(rng.integers(len(lines)))]
    return b"\n".join(lines)


def _swap_lines(data: bytes, rng: np.random.Generator) -> bytes:
    lines = _lines(data)
    i, j = (int(v) for v in rng.integers(len(lines), size=2))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def _empty(data: bytes, rng: np.random.Generator) -> bytes:
    return b"" if rng.random() < 0.5 else b"\n"


#: Content mutations by name (the name is recorded with each input).
MUTATIONS: dict[str, Callable[[bytes, np.random.Generator], bytes]] = {
    "flip": _flip,
    "truncate": _truncate,
    "junk": _junk,
    "hostile-number": _hostile_number,
    "duplicate-line": _duplicate_line,
    "drop-section": _drop_section,
    "delete-line": _delete_line,
    "swap-lines": _swap_lines,
    "empty": _empty,
}

#: Sampling weights of :data:`MUTATIONS` (numbers and structure more than raw bytes).
_WEIGHTS = np.array([2, 1, 1, 4, 2, 2, 2, 1, 0.2])


# --- seeds and inputs ------------------------------------------------------------------------


def _default_shared_dir() -> Path:
    return (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()


def _generated_seeds(folder: Path) -> list[Path]:
    """Tiny generated instances as .mps and .lp (SCIP writes both)."""
    from instances.generators import preset

    seeds = []
    for number, class_name in enumerate(("setcover", "cauctions", "facilities", "indset")):
        model = preset(class_name, "tiny").generate(number)
        model.hideOutput()
        for suffix in (".mps", ".lp"):
            path = folder / f"generated-{class_name}{suffix}"
            model.writeProblem(str(path), verbose=False)
            seeds.append(path)
        model.freeProb()
    return seeds


def _seed_files(config: FuzzConfig, folder: Path) -> list[Path]:
    shared = Path(config.shared_dir) if config.shared_dir else _default_shared_dir()
    seeds = []
    for sub in ("miplib", "bad"):
        directory = shared / "instances" / sub
        if directory.is_dir():
            seeds += [
                p
                for p in sorted(directory.iterdir())
                if p.is_file() and p.stat().st_size <= config.max_seed_bytes
            ]
    return seeds + _generated_seeds(folder)


def _instance_name(origin: Path, rng: np.random.Generator) -> tuple[str, list[str]]:
    """The mutated file's name: usually the seed's extension, sometimes another one."""
    suffix = "".join(origin.suffixes[-1:]) or ".mps"
    draw = rng.random()
    if draw < 0.05:
        return ".lp" if suffix == ".mps" else ".mps", ["swap-extension"]
    if draw < 0.07:
        return "", ["no-extension"]
    return suffix, []


def make_inputs(config: FuzzConfig, folder: Path, rng: RngLike = None) -> list[FuzzInput]:
    """Write the campaign's mutated files into ``folder`` and describe them."""
    rng = np.random.default_rng(rng)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = _seed_files(config, folder)
    if not seeds:
        raise FileNotFoundError("no seed files (shared folder missing and generation failed)")
    names = list(MUTATIONS)
    probabilities = _WEIGHTS / _WEIGHTS.sum()
    inputs = []
    for index in range(config.inputs):
        origin = seeds[int(rng.integers(len(seeds)))]
        data = origin.read_bytes()
        applied = [
            str(name) for name in rng.choice(names, size=int(rng.integers(1, 4)), p=probabilities)
        ]
        for name in applied:
            data = MUTATIONS[name](data, rng)
        suffix, renamed = _instance_name(origin, rng)
        applied += renamed
        if rng.random() < 0.1:
            data = gzip.compress(data, mtime=0)
            applied.append("gzip")
            if rng.random() < 0.5:
                data = data[: int(rng.integers(0, len(data)))]
                applied.append("truncated-gzip")
            suffix += ".gz"
        path = folder / f"input-{index:05d}{suffix}"
        path.write_bytes(data)
        inputs.append(
            FuzzInput(index, "instance", str(path), origin.name, tuple(applied), index % 2 == 1)
        )
    inputs += _checkpoint_inputs(config, folder, rng, start=len(inputs))
    return inputs


def _checkpoint_inputs(
    config: FuzzConfig, folder: Path, rng: np.random.Generator, start: int
) -> list[FuzzInput]:
    if config.checkpoints <= 0:
        return []
    import torch

    from gnn.checkpoint import save_checkpoint
    from gnn.features import ConstraintFeature, EdgeFeature, VariableFeature
    from gnn.models import GCNNPolicy

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(config.seed)
        model = GCNNPolicy(embedding_size=4)
    original = save_checkpoint(
        folder / "original.pt",
        model,
        feature_enums=(VariableFeature, ConstraintFeature, EdgeFeature),
        command="experiments.studies.fuzz",
    )
    foreign = folder / "foreign.pt"
    torch.save({"weights": torch.zeros(3)}, foreign)
    seeds = [original, foreign]
    byte_mutations = ("flip", "truncate", "junk", "empty")
    inputs = []
    for offset in range(config.checkpoints):
        origin = seeds[0] if rng.random() < 0.9 else seeds[1]
        data = origin.read_bytes()
        applied = [str(rng.choice(byte_mutations))]
        data = MUTATIONS[applied[0]](data, rng)
        path = folder / f"checkpoint-{offset:05d}.pt"
        path.write_bytes(data)
        inputs.append(
            FuzzInput(start + offset, "checkpoint", str(path), origin.name, tuple(applied))
        )
    return inputs


# --- checking one input (inside a worker) ------------------------------------------------------

_KNOWN_STATUSES = {
    "optimal", "infeasible", "unbounded", "inforunbd", "timelimit", "gaplimit", "nodelimit",
    "memlimit", "sollimit", "bestsollimit", "stallnodelimit", "totalnodelimit", "restartlimit",
    "userinterrupt", "unknown",
}  # fmt: skip


def check_instance(path: str, time_limit: float, learned: bool = False) -> tuple[str, str]:
    """Run ``solve FILE --json --time-limit T [--learned]`` in this process; ``(outcome,
    detail)``.

    Outcomes: ``answered`` (exit 0/1 with a JSON result), ``refused`` (exit 2, one line naming
    the file), or a failure: ``traceback``, ``internal-error`` (exit 3), ``unclear-error``,
    ``bad-answer``, ``exception`` (an exception escaped ``main``).
    """
    from solver.cli import main as solve_main

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = [path, "--json", "--time-limit", str(time_limit)]
            code = solve_main([*args, "--learned"] if learned else args)
    except SystemExit as exit_:  # argparse: options are fixed here, so this is a failure
        return "exception", f"SystemExit {exit_.code}: {err.getvalue().strip()[:300]}"
    except BaseException as error:  # noqa: BLE001 - anything escaping main is the finding
        return "exception", f"{type(error).__name__}: {error}"[:500]
    stderr = err.getvalue()
    if "Traceback" in stderr:
        return "traceback", stderr[-500:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code == 2:
        if len(lines) == 1 and lines[0].startswith("solve: ") and Path(path).name in lines[0]:
            return "refused", lines[0]
        return "unclear-error", stderr[-500:]
    if code == 3:
        return "internal-error", stderr[-500:]
    if code in (0, 1):
        try:
            record = json.loads(out.getvalue().strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            return "bad-answer", f"exit {code} without a JSON result: {out.getvalue()[-300:]}"
        if record.get("status") not in _KNOWN_STATUSES:
            return "bad-answer", f"unknown status {record.get('status')!r}"
        status, objective = record.get("status"), record.get("objective")
        no_optimum = status in ("infeasible", "unbounded", "inforunbd")
        if code == 0 and (objective is None or no_optimum):
            return "bad-answer", f"exit 0 with status {status} and objective {objective!r}"
        if code == 1 and not (no_optimum or objective is None):
            return "bad-answer", f"exit 1 with status {status} and objective {objective!r}"
        if objective is not None and not abs(objective) < 1e20:
            return "bad-answer", f"an infinite objective {objective!r} reported as a value"
        if status == "infeasible" and objective is not None:
            return "bad-answer", f"infeasible with objective {objective!r}"
        return "answered", str(record.get("status"))
    return "unclear-error", f"exit {code}: {stderr[-300:]}"


def check_checkpoint(path: str) -> tuple[str, str]:
    """Load a checkpoint; ``loaded``, ``refused`` (one-line ``CheckpointError``) or a failure."""
    from gnn.checkpoint import CheckpointError, load_checkpoint

    try:
        load_checkpoint(path)
    except CheckpointError as error:
        message = str(error)
        if "\n" in message or path not in message:
            return "unclear-error", message[:500]
        return "refused", message
    except BaseException as error:  # noqa: BLE001 - anything but CheckpointError is the finding
        return "exception", f"{type(error).__name__}: {error}"[:500]
    return "loaded", ""


def _worker(batch_file: str, time_limit: float) -> int:
    """Run a batch; protocol lines go to the original stdout, native output to /dev/null."""
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # SCIP writes to fd 1 and 2 from C; keep the protocol clean
    os.dup2(devnull, 2)
    items = json.loads(Path(batch_file).read_text())
    for item in items:
        protocol.write(json.dumps({"start": item["index"]}) + "\n")
        if item["kind"] == "checkpoint":
            outcome, detail = check_checkpoint(item["path"])
        else:
            outcome, detail = check_instance(item["path"], time_limit, item.get("learned", False))
        protocol.write(
            json.dumps({"done": item["index"], "outcome": outcome, "detail": detail}) + "\n"
        )
    protocol.close()
    return 0


# --- the campaign (parent) ---------------------------------------------------------------------


def _spawn(batch: list[FuzzInput], folder: Path, time_limit: float) -> subprocess.Popen[str]:
    handle, batch_file = tempfile.mkstemp(dir=folder, prefix=".batch-", suffix=".json")
    with os.fdopen(handle, "w") as stream:
        json.dump([asdict(item) for item in batch], stream)
    command = [sys.executable, "-m", "experiments.studies.fuzz", "--worker", batch_file,
               "--time-limit", str(time_limit)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _reader(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _run_batch(
    batch: list[FuzzInput], folder: Path, config: FuzzConfig, record: Callable[..., None]
) -> None:
    """Run ``batch`` in workers until every input has an outcome (restarting after a crash)."""
    remaining = list(batch)
    while remaining:
        process = _spawn(remaining, folder, config.time_limit)
        lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
        done: set[int] = set()
        current: int | None = None
        while True:
            try:
                line = lines.get(timeout=config.per_input_timeout)
            except queue.Empty:
                process.kill()
                process.wait()
                stuck = current if current is not None else remaining[len(done)].index
                record(stuck, "hang", f"no progress for {config.per_input_timeout:g} s")
                done.add(stuck)
                break
            if line is None:
                code = process.wait()
                if current is not None and current not in done:
                    record(current, "crash", f"worker died (exit {code}) on this input")
                    done.add(current)
                break
            message = json.loads(line)
            if "start" in message:
                current = int(message["start"])
            else:
                record(int(message["done"]), message["outcome"], message["detail"])
                done.add(int(message["done"]))
        remaining = [item for item in remaining if item.index not in done]


def run_campaign(
    config: FuzzConfig,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    argv: Sequence[str] | None = None,
) -> FuzzReport:
    """Make the inputs, run them in worker subprocesses, and report.

    Parameters
    ----------
    config
        The campaign.
    out_dir
        Where inputs, failing inputs and ``report.json`` go; a temporary folder when None
        (failing inputs are then copied nowhere, their details are in the report).
    progress
        Called with a short line after every batch.
    argv
        The arguments the report's command line names
        (:func:`experiments.studies.study_command`; default: this process's).

    Returns
    -------
    FuzzReport
        Counts per outcome and every failure.
    """
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        if out_dir is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fuzz-")))
        else:
            folder = Path(out_dir)
        inputs = make_inputs(config, folder / "inputs", config.seed)
        by_index = {item.index: item for item in inputs}
        report = FuzzReport(
            config=asdict(config),
            versions=_versions(),
            command=study_command("experiments.studies.fuzz", argv),
        )

        def record(index: int, outcome: str, detail: str) -> None:
            report.tried += 1
            report.outcomes[outcome] += 1
            if outcome not in GOOD_OUTCOMES:
                item = by_index[index]
                report.failures.append({"outcome": outcome, "detail": detail, **asdict(item)})

        for start in range(0, len(inputs), config.batch_size):
            _run_batch(inputs[start : start + config.batch_size], folder, config, record)
            if progress is not None:
                progress(f"{report.tried}/{len(inputs)} inputs, {len(report.failures)} failures")
        report.seconds = time.monotonic() - started
        if out_dir is not None:
            (folder / "report.json").write_text(json.dumps(report.as_dict(), indent=2))
    return report


def _versions() -> dict[str, str]:
    import platform

    import pyscipopt

    return {
        "python": platform.python_version(),
        "pyscipopt": pyscipopt.__version__,
        "scip": str(pyscipopt.Model().version()),
        "numpy": np.__version__,
    }


def _summary(report: FuzzReport) -> str:
    parts = ", ".join(f"{name} {count}" for name, count in sorted(report.outcomes.items()))
    lines = [f"fuzz: {report.tried} inputs tried in {report.seconds:.1f} s: {parts}"]
    lines.append(f"fuzz: {len(report.failures)} failures")
    for failure in report.failures[:20]:
        lines.append(
            f"  {failure['outcome']}: {failure['path']} (from {failure['origin']}, "
            f"{'+'.join(failure['mutations'])}): {' '.join(str(failure['detail']).split())[:200]}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a campaign; 0 when every input gave a correct answer or a clear error, else 1."""
    parser = argparse.ArgumentParser(
        prog="python -m experiments.studies.fuzz", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--inputs", type=int, default=FuzzConfig.inputs)
    parser.add_argument("--checkpoints", type=int, default=FuzzConfig.checkpoints)
    parser.add_argument("--seed", type=int, default=FuzzConfig.seed)
    parser.add_argument("--per-input-timeout", type=float, default=FuzzConfig.per_input_timeout)
    parser.add_argument("--batch-size", type=int, default=FuzzConfig.batch_size)
    parser.add_argument("--time-limit", type=float, default=FuzzConfig.time_limit)
    parser.add_argument("--shared", help="the shared folder (default: beside the repository)")
    parser.add_argument("--out", help="keep inputs and report.json here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(args.worker, args.time_limit)
    if args.inputs < 0 or args.checkpoints < 0 or args.batch_size < 1:
        parser.error("--inputs and --checkpoints must be >= 0, --batch-size >= 1")
    config = FuzzConfig(
        inputs=args.inputs,
        checkpoints=args.checkpoints,
        seed=args.seed,
        per_input_timeout=args.per_input_timeout,
        batch_size=args.batch_size,
        time_limit=args.time_limit,
        shared_dir=args.shared,
    )
    report = run_campaign(
        config,
        args.out,
        progress=lambda line: print(f"fuzz: {line}", file=sys.stderr),
        argv=argv,
    )
    print(_summary(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
