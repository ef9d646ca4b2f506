"""The gate: which learned components go into a fitted set, with which settings, and why.

A component goes in only if it beats SCIP's default on the validation instances, as tuning
measured it (:mod:`experiments.fit.tuning`; over two solver seeds where its confirmation round
ran):

- branching: the best branching candidate takes at most :data:`BRANCHING_MAX_TIME_RATIO` of
  SCIP default's time (1-shifted geometric mean) and, under non-default SCIP settings, at most
  :data:`BRANCHING_MAX_TIME_RATIO` of what those settings alone take: the model must add to
  what the settings give, or it is left out (and the reason names the settings);
- diving: the best diving candidate's primal integral is at most
  :data:`DIVING_MAX_PRIMAL_INTEGRAL_RATIO` of SCIP default's, and its time at most
  :data:`DIVING_MAX_TIME_RATIO` of it.

The best candidate of a group is the best of those that reached its last round (the most
instances). Non-default SCIP settings are chosen only if they pay: the best candidate under them
takes at most :data:`SETTINGS_MAX_TIME_RATIO` of the time of the same rule under SCIP's default
settings, where both ran; otherwise the rule under SCIP's default settings is judged. The set
runs under the kept branching candidate's settings; diving alone is judged under SCIP's default
settings. When both pass, diving stays only if the two together (tuning's ``combined``
candidate, under the rule's settings) still pass the branching threshold and take at most
:data:`DIVING_MAX_TIME_RATIO` of the rule alone's time. When diving passes alone, it stays only
if SCIP settings alone are not faster (they must take more than
:data:`SETTINGS_ALONE_MAX_TIME_RATIO` of its time): else the set runs under those settings.
Each decision has a one-line reason with its figures. When no learned component helps, both are
disabled, and the set runs under the best SCIP settings alone if they took at most
:data:`SETTINGS_ALONE_MAX_TIME_RATIO` of SCIP default's time on validation (``--learned`` with
the set then applies them, and the reason says that its models add nothing), else under SCIP's
default settings: ``--learned`` then adds nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from experiments.fit.tuning import Candidate, Evaluation, TuningResult, rank_key

__all__ = [
    "BRANCHING_MAX_TIME_RATIO",
    "DIVING_MAX_PRIMAL_INTEGRAL_RATIO",
    "DIVING_MAX_TIME_RATIO",
    "SETTINGS_ALONE_MAX_TIME_RATIO",
    "SETTINGS_MAX_TIME_RATIO",
    "ComponentDecision",
    "GateDecision",
    "describe_candidate",
    "gate",
]

#: Learned branching is kept when it takes at most this share of SCIP default's time.
BRANCHING_MAX_TIME_RATIO = 0.97
#: Neural diving is kept when its primal integral is at most this share of SCIP default's...
DIVING_MAX_PRIMAL_INTEGRAL_RATIO = 0.90
#: ... and its time at most this share of SCIP default's.
DIVING_MAX_TIME_RATIO = 1.02
#: Non-default SCIP settings are kept when they take at most this share of the time the same
#: rule takes under SCIP's default settings.
SETTINGS_MAX_TIME_RATIO = 0.97
#: When no learned component is kept, the best SCIP settings alone become the set's when they
#: take at most this share of SCIP default's time.
SETTINGS_ALONE_MAX_TIME_RATIO = 0.97

#: Words for the parts of a candidate's name (:func:`experiments.fit.tuning.candidate_list`).
_WORDS = {
    "default": "SCIP's default settings",
    "no-restarts": "no restarts",
    "root-cuts": "cuts at the root only, no restarts",
    "all-depths": "learned at every depth",
    "depth-4": "learned to depth 4, SCIP's pseudocost rule below",
    "dive": "the dive",
    "dive-refine-3": "the dive, then 3 refinements around new incumbents",
}


def describe_candidate(candidate: Candidate) -> str:
    """The candidate in words: its component's settings, then its SCIP settings."""
    parts = candidate.name.split("/")[1:] or [candidate.name]
    return ", ".join(_WORDS.get(part, part) for part in parts)


def _scip_settings_words(candidate: Candidate) -> str:
    """The candidate's SCIP settings in words (``"no restarts"``)."""
    return _WORDS.get(candidate.scip_settings, candidate.scip_settings)


