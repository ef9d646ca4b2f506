"""``neuralmip bench CONFIG.toml --out DIR``: run a benchmark, then write its report."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from experiments.cli import recorded_command

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``bench`` sub-command."""
    parser = subparsers.add_parser(
        "bench",
        help="compare solver configurations on instance sets",
        description=(
            "Run every (instance, configuration, seed) of a benchmark config, appending each "
            "result to DIR/results.jsonl as it finishes, then write DIR/report.md."
        ),
    )
    parser.add_argument(
        "config", help="benchmark config (TOML), e.g. experiments/configs/smoke.toml"
    )
    parser.add_argument("--out", required=True, help="benchmark folder for results and report")
    parser.add_argument(
        "--workers", type=int, default=None, help="runs at once (default: the config's `workers`)"
    )
    parser.add_argument(
        "--ray",
        metavar="auto|ADDRESS",
        default=None,
        help="run on Ray: `auto` joins this machine's cluster or starts a local one",
    )
    parser.add_argument(
        "--inference",
        choices=("auto", "shared", "local"),
        default=None,
        help="where learned configurations run their networks: `shared` starts one batching "
        "inference server per machine (and branching model) for all workers, `local` runs them "
        "in each worker, `auto` shares when CUDA is available (default: the config's "
        "`inference`, else auto); workers fall back to local inference if the server fails",
    )
    parser.add_argument(
        "--resume", action="store_true", help="continue DIR: skip finished runs, redo crashed ones"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--no-report", action="store_true", help="do not write the report")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the benchmark; 0 on success, 2 on a bad config or folder, 1 if runs crashed."""
    from experiments.bench import BenchConfigError, BenchError, load_bench_config, run_benchmark
    from experiments.bench.inference import InferenceMode
    from experiments.executors import make_executor
    from experiments.report import ReportError, write_report

    try:
        config = load_bench_config(args.config)
    except BenchConfigError as err:
        print(f"neuralmip bench: {err}", file=sys.stderr)
        return 2
    workers = args.workers if args.workers is not None else config.workers
    if workers < 1:
        print(f"neuralmip bench: --workers must be >= 1, got {workers}", file=sys.stderr)
        return 2
    try:
        executor = make_executor(workers, args.ray, retries=config.retries)
    except ImportError:
        print("neuralmip bench: --ray needs Ray: pip install 'neuralmip[ray]'", file=sys.stderr)
        return 2
    except (ConnectionError, ValueError) as err:
        print(f"neuralmip bench: cannot start the executor: {err}", file=sys.stderr)
        return 2
    try:
        with executor:
            summary = run_benchmark(
                config,
                args.out,
                executor,
                resume=args.resume,
                progress=not args.no_progress,
                inference=None if args.inference is None else InferenceMode(args.inference),
                command=recorded_command(args),
            )
    except (BenchError, ValueError) as err:
        print(f"neuralmip bench: {err}", file=sys.stderr)
        return 2
    print(
        f"{summary.ran} runs done, {summary.skipped} already done, {summary.errors} with an error "
        f"status, {summary.crashed} crashed; results in {args.out}",
        file=sys.stderr,
    )
    if not args.no_report:
        try:
            print(write_report(args.out))
        except ReportError as err:
            print(f"neuralmip bench: {err}", file=sys.stderr)
            return 1
    return 1 if summary.crashed else 0
