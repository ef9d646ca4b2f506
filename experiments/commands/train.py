"""``neuralmip train``: fit a branching or diving model on collected data.

Examples::

    neuralmip train --kind branching --data /work/data/branching/setcover --model hybrid \\
        --out solver/models/branching-setcover.pt --seed 0
    neuralmip train --kind diving --data /work/data/diving/setcover \\
        --out solver/models/diving-setcover.pt --seed 0

Each kind lives in its own module (:data:`KIND_MODULES`), which provides
``add_arguments(parser)`` and ``run(args) -> int``. Options with the same name in two kinds
(``--data``, ``--learning-rate`` ...) mean the same thing and are declared once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from experiments.cli import EXIT_BAD_INPUT

__all__ = ["KIND_MODULES", "add_parser", "run"]

#: ``--kind`` -> the module that trains it.
KIND_MODULES: dict[str, str] = {
    "branching": "experiments.train_branching",
    "diving": "experiments.train_diving",
}


def _kind_module(kind: str) -> ModuleType | None:
    name = KIND_MODULES[kind]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:  # the module exists but one of its imports is missing: a bug
            raise
        return None


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``train`` sub-command."""
    parser = subparsers.add_parser(
        "train",
        help="train a branching or diving model on collected data",
        description="Train a model on collected data and write one checkpoint file (.pt) with "
        "its config, metrics, feature schema and library versions, plus a .json beside it.",
        # Kinds share option names (--data, --batch-size ...): the last declaration stands.
        conflict_handler="resolve",
    )
    parser.add_argument("--kind", required=True, choices=tuple(KIND_MODULES), help="what to train")
    parser.add_argument("--out", required=True, metavar="FILE.pt", help="checkpoint to write")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of split, weights, batches (default: 0)"
    )
    helps: dict[str, dict[str, str]] = {}
    for kind in KIND_MODULES:
        module = _kind_module(kind)
        if module is not None:
            module.add_arguments(parser)
            helps[kind] = _option_helps(module)
    _merge_shared_helps(parser, helps)
    parser.set_defaults(func=run)


def _option_helps(module: ModuleType) -> dict[str, str]:
    """``dest -> help`` of the options one kind declares, read from a parser of its own."""
    alone = argparse.ArgumentParser(add_help=False)
    module.add_arguments(alone)
    return {action.dest: action.help or "" for action in alone._actions}


def _merge_shared_helps(parser: argparse.ArgumentParser, helps: dict[str, dict[str, str]]) -> None:
    # An option both kinds declare is kept once, with the help (and default) of the last kind
    # and under its heading: list it under both kinds' heading, with each kind's default.
    shared = []
    for action in parser._actions:
        per_kind = {kind: h[action.dest] for kind, h in helps.items() if action.dest in h}
        if len(per_kind) > 1:
            shared.append(action)
            if len(set(per_kind.values())) > 1:
                action.help = "; ".join(f"{kind}: {text}" for kind, text in per_kind.items())
    if not shared:
        return
    for group in parser._action_groups:
        group._group_actions[:] = [a for a in group._group_actions if a not in shared]
    parser.add_argument_group("both kinds")._group_actions.extend(shared)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the module of ``--kind``; a missing module is a clear error (exit 2)."""
    module = _kind_module(args.kind)
    if module is None:
        print(
            f"neuralmip train: --kind {args.kind} is not available in this build "
            f"(module {KIND_MODULES[args.kind]} is missing)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return int(module.run(args))
