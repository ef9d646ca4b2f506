"""The label-quality study: agreement with ties, unscored candidates, one small run."""

from __future__ import annotations

import math

import numpy as np
import pytest

from experiments.studies.label_quality import VARIANTS, _compare, probe_instance, summarise
from instances.generators import SetCover, write_instance
from tests.solver.test_strong_branching import BRANCHY_PARAMS


def test_agreement_counts_ties_and_unscored_candidates_rank_last():
    full = np.array([1.0, 3.0, 3.0, 0.5])
    assert _compare(full, np.array([0.0, 1.0, 2.0, 0.0]))[0]  # a tie with the best agrees
    agrees, ratio, rho, _ = _compare(full, np.array([9.0, np.nan, np.nan, 1.0]))
    assert not agrees and ratio == pytest.approx(1 / 3)
    # The unscored candidates (the full best) tie last: the ranking is reversed there.
    assert rho < 0
    same = _compare(full, full)
    assert same[0] and same[1] == 1.0 and same[2] == pytest.approx(1.0)
    assert math.isnan(_compare(np.ones(3), np.array([1.0, 2.0, 3.0]))[2])  # no ranking to match


def test_a_small_run_compares_every_variant_on_the_same_nodes(tmp_path):
    model = SetCover(n_rows=100, n_cols=200, density=0.1).generate(2)
    path = write_instance(model, tmp_path / "setcover.mps")
    model.freeProb()
    variants = {name: VARIANTS[name] for name in ("full", "iterations-10", "history-5")}
    rows = probe_instance(path, variants, n_nodes=3, seed=0, scip_params=BRANCHY_PARAMS)
    assert 0 < len(rows) <= 3
    lines = {line["variant"]: line for line in summarise(rows, list(variants))}
    assert lines["full"]["argmax_agreement"] == 1.0 and lines["full"]["label_yield"] == 1.0
    assert lines["history-5"]["label_yield"] == 1.0
    assert lines["history-5"]["sb_ms_per_node"] < lines["full"]["sb_ms_per_node"]
    assert all(line["nodes"] == len(rows) for line in lines.values())


def test_rank_correlations_by_hand() -> None:
    from experiments.studies.label_quality import kendall_tau_b, spearman_rho

    first = np.array([1.0, 2.0, 3.0, 4.0])
    second = np.array([1.0, 3.0, 2.0, 4.0])  # one discordant pair of six
    assert spearman_rho(first, second) == pytest.approx(0.8)
    assert kendall_tau_b(first, second) == pytest.approx(4 / 6)
    assert spearman_rho(first, first[::-1]) == pytest.approx(-1.0)
    tied = np.array([1.0, 1.0, 2.0, 2.0])  # ties: tau-b, average ranks
    assert kendall_tau_b(first, tied) == pytest.approx(4 / np.sqrt(6 * 4))
    assert spearman_rho(first, tied) == pytest.approx(
        np.corrcoef([0, 1, 2, 3], [0.5, 0.5, 2.5, 2.5])[0, 1]
    )
