"""Tune a fitted set on the validation instances: which settings, for which component.

Candidates (:func:`candidate_list`) come in three groups, each judged by its own figure against
SCIP's default on the same instances and seed:

- ``settings``: SCIP settings alone, no learned component (:data:`SCIP_SETTINGS` but the
  default), so that the report separates what settings give from what models add;
- ``branching``: the learned rule (:data:`RULE_SETTINGS`) under each of :data:`SCIP_SETTINGS`,
  diving off; judged by the 1-shifted geometric mean of solving time;
- ``diving``: neural diving (:data:`DIVE_SETTINGS`) under SCIP's default settings, the learned
  rule off; judged by the primal integral among candidates that cost no time
  (:data:`experiments.fit.gate.DIVING_MAX_TIME_RATIO`);
- ``combined``: after halving, the branching and the diving winner together, under the
  branching winner's settings, on the last round's instances (the set runs them together).

They are evaluated by successive halving (:func:`tune`): every candidate on a few instances
(:data:`FIRST_ROUND_INSTANCES`) with a short time limit first; after each round each group
keeps its better half, and the next round doubles the instances and the time limit, up to all
usable validation instances and the baseline's time limit (:func:`round_time_limit`). Where
runs hit the time limit and times tie, the primal-dual integral ranks them. A settings
candidate stays while a surviving branching candidate runs under its settings. The previous
round's measured cost per run sets how many instances a round can afford within the stage's
budget (the first round's, its time limit at worst); a round is never smaller than the one
before it. Each round is one benchmark folder under ``ctx.work / "tuning"``, so
a resumed fit continues the round it was in.

Halving over, a confirmation round (:func:`confirm`) runs each group's finalists again on the
last round's instances with another solver seed (the fit's seed + :data:`CONFIRMATION_SEED_OFFSET`)
where the budget allows: their final figures, which the gate judges, are then over both seeds.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from experiments.fit.evaluate import (
    RUN_OVERHEAD_SECONDS,
    Comparison,
    pooled_comparisons,
    run_comparison,
)
from solver.settings import LITERATURE

if TYPE_CHECKING:
    from experiments.bench import ScipConfiguration

__all__ = [
    "CONFIRMATION_SEED_OFFSET",
    "DIVE_SETTINGS",
    "FIRST_ROUND_INSTANCES",
    "GROUPS",
    "MIN_ROUND_TIME_LIMIT",
    "MIN_ROUND_TIME_SHARE",
    "RULE_SETTINGS",
    "SCIP_SETTINGS",
    "Candidate",
    "Evaluation",
    "TuningResult",
    "TuningRound",
    "candidate_list",
    "combination",
    "confirm",
    "finalists",
    "halve",
    "rank_key",
    "tune",
]

#: SCIP settings a set may run under, by name: SCIP's default; no restarts; cuts at the root
#: only and no restarts (:data:`solver.settings.LITERATURE`, the learned-branching papers'
#: setting, which the learned rule interacts with).
SCIP_SETTINGS: Mapping[str, Mapping[str, Any]] = {
    "default": {},
    "no-restarts": {"presolving/maxrestarts": 0},
    "root-cuts": dict(LITERATURE.params),
}
#: Learned rule settings (:class:`solver.branching.BranchingRuleConfig` fields), by name: the
#: learned rule at every node; to depth 4, SCIP's pseudocost rule below (cheap near the leaves,
#: fed by the learned decisions above).
RULE_SETTINGS: Mapping[str, Mapping[str, Any]] = {
    "all-depths": {},
    "depth-4": {"max_depth": 4, "deep_rule": "pscost"},
}
#: Neural diving settings (:class:`solver.diving.NeuralDivingConfig` fields), by name: the
#: default dive; the dive, then three refinements around new incumbents.
DIVE_SETTINGS: Mapping[str, Mapping[str, Any]] = {
    "dive": {},
    "dive-refine-3": {"refine_calls": 3},
}
#: Candidate groups, in report order.
GROUPS = ("settings", "branching", "diving", "combined")
#: Instances of the first round (fewer when fewer are usable).
FIRST_ROUND_INSTANCES = 3
#: Shortest time limit of a round, seconds (never above the baseline's).
MIN_ROUND_TIME_LIMIT = 1.0
#: Shortest time limit of a round, as a share of the baseline's.
MIN_ROUND_TIME_SHARE = 0.25
#: The confirmation round's solver seed is the fit's seed plus this.
CONFIRMATION_SEED_OFFSET = 1


@dataclass(frozen=True)
class Candidate:
    """One way the set could run: SCIP settings, and each learned component's settings."""

    name: str
    """Unique name (a benchmark configuration name)."""
    group: str
    """``"settings"``, ``"branching"`` or ``"diving"`` (:data:`GROUPS`)."""
    scip_settings: str
    """Name of its SCIP settings in :data:`SCIP_SETTINGS`."""
    scip_params: dict[str, Any] = field(default_factory=dict)
    """Its SCIP parameters."""
    branching: dict[str, Any] | None = None
    """Learned rule settings; None: no learned branching."""
    diving: dict[str, Any] | None = None
    """Neural diving settings; None: no neural diving."""

    def configuration(self, model_set: Path) -> ScipConfiguration:
        """The bench configuration that runs this candidate with ``model_set``'s models."""
        from experiments.bench import ScipConfiguration

        learned = self.branching is not None or self.diving is not None
        return ScipConfiguration(
            name=self.name,
            scip_params=self.scip_params,
            learned_branching=self.branching is not None,
            neural_diving=self.diving is not None,
            model_path=str(model_set) if learned else None,
            branching_params=self.branching or {},
            diving_params=self.diving or {},
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Candidate:
        """The candidate :meth:`to_json` recorded."""
        return cls(**record)


def candidate_list(components: Iterable[str]) -> list[Candidate]:
    """The candidates for a set with the trained ``components`` (``"branching"``,
    ``"diving"``): with a branching model, the settings alone and the rule's candidates; with
    a diving model, the dive's (a set without learned branching runs under SCIP's defaults)."""
    trained = set(components)
    found: list[Candidate] = []
    if "branching" in trained:
        found += [
            Candidate(f"settings/{scip}", "settings", scip, dict(params))
            for scip, params in SCIP_SETTINGS.items()
            if scip != "default"
        ]
        found += [
            Candidate(f"branching/{rule}/{scip}", "branching", scip, dict(params), dict(rules))
            for scip, params in SCIP_SETTINGS.items()
            for rule, rules in RULE_SETTINGS.items()
        ]
    if "diving" in trained:
        found += [
            Candidate(f"diving/{dive}/default", "diving", "default", diving=dict(dives))
            for dive, dives in DIVE_SETTINGS.items()
        ]
    return found


@dataclass(frozen=True)
class Evaluation:
    """One candidate's figures in one round."""

    candidate: str
    """The candidate's name."""
    round: int
    """The round (0: the first)."""
    comparison: Comparison
    """Its figures against SCIP's default on that round's instances."""

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return {**dataclasses.asdict(self), "comparison": self.comparison.to_json()}

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Evaluation:
        """The evaluation :meth:`to_json` recorded."""
        return cls(record["candidate"], record["round"], Comparison.from_json(record["comparison"]))


@dataclass(frozen=True)
class TuningRound:
    """One round of successive halving."""

    index: int
    """0 for the first."""
    instances: int
    """Validation instances solved by each candidate."""
    time_limit: float
    """Seconds per run."""
    candidates: tuple[str, ...]
    """The candidates it ran."""
    seconds: float
    """Wall-clock seconds it took."""
    seed: int | None = None
    """Solver seed of its runs (None: the fit's seed)."""

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> TuningRound:
        """The round :meth:`to_json` recorded."""
        return cls(**{**record, "candidates": tuple(record["candidates"])})


@dataclass(frozen=True)
class TuningResult:
    """What tuning measured: the candidates, the rounds and each candidate's figures."""

    candidates: tuple[Candidate, ...]
    """Every candidate, in :func:`candidate_list` order."""
    rounds: tuple[TuningRound, ...]
    """The rounds run, in order."""
    evaluations: tuple[Evaluation, ...]
    """Each candidate's figures in each round it ran."""
    seconds: float
    """Wall-clock seconds tuning took."""
    note: str = ""
    """What cut tuning short (the budget, no usable instance), if anything."""

    def candidate(self, name: str) -> Candidate:
        """The candidate named ``name``."""
        return next(c for c in self.candidates if c.name == name)

    def final(self, name: str) -> Evaluation | None:
        """``name``'s evaluation in the last round it ran (its most instances), or None."""
        mine = [e for e in self.evaluations if e.candidate == name]
        return max(mine, key=lambda e: e.round) if mine else None

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return {
            "candidates": [c.to_json() for c in self.candidates],
            "rounds": [r.to_json() for r in self.rounds],
            "evaluations": [e.to_json() for e in self.evaluations],
            "seconds": self.seconds,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> TuningResult:
        """The result :meth:`to_json` recorded."""
        return cls(
            candidates=tuple(Candidate.from_json(c) for c in record["candidates"]),
            rounds=tuple(TuningRound.from_json(r) for r in record["rounds"]),
            evaluations=tuple(Evaluation.from_json(e) for e in record["evaluations"]),
            seconds=float(record["seconds"]),
            note=str(record.get("note", "")),
        )


def rank_key(candidate: Candidate, comparison: Comparison) -> tuple[float, ...]:
    """How a candidate ranks within its group (lower is better): time for settings and
    branching, then (where runs hit the time limit, times tie) the primal-dual integral; for
    diving, first whether it costs time, then its primal integral. A candidate with failed
    runs or no figures ranks last."""
    from experiments.fit.gate import DIVING_MAX_TIME_RATIO

    time_ratio = comparison.time_ratio
    if comparison.errors or time_ratio is None:
        return (math.inf, math.inf)
    if candidate.group != "diving":
        progress = comparison.primal_dual_integral_ratio
        return (time_ratio, math.inf if progress is None else progress)
    integral = comparison.primal_integral_ratio
    slow = float(time_ratio > DIVING_MAX_TIME_RATIO)
    return (slow, math.inf if integral is None else integral)


def halve(survivors: Sequence[Candidate], figures: Mapping[str, Comparison]) -> list[Candidate]:
    """The better half (rounded up) of each learned group of ``survivors``, by
    :func:`rank_key`, and the settings candidates whose settings a kept branching candidate
    runs under."""
    kept: list[Candidate] = []
    for group in ("branching", "diving"):
        members = [c for c in survivors if c.group == group]
        members.sort(key=lambda c: rank_key(c, figures[c.name]))
        kept += members[: math.ceil(len(members) / 2)]
    used = {c.scip_settings for c in kept if c.group == "branching"}
    settings = [c for c in survivors if c.group == "settings" and c.scip_settings in used]
    return [c for c in survivors if c in kept or c in settings]


def _done(survivors: Sequence[Candidate], instances: int, usable: int) -> bool:
    """Whether halving is over: at most one learned candidate a group, on every instance."""
    groups = [c.group for c in survivors if c.group != "settings"]
    return instances >= usable and all(groups.count(g) <= 1 for g in set(groups))


def planned_rounds(candidates: Sequence[Candidate], usable: int, first: int) -> int:
    """Rounds successive halving needs to bring each group to one candidate and the
    instances from ``first`` to ``usable``, doubling them each round."""
    largest = max([sum(c.group == g for c in candidates) for g in ("branching", "diving")] + [1])
    halvings = math.ceil(math.log2(largest))  # rounds with more than one candidate a group
    doublings = math.ceil(math.log2(usable / first)) if usable > first else 0
    return max(halvings, doublings + 1)


def round_time_limit(cap: float, index: int, rounds: int) -> float:
    """Round ``index``'s time limit: ``cap`` halved for each round left after it, at least
    :data:`MIN_ROUND_TIME_SHARE` of ``cap`` and :data:`MIN_ROUND_TIME_LIMIT` seconds (and
    never above ``cap``)."""
    share = max(MIN_ROUND_TIME_SHARE, 1 / 2 ** max(rounds - 1 - index, 0))
    return min(cap, max(MIN_ROUND_TIME_LIMIT, cap * share))


def tune(ctx: Any, seconds: float, candidates: Sequence[Candidate] | None = None) -> TuningResult:
    """Successive halving of the candidates on the usable validation instances.

    Parameters
    ----------
    ctx
        The fit's context: ``ctx.baseline.usable`` (the validation instances) and
        ``.time_cap`` (seconds per solve), ``ctx.checkpoints`` (the trained models),
        ``ctx.work`` (rounds are written under ``tuning/``), ``ctx.config.seed``,
        ``.workers`` and ``.ray``, and ``ctx.log``.
    seconds
        The stage's budget; a round runs on as many instances as its measured cost allows
        (the first round, on its time limit at worst).
    candidates
        What to tune; default :func:`candidate_list` of the trained components.

    Returns
    -------
    TuningResult
        Every candidate's figures in each round it ran; ``note`` says what cut it short.
    """
    started = time.monotonic()
    pool = list(candidate_list(ctx.checkpoints) if candidates is None else candidates)
    usable = list(ctx.baseline.usable)
    if not pool or not usable:
        note = "no trained model to tune" if not pool else "no usable validation instance"
        return TuningResult(tuple(pool), (), (), time.monotonic() - started, note)
    models = _tuning_model_set(ctx)
    first = min(FIRST_ROUND_INSTANCES, len(usable))
    planned = planned_rounds(pool, len(usable), first)
    survivors, rounds, evaluations = pool, [], []
    note = ""
    for index in range(planned + 8):  # the instances' doubling ends it well before
        limit = round_time_limit(float(ctx.baseline.time_cap), index, planned)
        left = seconds - (time.monotonic() - started)
        count = min(len(usable), first * 2**index, _affordable(ctx, left, rounds, survivors, limit))
        if count < 1 or (rounds and count < rounds[-1].instances):
            note = f"the budget ran out after {index} round(s)"
            break
        record, figures = _run_round(ctx, models, index, survivors, usable[:count], limit)
        rounds.append(record)
        evaluations += [Evaluation(c.name, index, figures[c.name]) for c in survivors]
        survivors = halve(survivors, figures)
        if _done(survivors, count, len(usable)):
            break
    combined = combination(survivors) if rounds and not note else None
    if combined is not None:
        last = rounds[-1]
        left = seconds - (time.monotonic() - started)
        if _affordable(ctx, left, rounds, [combined], last.time_limit) < last.instances:
            note = "the budget left no time to validate the two components together"
        else:
            instances = usable[: last.instances]
            record, figures = _run_round(
                ctx, models, last.index + 1, [combined], instances, last.time_limit
            )
            pool.append(combined)
            rounds.append(record)
            evaluations.append(Evaluation(combined.name, record.index, figures[combined.name]))
    result = TuningResult(
        tuple(pool), tuple(rounds), tuple(evaluations), time.monotonic() - started, note
    )
    if rounds and not note:
        result = confirm(ctx, models, result, seconds - result.seconds)
    return dataclasses.replace(result, seconds=time.monotonic() - started)


def finalists(result: TuningResult) -> list[Candidate]:
    """Each group's candidates that ran in that group's last round (the gate's choice)."""
    chosen = []
    for group in GROUPS:
        finals = [(c, result.final(c.name)) for c in result.candidates if c.group == group]
        finals = [(c, e) for c, e in finals if e is not None]
        if finals:
            last = max(e.round for _, e in finals)
            chosen += [c for c, e in finals if e.round == last]
    return chosen


def confirm(ctx: Any, models: Path, result: TuningResult, seconds: float) -> TuningResult:
    """Run the :func:`finalists` again on the last round's instances with the confirmation
    seed, and give each its figures over both seeds (the round it last ran and this one);
    ``result`` unchanged, with a note, when ``seconds`` do not allow it."""
    last = result.rounds[-1]
    chosen = finalists(result)
    if _affordable(ctx, seconds, result.rounds, chosen, last.time_limit) < last.instances:
        return dataclasses.replace(
            result, note="the budget left no time to confirm the finalists with a second seed"
        )
    seed = int(ctx.config.seed) + CONFIRMATION_SEED_OFFSET
    instances = list(ctx.baseline.usable)[: last.instances]
    index = last.index + 1
    record, _ = _run_round(ctx, models, index, chosen, instances, last.time_limit, seed=seed)
    evaluations = list(result.evaluations)
    for candidate in chosen:
        earlier = _round_folder(ctx, result.final(candidate.name).round)
        folders = [earlier, _round_folder(ctx, index)]
        pooled = pooled_comparisons(folders, [candidate.name])
        evaluations.append(Evaluation(candidate.name, index, pooled[candidate.name]))
    return dataclasses.replace(
        result, rounds=(*result.rounds, record), evaluations=tuple(evaluations)
    )


def combination(survivors: Sequence[Candidate]) -> Candidate | None:
    """The branching and the diving survivor together, under the branching survivor's SCIP
    settings (None unless each group has exactly one survivor)."""
    branching = [c for c in survivors if c.group == "branching"]
    diving = [c for c in survivors if c.group == "diving"]
    if len(branching) != 1 or len(diving) != 1:
        return None
    (rule,), (dive,) = branching, diving
    parts = [_setting_name(rule), _setting_name(dive), rule.scip_settings]
    return Candidate(
        name="/".join(["combined", *parts]),
        group="combined",
        scip_settings=rule.scip_settings,
        scip_params=dict(rule.scip_params),
        branching=dict(rule.branching or {}),
        diving=dict(dive.diving or {}),
    )


def _setting_name(candidate: Candidate) -> str:
    """The component settings' name in a candidate's name (``branching/depth-4/default``)."""
    parts = candidate.name.split("/")
    return parts[1] if len(parts) > 1 else candidate.name


def _affordable(
    ctx: Any,
    left: float,
    rounds: Sequence[TuningRound],
    survivors: Sequence[Candidate],
    limit: float,
) -> int:
    """Instances a round of ``survivors`` (and SCIP's default) at ``limit`` can run in ``left``
    seconds: at the previous round's measured cost per run, scaled to ``limit``; before any
    round, at ``limit`` (and :data:`RUN_OVERHEAD_SECONDS`) a run."""
    workers = max(int(ctx.config.workers), 1)
    per_run = limit + RUN_OVERHEAD_SECONDS
    if rounds:
        last = rounds[-1]
        measured = last.seconds * workers / max(last.instances * (len(last.candidates) + 1), 1)
        per_run = min(per_run, measured * limit / last.time_limit)
    per_instance = (len(survivors) + 1) * per_run / workers
    return int(left // per_instance) if per_instance > 0 else len(ctx.baseline.usable)


def _round_folder(ctx: Any, index: int) -> Path:
    """The benchmark folder of round ``index`` (0: the first)."""
    return ctx.work / "tuning" / f"round-{index + 1}"


def _run_round(
    ctx: Any,
    models: Path,
    index: int,
    survivors: Sequence[Candidate],
    instances: Sequence[Path],
    limit: float,
    *,
    seed: int | None = None,
) -> tuple[TuningRound, dict[str, Comparison]]:
    """Run one round: ``survivors`` and SCIP's default on ``instances`` at ``limit``, with
    solver seed ``seed`` (default: the fit's)."""
    seed_note = "" if seed is None else f", solver seed {seed}"
    ctx.log(
        f"tuning round {index + 1}: {len(survivors)} candidates on {len(instances)} "
        f"validation instances, {limit:.1f} s each{seed_note}"
    )
    started = time.monotonic()
    figures = run_comparison(
        _round_folder(ctx, index),
        instances,
        [c.configuration(models) for c in survivors],
        time_limit=limit,
        seed=int(ctx.config.seed) if seed is None else seed,
        workers=int(ctx.config.workers),
        ray=getattr(ctx.config, "ray", None),
    )
    record = TuningRound(
        index=index,
        instances=len(instances),
        time_limit=limit,
        candidates=tuple(c.name for c in survivors),
        seconds=time.monotonic() - started,
        seed=seed,
    )
    return record, figures


def _tuning_model_set(ctx: Any) -> Path:
    """A model set of the trained checkpoints, enabled with default settings (candidates set
    their own on top), under ``ctx.work / "tuning" / "models"``."""
    from experiments.fit.write import place_component
    from solver.modelset import ModelSet, write_manifest

    folder = ctx.work / "tuning" / "models"
    components = {kind: place_component(ctx, kind, folder) for kind in ctx.checkpoints}
    write_manifest(folder, ModelSet(name="tuning", **components))
    return folder