@dataclass(frozen=True)
class ComponentDecision:
    """The gate's decision on one component."""

    kind: str
    """``"branching"`` or ``"diving"``."""
    enabled: bool
    """Whether the set uses it."""
    why: str
    """One line with the figures: ``"kept: 0.81 of SCIP's default time on 6 ..."``."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Its plugin's settings (the chosen candidate's; empty when disabled)."""
    candidate: str | None = None
    """The candidate judged (None: none was evaluated)."""


@dataclass(frozen=True)
class GateDecision:
    """What goes into the fitted set: SCIP parameters and the two components' decisions."""

    branching: ComponentDecision
    """The learned branching rule."""
    diving: ComponentDecision
    """Neural diving."""
    scip_params: dict[str, Any] = field(default_factory=dict)
    """The SCIP parameters the set runs under (empty: SCIP's defaults)."""
    reason: str = ""
    """One line on the whole decision."""

    def component(self, kind: str) -> ComponentDecision:
        """The decision on ``kind`` (``"branching"`` or ``"diving"``)."""
        return getattr(self, kind)

    def to_json(self) -> dict[str, Any]:
        """JSON-serialisable fields."""
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> GateDecision:
        """The decision :meth:`to_json` recorded."""
        return cls(
            branching=ComponentDecision(**record["branching"]),
            diving=ComponentDecision(**record["diving"]),
            scip_params=dict(record["scip_params"]),
            reason=str(record["reason"]),
        )


def gate(tuning: TuningResult) -> GateDecision:
    """Decide the fitted set from ``tuning``'s figures (a pure function; see the module)."""
    branching = _branching(tuning)
    scip_params: dict[str, Any] = {}
    if branching.enabled and branching.candidate is not None:
        scip_params = dict(tuning.candidate(branching.candidate).scip_params)
    diving = _diving(tuning)
    if branching.enabled and diving.enabled:
        diving = _with_branching(tuning, branching, diving)
    if not branching.enabled and diving.enabled:
        diving = _against_settings_alone(tuning, diving)
    kept = [d.kind for d in (branching, diving) if d.enabled]
    if kept:
        settings = (
            "SCIP's default settings" if not scip_params else f"SCIP parameters {scip_params}"
        )
        return GateDecision(
            branching, diving, scip_params, f"kept {' and '.join(kept)}, under {settings}"
        )
    why = f" ({tuning.note})" if tuning.note else ""
    reason = f"no learned component paid on validation{why}: both components disabled"
    paying = _paying_settings_alone(tuning)
    if paying is None:
        reason += ", SCIP's default settings; --learned adds nothing with this set"
        return GateDecision(branching, diving, {}, reason)
    candidate, evaluation = paying
    reason += (
        f"; the set runs under the SCIP settings that paid alone: "
        f"{_scip_settings_words(candidate)}, "
        f"{_share(evaluation.comparison.time_ratio)} of SCIP's default time on "
        f"{evaluation.comparison.runs} validation runs (--learned with this set applies them)"
    )
    return GateDecision(branching, diving, dict(candidate.scip_params), reason)


def _against_settings_alone(tuning: TuningResult, diving: ComponentDecision) -> ComponentDecision:
    """The decision on diving kept alone (under SCIP's default settings): left out when SCIP
    settings alone took at most :data:`SETTINGS_ALONE_MAX_TIME_RATIO` of the dive's time (the
    set then runs under those settings; the dive was not validated under them)."""
    paying = _paying_settings_alone(tuning)
    evaluation = tuning.final(str(diving.candidate))
    if paying is None or evaluation is None or evaluation.comparison.time_ratio is None:
        return diving
    candidate, settings = paying
    alone, dive = settings.comparison.time_ratio, evaluation.comparison.time_ratio
    if alone is None or alone > SETTINGS_ALONE_MAX_TIME_RATIO * dive:
        return diving
    words = _scip_settings_words(candidate)
    why = (
        f"left out: SCIP settings alone ({words}) took {_share(alone)} of SCIP's default time "
        f"on validation, the dive under SCIP's default settings {_share(dive)}; the dive was not "
        f"validated under those settings (alone: {diving.why.removeprefix('kept: ')})"
    )
    return ComponentDecision("diving", False, why, candidate=diving.candidate)


