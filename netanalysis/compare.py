"""Change over time: what differs between two versions of a network.

A manager asks "what changed since the last workshop?": who joined and who
left, which ties were made or lost, which initiatives found (or lost) their
way to the municipality, which brokers rose or fell, and how the headline
figures moved. :func:`compare_networks` answers that for two networks;
:func:`headline_series` gives the headline figures of every stored version
of a network, for a trend chart.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from . import communities, gaps, paths
from .i18n import Messages, normalise_language
from .network import StakeholderNetwork

__all__ = [
    "HEADLINE_FIGURES",
    "MESSAGES",
    "NetworkComparison",
    "compare_networks",
    "headline_figures",
    "headline_series",
    "betweenness_ranks",
]

#: The headline figures compared between versions, in display order.
HEADLINE_FIGURES: tuple[str, ...] = (
    "stakeholders",
    "relations",
    "components",
    "density",
    "isolated_initiatives",
    "modularity",
)

MESSAGES = Messages(
    {
        "stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "relations": {"nl": "Relaties", "en": "Relations"},
        "components": {"nl": "Losse delen", "en": "Components"},
        "density": {"nl": "Dichtheid", "en": "Density"},
        "isolated_initiatives": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "modularity": {"nl": "Modulariteit", "en": "Modularity"},
        "status_new": {"nl": "nieuw in de top", "en": "new in the top"},
        "status_rose": {"nl": "gestegen", "en": "rose"},
        "status_fell": {"nl": "gedaald", "en": "fell"},
        "status_same": {"nl": "gelijk", "en": "unchanged"},
        "status_left": {"nl": "uit de top", "en": "left the top"},
        "status_removed": {"nl": "niet meer in het netwerk", "en": "no longer in the network"},
    }
)

_STAKEHOLDER_COLUMNS = ["id", "name", "type"]
_RELATION_COLUMNS = ["source", "target", "type", "source_name", "target_name"]
_ISOLATED_COLUMNS = ["id", "name", "reason_code", "reason"]
_BROKER_COLUMNS = [
    "id", "name", "rank_before", "rank_after", "movement", "betweenness_before", "betweenness_after", "status", "status_label",
]


@dataclass(frozen=True)
class NetworkComparison:
    """The differences between a network ``before`` and ``after``.

    Every table is a :class:`pandas.DataFrame` with a fixed set of columns,
    sorted by name (then id), so it can be shown or tested as it is.

    Attributes
    ----------
    stakeholders_added, stakeholders_removed : DataFrame
        ``id``, ``name``, ``type``; stakeholders are matched by id.
    relations_added, relations_removed : DataFrame
        ``source``, ``target`` (the smaller id first), ``type``,
        ``source_name``, ``target_name``. Relations are undirected pairs
        plus type: ``a-b`` and ``b-a`` of the same type are one relation,
        and a changed strength or note is not a change of relation.
    no_longer_isolated : DataFrame
        Initiatives that were isolated before (see
        :func:`netanalysis.gaps.isolated_initiatives`) and, still in the
        network, are not any more: ``id``, ``name``, ``reason_code`` and
        ``reason`` (why they were isolated before).
    newly_isolated : DataFrame
        Initiatives isolated now that were not before, including new
        initiatives that arrived isolated: same columns, the reason now.
    brokers : DataFrame
        Everyone in the betweenness top-``top`` before or after (positive
        betweenness only): ``rank_before`` and ``rank_after`` (1 is
        highest, ranked among all stakeholders; missing when not in that
        network), ``movement`` (places risen: ``rank_before - rank_after``),
        both betweenness values, ``status`` (``new``, ``rose``, ``fell``,
        ``same``, ``left``, ``removed``) and ``status_label``. Sorted by
        rank after, then rank before.
    headline : DataFrame
        Indexed by figure (:data:`HEADLINE_FIGURES`): ``label``,
        ``before``, ``after`` and ``change`` (after minus before; NaN when
        either is NaN).
    lang : str
        Language of labels and reasons.
    """

    stakeholders_added: pd.DataFrame
    stakeholders_removed: pd.DataFrame
    relations_added: pd.DataFrame
    relations_removed: pd.DataFrame
    no_longer_isolated: pd.DataFrame
    newly_isolated: pd.DataFrame
    brokers: pd.DataFrame
    headline: pd.DataFrame
    lang: str = "nl"

    @property
    def counts(self) -> dict[str, int]:
        """How many rows each change table has, for a one-line summary."""
        return {
            name: len(getattr(self, name))
            for name in ("stakeholders_added", "stakeholders_removed", "relations_added", "relations_removed",
                         "no_longer_isolated", "newly_isolated")
        }

    @property
    def unchanged(self) -> bool:
        """Whether no stakeholder or relation was added or removed."""
        return not any(
            len(frame)
            for frame in (self.stakeholders_added, self.stakeholders_removed, self.relations_added, self.relations_removed)
        )


def _sort_by_name(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame.reset_index(drop=True)
    order = frame.assign(_key=frame["name"].map(lambda n: str(n).casefold())).sort_values(["_key", "id"])
    return order.drop(columns="_key").reset_index(drop=True)


def _stakeholder_rows(network: StakeholderNetwork, ids: set[str]) -> pd.DataFrame:
    people = network.stakeholders[network.stakeholders["id"].isin(ids)]
    return _sort_by_name(pd.DataFrame(people[_STAKEHOLDER_COLUMNS].to_dict("records"), columns=_STAKEHOLDER_COLUMNS))


def _relation_keys(network: StakeholderNetwork) -> set[tuple[str, str, str]]:
    keys = set()
    for source, target, kind in network.relations[["source", "target", "type"]].itertuples(index=False):
        low, high = sorted((str(source), str(target)))
        keys.add((low, high, kind))
    return keys


def _relation_rows(keys: set[tuple[str, str, str]], names: dict[str, str]) -> pd.DataFrame:
    rows = [
        {"source": s, "target": t, "type": kind, "source_name": names.get(s, s), "target_name": names.get(t, t)}
        for s, t, kind in keys
    ]
    rows.sort(key=lambda r: (r["source_name"].casefold(), r["target_name"].casefold(), r["source"], r["target"], r["type"]))
    return pd.DataFrame(rows, columns=_RELATION_COLUMNS)


def _isolated(G: nx.Graph, lang: str) -> pd.DataFrame:
    return gaps.isolated_initiatives(G, lang=lang)[_ISOLATED_COLUMNS]


def betweenness_ranks(G: nx.Graph, *, seed: int = 42) -> pd.DataFrame:
    """Every stakeholder's betweenness and its rank (1 = highest).

    Ties in betweenness share no rank: they are ordered by name, then id,
    so the ranking is total and the same on every run.

    Parameters
    ----------
    G : networkx.Graph
    seed : int
        Passed to :func:`netanalysis.paths.betweenness` (used on large graphs).

    Returns
    -------
    pandas.DataFrame
        Indexed by id: ``name``, ``betweenness``, ``rank``.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> betweenness_ranks(G)["rank"].to_dict()
    {'b': 1, 'a': 2, 'c': 3}
    """
    scores = paths.betweenness(G, seed=seed) if len(G) else {}
    rows = sorted(
        ((node, str(G.nodes[node].get("name") or node), float(score)) for node, score in scores.items()),
        key=lambda r: (-r[2], r[1].casefold(), str(r[0])),
    )
    frame = pd.DataFrame(
        [{"id": node, "name": name, "betweenness": score, "rank": rank} for rank, (node, name, score) in enumerate(rows, 1)],
        columns=["id", "name", "betweenness", "rank"],
    )
    return frame.set_index("id")


def _broker_changes(before: nx.Graph, after: nx.Graph, *, top: int, seed: int, lang: str) -> pd.DataFrame:
    ranks_before = betweenness_ranks(before, seed=seed)
    ranks_after = betweenness_ranks(after, seed=seed)

    def leaders(ranks: pd.DataFrame) -> list[Hashable]:
        positive = ranks[ranks["betweenness"] > 0]
        return list(positive[positive["rank"] <= top].index)

    people = list(dict.fromkeys([*leaders(ranks_after), *leaders(ranks_before)]))
    rows = []
    for node in people:
        rank_before = int(ranks_before.at[node, "rank"]) if node in ranks_before.index else None
        rank_after = int(ranks_after.at[node, "rank"]) if node in ranks_after.index else None
        in_top_after = node in ranks_after.index and rank_after <= top and ranks_after.at[node, "betweenness"] > 0
        in_top_before = node in ranks_before.index and rank_before <= top and ranks_before.at[node, "betweenness"] > 0
        if rank_after is None:
            status = "removed"
        elif not in_top_after:
            status = "left"
        elif not in_top_before:
            status = "new"
        elif rank_after < rank_before:
            status = "rose"
        elif rank_after > rank_before:
            status = "fell"
        else:
            status = "same"
        name = ranks_after.at[node, "name"] if rank_after is not None else ranks_before.at[node, "name"]
        rows.append(
            {
                "id": node,
                "name": name,
                "rank_before": rank_before,
                "rank_after": rank_after,
                "movement": None if rank_before is None or rank_after is None else rank_before - rank_after,
                "betweenness_before": float(ranks_before.at[node, "betweenness"]) if rank_before is not None else math.nan,
                "betweenness_after": float(ranks_after.at[node, "betweenness"]) if rank_after is not None else math.nan,
                "status": status,
                "status_label": MESSAGES.text(f"status_{status}", lang),
            }
        )
    big = 10**9
    rows.sort(key=lambda r: (r["rank_after"] if r["status"] not in ("left", "removed") else big, r["rank_before"] or big))
    frame = pd.DataFrame(rows, columns=_BROKER_COLUMNS)
    for column in ("rank_before", "rank_after", "movement"):
        frame[column] = frame[column].astype("Int64")
    return frame


def headline_figures(network: StakeholderNetwork, *, seed: int = 42) -> dict[str, float]:
    """The headline figures of one network (:data:`HEADLINE_FIGURES`).

    ``relations`` counts rows of the relations table (as the rest of the
    app does); ``density`` is of the merged graph; ``isolated_initiatives``
    counts initiatives of every reason in
    :func:`netanalysis.gaps.isolated_initiatives`; ``modularity`` is that of
    the seeded Louvain partition (:func:`netanalysis.communities.communities`),
    NaN without ties.

    Examples
    --------
    An initiative whose only door into the municipality is one civil
    servant counts as isolated (``single_person``):

    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "a", "name": "A", "type": "civil_servant"}, {"id": "b", "name": "B", "type": "initiative"},
    ...      {"id": "c", "name": "C", "type": "initiative"}],
    ...     [{"source": "a", "target": "b"}])
    >>> figures = headline_figures(net)
    >>> figures["stakeholders"], figures["relations"], figures["components"], figures["isolated_initiatives"]
    (3, 1, 2, 2)
    """
    G = network.to_graph()
    summary = network.summary()
    return {
        "stakeholders": summary["stakeholders"],
        "relations": summary["relations"],
        "components": summary["components"],
        "density": float(summary["density"]),
        "isolated_initiatives": len(gaps.isolated_initiatives(G)),
        "modularity": float(communities.communities(G, seed=seed)["modularity"]),
    }


def _headline_table(before: dict[str, float], after: dict[str, float], lang: str) -> pd.DataFrame:
    rows = []
    for key in HEADLINE_FIGURES:
        b, a = before[key], after[key]
        change = a - b if not (_nan(a) or _nan(b)) else math.nan
        rows.append({"figure": key, "label": MESSAGES.text(key, lang), "before": b, "after": a, "change": change})
    return pd.DataFrame(rows).set_index("figure")


def _nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def compare_networks(
    before: StakeholderNetwork,
    after: StakeholderNetwork,
    *,
    lang: str = "nl",
    top: int = 10,
    seed: int = 42,
) -> NetworkComparison:
    """What changed from ``before`` to ``after``.

    Parameters
    ----------
    before, after : StakeholderNetwork
        Two versions of one network; stakeholders are matched by id.
    lang : {"nl", "en"}
        Language of labels and reasons.
    top : int
        Size of the betweenness top list whose changes are reported.
    seed : int
        For sampled betweenness on large networks and Louvain communities.

    Returns
    -------
    NetworkComparison

    Notes
    -----
    Betweenness is Freeman's [1]_ (:func:`netanalysis.paths.betweenness`);
    isolated initiatives and modularity come from :mod:`netanalysis.gaps`.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. Sociometry, 40(1), 35-41. doi:10.2307/3033543

    Examples
    --------
    >>> old = StakeholderNetwork.from_tables(
    ...     [{"id": "a", "name": "Anouk", "type": "civil_servant"}, {"id": "b", "name": "Bram", "type": "civil_servant"},
    ...      {"id": "i", "name": "Moestuin", "type": "initiative"}],
    ...     [{"source": "a", "target": "b"}])
    >>> new = old.with_relations([{"source": "i", "target": "a", "type": "collaboration"},
    ...                           {"source": "i", "target": "b", "type": "collaboration"}])
    >>> diff = compare_networks(old, new, lang="en")
    >>> diff.relations_added[["source", "target", "type"]].values.tolist()
    [['a', 'i', 'collaboration'], ['b', 'i', 'collaboration']]
    >>> diff.no_longer_isolated["name"].tolist()
    ['Moestuin']
    """
    lang = normalise_language(lang)
    G_before, G_after = before.to_graph(), after.to_graph()
    ids_before, ids_after = set(before.ids), set(after.ids)
    names = {**before.names(), **after.names()}
    ties_before, ties_after = _relation_keys(before), _relation_keys(after)

    isolated_before = _isolated(G_before, lang)
    isolated_after = _isolated(G_after, lang)
    lonely_before, lonely_after = set(isolated_before["id"]), set(isolated_after["id"])
    still_here = isolated_before["id"].isin(ids_after) & ~isolated_before["id"].isin(lonely_after)
    freed = isolated_before.loc[still_here].copy()
    # The current name: an initiative may have been renamed meanwhile.
    freed["name"] = [names[i] for i in freed["id"]]
    stranded = isolated_after[~isolated_after["id"].isin(lonely_before)]

    return NetworkComparison(
        stakeholders_added=_stakeholder_rows(after, ids_after - ids_before),
        stakeholders_removed=_stakeholder_rows(before, ids_before - ids_after),
        relations_added=_relation_rows(ties_after - ties_before, names),
        relations_removed=_relation_rows(ties_before - ties_after, names),
        no_longer_isolated=_sort_by_name(freed),
        newly_isolated=_sort_by_name(stranded),
        brokers=_broker_changes(G_before, G_after, top=top, seed=seed, lang=lang),
        headline=_headline_table(headline_figures(before, seed=seed), headline_figures(after, seed=seed), lang),
        lang=lang,
    )


def headline_series(store, network_name: str, *, seed: int = 42, team: str | None = None, actor=None) -> pd.DataFrame:
    """The headline figures of every stored version of a network, oldest first.

    Parameters
    ----------
    store : netanalysis.store.Store
    network_name : str
    seed : int
        For the Louvain modularity of each version.
    team : str, optional
        The team owning the network (see :meth:`netanalysis.store.Store.list_versions`).
    actor : netanalysis.access.Actor, optional
        Who reads; default the store's local user.

    Returns
    -------
    pandas.DataFrame
        One row per version: ``version_id``, ``number``, ``created_at``,
        ``note`` and one column per :data:`HEADLINE_FIGURES`. Empty (with
        those columns) when the network was never saved. Feed it to
        ``charts.headline_trend`` for a chart.

    Notes
    -----
    Every version is loaded and measured, which takes well under a second
    per version for the networks a municipality keeps; cache the result on
    the newest version id.
    """
    columns = ["version_id", "number", "created_at", "note", *HEADLINE_FIGURES]
    rows = []
    for info in sorted(store.list_versions(network_name, team=team, actor=actor), key=lambda v: v.number):
        figures = headline_figures(store.load_version(info.id, actor=actor), seed=seed)
        rows.append({"version_id": info.id, "number": info.number, "created_at": info.created_at, "note": info.note, **figures})
    return pd.DataFrame(rows, columns=columns)
