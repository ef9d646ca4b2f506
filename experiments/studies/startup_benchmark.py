"""How soon ``solve`` starts solving, and whether ``--time-limit`` bounds the whole command.

Runs the ``solve`` command in fresh processes (pinned to one core where the OS allows) and reads
``startup_seconds`` from its ``--json`` output: the seconds from the process's start to the
start of SCIP's solve. Targets: ``solve X --learned`` on an instance no shipped model applies to
starts within 0.5 s; with a model (``solve setcover --learned``), within 1.5 s; with
``--time-limit T``, the command ends within ``T + 1`` s.

Usage::

    python -m experiments.studies.startup_benchmark [--runs 5] [--core 0] [--time-limit 5]
        [--no-model-instance FILE]

prints one line per case (median over the runs) and a JSON object with every run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from solver.exit_codes import EXIT_OK

__all__ = ["Case", "Run", "default_cases", "main", "run_case"]


@dataclass(frozen=True)
class Case:
    """One ``solve`` command to time."""

    name: str
    """What the case measures."""
    args: tuple[str, ...]
    """The arguments of ``solve`` (``--json`` is added)."""
    target_startup: float | None = None
    """Seconds within which SCIP's solve should start; None: no target."""
    time_limit: float | None = None
    """The ``--time-limit`` among ``args``, whose end (plus 1 s) the command should keep."""


@dataclass(frozen=True)
class Run:
    """One timed run of a case."""

    startup_seconds: float
    """From the process's start to SCIP's solve, as the command reports it."""
    solve_seconds: float
    """SCIP's solving time (a race's wall time with ``--workers``), as the command reports it."""
    wall_seconds: float
    """The command's wall time, measured from outside (spawning it included)."""
    status: str
    """SCIP's status."""
    learned_plugins: str | None
    """What the learned plugins did."""


def default_cases(no_model_instance: str, time_limit: float) -> list[Case]:
    """The cases of the targets: no model applies, a model applies, a time limit is kept."""
    limited = (no_model_instance, "--learned", "--model", "setcover", "--any-instance")
    return [
        Case("plain", (no_model_instance, "--time-limit", str(time_limit))),
        Case(
            "learned, no model applies",
            (no_model_instance, "--learned", "--time-limit", str(time_limit)),
            target_startup=0.5,
        ),
        Case("learned, model applies", ("setcover", "--learned"), target_startup=1.5),
        Case(
            "learned, model forced, time limit",
            (*limited, "--time-limit", str(time_limit)),
            time_limit=time_limit,
        ),
    ]


def _pin(core: int | None) -> Any:
    """A ``preexec_fn`` that pins the child to ``core`` (None where it cannot be pinned)."""
    if core is None or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: os.sched_setaffinity(0, {core})


def run_case(case: Case, core: int | None = None) -> Run:
    """Run ``solve`` once as ``case`` says, in a fresh process (pinned to ``core``)."""
    command = [sys.executable, "-m", "solver.cli", *case.args, "--json"]
    started = time.monotonic()
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, preexec_fn=_pin(core)
    )
    wall = time.monotonic() - started
    if not done.stdout.strip():
        raise RuntimeError(f"solve {' '.join(case.args)}: {done.stderr.strip()}")
    record = json.loads(done.stdout)
    return Run(
        startup_seconds=float(record["startup_seconds"]),
        solve_seconds=float(record["time"]),
        wall_seconds=wall,
        status=str(record["status"]),
        learned_plugins=record.get("learned_plugins"),
    )


def _summary_line(case: Case, runs: Sequence[Run]) -> str:
    startup = statistics.median(run.startup_seconds for run in runs)
    wall = statistics.median(run.wall_seconds for run in runs)
    line = f"{case.name:<36} start-up {startup:6.2f} s   command {wall:6.2f} s"
    if case.target_startup is not None:
        line += f"   (target start-up <= {case.target_startup} s)"
    if case.time_limit is not None:
        line += f"   (target command <= {case.time_limit + 1:.1f} s)"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    """Time every case ``--runs`` times; print the medians and every run as JSON."""
    parser = argparse.ArgumentParser(prog="python -m experiments.studies.startup_benchmark")
    parser.add_argument("--runs", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument(
        "--core", type=int, default=0, help="CPU core to pin each run to (default 0; -1: none)"
    )
    parser.add_argument(
        "--time-limit", type=float, default=5.0, help="--time-limit of the limited cases (5)"
    )
    parser.add_argument(
        "--no-model-instance",
        default=str(Path("instances") / "miplib" / "b-ball.mps"),
        help="an instance no shipped model applies to (default: MIPLIB's b-ball.mps under "
        "the shared data folder, instances/miplib/b-ball.mps)",
    )
    args = parser.parse_args(argv)
    instance = Path(args.no_model_instance)
    if not instance.is_absolute() and not instance.exists():
        instance = Path(os.environ.get("NEURALMIP_SHARED_DIR", ".")) / instance
    core = None if args.core < 0 else args.core
    report: dict[str, Any] = {"load_average": list(os.getloadavg()), "core": core, "cases": {}}
    for case in default_cases(str(instance), args.time_limit):
        runs = [run_case(case, core) for _ in range(args.runs)]
        print(_summary_line(case, runs), flush=True)
        report["cases"][case.name] = {"case": asdict(case), "runs": [asdict(r) for r in runs]}
    print(json.dumps(report))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
