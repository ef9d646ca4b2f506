"""Combinatorial auctions: Leyton-Brown et al.'s "arbitrary relationships" bids, as in Gasse et al.

K. Leyton-Brown, M. Pearson and Y. Shoham, "Towards a universal test suite for combinatorial
auction algorithms", ACM Conference on Electronic Commerce (EC-00), 66-76, section 4.3.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pyscipopt

from instances.generators.common import RngLike, as_rng

__all__ = ["CombinatorialAuction", "Bid"]

_LOG = logging.getLogger(__name__)

#: A bid: the items it asks for (real items, then at most one dummy XOR item) and its price.
Bid = tuple[tuple[int, ...], float]


@dataclass(frozen=True)
class CombinatorialAuction:
    """Winner determination: accept bids of maximum total price, each item sold at most once.

    ``max p^T x  s.t.  sum of x over the bids that hold item k <= 1 for each item k,  x binary``.
    A bidder's substitutable bids share a dummy item, so at most one of them wins (XOR bids).
    Parameter names and defaults are ecole's ``CombinatorialAuctionGenerator``.
    """

    n_items: int = 100
    """Number of items for sale."""
    n_bids: int = 500
    """Number of bids, i.e. binary variables."""
    min_value: int = 1
    """Smallest common (resale) value of an item."""
    max_value: int = 100
    """Largest common (resale) value of an item."""
    value_deviation: float = 0.5
    """How far a bidder's private value of an item may stray from its common value, as a
    fraction of ``max_value``."""
    add_item_prob: float = 0.9
    """Probability of adding one more item to a bundle being built (Gasse et al. used 0.7)."""
    max_n_sub_bids: int = 5
    """Most substitutable bids per bidder (a bidder makes at most ``max_n_sub_bids + 1`` bids)."""
    additivity: float = 0.2
    """Bundle price exponent: a bundle of ``n`` items costs its items' values plus
    ``n ** (1 + additivity)``; negative gives sub-additive, positive super-additive prices."""
    budget_factor: float = 1.5
    """A substitutable bid may cost at most ``budget_factor`` times the bidder's first bid."""
    resale_factor: float = 0.5
    """A substitutable bundle must be worth at least ``resale_factor`` times the first bundle's
    common value."""
    integers: bool = False
    """Round bid prices down to integers."""
    warnings: bool = False
    """Log (at WARNING level) each candidate bid that is rejected, and why."""

    def __post_init__(self) -> None:
        if self.n_items < 1 or self.n_bids < 1:
            raise ValueError(
                f"combinatorial auction needs n_items >= 1 and n_bids >= 1, got {self.n_items} and {self.n_bids}"
            )
        if not 0 <= self.min_value <= self.max_value:
            raise ValueError(
                f"combinatorial auction needs 0 <= min_value <= max_value, got {self.min_value} and {self.max_value}"
            )
        if not 0.0 <= self.add_item_prob <= 1.0:
            raise ValueError(f"add_item_prob must be in [0, 1], got {self.add_item_prob}")
        if self.max_n_sub_bids < 0:
            raise ValueError(f"max_n_sub_bids must be >= 0, got {self.max_n_sub_bids}")

    def _reject(self, why: str) -> None:
        if self.warnings:
            _LOG.warning("combinatorial auction: %s", why)

    def sample_bids(self, rng: RngLike = None) -> tuple[list[Bid], int]:
        """Sample the bids (``rng``: see :func:`~instances.generators.common.as_rng`).

        Returns
        -------
        bids : list of Bid
            ``n_bids`` bids; items ``>= n_items`` are dummy items that tie a bidder's bids together.
        n_dummy_items : int
            Number of dummy items.
        """
        rng = as_rng(rng)
        n_items = self.n_items
        values = self.min_value + (self.max_value - self.min_value) * rng.random(n_items)
        # Symmetric item compatibilities, each item's column normalised to sum to one.
        upper = np.triu(rng.random((n_items, n_items)), k=1)
        compats = upper + upper.T
        column_sums = compats.sum(axis=0, keepdims=True)
        compats = np.divide(compats, column_sums, out=np.zeros_like(compats), where=column_sums > 0)

        bids: list[Bid] = []
        n_dummy_items = 0
        while len(bids) < self.n_bids:
            bidder_bids = self._bidder_bids(values, compats, self.n_bids - len(bids), rng)
            if bidder_bids is None:
                continue
            # More than two bids of one bidder need a dummy item to be mutually exclusive (as in
            # the reference generators; two bids that share no item may both win).
            dummy: tuple[int, ...] = ()
            if len(bidder_bids) > 2:
                dummy = (n_items + n_dummy_items,)
                n_dummy_items += 1
            bids.extend((items + dummy, bid_price) for items, bid_price in bidder_bids.items())
        return bids, n_dummy_items

    def _bidder_bids(
        self, values: np.ndarray, compats: np.ndarray, room: int, rng: np.random.Generator
    ) -> dict[tuple[int, ...], float] | None:
        """One bidder's bids, ``bundle -> price``: a first bundle and up to ``max_n_sub_bids``
        substitutes, at most ``room`` bids in all (None: the first bundle's price is negative)."""
        n_items = self.n_items
        interests = rng.random(n_items)
        private_values = values + self.max_value * self.value_deviation * (2 * interests - 1)

        # First bundle: a first item by interest, then more while a coin says so.
        first_item = int(rng.choice(n_items, p=interests / interests.sum()))
        in_bundle = np.zeros(n_items, dtype=bool)
        in_bundle[first_item] = True
        while rng.random() < self.add_item_prob and not in_bundle.all():
            in_bundle[self._next_item(in_bundle, interests, compats, rng)] = True
        bundle = np.flatnonzero(in_bundle)
        price = self._price(bundle, private_values)
        if price < 0:
            self._reject("negatively priced bundle avoided")
            return None
        bidder_bids: dict[tuple[int, ...], float] = {tuple(bundle.tolist()): price}

        # Substitutes: one per item of the first bundle, grown from that item to the same size.
        candidates: list[tuple[np.ndarray, float]] = []
        for item in bundle.tolist():
            in_sub = np.zeros(n_items, dtype=bool)
            in_sub[item] = True
            while in_sub.sum() < bundle.size:
                in_sub[self._next_item(in_sub, interests, compats, rng)] = True
            sub_bundle = np.flatnonzero(in_sub)
            candidates.append((sub_bundle, self._price(sub_bundle, private_values)))

        budget = self.budget_factor * price
        min_resale_value = self.resale_factor * values[bundle].sum()
        # Highest price first; a stable sort keeps ties in generation order.
        order = np.argsort([-sub_price for _, sub_price in candidates], kind="stable")
        for index in order.tolist():
            sub_bundle, sub_price = candidates[index]
            if len(bidder_bids) >= min(self.max_n_sub_bids + 1, room):
                break
            key = tuple(sub_bundle.tolist())
            if sub_price < 0:
                self._reject("negatively priced substitutable bundle avoided")
            elif sub_price > budget:
                self._reject("over priced substitutable bundle avoided")
            elif values[sub_bundle].sum() < min_resale_value:
                self._reject("substitutable bundle below min resale value avoided")
            elif key in bidder_bids:
                self._reject("duplicated substitutable bundle avoided")
            else:
                bidder_bids[key] = sub_price
        return bidder_bids

    def _price(self, bundle: np.ndarray, private_values: np.ndarray) -> float:
        price = float(private_values[bundle].sum() + bundle.size ** (1.0 + self.additivity))
        return float(np.floor(price)) if self.integers else price

    @staticmethod
    def _next_item(
        in_bundle: np.ndarray, interests: np.ndarray, compats: np.ndarray, rng: np.random.Generator
    ) -> int:
        """Pick an item outside the bundle, by interest times mean compatibility with the bundle."""
        weights = (~in_bundle) * interests * compats[in_bundle].mean(axis=0)
        total = weights.sum()
        if not total > 0:  # all remaining weights vanished (only with degenerate draws)
            weights = (~in_bundle).astype(float)
            total = weights.sum()
        return int(rng.choice(in_bundle.size, p=weights / total))

    def generate(self, rng: RngLike = None) -> pyscipopt.Model:
        """Sample one combinatorial auction instance.

        Returns a maximisation problem with ``n_bids`` binary variables ``x{b}`` and one packing
        constraint ``item{k}`` per item (real or dummy) that some bid asks for. ``rng`` is as in
        :func:`~instances.generators.common.as_rng`.
        """
        bids, n_dummy_items = self.sample_bids(rng)
        bids_of_item: list[list[int]] = [[] for _ in range(self.n_items + n_dummy_items)]
        for bid_index, (items, _) in enumerate(bids):
            for item in items:
                bids_of_item[item].append(bid_index)

        model = pyscipopt.Model(f"cauctions_{self.n_items}i_{self.n_bids}b")
        x = [model.addVar(name=f"x{b}", vtype="B", obj=price) for b, (_, price) in enumerate(bids)]
        for item, bid_indices in enumerate(bids_of_item):
            if bid_indices:
                model.addCons(
                    pyscipopt.quicksum(x[b] for b in bid_indices) <= 1, name=f"item{item}"
                )
        model.setMaximize()
        return model
