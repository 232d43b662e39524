"""Cached analysis wrappers: every result is keyed on the network's content
fingerprint plus the parameters, so a rerun, a filter change elsewhere or a
page switch with unchanged data computes nothing again.

The network itself is passed as ``_network`` (not hashed: Streamlit skips
parameters starting with an underscore); the fingerprint stands in for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pandas as pd
import streamlit as st

from netanalysis.analysis import DEFAULT_RESOLUTION, DEFAULT_SEED, STEPS, analysis_result
from netanalysis.network import StakeholderNetwork

__all__ = [
    "exact_job", "centrality", "brokers", "single_points", "gaps", "communities", "suggestions", "layout",
    "ego_suggestions", "missing_initiatives", "mixing", "view", "map_parts", "full_analysis",
]

_CACHE = dict(max_entries=24, show_spinner=False)


def exact_job(network: StakeholderNetwork):
    """The background job computing exact betweenness and closeness of a saved
    version with this network's content (:class:`netanalysis.store.ExactJob`),
    or ``None``: small networks are exact anyway, and unsaved ones have none.
    One indexed query, not cached, so a finished job shows on the next rerun."""
    from netanalysis.sampling import EXACT_BETWEENNESS_LIMIT
    from ui import auth, storage

    if len(network) <= EXACT_BETWEENNESS_LIMIT:
        return None
    with storage.storage_faults():
        return storage.store().exact_job_for(network.fingerprint(), actor=auth.current_user())


def _exact_version(network: StakeholderNetwork) -> int | None:
    job = exact_job(network)
    return job.version_id if job is not None and job.status == "done" else None


@st.cache_data(max_entries=4, show_spinner=False)
def _exact_values(version_id: int, _actor) -> tuple[dict, dict]:
    # Keyed on the version alone: reached only through exact_job, which
    # checked that this user may view the version (and the store checks again).
    from ui import storage

    found = storage.store().exact_values(version_id, actor=_actor)
    return found.betweenness, found.closeness


@st.cache_data(**_CACHE)
def _centrality(_network: StakeholderNetwork, fingerprint: str, exact_version: int | None = None) -> pd.DataFrame:
    from netanalysis import centrality

    from ui import auth

    exact = _exact_values(exact_version, auth.current_user()) if exact_version is not None else None
    table = centrality.centrality_table(_network.to_graph(), seed=DEFAULT_SEED, exact_paths=exact)
    if exact_version is not None:
        table.attrs["exact_version"] = exact_version
    return table


def centrality(network: StakeholderNetwork) -> pd.DataFrame:
    """Degree, betweenness, closeness, eigenvector and PageRank per stakeholder;
    betweenness and closeness exact from a saved version's background job
    when it has finished (``attrs["exact_version"]``), estimated before."""
    return _centrality(network, network.fingerprint(), _exact_version(network))


@st.cache_data(**_CACHE)
def _brokers(_network: StakeholderNetwork, fingerprint: str, lang: str, group: str,
             exact_version: int | None = None) -> pd.DataFrame:
    from netanalysis import brokers as brokers_module

    table = _centrality(_network, fingerprint, exact_version)
    return brokers_module.broker_table(_network.to_graph(), lang=lang, group=group, centrality=table)


def brokers(network: StakeholderNetwork, lang: str, group: str = "type") -> pd.DataFrame:
    """The ranked broker table (structural holes, brokerage roles, descriptions)."""
    return _brokers(network, network.fingerprint(), lang, group, _exact_version(network))


@st.cache_data(**_CACHE)
def _single_points(_network: StakeholderNetwork, fingerprint: str) -> pd.DataFrame:
    from netanalysis import brokers as brokers_module

    return brokers_module.single_points_of_contact(_network.to_graph())


def single_points(network: StakeholderNetwork) -> pd.DataFrame:
    """Stakeholders whose only route to the municipality runs through one civil servant."""
    return _single_points(network, network.fingerprint())


@st.cache_data(**_CACHE)
def _communities(_network: StakeholderNetwork, fingerprint: str, resolution: float, seed: int) -> dict:
    from netanalysis import communities as community_analysis

    return community_analysis.communities(_network.to_graph(), resolution=resolution, seed=seed)


def communities(network: StakeholderNetwork, resolution: float = DEFAULT_RESOLUTION, seed: int = DEFAULT_SEED) -> dict:
    """Louvain communities: ``{"membership": {id: community}, "modularity": q}``."""
    return _communities(network, network.fingerprint(), float(resolution), int(seed))


@st.cache_data(**_CACHE)
def _gaps(_network: StakeholderNetwork, fingerprint: str, lang: str, resolution: float, seed: int) -> dict:
    from netanalysis import gaps as gaps_module

    return gaps_module.gap_summary(_network.to_graph(), lang=lang, seed=seed, resolution=resolution)


def gaps(network: StakeholderNetwork, lang: str, resolution: float = DEFAULT_RESOLUTION, seed: int = DEFAULT_SEED) -> dict:
    """Headline gap figures, isolated initiatives, uncovered themes, mixing."""
    return _gaps(network, network.fingerprint(), lang, float(resolution), int(seed))


@st.cache_data(**_CACHE)
def _suggestions(_network: StakeholderNetwork, fingerprint: str, lang: str, limit: int) -> pd.DataFrame:
    from netanalysis import suggest

    return suggest.suggest_connections(_network.to_graph(), limit=limit, lang=lang, seed=DEFAULT_SEED)


def suggestions(network: StakeholderNetwork, lang: str, limit: int = 100) -> pd.DataFrame:
    """Ranked missing connections with reason and introducer."""
    return _suggestions(network, network.fingerprint(), lang, int(limit))


@st.cache_data(**_CACHE)
def _ego_suggestions(_network: StakeholderNetwork, fingerprint: str, node: str, lang: str) -> pd.DataFrame:
    from netanalysis import suggest

    return suggest.suggestions_for(_network.to_graph(), node, lang=lang)


def ego_suggestions(network: StakeholderNetwork, node: str, lang: str) -> pd.DataFrame:
    """Pairs among ``node``'s contacts that ``node`` could introduce."""
    return _ego_suggestions(network, network.fingerprint(), node, lang)


