"""The full analysis of a network in one call: what the CLI, the report and the
benchmark run, step by step, with progress reported to the caller; above the
exact limit the betweenness estimate runs on a thread of its own beside the
other steps.

The dashboard calls the same steps one by one through its cached wrappers;
this module is for everything that needs all of it at once.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from . import brokers, gaps, suggest
from .centrality import centrality_table
from .paths import betweenness_alongside
from .network import StakeholderNetwork

__all__ = ["DEFAULT_SEED", "DEFAULT_RESOLUTION", "STEPS", "analyse", "analysis_result", "stakeholder_table", "to_jsonable"]

#: The analysis steps in the order they run, as reported to ``progress``.
#: Gaps and suggestions come first: above the exact limit betweenness is
#: estimated on a thread of its own from the start, and these two steps
#: do not need it.
STEPS: tuple[str, ...] = ("gaps", "suggestions", "centrality", "brokers")

#: The seed of every random choice (sampled betweenness pivots, Louvain's
#: node order, suggestion tie-breaks) unless a caller picks another: the
#: same data give the same results in the CLI, the report and the dashboard.
DEFAULT_SEED = 42
#: Louvain's resolution: 1.0 is modularity as Newman defined it; higher
#: values give more, smaller communities.
DEFAULT_RESOLUTION = 1.0

Progress = Callable[[str, int, int], None]


def stakeholder_table(centrality: pd.DataFrame, broker_table: pd.DataFrame, membership: dict) -> pd.DataFrame:
    """One row per stakeholder: centralities, structural holes, brokerage
    roles and community, indexed by id (the CLI's CSV output)."""
    extra = broker_table.drop(columns=[c for c in centrality.columns if c in broker_table.columns], errors="ignore")
    table = centrality.join(extra, how="left")
    table["community"] = [membership.get(str(i), membership.get(i)) for i in table.index]
    first = [c for c in ("name", "type") if c in table.columns]
    return table[first + [c for c in table.columns if c not in first]]


def analyse(
    network: StakeholderNetwork,
    *,
    lang: str = "nl",
    seed: int = DEFAULT_SEED,
    resolution: float = DEFAULT_RESOLUTION,
    suggestion_limit: int = 50,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run every analysis step on ``network``.

    Parameters
    ----------
    network : StakeholderNetwork
    lang : {"nl", "en"}
        Language of descriptions and reasons.
    seed : int
        Seed for sampled betweenness and Louvain communities.
    resolution : float
        Louvain resolution.
    suggestion_limit : int
        How many missing connections to keep.
    progress : callable, optional
        Called as ``progress(step, index, total)`` before each step, so a
        caller can show a progress bar or staged status.

    Returns
    -------
    dict
        ``stakeholders`` (DataFrame, one row per stakeholder), ``gaps``
        (:func:`netanalysis.gaps.gap_summary`), ``suggestions`` (DataFrame),
        ``single_points`` (DataFrame), ``method`` (how betweenness was
        computed) and ``timings`` (seconds per step).
    """
    G = network.to_graph()
    timings: dict[str, float] = {}

    def step(name: str):
        if progress is not None:
            progress(name, STEPS.index(name), len(STEPS))
        return time.perf_counter()

    # KADABRA (above the exact limit) runs in C++ without Python's lock: on
    # a second core it takes the 40-80 s it needs at 100,000 stakeholders
    # while the steps below run (exact values are computed here and now).
    between = betweenness_alongside(G, seed=seed)

    started = step("gaps")
    gap_summary = gaps.gap_summary(G, lang=lang, seed=seed, resolution=resolution)
    timings["gaps"] = time.perf_counter() - started

    started = step("suggestions")
    suggestions = suggest.suggest_connections(G, limit=suggestion_limit, lang=lang, seed=seed)
    timings["suggestions"] = time.perf_counter() - started

    started = step("centrality")
    centrality = centrality_table(G, seed=seed, betweenness_values=between)
    timings["centrality"] = time.perf_counter() - started

    started = step("brokers")
    broker_table = brokers.broker_table(G, lang=lang, centrality=centrality)
    single_points = brokers.single_points_of_contact(G)
    timings["brokers"] = time.perf_counter() - started

    return analysis_result(
        network, centrality=centrality, broker_table=broker_table, single_points=single_points,
        gap_summary=gap_summary, suggestions=suggestions, seed=seed, resolution=resolution, timings=timings,
    )


def analysis_result(
    network: StakeholderNetwork,
    *,
    centrality: pd.DataFrame,
    broker_table: pd.DataFrame,
    single_points: pd.DataFrame,
    gap_summary: dict,
    suggestions: pd.DataFrame,
    seed: int,
    resolution: float,
    timings: dict[str, float],
) -> dict[str, Any]:
    """The result of :func:`analyse` from its steps' results, computed here
    or elsewhere (the dashboard's cached steps give the report the same dict).
    """
    return {
        "network": {
            "name": network.name,
            "fingerprint": network.fingerprint(),
            "stakeholders": len(network),
            "relations": len(network.relations),
        },
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "method": {
            "betweenness": centrality.attrs.get("betweenness_method", "exact"),
            "betweenness_k": centrality.attrs.get("betweenness_k"),
            # With KADABRA: every value within this error of the exact one, with this probability.
            "betweenness_error": centrality.attrs.get("betweenness_error"),
            "betweenness_confidence": centrality.attrs.get("betweenness_confidence"),
            # Exact values from a saved version's background job (the dashboard).
            "exact_version": centrality.attrs.get("exact_version"),
            "seed": seed,
            "resolution": resolution,
        },
        "stakeholders": stakeholder_table(centrality, broker_table, gap_summary["membership"]),
        "brokers": broker_table,
        "single_points": single_points,
        "gaps": gap_summary,
        "suggestions": suggestions,
        "timings": timings,
    }


def to_jsonable(value: Any) -> Any:
    """Turn analysis results into JSON-ready data (NaN becomes ``None``).

    >>> to_jsonable({"a": float("nan"), "b": (1, 2)})
    {'a': None, 'b': [1, 2]}
    """
    if isinstance(value, pd.DataFrame):
        frame = value.reset_index() if value.index.name else value
        return [to_jsonable(r) for r in frame.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value