def _paying_settings_alone(tuning: TuningResult) -> tuple[Candidate, Evaluation] | None:
    """The best SCIP settings without a learned component when they took at most
    :data:`SETTINGS_ALONE_MAX_TIME_RATIO` of SCIP default's time on validation, without a
    failed run (None otherwise)."""
    finals = _finalists(tuning, "settings")
    if not finals:
        return None
    candidate, evaluation = finals[0]
    ratio = evaluation.comparison.time_ratio
    if evaluation.comparison.errors or ratio is None or ratio > SETTINGS_ALONE_MAX_TIME_RATIO:
        return None
    return candidate, evaluation


def _finalists(tuning: TuningResult, group: str) -> list[tuple[Candidate, Evaluation]]:
    """The group's candidates that reached its last round, best first (:func:`rank_key`)."""
    finals = [
        (candidate, evaluation)
        for candidate in tuning.candidates
        if candidate.group == group and (evaluation := tuning.final(candidate.name)) is not None
    ]
    if not finals:
        return []
    last = max(evaluation.round for _, evaluation in finals)
    finals = [(c, e) for c, e in finals if e.round == last]
    return sorted(finals, key=lambda pair: rank_key(pair[0], pair[1].comparison))


def _not_judged(tuning: TuningResult, kind: str) -> ComponentDecision | None:
    """A disabled decision when ``kind`` was not trained or not evaluated; None otherwise."""
    if not any(c.group == kind for c in tuning.candidates):
        return ComponentDecision(kind, False, "left out: no trained model")
    if not _finalists(tuning, kind):
        why = f" ({tuning.note})" if tuning.note else ""
        return ComponentDecision(kind, False, f"left out: not validated{why}")
    return None


def _branching(tuning: TuningResult) -> ComponentDecision:
    """The decision on learned branching."""
    undecided = _not_judged(tuning, "branching")
    if undecided is not None:
        return undecided
    candidate, evaluation = _paying_settings(tuning, *_finalists(tuning, "branching")[0])
    figures = evaluation.comparison
    ratio = figures.time_ratio
    text = f"{describe_candidate(candidate)}: {_share(ratio)} of SCIP's default time"
    text += f" on {figures.runs} validation runs{_settings_alone(tuning, candidate)}"
    if figures.errors:
        why = f"left out: failed on {figures.errors} of {figures.runs} validation runs"
        return ComponentDecision("branching", False, why, candidate=candidate.name)
    alone = _settings_alone_ratio(tuning, candidate)
    if ratio is not None and alone is not None and ratio > BRANCHING_MAX_TIME_RATIO * alone:
        settings = _scip_settings_words(candidate)
        return ComponentDecision(
            "branching",
            False,
            f"left out: the best candidate, {text}, adds nothing to its settings; the settings "
            f"alone ({settings}) can be had with --scip-param",
            candidate=candidate.name,
        )
    if ratio is not None and ratio <= BRANCHING_MAX_TIME_RATIO:
        return ComponentDecision(
            "branching", True, f"kept: {text}", dict(candidate.branching or {}), candidate.name
        )
    return ComponentDecision(
        "branching",
        False,
        f"left out: the best candidate, {text}; kept at <= {BRANCHING_MAX_TIME_RATIO}",
        candidate=candidate.name,
    )


def _paying_settings(
    tuning: TuningResult, candidate: Candidate, evaluation: Evaluation
) -> tuple[Candidate, Evaluation]:
    """``candidate``, or the same rule under SCIP's default settings when ``candidate``'s
    settings do not pay (:data:`SETTINGS_MAX_TIME_RATIO`) in the last round both ran."""
    plain = next(
        (
            c
            for c in tuning.candidates
            if c.group == candidate.group
            and c.branching == candidate.branching
            and c.scip_settings == "default"
        ),
        None,
    )
    if plain is None or plain == candidate:
        return candidate, evaluation
    shared = _last_shared_round(tuning, candidate.name, plain.name)
    if shared is None:
        return candidate, evaluation
    mine, theirs = (shared[0].comparison.time_ratio, shared[1].comparison.time_ratio)
    if mine is None or theirs is None or shared[1].comparison.errors:
        return candidate, evaluation
    if mine <= SETTINGS_MAX_TIME_RATIO * theirs:
        return candidate, evaluation
    return plain, shared[1]


def _last_shared_round(
    tuning: TuningResult, first: str, second: str
) -> tuple[Evaluation, Evaluation] | None:
    """The evaluations of ``first`` and ``second`` in the last round both ran, or None."""
    rounds = {e.round: e for e in tuning.evaluations if e.candidate == first}
    shared = [e for e in tuning.evaluations if e.candidate == second and e.round in rounds]
    if not shared:
        return None
    latest = max(shared, key=lambda e: e.round)
    return rounds[latest.round], latest