@st.cache_data(**_CACHE)
def _layout(_network: StakeholderNetwork, fingerprint: str) -> dict:
    from netanalysis.layout import layout_positions

    return layout_positions(_network.to_graph())


def layout(network: StakeholderNetwork) -> dict:
    """Seeded node positions, stable between reruns."""
    return _layout(network, network.fingerprint())


@st.cache_data(**_CACHE)
def _missing_initiatives(_network: StakeholderNetwork, fingerprint: str, node: str, lang: str) -> pd.DataFrame:
    from netanalysis import suggest

    return suggest.missing_initiatives_for(_network.to_graph(), node, lang=lang)


def missing_initiatives(network: StakeholderNetwork, node: str, lang: str) -> pd.DataFrame:
    """Initiatives in ``node``'s themes that ``node`` is not yet connected to."""
    return _missing_initiatives(network, network.fingerprint(), node, lang)


#: Rows and columns of the group-by-group heat map; smaller groups are shown together.
MIXING_GROUPS = 25


@st.cache_data(**_CACHE)
def _mixing(_network: StakeholderNetwork, fingerprint: str, attribute: str) -> dict:
    from netanalysis import communities as community_analysis

    G = _network.to_graph()
    membership = _communities(_network, fingerprint, DEFAULT_RESOLUTION, DEFAULT_SEED)["membership"] if attribute == "community" else None
    return {
        "counts": community_analysis.mixing_matrix(G, attribute, membership=membership, max_groups=MIXING_GROUPS),
        "density": community_analysis.tie_density(G, attribute, membership=membership, max_groups=MIXING_GROUPS),
        "ei": community_analysis.ei_index(G, attribute, membership=membership),
    }


