"""``neuralmip collect``: gather training data, strong branching samples or feasible solutions.

Examples::

    neuralmip collect --kind branching --generate setcover --preset easy --count 50 \\
        --out data/branching/setcover --samples-per-instance 50
    neuralmip collect --kind branching --instances 'data/instances/*.mps' --out data/sb
    neuralmip collect --kind solutions --generate indset --preset easy --count 20 --out data/sol

Re-running the same command skips instances whose output exists, so an interrupted run resumes.

Neither kind runs a learned network: branching samples come from SCIP's strong branching (the
expert) and pseudocost exploration, solutions from SCIP's own solution pool. So ``collect`` has no
``--inference`` option and starts no inference server (``neuralmip bench --inference`` does, for
learned configurations).
"""

from __future__ import annotations

import argparse
import glob
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from experiments.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, recorded_command
from solver.settings import parse_settings

__all__ = ["add_parser", "run", "resolve_instances", "parse_scip_params", "KINDS"]

#: Options that only ``--kind branching`` uses (argparse dest -> flag).
_BRANCHING_ONLY = {
    "samples_per_instance": "--samples-per-instance",
    "max_nodes": "--max-nodes",
    "explore_prob": "--explore-prob",
    "record_prob": "--record-prob",
    "infeasible_scoring": "--infeasible-scoring",
    "iteration_limit": "--iteration-limit",
    "candidate_limit": "--candidate-limit",
    "preselection": "--preselection",
    "lookahead_iterations": "--lookahead-iterations",
    "random_candidates": "--random-candidates",
}

_INSTANCE_PATTERNS = ("*.mps", "*.mps.gz", "*.lp", "*.lp.gz", "*.cip")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``collect`` sub-command."""
    parser = subparsers.add_parser(
        "collect",
        help="collect training data: strong branching samples or feasible solutions",
        description=(
            "Solve instances (files, or a generated batch written to OUT/instances) and record "
            "training data into OUT, one file per instance. Existing outputs are skipped, so "
            "re-running resumes an interrupted run. No learned network runs here (the labels "
            "come from SCIP's strong branching and its solution pool), so no inference server "
            "is started; workers are SCIP processes only."
        ),
    )
    parser.add_argument(
        "--kind",
        required=True,
        choices=tuple(KINDS),
        help="branching: strong branching samples (Neural Branching); "
        "solutions: feasible solutions (Neural Diving)",
    )
    _add_source_arguments(parser)
    _add_solve_arguments(parser)
    _add_branching_arguments(parser)
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.set_defaults(func=run)


def _add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """Where the instances come from (files, or a seeded generated batch), where data goes."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--instances", metavar="GLOB|DIR", help="instance files: a glob pattern or a folder"
    )
    source.add_argument(
        "--generate", metavar="CLASS", help="generate instances of CLASS (setcover, cauctions, ...)"
    )
    parser.add_argument(
        "--preset", default="easy", help="size preset with --generate (default: easy)"
    )
    parser.add_argument(
        "--count", type=int, default=10, help="instances to generate with --generate (default: 10)"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--seed", type=int, default=0, help="master seed of generation and solving (default: 0)"
    )


def _add_solve_arguments(parser: argparse.ArgumentParser) -> None:
    """How each instance is solved: time limit, parallelism, SCIP parameters."""
    parser.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="per instance (default: 120 for branching, where the samples recorded by then "
        "are kept and a solve usually ends sooner, at --samples-per-instance; 60 for "
        "solutions)",
    )
    parser.add_argument("--workers", type=int, default=1, help="instances at once (default: 1)")
    parser.add_argument(
        "--ray", metavar="ADDRESS", default=None, help="run on a Ray cluster ('auto' or address)"
    )
    parser.add_argument(
        "--scip-param",
        action="append",
        default=None,
        metavar="NAME=VALUE",
        help="SCIP parameter of the solves (repeatable), e.g. --scip-param timing/clocktype=1 "
        "(the time limit on the CPU clock); for branching, on top of its defaults (cuts at the "
        "root only, no restarts)",
    )