def _settings_alone(tuning: TuningResult, candidate: Candidate) -> str:
    """``" (these settings alone: 0.92)"``, from the round in which ``candidate`` was judged
    (empty under SCIP's default settings or without such figures)."""
    ratio = _settings_alone_ratio(tuning, candidate)
    return "" if ratio is None else f" (these settings alone: {_share(ratio)})"


def _settings_alone_ratio(tuning: TuningResult, candidate: Candidate) -> float | None:
    """The time ratio of ``candidate``'s SCIP settings without learned components, from the
    last round both ran (None under SCIP's default settings or without such figures)."""
    alone = next(
        (
            c
            for c in tuning.candidates
            if c.group == "settings" and c.scip_settings == candidate.scip_settings
        ),
        None,
    )
    if candidate.scip_settings == "default" or alone is None:
        return None
    shared = _last_shared_round(tuning, candidate.name, alone.name)
    return None if shared is None else shared[1].comparison.time_ratio


def _diving(tuning: TuningResult) -> ComponentDecision:
    """The decision on neural diving (its candidates run under SCIP's default settings)."""
    undecided = _not_judged(tuning, "diving")
    if undecided is not None:
        return undecided
    candidate, evaluation = _finalists(tuning, "diving")[0]
    figures = evaluation.comparison
    integral, ratio = figures.primal_integral_ratio, figures.time_ratio
    text = (
        f"{describe_candidate(candidate)}: primal integral {_share(integral)} and time "
        f"{_share(ratio)} of SCIP's default on {figures.runs} validation runs"
    )
    if figures.errors:
        why = f"left out: failed on {figures.errors} of {figures.runs} validation runs"
        return ComponentDecision("diving", False, why, candidate=candidate.name)
    passes = (
        integral is not None
        and ratio is not None
        and integral <= DIVING_MAX_PRIMAL_INTEGRAL_RATIO
        and ratio <= DIVING_MAX_TIME_RATIO
    )
    if passes:
        return ComponentDecision(
            "diving", True, f"kept: {text}", dict(candidate.diving or {}), candidate.name
        )
    limits = (
        f"kept at primal integral <= {DIVING_MAX_PRIMAL_INTEGRAL_RATIO} and time <= "
        f"{DIVING_MAX_TIME_RATIO}"
    )
    return ComponentDecision(
        "diving",
        False,
        f"left out: the best candidate, {text}; {limits}",
        candidate=candidate.name,
    )


def _with_branching(
    tuning: TuningResult, branching: ComponentDecision, diving: ComponentDecision
) -> ComponentDecision:
    """The diving decision once both components passed alone: diving stays only if, with the
    kept rule and its settings, it costs no time (:data:`DIVING_MAX_TIME_RATIO` of the rule
    alone's time) and the two still beat SCIP's default (:data:`BRANCHING_MAX_TIME_RATIO`)."""
    rule = tuning.candidate(str(branching.candidate))
    together = next(
        (
            c
            for c in tuning.candidates
            if c.group == "combined"
            and c.scip_params == rule.scip_params
            and c.branching == branching.settings
            and c.diving == diving.settings
            and tuning.final(c.name) is not None
        ),
        None,
    )
    if together is None:
        return dataclasses.replace(
            diving, why=f"{diving.why}; not validated together with the learned rule"
        )
    figures = tuning.final(together.name).comparison
    both, rule_alone = figures.time_ratio, tuning.final(rule.name).comparison.time_ratio
    text = (
        f"with the learned rule: {_share(both)} of SCIP's default time, against "
        f"{_share(rule_alone)} for the rule alone, on {figures.runs} validation runs"
    )
    pays = (
        not figures.errors
        and both is not None
        and rule_alone is not None
        and both <= BRANCHING_MAX_TIME_RATIO
        and both <= DIVING_MAX_TIME_RATIO * rule_alone
    )
    if pays:
        return dataclasses.replace(diving, why=f"{diving.why}; {text}")
    why = f"left out: {text} (alone: {diving.why.removeprefix('kept: ')})"
    return ComponentDecision("diving", False, why, candidate=diving.candidate)


def _share(ratio: float | None) -> str:
    """A ratio as the reasons write it (``"0.81"``; ``"-"`` without one)."""
    return "-" if ratio is None else f"{ratio:.2f}"
