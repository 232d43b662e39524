"""Cached analysis wrappers: every result is keyed on the network's content
fingerprint plus the parameters, so a rerun, a filter change elsewhere or a
page switch with unchanged data computes nothing again.

The network itself is passed as ``_network`` (not hashed: Streamlit skips
parameters starting with an underscore); the fingerprint stands in for it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netanalysis.network import StakeholderNetwork

__all__ = [
    "centrality", "brokers", "single_points", "gaps", "communities", "suggestions", "layout",
    "ego_suggestions", "missing_initiatives", "mixing",
]

_CACHE = dict(max_entries=24, show_spinner=False)


@st.cache_data(**_CACHE)
def _centrality(_network: StakeholderNetwork, fingerprint: str) -> pd.DataFrame:
    from netanalysis import metrics

    return metrics.centrality_table(_network.to_graph())


def centrality(network: StakeholderNetwork) -> pd.DataFrame:
    """Degree, betweenness, closeness, eigenvector and PageRank per stakeholder."""
    return _centrality(network, network.fingerprint())


@st.cache_data(**_CACHE)
def _brokers(_network: StakeholderNetwork, fingerprint: str, lang: str, group: str) -> pd.DataFrame:
    from netanalysis import brokers as brokers_module

    table = _centrality(_network, fingerprint)
    return brokers_module.broker_table(_network.to_graph(), lang=lang, group=group, centrality=table)


def brokers(network: StakeholderNetwork, lang: str, group: str = "type") -> pd.DataFrame:
    """The ranked broker table (structural holes, brokerage roles, descriptions)."""
    return _brokers(network, network.fingerprint(), lang, group)


@st.cache_data(**_CACHE)
def _single_points(_network: StakeholderNetwork, fingerprint: str) -> pd.DataFrame:
    from netanalysis import brokers as brokers_module

    return brokers_module.single_points_of_contact(_network.to_graph())


def single_points(network: StakeholderNetwork) -> pd.DataFrame:
    """Stakeholders whose only route to the municipality runs through one civil servant."""
    return _single_points(network, network.fingerprint())


@st.cache_data(**_CACHE)
def _communities(_network: StakeholderNetwork, fingerprint: str, resolution: float, seed: int) -> dict:
    from netanalysis import gaps as gaps_module

    return gaps_module.communities(_network.to_graph(), resolution=resolution, seed=seed)


def communities(network: StakeholderNetwork, resolution: float = 1.0, seed: int = 42) -> dict:
    """Louvain communities: ``{"membership": {id: community}, "modularity": q}``."""
    return _communities(network, network.fingerprint(), float(resolution), int(seed))


@st.cache_data(**_CACHE)
def _gaps(_network: StakeholderNetwork, fingerprint: str, lang: str, resolution: float, seed: int) -> dict:
    from netanalysis import gaps as gaps_module

    return gaps_module.gap_summary(_network.to_graph(), lang=lang, seed=seed, resolution=resolution)


def gaps(network: StakeholderNetwork, lang: str, resolution: float = 1.0, seed: int = 42) -> dict:
    """Headline gap figures, isolated initiatives, uncovered themes, mixing."""
    return _gaps(network, network.fingerprint(), lang, float(resolution), int(seed))


@st.cache_data(**_CACHE)
def _suggestions(_network: StakeholderNetwork, fingerprint: str, lang: str, limit: int) -> pd.DataFrame:
    from netanalysis import suggest

    return suggest.suggest_connections(_network.to_graph(), limit=limit, lang=lang)


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
    from netanalysis import maps

    return maps.layout_positions(_network.to_graph(), seed=42)


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


@st.cache_data(**_CACHE)
def _mixing(_network: StakeholderNetwork, fingerprint: str, attribute: str) -> dict:
    from netanalysis import gaps as gaps_module

    G = _network.to_graph()
    membership = _communities(_network, fingerprint, 1.0, 42)["membership"] if attribute == "community" else None
    return {
        "counts": gaps_module.mixing_matrix(G, attribute, membership=membership),
        "density": gaps_module.tie_density(G, attribute, membership=membership),
        "ei": gaps_module.ei_index(G, attribute, membership=membership),
    }


def mixing(network: StakeholderNetwork, attribute: str) -> dict:
    """Ties and tie density between groups, and the E-I index per group."""
    return _mixing(network, network.fingerprint(), attribute)
