"""Brokers: who connects whom, and who the municipality cannot do without.

* :func:`brokerage_roles`: Gould and Fernandez's five brokerage roles
  between groups (stakeholder types, organisations or wijken);
* :func:`single_points_of_contact`: stakeholders whose only way to the
  municipality runs through one civil servant;
* :func:`describe_broker`: one plain-language line per stakeholder;
* :func:`broker_table`: all of it in one ranked table, with betweenness
  (:mod:`netanalysis.paths`), Burt's measures (:mod:`netanalysis.holes`)
  and the cut points (:mod:`netanalysis.cuts`).

Every function takes the graph first, never changes it and returns plain
data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable

import networkx as nx
import numpy as np
import pandas as pd
from networkx.utils import not_implemented_for
from scipy import sparse
from scipy.sparse import csgraph

from . import graphs
from .attributes import GOVERNMENT, is_missing, node_text, node_type
from .centrality import centrality_table
from .cuts import cut_point_sizes
from .holes import HOLE_COLUMNS, structural_holes
from .i18n import Messages, join_words, normalise_language, number_word

__all__ = [
    "ROLES",
    "BROKER_COLUMNS",
    "SINGLE_CONTACT_COLUMNS",
    "MESSAGES",
    "brokerage_roles",
    "single_points_of_contact",
    "describe_broker",
    "broker_table",
]

#: Gould-Fernandez roles, in the order of the tables.
ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")

#: Columns of :func:`broker_table` (its index is the stakeholder id).
BROKER_COLUMNS = (
    "name", "type", "rank", "broker_score", "degree", "betweenness",
    *HOLE_COLUMNS, *ROLES, "brokerage_total", "is_cut_point", "cut_off", "description",
)

#: Columns of :func:`single_points_of_contact`.
SINGLE_CONTACT_COLUMNS = ("id", "name", "type", "civil_servant", "civil_servant_name", "cut_off")

MESSAGES = Messages(
    {
        "connects_with": {"nl": "verbindt {first} met {second}", "en": "connects {first} with {second}"},
        "connects": {"nl": "verbindt {first}", "en": "connects {first}"},
        "no_ties": {"nl": "heeft geen verbindingen", "en": "has no connections"},
        "in_area": {"nl": "{people} uit {area}", "en": "{people} of {area}"},
        "in_areas": {"nl": "{people} uit {count} wijken", "en": "{people} from {count} areas"},
        "departments": {"nl": "{count} afdelingen", "en": "{count} departments"},
        "servants_of": {"nl": "{people} van {organisation}", "en": "{people} of {organisation}"},
        "one_civil_servant": {"nl": "een ambtenaar", "en": "a civil servant"},
        "civil_servants": {"nl": "{count} ambtenaren", "en": "{count} civil servants"},
        "one_resident": {"nl": "een bewoner", "en": "a resident"},
        "residents": {"nl": "bewoners", "en": "residents"},
        "one_business": {"nl": "een ondernemer", "en": "a business"},
        "businesses": {"nl": "ondernemers", "en": "businesses"},
        "one_organisation": {"nl": "een organisatie", "en": "an organisation"},
        "organisations": {"nl": "organisaties", "en": "organisations"},
        "one_initiative": {"nl": "een initiatief", "en": "an initiative"},
        "initiatives": {"nl": "initiatieven", "en": "initiatives"},
        "one_other": {"nl": "een andere betrokkene", "en": "another stakeholder"},
        "others": {"nl": "andere betrokkenen", "en": "other stakeholders"},
    }
)
# Society first, in the order a sentence lists them; keys of MESSAGES.
_SOCIETY_TYPES = {
    "resident": ("one_resident", "residents"),
    "business": ("one_business", "businesses"),
    "organisation": ("one_organisation", "organisations"),
    "initiative": ("one_initiative", "initiatives"),
    "other": ("one_other", "others"),
}


# -- brokerage roles ------------------------------------------------------------------


def _group_key(value) -> Hashable | None:
    if is_missing(value):
        return None
    if isinstance(value, (list, set)):
        return tuple(sorted(map(str, value))) or None
    return value


def _role(source_group, broker_group, target_group) -> int:
    if source_group == broker_group:
        return 0 if target_group == broker_group else 3  # coordinator / representative
    if target_group == broker_group:
        return 2  # gatekeeper
    return 1 if source_group == target_group else 4  # itinerant / liaison


def brokerage_roles(G, *, group: str = "type") -> pd.DataFrame:
    r"""Gould and Fernandez's brokerage roles of every stakeholder.

    Every open two-path :math:`a \to v \to b` (:math:`a \ne b`, no tie
    :math:`a \to b`) makes :math:`v` a broker between :math:`a` and
    :math:`b`. Its role depends on the groups [1]_:

    ==============  ==============================  ========================
    role            groups                          example (group = type)
    ==============  ==============================  ========================
    coordinator     a, v, b in one group            a civil servant linking
                                                    two colleagues
    itinerant       a and b in one group, v not     a consultant between two
                                                    residents
    gatekeeper      v and b in one group, a not     the civil servant through
                                                    whom a resident reaches a
                                                    colleague
    representative  a and v in one group, b not     the civil servant who
                                                    takes a colleague's message
                                                    to a resident
    liaison         three different groups          an organisation between a
                                                    resident and a civil servant
    ==============  ==============================  ========================

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    group : str
        Node attribute naming the group: ``"type"`` (default),
        ``"organisation"`` or ``"area"``, or any other scalar attribute
        (a list is read as the set of its values).

    Returns
    -------
    pandas.DataFrame
        Indexed by stakeholder id (``"id"``), integer columns
        :data:`ROLES` and ``total`` (their sum).

    Notes
    -----
    *Undirected graphs.* Every tie is read as reciprocal (both directions),
    as R's ``sna::brokerage`` does with a symmetric matrix. An open pair
    :math:`\{a, b\}` of :math:`v`'s contacts is then two two-paths,
    :math:`a \to v \to b` and :math:`b \to v \to a`: coordinator, itinerant
    and liaison counts are twice the number of open pairs, and a pair with
    one end in :math:`v`'s group counts once as gatekeeper and once as
    representative, so **gatekeeper and representative counts are always
    equal**. ``total`` is the number of open ordered two-paths.

    *Missing groups.* A two-path counts only when :math:`a`, :math:`v` and
    :math:`b` all have a group (an attribute that is absent, None, NaN or
    empty text is no group): without one the role is undefined. A
    stakeholder without a group therefore has all counts 0, and paths
    through an ungrouped contact count for nobody.

    The columns correspond to R's ``sna::brokerage`` raw counts
    (``raw.nli``) as ``w_I`` coordinator, ``w_O`` itinerant, ``b_OI``
    gatekeeper, ``b_IO`` representative, ``b_O`` liaison and ``t`` total;
    sna, too, reads an undirected network as ties in both directions.

    The counts come from the group sizes among each stakeholder's contacts
    minus the closed two-paths (triangles), so the cost is that of
    counting triangles, not the square of the largest degree. For an
    undirected graph both terms are sparse matrix products (the contacts
    per group, and the shared contacts of the two ends of every tie); the
    tests check them against the definition and against the general count.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation:
       A formal approach to brokerage in transaction networks. Sociological
       Methodology, 19, 89-126. doi:10.2307/270949

    Examples
    --------
    >>> G = nx.path_graph(["r", "c", "d"])
    >>> nx.set_node_attributes(G, {"r": "resident", "c": "civil_servant", "d": "civil_servant"}, "type")
    >>> brokerage_roles(G).loc["c"].to_dict()
    {'coordinator': 0, 'itinerant': 0, 'gatekeeper': 1, 'representative': 1, 'liaison': 0, 'total': 2}
    """
    nodes = list(G)
    groups = {v: _group_key(G.nodes[v].get(group)) for v in nodes}
    if not G.is_directed() and not G.is_multigraph():
        return _roles_table(nodes, _undirected_role_counts(G, groups))
    incoming = G.pred if G.is_directed() else G.adj
    outgoing = G.succ if G.is_directed() else G.adj
    counts = {v: [0] * len(ROLES) for v in nodes}
    for v in nodes:
        own = groups[v]
        if own is None:
            continue
        senders = Counter(groups[a] for a in incoming[v] if a != v and groups[a] is not None)
        receivers = Counter(groups[b] for b in outgoing[v] if b != v and groups[b] is not None)
        # a -> v -> a is no two-path: remove pairs of a contact with itself.
        mutual = Counter(groups[a] for a in incoming[v] if a != v and a in outgoing[v] and groups[a] is not None)
        senders_total, receivers_total = sum(senders.values()), sum(receivers.values())
        same_in, same_out = senders[own], receivers[own]
        other_pairs_same_group = sum(count * receivers[g] for g, count in senders.items() if g != own)
        mutual_other = sum(mutual.values()) - mutual[own]
        tally = counts[v]
        tally[0] = same_in * same_out - mutual[own]
        tally[1] = other_pairs_same_group - mutual_other
        tally[2] = (senders_total - same_in) * same_out
        tally[3] = same_in * (receivers_total - same_out)
        tally[4] = (senders_total - same_in) * (receivers_total - same_out) - other_pairs_same_group
    # Closed two-paths a -> v -> b with a tie a -> b are no brokerage.
    for a in nodes:
        if groups[a] is None:
            continue
        out_a = outgoing[a]
        for b in out_a:
            if b == a or groups[b] is None:
                continue
            in_b = incoming[b]
            smaller, larger = (out_a, in_b) if len(out_a) <= len(in_b) else (in_b, out_a)
            for v in smaller:
                if v in larger and v != a and v != b and groups[v] is not None:
                    counts[v][_role(groups[a], groups[v], groups[b])] -= 1
    return _roles_table(nodes, np.array([counts[v] for v in nodes], dtype="int64").reshape(len(nodes), len(ROLES)))


def _roles_table(nodes: list, counts: np.ndarray) -> pd.DataFrame:
    table = pd.DataFrame(counts.astype("int64"), index=pd.Index(nodes, name="id"), columns=list(ROLES))
    table["total"] = table[list(ROLES)].sum(axis=1).astype("int64")
    return table


def _undirected_role_counts(G, groups: dict) -> np.ndarray:
    """The counts of :func:`brokerage_roles` for an undirected simple graph, as arrays.

    The same two terms as the general loop: the open and closed two-paths
    from the group counts among each stakeholder's contacts (a sparse
    stakeholder x group matrix), minus the closed two-paths, found as the
    shared contacts of the two ends of every tie.
    """
    nodes, adjacency = graphs.adjacency(G)
    n = len(nodes)
    codes: dict = {}
    group = np.array([-1 if groups[v] is None else codes.setdefault(groups[v], len(codes)) for v in nodes], dtype=np.int64)
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    if not codes or not n:
        return counts
    grouped = np.flatnonzero(group >= 0)
    membership = sparse.csr_array(
        (np.ones(len(grouped), dtype=np.int64), (grouped, group[grouped])), shape=(n, len(codes))
    )
    # contacts[v, g]: v's contacts in group g (every tie read in both directions).
    contacts = (adjacency.astype(np.int64) @ membership).tocsr()
    total = np.asarray(contacts.sum(axis=1)).ravel()
    squares = np.asarray(contacts.multiply(contacts).sum(axis=1)).ravel()
    has_group = group >= 0
    same = np.zeros(n, dtype=np.int64)
    same[has_group] = np.asarray(contacts[np.flatnonzero(has_group), group[has_group]]).ravel()
    other = total - same
    other_squares = squares - same * same
    counts[:, 0] = same * same - same
    counts[:, 1] = other_squares - other
    counts[:, 2] = other * same
    counts[:, 3] = same * other
    counts[:, 4] = other * other - other_squares
    counts[~has_group] = 0
    # Closed two-paths a - v - b (a tie a - b) are no brokerage: one per
    # direction of every tie and each of its ends' shared contacts.
    rows, cols = sparse.triu(adjacency, k=1).nonzero()
    ends = np.flatnonzero((group[rows] >= 0) & (group[cols] >= 0))
    a, b = rows[ends], cols[ends]
    if len(a):
        shared = (adjacency[a].multiply(adjacency[b])).tocoo()
        tie, v = shared.row, shared.col
        keep = group[v] >= 0
        tie, v = tie[keep], v[keep]
        for source, target in ((a[tie], b[tie]), (b[tie], a[tie])):
            gs, gv, gt = group[source], group[v], group[target]
            from_own, to_own = gs == gv, gt == gv
            role = np.where(from_own & to_own, 0, np.where(from_own, 3, np.where(to_own, 2, np.where(gs == gt, 1, 4))))
            counts -= np.bincount(v * len(ROLES) + role, minlength=n * len(ROLES)).reshape(n, len(ROLES))
    return counts


# -- single points of contact ------------------------------------------------------------


@not_implemented_for("directed")
def single_points_of_contact(G) -> pd.DataFrame:
    """Stakeholders whose only route to the municipality runs through one
    civil servant.

    A stakeholder that is not a civil servant (``type`` other than
    ``civil_servant``) depends on civil servant *c* when removing *c*
    disconnects it from every other civil servant, while it does reach *c*.
    If *c* is the only civil servant in reach, everyone who reaches *c*
    depends on *c*.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``type`` and ``name``.

    Returns
    -------
    pandas.DataFrame
        One row per dependent stakeholder, columns
        :data:`SINGLE_CONTACT_COLUMNS`: ``id``, ``name``, ``type``,
        ``civil_servant`` (id), ``civil_servant_name``, ``cut_off`` (how many
        stakeholders depend on that civil servant). Largest ``cut_off``
        first. Filter on ``type == "initiative"`` for initiatives only.

    Notes
    -----
    Removing every civil servant leaves the clusters of society. The first
    civil servant on any route from a stakeholder *x* to the municipality is
    a civil servant next to *x*'s cluster, so *x* depends on a single
    civil servant exactly when its cluster touches exactly one. (If it
    touches *c* and *d*, it reaches *d* without *c*; if it touches only *c*,
    every route to any other civil servant enters government through *c*.)
    In block-cut tree terms [1]_, *c* is then a cut point separating
    the cluster from the rest of government, or the only civil servant of
    the component. One pass over the graph, O(n + m), finds all of them.

    References
    ----------
    .. [1] Harary, F. (1969). Graph Theory, chapter 3 (blocks and the
       block-cut tree). Reading, MA: Addison-Wesley.

    Examples
    --------
    >>> G = nx.Graph([("a1", "a2"), ("a1", "i1"), ("i1", "b1"), ("a2", "i2"), ("a1", "i2")])
    >>> nx.set_node_attributes(G, {"a1": "civil_servant", "a2": "civil_servant", "i1": "initiative",
    ...                            "b1": "resident", "i2": "initiative"}, "type")
    >>> single_points_of_contact(G)[["id", "civil_servant", "cut_off"]].values.tolist()
    [['i1', 'a1', 2], ['b1', 'a1', 2]]
    """
    nodes, rows, cols = graphs.edge_index(G)
    n = len(nodes)
    government = np.fromiter((kind == GOVERNMENT for _, kind in G.nodes(data="type")), dtype=bool, count=n)
    if not government.any():
        return _empty_single_contacts()
    # Masks over the whole graph's cached edge arrays, not a subgraph view:
    # converting a view costs more than the rest of this function.
    among_society = ~government[rows] & ~government[cols]
    society = sparse.coo_array(
        (np.ones(int(among_society.sum())), (rows[among_society], cols[among_society])), shape=(n, n)
    )
    _, cluster = csgraph.connected_components(society, directed=False)
    across = government[rows] != government[cols]
    servant_first = government[rows[across]]
    member = np.where(servant_first, cols[across], rows[across])
    servant = np.where(servant_first, rows[across], cols[across])
    pairs = np.unique(cluster[member] * n + servant)  # (cluster, civil servant) it touches
    touched, contact = pairs // n, pairs % n
    only = np.full(n, -1, dtype=np.int64)  # cluster -> its one civil servant, -1 if not one
    alone = np.bincount(touched, minlength=n)[touched] == 1
    only[touched[alone]] = contact[alone]
    servant_of = np.where(government, -1, only[cluster])
    dependant = np.flatnonzero(servant_of >= 0)
    if not len(dependant):
        return _empty_single_contacts()
    servant_of = servant_of[dependant]
    cut_off = np.bincount(servant_of, minlength=n)[servant_of]
    # Largest cut_off first, then civil servant and dependant in graph order.
    order = np.lexsort((dependant, servant_of, -cut_off))
    members = [nodes[i] for i in dependant[order].tolist()]
    servants = [nodes[i] for i in servant_of[order].tolist()]
    data = G.nodes
    table = pd.DataFrame(
        {
            "id": members,
            "name": [data[v].get("name", v) for v in members],
            "type": [data[v].get("type", "other") for v in members],
            "civil_servant": servants,
            "civil_servant_name": [data[c].get("name", c) for c in servants],
            "cut_off": cut_off[order].tolist(),
        },
        columns=list(SINGLE_CONTACT_COLUMNS),
    )
    return table


def _empty_single_contacts() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in SINGLE_CONTACT_COLUMNS})
    frame["cut_off"] = frame["cut_off"].astype("int64")
    return frame


# -- descriptions ---------------------------------------------------------------------


def _areas(G, members: list) -> list[str]:
    return sorted({area for m in members if (area := node_text(G, m, "area"))})


def _with_areas(people: str, areas: list[str], lang: str) -> str:
    if len(areas) in (1, 2):
        return MESSAGES.text("in_area", lang, people=people, area=join_words(areas, lang))
    if len(areas) > 2:
        return MESSAGES.text("in_areas", lang, people=people, count=number_word(len(areas), lang))
    return people


def _people_word(kind: str, count: int, lang: str) -> str:
    singular, plural = _SOCIETY_TYPES[kind]
    return MESSAGES.text(singular if count == 1 else plural, lang)


def _society_phrases(by_type: dict, G, lang: str) -> list[str]:
    """One phrase per kind of contact (largest two kinds), or one phrase for
    both when they come from the same wijken ("bewoners en ondernemers uit
    Noord")."""
    order = list(_SOCIETY_TYPES)
    kinds = sorted(by_type, key=lambda kind: (-len(by_type[kind]), order.index(kind)))[:2]
    areas = [_areas(G, by_type[kind]) for kind in kinds]
    words = [_people_word(kind, len(by_type[kind]), lang) for kind in kinds]
    if len(kinds) == 2 and areas[0] and areas[0] == areas[1]:
        return [_with_areas(join_words(words, lang), areas[0], lang)]
    return [_with_areas(word, area, lang) for word, area in zip(words, areas)]


def _government_phrase(members: list, G, lang: str) -> str:
    organisations = sorted(
        {organisation for m in members if (organisation := node_text(G, m, "organisation"))}
    )
    if len(organisations) > 1:
        return MESSAGES.text("departments", lang, count=number_word(len(organisations), lang))
    people = (
        MESSAGES.text("one_civil_servant", lang)
        if len(members) == 1
        else MESSAGES.text("civil_servants", lang, count=number_word(len(members), lang))
    )
    if organisations:
        return MESSAGES.text("servants_of", lang, people=people, organisation=organisations[0])
    return people


def describe_broker(G, node, *, lang: str = "nl") -> str:
    """What a stakeholder connects, in one plain-language phrase.

    Built from the types, wijken (``area``) and departments
    (``organisation`` of civil servants) of its contacts: society first,
    largest group first (at most two kinds named), then government.

    Parameters
    ----------
    G : networkx.Graph
    node
        A stakeholder id in ``G``.
    lang : {"nl", "en"}

    Returns
    -------
    str
        E.g. "verbindt bewoners uit Noord met drie afdelingen" /
        "connects residents of Noord with three departments".

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.

    Examples
    --------
    >>> G = nx.star_graph(["x", "r1", "r2", "a1", "a2", "a3"])
    >>> nx.set_node_attributes(G, {"r1": "resident", "r2": "resident", "a1": "civil_servant",
    ...     "a2": "civil_servant", "a3": "civil_servant"}, "type")
    >>> nx.set_node_attributes(G, {"r1": "Noord", "r2": "Noord"}, "area")
    >>> nx.set_node_attributes(G, {"a1": "Wonen", "a2": "Groen", "a3": "Jeugd"}, "organisation")
    >>> describe_broker(G, "x")
    'verbindt bewoners uit Noord met drie afdelingen'
    >>> describe_broker(G, "x", lang="en")
    'connects residents of Noord with three departments'
    """
    if node not in G:
        raise nx.NodeNotFound(f"stakeholder {node!r} is not in the network")
    lang = normalise_language(lang)
    contacts = [c for c in nx.all_neighbors(G, node) if c != node] if G.is_directed() else [c for c in G[node] if c != node]
    contacts = list(dict.fromkeys(contacts))
    if not contacts:
        return MESSAGES.text("no_ties", lang)
    by_type = defaultdict(list)
    for contact in contacts:
        by_type[node_type(G, contact)].append(contact)
    government = by_type.pop(GOVERNMENT, [])
    society = _society_phrases(by_type, G, lang)
    if society and government:
        return MESSAGES.text("connects_with", lang, first=join_words(society, lang),
                             second=_government_phrase(government, G, lang))
    if len(society) == 2:
        return MESSAGES.text("connects_with", lang, first=society[0], second=society[1])
    if society:
        return MESSAGES.text("connects", lang, first=society[0])
    return MESSAGES.text("connects", lang, first=_government_phrase(government, G, lang))


# -- the broker table ------------------------------------------------------------------


@not_implemented_for("directed")
def broker_table(
    G,
    *,
    lang: str = "nl",
    group: str = "type",
    weight: str | None = "weight",
    centrality: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every stakeholder's brokerage in one table, best broker first.

    Parameters
    ----------
    G : networkx.Graph
    lang : {"nl", "en"}
        Language of ``description``.
    group : str
        Node attribute defining groups for :func:`brokerage_roles`.
    weight : str or None
        Edge attribute holding the strength, for :func:`~netanalysis.holes.structural_holes`
        (and for the centralities when they are computed here).
    centrality : pandas.DataFrame, optional
        A :func:`netanalysis.centrality.centrality_table` of the same graph, so
        betweenness is not computed twice.

    Returns
    -------
    pandas.DataFrame
        Indexed by stakeholder id (``"id"``), columns
        :data:`BROKER_COLUMNS`: ``name``, ``type``, ``rank`` (1 = best),
        ``broker_score``, ``degree``, ``betweenness``, ``constraint``,
        ``effective_size``, ``efficiency``, ``hierarchy``, the five role
        counts, ``brokerage_total``, ``is_cut_point``, ``cut_off`` (see
        :func:`~netanalysis.cuts.cut_point_sizes`; 0 for non-cut points) and ``description``.
        ``attrs`` carries the centrality table's betweenness method.

    Raises
    ------
    ValueError
        If ``centrality`` does not cover exactly the stakeholders of ``G``.
    networkx.NetworkXNotImplemented
        For a directed graph (:func:`brokerage_roles` and
        :func:`~netanalysis.holes.structural_holes` accept one on their own).

    Notes
    -----
    *Ranking rule.* Betweenness first: a broker is, before anything else,
    someone others' shortest routes run through [1]_. ``broker_score`` is
    betweenness relative to the highest in the network (1 for the top
    broker, 0 when nobody lies between others). Equal betweenness (to 12
    decimals) is broken by lower constraint (more structural holes [2]_;
    NaN last), then larger effective size, then graph order. No weights are
    tuned: the rule is the same for every network.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. Sociometry, 40(1), 35-41.
    .. [2] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Cambridge, MA: Harvard University Press.
    .. [3] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation:
       A formal approach to brokerage in transaction networks. Sociological
       Methodology, 19, 89-126.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c", "d"])
    >>> broker_table(G)[["rank", "broker_score", "is_cut_point"]].to_dict("index")["b"]
    {'rank': 1, 'broker_score': 1.0, 'is_cut_point': True}
    """
    nodes = list(G)
    if centrality is None:
        centrality = centrality_table(G, weight=weight)
    elif len(centrality) != len(nodes) or set(centrality.index) != set(nodes):
        raise ValueError("the centrality table does not belong to this graph")
    holes = structural_holes(G, weight=weight)
    roles = brokerage_roles(G, group=group)
    cut_sizes = cut_point_sizes(G)
    index = pd.Index(nodes, name="id")
    between = centrality["betweenness"].reindex(index).astype(float)
    top = between.max() if len(between) else 0.0
    table = pd.DataFrame(
        {
            "name": [G.nodes[v].get("name", v) for v in nodes],
            "type": [G.nodes[v].get("type", "other") for v in nodes],
            "rank": 0,
            "broker_score": (between / top) if top > 0 else 0.0,
            "degree": [G.degree(v) for v in nodes],
            "betweenness": between,
        },
        index=index,
    )
    table = table.join(holes).join(roles.rename(columns={"total": "brokerage_total"}))
    table["is_cut_point"] = [v in cut_sizes for v in nodes]
    table["cut_off"] = [cut_sizes.get(v, 0) for v in nodes]
    table["description"] = [describe_broker(G, v, lang=lang) for v in nodes]
    order = np.lexsort(
        (
            np.arange(len(nodes)),
            -table["effective_size"].fillna(-np.inf).to_numpy(),
            table["constraint"].fillna(np.inf).to_numpy(),
            -between.round(12).to_numpy(),
        )
    )
    table = table.iloc[order]
    table["rank"] = np.arange(1, len(table) + 1, dtype="int64")
    table["degree"] = table["degree"].astype("int64")
    table.attrs = dict(centrality.attrs)
    return table[list(BROKER_COLUMNS)]
