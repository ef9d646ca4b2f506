"""One entry point that adds neuralmip's learned plugins to a ``pyscipopt.Model``.

The learned components come from a model set (:mod:`solver.modelset`): a folder whose manifest
names its checkpoints, the settings of the branching rule and the diving heuristic, the SCIP
parameters it runs under and each component's training domain. The package ships one set per
generated class (``solver/models/setcover/``, ``cauctions/``, ...). A set is chosen by name, by
a folder, or by one checkpoint file (which then drives only the component it was trained for).

:func:`include_learned_plugins` works in three named steps, each usable on its own:

1. **plan** (:func:`plan_model_set`): which set, which of its components apply to this instance,
   and why the others are declined. It reads manifests and checkpoint metadata only (no torch).
   Each component records its training domain (:mod:`gnn.domain`): the range of structural
   profiles (:mod:`instances.profile`) of the instances it learned from, and is used only on an
   instance inside it. With no model named, the shipped set whose domain admits the instance is
   chosen; an instance unlike every shipped class is solved by SCIP alone. Learned decisions on
   a foreign structure are not wrong, only slow (``solver/models/README.md``).
2. **load** (:func:`load_policies`): the applying components' checkpoints become policies. torch
   is imported here, and only here: when no component applies, it is never imported.
3. **include**: the set's SCIP parameters are applied and the plugins added to the model, with
   the set's settings and the caller's overrides on top. A set whose own manifest disables
   every component (a fit whose SCIP settings paid and whose models did not) still applies its
   SCIP parameters to an instance inside its training domain.

Every checkpoint is loaded and checked before anything is added to the model, so a bad model
file is an error at load time, never in the middle of a solve.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyscipopt

from solver.modelset import COMPONENTS, Component, LearnedModelError, ModelSet, read_model_set

if TYPE_CHECKING:
    import numpy as np

    from gnn.checkpoint import Checkpoint
    from gnn.serving import Scorer
    from solver.branching import LearnedBranching
    from solver.diving import NeuralDiving

__all__ = [
    "DEFAULT_MODEL_SET",
    "SHIPPED_MODELS_DIR",
    "Component",
    "LearnedModelError",
    "LearnedPlugins",
    "ModelSet",
    "SETTINGS",
    "describe_learned",
    "include_learned_plugins",
    "learned_config",
    "load_model_set",
    "load_policies",
    "match_model_set",
    "plan_model_set",
    "resolve_model_set",
    "settings_alone_apply",
    "settings_words",
    "shipped_model_sets",
]

#: Where the package's pretrained model sets live, one folder each.
SHIPPED_MODELS_DIR = Path(__file__).resolve().parent / "models"

#: The shipped set :func:`resolve_model_set` gives when no model is named and there is no
#: instance to match (the class of the shipped example instance).
DEFAULT_MODEL_SET = "setcover"

logger = logging.getLogger(__name__)


#: The key of :func:`plan_model_set`'s declined mapping (and the name in descriptions) for a
#: set's SCIP settings when none of its components applies.
SETTINGS = "settings"


@dataclass(frozen=True)
class LearnedPlugins:
    """What :func:`include_learned_plugins` added (read the counters after the solve)."""

    branching: LearnedBranching | None
    diving: NeuralDiving | None
    model_set: str | None = None
    """The model set the components came from (None: none was used)."""
    declined: dict[str, str] = field(default_factory=dict)
    """Why a requested component was left out, by component (``"branching"``, ``"diving"``)."""
    scip_params: Mapping[str, Any] = field(default_factory=dict)
    """The SCIP parameters the model set runs under, as applied to the model (default none)."""

    def describe(self) -> str:
        """One line: which learned components run, from which set, and what was declined (read
        after the solve, it also names a rule that stood aside for the whole solve)."""
        declined = dict(self.declined)
        if self.branching is not None and self.branching.stood_aside:
            declined["branching"] = self.branching.stood_aside  # known once the solve began
        used = [
            name for name in COMPONENTS if getattr(self, name) is not None and name not in declined
        ]
        if not used and self.scip_params:
            used = [settings_words(self.scip_params)]
        return describe_learned(self.model_set, used, declined)


def describe_learned(model_set: str | None, used: list[str], declined: dict[str, str]) -> str:
    """One line: the learned components ``used`` from ``model_set``, and why others were not."""
    parts = [f"{model_set}: {', '.join(used)}"] if used else ["none"]
    parts += [f"{name} declined: {reason}" for name, reason in declined.items()]
    return "; ".join(parts)


# --- finding model sets (no torch) ----------------------------------------------------------


def shipped_model_sets() -> dict[str, ModelSet]:
    """The model sets shipped in the package, by name (read from their manifests once a
    process, and again when a manifest changes)."""
    if not SHIPPED_MODELS_DIR.is_dir():
        return {}
    manifests = tuple(
        (folder, (folder / "modelset.toml").stat().st_mtime_ns)
        for folder in sorted(SHIPPED_MODELS_DIR.iterdir())
        if (folder / "modelset.toml").is_file()
    )
    return dict(_read_model_sets(manifests))


@functools.lru_cache(maxsize=4)
def _read_model_sets(manifests: tuple[tuple[Path, int], ...]) -> dict[str, ModelSet]:
    """The model sets of ``(folder, manifest mtime)`` pairs, by name."""
    sets = [read_model_set(folder) for folder, _ in manifests]
    return {models.name: models for models in sets}


def resolve_model_set(spec: str | Path | None = None) -> ModelSet:
    """The model set ``spec`` names (manifests and checkpoint metadata are read; no weights).

    Parameters
    ----------
    spec
        None for :data:`DEFAULT_MODEL_SET`; the name of a shipped set; a model set folder; a
        folder of checkpoints without a manifest (at most one of each component, whatever their
        names); or one checkpoint file.

    Raises
    ------
    LearnedModelError
        When nothing usable is found, or a manifest or checkpoint cannot be read.
    """
    name = DEFAULT_MODEL_SET if spec is None else str(spec)
    path = Path(name)
    if not path.exists():
        shipped = shipped_model_sets()
        if name in shipped:
            return shipped[name]
        available = ", ".join(shipped) or "none are shipped"
        raise LearnedModelError(
            f"{name}: no such model file, folder or shipped model set (shipped: {available}); "
            "train one with `neuralmip collect` and `neuralmip train`, then pass it with "
            "--model PATH"
        )
    return read_model_set(path)


# --- plan -------------------------------------------------------------------------------------


def plan_model_set(
    model: pyscipopt.Model,
    model_path: str | Path | None = None,
    *,
    branching: bool = True,
    diving: bool = True,
    check_domain: bool = True,
) -> tuple[ModelSet | None, dict[str, str]]:
    """The model set :func:`include_learned_plugins` would use on ``model``, and why each
    requested component it would leave out is left out (by component name).

    Reads manifests and checkpoint metadata only: torch is not imported. The components that
    apply are the requested ones the set holds that are not declined.

    Parameters
    ----------
    model
        The instance, with its problem built.
    model_path
        What to use (see :func:`resolve_model_set`); None: the shipped set matching the instance
        (:func:`match_model_set`), or :data:`DEFAULT_MODEL_SET` with ``check_domain=False``.
    branching, diving
        Which components are requested.
    check_domain
        Decline a component whose training domain does not admit the instance; False: use it.

    Raises
    ------
    LearnedModelError
        When ``model_path`` names nothing usable, or (with ``check_domain``) a requested
        component records no training domain.
    """
    wanted = [kind for kind, needed in zip(COMPONENTS, (branching, diving), strict=True) if needed]
    profile = functools.cache(lambda: _profile(model))  # profiled once, and only when needed
    if model_path is None and check_domain:
        models, reason = _match(*profile())
        if models is None:
            return None, {kind: reason for kind in wanted}
    else:
        models = resolve_model_set(model_path)
    declined = _declined(profile, models, wanted, check_domain)
    if wanted and _only_settings(models, declined):
        reason = _settings_declined(profile, models) if check_domain else ""
        if reason:
            declined[SETTINGS] = reason
    return models, declined


def settings_words(scip_params: Mapping[str, Any]) -> str:
    """``"its SCIP settings alone (a = 1, b = 0)"``: what a set with no component applies."""
    values = ", ".join(f"{name} = {value}" for name, value in scip_params.items())
    return f"its SCIP settings alone ({values})"


def settings_alone_apply(models: ModelSet, declined: Mapping[str, str]) -> bool:
    """Whether ``models``' SCIP settings apply without any of its components, as planned
    (:func:`plan_model_set`'s ``declined``): the set disabled every requested component itself
    and its domain admits the instance."""
    return _only_settings(models, declined) and SETTINGS not in declined


def _only_settings(models: ModelSet, declined: Mapping[str, str]) -> bool:
    """Whether ``models`` has SCIP settings and every requested component was declined by the
    set's own manifest (its fit found that its settings paid and its models did not)."""
    reasons = [reason for kind, reason in declined.items() if kind != SETTINGS]
    return bool(models.scip_params and reasons) and all(
        reason.startswith("disabled in ") for reason in reasons
    )


def _settings_declined(
    profile_of: Callable[[], tuple[np.ndarray | None, str]], models: ModelSet
) -> str:
    """Why the SCIP settings of a set whose components are all disabled are not used on this
    instance ("" when they are): the training domains of all its components must admit it."""
    domains = [component.domain for component in models.components()]
    if not domains or any(domain is None for domain in domains):
        return f"{models.name} records no training domain for them"
    profile, reason = profile_of()
    if profile is None:
        return reason
    for domain in domains:
        if violations := domain.violations(profile):
            return (
                f"{models.name} was fitted on instances unlike this one "
                f"({'; '.join(violations[:3])})"
            )
    return ""


def match_model_set(model: pyscipopt.Model) -> tuple[ModelSet | None, str]:
    """The shipped set trained on instances like ``model``'s, or None and why there is none.

    A set matches when the training domains of all its enabled components admit the instance's
    profile; of several, the one nearest to its training ranges wins (ties: by name).
    """
    return _match(*_profile(model))


def _match(profile: np.ndarray | None, reason: str) -> tuple[ModelSet | None, str]:
    """:func:`match_model_set` on the instance's profile (None: not profiled, for ``reason``)."""
    if profile is None:
        return None, reason
    shipped = shipped_model_sets()
    ranked = []
    for name, models in shipped.items():
        domains = [c.domain for c in models.components() if c.enabled]
        if not domains or any(domain is None for domain in domains):
            continue  # without a recorded domain a set cannot be matched, only named
        if all(domain.admits(profile) for domain in domains):
            ranked.append((max(domain.distance(profile) for domain in domains), name))
    if ranked:
        return shipped[min(ranked)[1]], ""
    return None, "no shipped model was trained on instances like this one"


def _declined(
    profile_of: Callable[[], tuple[np.ndarray | None, str]],
    models: ModelSet,
    wanted: list[str],
    check_domain: bool,
) -> dict[str, str]:
    """Why each wanted component of ``models`` may not be used on the instance that
    ``profile_of`` profiles (by component)."""
    declined: dict[str, str] = {}
    present = [c for c in map(models.component, wanted) if c is not None]
    for component in present:
        if not component.enabled:
            declined[component.kind] = f"disabled in {models.name}: {component.why or 'no reason'}"
    checked = [c for c in present if c.kind not in declined]
    if not check_domain or not checked:
        return declined
    for component in checked:
        if component.domain is None:
            raise LearnedModelError(_no_domain_message(component))
    profile, reason = profile_of()
    for component in checked:
        if profile is None:
            declined[component.kind] = reason
        elif violations := component.domain.violations(profile):
            declined[component.kind] = (
                f"{component.path.parent.name}/{component.path.name} was trained on instances "
                f"unlike this one ({'; '.join(violations[:3])})"
            )
    return declined


def _no_domain_message(component: Component) -> str:
    """One line: the component records no training domain, and how to fix that."""
    return (
        f"{component.path}: the {component.kind} model records no training domain, so it "
        "cannot be checked against this instance; fit one on its training instances "
        "(`neuralmip domain CHECKPOINT --instances DIR`), or use it on any "
        "instance with --any-instance (check_domain=False)"
    )


def _profile(model: pyscipopt.Model) -> tuple[np.ndarray | None, str]:
    """The instance's profile, or None and why it could not be computed (then no model is used:
    a learned plugin may cost time, never the solve)."""
    from instances.profile import instance_profile

    try:
        return instance_profile(model), ""
    except Exception as error:  # an odd model must not stop a solve that SCIP can run
        return None, f"the instance could not be profiled ({type(error).__name__}: {error})"


# --- load -------------------------------------------------------------------------------------


def load_model_set(spec: str | Path | None = None) -> ModelSet:
    """Resolve ``spec`` (see :func:`resolve_model_set`) and load its enabled checkpoints now.

    Loaded networks are cached, so the solves that follow (several workers of a race, say)
    start without reading the files again, and a bad file is reported before any solve starts.

    Raises
    ------
    LearnedModelError
        When nothing usable is found, or a checkpoint cannot be loaded.
    """
    models = resolve_model_set(spec)
    for component in models.components():
        if component.enabled:
            _load_network(component)
    return models


def load_policies(
    models: ModelSet, kinds: list[str], *, branching_server: Scorer | None = None
) -> dict[str, Any]:
    """Load the checkpoints of ``models``' components ``kinds`` as policies (imports torch).

    Parameters
    ----------
    models
        The planned set.
    kinds
        The components to load (each must be in the set).
    branching_server
        A client of a batching inference server that holds this set's branching network as
        :func:`gnn.serving.servable_module` made it: the branching policy then runs its network
        there and falls back to this process when the server fails.

    Returns
    -------
    dict
        A :class:`gnn.policy.BranchingPolicy` under ``"branching"`` and a
        :class:`gnn.diving.DivingPolicy` under ``"diving"``, for the kinds asked.

    Raises
    ------
    LearnedModelError
        When a checkpoint cannot be loaded or holds the other kind of model.
    """
    policies: dict[str, Any] = {}
    for kind in kinds:
        component = models.component(kind)
        if component is None:
            raise LearnedModelError(f"{models.name}: holds no {kind} model")
        network = _load_network(component)
        if kind == "branching":
            policies[kind] = _branching_policy(network, branching_server)
        else:
            from gnn.diving import DivingPolicy

            policies[kind] = DivingPolicy(network)
    return policies


def _branching_policy(network: Any, server: Scorer | None) -> Any:
    """The policy that branches with ``network`` (through ``server`` when given)."""
    if server is not None:
        from gnn.serving import served_branching_policy

        return served_branching_policy(network, server)
    from gnn.policy import policy_for_model

    return policy_for_model(network)


def _load_network(component: Component) -> Any:
    """The network of ``component``'s checkpoint, checked to be of the component's kind."""
    from gnn.diving import DivingGNN

    network = _load_checkpoint(component.path).model
    if isinstance(network, DivingGNN) != (component.kind == "diving"):
        held = "a diving" if isinstance(network, DivingGNN) else "a branching"
        raise LearnedModelError(
            f"{component.path}: holds {held} model, not a {component.kind} model"
        )
    return network


def _load_checkpoint(path: Path) -> Checkpoint:
    """Load a checkpoint once per file version; one clear error line otherwise.

    The network is shared between solves (it is only read); the policy objects that wrap it
    hold per-solve state and are made anew for each model.
    """
    from gnn.checkpoint import CheckpointError

    try:
        stat = path.stat()
        return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except CheckpointError as error:
        raise LearnedModelError(str(error)) from None
    except OSError as error:
        raise LearnedModelError(f"{path}: cannot read the model ({error.strerror})") from None


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Checkpoint:
    import gnn.diving  # noqa: F401  (registers the diving model class with the loader)
    from gnn.checkpoint import load_checkpoint

    return load_checkpoint(path)


# --- include ----------------------------------------------------------------------------------


def include_learned_plugins(
    model: pyscipopt.Model,
    *,
    branching: bool = True,
    diving: bool = True,
    model_path: str | Path | None = None,
    check_domain: bool = True,
    branching_overrides: Mapping[str, Any] | None = None,
    diving_overrides: Mapping[str, Any] | None = None,
    branching_server: Scorer | None = None,
    torch_threads: int | None = 1,
) -> LearnedPlugins:
    """Include the learned branching rule and the neural diving heuristic in ``model``.

    Plans (:func:`plan_model_set`), loads (:func:`load_policies`), then applies the set's SCIP
    parameters and adds the plugins. The rule and the heuristic are configured one way: the
    model set's settings (its manifest), with the caller's overrides on top. To run a policy of
    your own, call :func:`solver.branching.include_learned_branching` or
    :func:`solver.diving.include_neural_diving` directly.

    Parameters
    ----------
    model
        The model to extend, with its problem built and before ``optimize()``.
    branching, diving
        Which learned components to include; ``branching=False`` leaves SCIP's branching alone.
    model_path
        A shipped set's name, a model set folder, a folder of checkpoints or one checkpoint file
        (see :func:`resolve_model_set`); None picks the shipped set trained on instances like
        this one and includes nothing when there is none (with ``check_domain=False``:
        :data:`DEFAULT_MODEL_SET`).
    check_domain
        Leave out a component whose training domain does not admit this instance, and refuse
        one that records no domain (see :mod:`gnn.domain`); False uses them anyway.
    branching_overrides, diving_overrides
        Fields of :class:`solver.branching.BranchingRuleConfig` /
        :class:`solver.diving.NeuralDivingConfig` set on top of the model set's settings, e.g.
        ``{"shortlist_size": 4}`` or ``{"coverages": (0.9, 0.7)}``. Default: none.
    branching_server
        A client of a batching inference server holding this set's branching network (see
        :func:`load_policies`). The caller closes it after the solve. Default: none.
    torch_threads
        ``torch.set_num_threads`` for this process, set when a component is loaded (None: leave
        it). Default 1: the networks score one small graph at a time on the solver's thread
        (``solver/models/README.md`` has the measurements).

    Returns
    -------
    LearnedPlugins
        The included rule and heuristic (None where not included), and why any were declined.

    Raises
    ------
    LearnedModelError
        When a needed model is missing or unusable; nothing is added to ``model`` then.
    """
    if torch_threads is not None and torch_threads < 1:
        raise ValueError(f"torch_threads must be >= 1 or None, got {torch_threads}")
    models, declined = plan_model_set(
        model, model_path, branching=branching, diving=diving, check_domain=check_domain
    )
    for name, reason in declined.items():
        # A component its own set disables is the set's choice, not a surprise: said at info
        # level (the summary's learned line says it too); any other reason is a warning.
        level = logging.INFO if reason.startswith("disabled in ") else logging.WARNING
        logger.log(
            level, "neuralmip: learned %s left out (SCIP's own plugins decide): %s", name, reason
        )
    wanted = [kind for kind, needed in zip(COMPONENTS, (branching, diving), strict=True) if needed]
    if models is None or not wanted:
        return LearnedPlugins(branching=None, diving=None, declined=declined)
    kinds = [kind for kind in wanted if models.component(kind) is not None and kind not in declined]
    if not kinds:
        if not declined:
            raise LearnedModelError(f"{models.name}: holds no model for the requested components")
        if not settings_alone_apply(models, declined):
            return LearnedPlugins(branching=None, diving=None, declined=declined)
        from solver.settings import apply_scip_params

        apply_scip_params(model, models.scip_params)  # the set's settings alone (a fit's choice)
        return LearnedPlugins(
            None, None, model_set=models.name, declined=declined, scip_params=models.scip_params
        )
    policies = load_policies(models, kinds, branching_server=branching_server)
    if torch_threads is not None:
        import torch

        torch.set_num_threads(torch_threads)
    overrides = {"branching": branching_overrides, "diving": diving_overrides}
    included = _include(model, models, policies, overrides)
    return LearnedPlugins(
        **included, model_set=models.name, declined=declined, scip_params=dict(models.scip_params)
    )


def _include(
    model: pyscipopt.Model,
    models: ModelSet,
    policies: Mapping[str, Any],
    overrides: Mapping[str, Mapping[str, Any] | None],
) -> dict[str, Any]:
    """Apply ``models``' SCIP parameters and add a plugin per policy, configured by the set's
    settings with ``overrides`` on top; returns the plugins by component (None: not added)."""
    from solver.branching import include_learned_branching
    from solver.diving import include_neural_diving
    from solver.settings import apply_scip_params

    if models.scip_params:
        apply_scip_params(model, models.scip_params)
    included: dict[str, Any] = {"branching": None, "diving": None}
    includes = {"branching": include_learned_branching, "diving": include_neural_diving}
    for kind, policy in policies.items():
        settings = {**models.component(kind).settings, **(overrides.get(kind) or {})}
        config = learned_config(kind, settings, models.name)
        included[kind] = includes[kind](model, policy, config=config)
    return included


def learned_config(kind: str, settings: Mapping[str, Any], name: str) -> Any:
    """The plugin configuration of component ``kind`` (``"branching"``:
    :class:`solver.branching.BranchingRuleConfig`, ``"diving"``:
    :class:`solver.diving.NeuralDivingConfig`) made from ``settings`` (empty: its defaults).

    Raises
    ------
    LearnedModelError
        On an unknown field or a bad value, naming the set ``name``: one clear line.
    """
    from solver.branching import BranchingRuleConfig
    from solver.diving import NeuralDivingConfig

    config_class = {"branching": BranchingRuleConfig, "diving": NeuralDivingConfig}[kind]
    return _config(config_class, settings, name, kind)


def _config(config_class: type, settings: Mapping[str, Any], name: str, kind: str) -> Any:
    """``config_class(**settings)``; an unknown field or bad value is one clear error line."""
    known = {f.name for f in dataclasses.fields(config_class)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise LearnedModelError(
            f"{name}: unknown {kind} settings {', '.join(unknown)} "
            f"(fields of {config_class.__name__}: {', '.join(sorted(known))})"
        )
    values = {key: tuple(v) if isinstance(v, list) else v for key, v in settings.items()}
    try:
        return config_class(**values)
    except (TypeError, ValueError) as error:
        raise LearnedModelError(f"{name}: bad {kind} settings ({error})") from None