def _add_branching_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``--kind branching`` alone."""
    branching = parser.add_argument_group("branching options")
    branching.add_argument(
        "--samples-per-instance",
        type=int,
        default=None,
        metavar="K",
        help="stop each solve after K recorded nodes (default: 50)",
    )
    branching.add_argument(
        "--max-nodes", type=int, default=None, help="SCIP node limit per instance (default: none)"
    )
    branching.add_argument(
        "--explore-prob",
        type=float,
        default=None,
        metavar="P",
        help="probability of a pseudocost branching instead of the expert's (default: 0.05)",
    )
    branching.add_argument(
        "--record-prob",
        type=float,
        default=None,
        metavar="P",
        help="probability of recording an expert node (default: 1.0; Gasse et al.: 0.05)",
    )
    branching.add_argument(
        "--infeasible-scoring",
        choices=("cutoff-gain", "rank-first"),
        default=None,
        help="how the expert scores a candidate with an infeasible child: cutoff-gain (the "
        "child gains the distance to the cutoff bound, as SCIP's vanilla full strong branching; "
        "default) or rank-first (every such candidate first; the labels of data collected "
        "before 2026-11-27)",
    )
    _add_label_cost_options(branching)


def _add_label_cost_options(group: argparse._ArgumentGroup) -> None:
    """The options that make strong branching labels cheaper (all off by default)."""
    group.add_argument(
        "--iteration-limit",
        type=int,
        default=None,
        metavar="N",
        help="LP iterations per strong branching child (default: unlimited); a node where a "
        "child stops at the limit without a valid bound gives no sample",
    )
    group.add_argument(
        "--candidate-limit",
        type=int,
        default=None,
        metavar="K",
        help="strong-branch on at most K pre-selected candidates per node; the others are "
        "recorded as not scored (default: every candidate)",
    )
    group.add_argument(
        "--preselection",
        choices=("history", "pseudocost", "lookahead"),
        default=None,
        help="ranking of the pre-selection: history (gains strong branching found earlier in "
        "the solve; default), pseudocost (SCIP's) or lookahead (strong branching limited to "
        "--lookahead-iterations)",
    )
    group.add_argument(
        "--lookahead-iterations",
        type=int,
        default=None,
        metavar="N",
        help="LP iterations per child of the lookahead ranking (default: 3)",
    )
    group.add_argument(
        "--random-candidates",
        type=int,
        default=None,
        metavar="R",
        help="also score R candidates drawn among those not pre-selected (default: 0)",
    )


def resolve_instances(spec: str) -> list[Path]:
    """Instance files named by a folder (its ``.mps``/``.lp``... files) or a glob pattern.

    Raises
    ------
    ValueError
        If nothing matches.
    """
    path = Path(spec)
    if path.is_dir():
        files = sorted({p for pattern in _INSTANCE_PATTERNS for p in path.glob(pattern)})
        if not files:
            raise ValueError(
                f"{spec}: folder holds no instance files ({', '.join(_INSTANCE_PATTERNS)})"
            )
        return files
    files = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    if not files:
        raise ValueError(f"{spec}: no instance file matches")
    return files


def parse_scip_params(items: list[str]) -> dict[str, bool | int | float | str]:
    """Turn ``["limits/nodes=10", ...]`` into typed values (bool, int, float, else string).

    Raises
    ------
    ValueError
        For an item without ``=`` or with an empty name.
    """
    return parse_settings(items, "--scip-param")


def _instance_files(args: argparse.Namespace, command: list[str]) -> list[Path]:
    if args.instances is not None:
        return resolve_instances(args.instances)
    from instances.generators import generate_instances, preset

    if args.count < 1:
        raise ValueError(f"--count must be >= 1, got {args.count}")
    return generate_instances(
        args.generate,
        preset(args.generate, args.preset),
        args.count,
        args.seed,
        Path(args.out) / "instances",
        command=command,
    )


def _run_branching(args: argparse.Namespace, command: list[str]) -> int:
    from experiments.collect_branching import CollectBranchingConfig, collect_branching

    overrides: dict[str, Any] = {
        name: getattr(args, name) for name in _BRANCHING_ONLY if getattr(args, name) is not None
    }
    if args.scip_param:
        defaults = CollectBranchingConfig().scip_params
        overrides["scip_params"] = {**defaults, **parse_scip_params(args.scip_param)}
    if args.time_limit is not None:
        overrides["time_limit"] = args.time_limit
    config = CollectBranchingConfig(seed=args.seed, **overrides)
    instances = _instance_files(args, command)
    summary = collect_branching(
        instances,
        args.out,
        config,
        workers=args.workers,
        ray_address=args.ray,
        progress=not args.no_progress,
        command=command,
    )
    return _report(f"branching samples in {args.out}", summary, f"{summary.n_samples} samples")


def _run_solutions(args: argparse.Namespace, command: list[str]) -> int:
    from experiments.collect_solutions import CollectSolutionsConfig, collect_solutions

    given = [flag for name, flag in _BRANCHING_ONLY.items() if getattr(args, name) is not None]
    if given:
        raise ValueError(f"{', '.join(given)}: only for --kind branching")
    options: dict[str, Any] = {}
    if args.time_limit is not None:
        options["time_limit"] = args.time_limit
    if args.scip_param:
        options["scip_params"] = parse_scip_params(args.scip_param)
    config = CollectSolutionsConfig(
        out=Path(args.out),
        instances=tuple(resolve_instances(args.instances)) if args.instances is not None else (),
        generate=args.generate,
        preset=args.preset,
        count=args.count,
        seed=args.seed,
        workers=args.workers,
        ray_address=args.ray,
        command=tuple(command),
        **options,
    )
    summary = collect_solutions(config, progress=not args.no_progress)
    return _report(f"solutions in {args.out}", summary, f"{summary.n_solutions} solutions")


def _report(where: str, summary: Any, collected: str) -> int:
    """Print what a collection did (failures on stderr); exit 1 when any instance failed."""
    print(
        f"{where}: {summary.n_collected} instance(s) collected ({collected}), "
        f"{summary.n_skipped} already done, {summary.n_failed} failed"
    )
    for failure in summary.failures:
        print(f"neuralmip collect: failed: {failure}", file=sys.stderr)
    return EXIT_FAILURE if summary.failures else EXIT_OK


#: What each ``--kind`` runs.
KINDS: dict[str, Callable[[argparse.Namespace, list[str]], int]] = {
    "branching": _run_branching,
    "solutions": _run_solutions,
}


def run(args: argparse.Namespace) -> int:
    """Collect the data ``args`` ask for; returns the exit code."""
    command = recorded_command(args)
    if args.workers < 1:
        print(f"neuralmip collect: --workers must be >= 1, got {args.workers}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return KINDS[args.kind](args, command)
    except ValueError as error:  # bad input: InstanceError, config checks, unknown class/preset
        print(f"neuralmip collect: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"neuralmip collect: {error}", file=sys.stderr)
        return EXIT_FAILURE