def mixing(network: StakeholderNetwork, attribute: str) -> dict:
    """Ties and tie density between groups, and the E-I index per group."""
    return _mixing(network, network.fingerprint(), attribute)


@st.cache_resource(max_entries=16, show_spinner=False)
def _view(_network: StakeholderNetwork, fingerprint: str, types: tuple, themes: tuple, areas: tuple,
          min_strength: float | None, communities: tuple) -> StakeholderNetwork:
    view = _network.filter(types=types, themes=themes, areas=areas, min_strength=min_strength)
    if communities:
        membership = _communities(_network, fingerprint, DEFAULT_RESOLUTION, DEFAULT_SEED)["membership"]
        wanted = set(communities)
        view = view.subset(n for n in view.ids if membership.get(n) in wanted)
    return view


def view(network: StakeholderNetwork, *, types=(), themes=(), areas=(), min_strength=None, communities=()) -> StakeholderNetwork:
    """The filtered network, shared between reruns (a network is never changed
    in place, so one shared object is safe and its fingerprint is computed once)."""
    return _view(network, network.fingerprint(), tuple(types), tuple(themes), tuple(areas),
                 min_strength, tuple(communities))


@st.cache_data(max_entries=16, show_spinner=False)
def _overview_membership(_network: StakeholderNetwork, _view: StakeholderNetwork, fingerprint: str,
                         view_fingerprint: str) -> tuple[dict, bool]:
    from netanalysis import overview

    membership = _communities(_network, fingerprint, DEFAULT_RESOLUTION, DEFAULT_SEED)["membership"] \
        if len(_network.relations) else {}
    return overview.overview_membership(_view.to_graph(), membership, resolution=DEFAULT_RESOLUTION,
                                        seed=DEFAULT_SEED)


def overview_membership(network: StakeholderNetwork, shown: StakeholderNetwork) -> tuple[dict, bool]:
    """The communities the overview of ``shown`` draws as bubbles, and whether
    they are subgroups of it (:func:`netanalysis.overview.overview_membership`)."""
    return _overview_membership(network, shown, network.fingerprint(), shown.fingerprint())


@st.cache_resource(max_entries=16, show_spinner=False)
def _drilled(_network: StakeholderNetwork, _view: StakeholderNetwork, fingerprint: str, view_fingerprint: str,
             levels: tuple) -> StakeholderNetwork:
    shown = _view
    for level in levels:
        membership, _subgroups = overview_membership(_network, shown)
        wanted = set(level)
        shown = shown.subset(n for n in shown.ids if membership.get(n) in wanted)
    return shown


def drilled(network: StakeholderNetwork, shown: StakeholderNetwork, levels) -> StakeholderNetwork:
    """``shown`` narrowed level by level to the subgroups clicked in its
    overview (each level a list of subgroup keys, as
    :func:`netanalysis.overview.overview_members` returns them)."""
    levels = tuple(tuple(level) for level in levels)
    if not levels:
        return shown
    return _drilled(network, shown, network.fingerprint(), shown.fingerprint(), levels)


