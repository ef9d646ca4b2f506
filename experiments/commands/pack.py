"""``neuralmip pack``: put trained checkpoints and their settings into a model set folder.

Makes a new set, or edits one (a shipped set, a fitted one), keeping what is not given::

    neuralmip pack models/mine --branching runs/train/branching.pt --scip-param presolving/maxrestarts=0
    neuralmip pack models/mine --branching-param max_depth=4 --why "branching=0.81 of default"
    neuralmip pack models/mine --disable diving --why "diving=cost time on validation"

The set is then used with ``solve X --learned --model models/mine`` or
``include_learned_plugins(model, model_path="models/mine")``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from experiments.cli import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, recorded_command
from solver.modelset import COMPONENTS

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``pack`` sub-command."""
    parser = subparsers.add_parser(
        "pack",
        help="put trained checkpoints and their settings into a model set",
        description="Make or edit the model set in folder SET: copy in the checkpoints given "
        "(as branching.pt / diving.pt, with their .json records), merge the SCIP parameters "
        "and settings given into the set's, and rewrite its manifest (modelset.toml). What is "
        "not given keeps its present value. Every checkpoint must record its training domain "
        "(`neuralmip train` does; `neuralmip domain` adds one).",
    )
    parser.add_argument("set", type=Path, metavar="SET", help="the model set folder")
    parser.add_argument("--branching", type=Path, metavar="CKPT", help="branching checkpoint")
    parser.add_argument("--diving", type=Path, metavar="CKPT", help="diving checkpoint")
    parser.add_argument("--name", help="the set's name (default: the present one, else SET's)")
    for flag, what in (
        ("--scip-param", "a SCIP parameter the set runs under, e.g. presolving/maxrestarts=0"),
        ("--branching-param", "a learned rule setting (BranchingRuleConfig field)"),
        ("--diving-param", "a neural diving setting (NeuralDivingConfig field)"),
    ):
        parser.add_argument(
            flag, action="append", default=[], metavar="NAME=VALUE", help=f"{what} (repeatable)"
        )
    parser.add_argument(
        "--enable", action="append", default=[], choices=COMPONENTS, help="use this component"
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        choices=COMPONENTS,
        help="keep this component in the set but do not use it",
    )
    parser.add_argument(
        "--why",
        action="append",
        default=[],
        metavar="KIND=TEXT",
        help="the reason recorded for a component's choice, e.g. 'branching=0.81 of SCIP's "
        "default time on 8 validation instances' (repeatable)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Pack the set; exit 2 with one line on bad input, the set unchanged."""
    from experiments.modelsets import PackRequest, pack_model_set
    from solver.modelset import LearnedModelError
    from solver.settings import parse_name_values, parse_settings

    try:
        if both := sorted(set(args.enable) & set(args.disable)):
            raise ValueError(f"--enable and --disable both name {both[0]}")
        why = parse_name_values(args.why, "--why")
        if unknown := sorted(set(why) - set(COMPONENTS)):
            raise ValueError(f"--why {unknown[0]}=...: the kind is {' or '.join(COMPONENTS)}")
        request = PackRequest(
            checkpoints={
                kind: getattr(args, kind) for kind in COMPONENTS if getattr(args, kind) is not None
            },
            scip_params=parse_settings(args.scip_param, "--scip-param"),
            settings={
                kind: values
                for kind in COMPONENTS
                if (values := parse_settings(getattr(args, f"{kind}_param"), f"--{kind}-param"))
            },
            enabled={
                **{kind: True for kind in args.enable},
                **{kind: False for kind in args.disable},
            },
            why=why,
            name=args.name,
        )
        manifest = pack_model_set(args.set, request, " ".join(recorded_command(args)))
    except (ValueError, LearnedModelError) as error:
        print(f"neuralmip pack: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # the set's folder cannot be written
        print(f"neuralmip pack: {error}", file=sys.stderr)
        return EXIT_FAILURE
    print(_summary(manifest))
    return EXIT_OK


def _summary(manifest: Path) -> str:
    """One line per component of the written set, under the manifest's path."""
    from solver.modelset import read_model_set

    model_set = read_model_set(manifest.parent)
    params = ", ".join(f"{k} = {v}" for k, v in model_set.scip_params.items())
    lines = [
        f"{manifest}: model set {model_set.name!r}, "
        + (f"SCIP parameters: {params}" if params else "SCIP's default parameters")
    ]
    for component in model_set.components():
        state = "enabled" if component.enabled else "disabled"
        settings = ", ".join(f"{k}={v}" for k, v in component.settings.items()) or "defaults"
        lines.append(f"  {component.kind}: {component.path.name}, {state}, settings: {settings}")
    return "\n".join(lines)
