"""Write the fitted model set: ``MODELSET/modelset.toml`` beside its checkpoints.

The set has the format of the shipped ones (:mod:`solver.modelset`): each trained checkpoint is
copied in as ``branching.pt`` / ``diving.pt`` with its ``.json`` record, and the manifest holds
the SCIP parameters the gate chose, each component's ``enabled`` and ``why`` (the gate's reason
with its figures), its settings, its training domain and its provenance, and the fit's own
provenance (command, seed, versions, commit). ``solve X --learned --model MODELSET`` and
``include_learned_plugins(model, model_path=MODELSET)`` read it as they read a shipped set.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from experiments.modelsets import set_provenance
from solver.modelset import COMPONENTS, Component, ModelSet, place_checkpoint, write_manifest

if TYPE_CHECKING:
    from experiments.fit.gate import GateDecision

__all__ = ["fit_provenance", "place_component", "write_model_set"]

_HEADER = """neuralmip model set {name!r}, written by `neuralmip fit` (format: solver/modelset.py).
scip_params: the SCIP parameters the set runs under; empty: SCIP's defaults.
[branching.settings]: solver.branching.BranchingRuleConfig fields; [diving.settings]:
solver.diving.NeuralDivingConfig fields; empty: their defaults.
enabled / why: the fit's gate, against SCIP's default on the validation instances (report.md)."""


def fit_provenance(ctx: Any) -> dict[str, Any]:
    """Where a fitted set comes from: the fit's command (``ctx.command``), its seed, when, the
    commit and the library versions."""
    return set_provenance(ctx.command, seed=int(ctx.config.seed))


def place_component(
    ctx: Any,
    kind: str,
    folder: Path,
    *,
    enabled: bool = True,
    why: str = "",
    settings: Mapping[str, Any] | None = None,
) -> Component:
    """Copy the trained ``kind`` checkpoint (and its ``.json``) into ``folder``; its component.

    Parameters
    ----------
    ctx
        The fit's context: the checkpoint is ``ctx.checkpoints[kind]``.
    kind
        ``"branching"`` or ``"diving"``.
    folder
        The model set folder; the copy is ``folder / f"{kind}.pt"``.
    enabled, why, settings
        The component's gate and settings (default: enabled, no reason, default settings).

    Returns
    -------
    Component
        With the checkpoint's training domain; a checkpoint that records none gets the domain
        of the fit's training instances (``ctx.split.train``), so that the set always knows it.

    Raises
    ------
    ValueError
        When no domain can be found (no training instance can be read).
    """
    source = Path(ctx.checkpoints[kind])
    component = place_checkpoint(source, folder, kind)
    domain = component.domain
    if domain is None:
        from experiments.domain import domain_of_files

        domain = domain_of_files(list(ctx.split.train), "the fit's training instances")
    if domain is None:
        raise ValueError(f"{source}: records no training domain, and none could be fitted")
    return dataclasses.replace(
        component, enabled=enabled, why=why, settings=dict(settings or {}), domain=domain
    )


def write_model_set(ctx: Any, decision: GateDecision) -> Path:
    """Write the model set the gate decided into ``ctx.out``.

    Parameters
    ----------
    ctx
        The fit's context: ``ctx.out`` (the set's folder), ``ctx.checkpoints`` (the trained
        models; a component that was not trained is not in the set), ``ctx.config.seed``.
    decision
        The gate's decision: the set's SCIP parameters, and per component whether it is
        enabled, why, and its settings.

    Returns
    -------
    Path
        The manifest, ``ctx.out / "modelset.toml"``.
    """
    components = {}
    for kind in COMPONENTS:
        if kind in ctx.checkpoints:
            choice = decision.component(kind)
            components[kind] = place_component(
                ctx,
                kind,
                ctx.out,
                enabled=choice.enabled,
                why=choice.why,
                settings=choice.settings,
            )
    model_set = ModelSet(
        name=ctx.out.name,
        scip_params=dict(decision.scip_params),
        provenance=fit_provenance(ctx),
        **components,
    )
    return write_manifest(ctx.out, model_set, header=_HEADER.format(name=ctx.out.name))