@st.cache_data(max_entries=16, show_spinner=False)
def _map_parts(_network: StakeholderNetwork, _view: StakeholderNetwork, fingerprint: str, view_fingerprint: str,
               lang: str, size_by: str, highlights: tuple, focus: str | None, presentation: bool, height: int,
               colour: str, exact_version: int | None = None) -> dict:
    from netanalysis import cuts, map_words, maps, overview

    G = _view.to_graph()
    membership = _communities(_network, fingerprint, DEFAULT_RESOLUTION, DEFAULT_SEED)["membership"] \
        if len(_network.relations) else {}
    if G.number_of_nodes() > maps.COMMUNITY_THRESHOLD:
        bubbles, subgroups = overview_membership(_network, _view)
        html = overview.community_overview_html(G, bubbles, lang=lang, height_px=height, presentation=presentation,
                                                subgroups=subgroups)
        return {"html": html, "words": None, "overview": True, "membership": bubbles, "subgroups": subgroups}
    highlight: dict = {"focus": focus}
    size_values = None
    suggested = []
    if len(_network.relations):
        if size_by != "none":
            size_values = _centrality(_network, fingerprint, exact_version)[size_by].to_dict()
        # The report's rule (maps.map_highlights), on the analysis of the
        # whole network; the toggles choose which marks are drawn.
        marks = maps.map_highlights(
            _brokers(_network, fingerprint, lang, "type", exact_version) if "brokers" in highlights else None,
            _suggestions(_network, fingerprint, lang, 100) if "suggestions" in highlights else None,
            _gaps(_network, fingerprint, lang, DEFAULT_RESOLUTION, DEFAULT_SEED)["isolated_initiatives"]
            if "isolated" in highlights else None,
        )
        if "brokers" in highlights:
            highlight["brokers"] = set(marks["brokers"])
        if "cuts" in highlights:
            # Cut points and bridges of what is shown: a filter can make new ones.
            highlight["cut_points"] = set(cuts.cut_points(G))
            highlight["bridges"] = set(cuts.bridges(G))
        if "isolated" in highlights:
            highlight["isolated"] = set(marks["isolated"])
        suggested = marks["suggestions"]
    # Positions from the whole network keep everyone in place under a
    # filter; above the overview's threshold only a community or a few are
    # drawn at a time (a drill-down), and laying out them alone is faster
    # and gives them the whole frame.
    positions = _layout(_network, fingerprint) if len(_network) <= maps.COMMUNITY_THRESHOLD else None
    html = maps.network_html(
        G, lang=lang, size_by=size_values, highlight=highlight, suggestions=suggested,
        positions={n: positions[n] for n in G if n in positions} if positions is not None else None,
        presentation=presentation, height_px=height,
        colour_by=membership if colour == "community" and membership else None,
    )
    words = map_words.network_in_words(G, lang=lang, size_by=size_values, highlight=highlight)
    return {"html": html, "words": words, "overview": False, "membership": None, "subgroups": False}


def map_parts(network: StakeholderNetwork, shown: StakeholderNetwork, *, lang: str, size_by: str = "none",
              highlights=(), focus: str | None = None, presentation: bool = False, height: int = 650,
              colour: str = "type") -> dict:
    """The map of ``shown`` (a filtered view of ``network``) with the analysis
    of the whole network for sizes and highlights; positions come from the
    whole network, so a filter never moves anyone. Returns ``{"html": page,
    "words": the map as a table (None for the community overview),
    "overview": True when one node stands for one community, "membership":
    the overview's bubbles {stakeholder: community}, "subgroups": True when
    those are parts of ``shown`` rather than the network's communities}``. Cached: a
    rerun with the same data and options builds nothing."""
    return _map_parts(network, shown, network.fingerprint(), shown.fingerprint(), lang, size_by,
                      tuple(sorted(highlights)), focus, presentation, int(height), colour,
                      _exact_version(network) if size_by != "none" or "brokers" in highlights else None)


def full_analysis(network: StakeholderNetwork, lang: str,
                  progress: Callable[[str, int, int], None] | None = None) -> dict:
    """What :func:`netanalysis.analysis.analyse` returns, built from the cached
    steps above: the report reuses whatever the pages computed already, and
    a second report of the same data computes nothing. ``progress`` is
    called as ``progress(step, index, total)`` before each step."""
    steps = {
        "centrality": lambda: {"centrality": centrality(network)},
        "brokers": lambda: {"broker_table": brokers(network, lang), "single_points": single_points(network)},
        "gaps": lambda: {"gap_summary": gaps(network, lang)},
        "suggestions": lambda: {"suggestions": suggestions(network, lang)},
    }
    parts: dict = {}
    timings: dict[str, float] = {}
    for index, step in enumerate(STEPS):
        if progress is not None:
            progress(step, index, len(STEPS))
        started = time.perf_counter()
        parts.update(steps[step]())
        timings[step] = time.perf_counter() - started
    return analysis_result(network, **parts, seed=DEFAULT_SEED, resolution=DEFAULT_RESOLUTION, timings=timings)
